"""The neutrinophilic U(1)_B and U(1)_{B-L} of Farzan and Heeck (arXiv:1607.07616): its bounds on a grid.

The Z' of U(1)_B (lepton coupling g_l = 0) or U(1)_{B-L} (g_l = -g) reaches the neutrinos through
the mixing of a Dirac fermion Psi (charge g_Psi) with them, kappa_alpha of eq. (8); the NSI
eps_ab of eq. (32) (:func:`zprime.observables.nsi.farzan_heeck2016_epsilon`) then go with
g g_Psi kappa_a kappa_b / M_Z'^2.  What limits the (M_Z', g) plane of Figs. 5 and 6, each a
function here of a grid ``M, G`` (GeV, same shape):

* other experiments once Z' -> nu nu (coupling g_Psi |kappa|^2) dominates the width
  (:func:`other_experiments`): the dark-photon searches recast with an invisible width far above
  the SM one (:func:`invisible_bands`), and for U(1)_{B-L} the nu-e scattering outlines of Bauer
  et al. (FORESEE, :func:`foresee_outlines`) at the effective coupling sqrt(g (g + g_Psi |kappa_beam|^2));
* cosmology, M_Z' below the Delta N_eff bound, perturbativity of the Yukawas, y_max^2 > 4 pi, and the
  LFV radiative decays mu -> e gamma, tau -> l gamma on |y_a y_b| (eqs. (21)-(22)): :func:`hatched`;
* tau -> mu Z' (-> e e) above the tau -> l l l sensitivity (Fig. 6 right): :func:`tau_to_l_zprime_ee`.

The Yukawas follow from the couplings: |y_a y_b| = 2 M_Psi^2 |kappa_a kappa_b| (g_Psi - g_l)^2 / M_Z'^2
(eq. (8) with eq. (9)), with every |kappa|^2 that enters at its unitarity bound (13).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import data
from zprime.experiments import recast
from zprime.experiments.recast.band import RecastBand
from zprime.observables import decays, lfv, nsi
from zprime.validation import InputError, checks

__all__ = [
    "GROUPS",
    "NU_E_SCATTERING",
    "kappa_at_unitarity",
    "unit_epsilon",
    "yukawa_product",
    "foresee_outlines",
    "polygon_mask",
    "invisible_bands",
    "other_experiments",
    "hatched",
    "tau_to_l_zprime_ee",
    "NSIPlane",
    "nsi_plane",
]

#: Lepton coupling per unit g of each group, and its DarkCast model and FORESEE folder.
GROUPS = {"B": (0.0, "B_boson", "U(1)B"), "B-L": (-1.0, "B-L_boson", "U(1)B-L")}
#: The FORESEE nu-e outlines of U(1)_{B-L} and the flavour of each beam.
NU_E_SCATTERING = {"Borexino": "e", "Texono": "e", "CHARM-II": "mu"}
#: The recast "invisible" width, in units of the SM width, that makes Z' -> nu nu dominant.
INVISIBLE_MULTIPLE = 1e6


def _group(group: str) -> tuple[float, str, str]:
    if group not in GROUPS:
        raise InputError(f"group must be one of {sorted(GROUPS)}, got {group!r}")
    return GROUPS[group]


def _flavours(flavours) -> tuple[str, str]:
    if not (isinstance(flavours, tuple) and len(flavours) == 2 and all(f in nsi.FLAVOURS for f in flavours)):
        raise InputError(f"flavours must be a pair of {nsi.FLAVOURS}, got {flavours!r}")
    return flavours


def kappa_at_unitarity(flavours: tuple[str, str]) -> np.ndarray:
    """|kappa_alpha| at its unitarity bound (13) for the flavours that enter, 0 for the others (e, mu, tau)."""
    fl = _flavours(flavours)
    return np.array([math.sqrt(nsi.KAPPA2_UNITARITY[f]) if f in fl else 0.0 for f in nsi.FLAVOURS])


@checks(masses="mass", g_psi="scalar", Y_n="positive scalar")
def unit_epsilon(group: str, flavours: tuple[str, str], masses: ArrayLike, g_psi: float, Y_n: float) -> np.ndarray:
    """|eps_ab| in matter per unit g at each mass (eq. (32), n_n/n_e = Y_n), kappa at unitarity."""
    _group(group)
    a, b = (nsi.FLAVOURS.index(f) for f in _flavours(flavours))
    k = kappa_at_unitarity(flavours)
    m = np.atleast_1d(np.asarray(masses, dtype=float))
    return np.array([abs(nsi.farzan_heeck2016_epsilon(group, 1.0, g_psi, k, mv, Y_n)[a, b]) for mv in m])


@checks(M="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar")
def yukawa_product(
    group: str, flavours: tuple[str, str], M: ArrayLike, G: ArrayLike, g_psi: float, M_psi: float
) -> np.ndarray:
    """|y_a y_b| = 2 M_Psi^2 |kappa_a kappa_b| (g_Psi - g_l)^2 / M_Z'^2 on the grid (eq. (8) with eq. (9))."""
    g_l = _group(group)[0]
    ka, kb = (math.sqrt(nsi.KAPPA2_UNITARITY[f]) for f in _flavours(flavours))
    dg = np.abs(g_psi - g_l * np.asarray(G, dtype=float))
    return 2 * M_psi**2 * ka * kb * dg**2 / np.asarray(M, dtype=float) ** 2


@cache
def foresee_outlines(group: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The FORESEE exclusion outlines of the group (name -> (m, g)), from the data manifest."""
    folder = _group(group)[2]
    keys = sorted(k for k in data.manifest() if k.startswith(f"limits/foresee/{folder}/model/lines/"))
    out = {}
    for k in keys:
        m, g = data.load_curve(k)
        out[k.rsplit("/", 1)[1][:-4].replace("bounds_", "").replace("anomaly_", "anomaly ")] = (m, g)
    return out


def polygon_mask(outlines: dict, M: ArrayLike, G: ArrayLike) -> np.ndarray:
    """True where (M, G) lies inside any of the closed outlines {name: (m, g)} (in log coordinates)."""
    from matplotlib.path import Path as PolyPath

    M, G = np.asarray(M, dtype=float), np.asarray(G, dtype=float)
    pts = np.column_stack([np.log10(M).ravel(), np.log10(G).ravel()])
    inside = np.zeros(len(pts), bool)
    for m, g in outlines.values():
        poly = PolyPath(np.column_stack([np.log10(m), np.log10(np.clip(g, 1e-30, None))]))
        inside |= poly.contains_points(pts)
    return inside.reshape(M.shape)


@cache
def invisible_bands(group: str) -> dict[str, RecastBand]:
    """The dark-photon searches recast to the group's DarkCast model with Z' -> nu nu dominant.

    An invisible width :data:`INVISIBLE_MULTIPLE` times the SM one: visible signals are diluted away,
    invisible ones at full strength (valid where g << g_Psi |kappa|^2).  Searches that exclude nothing
    are left out.
    """
    model, opts = recast.darkcast_models()[_group(group)[1]]
    names = [n for n, s in recast.SEARCHES.items() if s.kind != "g-2"]
    bands = {n: recast.recast(n, model, invisible=INVISIBLE_MULTIPLE, **opts) for n in names}
    return {n: b for n, b in bands.items() if not b.is_empty}


@checks(M="mass", G="nonnegative", g_psi="scalar")
def other_experiments(group: str, flavours: tuple[str, str], M: ArrayLike, G: ArrayLike, g_psi: float) -> np.ndarray:
    """Mask of (M, G) excluded by other experiments once Z' -> nu nu dominates (module doc)."""
    M, G = np.broadcast_arrays(np.asarray(M, dtype=float), np.asarray(G, dtype=float))
    fl = _flavours(flavours)
    out = np.zeros(M.shape, bool)
    for band in invisible_bands(group).values():
        out |= band.excludes(M, G)
    if group == "B-L":
        outlines = foresee_outlines(group)
        for name, beam in NU_E_SCATTERING.items():
            extra = g_psi * nsi.KAPPA2_UNITARITY[beam] if beam in fl else 0.0
            out |= polygon_mask({name: outlines[name]}, M, np.sqrt(G * (G + extra)))
    return out


@checks(
    M="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar", m_cosmo="positive scalar", M_H="positive scalar"
)
def hatched(
    group: str,
    flavours: tuple[str, str],
    M: ArrayLike,
    G: ArrayLike,
    *,
    g_psi: float,
    M_psi: float,
    m_cosmo: float,
    yy_bounds: dict[tuple[str, str], float],
    M_H: float,
) -> np.ndarray:
    """Mask of the hatched region: M_Z' < m_cosmo (GeV), y_max^2 > 4 pi, and for a ! = b the LFV bound
    |y_a y_b| < yy_bounds[(a, b)] (M_H/400 GeV)^2 (eqs. (21)-(22))."""
    M, G = np.asarray(M, dtype=float), np.asarray(G, dtype=float)
    a, b = _flavours(flavours)
    yy = yukawa_product(group, (a, b), M, G, g_psi, M_psi)
    k2 = [nsi.KAPPA2_UNITARITY[f] for f in (a, b)]
    out = M < m_cosmo
    out |= np.sqrt(max(k2) / min(k2)) * yy > 4 * math.pi  # y_max^2 > 4 pi
    if a != b:
        out |= yy > yy_bounds[(a, b)] * (M_H / 400.0) ** 2
    return out


@checks(masses="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar", M_H="positive scalar")
def tau_to_l_zprime_ee(
    group: str, flavours: tuple[str, str], masses: ArrayLike, G: ArrayLike, *, g_psi: float, M_psi: float, M_H: float
) -> np.ndarray:
    """BR(tau -> l Z') BR(Z' -> e e) on the grid, for 2 m_e < M_Z' < m_tau - m_mu (Fig. 6 right).

    The width into neutrinos uses the eigen-couplings (g_l, g_l, g_l + g_Psi |kappa|^2) of the DarkCast
    B - L model's neutrinos; BR(tau -> l Z') is :func:`zprime.observables.lfv.branching_ratio_l_to_l_zprime`
    per |g y y|^2 = 1.  Returns the rate on the grid G (n_g, n_m), 0 outside that mass window.
    """
    masses = np.atleast_1d(np.asarray(masses, dtype=float))
    G = np.asarray(G, dtype=float)
    if G.ndim != 2 or G.shape[1] != masses.size:
        raise InputError(f"G must be a grid of shape (n_g, {masses.size}) (one column per mass), got shape {G.shape}")
    ok = (masses > 2 * c.m_e) & (masses < c.m_tau - c.m_mu)
    mz = masses[ok]
    br_tau = lfv.branching_ratio_l_to_l_zprime("tau", mz, M_psi, M_H)
    model, _ = recast.darkcast_models()["B-L_boson"]
    pw = decays.partial_widths(model, mz, 1.0)
    nu_states = [k for k in pw if k.startswith("nu")]
    visible = sum(v for k, v in pw.items() if k not in nu_states)  # per g^2
    kk2 = sum(nsi.KAPPA2_UNITARITY[f] for f in _flavours(flavours))
    Gk = G[:, ok]
    gam_nu = mz / (24 * math.pi) * (2 * Gk**2 + (-Gk + g_psi * kk2) ** 2)
    br_ee = Gk**2 * pw["e_e"] / (Gk**2 * visible + gam_nu)
    Mk = np.broadcast_to(masses, G.shape)[:, ok]
    coupling2 = (g_psi * yukawa_product(group, flavours, Mk, Gk, g_psi, M_psi)) ** 2
    out = np.zeros(G.shape)
    out[:, ok] = coupling2 * br_tau[None, :] * br_ee
    return out


@dataclass(frozen=True)
class NSIPlane:
    """One entry eps_ab of Figs. 5-6 on the grid (n_g couplings x n_m masses): the NSI and what limits it."""

    unit_eps: np.ndarray  #: |eps_ab| per unit g, shape (n_m,)
    eps: np.ndarray  #: |eps_ab|, shape (n_g, n_m)
    other: np.ndarray  #: excluded by other experiments (:func:`other_experiments`)
    hatched: np.ndarray  #: cosmology, perturbativity, LFV (:func:`hatched`)
    lll: np.ndarray  #: tau -> l Z'(-> e e) above the limit (all False unless asked for)

    @property
    def allowed(self) -> np.ndarray:
        return ~self.other & ~self.hatched & ~self.lll

    def max_allowed_eps(self) -> float:
        """The largest |eps_ab| on the grid where nothing excludes the point."""
        return float(np.max(np.where(self.allowed, self.eps, 0.0)))


@checks(masses="mass", couplings="positive", Y_n="positive scalar", m_cosmo="positive scalar")
def nsi_plane(
    group: str,
    flavours: tuple[str, str],
    masses: ArrayLike,
    couplings: ArrayLike,
    *,
    g_psi: float,
    M_psi: float,
    M_H: float,
    Y_n: float,
    m_cosmo: float,
    yy_bounds: dict[tuple[str, str], float],
    tau_lll_limit: float | None = None,
) -> NSIPlane:
    """Every region of one panel of Figs. 5-6 (module doc) on the grid couplings x masses (GeV).

    ``tau_lll_limit`` (a branching ratio) adds the tau -> l Z'(-> e e) region of Fig. 6 (right).
    """
    masses = np.atleast_1d(np.asarray(masses, dtype=float))
    M, G = np.meshgrid(masses, np.atleast_1d(np.asarray(couplings, dtype=float)))
    ue = unit_epsilon(group, flavours, masses, g_psi, Y_n)
    hatch = hatched(group, flavours, M, G, g_psi=g_psi, M_psi=M_psi, m_cosmo=m_cosmo, yy_bounds=yy_bounds, M_H=M_H)
    lll = np.zeros(G.shape, bool)
    if tau_lll_limit is not None:
        lll = tau_to_l_zprime_ee(group, flavours, masses, G, g_psi=g_psi, M_psi=M_psi, M_H=M_H) > tau_lll_limit
    return NSIPlane(ue, G * ue[None, :], other_experiments(group, flavours, M, G, g_psi), hatch, lll)
