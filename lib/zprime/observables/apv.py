"""Atomic parity violation in cesium from an X with axial electron couplings (Greljo et al. 2022, sect. 5.1).

Kinetic mixing gives X a vector coupling eps e Q to quarks; with an axial electron
coupling g_X this shifts the nuclear weak charge by (eq. (5.3))

    Delta Q_W = Z eps e g_X 2 sqrt2 / (G_F m_X^2),

valid for m_X much larger than atomic momenta.  For an axial electron coupling g_Ae and any
vector couplings g_u, g_d to quarks the same contact interaction gives

    Delta Q_W = 2 sqrt2 g_Ae (Z g_p + N g_n) / (G_F m_X^2),  g_p = 2 g_u + g_d,  g_n = g_u + 2 g_d,

which is (5.3) for g_q = eps e Q_q (g_p = eps e, g_n = 0).  133Cs: Q_W(exp) - Q_W(SM) = 0.65 +- 0.43
(arXiv:2203.13731 ref. [126]); the paper's 95 % CL bound (5.4) is reproduced with the
2-sigma interval [0.65 - 2 x 0.43, 0.65 + 2 x 0.43].
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime.constants import Measurement
from zprime.validation import InputError, checks

__all__ = ["CS_QW", "Z_CS", "N_CS", "delta_Q_weak", "delta_Q_weak_couplings", "g_bound"]

#: Q_W(133Cs) experiment - SM, as quoted in eq. (5.4) of arXiv:2203.13731 (its ref. [126]).
CS_QW = Measurement(0.65, 0.43, "arXiv:2203.13731 sect. 5.1, ref. [126]")
Z_CS = 55
N_CS = 78  # 133Cs


@checks(g_Ae="finite", g_Vp="finite", g_Vn="finite", m_X="mass", Z="positive", N="nonnegative")
def delta_Q_weak_couplings(
    g_Ae: ArrayLike, g_Vp: ArrayLike, g_Vn: ArrayLike, m_X: ArrayLike, Z: int = Z_CS, N: int = N_CS
) -> np.ndarray:
    """Delta Q_W = 2 sqrt2 g_Ae (Z g_Vp + N g_Vn)/(G_F m_X^2) (module doc; eq. (5.3) of arXiv:2203.13731 generalised).

    Parameters
    ----------
    g_Ae : array_like
        Axial electron coupling (the coefficient of ebar gamma^mu gamma_5 e X_mu).
    g_Vp, g_Vn : array_like
        Vector couplings of the proton (2 g_u + g_d) and the neutron (g_u + 2 g_d).
    m_X : array_like
        Boson mass in GeV (far above atomic momenta).
    Z, N : int
        Proton and neutron numbers (133Cs by default).

    Returns
    -------
    ndarray
        Broadcast shape of the inputs.

    Examples
    --------
    >>> from zprime.observables import apv
    >>> print(f"{float(apv.delta_Q_weak_couplings(1e-5, 1e-5, 0.0, 0.1)):.3g}")   # = (5.3) with eps e = g_X = 1e-5
    0.133
    """
    m_X = np.asarray(m_X, dtype=float)
    return 2 * math.sqrt(2) * np.asarray(g_Ae) * (Z * np.asarray(g_Vp) + N * np.asarray(g_Vn)) / (c.G_F * m_X**2)


@checks(eps="finite", g_X="coupling", m_X="mass", Z="positive")
def delta_Q_weak(eps: ArrayLike, g_X: ArrayLike, m_X: ArrayLike, Z: int = Z_CS) -> float:
    """Delta Q_W of eq. (5.3); eps the kinetic mixing, g_X the axial electron coupling, m_X in GeV."""
    m_X = np.asarray(m_X, dtype=float)
    if np.any(m_X <= 0) or np.any(~np.isfinite(m_X)):
        raise InputError("m_X must be positive and finite (GeV)")
    return Z * np.asarray(eps) * c.e_em * np.asarray(g_X) * 2 * math.sqrt(2) / (c.G_F * m_X**2)


@checks(m_X="mass", eps_e_over_g="finite", n_sigma="positive", Z="positive")
def g_bound(
    m_X: ArrayLike, eps_e_over_g: ArrayLike, n_sigma: float = 2.0, measurement: Measurement = CS_QW, Z: int = Z_CS
) -> float:
    """Largest g_X with Delta Q_W(Cs) inside value +- n_sigma sigma, at fixed eps e/g_X (eq. (5.4) of arXiv:2203.13731).

    Delta Q_W = Z r g^2 2 sqrt2/(G_F m^2) with r = eps e/g_X, so g_max = m sqrt(Q G_F/(2 sqrt2 Z |r|)),
    Q the edge of the interval on the side of sign(r).

    Parameters
    ----------
    m_X : array_like
        Boson mass in GeV.
    eps_e_over_g : array_like
        r = eps e / g_X (non-zero; r = 0 gives no bound); broadcasts with ``m_X``.
    n_sigma : float
        Width of the allowed interval in standard deviations.
    measurement : Measurement
        Delta Q_W of cesium with its error.
    Z : int
        Proton number of the atom.

    Returns
    -------
    ndarray or float
        g_max, of the broadcast shape.

    Examples
    --------
    >>> from zprime.observables import apv
    >>> print(f"{apv.g_bound(0.2, 0.1):.3g}")   # 200 MeV, eps e/g_X = 0.1
    0.000213
    """
    r = np.asarray(eps_e_over_g, dtype=float)
    if np.any(r == 0):
        raise InputError("eps_e_over_g = eps e/g_X = 0: APV does not constrain g_X")
    hi = measurement.value + n_sigma * measurement.sigma
    lo = measurement.value - n_sigma * measurement.sigma
    Q = np.where(r > 0, hi, -lo)
    if np.any(Q <= 0):
        raise InputError("the measured interval contains the sign of r: no bound")
    return np.asarray(m_X) * np.sqrt(Q * c.G_F / (2 * math.sqrt(2) * Z * np.abs(r)))
