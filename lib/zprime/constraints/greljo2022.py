"""The (m_X, g_X) maps of Figs. 3, 5 and 6 of Greljo, Stangl, Thomsen and Zupan (arXiv:2203.13731).

Each map is the quantity a constraint tests, on a grid of masses x couplings, as the paper draws it:
every constraint where it *alone* gives Delta chi^2 > 4 (a chi^2 of the measurement above 4 for
Borexino, R_Be outside 1.06 +- 0.18; COHERENT CsI 2021 chi^2 - chi^2_SM > 4; the App. A NSI chi^2; CCFR in
the contact form for m_X >= 1 GeV only), the resonance searches through the recast, and Delta a_mu for the
(g-2)_mu lines.  The kinetic mixing enters as r = eps e/g at each coupling (``eps_of_g``), so the
model is rebuilt per coupling by ``model_at(r)``.

The model may have axial couplings (the chiral L~_mu-tau of sect. 5, :func:`zprime.models.greljo2022_chiral`
with its mixing folded in, ``fold_mixing(r)``): the muon's g (x + a gamma_5) gives eq. (3.23)'s
q_V = x, q_A = -a; Borexino and CCFR see the chiral couplings g x_L, g x_R of the electron and the
left-handed neutrinos' g (x - a); COHERENT the vector part (:meth:`VectorModel.vector_part`); the recast
the model itself, or ``searches_model_at(r)`` where a paper recasts a stand-in (the vector stand-in of
sect. 5 for the chiral model, :func:`chiral_stand_in`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime.experiments import coherent, recast
from zprime.models import VectorModel
from zprime.observables import gm2, nsi_osc, nue, trident
from zprime.validation import checks

__all__ = ["SEARCHES", "exclusion_maps", "chiral_stand_in"]

#: The resonance searches of Figs. 3, 5 and 6 (our recast), grouped as the figures label them.
SEARCHES = {
    "NA64": ["NA64_NA642019imj"],
    "BaBar": ["BaBar_Lees2014xha", "BaBar_TheBABAR2016rlg", "BaBar_Lees2017lec"],
    "LHCb": ["LHCb_Aaij2019bvg_prompt"],
}


@checks(masses="mass", couplings="positive")
def exclusion_maps(
    model_at: Callable,
    eps_of_g: Callable,
    masses: ArrayLike,
    couplings: ArrayLike,
    *,
    T_window: tuple = (0.0, None),
    nsi: nsi_osc.ApproxChi2 | None = None,
    nsi_theta: tuple | None = None,
    searches_model_at: Callable | None = None,
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The maps (module doc) on the grid masses x couplings (GeV; ``indexing="ij"``).

    Parameters
    ----------
    model_at : callable
        ``model_at(r)`` -> VectorModel with the charges at r = eps e/g folded in (vector and axial).
    eps_of_g : callable
        The kinetic mixing eps as a function of the coupling array.
    masses, couplings : array_like
        The grid axes.
    T_window : tuple
        Recoil window of R_Be (GeV; upper end None: T_max).
    nsi, nsi_theta : ApproxChi2 and (x_B, x_e, x_mu, x_tau), optional
        The App. A chi^2 and the model's charges, for the NSI map.
    searches_model_at : callable, optional
        ``searches_model_at(r)`` -> the VectorModel the resonance searches are recast with (default: ``model_at``).

    Returns
    -------
    M, G : ndarray, shape (n_m, n_g)
    out : dict of ndarray
        "amu" (Delta a_mu), "borexino" (chi^2 of R_Be), "coherent" (Delta chi^2 of CsI 2021), "ccfr"
        (chi^2, NaN below 1 GeV), "nsi" (if asked), and a bool mask per group of :data:`SEARCHES`.
    """
    mgrid = np.atleast_1d(np.asarray(masses, dtype=float))
    ggrid = np.atleast_1d(np.asarray(couplings, dtype=float))
    CSI = coherent.likelihood("CsI")
    chi2_csi_sm = float(CSI.chi2(CSI.sm[None])[0])
    M, G = np.meshgrid(mgrid, ggrid, indexing="ij")
    out = {}
    r_of_g = eps_of_g(ggrid) * c.e_em / ggrid
    amu = np.empty(M.shape)
    bx = np.empty(M.shape)
    coh = np.empty(M.shape)
    ccfr = np.full(M.shape, np.nan)
    res = {k: np.zeros(M.shape, bool) for k in SEARCHES}
    bands: dict[float, dict[str, list]] = {}  # recast bands by r
    for j, (g, r) in enumerate(zip(ggrid, r_of_g)):
        mod = model_at(r)
        qV, a_mu = g * mod.x("mu"), mod.a("mu")
        qA = -g * a_mu if a_mu != 0.0 else 0.0  # eq. (3.23): g (q_V - q_A gamma_5)
        amu[:, j] = gm2.delta_a_vector(qV, mgrid)
        if qA != 0.0:
            amu[:, j] += gm2.delta_a_axial(qA, mgrid)
        gnu = [g * mod.x_L(n) for n in ("nu_e", "nu_mu", "nu_tau")]  # left-handed neutrinos
        geL, geR, gnm = g * mod.x_L("e"), g * mod.x_R("e"), gnu[1]
        bx[:, j] = [float(nue.R_Be(gnu, geL, geR, m, T_window=T_window)) for m in mgrid]
        vec = mod.vector_part()
        coh[:, j] = np.asarray(CSI.chi2(CSI.predict_vector(vec, np.full(mgrid.shape, g), mgrid))) - chi2_csi_sm
        hi = mgrid >= trident.EFT_MIN_MASS
        ccfr[hi, j] = trident.chi2(gnm, qV, qA, mgrid[hi])
        if r not in bands:  # the model the searches see depends on g only through r (constant for eps ~ g)
            seen = mod if searches_model_at is None else searches_model_at(r)
            bands[r] = {lab: [recast.recast(s, seen, masses=None) for s in names] for lab, names in SEARCHES.items()}
        for lab, lab_bands in bands[r].items():
            for band in lab_bands:
                res[lab][:, j] |= band.excludes(mgrid, g)
    out["amu"] = amu
    out["borexino"] = nue.borexino_chi2(bx)
    out["coherent"] = coh
    out["ccfr"] = ccfr
    if nsi_theta is not None:
        if nsi is None:
            raise ValueError("nsi_theta needs the App. A chi^2 (nsi=)")
        out["nsi"] = nsi.delta_chi2(nsi_osc.eps0(G, M), nsi_theta)
    out.update(res)
    return M, G, out


@checks(r="scalar")
def chiral_stand_in(r: float) -> VectorModel:
    """The vector stand-in of sect. 5 of arXiv:2203.13731 for the chiral L~_mu-tau in the resonance searches,
    x_L = (1, 13/2, -13/2) for (e, mu, tau) and their neutrinos, at mixing r = eps e/g_X (quarks through the
    mixing alone, u = 2r/3, d = -r/3): ``exclusion_maps(searches_model_at=...)`` as the paper draws Fig. 6.
    Everything else sees the chiral model itself (:func:`zprime.models.greljo2022_chiral`)."""
    charges = dict(u=2 * r / 3, d=-r / 3, e=1 - r, mu=6.5 - r, tau=-6.5 - r, nu_e=1, nu_mu=6.5, nu_tau=-6.5)
    return VectorModel("Lt_mu-tau stand-in", charges, nu_R=False)
