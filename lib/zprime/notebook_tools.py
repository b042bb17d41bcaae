"""Notebook helpers: parameter checks, and ``python -m zprime.notebook_tools clean IN OUT``.

:func:`check_parameters` validates a notebook's papermill parameters in its first code cell, so
that a run with a bad value stops before it computes or writes anything.  :func:`logic_count`
measures how much logic a notebook carries (notebooks tell the story and call the library).

``clean`` keeps executed notebooks reviewable:

Drops papermill's per-cell timing, the run's start/end times and progress bars
(stderr streams: their rates change on every run), and joins consecutive stream
outputs of one cell (how the kernel chunks them varies); keeps the other outputs
and execution counts, which nbval needs as reference.
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zprime.errors import ParameterError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


def _number(name, value, *, integer=False):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"parameter {name} = {value!r}: expected a {'whole ' if integer else ''}number")
    if not math.isfinite(value):
        raise ParameterError(f"parameter {name} = {value!r}: must be finite")
    if integer and value != int(value):
        raise ParameterError(f"parameter {name} = {value!r}: must be a whole number")
    return value


def _check_declared_types(values: Mapping, optional: set) -> None:
    """The type check of :func:`check_parameters` (declared types from ``__annotations__``)."""
    from zprime import paths

    types = {t.__name__: t for t in (float, int, str, list, tuple)}
    for name, kind in dict(values.get("__annotations__", {})).items():
        kind = types.get(kind, kind) if isinstance(kind, str) else kind  # postponed annotations are strings
        if name not in values or kind not in types.values():
            continue
        v = values[name]
        if v is None:
            if name in optional:
                continue
            raise ParameterError(f"parameter {name} = None: expected a {kind.__name__}")
        if kind is float:
            _number(name, v)
        elif kind is int:
            if _number(name, v, integer=True) < 0:
                raise ParameterError(f"parameter {name} = {v!r}: must be a whole number >= 0")
        elif kind is str:
            if not isinstance(v, str):
                raise ParameterError(f"parameter {name} = {v!r}: expected a string")
            if name == "stem":
                paths.check_name(v, f"parameter {name}")
        else:
            if not isinstance(v, (list, tuple)):
                raise ParameterError(f"parameter {name} = {v!r}: expected a {kind.__name__} of numbers")
            for x in v:
                _number(name, x)


def check_parameters(
    values: Mapping,
    *,
    positive: Iterable[str] = (),
    positive_int: Iterable[str] = (),
    finite: Iterable[str] = (),
    unit_interval: Iterable[str] = (),
    increasing: Iterable[tuple[str, str]] = (),
    optional: Iterable[str] = (),
) -> None:
    """Raise :class:`zprime.errors.ParameterError` naming the first bad parameter.

    First every parameter declared with a type in the parameters cell (``n_mass: int = 100``) is
    checked against it: ``float`` a finite number, ``int`` a whole number >= 0, ``list`` / ``tuple``
    one of finite numbers, ``str`` a string (``stem``, the name of the outputs, a plain name that
    keeps them inside the output directory); None only for the ``optional`` names.  Then the rules:

    values : the notebook's namespace (``globals()``); each listed name must be in it.
    positive : finite numbers > 0 (elementwise for lists and tuples); positive_int : whole numbers >= 1;
    finite : finite numbers; unit_interval : numbers in [0, 1]; increasing : pairs (lo, hi) with lo < hi;
    optional : names that may also be None (checked as listed otherwise).
    """
    optional = set(optional)
    _check_declared_types(values, optional)

    def items(name):
        if name not in values:
            raise ParameterError(f"parameter {name} is not defined in the notebook")
        v = values[name]
        if v is None and name in optional:
            return []
        return list(v) if isinstance(v, (list, tuple)) else [v]

    for name in positive:
        for v in items(name):
            if _number(name, v) <= 0:
                raise ParameterError(f"parameter {name} = {values[name]!r}: must be > 0")
    for name in positive_int:
        for v in items(name):
            if _number(name, v, integer=True) < 1:
                raise ParameterError(f"parameter {name} = {values[name]!r}: must be a whole number >= 1")
    for name in finite:
        for v in items(name):
            _number(name, v)
    for name in unit_interval:
        for v in items(name):
            if not 0 <= _number(name, v) <= 1:
                raise ParameterError(f"parameter {name} = {values[name]!r}: must lie in [0, 1]")
    for lo, hi in increasing:
        a, b = _number(lo, values[lo]), _number(hi, values[hi])
        if not a < b:
            raise ParameterError(f"parameters {lo} = {a!r} and {hi} = {b!r}: need {lo} < {hi}")


def process_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """The notebooks' process pool: ``workers`` processes (None: every local core).  Pass it as ``executor``
    to the scans; ``shutdown()`` it (or use it in a ``with`` block) when done."""
    from concurrent.futures import ProcessPoolExecutor

    from zprime.statistics.parallel import local_workers

    check_parameters({"workers": workers}, positive_int=["workers"], optional=["workers"])
    return ProcessPoolExecutor(max_workers=local_workers() if workers is None else int(workers))


def clean(src: str, dst: str) -> None:
    # imported here, not at the top: nbformat's schema validator costs ~1.5 s of import in every notebook
    # kernel, and only `make figures` (through this function) needs it
    import nbformat

    nb = nbformat.read(src, as_version=4)
    pm = nb.metadata.get("papermill", {})
    for key in ("start_time", "end_time", "duration", "input_path", "output_path", "environment_variables"):
        pm.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            outs: list = []
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)
                if out.output_type == "stream" and out.name == "stderr":
                    continue
                if (
                    out.output_type == "stream"
                    and outs
                    and outs[-1].output_type == "stream"
                    and outs[-1].name == out.name
                ):
                    outs[-1].text += out.text
                    continue
                outs.append(out)
            cell.outputs = outs
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nbformat.write(nb, dst)


def summary(stamp_dir: str, stems: list[str]) -> str:
    """The table `make figures` prints: per notebook, whether it ran, seconds, results changed or not."""
    import json
    from pathlib import Path

    from zprime import paths, report

    d = Path(stamp_dir)
    lines = [f"{'notebook':36s} {'run':>10s} {'seconds':>8s}  results/<stem>.json"]
    for stem in stems:
        ran = d / f"{stem}.ran"
        if not ran.exists():
            lines.append(f"{stem:36s} {'up to date':>10s} {'-':>8s}  -")
            continue
        secs = ran.read_text().strip()
        ran.unlink()
        before, after = d / f"{stem}.before.json", paths.RESULTS / f"{stem}.json"
        if not before.exists():
            note = "new"
        else:
            changed = report.numbers_changed(json.loads(before.read_text()), json.loads(after.read_text()), stem)
            note = (
                "unchanged (each key to its precision, timings aside)"
                if not changed
                else f"CHANGED: {len(changed)} key(s), e.g. {', '.join(changed[:3])}"
            )
        lines.append(f"{stem:36s} {'ran':>10s} {secs:>8s}  {note}")
    return "\n".join(lines)


@dataclass(frozen=True)
class LogicCount:
    """How much logic a notebook's code cells carry: lines that are neither blank nor comments."""

    lines: int  #: logic lines in all code cells
    definitions: int  #: ``def`` statements
    long_cells: tuple[tuple[int, int], ...]  #: (cell index, logic lines) of cells over :data:`MAX_CELL_LINES`


#: A code cell longer than this belongs in the library (the house style).
MAX_CELL_LINES = 30


def logic_count(path: str | Path) -> LogicCount:
    """Count the logic in the code cells of the notebook at ``path`` (see :class:`LogicCount`)."""
    import json
    import re

    cells = json.loads(Path(path).read_text())["cells"]
    lines, defs, long = 0, 0, []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        logic = [ln for ln in "".join(cell["source"]).split("\n") if ln.strip() and not ln.strip().startswith("#")]
        lines += len(logic)
        defs += sum(1 for ln in logic if re.match(r"\s*def ", ln))
        if len(logic) > MAX_CELL_LINES:
            long.append((i, len(logic)))
    return LogicCount(lines, defs, tuple(long))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "clean":
        clean(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 3 and sys.argv[1] == "summary":
        print(summary(sys.argv[2], sys.argv[3:]))
    else:
        sys.exit(
            "usage: python -m zprime.notebook_tools clean IN.ipynb OUT.ipynb\n"
            "       python -m zprime.notebook_tools summary STAMP_DIR STEM..."
        )
