"""Lifetime windows: the fraction of decays inside [t0, t1] and the fiducial t0 of a beam dump
(eqs. 2.22-2.24 and App. C of arXiv:1801.04847)."""

from __future__ import annotations

import numpy as np


def _log_eff(u, t0, t1):
    """ln[exp(-t0 u) - exp(-t1 u)] for decay rates u = 1/tau (t1 may be inf)."""
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        d = t1 - t0
        tail = np.where(np.isinf(d), 0.0, np.log(-np.expm1(-np.where(np.isinf(d), 1.0, d) * u)))
        return -t0 * u + tail


def _bisect(f, lo, hi, n=80):
    """Vectorised bisection for a root of f (sign change between lo and hi), in the given variable.

    At most ``n`` halvings; it stops early once a step leaves (lo, hi) unchanged for every entry (each
    interval down to adjacent doubles): the step is a function of (lo, hi) alone (f(lo) is kept with
    lo), so every further step would leave them unchanged too and the result is the same.
    """
    flo = f(lo)
    for _ in range(n):
        mid = 0.5 * (lo + hi)
        fm = f(mid)
        same = np.sign(fm) == np.sign(flo)
        new_lo, new_hi = np.where(same, mid, lo), np.where(same, hi, mid)
        if np.array_equal(new_lo, lo, equal_nan=True) and np.array_equal(new_hi, hi, equal_nan=True):
            break
        lo, hi, flo = new_lo, new_hi, np.where(same, fm, flo)
    return 0.5 * (lo + hi)


def _fiducial_t0(eps_lo, eps_hi, G_A, r):
    """t0 (GeV^-1) with equal dark-photon yields at both band edges (eq. 2.24), t1 = (1 + r) t0."""
    ul, uh = eps_lo**2 * G_A, eps_hi**2 * G_A

    def D(lt):
        t = np.exp(lt)
        return (2 * np.log(eps_hi) + _log_eff(uh, t, (1 + r) * t)) - (2 * np.log(eps_lo) + _log_eff(ul, t, (1 + r) * t))

    # D > 0 for t -> 0 (yield ~ eps^4), D < 0 for t -> inf (the upper edge decays earlier)
    lo = np.log(1e-6 / uh)
    hi = np.log(1e3 / ul)
    return np.exp(_bisect(D, lo, hi, 100))
