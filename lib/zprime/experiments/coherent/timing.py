"""Arrival times at the SNS: pion and muon decay laws folded with the beam pulse, binned fractions."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from zprime import constants as c
from zprime.experiments.coherent.detectors import _sum_into_bins
from zprime.types import Real
from zprime.units import us
from zprime.validation import InputError, checks

# --- timing -------------------------------------------------------------------------------


def _exgauss_cdf(t, mu, sigma, rate):
    """CDF of a Gaussian(mu, sigma) convolved with an exponential of the given rate."""
    z = (t - mu) / sigma
    tail = np.exp(-rate * (t - mu) + 0.5 * (rate * sigma) ** 2 + special.log_ndtr(z - rate * sigma))
    return special.ndtr(z) - tail


@checks(t="finite", t0="scalar", sigma="positive scalar")
def arrival_cdf(t: ArrayLike, t0: ArrayLike, sigma: ArrayLike, kind: str) -> np.ndarray | float:
    """Fraction of pi-DAR neutrinos arriving before t (all times in microseconds).

    The proton pulse is a Gaussian (mean t0, width sigma).  Prompt nu_mu follow after one
    pion decay (tau_pi); delayed nu_e and anti-nu_mu after a pion and a muon decay, whose
    sum of exponentials has the CDF b/(b-a) F_a - a/(b-a) F_b (a = 1/tau_pi, b = 1/tau_mu).
    """
    a, b = us / c.tau_pi, us / c.tau_mu
    t = np.asarray(t, dtype=float)
    if kind == "prompt":
        return _exgauss_cdf(t, t0, sigma, a)
    if kind == "delayed":
        return b / (b - a) * _exgauss_cdf(t, t0, sigma, a) - a / (b - a) * _exgauss_cdf(t, t0, sigma, b)
    raise InputError(f"unknown timing {kind!r}; use 'prompt' or 'delayed'")


@checks(edges="edges", t0="scalar", sigma="positive scalar", step="positive scalar")
def time_fractions(
    edges: Real,
    t0: ArrayLike,
    sigma: ArrayLike,
    kind: str,
    efficiency: Callable | None = None,
    step: float = 1e-3,
) -> np.ndarray:
    """Fractions of prompt or delayed arrivals in the time bins ``edges`` (us).

    With ``efficiency`` (a function of t in us) each bin holds int pdf(t) eff(t) dt,
    integrated on a ``step``-us grid.
    """
    edges = np.asarray(edges, dtype=float)
    if efficiency is None:
        return np.diff(arrival_cdf(edges, t0, sigma, kind))
    fine = np.unique(np.concatenate([np.arange(edges[0], edges[-1], step), edges]))
    mid = 0.5 * (fine[1:] + fine[:-1])
    return _sum_into_bins(mid, np.diff(arrival_cdf(fine, t0, sigma, kind)) * efficiency(mid), edges)
