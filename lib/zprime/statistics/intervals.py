"""Statistics shared by every bound: limit-curve interpolation and excluded coupling intervals.

* :class:`LimitCurve` -- a published limit g(m), interpolated linearly in (log m, log g),
  never extrapolated.
* :func:`excluded_intervals` -- for a test function F(g, m) (> 0: excluded) and masses m,
  the excluded coupling intervals at each mass: F on a log grid in g, then every sign change
  refined by bisection in log g, all masses and all boundaries at once.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from zprime import validation
from zprime.errors import ZprimeWarning
from zprime.validation import InputError

__all__ = ["LimitCurve", "ExtrapolationWarning", "excluded_intervals", "two_sigma_level"]


@validation.checks(dof="count")
def two_sigma_level(dof: int) -> float:
    """Delta chi^2 of a 2-sigma (95.45 % C.L.) region with ``dof`` parameters: 4.00 (1), 6.18 (2)."""
    return float(stats.chi2.ppf(math.erf(2 / math.sqrt(2)), dof))


class LimitCurve:
    """A limit curve g_lim(m) (m in GeV), linear in (log m, log g) between its points.

    Parameters
    ----------
    m, g : array_like, shape (n,)
        Positive, finite; sorted by m on construction (duplicates in m are rejected).
    outside : {"raise", "nan", "hold"}
        Masses outside the curve: raise ValueError (default), return NaN (no limit there), or
        hold the end values flat with a :class:`ExtrapolationWarning` (a choice a caller
        must state, e.g. a curve held below its first point).

    Examples
    --------
    >>> from zprime.statistics import LimitCurve
    >>> curve = LimitCurve([0.01, 0.1, 1.0], [1e-4, 1e-3, 1e-2])
    >>> print(f"{float(curve(0.03)):.3g}")   # straight in log-log
    0.0003
    """

    def __init__(self, m: ArrayLike, g: ArrayLike, outside: str = "raise") -> None:
        m = validation.positive("limit curve masses m", m, "GeV")
        g = validation.positive("limit curve couplings g", g)
        if m.ndim != 1 or m.shape != g.shape or m.size < 2:
            raise InputError(f"m and g must be 1-D of equal length >= 2, got shapes {m.shape}, {g.shape}")
        if not (np.all(np.isfinite(m)) and np.all(np.isfinite(g)) and np.all(m > 0) and np.all(g > 0)):
            raise InputError("limit curve points must be positive and finite")
        if outside not in ("raise", "nan", "hold"):
            raise InputError(f"outside must be 'raise', 'nan' or 'hold', got {outside!r}")
        order = np.argsort(m, kind="stable")
        m, g = m[order], g[order]
        if np.any(np.diff(m) == 0):
            raise InputError("limit curve has repeated masses")
        self.m, self.g, self.outside = m, g, outside
        self._lm, self._lg = np.log(m), np.log(g)

    @property
    def mass_range(self) -> tuple[float, float]:
        return float(self.m[0]), float(self.m[-1])

    def __call__(self, m) -> np.ndarray:
        """g_lim at masses m (GeV), shape of m; outside the curve as ``outside`` says."""
        m = validation.positive("mass m", m, "GeV")
        lo, hi = self.mass_range
        out_of = (m < lo * (1 - 1e-12)) | (m > hi * (1 + 1e-12))
        if np.any(out_of):
            if self.outside == "raise":
                raise InputError(f"mass m outside the limit curve's range {lo:.4g}-{hi:.4g} GeV")
            if self.outside == "hold":
                warnings.warn(
                    f"limit curve held flat outside its range {lo:.4g}-{hi:.4g} GeV", ExtrapolationWarning, stacklevel=2
                )
        val = np.exp(np.interp(np.log(m), self._lm, self._lg))
        return np.where(out_of, np.nan, val) if self.outside == "nan" else val


class ExtrapolationWarning(ZprimeWarning):
    """A tabulated curve was used outside its range."""


@validation.checks(masses="mass", n_bisect="nonnegative count")
def excluded_intervals(
    F: Callable[[np.ndarray, np.ndarray], np.ndarray], masses: ArrayLike, g_grid: ArrayLike, n_bisect: int = 36
) -> list[list[tuple[float, float]]]:
    """Excluded coupling intervals [(g_lo, g_hi), ...] at each mass, where F(g, m) > 0.

    Parameters
    ----------
    F : callable
        Vectorised test function of broadcast arrays g, m (GeV); > 0 means excluded.  A
        boolean result is read as +1 / -1.
    masses : array_like, shape (n_m,)
    g_grid : array_like, shape (n_g,)
        Increasing, positive couplings.  Features narrower than one grid step may be
        missed; boundaries are refined to (g_{i+1}/g_i)^(2^-n_bisect).
    n_bisect : int
        Bisection steps in log g per boundary; 0 puts each boundary at the geometric mean
        of the two grid couplings around it.

    Returns
    -------
    list of list of (float, float)
        Per mass, the excluded intervals (g_lo, g_hi).  An interval that reaches an end of the
        grid ends at that grid value (the scan says nothing beyond it).

    Examples
    --------
    >>> import numpy as np
    >>> from zprime.statistics import excluded_intervals
    >>> F = lambda g, m: np.abs(np.log10(g) + 4) < 1   # excluded for 1e-5 < g < 1e-3
    >>> [(f"{lo:.3g}", f"{hi:.3g}") for lo, hi in excluded_intervals(F, [0.1], np.geomspace(1e-8, 1, 81))[0]]
    [('1e-05', '0.001')]
    """
    m = np.atleast_1d(np.asarray(masses, dtype=float))
    n_bisect = int(n_bisect)
    g_grid = validation.positive("g_grid", g_grid)
    lg = np.log(g_grid)
    if lg.ndim != 1 or lg.size < 2 or not np.all(np.diff(lg) > 0) or not np.all(np.isfinite(lg)):
        raise InputError("g_grid must be an increasing 1-D array of positive couplings")

    def f(lgv, mv):
        v = np.asarray(F(np.exp(lgv), mv))
        return np.where(v, 1.0, -1.0) if v.dtype == bool else v.astype(float)

    G, M = np.meshgrid(lg, m, indexing="ij")  # (n_g, n_m)
    vals = f(G, M)
    if not np.all(np.isfinite(vals)):
        raise InputError("the test function returned non-finite values")
    ex = vals > 0
    # boundaries between grid points i and i+1 at mass j
    i_b, j_b = np.nonzero(ex[1:] != ex[:-1])
    lo, hi = lg[i_b], lg[i_b + 1]
    rising = ~ex[i_b, j_b]  # excluded above the boundary
    for _ in range(n_bisect):
        mid = 0.5 * (lo + hi)
        e_mid = f(mid, m[j_b]) > 0
        # the boundary lies between lo and mid when mid is already on the far side
        far = e_mid == rising
        hi = np.where(far, mid, hi)
        lo = np.where(far, lo, mid)
    edge = np.exp(0.5 * (lo + hi))
    out: list[list[tuple[float, float]]] = []
    g_first, g_last = float(g_grid[0]), float(g_grid[-1])  # the grid's own ends, exactly
    for j in range(m.size):
        sel = j_b == j
        e, r = edge[sel][np.argsort(i_b[sel])], rising[sel][np.argsort(i_b[sel])]
        ivals: list[tuple[float, float]] = []
        start: float | None = g_first if ex[0, j] else None
        for x, up in zip(e, r):
            if up:
                start = float(x)
            else:
                assert start is not None  # a falling edge closes an interval that was open
                ivals.append((start, float(x)))
                start = None
        if start is not None:
            ivals.append((start, g_last))
        out.append(ivals)
    return out
