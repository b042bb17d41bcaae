"""One-loop contribution of a light boson to the lepton anomalous magnetic moment.

For a neutral boson of mass M coupling to a lepton l of mass m through

    vector / axial:  g lbar gamma^mu (q_V + q_A gamma_5) l X_mu
    scalar / pseudo: y_S lbar l phi + i y_P lbar gamma_5 l phi

the one-loop result (J. P. Leveille, Nucl. Phys. B137 (1978) 63; F. Jegerlehner
and A. Nyffeler, Phys. Rept. 477 (2009) 1, sect. 7) with r = M^2/m^2 is

    Delta a_V = g^2 q_V^2 /(8 pi^2) int_0^1 dx 2 x^2 (1-x) / [x^2 + (1-x) r]
    Delta a_A = g^2 q_A^2 /(8 pi^2) int_0^1 dx [2 x (1-x)(x-4) - 4 x^3 / r] / [x^2 + (1-x) r]
    Delta a_S = y_S^2   /(8 pi^2) int_0^1 dx x^2 (2-x)    / [x^2 + (1-x) r]
    Delta a_P = -y_P^2  /(8 pi^2) int_0^1 dx x^3          / [x^2 + (1-x) r]

The vector and scalar lines are eqs. (B.2)-(B.3) of Atzori Corona et al.
(arXiv:2202.11002); the limits m << M and m >> M of the vector and axial lines
are eq. (2.5) of Greljo et al. (arXiv:2203.13731).

All masses in GeV; every function broadcasts over its array arguments.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import validation
from zprime.constants import DELTA_A_MU_2021, DELTA_A_MU_2025, Measurement
from zprime.models import VectorModel, as_model
from zprime.types import Real
from zprime.validation import InputError, checks

__all__ = [
    "delta_a",
    "delta_a_vector",
    "delta_a_axial",
    "delta_a_scalar",
    "delta_a_pseudoscalar",
    "delta_a_model",
    "coupling_for_delta_a",
    "coupling_bound",
    "DELTA_A_MU",
    "DELTA_A_MU_2021",
    "DELTA_A_MU_2025",
]

#: Named values of Delta a_mu = a_mu(exp) - a_mu(SM); see :mod:`zprime.constants` for sources.
DELTA_A_MU: dict[str, Measurement] = {"2021": DELTA_A_MU_2021, "2025": DELTA_A_MU_2025}

LEPTON_MASS = {"e": c.m_e, "mu": c.m_mu, "tau": c.m_tau}

# Gauss-Legendre rule on sub-intervals.  The integrands are smooth on [0, 1] but vary
# on the scales x ~ sqrt(r) (light boson) and 1 - x ~ 1/r (heavy boson); splitting
# [0, 1] at those points keeps a fixed-order rule accurate to ~1e-12 relative for
# any r (checked against adaptive quadrature in the tests).
_N, _W = np.polynomial.legendre.leggauss(24)
_GEOM = 4.0 ** np.arange(-1, 13)  # geometric break points in units of the scale


def _integrate(kernel, r):
    """int_0^1 kernel(x, r) dx, vectorised over r (array), piecewise Gauss-Legendre."""
    r = np.asarray(r, dtype=float)
    s = np.sqrt(r)[..., None]
    rr = r[..., None]
    # geometric break points above x ~ sqrt(r) and below 1 - x ~ 1/r, sorted per element
    pts = np.concatenate([s * _GEOM, 1.0 - _GEOM / rr, np.broadcast_to([0.0, 0.5, 1.0], s.shape[:-1] + (3,))], axis=-1)
    edges = np.sort(np.clip(pts, 0.0, 1.0), axis=-1)
    lo, hi = edges[..., :-1], edges[..., 1:]
    half = 0.5 * (hi - lo)
    x = lo[..., None] + half[..., None] * (_N + 1.0)
    vals = kernel(x, rr[..., None])
    return np.sum(half * np.sum(_W * vals, axis=-1), axis=-1)


# The Feynman-parameter integrands of Delta a_l (kernel(x, r), r = m_boson^2/m_l^2) for each coupling type.
_KERNELS = {
    "vector": lambda x, r: 2 * x**2 * (1 - x) / (x**2 + (1 - x) * r),
    "axial": lambda x, r: (2 * x * (1 - x) * (x - 4) - 4 * x**3 / r) / (x**2 + (1 - x) * r),
    "scalar": lambda x, r: x**2 * (2 - x) / (x**2 + (1 - x) * r),
    "pseudoscalar": lambda x, r: x**3 / (x**2 + (1 - x) * r),
}


@lru_cache(maxsize=1024)
def _integral_at(kind: str, r: float) -> float:
    return float(_integrate(_KERNELS[kind], r))


def _integral(kind: str, r: np.ndarray):
    """The integral of ``kind``'s kernel at r; a single mass is cached (fits call it at one mass many times)."""
    return _integral_at(kind, float(r)) if np.ndim(r) == 0 else _integrate(_KERNELS[kind], r)


def _ratio(m_boson, lepton):
    try:
        m_l = LEPTON_MASS[lepton]
    except KeyError:
        raise InputError(f"unknown lepton {lepton!r}; use one of {sorted(LEPTON_MASS)}") from None
    return (validation.positive("mass m_boson", m_boson, "GeV") / m_l) ** 2


def _coupling(g, what="coupling g"):
    return validation.finite(what, g)


def _out(x):
    return x if np.ndim(x) else float(x)


def delta_a_vector(g: ArrayLike, m_boson: ArrayLike, lepton: str = "mu") -> np.ndarray | float:
    """One-loop Delta a_l of a vector boson with coupling g to lepton l, eqs. (B.2)-(B.3) of arXiv:2202.11002.

    Delta a_l = g^2/(4 pi^2) int_0^1 dx x^2 (1 - x) / (x^2 + (1 - x) m_boson^2/m_l^2).

    Parameters
    ----------
    g : array_like
        Vector coupling to the lepton (the charge q_V absorbed), dimensionless.
    m_boson : array_like
        Boson mass in GeV (> 0); broadcasts with ``g``.
    lepton : {"e", "mu", "tau"}

    Returns
    -------
    ndarray or float
        Delta a_l (dimensionless, > 0), of the broadcast shape.

    Examples
    --------
    >>> from zprime.observables import gm2
    >>> print(f"{gm2.delta_a_vector(1e-3, 0.01):.4g}")   # g = 1e-3, 10 MeV, muon
    9.912e-09
    """
    r = _ratio(m_boson, lepton)
    integ = _integral("vector", r)
    return _out(_coupling(g) ** 2 / (8 * np.pi**2) * integ)


def delta_a_axial(g: ArrayLike, m_boson: ArrayLike, lepton: str = "mu") -> np.ndarray | float:
    """Delta a_l of an axial coupling g (q_A = 1 absorbed); negative; cf. eq. (2.5) of arXiv:2203.13731."""
    r = _ratio(m_boson, lepton)
    integ = _integral("axial", r)
    return _out(_coupling(g) ** 2 / (8 * np.pi**2) * integ)


def delta_a_scalar(y: ArrayLike, m_boson: ArrayLike, lepton: str = "mu") -> np.ndarray | float:
    """Delta a_l of a scalar Yukawa y, eqs. (B.2)-(B.3) of arXiv:2202.11002."""
    r = _ratio(m_boson, lepton)
    integ = _integral("scalar", r)
    return _out(_coupling(y, "coupling y") ** 2 / (8 * np.pi**2) * integ)


def delta_a_pseudoscalar(y: ArrayLike, m_boson: ArrayLike, lepton: str = "mu") -> np.ndarray:
    """Delta a_l of a pseudoscalar Yukawa y (negative)."""
    r = _ratio(m_boson, lepton)
    integ = _integral("pseudoscalar", r)
    return _out(-(_coupling(y, "coupling y") ** 2) / (8 * np.pi**2) * integ)


@checks(g="coupling", q_V="scalar", q_A="scalar", y_S="scalar", y_P="scalar")
def delta_a(
    m_boson: ArrayLike,
    *,
    g: ArrayLike = 1.0,
    q_V: ArrayLike = 0.0,
    q_A: ArrayLike = 0.0,
    y_S: ArrayLike = 0.0,
    y_P: ArrayLike = 0.0,
    lepton: str = "mu",
) -> float:
    """Sum of the vector (g q_V), axial (g q_A), scalar (y_S) and pseudoscalar (y_P) pieces."""
    _ratio(m_boson, lepton)  # validates the mass and the lepton
    out = np.zeros(np.shape(m_boson))
    if q_V:
        out = out + delta_a_vector(np.asarray(g) * q_V, m_boson, lepton)
    if q_A:
        out = out + delta_a_axial(np.asarray(g) * q_A, m_boson, lepton)
    if y_S:
        out = out + delta_a_scalar(y_S, m_boson, lepton)
    if y_P:
        out = out + delta_a_pseudoscalar(y_P, m_boson, lepton)
    return _out(out)


@checks(g="coupling")
def delta_a_model(model: VectorModel | str, g: ArrayLike, m_boson: ArrayLike, lepton: str = "mu") -> np.ndarray | float:
    """Delta a_l of a model's boson: :func:`delta_a_vector` with the coupling g x_l.

    Parameters
    ----------
    model : VectorModel or str
        A model or a name known to :func:`zprime.models.get_model`; its tree-level kinetic
        mixing enters through x_l -> x_l + eps e Q_l / g.
    g : array_like
        Gauge coupling (>= 0).
    m_boson : array_like
        Boson mass in GeV.
    lepton : {"e", "mu", "tau"}

    Returns
    -------
    ndarray or float
        Delta a_l, of the broadcast shape of ``g`` and ``m_boson``.

    Examples
    --------
    >>> from zprime.observables import gm2
    >>> print(f"{gm2.delta_a_model('L_mu-L_tau', 5e-4, 0.01):.4g}")
    2.478e-09
    """
    model = as_model(model)
    return delta_a_vector(np.asarray(g) * model.x_eff(lepton, g), m_boson, lepton)


@checks(delta="positive", charge="scalar")
def coupling_for_delta_a(
    delta: Real, m_boson: ArrayLike, charge: Real = 1.0, lepton: str = "mu", delta_a_unit: ArrayLike | None = None
) -> np.ndarray | float:
    """Coupling g with Delta a_l(g, M) = delta (> 0), for Delta a = g^2 Delta a(1, M).

    By default a vector coupling g * charge (Delta a(1, M) = ``delta_a_vector(charge, M)``, > 0);
    ``delta_a_unit`` gives Delta a at g = 1 of any other coupling structure (axial, scalar,
    combinations), positive, broadcasting with ``m_boson``; ``charge`` then stays 1.
    """
    delta = np.asarray(delta, dtype=float)
    if charge == 0:
        raise InputError("the boson does not couple to this lepton (charge 0)")
    if delta_a_unit is None:
        unit = np.asarray(delta_a_vector(1.0, m_boson, lepton))
    else:
        _ratio(m_boson, lepton)
        unit = validation.positive("delta_a_unit", delta_a_unit)
    return _out(np.sqrt(delta / unit) / abs(charge))


@checks(charge="scalar", n_sigma="positive scalar")
def coupling_band(
    measurement: Measurement,
    m_boson: ArrayLike,
    charge: ArrayLike = 1.0,
    n_sigma: float = 2.0,
    lepton: str = "mu",
    delta_a_unit: ArrayLike | None = None,
) -> tuple:
    """The couplings that explain a (g-2) measurement: Delta a_l(g charge, M) in value +- n_sigma sigma.

    The library's one (g-2) band.

    Parameters
    ----------
    measurement : Measurement
        Delta a_l with its 1-sigma error (e.g. :data:`zprime.constants.DELTA_A_MU_2021`).
    m_boson : array_like, shape (n,)
        Boson masses in GeV.
    charge : array_like
        The lepton's charge x_l (the coupling to the lepton is g x_l).
    n_sigma : float
        Half-width of the band in standard deviations.
    lepton : {"e", "mu", "tau"}
    delta_a_unit : array_like, optional
        Delta a_l at g = 1 (> 0, shape (n,)) for a coupling structure other than a vector
        charge (axial + vector, scalar): see :func:`coupling_for_delta_a`.

    Returns
    -------
    (g_lo, g_hi) : tuple of ndarray, shape (n,)
        g_lo = 0 where the interval reaches Delta a <= 0 (the measurement is then only an
        upper bound).

    Raises
    ------
    InputError
        For a measurement entirely below zero (a vector boson cannot explain it).

    Examples
    --------
    >>> from zprime import constants as c
    >>> from zprime.observables import gm2
    >>> lo, hi = gm2.coupling_band(c.DELTA_A_MU_2021, [0.01, 0.1])
    >>> print(f"{lo[0]:.3g} < g < {hi[0]:.3g} at 10 MeV")
    0.000366 < g < 0.00061 at 10 MeV
    """
    if not isinstance(measurement, Measurement):
        raise validation.InputTypeError(
            f"measurement must be a zprime.constants.Measurement (e.g. DELTA_A_MU_2021), got {measurement!r}"
        )
    lo, hi = measurement.band(n_sigma)
    if hi <= 0:
        raise InputError(f"Delta a = {measurement.value:g} +- {n_sigma} sigma is negative: no vector-boson band")
    g_hi = coupling_for_delta_a(hi, m_boson, charge, lepton, delta_a_unit)
    g_lo = (
        coupling_for_delta_a(lo, m_boson, charge, lepton, delta_a_unit)
        if lo > 0
        else np.zeros_like(np.asarray(g_hi, float))
    )
    return _out(g_lo), g_hi


@checks(delta_max="positive", q_V="finite", q_A="finite")
def coupling_bound(
    delta_max: ArrayLike, m_boson: ArrayLike, *, q_V: ArrayLike = 0.0, q_A: ArrayLike = 0.0, lepton: str = "mu"
) -> float:
    """g with |Delta a_l(g q_V, g q_A, M)| = delta_max (> 0): the bound g < this for a one-sided limit.

    The full one-loop result is used, so for an axial electron coupling and M >> m_e it
    reproduces g < (M/m_e) sqrt(12 pi^2 delta_max/5), eq. (5.6) of arXiv:2203.13731.
    """
    delta_max = np.asarray(delta_max, dtype=float)
    unit = np.abs(np.asarray(delta_a(m_boson, g=1.0, q_V=q_V, q_A=q_A, lepton=lepton)))
    if np.any(unit == 0):
        raise InputError("no coupling to this lepton (q_V = q_A = 0)")
    return _out(np.sqrt(delta_max / unit))
