"""The DarkCast v1 dark-photon searches: metadata (production, decay, lifetime window), limit files."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache

import numpy as np

from zprime import constants as c
from zprime import data, published
from zprime.errors import ZprimeError
from zprime.units import m as metre
from zprime.units import s as second
from zprime.validation import InputError

DARKCAST = "limits/darkcast/v1_2022_philten/"
#: Couplings at or above this value in a limit file are placeholders ("no limit").
G_SENTINEL = 1e5


class RecastError(ZprimeError, ValueError):
    """A recast that cannot be done: unknown search, masses outside its range, bad input."""


# ---------------------------------------------------------------------------
# the searches
# ---------------------------------------------------------------------------
def _kloe_gamma(m, m_daughter=0.0):
    """Boost of X from phi(1020) -> X + daughter at rest: (m_phi^2 + m^2 - m_d^2)/(2 m_phi m)."""
    mphi = c.VECTOR_MESONS["phi"]["mass"]
    return (mphi**2 + m**2 - m_daughter**2) / (2.0 * mphi * m)


def _t1_kloe(m):
    return 8.0e-2 * metre / _kloe_gamma(m)


def _t1_kloe_eta(m):
    return 8.0e-2 * metre / _kloe_gamma(m, c.m_eta)


def _t1_na48(m):
    # decay within 1 m, boost 50 GeV/m (NA48/2, arXiv:1504.00607, text before eq. 9)
    return 1.0 * metre / (50.0 / m)


def _t1_lhcb(m):
    # (0.004/(m - 2 m_mu) + 0.1) ps, the LHCb prompt selection as parametrised with DarkCast
    # (Ilten et al., arXiv:1603.08926 quote 0.04; the shipped recasts use 0.004)
    return (0.004 / np.maximum(m - 2 * c.m_mu, 1e-12) + 0.1) * 1e-12 * second


def _t1_cms(m):
    # CMS dimuon scouting: no impact-parameter cut below 45 GeV, ~5 ps to 130 GeV, then linear
    m = np.asarray(m, dtype=float)
    return np.where(m < 45, np.inf, np.where(m < 130, 5e-12, -3.66e-11 + 3.12e-13 * m)) * second


@dataclass(frozen=True)
class Search:
    """One dark-photon search: its data file and what the recast needs to know.

    Attributes
    ----------
    name : str
        The limit's name (DarkCast's file stem).
    production : str
        A mechanism name or a ``.prd`` fraction table (file name).
    decay : tuple of str, "invisible" or None
        Final states searched for (``decays`` names), ``"invisible"``, or ``None`` (g-2: no
        decay involved).
    window : tuple or None
        Lifetime treatment, see the module docstring.
    reference_states : tuple of str or None
        If set, the dark-photon total width is restricted to these.
    kind : str
        ``prompt``, ``displaced``, ``invisible`` or ``g-2`` (for reporting).
    path : str or None
        Limit file (data-root path) when it is not DarkCast v1's ``limits/<name>.lmt``.
    br_reference : float
        BR(A' -> invisible) of the dark photon the limit assumes (0.99 for the DarkCast
        digitisations, 1 for the NA64 2022 curves).
    switch : (float, str) or None
        (m_s, mechanism): above m_s (GeV) the production is ``mechanism`` instead.
    release : str
        "DarkCast v1", "DarkCast 2023" or where the curve comes from.
    """

    name: str
    production: str
    decay: tuple[str, ...] | str | None
    window: tuple | None = None
    reference_states: tuple[str, ...] | None = None
    kind: str = "prompt"
    label: str = ""
    reference: str = ""
    path: str = ""
    br_reference: float = 0.99
    switch: tuple | None = None
    release: str = "DarkCast v1"

    @property
    def file(self) -> str:
        return self.path or f"{DARKCAST}limits/{self.name}.lmt"

    @property
    def two_sided(self) -> bool:
        return self.window is not None and self.window[0] in ("dump", "rgrid")


#: Proper-time windows t1(m) of the prompt searches, by the name used in the table file.
T1_WINDOWS = {"kloe": _t1_kloe, "kloe_eta": _t1_kloe_eta, "na48": _t1_na48, "lhcb": _t1_lhcb, "cms": _t1_cms}


def _search_from_table(row: dict) -> Search:
    decay = row.get("decay")
    window = row.get("window")
    if window == "prompt":
        window = ("prompt", T1_WINDOWS[row["t1"]])
    elif window == "dump":
        length, shield = row["dump"]
        window = ("dump", length / shield)
    elif window == "rgrid":
        window = ("rgrid",)
    elif window is not None:
        raise InputError(f"{row['name']}: unknown window {window!r}")
    rs = row.get("reference_states")
    sw = row.get("switch")
    return Search(
        row["name"],
        row["production"],
        tuple(decay) if isinstance(decay, list) else decay,
        window,
        tuple(rs) if rs else None,
        row["kind"],
        row.get("label", ""),
        row.get("reference", ""),
        row.get("path", ""),
        float(row.get("br_reference", 0.99)),
        (float(sw[0]), str(sw[1])) if sw else None,
        row.get("release", "DarkCast v1"),
    )


#: The DarkCast v1 limits that can be recast, from ``tables/darkcast_searches.toml`` (metadata of the
#: limit definitions of arXiv:1801.04847 and its repository, transcribed there).
SEARCHES: dict[str, Search] = {
    s.name: s for s in map(_search_from_table, published.load("darkcast_searches")["search"])
}

#: Limits the DarkCast v1 set does not cover (DarkCast 2023: FASER, NA62 dump; NA64 2022 e and mu
#: invisible curves of the ESPP 2025 input), from ``tables/searches_today.toml``.  Kept apart from
#: :data:`SEARCHES`, which is the set validated against DarkCast v1's own recasts.
TODAY_SEARCHES: dict[str, Search] = {
    s.name: s for s in map(_search_from_table, published.load("searches_today")["search"])
}


def get_search(name: str | Search) -> Search:
    """A search of :data:`SEARCHES` by name (with a suggestion for typos)."""
    if isinstance(name, Search):
        return name
    known = {**SEARCHES, **TODAY_SEARCHES}
    try:
        return known[name]
    except (KeyError, TypeError):
        close = difflib.get_close_matches(str(name), known, n=3)
        raise RecastError(
            f"unknown search {name!r}" + (f"; did you mean {close}?" if close else "") + f" Known: {sorted(known)}"
        ) from None


@cache
def load_search(name: str) -> tuple[np.ndarray, ...]:
    """Columns of a search's limit file (mass [GeV], eps lower [, eps upper] or eps, r).

    Rows at m = 0 (one file starts there) are dropped: a massless boson has no width.
    """
    f = get_search(name).file
    arr = np.loadtxt(data.path(f), comments="#", ndmin=2, delimiter="," if f.endswith(".csv") else None)
    if arr.shape[0] < 2 or not np.all(np.isfinite(arr)) or np.any(arr[:, 0] < 0):
        raise data.DataError(f"{f}: malformed limit table (need >= 2 finite rows, masses >= 0)")
    return tuple(arr[arr[:, 0] > 0].T)


@cache
def search_mass_range(name: str) -> tuple[float, float]:
    """(lowest, highest) mass in GeV of a search's limit file (:func:`load_search`), read once per search.

    Parameters
    ----------
    name : str
        A search of :data:`SEARCHES` or :data:`TODAY_SEARCHES`.

    Returns
    -------
    (float, float)
        The masses, GeV, between which the search is recast.

    Examples
    --------
    >>> from zprime.experiments.recast import search_mass_range
    >>> lo, hi = search_mass_range("NA64_NA642019imj")
    >>> lo < hi
    True
    """
    m = load_search(name)[0]
    return float(np.min(m)), float(np.max(m))
