"""Statistics shared by every bound.

* :mod:`.intervals` -- :class:`LimitCurve` (log-log interpolation of a limit, never a silent
  extrapolation), :func:`excluded_intervals` (the one interval finder: grid + bisection) and
  :func:`two_sigma_level` (Delta chi^2 of 2 sigma for 1 or 2 parameters);
* :mod:`.exclusion` -- Delta chi^2 levels, (M, g) grids, global minima, crossings of COHERENT chi^2;
* :mod:`.global_fit` -- the global Delta chi^2 of Greljo et al. App. B, profiled over (g, eps).
"""

from zprime.statistics.intervals import ExtrapolationWarning, LimitCurve, excluded_intervals, two_sigma_level

__all__ = ["LimitCurve", "ExtrapolationWarning", "excluded_intervals", "two_sigma_level"]
