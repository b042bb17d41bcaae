"""Published-versus-ours tables and the ``results/<stem>.json`` files."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

from zprime import paths
from zprime.validation import InputError


def rel_diff(ours: float, published: float) -> float:
    """(ours - published)/published; NaN-free: a zero published value raises."""
    if published == 0:
        raise ZeroDivisionError("relative difference to a published value of 0")
    return (ours - published) / published


def comparison_table(rows: Iterable[Sequence], sig: int = 4) -> str:
    """Format rows (quantity, published, ours[, note]) as a fixed-width table.

    ``published`` may be a number, a (lo, hi) range or a string (quoted as is);
    numbers are printed with ``sig`` significant digits so that the output is
    stable for nbval.
    """

    def fmt(v):
        if isinstance(v, str):
            return v
        if isinstance(v, (tuple, list)):
            return "[" + ", ".join(fmt(x) for x in v) + "]"
        return f"{v:.{sig}g}"

    lines = [f"{'quantity':<44} {'published':>18} {'ours':>22} {'rel. diff':>10}  note"]
    for row in rows:
        name, pub, ours, *note = row
        if isinstance(pub, (int, float)) and isinstance(ours, (int, float)) and pub != 0:
            rd = f"{rel_diff(ours, pub):+.1%}"
        elif isinstance(pub, (tuple, list)) and isinstance(ours, (tuple, list)) and len(pub) == len(ours):
            rd = "/".join(f"{rel_diff(o, p):+.0%}" for o, p in zip(ours, pub))
        else:
            rd = "-"
        lines.append(f"{name:<44} {fmt(pub):>18} {fmt(ours):>22} {rd:>10}  {note[0] if note else ''}")
    return "\n".join(lines)


def _plain(obj):
    """Convert numpy scalars/arrays and tuples to JSON-native types; reject NaN/inf."""
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if hasattr(obj, "tolist"):
        return _plain(obj.tolist())
    if isinstance(obj, float):
        if not math.isfinite(obj):
            raise InputError("results must be finite numbers")
        return float(f"{obj:.10g}")
    return obj


def write_results(stem: str, results: dict, directory: Path | None = None) -> Path:
    """Write ``<stem>.json`` (sorted keys, 10 significant digits) into ``directory`` (default
    :func:`zprime.paths.results_dir`, the output root's ``results/``), atomically; return its path."""
    paths.check_name(stem)
    directory = Path(directory) if directory else paths.results_dir()
    text = json.dumps(_plain(results), indent=2, sort_keys=True) + "\n"
    return paths.atomic_write(directory / f"{stem}.json", lambda tmp: tmp.write_text(text))


def read_results(stem: str, directory: Path | None = None) -> dict:
    """Read ``<stem>.json`` from ``directory`` (default: the committed ``results/`` of the checkout)."""
    directory = Path(directory) if directory else paths.RESULTS
    return json.loads((directory / f"{paths.check_name(stem)}.json").read_text())
