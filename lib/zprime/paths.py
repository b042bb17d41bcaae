"""Project paths (the showyourwork idea: every path built from one place).

``ROOT`` is the repository checkout that holds ``lib/zprime``; notebooks and
scripts write into ``figures/<stem>/`` and ``results/<stem>.json`` below it
whatever their working directory.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
FIGURES = ROOT / "figures"
RESULTS = ROOT / "results"
DATA_EXTERNAL = ROOT / "data" / "external"
#: Read-only data shared next to the checkout (the last place zprime.data looks).
DATA_SHARED = ROOT.parent / "shared" / "data"


def figure_dir(stem: str) -> Path:
    """``figures/<stem>/``, created if needed."""
    d = FIGURES / stem
    d.mkdir(parents=True, exist_ok=True)
    return d
