"""Neutrino trident production nu_mu N -> nu_mu N mu+ mu- at CCFR (Greljo et al. 2022, sect. 3.2).

In the contact (EFT) regime, m_X >~ 1 GeV (the paper's statement below eq. (3.20);
the momentum transfer in CCFR reaches a few hundred MeV, so below ~1 GeV the X
propagator cannot be shrunk to a point and the full calculation of
arXiv:1406.2332 is needed), the ratio to the SM is eq. (3.21),

    sigma/sigma_SM = [(1/2 + 2 s_w^2 + C_V)^2 + 1.13 (1/2 + C_A)^2] / [(1/2 + 2 s_w^2)^2 + 1.13/4],

    C_{V,A} = g_nu g_{V,A} / (sqrt2 G_F m_X^2),                                      (3.22)

with g_nu = g_X q_nu, g_V = g_X q_V, g_A = g_X q_A the couplings of eq. (3.23).  The
factor 1.13 is the axial/vector ratio of the coherent cross sections (arXiv:1902.06765);
with 1.13 -> 1 eq. (3.21) is eq. (11) of arXiv:1406.2332.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime.constants import Measurement
from zprime.types import Real
from zprime.validation import InputError, checks

__all__ = ["CCFR", "EFT_MIN_MASS", "coefficients", "ratio", "chi2"]

#: CCFR, Mishra et al., PRL 66 (1991) 3117: sigma/sigma_SM = 0.82 +- 0.28, eq. (3.20).
CCFR = Measurement(0.82, 0.28, "CCFR, PRL 66 (1991) 3117")
#: Lowest m_X (GeV) where the contact form (3.21) is used (arXiv:2203.13731, below eq. (3.20)).
EFT_MIN_MASS = 1.0
#: Axial/vector weight in eq. (3.21).
AXIAL_WEIGHT = 1.13


@checks(g_nu="coupling", g_V="coupling", g_A="coupling", m_X="mass")
def coefficients(g_nu: ArrayLike, g_V: Real, g_A: Real, m_X: ArrayLike) -> tuple:
    """(C_V, C_A) of eq. (3.22); couplings include g_X, m_X in GeV."""
    m_X = np.asarray(m_X, dtype=float)
    if np.any(m_X <= 0) or np.any(~np.isfinite(m_X)):
        raise InputError("m_X must be positive and finite (GeV)")
    k = np.asarray(g_nu) / (math.sqrt(2) * c.G_F * m_X**2)
    return k * g_V, k * g_A


@checks(C_V="finite", C_A="finite", s2w="open fraction", axial_weight="nonnegative scalar")
def ratio(
    C_V: ArrayLike, C_A: ArrayLike, s2w: float = c.sin2_thetaW_MZ, axial_weight: float = AXIAL_WEIGHT
) -> np.ndarray | float:
    """The neutrino-trident cross section over the SM's, eq. (3.21) of arXiv:2203.13731.

    sigma/sigma_SM = [(1/2 + 2 s_w^2 + C_V)^2 + w (1/2 + C_A)^2] / [(1/2 + 2 s_w^2)^2 + w/4], with
    w the axial/vector weight.

    Parameters
    ----------
    C_V, C_A : array_like
        New-physics vector and axial coefficients of eq. (3.22) (see :func:`coefficients`).
    s2w : float
        sin^2 theta_W.
    axial_weight : float
        w = 1.13 (arXiv:1902.06765); 1 gives eq. (11) of arXiv:1406.2332.

    Returns
    -------
    ndarray or float
        Of the broadcast shape of ``C_V`` and ``C_A``; 1 in the SM.

    Examples
    --------
    >>> from zprime.observables import trident
    >>> float(trident.ratio(0.0, 0.0))
    1.0
    """
    v0 = 0.5 + 2 * s2w
    num = (v0 + np.asarray(C_V)) ** 2 + axial_weight * (0.5 + np.asarray(C_A)) ** 2
    return num / (v0**2 + axial_weight / 4)


@checks(g_nu="coupling", g_V="coupling", g_A="coupling", m_X="mass")
def chi2(
    g_nu: ArrayLike, g_V: ArrayLike, g_A: ArrayLike, m_X: ArrayLike, measurement: Measurement = CCFR, **kw
) -> np.ndarray | float:
    """((ratio - 0.82)/0.28)^2 in the EFT regime; raises below :data:`EFT_MIN_MASS`."""
    if np.any(np.asarray(m_X) < EFT_MIN_MASS):
        raise InputError(f"eq. (3.21) is a contact approximation, valid for m_X >= {EFT_MIN_MASS} GeV")
    R = ratio(*coefficients(g_nu, g_V, g_A, m_X), **kw)
    return ((R - measurement.value) / measurement.sigma) ** 2
