"""Electroweak precision constraints on X-B kinetic mixing (Greljo et al. 2022, sect. 3.1).

With x_H = 0 the only tree-level link between U(1)_X and the Z is the kinetic
mixing eps_Y of X with hypercharge, eq. (3.1).  After diagonalisation
(eqs. (3.5)-(3.10)), with r_X = m_X/m_Z0 and eps^_Y = eps_Y/sqrt(1 - eps_Y^2)::

    t_theta = s_w eps^_Y/(1 - r_X^2)          if |s_w eps^_Y| < |1 - r_X^2|,
              (1 - r_X^2)/(s_w eps^_Y)        otherwise,                          (3.6)
    rho_0   = (1 - r_X^2)/(1 - r_X^2 + s_w^2 eps^_Y^2),                          (3.11)
    T       = -(1/alpha(m_Z)) s_w^2 eps^_Y^2/(1 - r_X^2 + s_w^2 eps^_Y^2),       (3.12)

the low-energy mixing with the photon is eps = c_w eps_Y (3.19), and the X couplings
to SM fermions follow from the effective current (3.18).  R_mue = Gamma(Z -> mu mu)/
Gamma(Z -> e e) shifts by eq. (3.17).

Masses in GeV; s_w^2 = sin^2 theta_W(m_Z) (MS-bar) from :mod:`zprime.constants`.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import validation
from zprime.constants import Measurement
from zprime.types import Real
from zprime.validation import InputError, checks

__all__ = [
    "T_FIT",
    "R_MUE",
    "eps_hat",
    "t_theta",
    "rho0",
    "T_parameter",
    "eps_Y_bound_light",
    "eps_Y_bound_degenerate",
    "delta_R_mue",
    "eps_photon",
    "muon_couplings",
    "g_Z",
]

#: T with S and U free, as used in arXiv:2203.13731 (its ref. [67], the electroweak fit).
T_FIT = Measurement(0.03, 0.12, "electroweak fit with S, U free, as quoted in arXiv:2203.13731 eq. (3.12)")
#: LEP/SLD lepton universality Gamma(Z -> mu mu)/Gamma(Z -> e e), eq. (3.16) (arXiv:2203.13731 ref. [69]).
R_MUE = Measurement(1.0009, 0.0028, "LEP/SLD Z-pole, Phys. Rept. 427 (2006) 257, as quoted in eq. (3.16)")

S2W = c.sin2_thetaW_MZ
SW, CW = math.sqrt(S2W), math.sqrt(1 - S2W)
#: Z coupling g_Z = e/(s_w c_w).
g_Z = c.e_em / (SW * CW)


def _eps(eps_Y):
    eps_Y = validation.finite("kinetic mixing eps_Y", eps_Y)
    if np.any(np.abs(eps_Y) >= 1):
        raise InputError("kinetic mixing eps_Y must be finite with |eps_Y| < 1")
    return eps_Y


def _rX(m_X):
    return validation.positive("mass m_X", m_X, "GeV") / c.m_Z


def eps_hat(eps_Y: ArrayLike) -> np.ndarray | float:
    """eps^_Y = eps_Y/sqrt(1 - eps_Y^2), eq. (3.7)."""
    e = _eps(eps_Y)
    return e / np.sqrt(1 - e * e)


def t_theta(eps_Y: ArrayLike, m_X: ArrayLike) -> np.ndarray:
    """tan of the Z-X mixing angle, eq. (3.6) (both branches)."""
    s_e, d = SW * eps_hat(eps_Y), 1 - _rX(m_X) ** 2
    small = np.abs(s_e) < np.abs(d)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(small, s_e / np.where(d == 0, 1, d), d / np.where(s_e == 0, 1, s_e))


def rho0(eps_Y: ArrayLike, m_X: ArrayLike) -> np.ndarray:
    """m_Z0^2/m_Z^2, eq. (3.11) (tree level)."""
    d, se2 = 1 - _rX(m_X) ** 2, S2W * eps_hat(eps_Y) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(se2 == 0, 1.0, d / np.where(se2 == 0, 1.0, d + se2))


@checks(alpha="positive")
def T_parameter(eps_Y: ArrayLike, m_X: ArrayLike, alpha: Real = c.alpha_MZ) -> np.ndarray:
    """Oblique T from the Z mass shift, eq. (3.12) of arXiv:2203.13731.

    T -> -s_w^2 eps_Y^2/alpha for small eps_Y and m_X, eq. (3.13).

    Parameters
    ----------
    eps_Y : array_like
        Kinetic mixing with hypercharge (|eps_Y| < 1).
    m_X : array_like
        Boson mass in GeV; broadcasts with ``eps_Y``.
    alpha : float or ndarray
        The fine-structure constant at m_Z.

    Returns
    -------
    ndarray
        T (dimensionless), of the broadcast shape.

    Examples
    --------
    >>> from zprime.observables import ewpt
    >>> print(f"{float(ewpt.T_parameter(0.01, 0.2)):.4g}")
    -0.00296
    """
    d, se2 = 1 - _rX(m_X) ** 2, S2W * eps_hat(eps_Y) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(se2 == 0, 0.0, -se2 / np.where(se2 == 0, 1.0, d + se2) / alpha)


@checks(T_min="finite", alpha="positive")
@checks(T_min="scalar", alpha="positive scalar")
def eps_Y_bound_light(T_min: Real, alpha: Real = c.alpha_MZ) -> float:
    """|eps_Y| allowed by T >= T_min (< 0) for m_X << m_Z: T = -s_w^2 eps^2/(alpha (1 + s_w^2 eps^2)), cf. (3.14)."""
    if T_min >= 0:
        raise InputError("T_min must be negative: kinetic mixing only lowers T")
    x = -alpha * T_min  # s_w^2 eps^_Y^2 / (1 + s_w^2 eps^_Y^2)
    eh = math.sqrt(x / (1 - x) / S2W)
    return eh / math.sqrt(1 + eh * eh)


@checks(T_abs="positive scalar", alpha="positive scalar")
def eps_Y_bound_degenerate(T_abs: float, alpha: float = c.alpha_MZ) -> float:
    """|eps_Y| from |s_w eps^_Y| < alpha|T|/(1 - alpha|T|) for X and Z nearly degenerate, eq. (3.15)."""
    aT = alpha * abs(T_abs)
    eh = aT / (1 - aT) / SW
    return eh / math.sqrt(1 + eh * eh)


def eps_photon(eps_Y: ArrayLike) -> float:
    """Low-energy kinetic mixing with the photon, eps = c_w eps_Y, eq. (3.19)."""
    return CW * _eps(eps_Y)


@checks(gx_L="coupling", gx_E="coupling")
def muon_couplings(gx_L: ArrayLike, gx_E: ArrayLike, eps_Y: ArrayLike, m_X: ArrayLike) -> tuple:
    """X couplings to mu_L, mu_R and nu_mu from the effective current (3.18); arrays broadcast.

    gx_L = g_X x_L2, gx_E = g_X x_E2.  The photon part is c_theta c_w eps^_Y e Q and the Z
    part c_theta s_w eps^_Y g_Z r^2/(1 - r^2) (T_3 - s_w^2 Q).  Returns (left, right, neutrino);
    the paper's q_V = (left + right)/2 and q_A = (left - right)/2 in units of g_X.
    """
    eh, r2 = eps_hat(eps_Y), _rX(m_X) ** 2
    ct = 1 / np.sqrt(1 + t_theta(eps_Y, m_X) ** 2)
    kA = ct * CW * eh * c.e_em
    with np.errstate(divide="ignore", invalid="ignore"):
        kZ = ct * SW * eh * g_Z * r2 / (1 - r2)
    left = gx_L + kA * (-1) + kZ * (-0.5 + S2W)
    right = gx_E + kA * (-1) + kZ * S2W
    nu = gx_L + kZ * 0.5
    return left, right, nu


@checks(t_th="finite", g_X="coupling", x_L1="finite", x_E1="finite", x_L2="finite", x_E2="finite")
@checks(t_th="finite", g_X="coupling", x_L1="finite", x_E1="finite", x_L2="finite", x_E2="finite")
def delta_R_mue(t_th: Real, g_X: Real, x_L1: Real, x_E1: Real, x_L2: Real, x_E2: Real) -> Real:
    """Leading shift of R_mue, eq. (3.17)."""
    return 4 / (1 - 4 * S2W + 8 * S2W**2) * t_th * g_X / g_Z * (x_L2 - x_L1 + 2 * S2W * (x_L1 + x_E1 - x_L2 - x_E2))
