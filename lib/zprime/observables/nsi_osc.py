"""Approximate NSI-oscillation chi^2 for flavour-diagonal U(1)_X couplings (Greljo et al. 2022, App. A).

Oscillations in matter see, for a Z' with charges theta = (x_B, x_e, x_mu, x_tau),
the averaged effective couplings (eqs. (A.1)-(A.5))

    E_alpha = (x_e + (1 + Y_n) x_B) x_alpha eps_0,     eps_0 = g^2 / (sqrt2 G_F m^2),       (A.3, A.5)

and the global-fit chi^2 is approximated by a Gaussian in E (eqs. (A.6)-(A.12)):

    Delta chi^2 = (E - E0)^T C^-1 (E - E0) - E0^T C^-1 E0,   C_ab = sigma_a sigma_b rho_ab.

For one model this is a parabola a eps_0^2 - 2 b eps_0 (a = v^T C^-1 v, b = v^T C^-1 E0,
v = E/eps_0), so its minimum over eps_0 >= 0 and the root Delta chi^2 = 4 are closed forms.
The ten parameters (E0, sigma, rho, Y_n) are fitted to the bounds and minima of
Table 2 (from Coloma, Gonzalez-Garcia, Maltoni, arXiv:2009.14220) by minimising the
loss (A.15) with iminuit.

Kinetic mixing does not enter: matter is electrically neutral (footnote 13).
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import validation
from zprime.observables.nsi import eps0  # eq. (A.3), the one implementation
from zprime.published import TABLES
from zprime.validation import InputError, checks

__all__ = [
    "TABLE2",
    "TABLE3",
    "ApproxChi2",
    "PrecisionChi2",
    "eps0",
    "loss",
    "fit",
    "fit_global",
    "distinct_minima",
    "FitResult",
    "PARAMETER_NAMES",
    "global_minimum",
    "MINIMUM_FILE",
]

#: Table 2: theta = (x_B, x_e, x_mu, x_tau), Delta chi^2_min (None: not given), eps_0 bound (2 sigma).
TABLE2 = (
    ((1, -3, 0, 0), -1.4, 0.242),
    ((1, 0, -3, 0), 0.0, 0.0128),
    ((1, 0, 0, -3), -0.6, 0.0134),
    ((1, 0, -2 / 3, -2 / 3), -1.1, 0.293),
    ((0, 1, -1, 0), -1.3, 0.0873),
    ((0, 1, 0, -1), -1.0, 0.0873),
    ((0, 1, -1 / 2, -1 / 2), -1.3, 0.546),
    ((1, 0, 1, 1), 0.0, 0.136),
    ((0, 1, 2, 2), -0.1, 0.196),
    ((1, -2, -1, 0), None, 1.58),
)

#: Table 3 of the paper: the fitted parameters as printed (rho_mu_tau rounds to 1.00).
TABLE3 = dict(
    E0_e=-1.62,
    E0_mu=-10.00,
    E0_tau=-11.15,
    sigma_e=5.56,
    sigma_mu=8.51,
    sigma_tau=9.59,
    rho_emu=0.78,
    rho_etau=0.79,
    rho_mutau=1.00,
    Y_n=1.04,
)

PARAMETER_NAMES = tuple(TABLE3)

#: Widths of the loss (A.16)-(A.17): 10 % of each bound, and 2 on each minimum.
SIGMA_EPS_FRACTION = 0.1
SIGMA_CHI = 2.0
#: Delta chi^2 of a 2 sigma bound on one parameter.
BOUND_LEVEL = 4.0


def _theta(theta) -> np.ndarray:
    try:
        t = np.asarray(theta, dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"theta must be (..., 4) finite charges (x_B, x_e, x_mu, x_tau), got {theta!r}") from None
    if t.shape[-1:] != (4,) or not np.all(np.isfinite(t)):
        raise InputError(f"theta must be (..., 4) finite charges (x_B, x_e, x_mu, x_tau), got {np.shape(theta)}")
    return t


def _direction(t: np.ndarray, Y_n: float) -> np.ndarray:
    """v_alpha = (x_e + (1 + Y_n) x_B) x_alpha for checked charges t (..., 4), eq. (A.5)."""
    return (t[..., 1] + (1 + Y_n) * t[..., 0])[..., None] * t[..., 1:]


class _QuadraticChi2:
    """Shared closed forms of eqs. (A.12)-(A.14) for a chi^2 given by its ``quadratic(theta)``."""

    Y_n: float

    def direction(self, theta) -> np.ndarray:
        """v_alpha = (x_e + (1 + Y_n) x_B) x_alpha: E = eps_0 v, eq. (A.5); shape (..., 3)."""
        return _direction(_theta(theta), self.Y_n)

    def quadratic(self, theta: ArrayLike) -> tuple[np.ndarray, np.ndarray]:  # pragma: no cover - subclasses
        raise NotImplementedError

    def delta_chi2(self, eps_0, theta):
        """Delta chi^2 of eq. (A.12) at eps_0 (>= 0) for charges theta; broadcasts."""
        eps_0 = validation.finite("eps_0", eps_0)
        if np.any(eps_0 < 0):
            raise InputError("eps_0 = g^2/(sqrt2 G_F m^2) cannot be negative")
        a, b = self.quadratic(theta)
        return a * eps_0**2 - 2 * b * eps_0

    def minimum(self, theta):
        """(eps_0 at the minimum over eps_0 >= 0, Delta chi^2_min), eq. (A.14)."""
        return _minimum(*self.quadratic(theta))

    @checks(level="positive scalar")
    def bound(self, theta, level: float = BOUND_LEVEL):
        """eps_0 with Delta chi^2 = level (the positive root), eq. (A.13); inf if the model is unconstrained."""
        return _bound(*self.quadratic(theta), level)

    def bound_ratios(self, table: Sequence = TABLE2) -> np.ndarray:
        """:meth:`bound` over the published bound of each row of ``table`` (App. A Table 2 by default)."""
        th, bnd, _, _ = _table_arrays(table)
        return self.bound(th) / bnd


@dataclass(frozen=True)
class ApproxChi2(_QuadraticChi2):
    """The Gaussian approximation (A.6)-(A.12) with its parameters eta and Y_n (Table 3 order)."""

    E0: tuple[float, float, float]
    sigma: tuple[float, float, float]
    rho: tuple[float, float, float]  # (e mu, e tau, mu tau)
    Y_n: float

    def __post_init__(self):
        if min(self.sigma) <= 0 or max(abs(r) for r in self.rho) > 1:
            raise InputError("need sigma > 0 and |rho| <= 1, eq. (A.8)")

    @classmethod
    def from_values(cls, v: Sequence[float] | Mapping[str, float]) -> ApproxChi2:
        x = [float(a) for a in (v.values() if isinstance(v, dict) else v)]
        return cls((x[0], x[1], x[2]), (x[3], x[4], x[5]), (x[6], x[7], x[8]), x[9])

    def values(self) -> dict[str, float]:
        return dict(zip(PARAMETER_NAMES, (*self.E0, *self.sigma, *self.rho, self.Y_n)))

    @property
    def covariance(self) -> np.ndarray:
        """C_ab = sigma_a sigma_b rho_ab, eq. (A.7)."""
        s = np.array(self.sigma)
        r_em, r_et, r_mt = self.rho
        R = np.array([[1, r_em, r_et], [r_em, 1, r_mt], [r_et, r_mt, 1]])
        return s[:, None] * s[None, :] * R

    @property
    def is_positive_definite(self) -> bool:
        return bool(np.all(np.linalg.eigvalsh(self.covariance) > 0))

    @property
    def at_correlation_limit(self) -> tuple[str, ...]:
        """Names of correlations within 1e-3 of +-1 (a nearly singular C, as in Table 3)."""
        return tuple(n for n, r in zip(("rho_emu", "rho_etau", "rho_mutau"), self.rho) if abs(r) > 1 - 1e-3)

    def quadratic(self, theta: ArrayLike) -> tuple:
        """(a, b) with Delta chi^2 = a eps_0^2 - 2 b eps_0: a = v^T C^-1 v, b = v^T C^-1 E0."""
        try:
            L = np.linalg.cholesky(self.covariance)
        except np.linalg.LinAlgError:
            raise InputError("covariance matrix is not positive definite; chi^2 undefined") from None
        v = self.direction(theta)
        w = np.linalg.solve(L, np.moveaxis(v, -1, 0).reshape(3, -1))  # L^-1 v
        z = np.linalg.solve(L, np.array(self.E0))  # L^-1 E0
        shape = v.shape[:-1]
        return (w * w).sum(0).reshape(shape), (z @ w).reshape(shape)


@dataclass(frozen=True)
class PrecisionChi2(_QuadraticChi2):
    """The same chi^2 written with P = C^-1 and w = C^-1 E0 (eq. (A.12) expanded).

    Delta chi^2 = eps_0^2 v^T P v - 2 eps_0 v^T w depends on (E0, sigma, rho) only through
    P and w, so this form also holds where C is singular (P has a zero eigenvalue), which is
    where the best minima of the loss lie (all correlations -> 1, as in Table 3).

    Parameters
    ----------
    P : (3, 3) tuple of tuples
        Positive semi-definite precision matrix, flavour order (e, mu, tau).
    w : (3,) tuple
        C^-1 E0.
    Y_n : float
        Neutron-to-proton ratio of the matter the fit averages over (eq. (A.5)).
    """

    P: tuple
    w: tuple[float, float, float]
    Y_n: float

    def __post_init__(self):
        P = np.array(self.P, dtype=float)
        if P.shape != (3, 3) or not np.allclose(P, P.T) or np.linalg.eigvalsh(P).min() < -1e-9 * max(1, abs(P).max()):
            raise InputError("P must be a symmetric positive semi-definite 3x3 matrix")
        if np.shape(self.w) != (3,) or not np.all(np.isfinite(self.w)) or not math.isfinite(self.Y_n):
            raise InputError("w must be 3 finite numbers and Y_n finite")

    @classmethod
    def from_cholesky(cls, x: ArrayLike) -> PrecisionChi2:
        """From the fit vector (6 lower-triangular entries of M with P = M M^T, w, Y_n)."""
        x = np.asarray(x, dtype=float)
        M = np.zeros((3, 3))
        M[_TRIL] = x[:6]
        P = M @ M.T
        return cls(tuple(map(tuple, P)), tuple(x[6:9]), float(x[9]))

    def quadratic(self, theta: ArrayLike) -> tuple:
        """(a, b) = (v^T P v, v^T w)."""
        v = self.direction(theta)
        P = np.array(self.P)
        return np.einsum("...a,ab,...b->...", v, P, v), v @ np.array(self.w)

    @property
    def condition(self) -> float:
        """Smallest over largest eigenvalue of P (0: C singular)."""
        ev = np.linalg.eigvalsh(np.array(self.P))
        return float(max(ev[0], 0.0) / ev[-1])

    def to_approx(self, ridge: float = 1e-9) -> ApproxChi2:
        """A finite (E0, sigma, rho) point: P + ridge * max eigenvalue * 1 inverted (C = P^-1, E0 = C w).

        Where P is singular the Table 3 parameters are infinite; the ridge gives the nearby
        finite point.  Compare the losses to see how close it is.
        """
        P = np.array(self.P)
        P = P + ridge * np.linalg.eigvalsh(P)[-1] * np.eye(3)
        C = np.linalg.inv(P)
        C = 0.5 * (C + C.T)
        s = np.sqrt(np.diag(C))
        R = C / np.outer(s, s)
        return ApproxChi2(
            tuple(C @ np.array(self.w)), tuple(s), (float(R[0, 1]), float(R[0, 2]), float(R[1, 2])), self.Y_n
        )

    def values(self) -> dict[str, float]:
        P = np.array(self.P)
        out = {f"P_{a}{b}": float(P[i, j]) for i, a in enumerate("emt") for j, b in enumerate("emt") if j >= i}
        out.update({f"w_{a}": float(v) for a, v in zip("emt", self.w)})
        out["Y_n"] = self.Y_n
        return out


def _minimum(a, b):
    """(eps_0 at the minimum of the parabola over eps_0 >= 0, Delta chi^2 there); eps_0 = 0 where a = 0."""
    bp = np.maximum(b, 0.0)
    if _all_positive(a):  # the usual case, and the fits' hot path: no a = 0 branch
        e = np.asarray(bp / a)
    else:
        e = np.divide(bp, a, out=np.zeros(np.shape(a)), where=a > 0)
    return e, -bp * e


def _bound(a, b, level=BOUND_LEVEL):
    """The eps_0 >= 0 where Delta chi^2 rises to ``level``; inf where a = 0."""
    num = b + np.sqrt(b * b + level * a)
    if _all_positive(a):
        return np.asarray(num / a)
    return np.divide(num, a, out=np.full(np.shape(a), np.inf), where=a > 0)


def _all_positive(a) -> bool:
    """Whether every a > 0 (False if any is NaN); one reduction, without numpy's wrapper overhead."""
    return bool(np.minimum.reduce(a, axis=None) > 0)


@lru_cache(maxsize=8)
def _table_arrays(table):
    """Table rows as arrays: charges, bounds, which minima are given, minima (0 where not)."""
    th = np.array([t for t, _, _ in table], dtype=float)
    bnd = np.array([b for _, _, b in table], dtype=float)
    has = np.array([m is not None for _, m, _ in table])
    mins = np.array([m if m is not None else 0.0 for _, m, _ in table])
    return th, bnd, has, mins


@lru_cache(maxsize=8)
def _loss_rows(table) -> tuple[tuple[float, float, float | None], ...]:
    """What the loss needs of each table row, as plain floats: (bound, its width (A.16), the published
    minimum or None); the width of a minimum is (A.17)'s :data:`SIGMA_CHI`."""
    _, bnd, has, mins = _table_arrays(table)
    return tuple(
        (b, SIGMA_EPS_FRACTION * b, m if h else None) for b, h, m in zip(bnd.tolist(), has.tolist(), mins.tolist())
    )


def loss(chi2: _QuadraticChi2, table: Sequence = TABLE2) -> float:
    """lambda of eq. (A.15) with the widths (A.16)-(A.17); inf if some row is unconstrained (a = 0)."""
    a, b = chi2.quadratic(_table_arrays(table)[0])
    return _lambda(a.tolist(), b.tolist(), _loss_rows(table))


def _lambda(a: Sequence[float], b: Sequence[float], rows: Sequence[tuple]) -> float:
    """lambda (A.15) from the quadratic coefficients (a, b) of the table rows and :func:`_loss_rows`.

    The one implementation of the loss, and the minimisers' hot path (some 10^6 calls per App. A fit):
    ten rows, so a plain loop over floats, 3-4x faster than numpy's per-call overhead on arrays of ten.
    Per row it writes out the closed forms of :func:`_bound` (A.13) and :func:`_minimum` (A.14).
    Returns inf where some a <= 0 (or is NaN): that row's bound is infinite.
    """
    lam = 0.0
    for a_i, b_i, (bound, width, chi2_min) in zip(a, b, rows):
        if not a_i > 0.0:
            return math.inf
        d = ((b_i + math.sqrt(b_i * b_i + BOUND_LEVEL * a_i)) / a_i - bound) / width
        lam += d * d
        if chi2_min is not None:
            b_pos = b_i if b_i > 0.0 else 0.0
            d = (-b_pos * (b_pos / a_i) - chi2_min) / SIGMA_CHI
            lam += d * d
    return lam


# --- the fit --------------------------------------------------------------------------------
# Free parameters: the lower-triangular M of P = M M^T (6), w = C^-1 E0 (3) and Y_n.  The loss
# depends on (E0, sigma, rho) only through (P, w), and every minimum below 1.2 lies where P is
# singular, i.e. at rho -> 1 with E0 and sigma growing without limit.  In (E0, ln sigma, rho)
# that edge is a corner of the parameter limits where Migrad stalls (most starts end at a limit
# with loss ~100); in (M, w) it is an ordinary point.  Y_n = 1 is a wall: the bound of
# theta = (1, -2, -1, 0) diverges there (v = 0), so Y_n < 1 and Y_n > 1 are separate regions.
_FIT_NAMES = ("M_ee", "M_me", "M_mm", "M_te", "M_tm", "M_tt", "w_e", "w_mu", "w_tau", "Y_n")
_Y_N_RANGE = (0.0, 3.0)


_TRIL = np.tril_indices(3)


class _FitLoss:
    """The loss (A.15) at a fit vector x = (M, w, Y_n) for one table: the hot path of both minimisers
    (some 10^4 calls per Migrad start), so no PrecisionChi2 is built and (a, b) of each row are written
    out over floats: v = (x_e + (1 + Y_n) x_B) x_l (eq. (A.5), as :func:`_direction`), a = |M^T v|^2 =
    v^T P v and b = v . w.  A non-finite loss (a = 0 in some row, or an overflow) is returned as 1e12, a
    wall the minimisers turn back from."""

    def __init__(self, table: Sequence = TABLE2):
        self.charges = tuple(tuple(t) for t in _table_arrays(table)[0].tolist())
        self.rows = _loss_rows(table)

    def __call__(self, x: np.ndarray) -> float:
        m_ee, m_me, m_mm, m_te, m_tm, m_tt, w_e, w_mu, w_tau, Y_n = np.asarray(x, dtype=float).tolist()
        a, b = [], []
        for x_B, x_e, x_mu, x_tau in self.charges:
            s = x_e + (1.0 + Y_n) * x_B
            v_e, v_mu, v_tau = s * x_e, s * x_mu, s * x_tau
            u_e = v_e * m_ee + v_mu * m_me + v_tau * m_te  # (M^T v), M lower triangular
            u_mu = v_mu * m_mm + v_tau * m_tm
            u_tau = v_tau * m_tt
            a.append(u_e * u_e + u_mu * u_mu + u_tau * u_tau)
            b.append(v_e * w_e + v_mu * w_mu + v_tau * w_tau)
        lam = _lambda(a, b, self.rows)
        return lam if math.isfinite(lam) else 1e12


def _quiet():
    """The floating-point state the fits run in: numpy's divisions by zero, 0/0 and overflows (in the
    minimisers' own steps and :meth:`PrecisionChi2.from_cholesky` far out on a wall) stay silent.  The loss
    itself is plain float arithmetic (:func:`_lambda`), which never warns: a row with a = 0 is caught
    before its division, and an overflow gives inf, returned as the 1e12 wall."""
    return np.errstate(divide="ignore", invalid="ignore", over="ignore")


@dataclass(frozen=True)
class FitResult:
    """One minimum of the loss: the chi^2, the loss, Minuit's validity, the method and start."""

    chi2: PrecisionChi2
    loss: float
    valid: bool
    method: str
    start: int

    @property
    def Y_n(self) -> float:
        return self.chi2.Y_n


def _one_start(args):
    from iminuit import Minuit

    k, x0, table = args
    m = Minuit(_FitLoss(table), x0, name=_FIT_NAMES)
    # lambda is a sum of squared pulls, i.e. a chi^2: errordef = 1 (Minuit.LEAST_SQUARES).
    m.errordef = Minuit.LEAST_SQUARES
    m.limits["Y_n"] = _Y_N_RANGE
    m.strategy = 2
    m.tol = 1e-6
    with _quiet():
        m.migrad(ncall=20000)
        m.migrad(ncall=20000)  # restart from the result: the valleys are long and flat
    return FitResult(PrecisionChi2.from_cholesky(np.array(m.values)), float(m.fval), bool(m.valid), "migrad", k)


@checks(n_starts="count", seed="nonnegative count")
def starting_points(n_starts: int, seed: int = 1) -> np.ndarray:
    """Random starts (n_starts, 10): M and w entries N(0, 0.5^2), Y_n uniform in [0.8, 1.3]."""
    n_starts, seed = int(n_starts), int(seed)
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.normal(0, 0.5, (int(n_starts), 9)), rng.uniform(0.8, 1.3, int(n_starts))])


def fit(
    n_starts: int = 200,
    seed: int = 1,
    table: Sequence = TABLE2,
    executor: Executor | None = None,
    progress: bool = True,
) -> list[FitResult]:
    """Minimise the loss (A.15) with Migrad from ``n_starts`` random starts; sorted by loss.

    Parametrised by (M, w, Y_n) (see above); starts from :func:`starting_points`.
    ``executor`` (concurrent.futures) runs the starts in parallel; default serial.
    About 0.2 s per start.
    """
    starts = starting_points(n_starts, seed)
    jobs = [(k, starts[k], table) for k in range(len(starts))]
    it = executor.map(_one_start, jobs) if executor is not None else map(_one_start, jobs)
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(it, total=len(jobs), desc="NSI loss starts")
    return sorted(it, key=lambda r: r.loss)


#: Box of the global search in (M, w): |M_ij| <= 40, |w| <= 20 (the minima found have
#: |M| < 37 and |w| < 13); Y_n in (0.5, 1) and (1, 1.5) separately.
GLOBAL_BOX = (40.0, 20.0)
Y_N_REGIONS = ((0.5, 1.0 - 1e-6), (1.0 + 1e-6, 1.5))


def _one_region(args):
    k, (lo, hi), seed, popsize, table = args
    from scipy.optimize import differential_evolution

    bounds = [(-GLOBAL_BOX[0], GLOBAL_BOX[0])] * 6 + [(-GLOBAL_BOX[1], GLOBAL_BOX[1])] * 3 + [(lo, hi)]
    with _quiet():
        r = differential_evolution(
            _FitLoss(table), bounds, seed=seed, maxiter=3000, tol=1e-10, popsize=popsize, polish=True
        )
    return FitResult(PrecisionChi2.from_cholesky(r.x), float(r.fun), bool(r.success), "differential_evolution", k)


@checks(seed="nonnegative count", popsize="count")
def fit_global(
    seed: int = 1,
    table: Sequence = TABLE2,
    regions: Sequence = Y_N_REGIONS,
    popsize: int = 20,
    executor: Executor | None = None,
) -> list[FitResult]:
    """A second, independent minimiser: scipy's differential evolution (with its L-BFGS-B polish).

    Run once in each Y_n region (the wall at Y_n = 1 separates them; over the whole range the
    population settles in one region), each with the same ``seed``, so that the result does not
    depend on where the regions run.  ``executor`` (concurrent.futures) runs the regions in
    parallel; default serial.  Returns one result per region, sorted by loss; about 10-20 s per region.
    """
    for lo, hi in regions:
        if not lo < hi:
            raise InputError(f"empty Y_n region ({lo}, {hi})")
    from zprime.statistics.parallel import map_jobs

    jobs = [(k, tuple(region), seed, popsize, table) for k, region in enumerate(regions)]
    return sorted(map_jobs(_one_region, jobs, executor=executor, own_pool=False), key=lambda r: r.loss)


def distinct_minima(
    results: list[FitResult], loss_tol: float = 1e-4, y_tol: float = 1e-3, min_starts: int = 1
) -> list[tuple[FitResult, int]]:
    """Group minima with the same loss (absolute ``loss_tol``) and Y_n (absolute ``y_tol``).

    (P itself is not compared: at a singular P its large entries move along the flat valley.)
    Returns (representative, number of results) sorted by loss, for the groups reached by at least
    ``min_starts`` results (a "minimum" that one or two starts stop at lies on the flat valley, and
    which one they stop at changes with the machine's rounding).
    """
    groups: list[list[FitResult]] = []
    for r in sorted(results, key=lambda r: r.loss):
        for grp in groups:
            if abs(grp[0].loss - r.loss) < loss_tol and abs(grp[0].Y_n - r.Y_n) < y_tol:
                grp.append(r)
                break
        else:
            groups.append([r])
    return [(g[0], len(g)) for g in groups if len(g) >= min_starts]


def describe_fits(fits: list[FitResult], fits_de: list[FitResult], min_starts: int = 5) -> str:
    """The table of the App. A fits as the notebook prints it: the six lowest distinct Migrad minima
    (loss, Y_n, condition of P) reached by at least ``min_starts`` starts (:func:`distinct_minima`) and the
    differential-evolution minimum per Y_n region.  Numbers that
    depend on the machine's rounding (starts per minimum, conditions below 1e-12) are left out or
    shown as "< 1e-12", so that the text is the same on every machine."""
    from zprime.report import small

    minima = distinct_minima(fits, min_starts=min_starts)
    lines = [
        f"Migrad: {len(fits)} starts; distinct minima (loss within 1e-4, Y_n within 1e-3) reached by at least "
        f"{min_starts} starts, the six lowest:",
        f"{'loss':>9s} {'Y_n':>7s} {'cond(P)':>9s}",
    ]
    lines += [f"{f.loss:9.5f} {f.Y_n:7.4f} {small(f.chi2.condition, 1e-12):>9s}" for f, _ in minima[:6]]
    lines.append("differential evolution:")
    lines += [f"  Y_n region {Y_N_REGIONS[f.start]}: loss {f.loss:.5f} at Y_n = {f.Y_n:.4f}" for f in fits_de]
    return "\n".join(lines)


#: The stored global minimum (a cache of :func:`fit_global`, with its provenance).
MINIMUM_FILE = TABLES / "nsi_osc_minimum.toml"


@lru_cache(maxsize=1)
def global_minimum() -> PrecisionChi2:
    """The App. A chi^2 at the global minimum of the loss, read from :data:`MINIMUM_FILE`.

    The file caches ``fit_global(seed=1, popsize=20)`` (loss 1.08490 at Y_n = 1.0346; the
    paper: 1.43 at 1.04).  On load the loss is recomputed and must equal the stored one.
    """
    with open(MINIMUM_FILE, "rb") as fh:
        t = tomllib.load(fh)
    P = t["P"]
    chi2 = PrecisionChi2(
        ((P["ee"], P["em"], P["et"]), (P["em"], P["mm"], P["mt"]), (P["et"], P["mt"], P["tt"])),
        (t["w"]["e"], t["w"]["mu"], t["w"]["tau"]),
        t["Y_n"]["value"],
    )
    stored = t["provenance"]["loss"]
    if abs(loss(chi2) - stored) > 1e-9:
        raise RuntimeError(f"{MINIMUM_FILE.name}: loss {loss(chi2):.10f} differs from the stored {stored:.10f}")
    return chi2
