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
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import constants as c

__all__ = ["TABLE2", "TABLE3", "ApproxChi2", "eps0", "loss", "fit", "FitResult", "PARAMETER_NAMES"]

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
TABLE3 = dict(E0_e=-1.62, E0_mu=-10.00, E0_tau=-11.15, sigma_e=5.56, sigma_mu=8.51,
              sigma_tau=9.59, rho_emu=0.78, rho_etau=0.79, rho_mutau=1.00, Y_n=1.04)

PARAMETER_NAMES = tuple(TABLE3)

#: Widths of the loss (A.16)-(A.17): 10 % of each bound, and 2 on each minimum.
SIGMA_EPS_FRACTION = 0.1
SIGMA_CHI = 2.0
#: Delta chi^2 of a 2 sigma bound on one parameter.
BOUND_LEVEL = 4.0


def eps0(g, m_X):
    """eps_0 = g^2/(sqrt2 G_F m_X^2), eq. (A.3); m_X in GeV."""
    g, m_X = np.asarray(g, float), np.asarray(m_X, float)
    if np.any(m_X <= 0) or np.any(~np.isfinite(m_X)):
        raise ValueError("m_X must be positive and finite (GeV)")
    return g**2 / (math.sqrt(2) * c.G_F * m_X**2)


def _theta(theta) -> np.ndarray:
    t = np.asarray(theta, dtype=float)
    if t.shape[-1:] != (4,) or not np.all(np.isfinite(t)):
        raise ValueError(f"theta must be (..., 4) finite charges (x_B, x_e, x_mu, x_tau), got {np.shape(theta)}")
    return t


@dataclass(frozen=True)
class ApproxChi2:
    """The Gaussian approximation (A.6)-(A.12) with its parameters eta and Y_n (Table 3 order)."""

    E0: tuple[float, float, float]
    sigma: tuple[float, float, float]
    rho: tuple[float, float, float]          # (e mu, e tau, mu tau)
    Y_n: float

    def __post_init__(self):
        if min(self.sigma) <= 0 or max(abs(r) for r in self.rho) > 1:
            raise ValueError("need sigma > 0 and |rho| <= 1, eq. (A.8)")

    @classmethod
    def from_values(cls, v) -> "ApproxChi2":
        v = [float(x) for x in (v.values() if isinstance(v, dict) else v)]
        return cls(tuple(v[0:3]), tuple(v[3:6]), tuple(v[6:9]), v[9])

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

    def direction(self, theta) -> np.ndarray:
        """v_alpha = (x_e + (1 + Y_n) x_B) x_alpha: E = eps_0 v, eq. (A.5); shape (..., 3)."""
        t = _theta(theta)
        return (t[..., 1] + (1 + self.Y_n) * t[..., 0])[..., None] * t[..., 1:]

    def quadratic(self, theta):
        """(a, b) with Delta chi^2 = a eps_0^2 - 2 b eps_0: a = v^T C^-1 v, b = v^T C^-1 E0."""
        try:
            L = np.linalg.cholesky(self.covariance)
        except np.linalg.LinAlgError:
            raise ValueError("covariance matrix is not positive definite; chi^2 undefined") from None
        v = self.direction(theta)
        w = np.linalg.solve(L, np.moveaxis(v, -1, 0).reshape(3, -1))      # L^-1 v
        z = np.linalg.solve(L, np.array(self.E0))                          # L^-1 E0
        shape = v.shape[:-1]
        return (w * w).sum(0).reshape(shape), (z @ w).reshape(shape)

    def delta_chi2(self, eps_0, theta):
        """Delta chi^2 of eq. (A.12) at eps_0 (>= 0) for charges theta; broadcasts."""
        eps_0 = np.asarray(eps_0, dtype=float)
        if np.any(eps_0 < 0):
            raise ValueError("eps_0 = g^2/(sqrt2 G_F m^2) cannot be negative")
        a, b = self.quadratic(theta)
        return a * eps_0**2 - 2 * b * eps_0

    def minimum(self, theta):
        """(eps_0 at the minimum over eps_0 >= 0, Delta chi^2_min), eq. (A.14)."""
        return _minimum(*self.quadratic(theta))

    def bound(self, theta, level: float = BOUND_LEVEL):
        """eps_0 with Delta chi^2 = level (the positive root), eq. (A.13); inf if the model is unconstrained."""
        return _bound(*self.quadratic(theta), level)


def _minimum(a, b):
    bp = np.maximum(b, 0.0)
    e = np.divide(bp, a, out=np.zeros(np.shape(a)), where=a > 0)
    return e, -bp * e


def _bound(a, b, level=BOUND_LEVEL):
    num = b + np.sqrt(b * b + level * a)
    return np.divide(num, a, out=np.full(np.shape(a), np.inf), where=a > 0)


@lru_cache(maxsize=8)
def _table_arrays(table):
    """Table rows as arrays: charges, bounds, which minima are given, minima (0 where not)."""
    th = np.array([t for t, _, _ in table], dtype=float)
    bnd = np.array([b for _, _, b in table], dtype=float)
    has = np.array([m is not None for _, m, _ in table])
    mins = np.array([m if m is not None else 0.0 for _, m, _ in table])
    return th, bnd, has, mins


def loss(chi2: ApproxChi2, table=TABLE2) -> float:
    """lambda of eq. (A.15) with the widths (A.16)-(A.17)."""
    th, bnd, has, mins = _table_arrays(table)
    a, b = chi2.quadratic(th)
    lam = np.sum(((_bound(a, b) - bnd) / (SIGMA_EPS_FRACTION * bnd)) ** 2)
    lam += np.sum((((_minimum(a, b)[1] - mins) / SIGMA_CHI) ** 2)[has])
    return float(lam)


# --- the fit --------------------------------------------------------------------------------
# Free parameters: E0 (3), log sigma (3), rho_emu, rho_etau, the partial correlation p of
# mu and tau given e, and Y_n.  rho_mutau = rho_emu rho_etau + p sqrt((1-rho_emu^2)(1-rho_etau^2))
# keeps C positive semi-definite for |rho|, |p| <= 1, so Migrad never meets an undefined chi^2.
_FIT_NAMES = ("E0_e", "E0_mu", "E0_tau", "ln_sigma_e", "ln_sigma_mu", "ln_sigma_tau",
              "rho_emu", "rho_etau", "p_mutau_e", "Y_n")
_LIMITS = [(-100, 100)] * 3 + [(-5, 6)] * 3 + [(-1, 1)] * 3 + [(0.0, 3.0)]
_CLIP = 1 - 1e-12


def _chi2_from_fit(x) -> ApproxChi2:
    E0, lns, (r1, r2, p), Yn = x[0:3], x[3:6], np.clip(x[6:9], -_CLIP, _CLIP), x[9]
    r3 = r1 * r2 + p * math.sqrt((1 - r1 * r1) * (1 - r2 * r2))
    return ApproxChi2(tuple(E0), tuple(np.exp(lns)), (r1, r2, float(np.clip(r3, -1, 1))), float(Yn))


def _loss_fit(x, table=TABLE2) -> float:
    try:
        return loss(_chi2_from_fit(np.asarray(x)), table)
    except (ValueError, np.linalg.LinAlgError):
        return 1e12


@dataclass(frozen=True)
class FitResult:
    """One Migrad minimum of the loss: parameters, loss, Minuit's validity and the parameters at a limit."""

    chi2: ApproxChi2
    loss: float
    valid: bool
    at_limit: tuple[str, ...]
    start: int


def _one_start(args):
    from iminuit import Minuit
    k, x0, table = args
    m = Minuit(lambda x: _loss_fit(x, table), x0, name=_FIT_NAMES)
    # lambda is a sum of squared pulls, i.e. a chi^2: errordef = 1 (Minuit.LEAST_SQUARES).
    m.errordef = Minuit.LEAST_SQUARES
    m.limits = _LIMITS
    m.strategy = 1
    m.migrad(ncall=20000)
    m.migrad(ncall=20000)  # restart once from the result (helps near the rho boundary)
    x = np.array(m.values)
    at = tuple(n for n, v, (lo, hi) in zip(_FIT_NAMES, x, _LIMITS)
               if min(v - lo, hi - v) < 1e-4 * (hi - lo))
    return FitResult(_chi2_from_fit(x), float(m.fval), bool(m.valid), at, k)


def fit(n_starts: int = 200, seed: int = 1, table=TABLE2, executor: Executor | None = None,
        progress: bool = True) -> list[FitResult]:
    """Minimise the loss (A.15) from ``n_starts`` random starts; results sorted by loss.

    Starts: E0 uniform in [-15, 15], sigma log-uniform in [0.5, 30], rho and p uniform
    in [-0.95, 0.95], Y_n uniform in [0.8, 1.3].  ``executor`` (concurrent.futures) runs
    the starts in parallel; default serial.
    """
    if n_starts < 1:
        raise ValueError("n_starts must be >= 1")
    rng = np.random.default_rng(seed)
    starts = np.column_stack([
        rng.uniform(-15, 15, (n_starts, 3)), np.log(rng.uniform(0.5, 30, (n_starts, 3))),
        rng.uniform(-0.95, 0.95, (n_starts, 3)), rng.uniform(0.8, 1.3, n_starts)])
    jobs = [(k, starts[k], table) for k in range(n_starts)]
    it = executor.map(_one_start, jobs) if executor is not None else map(_one_start, jobs)
    if progress:
        from tqdm.auto import tqdm
        it = tqdm(it, total=n_starts, desc="NSI loss starts")
    return sorted(it, key=lambda r: r.loss)


def distinct_minima(results: list[FitResult], loss_tol: float = 0.02, par_tol: float = 0.05
                    ) -> list[tuple[FitResult, int]]:
    """Group valid minima that agree in loss (absolute ``loss_tol``) and parameters (relative ``par_tol``).

    Returns (representative, number of starts) sorted by loss.
    """
    groups: list[list[FitResult]] = []
    for r in results:
        v = np.array(list(r.chi2.values().values()))
        for grp in groups:
            w = np.array(list(grp[0].chi2.values().values()))
            if abs(grp[0].loss - r.loss) < loss_tol and np.all(np.abs(v - w) <= par_tol * np.maximum(1, np.abs(w))):
                grp.append(r)
                break
        else:
            groups.append([r])
    return [(g[0], len(g)) for g in sorted(groups, key=lambda g: g[0].loss)]
