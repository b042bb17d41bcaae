"""Charged-lepton flavour violation l_a -> l_b gamma from neutrino-Psi mixing.

Farzan-Heeck, arXiv:1607.07616, sect. 2.2: a Dirac fermion Psi (U(1)'-charged,
mass M_Psi) mixes with the active neutrinos through y_a Lbar_a H' Psi, with
mixing kappa_a = y_a v cos(beta)/(sqrt2 M_Psi) (eq. (8)).  l_a -> l_b gamma then
gets a W loop (Psi inside, GIM-like: only f_W(x) - f_W(0) survives) and a
charged-scalar H^- loop.  With m_b << m_a << M_Psi, M_H- (eqs. (16)-(19))

    F_W = g^2 m_a kappa_a kappa_b^* / (128 pi^2 M_W^2) [f_W(x_W) - f_W(0)],   x_W = M_Psi^2/M_W^2
    F_H = m_a y_a y_b^* / (16 pi^2 M_H^2) f_H(x_H),                          x_H = M_Psi^2/M_H^2

    Gamma(l_a -> l_b gamma) = e^2 m_a^3 |F_W + F_H|^2 / (16 pi).

The OCR of our copy of the paper loses the numerical prefactor of eq. (16);
F_W is normalised so that it reproduces the standard heavy-neutrino result
BR(mu -> e gamma) = 3 alpha/(32 pi) |kappa_mu kappa_e^* G_gamma(x)|^2 with
G_gamma = f_W(0) - f_W(x) (Alonso, Dhen, Gavela, Hambye, JHEP 01 (2013) 118,
arXiv:1209.2679); F_H reproduces the paper's eqs. (21)-(22).  Masses in GeV.
"""

from __future__ import annotations

import math

import numpy as np

from . import constants as c
from .gm2 import LEPTON_MASS
#: total widths (GeV) of the decaying leptons, from the PDG 2024 lifetimes in zprime.constants
LEPTON_WIDTH = {"mu": 1.0 / c.tau_mu, "tau": 1.0 / c.tau_tau}
_NEAR_ONE = 2e-3   # |x - 1| below which the removable singularity at x = 1 is interpolated


def _xlogx_power(x, k):
    """x^k ln x with the limit 0 at x = 0 (k >= 1)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x**k * np.log(np.where(x > 0, x, 1.0)), 0.0)


def _regular_at_one(f, x):
    """Evaluate f(x), replacing |x - 1| < _NEAR_ONE by linear interpolation across x = 1."""
    x = np.asarray(x, dtype=float)
    if np.any(~np.isfinite(x)) or np.any(x < 0):
        raise ValueError("mass ratio x = M_Psi^2/M^2 must be finite and non-negative")
    near = np.abs(x - 1.0) < _NEAR_ONE
    xs = np.where(near, 0.5, x)
    out = f(xs)
    if np.any(near):
        lo, hi = f(np.array(1.0 - _NEAR_ONE)), f(np.array(1.0 + _NEAR_ONE))
        t = (x - (1.0 - _NEAR_ONE)) / (2 * _NEAR_ONE)
        out = np.where(near, lo + t * (hi - lo), out)
    return out if out.ndim else float(out)


def f_W(x):
    """W-loop function, eq. (18): (10 - 43x + 78x^2 - 49x^3 + 4x^4 + 18x^3 ln x)/(12(1 - x)^4); f_W(0) = 5/6."""
    return _regular_at_one(lambda x: (10 - 43 * x + 78 * x**2 - 49 * x**3 + 4 * x**4 + 18 * _xlogx_power(x, 3))
                           / (12 * (1 - x) ** 4), x)


def f_H(x):
    """Charged-scalar loop function, eq. (19): (1 - 6x + 3x^2 + 2x^3 - 6x^2 ln x)/(12(1 - x)^4); f_H(0) = 1/12."""
    return _regular_at_one(lambda x: (1 - 6 * x + 3 * x**2 + 2 * x**3 - 6 * _xlogx_power(x, 2))
                           / (12 * (1 - x) ** 4), x)


def _lepton(name):
    if name not in LEPTON_MASS:
        raise ValueError(f"unknown charged lepton {name!r}; use one of {tuple(LEPTON_MASS)}")
    return LEPTON_MASS[name]


def form_factor_W(alpha, kappa_ab, M_psi):
    """F_W (GeV^-1) for kappa_a kappa_b^* = ``kappa_ab``, eq. (16) with the GIM-like subtraction."""
    m = _lepton(alpha)
    g2 = 4 * math.sqrt(2) * c.G_F * c.m_W**2          # g^2 = 4 sqrt2 G_F M_W^2 (tree level)
    x = np.asarray(M_psi, dtype=float) ** 2 / c.m_W**2
    return g2 * m * np.asarray(kappa_ab) / (128 * math.pi**2 * c.m_W**2) * (np.asarray(f_W(x)) - f_W(0.0))


def form_factor_H(alpha, yy_ab, M_psi, M_H):
    """F_H (GeV^-1) for y_a y_b^* = ``yy_ab``, eq. (17)."""
    m = _lepton(alpha)
    M_H = np.asarray(M_H, dtype=float)
    if np.any(~np.isfinite(M_H)) or np.any(M_H <= 0):
        raise ValueError("M_H- must be positive and finite (GeV)")
    x = np.asarray(M_psi, dtype=float) ** 2 / M_H**2
    return m * np.asarray(yy_ab) / (16 * math.pi**2 * M_H**2) * np.asarray(f_H(x))


def width_l_to_l_gamma(alpha, F):
    """Gamma(l_a -> l_b gamma) = e^2 m_a^3 |F|^2 / (16 pi) in GeV, m_b neglected."""
    m = _lepton(alpha)
    return c.e_em**2 * m**3 * np.abs(np.asarray(F)) ** 2 / (16 * math.pi)


def branching_ratio_l_to_l_gamma(alpha, F):
    """BR(l_a -> l_b gamma) for a total form factor F (l_a = mu or tau)."""
    if alpha not in LEPTON_WIDTH:
        raise ValueError(f"{alpha!r} does not decay; use 'mu' or 'tau'")
    out = width_l_to_l_gamma(alpha, F) / LEPTON_WIDTH[alpha]
    return out if np.ndim(out) else float(out)


def yy_bound(alpha, br_max, M_H, M_psi=0.0):
    """Largest |y_a y_b| allowed by BR(l_a -> l_b gamma) < br_max from the H- loop alone (eqs. (21)-(22))."""
    if not (br_max > 0):
        raise ValueError("the branching-ratio bound must be positive")
    per_unit = branching_ratio_l_to_l_gamma(alpha, form_factor_H(alpha, 1.0, M_psi, M_H))
    return np.sqrt(br_max / np.asarray(per_unit))


__all__ = ["f_W", "f_H", "form_factor_W", "form_factor_H", "width_l_to_l_gamma",
           "branching_ratio_l_to_l_gamma", "yy_bound", "LEPTON_MASS", "LEPTON_WIDTH"]
