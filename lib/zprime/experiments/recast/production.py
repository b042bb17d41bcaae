"""Production ratios R_P of a model to the dark photon (eqs. 2.3-2.12 of arXiv:1801.04847).

Axial couplings: a lepton-initiated mechanism (l_brem, l_l) goes with x_l^2 + a_l^2, the
vector and axial rates of a massless lepton being equal and not interfering (corrections of
order m_l^2/m^2); hadronic mechanisms see the vector quark charges only, so a model with axial
quark couplings is not recast (arXiv:2206.08563 treats those; not implemented here).
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import data
from zprime.experiments.recast.searches import DARKCAST, RecastError, Search
from zprime.observables import decays
from zprime.types import Real
from zprime.validation import InputTypeError, checks


# ---------------------------------------------------------------------------
# production
# ---------------------------------------------------------------------------
def _breit_wigner(v: str, m):
    """m_V^2/(m_V^2 - m^2 - i m_V^2 Gamma_V(m)/m), running p-wave width (eqs. A.2-A.3)."""
    mv, wv, chans = (c.VECTOR_MESONS[v][k] for k in ("mass", "width", "channels"))
    s, sv = m * m, mv * mv

    def p2(x, m1, m2):
        return np.clip((x - (m1 + m2) ** 2) * (x - (m1 - m2) ** 2), 0.0, None) / (4 * x)

    k = np.zeros_like(m)
    for br, m1, m2 in chans:
        k = k + np.where(m > m1 + m2, br * (p2(s, m1, m2) / p2(sv, m1, m2)) ** 1.5, 0.0)
    return sv / (sv - s - 1j * sv * wv * k / m)


@checks(m="mass")
def production_factor(
    mechanism: str, x: dict[str, np.ndarray], m: ArrayLike, a: dict[str, float] | None = None
) -> np.ndarray:
    """P_k(m) of one mechanism for charges ``x`` (from :func:`decays.decay_charges`).

    ``a``: axial charges, used by the lepton-initiated mechanisms (x_l^2 + a_l^2, module doc).
    """
    if not isinstance(mechanism, str):
        raise InputTypeError(f"mechanism must be a production-mechanism name, got {mechanism!r}")
    parts = mechanism.split("_")
    if mechanism == "p_brem":
        return (2 * x["u"] + x["d"]) ** 2
    if len(parts) == 2 and (parts[1] == "brem" or parts[0] == parts[1]) and parts[0] in x:
        axial = 0.0 if a is None else a.get(parts[0], 0.0)
        return x[parts[0]] ** 2 + axial**2
    if mechanism in decays.VMD_NORMALISATION:  # vector-meson mixing
        return decays._trace(decays.GENERATORS[mechanism], x) ** 2
    if len(parts) == 2 and all(p in decays.GENERATORS for p in parts):  # A -> B X
        ta, tb = (decays.GENERATORS[p] for p in parts)
        amp = 0.0
        for v in decays.VMD_NORMALISATION:
            tv = decays.GENERATORS[v]
            pf = float(np.sum(ta * tb * tv))
            if pf:
                amp = amp + pf * decays._trace(tv, x) * _breit_wigner(v, m)
        return np.abs(amp) ** 2
    raise RecastError(f"unknown production mechanism {mechanism!r}")


@cache
def _fractions(prd: str):
    f = data.path(f"{DARKCAST}limits/{prd}")
    with open(f) as fh:
        names = fh.readline().lstrip(" #").split()
    arr = np.loadtxt(f, comments="#", ndmin=2)
    return names[1:], arr[:, 0], arr[:, 1:]


@checks(m="mass")
def production_ratio(search: Search, xX: dict, xA: dict, m: Real, aX: dict | None = None) -> np.ndarray:
    """R_P(m) = sum_k f_k P_k^X/P_k^A' (eq. 2.12); channels where P_k^A' = 0 are skipped.

    ``aX``: the model's axial charges (lepton-initiated mechanisms only, see the module doc).
    """
    if search.production.endswith(".prd"):
        names, mt, ft = _fractions(search.production)
        chans = [(n, np.interp(m, mt, ft[:, i])) for i, n in enumerate(names)]
    elif search.switch is not None:  # one mechanism below m_s, another above
        m_s, other = search.switch
        below = (np.asarray(m) < m_s).astype(float)
        chans = [(search.production, below), (other, 1.0 - below)]
    else:
        chans = [(search.production, np.ones_like(m))]
    out = np.zeros_like(m)
    for mech, frac in chans:
        pa = production_factor(mech, xA, m)
        px = production_factor(mech, xX, m, aX)
        out = out + np.divide(frac * px, pa, out=np.zeros_like(m), where=pa != 0)
    return out
