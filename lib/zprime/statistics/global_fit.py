"""Global Delta chi^2 of vector-like U(1)_X models at fixed m_X (Greljo et al. 2022, App. B).

    Delta chi^2 = Delta chi^2_amu + Delta chi^2_Borex + Delta chi^2_NSI osc + Delta chi^2_COHERENT
                  + Delta chi^2_reson,                                                   (B.1)

as a function of the coupling g_X and of r = eps e/g_X (the kinetic-mixing variable of
Table 1), for charges (c_B, c_e, c_mu, c_tau) of :mod:`zprime.models.u1x`.  With kinetic mixing
the effective charges are x_f + r Q_f: muon c_mu - r, electron c_e - r, proton c_B + r,
neutron c_B, neutrinos c_alpha.

* amu: ((Delta a_mu - 251e-11)/sigma)^2 with the full one-loop vector result (B.2);
* Borexino: ((R_Be - 1.06)/0.09)^2 (B.3), :mod:`zprime.observables.nue`;
* NSI osc: the approximate chi^2 of App. A (:mod:`zprime.observables.nsi_osc`), set to 0 where negative;
* COHERENT: chi^2(model) - chi^2(SM) of our CsI 2021 likelihood (:mod:`zprime.experiments.coherent`);
* resonances: 100 if NA64 (invisible, 2019) or BaBar 2014 (visible) exclude the point
  (:mod:`zprime.experiments.recast`), else 0.

The minimum over (g_X, r) is found on a grid in (log10 g_X, r) that contains the special
values of r where one term vanishes (electron or CsI neutral), followed by two zooms
around the best grid points.  :func:`scan` maps this over many models with any
``concurrent.futures`` executor.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import validation
from zprime.constants import DELTA_A_MU_2021, Measurement
from zprime.experiments import coherent, recast
from zprime.models import VectorModel, u1x
from zprime.observables import decays, gm2, nsi_osc, nue
from zprime.statistics.parallel import map_jobs
from zprime.validation import InputError, checks

__all__ = [
    "GlobalChi2",
    "Minimum",
    "minimise",
    "scan",
    "COMPONENTS",
    "RESONANCE_SEARCHES",
    "RESONANCE_PENALTY",
    "resonance_thresholds",
    "effective_model",
    "heavy_x_chi2",
    "heavy_x_minimum",
]

COMPONENTS = ("amu", "borexino", "nsi", "coherent", "resonance")
#: Searches of App. B (NA64 invisible 2019, arXiv:1906.00176; BaBar 2014 visible, arXiv:1406.2980).
RESONANCE_SEARCHES = ("NA64_NA642019imj", "BaBar_Lees2014xha")
#: Value of Delta chi^2_reson for an excluded point (App. B).
RESONANCE_PENALTY = 100.0
#: CsI: (Z, N) of 133Cs and 127I.
_CSI = ((55, 78), (53, 74))


def _four_charges(charges: Iterable[float]) -> tuple[float, ...]:
    try:
        ch = tuple(float(x) for x in charges)
    except (TypeError, ValueError):
        ch = ()
    if len(ch) != 4 or not all(math.isfinite(x) for x in ch):
        raise InputError(f"charges must be four finite numbers (c_B, c_e, c_mu, c_tau), got {charges!r}")
    return ch


def _checked_charges(charges: Iterable[float]) -> tuple[float, ...]:
    ch = _four_charges(charges)
    u1x.model(*ch)  # raises for anomalous charges
    return ch


@checks(r="scalar")
def effective_model(charges: Iterable[float], r: float, name: str = "X") -> VectorModel:
    """VectorModel with the kinetic-mixing shift x_f + r Q_f folded into the charges (eps = 0)."""
    cB, ce, cm, ct = _four_charges(charges)
    ch = dict(u=cB / 3 + 2 * r / 3, d=cB / 3 - r / 3, e=ce - r, mu=cm - r, tau=ct - r, nu_e=ce, nu_mu=cm, nu_tau=ct)
    return VectorModel(name, ch, nu_R=False)


#: The pairs (i < j) of components of z = (c_B, c_e, c_mu, c_tau, r) whose sums e_i + e_j the polarisation uses.
_PAIRS = tuple((i, j) for i in range(5) for j in range(i + 1, 5))


@lru_cache(maxsize=64)
def _polarisation_widths(m_X: float) -> list[dict]:
    """The g = 1 partial widths of :func:`effective_model` at m_X for the 15 vectors
    z = (c_B, c_e, c_mu, c_tau, r) of the polarisation (:func:`_width_form`): the five unit vectors, then
    the sums e_i + e_j of :data:`_PAIRS`."""
    E = np.eye(5)
    zs = [E[i] for i in range(5)] + [E[i] + E[j] for i, j in _PAIRS]
    return [decays.partial_widths(effective_model(z[:4], z[4]), np.array([m_X]), dirac=False) for z in zs]


@lru_cache(maxsize=256)
def _width_form(m_X: float, states) -> np.ndarray:
    """Q (5, 5) with sum_widths(states) = z Q z at g = 1 for every model (z = (c_B, c_e, c_mu, c_tau, r)).

    Each width is quadratic in the couplings and :func:`effective_model`'s couplings are linear in z,
    so the widths at the unit vectors and their pairwise sums fix Q: a scan over thousands of models
    evaluates :func:`zprime.observables.decays.partial_widths` 15 times per mass instead of three times
    per model (test_global_fit compares with the widths of the models themselves).
    """
    w = [float(decays.sum_widths(pw, states)[0]) for pw in _polarisation_widths(m_X)]
    Q = np.diag(w[:5])
    for k, (i, j) in enumerate(_PAIRS, start=5):
        Q[i, j] = Q[j, i] = 0.5 * (w[k] - w[i] - w[j])
    return Q


@lru_cache(maxsize=1024)
def _branching_coefficients(charges, m_X, states):
    """(BR numerator, total width) at g = 1 and r = -1, 0, 1 (the three points of :func:`_quadratic`),
    shape (3, 2), from the quadratic forms of :func:`_width_form`."""
    z = np.array([[*charges, r] for r in (-1.0, 0.0, 1.0)])
    return np.stack([np.einsum("ri,ij,rj->r", z, _width_form(m_X, s), z) for s in (states, "total")], axis=1)


def _quadratic(vals, r):
    """Quadratic through (-1, v0), (0, v1), (1, v2) evaluated at r."""
    v0, v1, v2 = vals
    return v1 + 0.5 * (v2 - v0) * r + 0.5 * (v2 + v0 - 2 * v1) * r * r


#: The charges on which each search's constant C is calibrated (x_e = -1 at r = 2, electrons and nu_e only).
_CALIBRATION_CHARGES = (0.0, 1.0, 0.0, 0.0)


@lru_cache(maxsize=256)
def _threshold_constant(m_X, search):
    """C with g_lim(r) = C / (|x_e(r)| sqrt(BR_F(r))) for any model, calibrated once on recast().

    For a search produced by electrons (bremsstrahlung or e+e- annihilation, both ~ x_e^2) without a
    lifetime window the recast limit is g_lim = eps_lim sqrt(BR_A'/(x_e^2 BR_X)) (see
    :func:`zprime.experiments.recast.recast`): g_lim |x_e| sqrt(BR_X) = eps_lim sqrt(BR_A') depends on the
    search and the mass only.  It is read off one model (:data:`_CALIBRATION_CHARGES`), the same for
    every model to rounding (test_global_fit checks thresholds against full recasts of other models).
    """
    s = recast.get_search(search)
    if s.window is not None or s.production not in ("e_brem", "e_e"):
        raise InputError(f"{search}: only electron-produced searches without lifetime window are supported")
    ce = _CALIBRATION_CHARGES[1]
    r0 = ce + 1.0  # |x_e(r0)| = 1
    band = recast.recast(search, effective_model(_CALIBRATION_CHARGES, r0), masses=np.array([m_X]))
    coef = _branching_coefficients(_CALIBRATION_CHARGES, m_X, s.decay)
    br0 = _quadratic(coef[:, 0], r0) / _quadratic(coef[:, 1], r0)
    g0 = band.lower[0]
    if not np.isfinite(g0):
        return np.inf
    return float(g0 * abs(ce - r0) * math.sqrt(br0))


@checks(m_X="positive scalar", r="finite")
def resonance_thresholds(
    charges: Iterable[float], m_X: float, r: ArrayLike, searches: Sequence[str] = RESONANCE_SEARCHES
) -> dict[str, np.ndarray]:
    """Smallest excluded g_X of each search at mass m_X, as a function of r (inf: not excluded)."""
    return _thresholds(_checked_charges(charges), float(m_X), np.asarray(r, dtype=float), searches)


def _thresholds(charges: tuple, m_X: float, r: np.ndarray, searches: Sequence[str]) -> dict[str, np.ndarray]:
    """:func:`resonance_thresholds` for checked arguments (the minimiser's hot path)."""
    out = {}
    for s in searches:
        C = _threshold_constant(m_X, s)
        coef = _branching_coefficients(charges, m_X, recast.get_search(s).decay)
        num, tot = _quadratic(coef[:, 0], r), _quadratic(coef[:, 1], r)
        br = np.divide(num, tot, out=np.zeros_like(r * 1.0), where=tot > 0)
        prod = np.abs(charges[1] - r) * np.sqrt(np.clip(br, 0, None))
        with np.errstate(divide="ignore"):
            out[s] = np.where(prod > 0, C / np.where(prod > 0, prod, 1), np.inf)
    return out


@dataclass
class GlobalChi2:
    """Delta chi^2 (B.1) for one model at mass m_X (GeV); components evaluated on arrays (g, r)."""

    charges: tuple
    m_X: float = 0.2
    include: tuple = ("amu", "borexino", "nsi", "coherent", "resonance")
    delta_amu: Measurement = DELTA_A_MU_2021
    nsi: nsi_osc.ApproxChi2 | None = None
    borexino_window: tuple = (0.0, None)
    #: COHERENT data sets of the coherent term: ("CsI2017",) is the paper's setting (App. B used
    #: the Denton-Gehrlein code for the 2017 CsI data); ("CsI",) is CsI 2021, ("CsI", "Ar") today's.
    coherent_data: tuple = ("CsI2017",)
    _csi: list | None = field(default=None, repr=False)

    def __post_init__(self):
        self.charges = _checked_charges(self.charges)
        unknown = set(self.include) - set(COMPONENTS)
        if unknown:
            raise InputError(f"unknown components {sorted(unknown)}; known: {COMPONENTS}")
        self.m_X = validation.RULES["positive scalar"]("m_X", self.m_X)
        if isinstance(self.coherent_data, str):
            self.coherent_data = (self.coherent_data,)
        bad = [d for d in self.coherent_data if d not in coherent.DATASETS]
        if bad or not self.coherent_data or len(set(self.coherent_data)) != len(self.coherent_data):
            raise InputError(f"coherent_data must be distinct names from {coherent.DATASETS}, got {self.coherent_data}")
        if "nsi" in self.include and self.nsi is None:
            raise InputError("the NSI term needs the fitted approximate chi^2 (nsi=ApproxChi2)")
        self._amu_unit = float(gm2.delta_a_vector(1.0, self.m_X))

    # -- components ------------------------------------------------------------------------
    # Each public term checks its arguments and calls its private twin; components() and total() check
    # once and call the twins directly (the minimiser evaluates them on grids of ~20 000 points).
    @checks(g="nonnegative", r="finite")
    def amu(self, g: ArrayLike, r: ArrayLike) -> np.ndarray | float:
        return self._amu(g, r)

    def _amu(self, g, r):
        d = np.asarray(g) ** 2 * (self.charges[2] - np.asarray(r)) ** 2 * self._amu_unit
        return ((d - self.delta_amu.value) / self.delta_amu.sigma) ** 2

    @checks(g="nonnegative", r="finite")
    def R_Be(self, g: ArrayLike, r: ArrayLike) -> np.ndarray | float:
        return self._R_Be(g, r)

    def _R_Be(self, g, r):
        cB, ce, cm, ct = self.charges
        g = np.asarray(g, dtype=float)
        ge = g * (ce - np.asarray(r))
        return nue.R_Be((g * ce, g * cm, g * ct), ge, ge, self.m_X, T_window=self.borexino_window)

    @checks(g="nonnegative", r="finite")
    def borexino(self, g: ArrayLike, r: ArrayLike) -> np.ndarray | float:
        return self._borexino(g, r)

    def _borexino(self, g, r):
        return nue.borexino_chi2(self._R_Be(g, r))

    @checks(g="nonnegative")
    def nsi_osc(self, g: ArrayLike, r: ArrayLike | None = None) -> np.ndarray | float:
        """The App. A term; it does not depend on r (accepted for a common signature)."""
        if r is not None:
            validation.finite("r", r)
        return self._nsi_osc(g, r)

    def _nsi_osc(self, g, r=None):
        e0 = nsi_osc.eps0(g, self.m_X)
        assert self.nsi is not None  # __post_init__ requires it when the term is included
        return np.maximum(self.nsi.delta_chi2(e0, self.charges), 0.0)

    @checks(g="nonnegative", r="finite")
    def coherent(self, g: ArrayLike, r: ArrayLike) -> np.ndarray:
        """Sum over ``coherent_data`` of chi2(model) - chi2(SM); the points grouped by r (one model each)."""
        return self._coherent(g, r)

    def _coherent(self, g, r):
        if self._csi is None:
            self._csi = [
                (L, float(L.chi2(L.sm[None])[0])) for L in (coherent.likelihood(d) for d in self.coherent_data)
            ]
        g, r = np.broadcast_arrays(np.asarray(g, float), np.asarray(r, float))
        out = np.zeros(g.shape)
        flat_r, inv = np.unique(r.ravel(), return_inverse=True)
        gf, of = g.ravel(), out.reshape(-1)
        # the points grouped by r (one model each), predicted per group and profiled in one call
        order = np.argsort(inv, kind="stable")
        groups = np.split(order, np.cumsum(np.bincount(inv, minlength=len(flat_r)))[:-1])
        models = [effective_model(self.charges, rv) for rv in flat_r]
        for L, sm in self._csi:
            N = np.concatenate([L.predict_vector(mod, gf[sel], self.m_X) for mod, sel in zip(models, groups)])
            of[order] += L.chi2(N) - sm
        return out

    @checks(g="nonnegative", r="finite")
    def resonance(self, g: ArrayLike, r: ArrayLike) -> np.ndarray:
        return self._resonance(g, r)

    def _resonance(self, g, r):
        th = _thresholds(self.charges, self.m_X, np.asarray(r, dtype=float), RESONANCE_SEARCHES)
        excluded = np.zeros(np.broadcast(np.asarray(g), np.asarray(r)).shape, dtype=bool)
        for v in th.values():
            excluded |= np.asarray(g) >= v
        return np.where(excluded, RESONANCE_PENALTY, 0.0)

    @checks(g="nonnegative", r="finite")
    def components(self, g: ArrayLike, r: ArrayLike) -> dict[str, np.ndarray]:
        return self._components(g, r)

    def _components(self, g, r):
        fn = {
            "amu": self._amu,
            "borexino": self._borexino,
            "nsi": self._nsi_osc,
            "coherent": self._coherent,
            "resonance": self._resonance,
        }
        shape = np.broadcast(np.asarray(g), np.asarray(r)).shape
        return {k: np.broadcast_to(fn[k](g, r), shape) for k in self.include}

    @checks(g="nonnegative", r="finite")
    def total(self, g: ArrayLike, r: ArrayLike) -> np.ndarray:
        return sum(self._components(g, r).values())

    def special_r(self) -> list[float]:
        """r where a term vanishes: electron neutral (Borexino, NA64, BaBar) and Cs or I neutral (COHERENT)."""
        cB, ce, cm, ct = self.charges
        out = [ce]
        for Z, N in _CSI + (((18, 22),) if "Ar" in self.coherent_data else ()):
            out.append(-cB * (Z + N) / Z)
        out.append(-cB * (1 + 1.4))
        return out


@dataclass(frozen=True)
class Minimum:
    """Best (g_X, r = eps e/g_X) of a model and the Delta chi^2 there, by component."""

    charges: tuple
    g: float
    r: float
    dchi2: float
    components: dict


def _grid_total(chi2: GlobalChi2, lg, r):
    """The total on the grid log10 g_X = ``lg`` x ``r``: shape (..., n_g, n_r) for ``lg`` (..., n_g) and
    ``r`` (..., n_r), grids stacked along the leading axes; each term broadcasts over the two grid axes (the
    NSI term, r-independent, is evaluated once per g_X, the thresholds once per r)."""
    return chi2.total((10.0 ** np.asarray(lg))[..., :, None], np.asarray(r)[..., None, :])


def _grid_candidates(
    tot: np.ndarray, lg: np.ndarray, r: np.ndarray, sep_lg: float, sep_r: float, n_best: int
) -> list[tuple[float, float]]:
    """The ``n_best`` lowest grid points of ``tot`` (len(lg), len(r)), each more than ``sep_lg`` in log10 g_X
    or ``sep_r`` in r away from every lower one taken: [(lg, r)], lowest first.

    The walk needs the points in ascending order only until it has them, so the lowest 256 are sorted
    first (``np.partition``; ties at the cut included, order stable) and the whole grid only if those do
    not suffice: the same walk as over a full stable sort, an order of magnitude cheaper on a 23 000-point grid.
    """

    def walk(order: np.ndarray) -> list[tuple[float, float]]:
        cands: list[tuple[float, float]] = []
        for idx in order:
            i, j = divmod(int(idx), tot.shape[1])
            if all(abs(lg[i] - a) > sep_lg or abs(r[j] - b) > sep_r for a, b in cands):
                cands.append((float(lg[i]), float(r[j])))
                if len(cands) >= n_best:
                    break
        return cands

    flat = tot.ravel()
    k = min(256, flat.size)
    head = np.flatnonzero(flat <= np.partition(flat, k - 1)[k - 1])  # NaN never in the head
    cands = walk(head[np.argsort(flat[head], kind="stable")])
    if len(cands) < n_best and head.size < flat.size:
        cands = walk(np.argsort(flat, kind="stable"))
    return cands


def minimise(
    chi2: GlobalChi2,
    lg_range: tuple[float, float] = (-6.0, -1.0),
    r_range: tuple[float, float] = (-25.0, 25.0),
    n_g: int = 101,
    n_r: int = 201,
    zooms: int = 3,
    n_best: int = 3,
) -> Minimum:
    """Minimum of the global Delta chi^2 over (g_X, r = eps e/g_X): a grid, then zooms.

    The r grid is refined around the model's special values (where a coupling vanishes).

    Parameters
    ----------
    chi2 : GlobalChi2
        The model's Delta chi^2 (eq. (B.1) of arXiv:2203.13731).
    lg_range : (float, float)
        Range of log10 g_X.
    r_range : (float, float)
        Range of r.
    n_g, n_r : int
        Grid points in log10 g_X and in r (>= 3).
    zooms : int
        Zoom steps around each candidate (>= 1; each narrows the window fivefold).
    n_best : int
        Distinct grid minima zoomed into (>= 1).

    Returns
    -------
    Minimum
        ``g``, ``r``, ``dchi2`` and its ``components``.

    Examples
    --------
    >>> from zprime.statistics import global_fit
    >>> F = global_fit.GlobalChi2((3, -6, 4, -7), m_X=0.2, include=("amu",))
    >>> best = global_fit.minimise(F, n_g=41, n_r=41, zooms=1)
    >>> f"{best.g:.2g}", round(best.dchi2, 3)   # (g-2)_mu alone is fitted exactly
    ('0.00021', 0.0)
    """
    for name, (lo, hi) in (("lg_range", lg_range), ("r_range", r_range)):
        lo, hi = float(validation.finite(name, lo)), float(validation.finite(name, hi))
        if not lo < hi:
            raise validation.InputError(f"{name} must be (low, high) with low < high, got {(lo, hi)}")
    for name, n, low in (("n_g", n_g, 3), ("n_r", n_r, 3), ("zooms", zooms, 1), ("n_best", n_best, 1)):
        if isinstance(n, bool) or not (isinstance(n, (int, np.integer)) and n >= low):
            raise validation.InputError(f"{name} must be a whole number >= {low}, got {n!r}")
    lg = np.linspace(lg_range[0], lg_range[1], n_g)
    sp = np.array(chi2.special_r())
    fine = (sp[:, None] + np.array([-0.02, -0.005, 0.0, 0.005, 0.02])[None, :]).ravel()
    r = np.unique(np.concatenate([np.linspace(r_range[0], r_range[1], n_r), fine]))
    tot = _grid_total(chi2, lg, r)
    dlg, dr = lg[1] - lg[0], (r_range[1] - r_range[0]) / (n_r - 1)
    cands = _grid_candidates(tot, lg, r, 2 * dlg, 2 * dr, n_best)
    # Zoom into every candidate, the candidates side by side: one evaluation per zoom step (each
    # candidate's window on its own rows; its r axis padded by repeating its last r, which argmin, taking
    # the first of equal values, never prefers).  The same windows and picks as one candidate at a time.
    at = [(lg0, r0, np.nan) for lg0, r0 in cands]
    wg, wr = 2 * dlg, 2 * dr
    for _ in range(zooms):
        lgz = np.stack([np.linspace(lg0 - wg, lg0 + wg, 21) for lg0, _, _ in at])
        rz = [np.unique(np.concatenate([np.linspace(r0 - wr, r0 + wr, 41), [r0]])) for _, r0, _ in at]
        width = max(x.size for x in rz)
        rz_padded = np.stack([np.concatenate([x, np.full(width - x.size, x[-1])]) for x in rz])
        t = _grid_total(chi2, lgz, rz_padded).reshape(len(at), -1)
        at = []
        for c, k in enumerate(np.argmin(t, axis=1)):
            i, j = divmod(int(k), width)
            at.append((lgz[c, i], rz_padded[c, j], t[c, k]))
        wg, wr = wg / 5, wr / 5
    best = (np.inf, np.nan, np.nan)
    for lg0, r0, val in at:
        if val < best[0]:
            best = (val, lg0, r0)
    val, lg0, r0 = best
    if not np.isfinite(val):
        raise validation.InputError(f"the global chi^2 of {chi2.charges} is not finite anywhere on the grid")
    comp = {k: float(np.asarray(v).ravel()[0]) for k, v in chi2.components(10.0**lg0, r0).items()}
    return Minimum(chi2.charges, float(10.0**lg0), float(r0), float(val), comp)


def _minimise_job(args):
    charges, kw, mkw = args
    return minimise(GlobalChi2(charges, **kw), **mkw)


def scan(
    charge_list: Sequence,
    *,
    executor: Executor | None = None,
    progress: bool = True,
    minimise_kw: dict | None = None,
    **chi2_kw,
) -> list[Minimum]:
    """:func:`minimise` for every (c_B, c_e, c_mu, c_tau) in ``charge_list``, in order.

    Parameters
    ----------
    charge_list : sequence of (c_B, c_e, c_mu, c_tau)
        Anomaly-free charges (e.g. :func:`zprime.models.u1x.sm_classes`).
    executor : concurrent.futures.Executor, optional
        Where the models are minimised (a Dask cluster through ``Client.get_executor()``, ...).
    progress : bool
        A tqdm bar over the models.
    minimise_kw : dict, optional
        Passed to :func:`minimise`.
    **chi2_kw
        Passed to :class:`GlobalChi2` (``m_X``, ``include``, ``nsi``, ...).

    Returns
    -------
    list of Minimum
        One per model, in the order of ``charge_list``.

    Examples
    --------
    >>> from zprime.statistics import global_fit
    >>> fits = global_fit.scan([(3, -6, 4, -7), (0, 0, 1, -1)], include=("amu",), progress=False,
    ...                        minimise_kw=dict(n_g=41, n_r=41, zooms=1))
    >>> [m.charges for m in fits]
    [(3.0, -6.0, 4.0, -7.0), (0.0, 0.0, 1.0, -1.0)]

    ``executor``: any concurrent.futures executor (:func:`zprime.statistics.parallel.map_jobs`);
    default a process pool over the local cores, or serial for a single model.  ``chi2_kw`` go to :class:`GlobalChi2`.
    """
    jobs = [(tuple(float(x) for x in ch), chi2_kw, minimise_kw or {}) for ch in charge_list]
    if len(_MEMO) > _MEMO_SIZE:
        _MEMO.clear()
    keys = [_memo_key(job) for job in jobs]
    submit, first = [], set()
    for i, k in enumerate(keys):  # each job not yet known, once
        if k is None or (k not in _MEMO and k not in first):
            submit.append(i)
            first.add(k)
    fresh = map_jobs(_minimise_job, [jobs[i] for i in submit], executor=executor, progress=progress, desc="models")
    out: list = [None] * len(jobs)
    for i, m in zip(submit, fresh):
        out[i] = m
        if keys[i] is not None:
            _MEMO[keys[i]] = m
    return [m if m is not None else _MEMO[k] for m, k in zip(out, keys)]


#: Minima already found by :func:`scan` in this process, by (charges, GlobalChi2 and minimise
#: arguments): a notebook asks for the same model again (stage 2 with a wider cut, Fig. 4's models
#: among Table 1's).  The minimiser is deterministic, so a stored minimum is the one a refit gives.
_MEMO: dict = {}
_MEMO_SIZE = 50_000


def _memo_key(job):
    charges, kw, mkw = job
    key = (charges, tuple(sorted(kw.items())), tuple(sorted(mkw.items())))
    try:
        hash(key)
    except TypeError:  # an argument that cannot be a key (e.g. a list): no memo for this job
        return None
    return key


# --- sect. 4.1 / Fig. 1: the trident + T bound on m_X --------------------------------------
def heavy_x_chi2(
    m_X: float, gx_L: ArrayLike, gx_E: ArrayLike, eps_Y: ArrayLike, delta_amu: Measurement = DELTA_A_MU_2021
) -> tuple:
    """chi^2 of (g-2)_mu + CCFR (EFT, eq. (3.21)) + T (eq. (3.12)) for X couplings to L_2, E_2 and eps_Y.

    Couplings to mu_L, mu_R, nu_mu from the effective current (3.18); returns (total, parts).
    """
    from zprime.observables import ewpt, trident

    L, R, nu = ewpt.muon_couplings(gx_L, gx_E, eps_Y, m_X)
    qV, qA = (L + R) / 2, (L - R) / 2
    da = gm2.delta_a_vector(qV, m_X) + gm2.delta_a_axial(qA, m_X)
    parts = dict(
        amu=((da - delta_amu.value) / delta_amu.sigma) ** 2,
        ccfr=trident.chi2(nu, qV, qA, m_X),
        T=((ewpt.T_parameter(eps_Y, m_X) - ewpt.T_FIT.value) / ewpt.T_FIT.sigma) ** 2,
    )
    return sum(parts.values()), parts


@checks(m_X="positive scalar")
def heavy_x_minimum(m_X: float, variant: str = "global", delta_amu: Measurement = DELTA_A_MU_2021) -> tuple:
    """Minimum of :func:`heavy_x_chi2` at m_X over the free parameters of ``variant``.

    ``global``: (g x_L2, g x_E2, eps_Y); ``no mixing``: eps_Y = 0; ``dark photon``: x = 0.
    Nelder-Mead from several starts (the coupling that fits Delta a_mu with a vector
    coupling, with and without kinetic mixing); returns (chi2_min, parameters).
    """
    from scipy.optimize import minimize

    from zprime.observables import ewpt

    if variant not in ("global", "no mixing", "dark photon"):
        raise InputError(f"unknown variant {variant!r}")
    gV = float(gm2.coupling_for_delta_a(delta_amu.value, m_X))
    eY = gV / (ewpt.CW * ewpt.c.e_em)  # eps_Y giving a photon-like muon coupling gV

    def unpack(p):
        if variant == "global":
            return gV * p[0], gV * p[1], eY * p[2]
        if variant == "no mixing":
            return gV * p[0], gV * p[1], 0.0
        return 0.0, 0.0, eY * p[0]

    def f(p):
        a, b, e = unpack(p)
        if abs(e) >= 0.99:
            return 1e6
        return float(heavy_x_chi2(m_X, a, b, e, delta_amu)[0])

    options: dict[str, list[tuple[float, ...]]] = {
        "global": [(1, 1, 0), (2, 0, 0), (0, 0, -1), (0.5, 0.5, -0.5), (0.1, 0.1, -1), (1, 1, -0.3)],
        "no mixing": [(1, 1), (2, 0), (1.5, 0.5)],
        "dark photon": [(-1,), (1,), (-0.3,), (0.0,)],
    }
    starts = options[variant]
    best = None
    for s in starts:
        r = minimize(
            f, np.array(s, float), method="Nelder-Mead", options=dict(xatol=1e-6, fatol=1e-7, maxiter=4000, maxfev=8000)
        )
        if best is None or r.fun < best.fun:
            best = r
    assert best is not None  # starts is never empty
    return float(best.fun), unpack(best.x)
