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

l_a -> l_b Z' (eqs. (23)-(26)): the Z' couples to Psi (g_Psi) and, with the
opposite charge, to H^-, so the external leptons are neutral and the vertex

    ubar_b [F_C gamma^mu P_L + (F_M/m_a) i sigma^{mu nu} q_nu P_R] u_a eps*_mu

has F_C(0) = 0 (Ward identity).  We evaluate both form factors from their
Feynman-parameter integrals at the physical q^2 = M_Z'^2 (our derivation, written
out in ``_zprime_loop``) rather than from the expansions (24)-(25), whose
numerators our OCR copy garbles; the expansions are limits of ours and are tested
as such.  The rate, m_b = 0, r = M_Z'^2/m_a^2, is

    Gamma = m_a (1 - r)^2/(32 pi) [|F_C|^2 (1 + 2r)/r - 6 Re(F_C F_M^*) + |F_M|^2 (2 + r)],

which for M_Z' -> 0 is m_a |F_M|^2/(16 pi), eq. (26).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime.observables.gm2 import LEPTON_MASS
from zprime.types import Real
from zprime.validation import InputError, checks

#: total widths (GeV) of the decaying leptons, from the PDG 2024 lifetimes in zprime.constants
LEPTON_WIDTH = {"mu": 1.0 / c.tau_mu, "tau": 1.0 / c.tau_tau}
_NEAR_ONE = 2e-3  # |x - 1| below which the removable singularity at x = 1 is interpolated


def _xlogx_power(x, k):
    """x^k ln x with the limit 0 at x = 0 (k >= 1)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x**k * np.log(np.where(x > 0, x, 1.0)), 0.0)


def _regular_at_one(f, x):
    """Evaluate f(x), replacing |x - 1| < _NEAR_ONE by linear interpolation across x = 1."""
    x = np.asarray(x, dtype=float)
    if np.any(~np.isfinite(x)) or np.any(x < 0):
        raise InputError("mass ratio x = M_Psi^2/M^2 must be finite and non-negative")
    near = np.abs(x - 1.0) < _NEAR_ONE
    xs = np.where(near, 0.5, x)
    out = f(xs)
    if np.any(near):
        lo, hi = f(np.array(1.0 - _NEAR_ONE)), f(np.array(1.0 + _NEAR_ONE))
        t = (x - (1.0 - _NEAR_ONE)) / (2 * _NEAR_ONE)
        out = np.where(near, lo + t * (hi - lo), out)
    return out if out.ndim else float(out)


@checks(x="nonnegative")
def f_W(x: ArrayLike) -> float:
    """W-loop function, eq. (18): (10 - 43x + 78x^2 - 49x^3 + 4x^4 + 18x^3 ln x)/(12(1 - x)^4); f_W(0) = 5/6."""
    return _regular_at_one(
        lambda x: (10 - 43 * x + 78 * x**2 - 49 * x**3 + 4 * x**4 + 18 * _xlogx_power(x, 3)) / (12 * (1 - x) ** 4), x
    )


@checks(x="nonnegative")
def f_H(x: ArrayLike) -> float:
    """Charged-scalar loop function, eq. (19): (1 - 6x + 3x^2 + 2x^3 - 6x^2 ln x)/(12(1 - x)^4); f_H(0) = 1/12."""
    return _regular_at_one(
        lambda x: (1 - 6 * x + 3 * x**2 + 2 * x**3 - 6 * _xlogx_power(x, 2)) / (12 * (1 - x) ** 4), x
    )


def _lepton(name):
    if name not in LEPTON_MASS:
        raise InputError(f"unknown charged lepton {name!r}; use one of {tuple(LEPTON_MASS)}")
    return LEPTON_MASS[name]


@checks(kappa_ab="finite", M_psi="nonnegative")
def form_factor_W(alpha: str, kappa_ab: ArrayLike, M_psi: ArrayLike) -> float:
    """F_W (GeV^-1) for kappa_a kappa_b^* = ``kappa_ab``, eq. (16) with the GIM-like subtraction."""
    m = _lepton(alpha)
    g2 = 4 * math.sqrt(2) * c.G_F * c.m_W**2  # g^2 = 4 sqrt2 G_F M_W^2 (tree level)
    x = np.asarray(M_psi, dtype=float) ** 2 / c.m_W**2
    return g2 * m * np.asarray(kappa_ab) / (128 * math.pi**2 * c.m_W**2) * (np.asarray(f_W(x)) - f_W(0.0))


@checks(yy_ab="finite", M_psi="nonnegative", M_H="mass")
def form_factor_H(alpha: str, yy_ab: ArrayLike, M_psi: ArrayLike, M_H: ArrayLike) -> float:
    """F_H (GeV^-1) for y_a y_b^* = ``yy_ab``, eq. (17)."""
    m = _lepton(alpha)
    M_H = np.asarray(M_H, dtype=float)
    if np.any(~np.isfinite(M_H)) or np.any(M_H <= 0):
        raise InputError("M_H- must be positive and finite (GeV)")
    x = np.asarray(M_psi, dtype=float) ** 2 / M_H**2
    return m * np.asarray(yy_ab) / (16 * math.pi**2 * M_H**2) * np.asarray(f_H(x))


@checks(F="finite")
def width_l_to_l_gamma(alpha: str, F: ArrayLike) -> float:
    """Gamma(l_a -> l_b gamma) = e^2 m_a^3 |F|^2 / (16 pi) in GeV, m_b neglected."""
    m = _lepton(alpha)
    return c.e_em**2 * m**3 * np.abs(np.asarray(F)) ** 2 / (16 * math.pi)


@checks(F="finite")
def branching_ratio_l_to_l_gamma(alpha: str, F: ArrayLike) -> float:
    """BR(l_a -> l_b gamma) for a total form factor F (l_a = mu or tau)."""
    if alpha not in LEPTON_WIDTH:
        raise InputError(f"{alpha!r} does not decay; use 'mu' or 'tau'")
    out = width_l_to_l_gamma(alpha, F) / LEPTON_WIDTH[alpha]
    return out if np.ndim(out) else float(out)


@checks(br_max="positive scalar", M_H="mass", M_psi="nonnegative")
def yy_bound(alpha: str, br_max: float, M_H: ArrayLike, M_psi: ArrayLike = 0.0) -> np.ndarray:
    """Largest |y_a y_b| allowed by BR(l_a -> l_b gamma) < br_max from the H- loop alone (eqs. (21)-(22))."""
    if not (br_max > 0):
        raise InputError("the branching-ratio bound must be positive")
    per_unit = branching_ratio_l_to_l_gamma(alpha, form_factor_H(alpha, 1.0, M_psi, M_H))
    return np.sqrt(br_max / np.asarray(per_unit))


@checks(y="finite", M_H="mass", M_psi="nonnegative")
def delta_a_charged_scalar(lepton: str, y: ArrayLike, M_H: ArrayLike, M_psi: ArrayLike = 0.0) -> float:
    """Delta a_l from the H^- - Psi loop with Yukawa y (eq. (17) at a = b): -m^2 |y|^2 f_H(x)/(8 pi^2 M_H^2).

    Delta a = 2 m_l F_H; for x -> 0 this is -m^2 |y|^2/(96 pi^2 M_H^2), the known charged-Higgs loop with a
    massless neutral fermion (e.g. the type-II 2HDM term, Lindner, Platscher, Queiroz, Phys. Rept. 731
    (2018) 1, arXiv:1610.06587).  Eq. (34) estimates its size.
    """
    return -2 * _lepton(lepton) * np.real(form_factor_H(lepton, np.abs(np.asarray(y)) ** 2, M_psi, M_H))


@checks(y="finite", M_H="positive scalar", M_psi="nonnegative scalar")
def width_H_to_l_psi(y: Real, M_H: Real, M_psi: Real = 0.0) -> np.ndarray:
    """Gamma(H^- -> l_a Psi) = |y_a|^2 M_H (1 - M_Psi^2/M_H^2)^2/(16 pi), m_l neglected: the ratios of eq. (35)."""
    if not (M_H > M_psi >= 0):
        raise InputError("need M_H- > M_Psi >= 0 (GeV)")
    return np.abs(np.asarray(y)) ** 2 * M_H * (1 - M_psi**2 / M_H**2) ** 2 / (16 * math.pi)


_GL_OUTER = np.polynomial.legendre.leggauss(96)
_GL_INNER = np.polynomial.legendre.leggauss(32)


def _scale_nodes(x_r):
    """Gauss-Legendre nodes s in [0, 1] and weights for integrands varying as 1/(s + x_r).

    s = x_r((1 + 1/x_r)^w - 1), w in [0, 1], maps the scale x_r = M_Psi^2/M_H^2 of the loop to O(1).
    """
    w, ww = (_GL_OUTER[0] + 1) / 2, _GL_OUTER[1] / 2
    L = math.log1p(1 / x_r)
    s = x_r * np.expm1(w * L)
    return s, ww * (s + x_r) * L


def _zprime_loop(m_a, q2, M_psi, M_H):
    """(F_C, F_M) per unit g_Psi y_b y_a^*: Feynman-parameter integrals of the two diagrams of Fig. 4 (left).

    Z' on the Psi line (x, y for the two Psi propagators, z = 1 - x - y for H^-):
        Delta_a = (1 - z) M_Psi^2 + z M_H^2 - x z m_a^2 - x y q^2;
    Z' on the H^- line (u for Psi, v and w = 1 - u - v for the two H^-):
        Delta_b = u M_Psi^2 + (1 - u) M_H^2 - u v m_a^2 - v w q^2;
        F_M = -(m_a^2/16 pi^2) [int x z/Delta_a + int u v/Delta_b],
        F_C = -(1/16 pi^2) {int [ln(Delta_a/Delta_a0) - (M_Psi^2 + x y q^2)/Delta_a + M_Psi^2/Delta_a0]
                            - int [ln(Delta_b/Delta_b0) - u v m_a^2 (1/Delta_b - 1/Delta_b0)]},
    int over the unit simplex, Delta_0 = Delta(q^2 = 0).  Subtracting F_C(0) = 0 is exact (the divergent
    and constant parts cancel between the diagrams) and keeps the O(q^2/M_H^2) result free of rounding.
    The outer variable of each diagram is the H^- fraction (z, resp. 1 - u), where the scale
    M_Psi^2/M_H^2 sits.
    """
    s, ws = _scale_nodes(M_psi**2 / M_H**2)
    t, wt = (_GL_INNER[0] + 1) / 2, _GL_INNER[1] / 2
    s, ws = s[:, None], ws[:, None]
    q2 = np.asarray(q2, dtype=float)[..., None, None]
    M2, H2, m2 = M_psi**2, M_H**2, m_a**2
    # diagram a: z = s, x in [0, 1 - z]
    z, x = s, (1 - s) * t
    wa = ws * (1 - s) * wt
    y = 1 - z - x
    da0 = (1 - z) * M2 + z * H2 - x * z * m2
    xy = x * y * q2
    da = da0 - xy
    # diagram b: 1 - u = s, v in [0, 1 - u]
    u, v = 1 - s, s * t
    wb = ws * s * wt
    vw = v * (1 - u - v) * q2
    db0 = u * M2 + (1 - u) * H2 - u * v * m2
    db = db0 - vw
    FM = -m2 / (16 * math.pi**2) * (np.sum(wa * x * z / da, axis=(-2, -1)) + np.sum(wb * u * v / db, axis=(-2, -1)))
    ca = np.log1p(-xy / da0) - xy * (da0 + M2) / (da * da0)
    cb = np.log1p(-vw / db0) - u * v * m2 * vw / (db * db0)
    FC = -1 / (16 * math.pi**2) * (np.sum(wa * ca, axis=(-2, -1)) - np.sum(wb * cb, axis=(-2, -1)))
    return FC, FM


def _check_zprime_masses(alpha, M_zp, M_psi, M_H):
    m = _lepton(alpha)
    M_zp = np.asarray(M_zp, dtype=float)
    for name, val in (("M_Psi", M_psi), ("M_H-", M_H)):
        if not (np.isfinite(val) and val > 0):
            raise InputError(f"{name} must be positive and finite (GeV), got {val!r}")
    if np.any(~np.isfinite(M_zp)) or np.any(M_zp < 0) or np.any(M_zp >= m):
        raise InputError(f"M_zp (M_Z') must lie in [0, m_{alpha} = {m} GeV)")
    if np.any(M_zp >= 2 * M_psi):
        raise InputError("M_Z' >= 2 M_Psi: the loop develops an absorptive part not included here")
    if m >= M_H + M_psi:
        raise InputError("m_a >= M_H- + M_Psi: l_a -> H^- Psi is open, the loop has an absorptive part")
    return m, M_zp


@checks(M_zp="nonnegative", M_psi="positive scalar", M_H="positive scalar", coupling="finite")
def form_factors_l_to_l_zprime(alpha: str, M_zp: Real, M_psi: Real, M_H: Real, coupling: ArrayLike = 1.0) -> tuple:
    """(F_C, F_M) of l_a -> l_b Z' for g_Psi y_b y_a^* = ``coupling`` (dimensionless; eqs. (24)-(25) exact in q^2)."""
    m, M_zp = _check_zprime_masses(alpha, M_zp, M_psi, M_H)
    FC, FM = _zprime_loop(m, M_zp**2, M_psi, M_H)
    return coupling * FC, coupling * FM


@checks(M_zp="nonnegative", F_C="finite", F_M="finite")
def width_from_form_factors(alpha: str, M_zp: ArrayLike, F_C: ArrayLike, F_M: ArrayLike) -> float:
    """Gamma(l_a -> l_b Z') in GeV for given form factors, m_b = 0 (the rate formula of the module docstring)."""
    m = _lepton(alpha)
    M_zp = np.asarray(M_zp, dtype=float)
    if np.any(M_zp >= m):
        raise InputError(f"M_zp (M_Z') must lie in [0, m_{alpha} = {m} GeV)")
    return _rate(m, M_zp**2 / m**2, np.asarray(F_C), np.asarray(F_M))


def _rate(m, r, FC, FM):
    with np.errstate(divide="ignore", invalid="ignore"):
        longitudinal = np.where(r > 0, np.abs(FC) ** 2 * (1 + 2 * r) / np.where(r > 0, r, 1.0), 0.0)
    out = m * (1 - r) ** 2 / (32 * math.pi) * (longitudinal - 6 * np.real(FC * np.conj(FM)) + np.abs(FM) ** 2 * (2 + r))
    return out if np.ndim(out) else float(out)


@checks(M_zp="nonnegative", M_psi="positive scalar", M_H="positive scalar", coupling="finite")
def width_l_to_l_zprime(alpha: str, M_zp: Real, M_psi: Real, M_H: Real, coupling: Real = 1.0) -> float:
    """Gamma(l_a -> l_b Z') in GeV with m_b = 0, eq. (23) (rate formula in the module docstring)."""
    m, M_zp = _check_zprime_masses(alpha, M_zp, M_psi, M_H)
    FC, FM = _zprime_loop(m, M_zp**2, M_psi, M_H)
    return _rate(m, M_zp**2 / m**2, coupling * FC, coupling * FM)


@checks(M_psi="positive scalar", M_H="positive scalar", coupling="scalar")
def width_l_to_l_zprime_light(alpha: str, M_psi: float, M_H: float, coupling: float = 1.0) -> float:
    """Eq. (26), the M_Z' -> 0 limit: m_a/(16 pi) [g y y/(64 pi^2)]^2 (m_a/M_H)^4 [(x^2 - 1 - 2x ln x)/(x - 1)^3]^2."""
    m = _lepton(alpha)
    x = M_psi**2 / M_H**2
    if abs(x - 1) < 1e-6:
        bracket = 1 / 3
    else:
        bracket = (x**2 - 1 - 2 * float(_xlogx_power(np.array(x), 1))) / (x - 1) ** 3
    return m / (16 * math.pi) * (abs(coupling) / (64 * math.pi**2)) ** 2 * (m / M_H) ** 4 * bracket**2


@checks(M_zp="nonnegative", M_psi="positive scalar", M_H="positive scalar", coupling="finite")
def branching_ratio_l_to_l_zprime(
    alpha: str, M_zp: ArrayLike, M_psi: ArrayLike, M_H: ArrayLike, coupling: ArrayLike = 1.0
) -> np.ndarray | float:
    """BR(l_a -> l_b Z') (l_a = mu or tau), Fig. 4 (right)."""
    if alpha not in LEPTON_WIDTH:
        raise InputError(f"{alpha!r} does not decay; use 'mu' or 'tau'")
    out = np.asarray(width_l_to_l_zprime(alpha, M_zp, M_psi, M_H, coupling)) / LEPTON_WIDTH[alpha]
    return out if out.ndim else float(out)


__all__ = [
    "f_W",
    "f_H",
    "form_factor_W",
    "form_factor_H",
    "width_l_to_l_gamma",
    "branching_ratio_l_to_l_gamma",
    "yy_bound",
    "form_factors_l_to_l_zprime",
    "width_from_form_factors",
    "width_l_to_l_zprime",
    "width_l_to_l_zprime_light",
    "branching_ratio_l_to_l_zprime",
    "delta_a_charged_scalar",
    "width_H_to_l_psi",
    "LEPTON_MASS",
    "LEPTON_WIDTH",
]
