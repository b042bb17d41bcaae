"""Elastic neutrino-electron scattering with a light vector X (Greljo et al. 2022, sects. 3.4, 5.3, App. B).

Tree-level cross section for nu_alpha e -> nu_alpha e (electron mass kept in the
interference term), T the electron recoil energy and E the neutrino energy:

    dsigma/dT = (2 G_F^2 m_e/pi) [g_L^2 + g_R^2 (1 - T/E)^2 - g_L g_R m_e T/E^2],

g_L <-> g_R for antineutrinos (eq. (5.8) with y = T/E and m_e T/E^2 dropped).  The SM
couplings are g_L = -1/2 + s_w^2 (+1 for nu_e, charged current), g_R = s_w^2.  An X of
mass m_X coupling to nu_alpha with g_nu (left-handed) and to e_L, e_R with g_eL, g_eR adds
(eqs. (5.9)-(5.10))

    delta g_{L,R}(T) = g_nu g_{eL,eR} / (2 sqrt2 G_F (2 m_e T + m_X^2)).

Borexino measures the 7Be line (E = 0.862 MeV) at Earth, where the flux is an
incoherent mixture of flavours: P_ee from adiabatic MSW conversion averaged over the
7Be production zone, P_emu and P_etau from the PMNS matrix (see :func:`solar_flavour_fractions`).
R_Be = sigma(SM + X)/sigma(SM) is compared with 1.06 +- 0.09 (App. B).

Energies in GeV.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import validation
from zprime.constants import Measurement
from zprime.models import FLAVOURS
from zprime.observables import matter
from zprime.types import Real
from zprime.units import MeV, cm, eV
from zprime.validation import InputError, checks

__all__ = [
    "BOREXINO_R_BE",
    "E_BE7",
    "OSCILLATION",
    "g_sm",
    "delta_g",
    "dsigma_dT",
    "T_max",
    "solar_flavour_fractions",
    "R_Be",
    "borexino_chi2",
    "Window",
]

#: App. B of arXiv:2203.13731: Borexino 7Be rate over the SSM average (GS98 and AGSS09 fluxes,
#: their difference as a systematic), R_Be = 1.06 +- 0.09.
BOREXINO_R_BE = Measurement(1.06, 0.09, "arXiv:2203.13731 App. B (Borexino, PRL 107 (2011) 141302)")
#: Energy of the main 7Be line (ground-state branch), 861.8 keV.
E_BE7 = 0.8618 * MeV

#: Oscillation parameters, NuFIT 5.2 (2022), normal ordering without SK atmospheric data
#: (Esteban et al., JHEP 09 (2020) 178 and www.nu-fit.org): sin^2 theta12 = 0.303,
#: sin^2 theta13 = 0.02225, sin^2 theta23 = 0.451, delta_CP = 232 deg, Dm21^2 = 7.41e-5 eV^2.
OSCILLATION = dict(s12sq=0.303, s13sq=0.02225, s23sq=0.451, delta_deg=232.0, dm21sq=7.41e-5 * eV**2)


@checks(E="energy")
def T_max(E: ArrayLike) -> float:
    """Largest electron recoil energy 2E^2/(m_e + 2E) (GeV)."""
    E = np.asarray(E, dtype=float)
    return 2 * E * E / (c.m_e + 2 * E)


@checks(s2w="open fraction")
def g_sm(flavour: str, s2w: float = c.sin2_thetaW_0) -> tuple[float, float]:
    """Tree-level (g_L, g_R) for nu_flavour e scattering."""
    if flavour not in FLAVOURS:
        raise InputError(f"unknown neutrino flavour {flavour!r}; known: {FLAVOURS}")
    return (-0.5 + s2w + (1.0 if flavour == "e" else 0.0), s2w)


@checks(g_nu="coupling", g_e="coupling", m_X="mass", T="recoil")
def delta_g(g_nu: ArrayLike, g_e: ArrayLike, m_X: ArrayLike, T: ArrayLike) -> np.ndarray:
    """X contribution to g_L or g_R, eqs. (5.9)-(5.10): g_nu g_e / (2 sqrt2 G_F (2 m_e T + m_X^2))."""
    m_X = np.asarray(m_X, dtype=float)
    if np.any(m_X <= 0) or np.any(~np.isfinite(m_X)):
        raise InputError("m_X must be positive and finite (GeV)")
    return np.asarray(g_nu) * np.asarray(g_e) / (2 * math.sqrt(2) * c.G_F * (2 * c.m_e * np.asarray(T) + m_X**2))


@checks(E="energy", T="recoil", gL="coupling", gR="coupling")
def dsigma_dT(E: Real, T: Real, gL: Real, gR: Real, antineutrino: bool = False) -> np.ndarray:
    """dsigma/dT in GeV^-3 for total couplings gL, gR (arrays broadcast); zero above T_max."""
    E, T = np.asarray(E, float), np.asarray(T, float)
    if antineutrino:
        gL, gR = gR, gL
    val = (2 * c.G_F**2 * c.m_e / np.pi) * (gL**2 + gR**2 * (1 - T / E) ** 2 - gL * gR * c.m_e * T / E**2)
    return np.where((T >= 0) & (T <= T_max(E)), val, 0.0)


def _pmns_abs2(s12sq, s13sq, s23sq, delta_deg, **_):
    s12, s13, s23 = (math.sqrt(x) for x in (s12sq, s13sq, s23sq))
    c12, c13, c23 = (math.sqrt(1 - x) for x in (s12sq, s13sq, s23sq))
    ed = np.exp(1j * math.radians(delta_deg))
    U = np.array(
        [
            [c12 * c13, s12 * c13, s13 / ed],
            [-s12 * c23 - c12 * s23 * s13 * ed, c12 * c23 - s12 * s23 * s13 * ed, s23 * c13],
            [s12 * s23 - c12 * c23 * s13 * ed, -c12 * s23 - s12 * c23 * s13 * ed, c23 * c13],
        ]
    )
    return np.abs(U) ** 2


@checks(E="positive scalar")
@lru_cache(maxsize=16)
def solar_flavour_fractions(
    E: float = E_BE7, source: str = "7Be", model: str = "B16-GS98", **osc
) -> tuple[float, float, float]:
    """(P_ee, P_emu, P_etau) at Earth for solar nu_e of energy E (GeV) from ``source``.

    Adiabatic MSW: the nu_e produced at radius r leaves the Sun in mass state i with
    probability |U^m_ei(r)|^2 (theta12 in matter, theta13 unchanged, matter potential
    c13^2 sqrt2 G_F n_e), averaged over the production distribution of ``source``; then
    P_ea = sum_i <|U^m_ei|^2> |U_ai|^2.  Day-time only (no Earth regeneration).
    """
    validation.no_unknown("solar_flavour_fractions", osc, OSCILLATION)
    p = dict(OSCILLATION, **osc)
    prof = matter.solar_profile(model)
    r, w = matter.production_distribution(source, model)
    n_e = np.interp(r, prof.r, prof.n_e) * c.N_A / cm**3  # GeV^3
    s12sq, s13sq = p["s12sq"], p["s13sq"]
    c13sq = 1 - s13sq
    A = 2 * math.sqrt(2) * c.G_F * n_e * E * c13sq  # 2 E V (GeV^2)
    dm, cos2, sin2 = p["dm21sq"], 1 - 2 * s12sq, 2 * math.sqrt(s12sq * (1 - s12sq))
    cos2m = (dm * cos2 - A) / np.hypot(dm * cos2 - A, dm * sin2)
    P1 = np.sum(w * c13sq * (1 + cos2m) / 2)
    P2 = np.sum(w * c13sq * (1 - cos2m) / 2)
    U2 = _pmns_abs2(**p)
    P = U2 @ np.array([P1, P2, s13sq])
    return float(P[0]), float(P[1]), float(P[2])


@dataclass(frozen=True)
class Window:
    """A recoil window [T_lo, T_hi] (GeV) at neutrino energy E and its Gauss-Legendre nodes."""

    E: float
    T_lo: float
    T_hi: float
    n_nodes: int = 32

    def __post_init__(self):
        validation.RULES["positive scalar"]("E", self.E)
        validation.RULES["nonnegative scalar"]("T_lo", self.T_lo)
        if not validation.RULES["positive scalar"]("T_hi", self.T_hi) > self.T_lo:
            raise validation.InputError(f"T_hi = {self.T_hi!r} must exceed T_lo = {self.T_lo!r}")
        validation.count("n_nodes", self.n_nodes)

    def nodes(self) -> tuple:
        x, w = np.polynomial.legendre.leggauss(self.n_nodes)
        T = 0.5 * (self.T_hi - self.T_lo) * (x + 1) + self.T_lo
        return T, 0.5 * (self.T_hi - self.T_lo) * w

    @checks(m_X="positive scalar")
    def moments(self, flavour: str, m_X: float) -> np.ndarray:
        """(A, B_L, B_R, C_LL, C_RR, C_LR): the window cross section is the quadratic form

        sigma = A + B_L k_L + B_R k_R + C_LL k_L^2 + C_RR k_R^2 + C_LR k_L k_R   (units 2 G_F^2 m_e/pi)

        in the coupling products k_{L,R} = g_nu g_{eL,eR}; exact, since delta g = k h(T).
        """
        T, w = self.nodes()
        gL, gR = g_sm(flavour)
        h = delta_g(1.0, 1.0, m_X, T)
        y2, z = (1 - T / self.E) ** 2, c.m_e * T / self.E**2
        rows = (
            gL**2 + gR**2 * y2 - gL * gR * z,
            2 * gL * h - gR * h * z,
            2 * gR * h * y2 - gL * h * z,
            h * h,
            h * h * y2,
            -h * h * z,
        )
        return np.array([np.sum(w * r) for r in rows])


@lru_cache(maxsize=4096)
def _scalar_moment(E: float, T_lo: float, T_hi: float, m_X: float) -> float:
    """The window integral of the scalar cross section per unit (g_nu g_e)^2, in units of 2 G_F^2 m_e/pi.

    dsigma_S/dT = m_e^2 T (g_nu g_e)^2 / (4 pi E^2 (2 m_e T + m_X^2)^2): eq. (3.24) of arXiv:2202.11002 with
    the nucleus replaced by the electron (M -> m_e, Q_phi -> g_e, |q|^2 = 2 m_e T).  The scalar flips the
    neutrino helicity, so it adds to the SM rate without interference (and needs right-handed neutrinos).
    In closed form, int T dT/(2 m_e T + m^2)^2 = [ln u + m^2/u]/(4 m_e^2), u = 2 m_e T + m^2.
    """
    u_lo, u_hi = 2 * c.m_e * T_lo + m_X**2, 2 * c.m_e * T_hi + m_X**2
    integral = (math.log(u_hi / u_lo) + m_X**2 / u_hi - m_X**2 / u_lo) / (4 * c.m_e**2)
    return c.m_e**2 * integral / (4 * math.pi * E**2) / (2 * c.G_F**2 * c.m_e / math.pi)


@lru_cache(maxsize=4096)
def _moments(E: float, T_lo: float, T_hi: float, flavour: str, m_X: float) -> np.ndarray:
    """Window(E, T_lo, T_hi).moments(flavour, m_X), cached (scans revisit the same masses)."""
    out = Window(E, T_lo, T_hi).moments(flavour, m_X)
    out.setflags(write=False)
    return out


@checks(g_eL="coupling", g_eR="coupling", m_X="positive scalar", E="energy")
def R_Be(
    g_nu: Sequence | np.ndarray,
    g_eL: ArrayLike,
    g_eR: ArrayLike,
    m_X: Real,
    *,
    fractions: Sequence[float] | None = None,
    T_window: tuple[float, float | None] = (0.0, None),
    E: float = E_BE7,
    scalar: tuple | None = None,
) -> np.ndarray | float:
    """sigma(SM + X)/sigma(SM) for the 7Be line at Borexino; arrays broadcast.

    g_nu: couplings to (nu_e, nu_mu, nu_tau), a sequence of three arrays;
    g_eL, g_eR: couplings to e_L and e_R.  ``fractions`` (P_ee, P_emu, P_etau) default to
    :func:`solar_flavour_fractions`; ``T_window`` in GeV (upper end None: T_max).
    ``scalar`` = (three neutrino Yukawa couplings, the electron Yukawa coupling) of a CP-even scalar of
    mass m_X adds its incoherent rate (:func:`_scalar_moment`).
    """
    g_nu = validation.triple("g_nu", g_nu)
    P = solar_flavour_fractions(E) if fractions is None else validation.triple("fractions", fractions)
    lo, hi = T_window
    hi = float(T_max(E)) if hi is None else hi
    if not 0 <= lo < hi <= T_max(E) * (1 + 1e-12):
        raise InputError(f"recoil window {T_window} outside [0, T_max = {float(T_max(E)):.4g}] GeV")
    num = den = 0.0
    for Pa, fl, gn in zip(P, FLAVOURS, g_nu):
        A, BL, BR, CLL, CRR, CLR = _moments(float(E), float(lo), float(hi), fl, float(m_X))
        kL, kR = np.asarray(gn) * np.asarray(g_eL), np.asarray(gn) * np.asarray(g_eR)
        num = num + Pa * (A + BL * kL + BR * kR + CLL * kL**2 + CRR * kR**2 + CLR * kL * kR)
        den = den + Pa * A
    if scalar is not None:
        if not (isinstance(scalar, tuple) and len(scalar) == 2):
            raise InputError("scalar must be (three neutrino Yukawa couplings, the electron Yukawa coupling)")
        y_nu = validation.triple("scalar neutrino couplings", scalar[0])
        y_e = validation.finite("scalar electron coupling", scalar[1])
        S = _scalar_moment(float(E), float(lo), float(hi), float(m_X))
        for Pa, yn in zip(P, y_nu):
            num = num + Pa * S * (np.asarray(yn) * y_e) ** 2
    return num / den


@checks(R="finite")
def borexino_chi2(R: ArrayLike, measurement: Measurement = BOREXINO_R_BE) -> np.ndarray | float:
    """((R - 1.06)/0.09)^2, eq. (B.3); 0.44 for the SM (R = 1)."""
    return ((np.asarray(R) - measurement.value) / measurement.sigma) ** 2
