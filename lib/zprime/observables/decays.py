"""Partial widths, branching ratios and lifetime of a vector boson with any U(1)' charges.

A boson coupling as ``g x_f fbar gamma^mu f`` (vector couplings; :mod:`zprime.models`)
decays into

* three photons below 2 m_e (electron loop, :func:`width_3gamma`);
* charged leptons and heavy quarks, perturbatively (eq. (2.13) of Ilten et al.,
  arXiv:1801.04847)::

      Gamma(f fbar) = N_c g^2 x_f^2 m/(12 pi) (1 + 2 m_f^2/m^2) sqrt(1 - 4 m_f^2/m^2),

  with open-flavour thresholds m_c, m_b, m_t = 1.5, 4.8, 171 GeV;
* neutrinos: g^2 x_nu^2 m/(24 pi) per flavour for left-handed neutrinos, twice
  that with light right-handed partners of the same charge ("Dirac");
* light hadrons through vector-meson dominance (eqs. (2.15)-(2.18) of
  arXiv:1801.04847): for each exclusive final state F::

      Gamma(F) = g^2 m/(12 pi) { sum_V [c_V Tr(T_V Q_X)]^2 R_mu^{F,V}(m)
                                 + 2 [c_w Tr(T_w Q_X)] [c_phi Tr(T_phi Q_X)] R_mu^{F,w phi}(m) },

  Q_X = diag(x_u, x_d, x_s), T_rho = diag(1,-1,0)/2, T_omega = diag(1,1,0)/2,
  T_phi = diag(0,0,1)/sqrt2, (c_rho, c_omega, c_phi) = (2, 6, 3 sqrt2), and
  R_mu^{F,V} the data-driven decomposition of the e+e- R ratio shipped with
  DarkCast (held constant above its last point, 2 GeV).

Kinetic mixing enters through the charges: a tree-level ``model.eps`` as
x_f + eps e Q_f/g (needs ``g``), and with ``loop_mixing`` the one-loop mixing
at q^2 = m^2 (:func:`zprime.models.loop_kinetic_mixing`) as x_f + k(m) Q_f with
k = sign(Re k(0)) |e eps(m^2)/g| (on-shell rates go with the modulus).

Final-state names: ``e_e, mu_mu, tau_tau, nu_e, nu_mu, nu_tau, c_c, b_b, t_t``,
the hadronic states of :data:`HADRONIC_STATES`, and the groups ``hadrons``,
``neutrinos``, ``invisible`` (neutrinos + dark sector), ``visible`` and ``total``.
Masses and widths in GeV, lifetimes in GeV^-1 (divide by ``units.s``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from functools import cache, lru_cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import data, validation
from zprime.models import (
    CHARGED_LEPTONS,
    NEUTRINOS,
    Mediator,
    ModelError,
    ScalarModel,
    VectorModel,
    as_mediator,
    as_model,
    dark_photon,
    loop_kinetic_mixing,
)
from zprime.statistics.intervals import ExtrapolationWarning
from zprime.types import Real
from zprime.validation import InputError, InputTypeError, checks


class ModelWarning(UserWarning):
    """A width computed with a stated omission (e.g. light-quark loops of a scalar's gamma gamma width)."""


#: Diagonals of the U(3) generators of the light neutral mesons and of the photon
#: (quark order u, d, s), eq. (A.1) and (2.8) of arXiv:1801.04847.
GENERATORS = {
    "gamma": np.array([2.0, -1.0, -1.0]) / 3.0,
    "rho0": np.array([1.0, -1.0, 0.0]) / 2.0,
    "pi0": np.array([1.0, -1.0, 0.0]) / 2.0,
    "omega": np.array([1.0, 1.0, 0.0]) / 2.0,
    "phi": np.array([0.0, 0.0, 1.0]) / math.sqrt(2.0),
    "eta": np.array([1.0, 1.0, -1.0]) / math.sqrt(6.0),
    "eta'": np.array([1.0, 1.0, 2.0]) / (2.0 * math.sqrt(3.0)),
}
#: c_V of eq. (2.18) of arXiv:1801.04847: c_V Tr(T_V Q_gamma) = +-1 for the photon.
VMD_NORMALISATION = {"rho0": 2.0, "omega": 6.0, "phi": 3.0 * math.sqrt(2.0)}
#: Exclusive hadronic final states and the vector-meson components of their R ratio
#: (a pair means the omega-phi interference term).
HADRONIC_STATES = {
    "pi+_pi-": (("rho0",),),
    "pi+_pi-_pi+_pi-": (("rho0",),),
    "pi+_pi-_pi0_pi0": (("rho0",),),
    "pi+_pi-_pi0": (("omega",), ("phi",), ("omega", "phi")),
    "pi0_gamma": (("omega",),),
    "K_K": (("phi",),),
    "K_K_pi": (("phi",),),
    "other": (("rho0",), ("omega",), ("phi",)),
}
LEPTON_STATES = tuple(f"{l}_{l}" for l in CHARGED_LEPTONS)
HEAVY_QUARK_STATES = ("c_c", "b_b", "t_t")
NEUTRINO_STATES = NEUTRINOS
#: The dark fermion pair of a model's dark sector (:class:`zprime.models.DarkSector`).
DARK_STATES = ("chi_chi",)
#: gamma gamma is open to a scalar only (Landau-Yang), 3 gamma to a vector below 2 m_e only.
#: Hadrons through the axial quark current (:func:`width_axial_hadrons`), one inclusive channel.
AXIAL_HADRONS = "axial_hadrons"
VISIBLE_STATES = (
    LEPTON_STATES + HEAVY_QUARK_STATES + tuple(HADRONIC_STATES) + (AXIAL_HADRONS, "gamma_gamma_gamma", "gamma_gamma")
)
ALL_STATES = VISIBLE_STATES + NEUTRINO_STATES + DARK_STATES
GROUPS = ("hadrons", "neutrinos", "invisible", "visible", "total")
#: The axial spectral functions of hadronic tau decays as DarkCast 2023 ships them (light u - d and
#: strange; mass in GeV, dimensionless), used by :func:`width_axial_hadrons`.
AXIAL_SPECTRAL_FILES = {
    "u_d": "limits/darkcast/v2_2023_vendored/data/sf.u_d.a.dat",
    "s": "limits/darkcast/v2_2023_vendored/data/sf.s.a.dat",
}

_R_FILE = "limits/darkcast/v1_2022_philten/vmd/rf.{state}.{mesons}.dat"


def _mass(m: ArrayLike, name: str = "m") -> np.ndarray:
    return validation.positive(f"mass {name}", m, "GeV")


@checks(g="coupling", x_l="finite", m_l="nonnegative", a_l="finite")
def width_ll(
    g: ArrayLike, m: Real, x_l: ArrayLike, m_l: Real, n_c: int = 1, a_l: ArrayLike = 0.0
) -> np.ndarray | float:
    """Gamma(Z' -> f fbar) for a coupling g fbar gamma^mu (x_f + a_f gamma_5) f, fermion mass m_f (0 below threshold).

    N_c g^2 m/(12 pi) beta [x_f^2 (1 + 2 m_f^2/m^2) + a_f^2 beta^2], beta = sqrt(1 - 4 m_f^2/m^2):
    the vector term is eq. (2.13) of arXiv:1801.04847; the axial term follows from the same
    trace with gamma_5 (the vector and axial pieces do not interfere in the total rate).
    """
    m = _mass(m)
    if validation.count("n_c", n_c) not in (1, 3):
        raise validation.InputError(f"colour factor n_c must be 1 or 3, got {n_c!r}")
    validation.nonnegative("fermion mass m_l", m_l, "GeV")
    r = np.clip(4 * m_l**2 / m**2, 0.0, None)
    beta = np.sqrt(np.clip(1 - r, 0.0, None))
    kin = np.where(r < 1.0, (1 + r / 2) * beta, 0.0)
    out = n_c * np.asarray(g) ** 2 * np.asarray(x_l) ** 2 * m / (12 * np.pi) * kin
    if np.any(np.asarray(a_l) != 0):
        out = out + n_c * np.asarray(g) ** 2 * np.asarray(a_l) ** 2 * m / (12 * np.pi) * np.where(r < 1.0, beta**3, 0.0)
    return out if np.ndim(out) else float(out)


@checks(g="coupling", x_nu="finite", a_nu="finite")
def width_nunu(
    g: ArrayLike, m: ArrayLike, x_nu: ArrayLike, dirac: bool = False, a_nu: ArrayLike = 0.0
) -> np.ndarray | float:
    """Gamma(Z' -> nu nubar) of one flavour: g^2 m/(24 pi) [(x - a)^2 + (x + a)^2 (Dirac only)].

    The left-handed neutrino carries x - a, a light right-handed partner x + a; for a = 0 this
    is g^2 x^2 m/(24 pi), doubled for Dirac neutrinos.
    """
    m = _mass(m)
    x, a = np.asarray(x_nu), np.asarray(a_nu)
    if np.any(a != 0):
        chiral = (x - a) ** 2 + ((x + a) ** 2 if dirac else 0.0)
        out = np.asarray(g) ** 2 * chiral * m / (24 * np.pi)
    else:
        out = (2.0 if dirac else 1.0) * np.asarray(g) ** 2 * x**2 * m / (24 * np.pi)
    return out if np.ndim(out) else float(out)


@checks(g="coupling", x_e="finite")
def width_3gamma(g: ArrayLike, m: ArrayLike, x_e: ArrayLike) -> np.ndarray | float:
    """Gamma(Z' -> 3 gamma) through the electron loop, for m < 2 m_e (zero above).

    17 alpha^3 alpha_X m^9 / (2^7 3^6 5^2 pi^3 m_e^8), alpha_X = (g x_e)^2/(4 pi): the
    Euler-Heisenberg limit, Pospelov, Ritz, Voloshin, PRD 78 (2008) 115012.  It is the
    only SM channel below 2 m_e for a boson without neutrino couplings.
    """
    m = _mass(m)
    alpha_x = (np.asarray(g) * np.asarray(x_e)) ** 2 / (4 * np.pi)
    val = 17 * c.alpha_em**3 * alpha_x * m**9 / (2**7 * 3**6 * 5**2 * np.pi**3 * c.m_e**8)
    out = np.where(m < 2 * c.m_e, val, 0.0)
    return out if np.ndim(out) else float(out)


@checks(g="coupling", q_phi="finite", m_phi="nonnegative")
def width_scalar_pair(g: Real, m: Real, q_phi: Real, m_phi: ArrayLike) -> np.ndarray | float:
    """Gamma(Z' -> phi phi*) for a complex scalar of charge q_phi (GeV), eq. (23) of arXiv:2211.15686.

    (q_phi g)^2 m / (48 pi) (1 - 4 m_phi^2/m^2)^(3/2); zero below threshold.
    """
    m = _mass(m)
    m_phi = np.asarray(m_phi, dtype=float)
    beta2 = np.clip(1.0 - 4.0 * m_phi**2 / m**2, 0.0, None)
    return (q_phi * np.asarray(g, dtype=float)) ** 2 * m / (48 * np.pi) * beta2**1.5


@checks(y="coupling", m_f="nonnegative")
def width_scalar_ff(y: ArrayLike, m_s: ArrayLike, m_f: float, n_c: int = 1) -> np.ndarray:
    """Gamma(S -> f fbar) = N_c y^2 m_S/(8 pi) (1 - 4 m_f^2/m_S^2)^(3/2) for a Yukawa y S fbar f (GeV).

    The tree-level width of a CP-even scalar (e.g. eq. (2.6) of A. Djouadi, Phys. Rept. 457
    (2008) 1 [hep-ph/0503172] with m_f/v -> y).
    """
    m_s = _mass(m_s, "m_s")
    if validation.count("n_c", n_c) not in (1, 3):
        raise validation.InputError(f"colour factor n_c must be 1 or 3, got {n_c!r}")
    beta2 = np.clip(1.0 - 4.0 * m_f**2 / m_s**2, 0.0, None)
    return n_c * np.asarray(y, dtype=float) ** 2 * m_s / (8 * np.pi) * beta2**1.5


def _A_half(tau: np.ndarray) -> np.ndarray:
    """Complex fermion-loop amplitude A_1/2(tau) = 2 [tau + (tau - 1) f(tau)]/tau^2, tau = m_S^2/(4 m_f^2).

    f = arcsin^2 sqrt(tau) below threshold, -(1/4) [ln((1 + b)/(1 - b)) - i pi]^2 with
    b = sqrt(1 - 1/tau) above: eqs. (2.17)-(2.18) of hep-ph/0503172.  4/3 for tau -> 0.
    """
    tau = np.asarray(tau, dtype=float)
    small = tau < 1e-4
    t = np.where(small, 1e-4, tau)
    below = t <= 1.0
    f = np.empty(t.shape, dtype=complex)
    f[below] = np.arcsin(np.sqrt(t[below])) ** 2
    b = np.sqrt(1.0 - 1.0 / t[~below])
    f[~below] = -0.25 * (np.log((1 + b) / (1 - b)) - 1j * np.pi) ** 2
    out = 2.0 * (t + (t - 1.0) * f) / t**2
    # series for a light boson (tau -> 0): 4/3 + 14 tau/45 + ...
    return np.where(small, 4.0 / 3.0 + 14.0 * tau / 45.0, out)


#: Fermions whose loops give the scalar's gamma gamma width: charged leptons and heavy quarks.
#: Light quarks (u, d, s) are left out: their loop is hadronic, not perturbative (see :func:`width_scalar_gg`).
_GG_LOOP_FERMIONS = ("e", "mu", "tau", "c", "b", "t")


def width_scalar_gg(model: ScalarModel, m: ArrayLike, g: ArrayLike = 1.0) -> np.ndarray:
    """Gamma(S -> gamma gamma) of a scalar with Yukawas g y_f, through charged-fermion loops (GeV).

    alpha^2 m^3/(256 pi^3) |sum_f N_c Q_f^2 (g y_f / m_f) A_1/2(m^2/(4 m_f^2))|^2: eq. (2.16) of
    hep-ph/0503172 with 1/v -> g y_f/m_f (for y_f = m_f/v it is the Higgs width).  Charged
    leptons and c, b, t; the light quarks u, d, s are not included (below 2 m_pi their loop is
    a hadronic matrix element; :func:`partial_widths` warns when they couple).
    """
    mediator = as_mediator(model)
    if not isinstance(mediator, ScalarModel):
        raise ModelError(
            f"model {mediator.name!r} is a {mediator.spin} boson: gamma gamma needs a scalar (Landau-Yang)"
        )
    model = mediator
    m = _mass(m)
    g = np.asarray(validation.nonnegative("coupling g", g), dtype=float)
    amp = np.zeros(m.shape, dtype=complex)
    for f in _GG_LOOP_FERMIONS:
        y = model.y(f)
        if y != 0.0:
            mf = c.FERMION_MASS[f]
            amp = amp + c.FERMION_COLOURS[f] * c.FERMION_CHARGE[f] ** 2 * y / mf * _A_half(m**2 / (4 * mf**2))
    return c.alpha_em**2 * m**3 / (256 * np.pi**3) * g**2 * np.abs(amp) ** 2


@cache
def r_ratio_component(state: str, mesons: tuple[str, ...]):
    """(m [GeV], R_mu^{F,V}(m)) of one vector-meson component of a hadronic final state."""
    name = _R_FILE.format(state=state, mesons="_".join(mesons))
    m, r = data.load_curve(name)
    return m, r


def axial_spectral_function(flavour: str) -> tuple[np.ndarray, np.ndarray]:
    """(m [GeV], v_A(m)) of the light ("u_d") or strange ("s") axial spectral function
    (:data:`AXIAL_SPECTRAL_FILES`; 0.385-1.485 and 1.0-1.515 GeV)."""
    validation.choice("flavour", flavour, tuple(AXIAL_SPECTRAL_FILES))
    m, v = data.load_curve(AXIAL_SPECTRAL_FILES[flavour])
    return m, v


@checks(g="coupling")
def width_axial_hadrons(
    g: ArrayLike, m: ArrayLike, a_u: float, a_d: float, a_s: float, above_table: str = "warn"
) -> np.ndarray:
    """Gamma(boson -> hadrons) through the axial quark current g qbar gamma^mu gamma_5 a_q q (GeV).

    Eq. (2.11) of arXiv:2206.08563 (the hadronic axial width of DarkCast 2023):

        Gamma = g^2 m/(4 pi) [(a_u - a_d)^2 v_ud(m)
                + theta(m - 2 m_K0) a_s^2 (v_ud(m)/4 + v_s(m) - c_phi sqrt(v_ud(m) v_s(m)))],

    with v_ud, v_s the light and strange axial spectral functions of hadronic tau decays
    (:func:`axial_spectral_function`; zero below 0.385 and 1.0 GeV, where they start) and
    c_phi = :data:`zprime.constants.C_PHI_AXIAL`.  The isoscalar combination a_u + a_d has no
    light-hadron channel in this treatment.  Above the tables' ends (1.485, 1.515 GeV) the
    functions are held at their last value: ``above_table="warn"`` says so with an
    :class:`~zprime.statistics.ExtrapolationWarning`, ``"hold"`` silently, as for the vector R ratios.

    Parameters
    ----------
    g : array_like
        Gauge coupling.
    m : array_like
        Boson mass in GeV.
    a_u, a_d, a_s : float
        Axial charges of u, d, s.
    above_table : {"warn", "hold"}

    Returns
    -------
    ndarray
        The width in GeV, of the broadcast shape of g and m.

    Examples
    --------
    >>> from zprime.observables import decays
    >>> f"{decays.width_axial_hadrons(1.0, 1.2, 0.5, -0.5, 0.0):.4f}"   # (a_u - a_d)^2 = 1, in the a1 region
    '0.0880'
    """
    m = _mass(m)
    validation.choice("above_table", above_table, ("warn", "hold"))
    a_u, a_d, a_s = (validation.RULES["scalar"](k, v) for k, v in (("a_u", a_u), ("a_d", a_d), ("a_s", a_s)))
    m_ud, v_ud_t = axial_spectral_function("u_d")
    m_s, v_s_t = axial_spectral_function("s")
    used = [(m_ud, a_u != a_d or a_s != 0.0), (m_s, a_s != 0.0)]
    if above_table == "warn" and any(on and np.any(m > mt[-1]) for mt, on in used):
        warnings.warn(
            f"axial hadronic widths above {min(mt[-1] for mt, on in used if on):g} GeV use the spectral functions "
            "at the end of their tables (pass above_table='hold' to accept this)",
            ExtrapolationWarning,
            stacklevel=2,
        )
    v_ud = np.interp(m, m_ud, v_ud_t, left=0.0)
    v_s = np.interp(m, m_s, v_s_t, left=0.0)
    strange = np.where(m > 2 * c.m_K0, v_ud / 4 + v_s - c.C_PHI_AXIAL * np.sqrt(v_ud * v_s), 0.0)
    return np.asarray(g) ** 2 * m / (4 * np.pi) * ((a_u - a_d) ** 2 * v_ud + a_s**2 * strange)


def decay_charges(
    model: VectorModel,
    m: ArrayLike,
    g: ArrayLike | None = None,
    loop_mixing: bool | VectorModel = False,
    mu: float | None = None,
) -> dict[str, np.ndarray]:
    """Effective vector charges x_f(m) entering decays and production at mass m.

    ``g`` is needed only for a tree-level ``model.eps`` (then x_f + eps e Q_f/g).
    ``loop_mixing=True`` adds the one-loop mixing of the model's own charges at
    q^2 = m^2; a :class:`VectorModel` uses that model's loop instead (to mimic a
    convention in which another model's loop function is used).
    """
    model = as_model(model)
    m = _mass(m)
    if model.eps != 0.0:
        if g is None:
            raise ModelError(
                f"model {model.name!r} has tree-level kinetic mixing eps = {model.eps:g}; "
                "its charges depend on g, pass g (or put the mixing into the charges)"
            )
        out = {f: np.broadcast_to(np.asarray(model.x_eff(f, g), dtype=float), m.shape) * 1.0 for f in model.charges}
    else:
        out = {f: np.full(m.shape, model.x(f)) for f in model.charges}
    if loop_mixing is not False and loop_mixing is not None:
        source = model if loop_mixing is True else loop_mixing
        if not isinstance(source, VectorModel):
            raise ModelError("loop_mixing must be True, False or a VectorModel")
        k = c.e_em * loop_kinetic_mixing(source, 1.0, m * m, mu=mu, complex_valued=True)
        k0 = c.e_em * loop_kinetic_mixing(source, 1.0, 0.0, mu=mu)
        k = np.sign(k0 if k0 != 0 else 1.0) * np.abs(k)
        for f in out:
            out[f] = out[f] + k * c.FERMION_CHARGE[f]
    return out


@lru_cache(maxsize=1)
def dark_photon_reference() -> VectorModel:
    """The dark photon x_f = e Q_f (no neutrino coupling), the reference model of all limits."""
    return dark_photon(nu_R=False)


def _trace(t, x):
    """Tr(T Q_X) for a generator diagonal t and charges {u, d, s: arrays}."""
    return t[0] * x["u"] + t[1] * x["d"] + t[2] * x["s"]


def partial_widths(
    model: Mediator,
    m: ArrayLike,
    g: ArrayLike = 1.0,
    dirac: bool | None = None,
    loop_mixing: bool | VectorModel = False,
    mu: float | None = None,
    above_table: str = "warn",
) -> dict[str, np.ndarray]:
    """Every partial width of :data:`ALL_STATES` (GeV), arrays over ``m``.

    ``dirac`` (right-handed neutrinos lighter than m/2 with the charge of the
    left-handed ones) defaults to the model's ``nu_R`` flag.  Above the last point of the
    R-ratio tables (2 GeV) the hadronic widths use the value there: ``above_table="warn"``
    says so with an :class:`zprime.statistics.ExtrapolationWarning`, ``"hold"`` does it
    silently (DarkCast's convention, which the recast follows on purpose).

    Parameters
    ----------
    model : VectorModel
    m : array_like, shape (n,)
        Boson masses in GeV.
    g : array_like
        Gauge coupling (widths scale as g^2).
    dirac : bool, optional
        Light right-handed neutrinos (default: ``model.nu_R``).
    loop_mixing : bool or VectorModel
        Add the one-loop kinetic mixing of the model (or of another model's charges).
    mu : float, optional
        Scale (GeV) of a divergent loop mixing.
    above_table : {"warn", "hold"}
        Hadronic widths above 2 GeV (see above).

    Returns
    -------
    dict of str to ndarray
        Gamma (GeV) per final state of :data:`ALL_STATES`, each of shape (n,).

    Examples
    --------
    >>> from zprime import models
    >>> from zprime.observables import decays
    >>> pw = decays.partial_widths(models.get_model("B-L"), [0.05], 1e-5)
    >>> {k: f"{v[0]:.3g}" for k, v in pw.items() if v[0] > 0}   # GeV; Dirac neutrinos
    {'e_e': '1.33e-13', 'nu_e': '1.33e-13', 'nu_mu': '1.33e-13', 'nu_tau': '1.33e-13'}
    """
    mediator = as_mediator(model)
    m = _mass(m)
    g = validation.nonnegative("coupling g", g)
    dirac = mediator.nu_R if dirac is None else validation.strict_bool("dirac", dirac)
    validation.choice("above_table", above_table, ("warn", "hold"))
    if isinstance(mediator, ScalarModel):
        if loop_mixing is not False:
            raise ModelError("a scalar mediator has no kinetic mixing: loop_mixing must be False")
        out = _scalar_widths(mediator, m, g, dirac)
    else:
        out = _vector_widths(as_model(mediator), m, g, dirac, loop_mixing, mu, above_table)
    out["chi_chi"] = _dark_width(mediator, m, g, out)
    return {k: np.asarray(out[k], dtype=float) * np.ones(m.shape) for k in ALL_STATES}


def _dark_width(model: Mediator, m: np.ndarray, g, sm: dict) -> np.ndarray:
    """Gamma(boson -> chi chibar) of the model's dark sector (0 without one).

    chi a Dirac fermion: :func:`width_ll` (coupling g x_chi or g_chi, vector) for a spin-1
    boson, :func:`width_scalar_ff` for a scalar; a fixed BR_inv gives BR/(1 - BR) times the
    sum of the SM widths ``sm``.
    """
    d = model.dark
    if d is None:
        return np.zeros(m.shape)
    if d.br_invisible is not None:
        total = np.zeros(m.shape)
        for v in sm.values():
            total = total + np.asarray(v, dtype=float)
        return d.br_invisible / (1.0 - d.br_invisible) * total
    g_chi = np.asarray(g, dtype=float) * d.x_chi if d.x_chi is not None else np.full(m.shape, d.g_chi)
    g_chi = np.abs(g_chi)
    if model.spin == "scalar":
        return width_scalar_ff(g_chi, m, d.m_chi)
    return np.asarray(width_ll(g_chi, m, 1.0, d.m_chi), dtype=float)


def _scalar_widths(model: ScalarModel, m: np.ndarray, g, dirac: bool) -> dict:
    """Partial widths of a CP-even scalar (GeV): leptons, heavy quarks and neutrinos at tree level
    (:func:`width_scalar_ff`), gamma gamma through loops (:func:`width_scalar_gg`).

    Hadrons: below 2 m_pi a scalar has no hadronic decay; above it, with Yukawas to u, d or s,
    the hadronic widths need a treatment (chiral perturbation theory / dispersive, published
    for Higgs-like couplings only, e.g. arXiv:1809.01876) that is not implemented: that raises.
    """
    light = [q for q in ("u", "d", "s") if model.y(q) != 0.0]
    if light and np.any(m > 2 * c.m_pi):
        raise ModelError(
            f"model {model.name!r}: scalar decays into hadrons (Yukawas to {light}, m > 2 m_pi = "
            f"{2 * c.m_pi:.3f} GeV) have no published treatment for generic Yukawa couplings in this library; "
            "widths are available below 2 m_pi"
        )
    if light:
        warnings.warn(
            f"model {model.name!r}: the gamma gamma width leaves out the {light} quark loops (hadronic below 2 m_pi)",
            ModelWarning,
            stacklevel=3,
        )
    out: dict = dict.fromkeys(ALL_STATES, 0.0)
    for l in CHARGED_LEPTONS:
        out[f"{l}_{l}"] = width_scalar_ff(g * abs(model.y(l)), m, c.FERMION_MASS[l])
    for q in ("c", "b", "t"):
        out[f"{q}_{q}"] = width_scalar_ff(g * abs(model.y(q)), m, c.HEAVY_QUARK_THRESHOLD_MASS[q], n_c=3)
    out["gamma_gamma"] = width_scalar_gg(model, m, g)
    for nu in NEUTRINOS:  # Dirac only (a neutrino Yukawa needs nu_R)
        out[nu] = width_scalar_ff(g * abs(model.y(nu)), m, 0.0) if dirac else np.zeros(m.shape)
    return out


def _vector_widths(model: VectorModel, m: np.ndarray, g, dirac: bool, loop_mixing, mu, above_table: str) -> dict:
    """Partial widths of a spin-1 boson (GeV): the module doc, plus the axial terms of
    :func:`width_ll` and :func:`width_nunu`."""
    x = decay_charges(model, m, g if model.eps != 0.0 else None, loop_mixing, mu)
    out: dict = dict.fromkeys(ALL_STATES, 0.0)
    if any(model.a(q) != 0.0 for q in ("u", "d", "s")):
        out[AXIAL_HADRONS] = width_axial_hadrons(g, m, model.a("u"), model.a("d"), model.a("s"), above_table)
    for l in CHARGED_LEPTONS:
        out[f"{l}_{l}"] = width_ll(g, m, x[l], c.FERMION_MASS[l], a_l=model.a(l))
    for q in ("c", "b", "t"):
        out[f"{q}_{q}"] = width_ll(g, m, x[q], c.HEAVY_QUARK_THRESHOLD_MASS[q], n_c=3, a_l=model.a(q))
    amp = {v: VMD_NORMALISATION[v] * _trace(GENERATORS[v], x) for v in VMD_NORMALISATION}
    if above_table == "warn" and any(np.any(np.asarray(a) != 0) for a in amp.values()):
        top = max(r_ratio_component(st, ms)[0][-1] for st, comps in HADRONIC_STATES.items() for ms in comps)
        if np.any(m > top):
            warnings.warn(
                f"hadronic widths above {top:g} GeV use the R ratios at the end of their tables "
                "(pass above_table='hold' to accept this)",
                ExtrapolationWarning,
                stacklevel=3,
            )
    for state, comps in HADRONIC_STATES.items():
        acc = np.zeros(m.shape)
        for mesons in comps:
            mt, rt = r_ratio_component(state, mesons)
            coef = amp[mesons[0]] ** 2 if len(mesons) == 1 else 2.0 * amp[mesons[0]] * amp[mesons[1]]
            acc = acc + coef * np.interp(m, mt, rt)
        # |sum_V a_V A_V|^2 >= 0, but the tabulated omega-phi interference of the 3 pi channel
        # exceeds sqrt(R_omega R_phi) in places (0.98-1.48 GeV), so a model whose omega and phi
        # amplitudes have the opposite relative sign to the photon's (B - L, B, ...) would get a
        # negative width there (-1e-4 of the total for B - L at 1.008 GeV).  A width is never
        # negative: the channel is closed where the sum is.  The dark photon is untouched.
        out[state] = g**2 * m / (12 * np.pi) * np.clip(acc, 0.0, None)
    out["gamma_gamma_gamma"] = width_3gamma(g, m, x["e"])  # C-odd: no axial contribution
    for nu in NEUTRINOS:
        out[nu] = width_nunu(g, m, x[nu], dirac, a_nu=model.a(nu))
    return out


def _expand(states) -> tuple[str, ...]:
    if isinstance(states, str):
        states = (states,)
    try:
        states = tuple(states)
    except TypeError:
        raise InputTypeError(f"states must be a final-state name or a sequence of names, got {states!r}") from None
    out = []
    for s in states:
        if s == "hadrons":
            out += list(HADRONIC_STATES) + [AXIAL_HADRONS]
        elif s == "neutrinos":
            out += list(NEUTRINO_STATES)
        elif s == "invisible":
            out += list(NEUTRINO_STATES + DARK_STATES)
        elif s == "visible":
            out += list(VISIBLE_STATES)
        elif s == "total":
            out += list(ALL_STATES)
        elif s in ALL_STATES:
            out.append(s)
        else:
            raise InputError(f"states: unknown final state {s!r}; known: {ALL_STATES + GROUPS}")
    return tuple(dict.fromkeys(out))


@checks(dark_width="nonnegative scalar")
def sum_widths(
    pw: dict, states: str | Sequence[str], *, dark_width: float = 0.0, total_states: Sequence[str] | None = None
) -> np.ndarray | float:
    """Sum of the partial widths ``pw`` (from :func:`partial_widths`) of ``states`` (names or groups).

    ``dark_width`` adds an invisible dark-sector width equal to that multiple of
    the SM width (of ``total_states``, default all SM channels); it counts in
    ``invisible`` and ``total``.
    """
    channels = _expand(states)  # validates the names
    names = (states,) if isinstance(states, str) else tuple(states)
    total_sm = sum(pw[s] for s in _expand(total_states or "total") if s not in DARK_STATES)
    out = sum(pw[s] for s in channels) if names else np.zeros_like(total_sm)
    if dark_width and any(s in ("invisible", "total") for s in names):
        out = out + dark_width * total_sm
    return out


@checks(dark_width="nonnegative scalar")
def ratio_of_widths(
    pw: dict, states: str | Sequence[str], *, dark_width: float = 0.0, total_states: Sequence[str] | None = None
) -> np.ndarray:
    """Branching fraction Gamma(states)/Gamma(total) from partial widths ``pw`` (0 where the total vanishes).

    With ``total_states`` the total is restricted to those channels (plus the dark width).
    """
    num = sum_widths(pw, states, dark_width=dark_width, total_states=total_states)
    if total_states is None:
        den = sum_widths(pw, "total", dark_width=dark_width)
    else:
        den = (1.0 + dark_width) * sum_widths(pw, total_states, total_states=total_states)
    return np.divide(num, den, out=np.zeros_like(np.asarray(den, dtype=float)), where=den > 0)


@checks(dark_width="nonnegative scalar")
def width(
    model: VectorModel,
    states: str | Sequence[str],
    m: ArrayLike,
    g: ArrayLike = 1.0,
    *,
    dark_width: float = 0.0,
    total_states: Sequence[str] | None = None,
    **kw,
) -> np.ndarray | float:
    """Width of the boson into ``states``, the sum of their partial widths (GeV).

    Parameters
    ----------
    model : VectorModel
    states : str or sequence of str
        Final-state names or groups of :data:`ALL_STATES` (e.g. ``"e_e"``, ``"invisible"``).
    m : array_like, shape (n,)
        Boson masses in GeV.
    g : array_like
        Gauge coupling; widths scale as g^2.
    dark_width : float
        An extra width into a dark sector at g = 1 (GeV), see :func:`sum_widths`.
    total_states : sequence of str, optional
        Used by :func:`sum_widths` only for groups relative to a total.
    **kw
        Passed to :func:`partial_widths` (``dirac``, ``loop_mixing``, ``mu``, ``above_table``).

    Returns
    -------
    ndarray or float
        Gamma in GeV, shape of ``m``.

    Examples
    --------
    >>> from zprime import models
    >>> from zprime.observables import decays
    >>> print(f"{float(decays.width(models.get_model('B-L'), 'e_e', 0.05, 1e-5)):.4g}")   # GeV
    1.326e-13
    """
    return sum_widths(
        partial_widths(as_mediator(model), m, g, **kw), states, dark_width=dark_width, total_states=total_states
    )


@checks(dark_width="nonnegative scalar")
def branching_ratio(
    model: VectorModel,
    states: str | Sequence[str],
    m: ArrayLike,
    *,
    dark_width: float = 0.0,
    total_states: Sequence[str] | None = None,
    **kw,
) -> np.ndarray:
    """Branching ratio Gamma(states)/Gamma(total) (0 where the total width vanishes).

    Parameters
    ----------
    model : VectorModel
    states : str or sequence of str
        Final-state names or groups (see :func:`width`).
    m : array_like, shape (n,)
        Boson masses in GeV.
    dark_width : float
        An extra width into a dark sector at g = 1 (GeV), added to the total.
    total_states : sequence of str, optional
        The states that make up the total (default: all of :data:`ALL_STATES`).
    **kw
        Passed to :func:`partial_widths`.

    Returns
    -------
    ndarray
        Shape of ``m``; independent of g (all widths scale as g^2).

    Examples
    --------
    >>> from zprime import models
    >>> from zprime.observables import decays
    >>> print(f"{float(decays.branching_ratio(models.get_model('B-L'), 'e_e', 0.05)):.3f}")   # e e : 3 Dirac nu
    0.250
    """
    return ratio_of_widths(partial_widths(model, m, **kw), states, dark_width=dark_width, total_states=total_states)


def lifetime(model: VectorModel, m: ArrayLike, g: ArrayLike, **kw) -> np.ndarray:
    """Proper lifetime 1/Gamma_total of the boson.

    Parameters
    ----------
    model : VectorModel
    m : array_like, shape (n,)
        Boson masses in GeV.
    g : array_like
        Gauge coupling (> 0; g = 0 gives an infinite lifetime).
    **kw
        Passed to :func:`partial_widths`.

    Returns
    -------
    ndarray
        tau in GeV^-1, shape of ``m`` (divide by :data:`zprime.units.s` for seconds).

    Examples
    --------
    >>> from zprime import models, units
    >>> from zprime.observables import decays
    >>> tau = decays.lifetime(models.get_model("B-L"), 0.05, 1e-5)
    >>> print(f"{float(tau) / units.s:.3g} s")
    1.24e-12 s
    """
    tot = width(model, "total", m, g, **kw)
    with np.errstate(divide="ignore"):
        return np.where(tot > 0, 1.0 / np.where(tot > 0, tot, 1.0), np.inf)


@checks(g="coupling", m="mass")
def leptonic_widths(model: VectorModel, g: ArrayLike, m: ArrayLike, dirac: bool | None = None) -> dict[str, np.ndarray]:
    """Widths into each charged-lepton pair and each neutrino flavour (kinetic mixing included).

    ``dirac`` defaults to the model's ``nu_R`` flag.
    """
    model = as_model(model)
    dirac = model.nu_R if dirac is None else dirac
    out = {l: width_ll(g, m, model.x_eff(l, g), c.FERMION_MASS[l]) for l in CHARGED_LEPTONS}
    out.update({nu: width_nunu(g, m, model.x(nu), dirac) for nu in NEUTRINOS})
    return out
