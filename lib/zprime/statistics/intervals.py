"""Statistics shared by every bound: limit-curve interpolation and excluded coupling intervals.

* :class:`LimitCurve` -- a published limit g(m), interpolated linearly in (log m, log g),
  never extrapolated.
* :func:`excluded_intervals` -- for a test function F(g, m) (> 0: excluded) and masses m,
  the excluded coupling intervals at each mass: F on a log grid in g, then every sign change
  refined in log g, all masses and all boundaries at once: by bisection where F gives only a
  side (booleans), by Chandrupatla's bracketing method (scipy's ``elementwise.find_root``,
  interpolation with a bisection safeguard) where it gives values, to the same bracket width.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from zprime import validation
from zprime.errors import ZprimeWarning
from zprime.validation import InputError

__all__ = ["LimitCurve", "ExtrapolationWarning", "excluded_intervals", "two_sigma_level"]


@validation.checks(dof="count")
def two_sigma_level(dof: int) -> float:
    """Delta chi^2 of a 2-sigma (95.45 % C.L.) region with ``dof`` parameters: 4.00 (1), 6.18 (2)."""
    # the chi^2 quantile written as scipy.stats.chi2.ppf computes it (scipy.stats itself costs 0.5 s of import)
    return float(2 * special.gammaincinv(dof / 2, math.erf(2 / math.sqrt(2))))


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
        The precision of each boundary: its final bracket in log g is at most 2^-n_bisect of
        the grid step, as that many bisection steps leave it; the boundary is the bracket's
        geometric mean.  0 puts it at the geometric mean of the two grid couplings around it.
        A boolean F is bisected; a real-valued F (a Delta chi^2 minus its level, smooth near
        the boundary) is refined by Chandrupatla's method on its values, which reaches that
        bracket in a few evaluations instead of ``n_bisect`` (:func:`_cell_from_values`).

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

    signs_only = [False]  # whether F gives booleans (then only the side of a boundary is known)

    def f(lgv, mv):
        v = np.asarray(F(np.exp(lgv), mv))
        signs_only[0] = v.dtype == bool
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
    todo = np.ones(i_b.size, dtype=bool)  # the boundaries still to bisect
    if 0 < n_bisect <= _MAX_CELL_BITS and i_b.size and not signs_only[0]:
        cell = _cell_from_values(f, lo, hi, rising, m[j_b], vals[i_b, j_b], vals[i_b + 1, j_b], n_bisect)
        done = cell >= 0
        lo[done], hi[done] = _bisection_cell(lo[done], hi[done], cell[done], n_bisect)
        todo = ~done
    for _ in range(n_bisect):  # a boolean F: n_bisect steps; values: only where the cell was not found
        if not np.any(todo):
            break
        mid = 0.5 * (lo[todo] + hi[todo])
        e_mid = f(mid, m[j_b][todo]) > 0
        # the boundary lies between lo and mid when mid is already on the far side
        far = e_mid == rising[todo]
        hi[todo] = np.where(far, mid, hi[todo])
        lo[todo] = np.where(far, lo[todo], mid)
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


#: Bisection depths up to which a boundary's cell is an int64 index (2^52: still exact as a float).
_MAX_CELL_BITS = 52


def _bisection_cell(lo: np.ndarray, hi: np.ndarray, k: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The k-th of the 2^n cells that n bisection steps of [lo, hi] can leave: at step i the upper half
    is kept where bit n-1-i of k is set.  The same floating-point operations as the bisection in
    :func:`excluded_intervals`, so the same numbers as bisecting into that cell."""
    for i in range(n - 1, -1, -1):
        mid = 0.5 * (lo + hi)
        up = ((k >> i) & 1).astype(bool)
        lo, hi = np.where(up, mid, lo), np.where(up, hi, mid)
    return lo, hi


def _cell_from_values(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    lo: np.ndarray,
    hi: np.ndarray,
    rising: np.ndarray,
    m: np.ndarray,
    f_lo: np.ndarray,
    f_hi: np.ndarray,
    n: int,
) -> np.ndarray:
    """For each boundary between grid points lo < hi (log g) at mass m, the index of the bisection cell
    (:func:`_bisection_cell`, 2^n of them) that holds the sign change of f, found from f's values;
    -1 where it was not found (the caller bisects those).

    Chandrupatla's bracketing method (``scipy.optimize.elementwise.find_root``, inverse quadratic
    interpolation with a bisection safeguard; the grid values ``f_lo``, ``f_hi`` are given, not
    recomputed) narrows each bracket below one cell's width, in a few evaluations for an f smooth near
    the boundary; at most one more, at the cell edge inside the final bracket, tells which cell holds
    the sign change.  The cell is thus decided by signs of f at bisection points, as in bisection:
    the same cell (the same numbers) where f changes sign once within the grid step, and independent
    of the last bits of f's values (which may depend on the other points evaluated with it).
    "Excluded" is f > 0: a value of exactly 0 counts as just below.  A bracket whose ends are not on
    the sides the grid found (possible only with several sign changes inside one grid step) gives -1.
    """
    from scipy.optimize import elementwise

    def side(v):
        v = np.asarray(v, dtype=float)
        if not np.all(np.isfinite(v)):
            raise InputError("the test function returned non-finite values")
        return np.where(v > 0, v, np.minimum(v, -np.finfo(float).tiny))

    known = [(lo, side(f_lo)), (hi, side(f_hi))]  # the two evaluations find_root starts with

    def h(x, mj):
        if known:
            x0, v0 = known.pop(0)
            if x.shape == x0.shape and np.array_equal(x, x0):
                return v0
        return side(f(x, mj))

    N = 2**n
    # one tolerance for all boundaries (no more than any cell's width: a final bracket narrower than it
    # holds at most one cell edge), so that none depends on the others
    tol = float(np.min(hi - lo)) / N
    res = elementwise.find_root(
        h, (lo, hi), args=(m,), tolerances={"xatol": tol, "xrtol": 0.0, "fatol": 0.0, "frtol": 0.0}, maxiter=64
    )
    xl, xr = res.bracket
    ok = (res.status == 0) & (xl >= lo) & (xr <= hi) & (xl < xr) & ((res.f_bracket[0] > 0) != rising)
    xl, xr = np.where(ok, xl, lo), np.where(ok, xr, hi)
    # the cell k with a <= xl < b (the estimate from xl's position is off by at most one, rounding:
    # one step to the cell that holds xl), then the one after it where the sign changes above b
    k = np.clip(np.floor((xl - lo) / (hi - lo) * N), 0, N - 1).astype(np.int64)
    a, b = _bisection_cell(lo, hi, k, n)
    k = np.clip(k - (xl < a) + (xl >= b), 0, N - 1)
    a, b = _bisection_cell(lo, hi, k, n)
    ok &= (a <= xl) & (xl < b)  # else (off by more than one) the caller bisects it
    above = ok & (xr > b)  # b inside the bracket: its side decides
    if np.any(above):
        # root below b where b already lies on the far side (excluded above a rising boundary)
        below_b = (f(b[above], m[above]) > 0) == rising[above]
        k[above] += np.where(below_b, 0, 1)
        ok[above] &= below_b | (xr[above] <= _bisection_cell(lo[above], hi[above], k[above], n)[1])
    return np.where(ok, k, -1)
