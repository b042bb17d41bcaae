"""COHERENT CsI[Na] 2021 (arXiv:2110.07730 and its ancillary files): response, binning, likelihood."""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize, special

from zprime import data, published
from zprime.experiments.coherent.detectors import DETECTORS, _kernels, _rebin, _sum_into_bins
from zprime.experiments.coherent.likelihood import PoissonLikelihood
from zprime.experiments.coherent.timing import arrival_cdf, time_fractions
from zprime.units import MeV, keV
from zprime.validation import checks, vector

# --- detector response: CsI[Na] 2021 ----------------------------------------------------

_CSI = "coherent/csi2021/"


def _coefficients(name: str) -> np.ndarray:
    """Rows of coefficients of a release file (comment lines start with '#')."""
    return np.loadtxt(data.path(name), comments="#", ndmin=2)


@cache
def csi_quenching_coefficients() -> np.ndarray:
    """(a, b, c, d) of E_ee = a T + b T^2 + c T^3 + d T^4 (MeV), the nominal release values."""
    return _coefficients(_CSI + "scintRespCoefficients.txt")[0]


@cache
def csi_efficiency_coefficients() -> np.ndarray:
    """(a, b, c, d) of eff(x) = a/(1 + exp(-b (x - c))) + d, x in PE (nominal)."""
    return _coefficients(_CSI + "effCoefficients.txt")[0]


@checks(T_nr="recoil")
def csi_electron_equivalent(T_nr: ArrayLike) -> np.ndarray | float:
    """CsI[Na] electron-equivalent energy (GeV) of a nuclear recoil T_nr (GeV), release polynomial."""
    x = np.asarray(T_nr, dtype=float) / MeV
    a, b, c_, d = csi_quenching_coefficients()
    return np.clip(x * (a + x * (b + x * (c_ + x * d))), 0, None) * MeV


@checks(pe="finite")
def csi_efficiency(pe: ArrayLike) -> np.ndarray:
    """Energy-dependent CEvNS efficiency of the release, clipped to [0, 1]."""
    a, b, c_, d = csi_efficiency_coefficients()
    pe = np.asarray(pe, dtype=float)
    return np.clip(a / (1 + np.exp(-b * (pe - c_))) + d, 0, 1)


#: Light yield 13.35 PE/keVee and the gamma-function PE resolution of COHERENT CsI 2021
#: (arXiv:2110.07730 and its supplement, as used by public analyses of the release):
#: P(x) = (a(1+b))^(1+b)/Gamma(1+b) x^b exp(-a(1+b) x) with b = 9.56 E_ee[keVee] and
#: a = 0.0749/E_ee[keVee] = 1/(LY E_ee), i.e. mean LY E_ee.
CSI_LIGHT_YIELD = 13.35 / keV
CSI_RESOLUTION_B = 9.56 / keV


@checks(t="finite")
def csi_time_efficiency(t: ArrayLike) -> np.ndarray:
    """1 for t < 0.52 us, exp(-0.0494 (t - 0.52)) after (t in us), CsI 2021."""
    t = np.asarray(t, dtype=float)
    return np.where(t < 0.52, 1.0, np.exp(-0.0494 * (t - 0.52)))


@checks(pe="finite", E_ee="nonnegative")
def csi_pe_density(pe: ArrayLike, E_ee: ArrayLike) -> np.ndarray:
    """Gamma density of the PE count for electron-equivalent energies E_ee (GeV), shape (n_E, n_pe).

    Shape 1 + b, mean LY E_ee (see :data:`CSI_RESOLUTION_B`); zero for E_ee = 0.
    """
    E = vector("E_ee", E_ee)
    pe = vector("pe", pe)
    out = np.zeros((E.size, pe.size))
    on = E > 1e-3 * keV
    shape = 1 + CSI_RESOLUTION_B * E[on]
    scale = CSI_LIGHT_YIELD * E[on] / shape
    # the gamma density as scipy.stats.gamma.pdf evaluates it, zero below x = 0 (scipy.stats costs 0.5 s of import)
    x = pe[None, :] / scale[:, None]
    log_pdf = special.xlogy(shape[:, None] - 1.0, x) - x - special.gammaln(shape[:, None])  # NaN below 0, no warning
    out[on] = np.where(x >= 0, np.exp(log_pdf) / scale[:, None], 0.0)
    return out


@checks(E_ee="nonnegative", pe_edges="edges", step="positive scalar")
def csi_pe_response(E_ee: ArrayLike, pe_edges: ArrayLike, step: float = 0.05) -> np.ndarray:
    """P(PE bin | E_ee) x efficiency, shape (len(E_ee), n_bins), integrated on a ``step``-PE grid."""
    edges = np.asarray(pe_edges, dtype=float)
    pe = np.arange(edges[0] + step / 2, edges[-1], step)
    return _sum_into_bins(pe, csi_pe_density(pe, E_ee) * csi_efficiency(pe) * step, edges)


#: CsI analysis binning (arXiv:2110.07730): 9 PE bins x 11 t_rec bins.
CSI_PE_EDGES = np.array([0, 8, 12, 16, 20, 24, 32, 40, 50, 60], dtype=float)
CSI_T_EDGES = np.array([0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1, 2, 4, 6])
#: Expected BRN and NIN counts in the region of interest (PE < 60, t < 6 us), arXiv:2110.07730.
CSI_BRN_EVENTS = 18.4
CSI_NIN_EVENTS = 5.6
#: Beam-pulse width for CsI (us): the SNS POT trace width of the Ar release, 150 ns.
CSI_BEAM_SIGMA = 0.15


def _events(name):
    ev = np.loadtxt(data.path(name), comments="#")
    return ev[:, 0], ev[:, 1]


@checks(sigma="positive scalar")
@checks(t0="scalar", sigma="positive scalar")
def csi_nin_timing(t0: float, sigma: float = CSI_BEAM_SIGMA) -> dict:
    """The released NIN t_rec distribution against the delayed arrival law for a pulse mean t0 (us).

    Returns a dict with the release's bin centres ``t`` (us) and ``pdf``, the arrival laws
    ``delayed`` and ``prompt`` per 10-ns bin, the least-squares ``scale`` of the delayed law to the
    PDF over 0 < t < 6 us (``window``), the summed squared residual ``cost`` there and
    ``rms_over_peak``, the rms residual relative to the PDF's peak.
    """
    t, w = np.loadtxt(data.path(_CSI + "ninTrec.txt")).T
    edges = np.append(t - 0.005, t[-1] + 0.005)
    sel = (t > 0) & (t < 6)
    law = {k: np.diff(arrival_cdf(edges, t0, sigma, k)) for k in ("prompt", "delayed")}
    model, y = law["delayed"][sel], w[sel]
    scale = model @ y / (model @ model)
    resid = y - scale * model
    return {
        "t": t,
        "pdf": w,
        "window": sel,
        **law,
        "scale": float(scale),
        "cost": float(resid @ resid),
        "rms_over_peak": float(np.sqrt(np.mean(resid**2)) / w.max()),
    }


def fit_csi_beam_offset(sigma: float = CSI_BEAM_SIGMA) -> float:
    """Mean arrival time t0 (us) of the proton pulse in the CsI t_rec scale.

    The release gives no neutrino timing (its snsFlux2D.root is not public here), so t0 is
    fitted to the released NIN time distribution, which is neutrino-induced and therefore
    follows the delayed arrival law (NIN in lead is dominated by nu_e charged currents):
    the least-squares fit of :func:`csi_nin_timing`.
    """
    res = optimize.minimize_scalar(
        lambda t0: csi_nin_timing(t0, sigma)["cost"], bounds=(0.0, 1.5), method="bounded", options={"xatol": 1e-6}
    )
    return float(res.x)


@checks(n_per_piece="count")
@lru_cache(maxsize=4)
def csi2021(n_per_piece: int = 12, t0: float | None = None) -> PoissonLikelihood:
    """The COHERENT CsI 2021 likelihood of eq. (2.6) (cached)."""
    det = DETECTORS["CsI"]
    pe_c, t_c = _events(_CSI + "dataBeamOnC.txt")
    pe_ac, t_ac = _events(_CSI + "dataBeamOnAC.txt")
    observed = np.histogram2d(pe_c, t_c, bins=(CSI_PE_EDGES, CSI_T_EDGES))[0]
    ss = np.histogram2d(pe_ac, t_ac, bins=(CSI_PE_EDGES, CSI_T_EDGES))[0]

    bkg = {}
    for name, total in (("BRN", CSI_BRN_EVENTS), ("NIN", CSI_NIN_EVENTS)):
        pe, wpe = np.loadtxt(data.path(_CSI + f"{name.lower()}PE.txt")).T
        t, wt = np.loadtxt(data.path(_CSI + f"{name.lower()}Trec.txt")).T
        e_part = _rebin(pe, wpe, 1.0, CSI_PE_EDGES)
        t_part = _rebin(t, wt * csi_time_efficiency(t), 0.01, CSI_T_EDGES)
        h = np.outer(e_part, t_part)
        bkg[name] = h * total / h.sum()
    bkg["SS"] = ss

    t0 = fit_csi_beam_offset() if t0 is None else t0
    time = {
        k: time_fractions(CSI_T_EDGES, t0, CSI_BEAM_SIGMA, k, efficiency=csi_time_efficiency)
        for k in ("prompt", "delayed")
    }

    def response(T, nuc):
        return csi_pe_response(csi_electron_equivalent(T), CSI_PE_EDGES)

    nodes, kernels = _kernels(det, response, n_per_piece)
    return PoissonLikelihood(
        detector=det,
        energy_edges=CSI_PE_EDGES,
        time_edges=CSI_T_EDGES,
        observed=observed,
        backgrounds=bkg,
        sigmas=published.load("coherent_nuisances")["CsI"],
        time=time,
        nodes=nodes,
        kernels=kernels,
        energy_label="reconstructed energy [PE]",
        meta={"t0_us": t0, "beam_sigma_us": CSI_BEAM_SIGMA},
    )
