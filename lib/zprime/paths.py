"""Project paths (the showyourwork idea: every path built from one place).

``ROOT`` is the repository checkout that holds ``lib/zprime``; ``results/`` and ``figures/``
below it hold the committed reference outputs, which the tests read.

Notebooks write their figures and results below :func:`output_root`: the directory named by
the environment variable ``ZPRIME_OUTPUT``, else ``zprime-output`` in the system's temporary
directory.  The reference run (``make figures``) sets ``ZPRIME_OUTPUT`` to the checkout; any
other run (a papermill run with other parameters, JupyterLab, nbval in ``make test``) leaves
the checkout untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
RESULTS = ROOT / "results"
DATA_EXTERNAL = ROOT / "data" / "external"
#: Read-only data shared next to the checkout (searched after data/external).
DATA_SHARED = ROOT.parent / "shared" / "data"
#: Whether the package runs from a checkout (``pip install -e .``, or ``lib/`` on the path) rather
#: than from a non-editable install, where ROOT is not a project and only the cache is searched.
IS_CHECKOUT = (ROOT / "pyproject.toml").is_file() and (ROOT / "lib" / "zprime").is_dir()


#: Environment variable naming the directory notebooks write figures/ and results/ into.
OUTPUT_ENV = "ZPRIME_OUTPUT"


def output_root() -> Path:
    """Where notebooks write: ``$ZPRIME_OUTPUT``, else ``<tempdir>/zprime-output`` (see the module doc)."""
    value = os.environ.get(OUTPUT_ENV, "").strip()
    return Path(value).resolve() if value else Path(tempfile.gettempdir()) / "zprime-output"


def check_name(name: str, what: str = "stem") -> str:
    """A plain file name for an output (a notebook's stem, a figure's name): letters, digits, ``_ - .``,
    not starting with a dot, so that every output stays inside the output root.

    Raises
    ------
    zprime.errors.ParameterError
        Naming the argument, for an empty name, a path ("../x", "a/b") or other characters.
    """
    import re

    from zprime.errors import ParameterError

    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", name):
        raise ParameterError(
            f"{what} {name!r}: must be a plain name (letters, digits, _ - ., not starting with a dot); outputs "
            "stay inside the output directory"
        )
    return name


def figure_dir(stem: str) -> Path:
    """``<output root>/figures/<stem>/``, created if needed (``stem`` a plain name, :func:`check_name`)."""
    d = output_root() / "figures" / check_name(stem)
    d.mkdir(parents=True, exist_ok=True)
    return d


def results_dir() -> Path:
    """``<output root>/results/``, created if needed."""
    d = output_root() / "results"
    d.mkdir(parents=True, exist_ok=True)
    return d


def shown(path: Path) -> str:
    """A path as notebooks print it: relative to the checkout when inside it, else relative to
    the output root as ``$ZPRIME_OUTPUT/...`` (no machine-specific prefix in committed outputs)."""
    path = Path(path).resolve()
    for base, label in ((ROOT, ""), (output_root(), "$ZPRIME_OUTPUT/")):
        try:
            return label + str(path.relative_to(base))
        except ValueError:
            continue
    return path.name


def atomic_write(path: Path, write: Callable) -> Path:
    """Call ``write(tmp_path)`` and move the finished file onto ``path`` (one rename, so a reader or
    a parallel run never sees a half-written file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
