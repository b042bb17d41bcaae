"""Published-versus-ours tables and the ``results/<stem>.json`` files."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from zprime import paths
from zprime.validation import InputError, checks


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


#: How precisely each results key is reproducible, by how it is computed (the table's own doc).
PRECISION_TABLE = paths.ROOT / "lib" / "zprime" / "tables" / "results_precision.toml"


@functools.lru_cache(maxsize=1)
def _precision_rules() -> tuple[int, tuple[tuple[str, str, int], ...]]:
    import tomllib

    doc = tomllib.loads(PRECISION_TABLE.read_text())
    rules = tuple((r["stem"], key, int(r["digits"])) for r in doc.get("rule", []) for key in rule_keys(r))
    return int(doc["default"]["digits"]), rules


def rule_keys(rule: dict) -> list[str]:
    """The key patterns of a rule of :data:`PRECISION_TABLE`: ``key`` is one pattern or a list of them
    (keys computed the same way share one rule and its method)."""
    key = rule["key"]
    return [key] if isinstance(key, str) else list(key)


def precision(stem: str, key: str) -> int:
    """Significant digits to which results key ``key`` ("a/b/c") of ``results/<stem>.json`` is
    reproducible: the first matching rule of :data:`PRECISION_TABLE` (``*`` matches anything), else
    its default (10)."""
    import fnmatch

    for name, v in (("stem", stem), ("key", key)):
        if not isinstance(v, str):
            raise InputError(f"{name} must be a string, got {v!r}")
    default, rules = _precision_rules()
    for s, pattern, digits in rules:
        if fnmatch.fnmatchcase(stem, s) and fnmatch.fnmatchcase(key, pattern):
            return digits
    return default


def _significant(x: float, digits: int) -> float:
    return float(f"{x:.{digits}g}")


@checks(x="scalar", digits="count")
def significant(x: float, digits: int) -> float:
    """``x`` rounded to ``digits`` significant digits (the one rounding of printed and stored results)."""
    return _significant(x, digits)


@checks(x="scalar", floor="positive scalar")
def small(x: float, floor: float) -> str:
    """``x`` as "3.1e-05", or "< 1e-12" when |x| < ``floor``: for differences and ratios whose size below
    ``floor`` is the machine's rounding, not the method's (printed so that a re-run prints the same)."""
    return f"{x:.1e}" if abs(x) >= floor else f"< {floor:.0e}"


def _round_tree(obj, digits: Callable[[str], int], key: str, strict: bool):
    """Nested dicts, lists, tuples and numpy values as plain Python, each float rounded to ``digits(key)``
    significant digits (``key`` the "a/b/c" path).  ``strict``: dict keys become strings and a non-finite
    number raises (results files); otherwise keys and non-finite numbers are left as they are."""
    if isinstance(obj, dict):
        return {
            (str(k) if strict else k): _round_tree(v, digits, f"{key}/{k}".lstrip("/"), strict) for k, v in obj.items()
        }
    if isinstance(obj, (list, tuple)):
        return [_round_tree(v, digits, key, strict) for v in obj]
    if hasattr(obj, "tolist"):
        return _round_tree(obj.tolist(), digits, key, strict)
    if isinstance(obj, float):
        if math.isfinite(obj):
            return _significant(obj, digits(key))
        if strict:
            raise InputError("results must be finite numbers")
    return obj


def rounded(obj: object, digits: int) -> object:
    """A copy of a nested structure of dicts, lists and numbers with every float (numpy ones too) rounded
    to ``digits`` significant digits: what notebooks print, so that a re-run prints the same."""
    return _round_tree(obj, lambda _key: digits, "", False)


def _plain(obj, stem: str = ""):
    """Convert numpy scalars/arrays and tuples to JSON-native types, floats rounded to the precision of
    their key (:func:`precision`); reject NaN/inf."""
    return _round_tree(obj, lambda key: precision(stem, key), "", True)


def numbers_changed(before: object, after: object, stem: str = "", key: str = "") -> list[str]:
    """Keys whose values differ between two results documents by more than one unit in the last
    digit their precision keeps (:func:`precision`); timings (keys named "seconds") ignored."""
    if isinstance(before, dict) and isinstance(after, dict):
        out = []
        for k in sorted(set(before) | set(after)):
            sub = f"{key}/{k}".lstrip("/")
            if k == "seconds":
                continue
            if k not in before or k not in after:
                out.append(sub)
            else:
                out += numbers_changed(before[k], after[k], stem, sub)
        return out
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [x for a, b in zip(before, after) for x in numbers_changed(a, b, stem, key)][:1]
    if isinstance(before, (int, float)) and isinstance(after, (int, float)) and not isinstance(before, bool):
        tol = 10.0 ** (1 - precision(stem, key))
        return [] if before == after or abs(before - after) <= tol * max(abs(before), abs(after)) else [key]
    return [] if before == after else [key]


def write_results(stem: str, results: dict, directory: Path | None = None) -> Path:
    """Write ``<stem>.json`` (sorted keys, each number to the digits its method reproduces,
    :func:`precision`) into ``directory`` (default :func:`zprime.paths.results_dir`, the output
    root's ``results/``), atomically; return its path."""
    paths.check_name(stem)
    directory = Path(directory) if directory else paths.results_dir()
    text = json.dumps(_plain(results, stem), indent=2, sort_keys=True) + "\n"
    return paths.atomic_write(directory / f"{stem}.json", lambda tmp: tmp.write_text(text))


def read_results(stem: str, directory: Path | None = None) -> dict:
    """Read ``<stem>.json`` from ``directory`` (default: the committed ``results/`` of the checkout)."""
    directory = Path(directory) if directory else paths.RESULTS
    return json.loads((directory / f"{paths.check_name(stem)}.json").read_text())
