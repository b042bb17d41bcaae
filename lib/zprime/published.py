"""Published tables of the replicated papers, read from ``lib/zprime/tables/*.toml``.

The notebooks, the library and the tests read the same files, so a published number is typed
once.  Each file states its source and any reading of a garbled number.

    >>> from zprime import published
    >>> published.atzori_corona2022_table2()["B-L"]["CsI"]      # [g low M, g/M high M]
    [5.27e-05, 0.001]
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

__all__ = ["TABLES", "load", "atzori_corona2022_table2", "greljo2022_table1"]

#: Directory of the table files.
TABLES = Path(__file__).parent / "tables"


@cache
def _load(name: str) -> dict:
    f = TABLES / f"{name}.toml"
    if not f.is_file():
        known = sorted(p.stem for p in TABLES.glob("*.toml"))
        raise FileNotFoundError(f"no table {name!r} in {TABLES}; known: {known}")
    with open(f, "rb") as fh:
        return tomllib.load(fh)


def load(name: str) -> dict:
    """The parsed TOML file ``tables/<name>.toml`` (a fresh copy: callers may modify it)."""
    import copy

    return copy.deepcopy(_load(name))


def atzori_corona2022_table2() -> dict[str, dict[str, list[float]]]:
    """Table 2 of arXiv:2202.11002: {model: {"Ar"|"CsI"|"CsI+Ar": [g low M, g/M high M (GeV^-1)]}}."""
    return load("atzori_corona2022_table2")


def greljo2022_table1() -> list[tuple[tuple[int, int, int, int], float, float, float]]:
    """Table 1 of arXiv:2203.13731: [((c_B, c_e, c_mu, c_tau), eps e/g_X, g_X, Delta chi2), ...]."""
    return [(tuple(r["charges"]), r["eps_e_over_g"], r["g_X"], r["dchi2"]) for r in load("greljo2022_table1")["row"]]
