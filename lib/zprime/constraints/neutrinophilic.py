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
(eq. (8) with eq. (9)), with every |kappa|^2 that enters at its unitarity bound (13) unless ``kappa2``
gives them.

Each criterion is also a :class:`~zprime.constraints.Constraint` of the model
:class:`zprime.models.NeutrinophilicModel` (:func:`constraints`), so that ``zprime.bounds`` gives them
with the rest: :class:`InvisibleSearches`, :class:`Cosmology`, :class:`Perturbativity`,
:class:`RadiativeLFV` and :class:`TauToLZprime`.  :func:`nsi_plane` draws its masks through them.
Note that at g -> 0 these bounds do not vanish: the neutrinos keep their coupling g_Psi |kappa|^2 and
the Yukawas that make kappa stay (eqs. (8)-(9)); the SM is the limit g_Psi |kappa|^2 -> 0 as well.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import data
from zprime.constraints.base import Constraint, _points
from zprime.experiments import recast
from zprime.experiments.recast.band import RecastBand
from zprime.models import Mediator, NeutrinophilicModel, farzan_heeck2016
from zprime.models import neutrinophilic as fh_models
from zprime.observables import decays, lfv, nsi
from zprime.validation import RULES, InputError, checks

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
    "perturbativity_excluded",
    "radiative_lfv_excluded",
    "hatched",
    "tau_to_l_zprime_ee",
    "tau_to_l_zprime_ee_points",
    "InvisibleSearches",
    "Cosmology",
    "Perturbativity",
    "RadiativeLFV",
    "TauToLZprime",
    "constraints",
    "NSIPlane",
    "nsi_plane",
]

#: Lepton coupling per unit g of each group (:data:`zprime.models.neutrinophilic.GROUPS`), and its DarkCast
#: model and FORESEE folder.
GROUPS = {
    "B": (fh_models.GROUPS["B"], "B_boson", "U(1)B"),
    "B-L": (fh_models.GROUPS["B-L"], "B-L_boson", "U(1)B-L"),
}
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


def _kappa2(flavours: tuple[str, str], kappa2: Mapping[str, float] | None) -> dict[str, float]:
    """|kappa_alpha|^2 by flavour: ``kappa2`` (a mapping e/mu/tau, missing ones 0), or at the unitarity
    bound (13) for the flavours that enter and 0 for the third."""
    fl = _flavours(flavours)
    if kappa2 is None:
        return dict(zip(nsi.FLAVOURS, fh_models.kappa2_at_unitarity(fl)))
    if not isinstance(kappa2, Mapping) or set(kappa2) - set(nsi.FLAVOURS):
        raise InputError(f"kappa2 must be a mapping {{flavour: |kappa|^2}} over {nsi.FLAVOURS}, got {kappa2!r}")
    return {f: float(kappa2.get(f, 0.0)) for f in nsi.FLAVOURS}


def model_kappa2(model: NeutrinophilicModel) -> dict[str, float]:
    """The model's |kappa_alpha|^2 as the mapping the functions of this module take."""
    if not isinstance(model, NeutrinophilicModel):
        raise InputError(f"model must be a NeutrinophilicModel (models.farzan_heeck2016), got {type(model).__name__}")
    return dict(zip(nsi.FLAVOURS, model.kappa2))


def kappa_at_unitarity(flavours: tuple[str, str]) -> np.ndarray:
    """|kappa_alpha| at its unitarity bound (13) for the flavours that enter, 0 for the others (e, mu, tau)."""
    return np.sqrt(np.array(fh_models.kappa2_at_unitarity(_flavours(flavours))))


@checks(masses="mass", g_psi="scalar", Y_n="positive scalar")
def unit_epsilon(
    group: str,
    flavours: tuple[str, str],
    masses: ArrayLike,
    g_psi: float,
    Y_n: float,
    kappa2: Mapping[str, float] | None = None,
) -> np.ndarray:
    """|eps_ab| in matter per unit g at each mass (eq. (32), n_n/n_e = Y_n), kappa at unitarity unless given."""
    _group(group)
    a, b = (nsi.FLAVOURS.index(f) for f in _flavours(flavours))
    k2 = _kappa2(flavours, kappa2)
    k = np.array([math.sqrt(k2[f]) for f in nsi.FLAVOURS])
    m = np.atleast_1d(np.asarray(masses, dtype=float))
    return np.array([abs(nsi.farzan_heeck2016_epsilon(group, 1.0, g_psi, k, mv, Y_n)[a, b]) for mv in m])


@checks(M="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar")
def yukawa_product(
    group: str,
    flavours: tuple[str, str],
    M: ArrayLike,
    G: ArrayLike,
    g_psi: float,
    M_psi: float,
    kappa2: Mapping[str, float] | None = None,
) -> np.ndarray:
    """|y_a y_b| = 2 M_Psi^2 |kappa_a kappa_b| (g_Psi - g_l)^2 / M_Z'^2 on the grid (eq. (8) with eq. (9))."""
    g_l = _group(group)[0]
    k2 = _kappa2(flavours, kappa2)
    ka, kb = (math.sqrt(k2[f]) for f in _flavours(flavours))
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
def other_experiments(
    group: str,
    flavours: tuple[str, str],
    M: ArrayLike,
    G: ArrayLike,
    g_psi: float,
    kappa2: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Mask of (M, G) excluded by other experiments once Z' -> nu nu dominates (module doc)."""
    M, G = np.broadcast_arrays(np.asarray(M, dtype=float), np.asarray(G, dtype=float))
    k2 = _kappa2(flavours, kappa2)
    out = np.zeros(M.shape, bool)
    for band in invisible_bands(group).values():
        out |= band.excludes(M, G)
    if group == "B-L":
        outlines = foresee_outlines(group)
        for name, beam in NU_E_SCATTERING.items():
            extra = g_psi * k2[beam] if k2[beam] else 0.0
            out |= polygon_mask({name: outlines[name]}, M, np.sqrt(G * (G + extra)))
    return out


@checks(M="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar")
def perturbativity_excluded(
    group: str,
    flavours: tuple[str, str],
    M: ArrayLike,
    G: ArrayLike,
    g_psi: float,
    M_psi: float,
    kappa2: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Mask of y_max^2 > 4 pi for the larger Yukawa of the pair: y_alpha goes with kappa_alpha (eq. (8)), so
    y_max^2 = |y_a y_b| kappa_max/kappa_min, with |y_a y_b| from :func:`yukawa_product`."""
    k2 = _kappa2(flavours, kappa2)
    kk = [k2[f] for f in _flavours(flavours)]
    yy = yukawa_product(group, flavours, M, G, g_psi, M_psi, kappa2)
    return np.sqrt(max(kk) / min(kk)) * yy > 4 * math.pi


@checks(M="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar", yy_bound="positive scalar")
def radiative_lfv_excluded(
    group: str,
    flavours: tuple[str, str],
    M: ArrayLike,
    G: ArrayLike,
    g_psi: float,
    M_psi: float,
    yy_bound: float,
    kappa2: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Mask of |y_a y_b| > ``yy_bound`` (the bound of eqs. (21)-(22) at the model's M_H, from
    :func:`zprime.observables.lfv.yy_bound`); all False for a = b."""
    a, b = _flavours(flavours)
    yy = yukawa_product(group, flavours, M, G, g_psi, M_psi, kappa2)
    return yy > yy_bound if a != b else np.zeros(np.shape(yy), bool)


@checks(M="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar", m_cosmo="positive scalar")
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
    kappa2: Mapping[str, float] | None = None,
) -> np.ndarray:
    """Mask of the hatched region: M_Z' < m_cosmo (GeV), y_max^2 > 4 pi (:func:`perturbativity_excluded`),
    and for a != b |y_a y_b| above ``yy_bounds[(a, b)]`` (eqs. (21)-(22) at the charged scalar's mass,
    :func:`radiative_lfv_excluded`)."""
    M, G = np.asarray(M, dtype=float), np.asarray(G, dtype=float)
    a, b = _flavours(flavours)
    out = M < m_cosmo
    out |= perturbativity_excluded(group, (a, b), M, G, g_psi, M_psi, kappa2)
    if a != b:
        out |= radiative_lfv_excluded(group, (a, b), M, G, g_psi, M_psi, yy_bounds[(a, b)], kappa2)
    return out


def _tau_window(flavours: tuple[str, str]) -> tuple[float, float]:
    """(2 m_e, m_tau - m_l): the M_Z' where tau -> l Z' and Z' -> e e are open, l the other flavour."""
    a, b = _flavours(flavours)
    if "tau" not in (a, b) or a == b:
        raise InputError(f"tau -> l Z' needs flavours (l, tau) with l != tau, got {(a, b)!r}")
    other = a if b == "tau" else b
    return 2 * c.m_e, c.m_tau - c.FERMION_MASS[other]


@checks(M="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar", M_H="positive scalar")
def tau_to_l_zprime_ee_points(
    group: str,
    flavours: tuple[str, str],
    M: ArrayLike,
    G: ArrayLike,
    *,
    g_psi: float,
    M_psi: float,
    M_H: float,
    kappa2: Mapping[str, float] | None = None,
) -> np.ndarray:
    """BR(tau -> l Z') BR(Z' -> e e) at the points (M, G) (broadcast; GeV), U(1)_{B-L} only (Fig. 6 right).

    The width into neutrinos uses the eigen-couplings (g_l, g_l, g_l + g_Psi |kappa|^2) of eq. (10)
    with g_l = -g, the other widths the DarkCast B - L model's; BR(tau -> l Z') is
    :func:`zprime.observables.lfv.branching_ratio_l_to_l_zprime` per |g y y|^2 = 1, times
    (g_Psi |y_a y_b|)^2.  0 outside 2 m_e < M_Z' < m_tau - m_l.  (U(1)_B has no Z' -> e e without
    kinetic mixing, which the paper neglects: raises.)
    """
    if _group(group)[0] != -1.0:
        raise InputError(f"tau -> l Z'(-> e e) is treated for U(1)_B-L only, got group {group!r}")
    lo, hi = _tau_window(flavours)
    M, G = np.broadcast_arrays(np.asarray(M, dtype=float), np.asarray(G, dtype=float))
    out = np.zeros(M.shape)
    ok = (M > lo) & (M < hi)
    if not np.any(ok):
        return out
    mu, inv = np.unique(M[ok], return_inverse=True)
    br_tau = np.asarray(lfv.branching_ratio_l_to_l_zprime("tau", mu, M_psi, M_H)).reshape(-1)[inv]
    model, _ = recast.darkcast_models()["B-L_boson"]
    pw = decays.partial_widths(model, mu, 1.0)
    nu_states = [k for k in pw if k.startswith("nu")]
    visible = np.asarray(sum(v for k, v in pw.items() if k not in nu_states))[inv]  # per g^2
    kk2 = sum(_kappa2(flavours, kappa2).values())
    mz, Gk = M[ok], G[ok]
    gam_nu = mz / (24 * math.pi) * (2 * Gk**2 + (-Gk + g_psi * kk2) ** 2)
    br_ee = Gk**2 * pw["e_e"][inv] / (Gk**2 * visible + gam_nu)
    coupling2 = (g_psi * yukawa_product(group, flavours, mz, Gk, g_psi, M_psi, kappa2)) ** 2
    out[ok] = coupling2 * br_tau * br_ee
    return out


@checks(masses="mass", G="nonnegative", g_psi="scalar", M_psi="positive scalar", M_H="positive scalar")
def tau_to_l_zprime_ee(
    group: str, flavours: tuple[str, str], masses: ArrayLike, G: ArrayLike, *, g_psi: float, M_psi: float, M_H: float
) -> np.ndarray:
    """:func:`tau_to_l_zprime_ee_points` on the grid G (n_g, n_m) of couplings at ``masses`` (one column each)."""
    masses = np.atleast_1d(np.asarray(masses, dtype=float))
    G = np.asarray(G, dtype=float)
    if G.ndim != 2 or G.shape[1] != masses.size:
        raise InputError(f"G must be a grid of shape (n_g, {masses.size}) (one column per mass), got shape {G.shape}")
    return tau_to_l_zprime_ee_points(group, flavours, masses[None, :], G, g_psi=g_psi, M_psi=M_psi, M_H=M_H)


# --- the same criteria as Constraints of the model -----------------------------------------------
class _Neutrinophilic(Constraint):
    """A bound of :class:`zprime.models.NeutrinophilicModel` only (its ``psi_mixing`` couplings)."""

    kind = "curve"
    psi_mixing = True
    provenance = "own criterion"
    cl = "approximate (no C.L.)"
    reference = "Farzan and Heeck, PRD 94 (2016) 053010 [arXiv:1607.07616]"

    def support_reason(self, model: Mediator) -> str:
        if not isinstance(model, NeutrinophilicModel):
            return f"{self.name} treats the neutrinophilic models of arXiv:1607.07616 only (models.farzan_heeck2016)"
        return ""

    def excluded(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)
        assert isinstance(model, NeutrinophilicModel)  # check_reach raised otherwise (support_reason)
        return self._mask(model, m, g)

    def _mask(self, model: NeutrinophilicModel, M: np.ndarray, G: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class InvisibleSearches(_Neutrinophilic):
    """The dark-photon searches with Z' -> nu nu dominant (:func:`invisible_bands`) and, for U(1)_{B-L},
    the nu-e scattering outlines of Bauer et al. (:func:`foresee_outlines`), as Figs. 5-6 (grey)."""

    name = "nu-Psi: searches (Z' -> nu nu)"
    reference = (
        "arXiv:1607.07616 Figs. 5-6; dark-photon searches of DarkCast (arXiv:1801.04847) recast with an invisible "
        "width; nu-e outlines of Bauer et al., JHEP 07 (2018) 094 [arXiv:1803.05466] (FORESEE)"
    )
    data = ("limits/darkcast/", "limits/foresee/")
    provenance = "recast"
    cl = "90 % (as published)"
    family = "beam dumps and colliders"

    def _mask(self, model, M, G):
        return other_experiments(model.group, model.flavours, M, G, model.g_psi, model_kappa2(model))


class Cosmology(_Neutrinophilic):
    """M_Z' below :data:`zprime.constants.M_ZP_NEFF_MIN_FH2016` (Delta N_eff < 0.7): excluded at every g,
    the Z' being in equilibrium with the neutrinos through g_Psi |kappa|^2 (sect. 3)."""

    name = "nu-Psi: Delta N_eff"
    data = ("M_Z' > 5 MeV (Delta N_eff < 0.7)",)
    family = "cosmology"

    @checks(m_cosmo="positive scalar")
    def __init__(self, m_cosmo: float = c.M_ZP_NEFF_MIN_FH2016):
        self.m_cosmo = float(m_cosmo)

    def _mask(self, model, M, G):
        return M < self.m_cosmo


class Perturbativity(_Neutrinophilic):
    """The Yukawas that give kappa at the largest cos(beta) of eq. (9): y_max^2 > 4 pi is excluded
    (:func:`perturbativity_excluded`)."""

    name = "nu-Psi: Yukawa perturbativity"
    data = ("y_max^2 < 4 pi",)
    family = "other"

    def _mask(self, model, M, G):
        return perturbativity_excluded(model.group, model.flavours, M, G, model.g_psi, model.M_psi, model_kappa2(model))


#: The decay bounding |y_a y_b| for each flavour pair (eqs. (21)-(22)): (decaying lepton, key of the limits).
_LFV_DECAY = {("e", "mu"): ("mu", "mu_e"), ("e", "tau"): ("tau", "tau_e"), ("mu", "tau"): ("tau", "tau_mu")}


class RadiativeLFV(_Neutrinophilic):
    """l_a -> l_b gamma through the charged scalar H'^- and Psi (eqs. (17)-(22)): |y_a y_b| above the
    bound of ``br_limits`` at the model's M_H (:func:`radiative_lfv_excluded`); a != b only."""

    name = "nu-Psi: l -> l' gamma"
    family = "other"
    provenance = "measurement"
    cl = "90 % (as published)"

    def __init__(self, br_limits: Mapping[str, float] | None = None):
        limits = c.BR_LFV_GAMMA_LIMITS_2016 if br_limits is None else br_limits
        if not isinstance(limits, Mapping) or set(limits) != {"tau_e", "tau_mu", "mu_e"}:
            raise InputError(f"br_limits must be a mapping with keys 'tau_e', 'tau_mu' and 'mu_e', got {limits!r}")
        self.br_limits = {k: RULES["positive scalar"](f"br_limits[{k!r}]", v) for k, v in limits.items()}
        self.data = tuple(f"BR({k.replace('_', ' -> ')} gamma) < {v:g}" for k, v in self.br_limits.items())

    def _pair(self, model):
        return tuple(sorted(model.flavours, key=nsi.FLAVOURS.index))

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        a, b = model.flavours  # type: ignore[attr-defined]
        return "" if a != b else "a diagonal entry (a = b) has no flavour-violating Yukawa product"

    def yy_bound(self, model: NeutrinophilicModel) -> float:
        """The bound on |y_a y_b| at the model's M_H (eqs. (21)-(22))."""
        model_kappa2(model)  # a NeutrinophilicModel, else a clear error
        if model.flavours[0] == model.flavours[1]:
            raise InputError(f"model {model.name!r}: a diagonal entry has no flavour-violating Yukawa product")
        lepton, key = _LFV_DECAY[self._pair(model)]
        return float(lfv.yy_bound(lepton, self.br_limits[key], model.M_H))

    def _mask(self, model, M, G):
        return radiative_lfv_excluded(
            model.group, model.flavours, M, G, model.g_psi, model.M_psi, self.yy_bound(model), model_kappa2(model)
        )


class TauToLZprime(_Neutrinophilic):
    """tau -> l Z' (-> e e) above ``limit`` (Fig. 6 right, :func:`tau_to_l_zprime_ee_points`): U(1)_{B-L}
    with an entry (l, tau), l != tau."""

    name = "nu-Psi: tau -> l Z' (-> e e)"
    family = "other"
    provenance = "measurement"
    cl = "approximate (no C.L.: the paper calls it extremely conservative)"

    @checks(limit="positive scalar")
    def __init__(self, limit: float = c.BR_TAU_LLL_LIMIT_FH2016):
        self.limit = float(limit)
        self.data = (f"BR(tau -> l l l) ~ {self.limit:g}",)

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        if model.group != "B-L":  # type: ignore[attr-defined]
            return "U(1)_B has no Z' -> e e without kinetic mixing (neglected, as in the paper)"
        a, b = model.flavours  # type: ignore[attr-defined]
        return "" if "tau" in (a, b) and a != b else "needs an entry (l, tau) with l != tau"

    def mass_range(self, model: Mediator) -> tuple:
        if not isinstance(model, NeutrinophilicModel) or self.model_reason(model, False):
            return (0.0, math.inf)
        return _tau_window(model.flavours)

    def _mask(self, model, M, G):
        rate = tau_to_l_zprime_ee_points(
            model.group,
            model.flavours,
            M,
            G,
            g_psi=model.g_psi,
            M_psi=model.M_psi,
            M_H=model.M_H,
            kappa2=model_kappa2(model),
        )
        return rate > self.limit


@checks(m_cosmo="positive scalar", tau_lll_limit="positive scalar")
def constraints(
    m_cosmo: float = c.M_ZP_NEFF_MIN_FH2016,
    br_limits: Mapping[str, float] | None = None,
    tau_lll_limit: float = c.BR_TAU_LLL_LIMIT_FH2016,
) -> list[Constraint]:
    """The five bounds of the neutrinophilic models (module doc), with the paper's inputs by default."""
    return [
        InvisibleSearches(),
        Cosmology(m_cosmo),
        Perturbativity(),
        RadiativeLFV(br_limits),
        TauToLZprime(tau_lll_limit),
    ]


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


@checks(
    masses="mass",
    couplings="positive",
    g_psi="scalar",
    M_psi="positive scalar",
    M_H="positive scalar",
    Y_n="positive scalar",
    m_cosmo="positive scalar",
)
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
    br_limits: Mapping[str, float],
    tau_lll_limit: float | None = None,
) -> NSIPlane:
    """Every region of one panel of Figs. 5-6 on the grid couplings x masses (GeV), from the Constraints
    of the model :func:`zprime.models.farzan_heeck2016` (group, flavours, g_psi, M_psi, M_H; kappa at
    unitarity): :class:`InvisibleSearches`, :class:`Cosmology` | :class:`Perturbativity` |
    :class:`RadiativeLFV` (hatched, ``br_limits`` as :class:`RadiativeLFV` takes them) and, with
    ``tau_lll_limit`` (a branching ratio), :class:`TauToLZprime` (Fig. 6 right).
    """
    masses = np.atleast_1d(np.asarray(masses, dtype=float))
    M, G = np.meshgrid(masses, np.atleast_1d(np.asarray(couplings, dtype=float)))
    model = farzan_heeck2016(group, flavours, g_psi=g_psi, M_psi=M_psi, M_H=M_H)
    ue = unit_epsilon(group, flavours, masses, g_psi, Y_n)
    hatch = Cosmology(m_cosmo).excluded(model, G, M) | Perturbativity().excluded(model, G, M)
    lfv_bound = RadiativeLFV(br_limits)
    if not lfv_bound.model_reason(model, False):
        hatch |= lfv_bound.excluded(model, G, M)
    lll = np.zeros(G.shape, bool)
    if tau_lll_limit is not None:
        tau = TauToLZprime(tau_lll_limit)
        reach = tau.reasons(model, masses) == ""  # the masses where tau -> l Z'(-> e e) is open
        lll[:, reach] = tau.excluded(model, G[:, reach], M[:, reach])
    return NSIPlane(ue, G * ue[None, :], InvisibleSearches().excluded(model, G, M), hatch, lll)
