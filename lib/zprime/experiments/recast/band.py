"""The recast itself: a search's limit mapped to the coupling of a model, as an excluded band."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import validation
from zprime.experiments.recast.lifetime import _bisect, _fiducial_t0, _log_eff
from zprime.experiments.recast.production import production_ratio
from zprime.experiments.recast.searches import (
    G_SENTINEL,
    RecastError,
    Search,
    get_search,
    load_search,
    search_mass_range,
)
from zprime.models import VectorModel, as_model
from zprime.observables import decays


# ---------------------------------------------------------------------------
# the recast
# ---------------------------------------------------------------------------
@dataclass
class RecastBand:
    """The excluded band of g versus mass for one search and one model.

    ``lower`` (and ``upper`` for two-sided searches; +inf for one-sided ones)
    are NaN where the model is not excluded at that mass.  ``note`` says why a
    result is empty.
    """

    search: Search
    model: str
    m: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    note: str = ""

    @property
    def is_empty(self) -> bool:
        return not np.any(np.isfinite(self.lower))

    def excludes(self, m: ArrayLike, g: ArrayLike) -> np.ndarray:
        """True where (m, g) lies inside the band (linear interpolation in log m, log g)."""
        validation.positive("mass m", m, "GeV")
        validation.nonnegative("coupling g", g)
        ok = np.isfinite(self.lower)
        if not np.any(ok):
            return np.zeros(np.broadcast(np.asarray(m), np.asarray(g)).shape, dtype=bool)
        lm = np.log(np.asarray(m, dtype=float))
        lo = np.exp(np.interp(lm, np.log(self.m[ok]), np.log(self.lower[ok]), left=np.inf, right=np.inf))
        up = self.upper[ok]
        up = np.exp(np.interp(lm, np.log(self.m[ok]), np.log(np.where(np.isfinite(up), up, 1e300))))
        inside = (lm >= np.log(self.m[ok][0])) & (lm <= np.log(self.m[ok][-1]))
        return inside & (np.asarray(g) >= lo) & (np.asarray(g) <= up)


def _production_and_widths(s: Search, model: VectorModel, m, loop_mixing, dirac, mu, g=None):
    """R_P(m) and the g = 1 partial widths of the model and of the dark photon at masses m.

    With ``g`` (per mass): the model written at those couplings (:meth:`VectorModel.at_coupling`,
    tree-level eps in the charges, a fixed g_chi as g_chi/g), i.e. its widths at g divided by g^2.
    """
    A = decays.dark_photon_reference()
    xX = decays.decay_charges(model, m, g, loop_mixing=loop_mixing, mu=mu)
    aX = dict(model.axial) if model.has_axial else None
    R_P = production_ratio(s, xX, decays.decay_charges(A, m), m, aX)
    # hadronic widths above the 2 GeV R-ratio tables held at their last value, as DarkCast does
    kw = dict(dirac=dirac, loop_mixing=loop_mixing, mu=mu, above_table="hold")
    if g is None:
        pwX = decays.partial_widths(model, m, **kw)
    else:
        pwX = {k: v / g**2 for k, v in decays.partial_widths(model, m, g, **kw).items()}
    return R_P, pwX, _dark_photon_widths(m)


#: The dark photon's g = 1 partial widths by mass grid: the same for every model recast on that grid
#: (a search's own masses, a bound set's masses), kept for the last few grids.
_DARK_PHOTON_WIDTHS: dict[bytes, dict[str, np.ndarray]] = {}


def _dark_photon_widths(m: np.ndarray) -> dict[str, np.ndarray]:
    key = np.ascontiguousarray(m, dtype=float).tobytes()
    if key not in _DARK_PHOTON_WIDTHS:
        if len(_DARK_PHOTON_WIDTHS) >= 64:
            _DARK_PHOTON_WIDTHS.pop(next(iter(_DARK_PHOTON_WIDTHS)))
        pw = decays.partial_widths(decays.dark_photon_reference(), m, dirac=False, above_table="hold")
        for v in pw.values():
            v.setflags(write=False)  # shared between calls: read only
        _DARK_PHOTON_WIDTHS[key] = pw
    return _DARK_PHOTON_WIDTHS[key]


def _other_width(other_width, m):
    """Width (GeV, at g = 1) of decays the search neither counts nor calls invisible, on masses m."""
    if other_width is None:
        return np.zeros_like(m)
    w = other_width(m) if callable(other_width) else other_width
    w = np.broadcast_to(np.asarray(w, dtype=float), m.shape)
    if np.any(~np.isfinite(w)) or np.any(w < 0):
        raise RecastError("other_width must be finite and non-negative (GeV at g = 1)")
    return w


def recast(
    search: str | Search,
    model: VectorModel | str,
    masses: ArrayLike | None = None,
    *,
    loop_mixing: bool | VectorModel = False,
    dirac: bool | None = None,
    invisible: str | float = "neutrinos",
    mu: float | None = None,
    other_width: Callable | None = None,
    g_points: ArrayLike | None = None,
) -> RecastBand:
    """Recast a dark-photon search to the coupling g of ``model`` (a VectorModel or a model name).

    ``masses`` (GeV) must lie inside the search's mass range (default: the
    masses of the limit file).  ``loop_mixing``, ``dirac`` and ``mu`` go to
    :func:`zprime.observables.decays.partial_widths`; ``invisible`` is ``"neutrinos"`` or a
    dark-sector width in units of the SM width (see the module docstring).
    ``other_width`` (a callable of m or an array, GeV at g = 1) is a width into
    final states that are neither the search's signal nor invisible -- e.g.
    Z' -> phi phi* -> 4e in Bernal-Farzan, vetoed by NA48/2 and seen by
    NA64's calorimeter: it only adds to the total width.

    Parameters
    ----------
    search : str or Search
        A search of :data:`SEARCHES` or :data:`TODAY_SEARCHES` by name.
    model : VectorModel or str
    masses : array_like, optional
        Masses in GeV.
    loop_mixing, dirac, mu
        See :func:`zprime.observables.decays.partial_widths`.
    invisible : str or float
        ``"neutrinos"`` or a dark-sector width in units of the SM width.
    other_width : callable, optional
        Width into other final states, GeV at g = 1, as a function of m.
    g_points : array_like, optional
        For a model whose rates do not all scale as g^2 (tree-level eps, a fixed g_chi): one
        coupling per entry of ``masses`` (same shape, > 0), at which the model's charges are
        taken (:meth:`VectorModel.at_coupling`).  Entry k of the band is then the band of the
        model written at coupling ``g_points[k]``: :func:`excludes_points` asks whether that
        coupling lies inside it.  ``masses`` may repeat.

    Returns
    -------
    RecastBand
        ``lower`` (and ``upper``) excluded couplings per mass; NaN where not excluded.

    Examples
    --------
    >>> from zprime import models
    >>> from zprime.experiments.recast import recast
    >>> band = recast("BaBar_Lees2014xha", models.get_model("B-L"), [0.1])   # e+e- -> gamma (l+l-)
    >>> print(f"g > {band.lower[0]:.3g} excluded at 100 MeV")
    g > 0.000609 excluded at 100 MeV
    """
    s = get_search(search)
    model = as_model(model)
    if model.axial_quarks:
        raise RecastError(
            f"model {model.name!r}: axial quark couplings {list(model.axial_quarks)}: the production of an axial "
            "vector in meson decays and hadronic bremsstrahlung (arXiv:2206.08563) is not implemented (its decays "
            "are); axial lepton couplings are"
        )
    if model.dark is not None and not model.dark.scales_with_g and g_points is None:
        raise RecastError(
            f"model {model.name!r}: a dark fermion with a fixed g_chi does not scale with g; recast "
            "model.at_coupling(g) at each coupling"
        )
    if isinstance(invisible, str):
        if invisible != "neutrinos":
            raise RecastError("invisible must be 'neutrinos' or a non-negative dark-width multiple")
        dark = 0.0
    else:
        dark = float(invisible)
        if not (dark >= 0 and math.isfinite(dark)):
            raise RecastError("the dark-sector width multiple must be finite and >= 0")
    cols = load_search(s.name)
    if s.window is not None and s.window[0] == "rgrid":
        if masses is not None or g_points is not None:
            raise RecastError(f"{s.name} is an r-value grid; it is recast at its own masses")
        return _recast_rgrid(s, model, loop_mixing, dirac, dark, mu, other_width)
    m_file = cols[0]
    if masses is None:
        m = m_file
        eps = [col for col in cols[1:]]
    else:
        try:
            m = np.atleast_1d(validation.positive("masses", masses, "GeV"))
        except validation.InputError as exc:
            raise RecastError(str(exc)) from None
        m_lo, m_hi = search_mass_range(s.name)
        if np.any(m < m_lo) or np.any(m > m_hi):
            raise RecastError(
                f"{s.name} covers m = {m_lo:.4g} - {m_hi:.4g} GeV; got masses {m.min():.4g} - {m.max():.4g} GeV"
            )
        eps = [np.interp(m, m_file, col) for col in cols[1:]]
    g_at = None
    if g_points is not None:
        if masses is None:
            raise RecastError("g_points needs the masses they belong to")
        try:
            g_at = validation.positive("g_points", g_points)
        except validation.InputError as exc:
            raise RecastError(str(exc)) from None
        if g_at.shape != m.shape:
            raise RecastError(f"g_points must have the shape of masses {m.shape}, got {g_at.shape}")
    R_P, pwX, pwA = _production_and_widths(s, model, m, loop_mixing, dirac, mu, g_at)
    # branching fractions and g = 1 total widths
    G_X = decays.sum_widths(pwX, "total", dark_width=dark)
    G_other = _other_width(other_width, m)
    diluted = np.divide(G_X, G_X + G_other, out=np.zeros_like(m), where=G_X + G_other > 0)
    G_X = G_X + G_other
    if s.decay is None:
        br = np.ones_like(m)
        G_A = decays.sum_widths(pwA, "total")
    elif s.decay == "invisible":
        # the dark-photon limits assume BR(A' -> invisible) ~ 1 (0.99 as digitised by DarkCast, 1 for NA64 2022)
        br = decays.ratio_of_widths(pwX, "invisible", dark_width=dark) / s.br_reference
        G_A = 100.0 * decays.sum_widths(pwA, "visible")
    else:
        ts = s.reference_states
        brA = decays.ratio_of_widths(pwA, s.decay, total_states=ts)
        brX = decays.ratio_of_widths(pwX, s.decay, dark_width=dark)
        br = np.divide(brX, brA, out=np.zeros_like(m), where=brA > 0)
        G_A = decays.sum_widths(pwA, ts or "total")
    if s.decay is not None:
        br = br * diluted
    factor = R_P * br  # (g/eps)^2 factor * factor * E_X/E_A = 1
    lower = np.full_like(m, np.nan)
    upper = np.full_like(m, np.nan)
    eps_lo = eps[0]
    ok = (factor > 0) & (eps_lo < G_SENTINEL) & (eps_lo > 0)
    if s.two_sided:
        ok &= eps[1] < G_SENTINEL
    note = ""
    if not np.any(factor > 0):
        why = "production" if not np.any(R_P > 0) else "decay into " + str(s.decay)
        note = (
            f"{model.name} does not couple to the {why} channel of {s.name} "
            f"({s.production} -> {s.decay}): nothing to recast"
        )
    if s.window is None:
        lower[ok] = eps_lo[ok] / np.sqrt(factor[ok])
        upper[ok] = np.inf
    elif s.window[0] == "prompt":
        t1 = np.broadcast_to(s.window[1](m), m.shape)
        lf = np.log(np.where(ok, factor, 1.0))
        uA = eps_lo**2 * G_A

        def F(lg):
            g = np.exp(lg)
            return 2 * (lg - np.log(eps_lo)) + lf + _log_eff(g * g * G_X, 0.0, t1) - _log_eff(uA, 0.0, t1)

        lo_b = np.full_like(m, np.log(1e-15))
        hi_b = np.full_like(m, np.log(G_SENTINEL))
        with np.errstate(divide="ignore", invalid="ignore"):
            good = ok & (F(hi_b) > 0)
            root = _bisect(F, lo_b, hi_b)
        lower[good] = np.exp(root[good])
        upper[good] = np.inf
    else:  # beam dump
        r = s.window[1]
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = _fiducial_t0(eps_lo, eps[1], G_A, r)
            t1 = (1 + r) * t0
            uA = eps_lo**2 * G_A
            lhs_ref = 2 * np.log(eps_lo) + _log_eff(uA, t0, t1) - np.log(np.where(ok, factor, 1.0))

            def F(lu):  # in u = g^2 Gamma_X: ln(g^2) + ln E - reference
                u = np.exp(lu)
                return lu - np.log(G_X) + _log_eff(u, t0, t1) - lhs_ref

            # maximum of u E(u): 1/u - t0 + d/(e^{d u} - 1) = 0, decreasing in u
            d = t1 - t0

            def dF(lu):
                u = np.exp(lu)
                return 1.0 / u - t0 + d / np.expm1(np.minimum(d * u, 700.0))

            lo_u = np.log(1e-30 / t1)
            hi_u = np.log(1e4 / t0)
            lu_star = _bisect(dF, lo_u, hi_u, 120)
            good = ok & (F(lu_star) > 0)
            lu_lo = _bisect(F, lo_u, lu_star, 120)
            lu_hi = _bisect(F, lu_star, np.log(1e6 / t0))
        lower[good] = np.sqrt(np.exp(lu_lo[good]) / G_X[good])
        upper[good] = np.sqrt(np.exp(lu_hi[good]) / G_X[good])
    if not note and not np.any(np.isfinite(lower)):
        note = f"{model.name} is not excluded by {s.name} for g < {G_SENTINEL:g}"
    return RecastBand(s, model.name, m, lower, upper, note)


def excludes_points(search: str | Search, model: VectorModel, g: ArrayLike, m: ArrayLike, **kw) -> np.ndarray:
    """Whether each point (g, m) is excluded by ``search``, the model written at its own coupling g.

    One vectorised :func:`recast` with ``g_points=g`` (for models with tree-level eps or a fixed
    g_chi, whose charges change with g): point k is excluded when g_k lies in the band of the model
    at coupling g_k at mass m_k.  The same answer as recasting ``model.at_coupling(g_k)`` point by
    point, without interpolating a band across masses.  ``kw`` go to :func:`recast`.
    """
    g = validation.positive("coupling g", g)
    m = validation.positive("mass m", m, "GeV")
    if g.shape != m.shape:
        raise RecastError(f"g and m must have one shape, got {g.shape} and {m.shape}")
    band = recast(search, model, m.ravel(), g_points=g.ravel(), **kw)
    with np.errstate(invalid="ignore"):
        inside = (g.ravel() >= band.lower) & (g.ravel() <= band.upper)
    return inside.reshape(g.shape)


@cache
def _rgrid_nodes(name: str) -> tuple[np.ndarray, tuple[tuple[np.ndarray, np.ndarray], ...]]:
    """An r-value grid's nodes grouped by mass, once per search: (masses, ((eps, r) at each mass)), the
    nodes of each mass in file order.  A model with tree-level eps is recast at every coupling a scan
    visits; grouping the ~10^5 nodes anew each time cost more than the recast itself."""
    mg, eg, rg = load_search(name)
    masses = np.unique(mg)
    idx = np.searchsorted(masses, mg)
    order = np.argsort(idx, kind="stable")
    cuts = np.searchsorted(idx[order], np.arange(masses.size + 1))
    nodes = tuple((eg[order[a:b]], rg[order[a:b]]) for a, b in zip(cuts[:-1], cuts[1:]))
    for arr in (masses, *(x for pair in nodes for x in pair)):
        arr.setflags(write=False)
    return masses, nodes


def _recast_rgrid(s, model, loop_mixing, dirac, dark, mu, other_width=None):
    """LHCb-style r-value grids (eq. 2.21 with the out-of-grid windows of eq. C.4)."""
    masses, nodes = _rgrid_nodes(s.name)
    R_P, pwX, pwA = _production_and_widths(s, model, masses, loop_mixing, dirac, mu)
    brA = decays.ratio_of_widths(pwA, s.decay)
    G_A = decays.sum_widths(pwA, "total")
    G_X = decays.sum_widths(pwX, "total", dark_width=dark)
    G_other = _other_width(other_width, masses)
    brX = decays.sum_widths(pwX, s.decay, dark_width=dark) / (G_X + G_other)
    G_X = G_X + G_other
    lower = np.full_like(masses, np.nan)
    upper = np.full_like(masses, np.nan)
    for j in range(masses.size):
        if not (R_P[j] > 0 and brX[j] > 0 and brA[j] > 0):
            continue
        e, r = nodes[j]
        tau = 1.0 / (e * e * G_A[j])  # dark-photon lifetime at each node
        g = e * math.sqrt(G_A[j] / G_X[j])  # X coupling with the same lifetime
        rX = r * brA[j] / brX[j] / ((g / e) ** 2 * R_P[j])
        exc = rX < 1
        if not np.any(exc):
            continue
        il = np.flatnonzero(exc)[np.argmin(g[exc])]
        iu = np.flatnonzero(exc)[np.argmax(g[exc])]
        gl, gu = g[il], g[iu]
        # beyond the grid: windows [0, tau_max] (longer lifetimes) and [tau_min, inf) (shorter)
        if tau[il] == tau.max():
            tl, rl = tau[il], rX[il]
            f = lambda lg: (
                2 * (lg - math.log(gl))
                + _log_eff(np.exp(2 * lg) * G_X[j], 0.0, tl)
                - _log_eff(1.0 / tl, 0.0, tl)
                - math.log(rl)
            )
            gl = float(np.exp(_bisect(f, np.array(math.log(gl) - 30), np.array(math.log(gl)))))
        if tau[iu] == tau.min():
            tu, ru = tau[iu], rX[iu]
            f = lambda lg: (
                -(
                    2 * (lg - math.log(gu))
                    + _log_eff(np.exp(2 * lg) * G_X[j], tu, np.inf)
                    - _log_eff(1.0 / tu, tu, np.inf)
                    - math.log(ru)
                )
            )
            gu = float(np.exp(_bisect(f, np.array(math.log(gu)), np.array(math.log(gu) + 10))))
        lower[j], upper[j] = gl, gu
    note = "" if np.any(np.isfinite(lower)) else f"{model.name} is not excluded by {s.name}"
    return RecastBand(s, model.name, masses, lower, upper, note)
