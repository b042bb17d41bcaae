"""Nuclear-recoil spectra on natural xenon: solar-neutrino CEvNS (SM or any model hook) and SI WIMPs.

Both are returned as dR/dT at the integration nodes of :func:`.release.recoil_nodes`, in events
per tonne-year per GeV of recoil energy, ready for :func:`.release.hat_weights` and
:func:`.release.fold`.

CEvNS (eqs. (3.1)-(3.3) of arXiv:2202.11002 with the same weak charges as COHERENT):

    dR/dT = sum_iso n_iso G_F^2 M/pi sum_a [Q_a(q)^2 I_a(T) + Q_S(q)^2 J_a(T)],
    I_a(T) = int dE dPhi/dE P_ea(E) (1 - M T/(2 E^2)),   J_a(T) = int dE dPhi/dE P_ea(E) M T/(4 E^2),

over E > sqrt(M T/2), with dPhi/dE the B16 8B and hep spectra (:mod:`zprime.observables.solar`)
and P_ea(E) the MSW flavour fractions at Earth of :func:`zprime.observables.nue.solar_flavour_fractions`
(day-time, no Earth regeneration).  A model enters through the same hook as in the COHERENT
likelihoods (:func:`zprime.observables.cevns.vector_hook`): Q_a = Q_a^SM + dQ_a.

WIMPs: the spin-independent rate of the standard halo model (Lewin & Smith, Astropart. Phys. 6
(1996) 87), dR/dT = n_N rho_0 M sigma_n A^2 F^2(q) / (2 m_chi mu_n^2) eta(v_min) per nucleus of mass M,
with the truncated
Maxwellian eta of Savage, Freese & Gondolo, PRD 74 (2006) 043531, eq. (B3), and the halo
parameters of :mod:`zprime.constants` (Baxter et al. 2021).

Nuclei: the nine stable xenon isotopes (:data:`zprime.constants.XENON_ISOTOPES`), each with the
Lewin-Smith Helm form factor for protons and neutrons.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache, lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from zprime import constants as c
from zprime import validation
from zprime.experiments.xenonnt.release import recoil_nodes
from zprime.models import FLAVOURS
from zprime.observables import nue, solar
from zprime.observables.cevns import HELM_S, Nodes, Nucleus, q_of_T
from zprime.units import cm, fm, year

#: Speed of light in km/s (exact), to turn halo speeds into units of c.
C_KM_S = 299792.458


def _helm_rms(A: int) -> float:
    """rms radius (GeV^-1) whose Helm R_0 is the Lewin-Smith one: R_rms^2 = 3/5 R_0^2 + 3 s^2."""
    c_fm = c.HELM_LS_C[0] * A ** (1 / 3) + c.HELM_LS_C[1]
    R0_sq = c_fm**2 + 7 / 3 * math.pi**2 * c.HELM_LS_A**2 - 5 * (HELM_S / fm) ** 2
    return math.sqrt(0.6 * R0_sq + 3 * (HELM_S / fm) ** 2) * fm


@lru_cache(maxsize=1)
def xenon_isotopes() -> tuple[tuple[Nucleus, float], ...]:
    """((Nucleus, number of nuclei per tonne of natural xenon), ...) for the nine stable isotopes."""
    molar = sum(f * m for _, f, m in c.XENON_ISOTOPES)  # g/mol
    per_tonne = 1e6 * c.N_A / molar
    out = []
    for A, f, _ in c.XENON_ISOTOPES:
        R = _helm_rms(A)
        out.append((Nucleus(f"Xe{A}", 54, A - 54, R, R), f * per_tonne))
    return tuple(out)


#: Neutrino-energy grid for the flux integrals (GeV) and the energies where P_ea is computed.
_E_FINE = np.linspace(1e-4, 20e-3, 4000)
_E_OSC = np.linspace(0.5e-3, 20e-3, 40)


@cache
def _fractions(source: str) -> np.ndarray:
    """P_ea on :data:`_E_FINE` (3, n_E), interpolated from :data:`_E_OSC`."""
    P = np.array([nue.solar_flavour_fractions(E, source=source) for E in _E_OSC]).T
    return np.array([np.interp(_E_FINE, _E_OSC, p) for p in P])


@cache
def _kernels(sources: tuple[str, ...]) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Per isotope: (I, J), each (3 flavours, n_T) in GeV^3, at the recoil nodes."""
    return _kernels_at(sources, recoil_nodes()[0])


def _trapezoid_weights(x: np.ndarray) -> np.ndarray:
    """w with sum_i w_i y_i = np.trapezoid(y, x) (in exact arithmetic): (x_{i+1} - x_{i-1})/2, halves at the ends."""
    w = np.empty_like(x)
    w[1:-1] = (x[2:] - x[:-2]) / 2
    w[0], w[-1] = (x[1] - x[0]) / 2, (x[-1] - x[-2]) / 2
    return w


def _suffix_sums(y: np.ndarray) -> np.ndarray:
    """S[..., k] = sum_{i >= k} y[..., i], with S[..., n] = 0: shape (..., n + 1)."""
    out = np.zeros(y.shape[:-1] + (y.shape[-1] + 1,))
    out[..., :-1] = np.cumsum(y[..., ::-1], axis=-1)[..., ::-1]
    return out


def _kernels_at(sources: tuple[str, ...], T: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Per isotope: (I, J), each (3 flavours, n_T) in GeV^3, at recoil energies T (GeV).

    I(T) = int dE phi P (1 - M T/(2 E^2)) and J(T) = int dE phi P M T/(4 E^2) over E above
    E_min(T) = sqrt(M T/2), the trapezoidal rule on :data:`_E_FINE` with the integrand set to 0 below
    E_min: with the rule's weights w_i, I = A_k - (M T/2) B_k and J = (M T/4) B_k, where
    A_k = sum_{i >= k} w_i phi_i P_i and B_k = sum_{i >= k} w_i phi_i P_i / E_i^2 are suffix sums
    and k(T) the first node above E_min(T): O(n_E + n_T) per isotope instead of O(n_E n_T).
    """
    w = _trapezoid_weights(_E_FINE)
    wphi = sum(w * solar.spectrum(src, _E_FINE) * _fractions(src) for src in sources)  # (3, n_E)
    A, B = _suffix_sums(wphi), _suffix_sums(wphi / _E_FINE**2)
    out = []
    for nuc, _ in xenon_isotopes():
        M = nuc.mass
        k = np.searchsorted(_E_FINE, np.sqrt(M * T / 2), side="right")  # first E_i > E_min(T)
        Bk = B[:, k]
        out.append((A[:, k] - (M * T / 2) * Bk, (M * T / 4) * Bk))
    return tuple(out)


def cevns_rate(
    hook: Callable | None = None, sources: tuple[str, ...] = ("8B", "hep"), T: ArrayLike | None = None
) -> np.ndarray:
    """dR/dT of solar-neutrino CEvNS on natural xenon, per tonne-year per GeV.

    At the recoil nodes of :func:`.release.recoil_nodes` (default), or at recoil energies ``T``
    (GeV, 1-D).  ``hook`` as in :class:`zprime.observables.cevns.Nodes` (None: the SM); with a
    parameter axis the result has shape (n_points, n_T), else (n_T,).
    """
    sources = tuple(
        validation.choice("sources", s, solar.SPECTRA) for s in ((sources,) if isinstance(sources, str) else sources)
    )
    if T is None:
        T, kernels = recoil_nodes()[0], _kernels(sources)
    else:
        T = np.atleast_1d(validation.positive("recoil energy T", T, "GeV"))
        kernels = _kernels_at(sources, T)
    total = 0.0
    for (nuc, n), (I, J) in zip(xenon_isotopes(), kernels):
        nodes = Nodes.at(nuc, q_of_T(T, nuc))
        pref = n * c.G_F**2 * nuc.mass / math.pi
        for a, fl in enumerate(FLAVOURS):
            Q = nodes.weak_charge_sm(fl)
            dQ, QS = hook(nodes, fl) if hook is not None else (None, None)
            if dQ is not None:
                Q = Q + dQ
            term = Q**2 * I[a]
            if QS is not None:
                term = term + QS**2 * J[a]
            total = total + pref * term
    return np.asarray(total) * year


@validation.checks(v0="positive scalar", v_esc="positive scalar", v_E="positive scalar")
def eta_shm(
    v_min: ArrayLike, v0: float = c.SHM_V0_KM_S, v_esc: float = c.SHM_VESC_KM_S, v_E: float = c.SHM_VE_KM_S
) -> np.ndarray:
    """Mean inverse speed eta(v_min) (units of 1/c) of the truncated Maxwellian halo; speeds in km/s."""
    x = validation.nonnegative("v_min", v_min) / v0
    y, z = v_E / v0, v_esc / v0
    n_esc = special.erf(z) - 2 * z * math.exp(-z * z) / math.sqrt(math.pi)
    pre = C_KM_S / (2 * n_esc * y * v0)
    low = special.erf(x + y) - special.erf(x - y) - 4 * y * math.exp(-z * z) / math.sqrt(math.pi)
    mid = special.erf(z) - special.erf(x - y) - 2 * (z + y - x) * math.exp(-z * z) / math.sqrt(math.pi)
    return pre * np.where(x < z - y, low, np.where(x < z + y, mid, 0.0))


@validation.checks(m_chi="positive scalar", sigma_n_cm2="positive scalar")
def wimp_rate(m_chi: float, sigma_n_cm2: float = 1e-45, T: ArrayLike | None = None) -> np.ndarray:
    """dR/dT of a spin-independent WIMP of mass m_chi (GeV) and WIMP-nucleon cross section
    ``sigma_n_cm2`` (cm^2), per tonne-year per GeV (standard halo model), at the recoil nodes
    (default) or at recoil energies ``T`` (GeV, 1-D)."""
    from zprime.observables.cevns import helm

    T = recoil_nodes()[0] if T is None else np.atleast_1d(validation.positive("recoil energy T", T, "GeV"))
    rho = c.SHM_RHO_GEV_CM3 / cm**3
    mu_n = m_chi * c.m_p / (m_chi + c.m_p)
    total = np.zeros(T.size)
    for nuc, n in xenon_isotopes():
        M = nuc.mass
        mu_N = m_chi * M / (m_chi + M)
        v_min = np.sqrt(M * T / 2) / mu_N * C_KM_S
        F = helm(q_of_T(T, nuc), nuc.R_p)
        A = nuc.Z + nuc.N
        total += n * rho * M * sigma_n_cm2 * cm**2 * A**2 * F**2 / (2 * m_chi * mu_n**2) * eta_shm(v_min)
    return total * year
