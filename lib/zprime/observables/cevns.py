"""Coherent elastic neutrino-nucleus scattering (CEvNS): flux, form factors, cross sections.

Implements section 2 and 3 of Atzori Corona et al., arXiv:2202.11002:

* the pi-DAR neutrino spectra of the SNS, eqs. (2.1)-(2.3), normalised per unit
  eta = r N_POT / (4 pi L^2);
* Helm form factors with the proton and neutron rms radii of eqs. (3.4)-(3.5);
* the SM weak charge, eqs. (3.2)-(3.3), and the differential cross section (3.1);
* the vector-mediator weak charge, eq. (3.7), as a hook: a model changes the weak
  charge per neutrino flavour as a function of |q|^2, and the SM is its zero.

Units: GeV = 1 (energies in GeV, radii in GeV^-1, cross sections in GeV^-3).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize

from zprime import constants as c
from zprime import validation
from zprime.models import (
    FLAVOURS,
    Mediator,
    ModelError,
    ScalarModel,
    VectorModel,
    as_model,
    check_coupling_and_mass,
    loop_kinetic_mixing,
)
from zprime.types import Real
from zprime.units import fm
from zprime.units import m as metre
from zprime.validation import InputError, checks


@dataclass(frozen=True)
class Nucleus:
    """A target nucleus: proton and neutron numbers, mass (GeV), rms radii (GeV^-1)."""

    name: str
    Z: int
    N: int
    R_p: float
    R_n: float

    @property
    def mass(self) -> float:
        """Nuclear mass: atomic mass minus the electrons (binding of electrons neglected)."""
        return c.atomic_mass_u[self.name] * c.u_amu - self.Z * c.m_e


#: Nuclei with the radii of eqs. (3.4)-(3.5) of arXiv:2202.11002.
NUCLEI = {
    "Ar40": Nucleus("Ar40", 18, 22, 3.448 * fm, 3.55 * fm),
    "Cs133": Nucleus("Cs133", 55, 78, 4.821 * fm, 5.09 * fm),
    "I127": Nucleus("I127", 53, 74, 4.766 * fm, 5.03 * fm),
}

#: Helm surface thickness s = 0.9 fm (R. H. Helm, Phys. Rev. 104 (1956) 1466; the usual choice).
HELM_S = 0.9 * fm


def _check_flavour(flavour: str) -> None:
    if flavour not in FLAVOURS:
        raise InputError(f"unknown flavour {flavour!r}; use one of {FLAVOURS}")


def nucleus(name: str) -> Nucleus:
    """A target nucleus of :data:`NUCLEI` by name ("Ar40", "Cs133", "I127", ...); unknown names raise."""
    try:
        return NUCLEI[name]
    except KeyError:
        raise InputError(f"unknown nucleus {name!r}; known: {sorted(NUCLEI)}") from None


# --- flux ----------------------------------------------------------------------
@checks(r="positive scalar", n_pot="positive scalar", L="positive scalar")
def flux_normalisation(r: float, n_pot: float, L: float) -> float:
    """eta = r N_POT / (4 pi L^2) in GeV^2 (L in GeV^-1): neutrinos per flavour per area."""
    if not (r > 0 and n_pot > 0 and L > 0):
        raise InputError("r, N_POT and L must be positive")
    return r * n_pot / (4 * math.pi * L**2)


#: The SNS exposure per detector, (r, N_POT, L),
#: from section 2 of arXiv:2202.11002.
SNS_EXPOSURE = {
    "Ar": dict(r=0.09, n_pot=13.7e22, L=27.5 * metre),
    "CsI": dict(r=0.0848, n_pot=3.198e23, L=19.3 * metre),
}

E_NU_MU_PROMPT = (c.m_pi**2 - c.m_mu**2) / (2 * c.m_pi)  # eq. (2.1), 29.8 MeV
E_MAX = c.m_mu / 2  # end point of eqs. (2.2)-(2.3)


@checks(E="finite")
def spectrum_numubar(E: ArrayLike) -> np.ndarray:
    """Shape of eq. (2.2), 64 E^2/m_mu^3 (3/4 - E/m_mu) for E < m_mu/2, normalised to 1 (GeV^-1)."""
    E = np.asarray(E, dtype=float)
    return np.where((E >= 0) & (E <= E_MAX), 64 * E**2 / c.m_mu**3 * (0.75 - E / c.m_mu), 0.0)


@checks(E="finite")
def spectrum_nue(E: ArrayLike) -> np.ndarray:
    """Shape of eq. (2.3), 192 E^2/m_mu^3 (1/2 - E/m_mu) for E < m_mu/2, normalised to 1 (GeV^-1)."""
    E = np.asarray(E, dtype=float)
    return np.where((E >= 0) & (E <= E_MAX), 192 * E**2 / c.m_mu**3 * (0.5 - E / c.m_mu), 0.0)


# --- form factor and cross section -------------------------------------------------
@checks(q="nonnegative", R_rms="positive scalar", s="positive scalar")
def helm(q: ArrayLike, R_rms: Real, s: Real = HELM_S) -> np.ndarray | float:
    """Helm form factor F(|q|) = 3 j1(q R0)/(q R0) exp(-q^2 s^2/2), R0^2 = 5/3 (R^2 - 3 s^2).

    Eqs. (3.4)-(3.5) of arXiv:2202.11002.

    Parameters
    ----------
    q : array_like
        Momentum transfer |q| in GeV (>= 0).
    R_rms : float or ndarray
        The rms radius R of the proton or neutron distribution, GeV^-1.
    s : float or ndarray
        Surface thickness, GeV^-1 (default 0.9 fm).

    Returns
    -------
    ndarray or float
        F(|q|), shape of ``q``; F(0) = 1.

    Examples
    --------
    >>> from zprime.observables import cevns
    >>> from zprime.units import keV
    >>> cs = cevns.nucleus("Cs133")
    >>> q = cevns.q_of_T(10 * keV, cs)   # |q| = sqrt(2 M T)
    >>> print(f"|q| = {float(q) * 1e3:.2f} MeV, F_N = {float(cevns.helm(q, cs.R_n)):.4f}")
    |q| = 49.75 MeV, F_N = 0.7527
    """
    q = np.asarray(q, dtype=float)
    if np.any(q < 0) or not np.all(np.isfinite(q)):
        raise InputError("|q| must be finite and non-negative")
    if not R_rms**2 > 3 * s**2:
        raise InputError(
            f"R_rms = {R_rms!r} GeV^-1 is below sqrt(3) s = {math.sqrt(3) * s:.4g} GeV^-1: no Helm radius R0"
        )
    R0 = math.sqrt(5.0 / 3.0 * (R_rms**2 - 3 * s**2))
    x = q * R0
    small = x < 1e-3
    xs = np.where(small, 1.0, x)
    j1_over_x = np.where(small, 1.0 / 3.0 - x**2 / 30.0, (np.sin(xs) / xs**2 - np.cos(xs) / xs) / xs)
    return 3.0 * j1_over_x * np.exp(-0.5 * (q * s) ** 2)


@checks(T="recoil")
def q_of_T(T: ArrayLike, nuc: Nucleus) -> np.ndarray | float:
    """Momentum transfer |q| = sqrt(2 M T) of a nuclear recoil.

    Parameters
    ----------
    T : array_like
        Nuclear recoil energy in GeV (>= 0).
    nuc : Nucleus
        The target (its mass M).

    Returns
    -------
    ndarray or float
        |q| in GeV, shape of ``T``.

    Examples
    --------
    >>> from zprime.observables import cevns
    >>> from zprime.units import keV
    >>> print(f"{float(cevns.q_of_T(10 * keV, cevns.nucleus('Cs133'))):.5f}")   # GeV
    0.04975
    """
    T = np.asarray(T, dtype=float)
    if np.any(T < 0):
        raise InputError("recoil energy T must be non-negative")
    return np.sqrt(2 * nuc.mass * T)


@checks(q="nonnegative")
def weak_charge_sm(nuc: Nucleus, flavour: str, q: ArrayLike) -> np.ndarray | float:
    """The SM weak charge Q^V_SM = g_V^p(nu_l) Z F_Z + g_V^n N F_N, eqs. (3.2)-(3.3) of arXiv:2202.11002.

    Parameters
    ----------
    nuc : Nucleus
    flavour : {"e", "mu", "tau"}
        Neutrino flavour (g_V^p includes its radiative correction).
    q : array_like
        Momentum transfer |q| in GeV (the Helm form factors F_Z, F_N).

    Returns
    -------
    ndarray or float
        Shape of ``q``.

    Examples
    --------
    >>> from zprime.observables import cevns
    >>> from zprime.units import keV
    >>> cs = cevns.nucleus("Cs133")
    >>> print(f"{float(cevns.weak_charge_sm(cs, 'mu', cevns.q_of_T(10 * keV, cs))):.2f}")
    -28.55
    """
    return Nodes.at(nuc, q).weak_charge_sm(flavour)


def _vector_delta_Q(model: VectorModel, g, M, nuc: Nucleus, flavour: str, q, F_p, F_n, dx_p=0.0):
    """Z' weak charge of eq. (3.7) with the form factors already evaluated at q.

    ``dx_p`` is an extra, possibly |q|-dependent, proton charge (loop kinetic mixing).
    """
    x_nu = model.x("nu_" + flavour)
    if model.eps:
        x_p, x_n = model.nucleon_charges(np.where(g > 0, g, 1.0))
    else:
        x_p, x_n = model.nucleon_charges()
    coupling = g**2 * x_nu / (math.sqrt(2) * c.G_F * (q**2 + M**2))
    return coupling * ((x_p + dx_p) * nuc.Z * F_p + x_n * nuc.N * F_n)


@checks(q="nonnegative")
def weak_charge_vector(
    model: VectorModel, g: ArrayLike, M: ArrayLike, nuc: Nucleus, flavour: str, q: ArrayLike
) -> np.ndarray | float:
    """Z' contribution to the weak charge, eq. (3.7): g^2 Q'_l [x_p Z F_Z + x_n N F_N]/(sqrt2 G_F (q^2 + M^2)).

    Tree-level kinetic mixing of the model enters through the nucleon charges.  Zero for
    g = 0 (the SM limit).

    Parameters
    ----------
    model : VectorModel
    g : array_like
        Gauge coupling.
    M : array_like
        Boson mass in GeV.
    nuc : Nucleus
    flavour : {"e", "mu", "tau"}
        Neutrino flavour (its charge Q'_l).
    q : array_like
        Momentum transfer |q| in GeV; ``g`` and ``M`` broadcast against it.

    Returns
    -------
    ndarray or float
        Added to :func:`weak_charge_sm`, of the broadcast shape.

    Examples
    --------
    >>> from zprime import models
    >>> from zprime.observables import cevns
    >>> from zprime.units import keV
    >>> cs = cevns.nucleus("Cs133")
    >>> q = cevns.q_of_T(10 * keV, cs)
    >>> print(f"{float(cevns.weak_charge_vector(models.get_model('B-L'), 1e-4, 0.01, cs, 'mu', q)):.2f}")
    -23.87
    """
    model = as_model(model)
    g, M = check_coupling_and_mass(g, M)
    _check_flavour(flavour)
    q = np.asarray(q, dtype=float)
    return _vector_delta_Q(model, g, M, nuc, flavour, q, helm(q, nuc.R_p), helm(q, nuc.R_n))


#: (sigma_piN / m_ud)_ref of eq. (3.31) of arXiv:2202.11002.
SIGMA_PIN_OVER_MUD_REF = 17.3


@checks(q="nonnegative")
def scalar_charge(
    g_phi: Real,
    M_phi: Real,
    nuc: Nucleus,
    q: Real,
    F_p: Real | None = None,
    F_n: Real | None = None,
) -> np.ndarray:
    """Scalar charge in units of G_F, Q_S = g~^2 (sigma_piN/m_ud)_ref [Z F_Z + N F_N] / (G_F (q^2 + M^2)).

    With it eqs. (3.24) and (3.32) read dsigma_S/dT = G_F^2 M/pi * (M T/(4 E^2)) Q_S^2.
    ``g_phi`` is g~_phi of eq. (3.33); zero gives the SM.
    """
    g_phi, M_phi = check_coupling_and_mass(g_phi, M_phi, ("g_phi", "M_phi"))
    q = np.asarray(q, dtype=float)
    F_p = helm(q, nuc.R_p) if F_p is None else F_p
    F_n = helm(q, nuc.R_n) if F_n is None else F_n
    return g_phi**2 * SIGMA_PIN_OVER_MUD_REF * (nuc.Z * F_p + nuc.N * F_n) / (c.G_F * (q**2 + M_phi**2))


# --- the model hook -------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Nodes:
    """Momentum transfers |q| (GeV) of one nucleus with its Helm form factors there.

    A *hook* is a function ``hook(nodes, flavour) -> (dQ_V, Q_S)`` giving the change of the
    vector weak charge and the scalar charge (either may be ``None`` for zero) as arrays that
    broadcast against ``nodes.q``; a leading axis runs over parameter points.  No hook (or a
    hook returning ``(None, None)``) is the SM.
    """

    nucleus: Nucleus
    q: np.ndarray
    F_p: np.ndarray
    F_n: np.ndarray

    @classmethod
    def at(cls, nuc: Nucleus, q: ArrayLike) -> Nodes:
        q = np.asarray(q, dtype=float)
        return cls(nuc, q, helm(q, nuc.R_p), helm(q, nuc.R_n))

    def weak_charge_sm(self, flavour: str) -> np.ndarray:
        """Q^V_SM = g_V^p(nu_l) Z F_Z + g_V^n N F_N, eqs. (3.2)-(3.3)."""
        _check_flavour(flavour)
        return c.gV_p[flavour] * self.nucleus.Z * self.F_p + c.gV_n * self.nucleus.N * self.F_n


def _points(x) -> np.ndarray:
    """Parameter points as a column, so that they broadcast against the |q| nodes."""
    return np.asarray(x, dtype=float)[..., None]


def vector_hook(
    model: VectorModel, g: ArrayLike, M: ArrayLike, *, loop_mixing: bool = False, mu: float | None = None
) -> Callable:
    """Hook for a vector mediator of ``model`` with coupling g and mass M (GeV), eq. (3.7).

    g and M are scalars or equal-shape arrays of parameter points.  With ``loop_mixing`` the
    one-loop Z'-photon mixing eps(q^2 = -|q|^2) of :func:`zprime.models.loop_kinetic_mixing`
    is added to the proton charge, x_p -> x_p + e eps/g (eqs. (3.19)-(3.20) for
    L_alpha - L_beta; ``mu`` is needed when the loop is divergent).
    """
    model = as_model(model)
    g, M = check_coupling_and_mass(g, M)
    g, M = _points(g), _points(M)
    dx_p = {}  # e eps/g depends on |q| only: one evaluation per set of nodes

    def hook(nodes: Nodes, flavour: str):
        if loop_mixing and nodes not in dx_p:
            dx_p[nodes] = c.e_em * loop_kinetic_mixing(model, 1.0, -(nodes.q**2), mu)
        return _vector_delta_Q(
            model, g, M, nodes.nucleus, flavour, nodes.q, nodes.F_p, nodes.F_n, dx_p.get(nodes, 0.0)
        ), None

    return hook


def scalar_hook(g_phi: ArrayLike, M_phi: ArrayLike) -> Callable:
    """Hook for the universal scalar mediator of eqs. (3.23)-(3.33) (g~_phi, M_phi in GeV)."""
    g_phi, M_phi = check_coupling_and_mass(g_phi, M_phi, ("g_phi", "M_phi"))
    g_phi, M_phi = _points(g_phi), _points(M_phi)

    def hook(nodes: Nodes, flavour: str):
        return None, scalar_charge(g_phi, M_phi, nodes.nucleus, nodes.q, nodes.F_p, nodes.F_n)

    return hook


def scalar_model_hook(model: ScalarModel, g: ArrayLike, M: ArrayLike) -> Callable:
    """Hook for a scalar mediator with Yukawas y_f (coupling g y_f), eqs. (3.23)-(3.32) of arXiv:2202.11002.

    Per neutrino flavour l the scalar charge is that of :func:`scalar_charge` with
    g~_phi^2 = g^2 |y_nu_l y_q| (eq. (3.33) with the isospin-symmetric matrix element (3.30)
    at its reference value (3.31)); the rate goes with g~^4, so the signs drop out.  Needs
    y_u = y_d (eq. (3.28)): with y_u != y_d the proton and neutron matrix elements of u-bar u and
    d-bar d separately would be needed (refs. [118]-[121] of arXiv:2202.11002), which are not
    implemented.  For the universal scalar (every y_f = 1), g is g~_phi.
    """
    if not isinstance(model, ScalarModel):
        raise ModelError(f"model must be a ScalarModel, got {type(model).__name__}")
    y_q = model.y("u")
    if model.y("d") != y_q:
        raise ModelError(
            f"model {model.name!r}: the scalar charge (3.29) of arXiv:2202.11002 needs y_u = y_d, "
            f"got {y_q:g} and {model.y('d'):g}"
        )
    g, M = check_coupling_and_mass(g, M)
    g, M = _points(g), _points(M)

    def hook(nodes: Nodes, flavour: str):
        k = abs(model.y("nu_" + flavour) * y_q)
        if k == 0.0:
            return None, None
        return None, scalar_charge(g * math.sqrt(k), M, nodes.nucleus, nodes.q, nodes.F_p, nodes.F_n)

    return hook


def model_hook(
    model: Mediator, g: ArrayLike, M: ArrayLike, *, loop_mixing: bool = False, mu: float | None = None
) -> Callable:
    """The hook of any mediator: :func:`vector_hook` for spin 1, :func:`scalar_model_hook` for spin 0.

    A vector boson's axial couplings enter only through the left-handed neutrino charge
    x_nu - a_nu: axial quark couplings give spin-dependent scattering, which is incoherent
    (it goes with the nuclear spin, not with Z and N) and is not included.  Of the
    targets, 40Ar has spin 0; for Cs, I and Xe the spin-dependent structure functions
    (e.g. Klos et al., arXiv:1304.7684, for Xe) are not among this library's data, and the
    term is suppressed relative to the coherent one by about (<S_N>/N)^2 < 1e-4 for |a_q| ~ |x_q|.
    """
    if isinstance(model, ScalarModel):
        if loop_mixing:
            raise ModelError("a scalar mediator has no kinetic mixing: loop_mixing must be False")
        return scalar_model_hook(model, g, M)
    return vector_hook(as_model(model).vector_part(), g, M, loop_mixing=loop_mixing, mu=mu)


@checks(Q="finite", Q_S="finite")
def dsigma_dT(E: ArrayLike, T: ArrayLike, nuc: Nucleus, Q: ArrayLike, Q_S: ArrayLike = 0.0) -> np.ndarray:
    """eqs. (3.1) + (3.24): G_F^2 M/pi [(1 - M T/(2 E^2)) Q^2 + M T/(4 E^2) Q_S^2] (GeV^-3).

    Zero beyond the kinematic end point T = 2 E^2/M.
    """
    E = validation.positive("neutrino energy E", E, "GeV")
    T = validation.nonnegative("recoil energy T", T, "GeV")
    kin = 1 - nuc.mass * T / (2 * E**2)
    rate = kin * np.asarray(Q) ** 2 + nuc.mass * T / (4 * E**2) * np.asarray(Q_S) ** 2
    return np.where(kin > 0, c.G_F**2 * nuc.mass / math.pi * rate, 0.0)


# --- flux-folded kernels --------------------------------------------------------------
#: Flux components of pi-DAR: (neutrino flavour in the weak charge, spectrum, timing).
COMPONENTS = {
    "nu_mu": ("mu", "prompt"),
    "nu_mubar": ("mu", "delayed"),
    "nu_e": ("e", "delayed"),
}

_GL_X, _GL_W = np.polynomial.legendre.leggauss(8)


@checks(T="recoil")
def flux_kernels(T: ArrayLike, nuc: Nucleus, component: str) -> tuple:
    """Flux averages of the two kinematic factors at recoil energies T (GeV), per unit eta.

    Returns (I_V, I_S) with I_V = int dE phi(E) (1 - M T/(2 E^2)) and
    I_S = int dE phi(E) M T/(4 E^2) over E > E_min = sqrt(M T/2), for the normalised spectrum
    phi of ``component`` (eqs. (2.1)-(2.3)).  phi(E)/E^2 is a polynomial for the muon-decay
    spectra, so 8-point Gauss-Legendre is exact.
    """
    if component not in COMPONENTS:
        raise InputError(f"unknown flux component {component!r}; use one of {tuple(COMPONENTS)}")
    T = np.asarray(T, dtype=float)
    M = nuc.mass
    E_min = np.sqrt(M * T / 2)
    if component == "nu_mu":
        on = E_NU_MU_PROMPT > E_min
        return (
            np.where(on, 1 - M * T / (2 * E_NU_MU_PROMPT**2), 0.0),
            np.where(on, M * T / (4 * E_NU_MU_PROMPT**2), 0.0),
        )
    spectrum = spectrum_numubar if component == "nu_mubar" else spectrum_nue
    lo = np.minimum(E_min, E_MAX)
    half = 0.5 * (E_MAX - lo)
    E = (lo + half)[..., None] + half[..., None] * _GL_X
    phi = spectrum(E) * half[..., None] * _GL_W
    Tn = T[..., None]
    return (np.sum(phi * (1 - M * Tn / (2 * E**2)), axis=-1), np.sum(phi * M * Tn / (4 * E**2), axis=-1))


@checks(g="nonnegative scalar", M="positive scalar", T_max="positive scalar")
def dip_recoil_energy(
    model: VectorModel,
    g: ArrayLike,
    M: ArrayLike,
    nuc: Nucleus,
    flavour: str,
    T_max: float | None = None,
    *,
    loop_mixing: bool = False,
    mu: float | None = None,
) -> float | None:
    """Recoil energy T (GeV) where Q_SM + Q_Z' = 0 for flavour l (eqs. (3.17), (3.18), (3.21)); None if no dip.

    Searched below ``T_max``, by default the pi-DAR end point 2 E_max^2/M (beyond it the
    form-factor zeros would also count as "dips").  ``loop_mixing``/``mu`` as in
    :func:`vector_hook` (needed for L_alpha - L_beta, eq. (3.21)).
    """
    T_max = 2 * E_MAX**2 / nuc.mass if T_max is None else T_max
    hook = vector_hook(model, g, M, loop_mixing=loop_mixing, mu=mu)

    def Q_total(T):
        nodes = Nodes.at(nuc, q_of_T(np.atleast_1d(T), nuc))
        return (nodes.weak_charge_sm(flavour) + hook(nodes, flavour)[0]).reshape(-1)

    grid = np.geomspace(1e-9, T_max, 400)
    vals = Q_total(grid)
    idx = np.nonzero(np.sign(vals[:-1]) != np.sign(vals[1:]))[0]
    if idx.size == 0:
        return None
    return optimize.brentq(lambda T: float(Q_total(T)[0]), grid[idx[0]], grid[idx[0] + 1], xtol=1e-15, rtol=1e-12)
