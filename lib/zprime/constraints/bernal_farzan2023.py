"""The bounds of Bernal and Farzan (arXiv:2211.15686) on Lmu + Ltau - c (B1 + B2) - 2 B3 (1 - c).

At fixed c and tan eta = eps^n/eps^p the kinetic mixing is a = e eps/g = c (1 - 1/tan eta)
(:func:`zprime.models.bernal_farzan2023_mixing`) and the model's couplings scale with g
(:func:`zprime.models.bernal_farzan2023` with ``tan_eta``).  Upper bounds on g_Z' per mass
(:func:`upper_bounds`), each as the paper states it and, where the library has one, as our recast:

* NA48/2 (pi0 -> gamma Z', Z' -> e e), the paper's prescription: [eps - c g/(5 e)]^2 Br(e e) below the
  dark-photon limit, i.e. g < e eps_lim / (|a - c/5| sqrt(Br(e e))) (sect. III B);
* NA64 (invisible), the paper's prescription: (e eps)^2 Br(inv)/Br(inv)_{B-L} below the B - L limit;
* Borexino: |eps^e| < ``borexino_eps_e`` in the contact limit, eps^e = 2 a g^2/(2 sqrt2 G_F m^2) (eq. (9)),
  so g < m sqrt(2 sqrt2 G_F eps_lim / (2 |a|));

and a light scalar phi (charge c_phi, eq. (23)) adds Z' -> phi phi* to the total width only
(``phi_width``; phi phi* -> 4 e is vetoed by NA48/2 and seen by NA64's calorimeter).
:func:`projection` maps them onto the (eps^medium_mumu, tan eta) plane of Figs. 2 and 4.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import models
from zprime.experiments import recast
from zprime.observables import decays, gm2
from zprime.statistics import LimitCurve
from zprime.validation import InputError, checks

__all__ = [
    "NA48",
    "NA64",
    "phi_width",
    "eps_e_medium_ratio",
    "tan_eta_thresholds",
    "upper_bounds",
    "projection",
    "c9",
]

#: The two searches of the paper: NA48/2 2015 (pi0 -> gamma Z', e e) and NA64 2019 (invisible).
NA48, NA64 = "NA48_Batley2015lha", "NA64_NA642019imj"
#: 2 sqrt2 G_F of eqs. (5)-(13), GeV^-2.
K = 2 * math.sqrt(2) * c.G_F


def _limit(x, xp, fp) -> np.ndarray:
    """The limit curve (xp, fp) at x, log-log interpolated; NaN outside it or where it has no limit."""
    ok = np.isfinite(fp) & (fp > 0)
    return LimitCurve(xp[ok], fp[ok], outside="nan")(x)


@cache
def _na64_b_minus_l() -> tuple[np.ndarray, np.ndarray]:
    """(m, g_lim sqrt(Br(inv))) of NA64 2019 recast to B - L with left-handed neutrinos only."""
    BL = models.as_model(models.get_model("B-L", nu_R=False))
    band = recast.recast(NA64, BL, dirac=False)
    br_inv = decays.ratio_of_widths(decays.partial_widths(BL, band.m, dirac=False), "invisible")
    return band.m, band.lower * np.sqrt(br_inv)


@cache
def _na48_limit() -> tuple[np.ndarray, np.ndarray]:
    m, eps = recast.load_search(NA48)[:2]
    return m, eps


@checks(c_phi="scalar", m_phi_over_m_zp="positive scalar")
def phi_width(c_phi: float, m_phi_over_m_zp: float) -> Callable:
    """Gamma(Z' -> phi phi*) at g = 1 as a function of m_Z' (GeV), m_phi a fixed fraction of m_Z' (eq. (23))."""
    return lambda m: decays.width_scalar_pair(1.0, m, c_phi, m_phi_over_m_zp * m)


@checks(eps_med="finite", tan_eta="finite", Y_n="positive scalar")
def eps_e_medium_ratio(eps_med: ArrayLike, tan_eta: ArrayLike, Y_n: float) -> np.ndarray:
    """eps^e from eps^medium_mumu at tan eta: eps_med (1 - 1/tan eta)/(1 + Y_n), eq. (34)."""
    if np.any(np.asarray(tan_eta) == 0):
        raise InputError("tan_eta must be non-zero (eq. (34) has 1/tan eta)")
    return np.asarray(eps_med) * (1 - 1 / np.asarray(tan_eta)) / (1 + Y_n)


@checks(eps_med="positive scalar", bound="positive scalar", Y_n="positive scalar")
def tan_eta_thresholds(eps_med: float, bound: float, Y_n: float) -> tuple[float, float]:
    """The tan eta beyond which |eps^e| < bound at eps^medium = eps_med (eq. (34) solved): (upper, lower).

    With X = bound (1 + Y_n)/eps_med: tan eta > 1/(1 + X) or tan eta < -1/(X - 1) (-inf for X <= 1).
    """
    X = bound * (1 + Y_n) / eps_med
    return 1 / (1 + X), (-1 / (X - 1) if X > 1 else -math.inf)


@checks(c_="scalar", tan_eta="scalar", masses="mass", borexino_eps_e="positive scalar")
def upper_bounds(
    c_: float,
    tan_eta: float,
    masses: ArrayLike,
    *,
    phi_width: Callable | None = None,
    borexino_eps_e: float = 2.0,
    ours: bool = True,
) -> dict[str, np.ndarray]:
    """Upper bounds on g_Z' at ``masses`` (GeV) for the model at (c, tan eta); NaN where a search has none.

    Keys "NA48 paper", "NA64 paper", with ``ours`` also "NA48 recast", "NA64 recast" (the library's
    recast, :func:`zprime.experiments.recast.recast`), and "Borexino" (module doc).  ``phi_width``
    (from :func:`phi_width`) adds Z' -> phi phi* to the total width.
    """
    m = np.atleast_1d(np.asarray(masses, dtype=float))
    a = float(models.bernal_farzan2023_mixing(c_, tan_eta))
    Mf = models.bernal_farzan2023(c_, tan_eta=tan_eta)
    pw = decays.partial_widths(Mf, m, dirac=False)
    tot = decays.sum_widths(pw, "total") + (phi_width(m) if phi_width is not None else 0.0)
    br_ee, br_inv = pw["e_e"] / tot, decays.sum_widths(pw, "invisible") / tot
    out: dict[str, np.ndarray] = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        m48, eps48 = _na48_limit()
        out["NA48 paper"] = c.e_em * _limit(m, m48, eps48) / (abs(a - c_ / 5) * np.sqrt(br_ee))
        out["NA64 paper"] = _limit(m, *_na64_b_minus_l()) / (abs(a) * np.sqrt(br_inv))
        for key, s in (("NA48 recast", NA48), ("NA64 recast", NA64)) if ours else ():
            b = recast.recast(s, Mf, dirac=False, other_width=phi_width)
            out[key] = _limit(m, b.m, b.lower)
        out["Borexino"] = m * np.sqrt(2 * borexino_eps_e * K / 2 / abs(a)) * np.ones_like(m)
    return out


@checks(
    c_="scalar",
    tan_grid="finite",
    eps_abs="positive",
    masses="mass",
    Y_n="positive scalar",
    borexino_eps_e="positive scalar",
)
def projection(
    c_: float,
    tan_grid: ArrayLike,
    eps_abs: ArrayLike,
    masses: ArrayLike,
    *,
    Y_n: float,
    borexino_eps_e: float,
    phi_width: Callable | None = None,
    m_min: float | None = None,
    progress: bool = True,
) -> dict[str, np.ndarray]:
    """The bounds on the (|eps^medium_mumu|, tan eta) plane of Figs. 2 and 4, masks of shape (n_eta, n_eps).

    At fixed c a point fixes g/m (eq. (13)) and a (eq. (11)); the mass is free.  "NA48", "NA64",
    "gm2_over" (Delta a_mu above the 2021 2-sigma band): excluded for every mass in ``masses`` at or
    above ``m_min`` (GeV; below it the point counts as excluded); "gm2_ok": some allowed mass puts
    Delta a_mu in the 2021 band; "Borexino": |eps^e| above ``borexino_eps_e`` (mass independent).
    """
    from tqdm.auto import tqdm

    tan_grid = np.atleast_1d(np.asarray(tan_grid, dtype=float))
    eps_abs = np.atleast_1d(np.asarray(eps_abs, dtype=float))
    masses = np.atleast_1d(np.asarray(masses, dtype=float))
    if np.any(tan_grid == 0) or tan_grid.ndim != 1 or eps_abs.ndim != 1:
        raise InputError("tan_grid (non-zero tan eta) and eps_abs must be 1-D grids")
    sgn = -np.sign(c_)  # sign of eps_med
    m_ok = masses >= m_min if m_min is not None else np.ones_like(masses, dtype=bool)
    lo21, hi21 = gm2.DELTA_A_MU["2021"].band(2.0)
    F_vec = np.asarray(gm2.delta_a_vector(1.0, masses))  # Delta a_mu per unit coupling^2
    out = {k: np.zeros((tan_grid.size, eps_abs.size), dtype=bool) for k in ("NA48", "NA64", "gm2_over", "gm2_ok")}
    g = np.sqrt(eps_abs * K / abs(c_) / (1 + Y_n))[:, None] * masses[None, :]  # (eps, m)
    it = tqdm(tan_grid, desc=f"c={c_:.3g}{' phi' if phi_width else ''}", leave=False) if progress else tan_grid
    for i, t in enumerate(it):
        b = upper_bounds(c_, t, masses, phi_width=phi_width, borexino_eps_e=borexino_eps_e, ours=False)
        a = models.bernal_farzan2023_mixing(c_, t)
        allowed = m_ok[None, :] & np.ones_like(g, dtype=bool)
        for key in ("NA48", "NA64"):
            lim = np.where(np.isfinite(b[f"{key} paper"]), b[f"{key} paper"], np.inf)[None, :]
            out[key][i] = ((g > lim) | ~m_ok[None, :]).all(axis=1)
            allowed &= ~(g > lim)
        da = (1 - a) ** 2 * g**2 * F_vec[None, :]
        out["gm2_over"][i] = ((da > hi21) | ~m_ok[None, :]).all(axis=1)
        out["gm2_ok"][i] = ((da >= lo21) & (da <= hi21) & allowed).any(axis=1)
    eps_e = np.abs(eps_e_medium_ratio(sgn * eps_abs[None, :], tan_grid[:, None], Y_n))
    out["Borexino"] = eps_e > borexino_eps_e
    return out


@checks(g="coupling", m="mass", c_="scalar", alpha="positive scalar")
def c9(g: ArrayLike, m: ArrayLike, c_: float, alpha: float) -> np.ndarray:
    """The Wilson coefficient C9 of b -> s mu mu from the Z' at q^2 << m^2, eq. (37) of arXiv:2211.15686:
    C9 = -(g^2 pi/(sqrt2 m^2)) (3c - 2)/(3 alpha G_F); multiply by m^2/(m^2 - q^2) at momentum transfer q^2
    (eq. (38) in the limit q^2 >> m^2).  g and m (GeV) broadcast."""
    g, m = np.asarray(g, dtype=float), np.asarray(m, dtype=float)
    return -(g**2 * math.pi / (math.sqrt(2) * m**2)) / (alpha * c.G_F) * (3 * c_ - 2) / 3
