"""COHERENT CsI[Na] 2017, the first observation (arXiv:1708.01294; release Zenodo 1228631): likelihood."""

from __future__ import annotations

import math
from functools import cache, lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize, special

from zprime import data, published
from zprime.experiments.coherent.detectors import Detector, _kernels, _sum_into_bins
from zprime.experiments.coherent.likelihood import PoissonLikelihood
from zprime.units import keV
from zprime.units import m as metre
from zprime.validation import checks, vector

# --- CsI[Na] 2017 (first observation; Zenodo 1228631) --------------------------------------

_CSI17 = "coherent/csi2017/"
_CSI17_R = _CSI17 + "thirdparty_reformatted/"

#: 2017 analysis region: 12 energy bins of 2 PE (6-30 PE) x 12 time bins of 0.5 us (0-6 us),
#: the "12T,12E" binning of Denton and Gehrlein (arXiv:2008.06062) on the release's 2-PE x
#: 0.5-us grid (COHERENT's 2017 region of interest, arXiv:1708.01294).
CSI17_PE_EDGES = np.arange(6.0, 31.0, 2.0)
CSI17_T_EDGES = np.arange(0.0, 6.01, 0.5)
#: Protons on target for the 7.47594 GWhr of coherent_parameters.yaml: 1.76e23
#: (COHERENT, Science 357 (2017) 1123, arXiv:1708.01294).
CSI17_N_POT = 1.76e23


@cache
def csi2017_parameters() -> dict:
    """Numbers of coherent_parameters.yaml (official 2017 release), parsed without a YAML library.

    Keys: exposure_GWhr, distance_m, qf, light_yield (PE/keVee), nu_per_pot, prompt_norm_sigma,
    acceptance (a, k, x0).
    """
    text = data.path(_CSI17 + "coherent_parameters.yaml").read_text()
    blocks: dict[str, dict[str, float]] = {}
    current, param = None, None
    for line in text.splitlines():
        if line and not line.startswith(" ") and line.endswith(":"):
            current, param = line[:-1], None
            blocks[current] = {}
            continue
        stripped = line.strip()
        if stripped.startswith("- name:"):
            param = stripped.split(":", 1)[1].strip()
            continue
        for key in ("value", "uncertainty"):
            if stripped.startswith(key + ":") and current is not None:
                try:
                    val = float(stripped.split(":", 1)[1])
                except ValueError:  # e.g. "uncertainty: negligible"
                    continue
                blocks[current][key if param is None else f"{param}_{key}"] = val
    acc = blocks["acceptanceEfficiency"]
    return {
        "exposure_GWhr": blocks["beamExposure"]["value"],
        "distance_m": blocks["distanceToTarget"]["value"],
        "qf": blocks["csiQF"]["value"],
        "qf_sigma": blocks["csiQF"]["uncertainty"],
        "light_yield": blocks["csiLightYield"]["value"],
        "nu_per_pot": blocks["neutrinosPerProton"]["value"],
        "prompt_norm_sigma": blocks["promptNeutronNormalization"]["uncertainty"],
        "acceptance": (acc["a_value"], acc["k_value"], acc["x_0_value"]),
    }


@checks(pe="finite")
def csi2017_acceptance(pe: ArrayLike) -> np.ndarray:
    """a/(1 + exp(-k (x - x0))) H(x - 5), with H = 0 below 5 PE, 1/2 on [5, 6), 1 above (yaml)."""
    a, k, x0 = csi2017_parameters()["acceptance"]
    x = np.asarray(pe, dtype=float)
    H = np.where(x < 5, 0.0, np.where(x < 6, 0.5, 1.0))
    return a / (1 + np.exp(-k * (x - x0))) * H


@checks(T_nr="recoil", pe_edges="edges")
def csi2017_pe_response(T_nr: ArrayLike, pe_edges: ArrayLike = CSI17_PE_EDGES) -> np.ndarray:
    """P(PE bin | T_nr) x acceptance, shape (len(T_nr), n_bins).

    Mean PE = light yield x QF x T_nr (constant QF 0.0878, 13.348 PE/keVee); the PE count is
    smeared with Poisson statistics, taken as a gamma density of mean and variance = mean PE;
    the acceptance multiplies 1-PE bins at their centres, as the yaml prescribes.
    """
    pe_edges = np.asarray(pe_edges, dtype=float)
    p = csi2017_parameters()
    mu = vector("T_nr", T_nr) / keV * p["qf"] * p["light_yield"]
    k = np.arange(0.0, pe_edges[-1] + 1.0)
    on = mu > 1e-6
    cdf = np.zeros((mu.size, k.size))
    cdf[on] = special.gammainc(mu[on, None], k[None, :])  # the gamma CDF, as scipy.stats.gamma.cdf (k >= 0)
    per_pe = np.diff(cdf, axis=1) * csi2017_acceptance(k[:-1] + 0.5)[None, :]  # bins [k, k+1)
    return _sum_into_bins(k[:-1] + 0.5, per_pe, pe_edges)


def _csi2017_grid(name, t_edges=CSI17_T_EDGES):
    """A 2017 release file (PE centre, t centre, counts) on the analysis bins, (n_PE, n_t)."""
    pe, t, n = np.loadtxt(data.path(_CSI17_R + name), delimiter=",", comments="P").T
    return np.histogram2d(pe, t, bins=(CSI17_PE_EDGES, t_edges), weights=n)[0]


def csi2017_steady_state() -> tuple[np.ndarray, float, float]:
    """Steady-state background (n_PE, n_t), the decay rate (1/us) of its time shape and the
    number of anti-coincidence counts it is built from (6-30 PE, 0-12 us).

    The anti-coincidence counts over their whole 0-12 us window give the PE spectrum; their
    time distribution falls (405 counts in 0-6 us, 298 in 6-12 us), and is fitted with
    exp(-lambda t) (binned Poisson likelihood over the 24 bins).  Binning the AC counts like the
    data instead (about 3 counts per bin) puts their Poisson noise into the prediction, and the
    profile then prefers 1.39 x the SM CEvNS to fill bins where the AC sample fluctuated low.
    """
    fine = np.arange(0.0, 12.01, 0.5)
    ac = _csi2017_grid("data_anticoincidence_beamOn.txt", fine)
    n_t = ac.sum(axis=0)

    def shape(lam):
        w = np.exp(-lam * fine[:-1]) - np.exp(-lam * fine[1:]) if lam > 0 else np.diff(fine)
        return w / w.sum()

    def nll(lam):
        mu = n_t.sum() * shape(lam)
        return float(np.sum(mu - n_t * np.log(mu)))

    lam = float(optimize.minimize_scalar(nll, bounds=(1e-6, 2.0), method="bounded", options={"xatol": 1e-8}).x)
    t_shape = shape(lam)[: len(CSI17_T_EDGES) - 1]  # the analysis bins are the first 12
    return np.outer(ac.sum(axis=1), t_shape), lam, float(n_t.sum())


def _csi2017_time_pdf(name):
    t, w = np.loadtxt(data.path(_CSI17_R + name), delimiter=",").T
    return _sum_into_bins(t, w, CSI17_T_EDGES)


@checks(n_per_piece="count")
@lru_cache(maxsize=4)
def csi2017(n_per_piece: int = 12) -> PoissonLikelihood:
    """COHERENT CsI[Na] 2017 (arXiv:1708.01294; release Zenodo 1228631), eq. (2.6)-style chi2.

    12 x 12 bins (:data:`CSI17_PE_EDGES`, :data:`CSI17_T_EDGES`); backgrounds: steady state
    from the anti-coincidence beam-on counts, prompt neutrons from promptPDF.txt x exposure x
    acceptance with the prompt-neutron arrival PDF.  CEvNS timing: the released prompt and
    delayed arrival PDFs.  Nuisance widths: CEvNS 0.28 (the 28 % SM uncertainty of
    arXiv:1708.01294), BRN 0.25 (yaml), SS 1/sqrt(N_AC) (statistics of the 6-30 PE, 0-12 us
    AC sample, see :func:`csi2017_steady_state`).
    """
    par = csi2017_parameters()
    det = Detector(
        "CsI",
        ("Cs133", "I127"),
        14.6,
        259.8,
        {"r": par["nu_per_pot"], "n_pot": CSI17_N_POT, "L": par["distance_m"] * metre},
    )
    observed = _csi2017_grid("data_coincidence_beamOn.txt")
    ss, ss_rate, n_ac = csi2017_steady_state()
    pe, per_gwhr = np.loadtxt(data.path(_CSI17 + "promptPDF.txt"), delimiter=",", comments="#").T
    brn_pe = _sum_into_bins(pe, per_gwhr * par["exposure_GWhr"] * csi2017_acceptance(pe), CSI17_PE_EDGES)
    brn = np.outer(brn_pe, _csi2017_time_pdf("arrivalTimePDF_promptNeutrons.txt"))
    time = {
        "prompt": _csi2017_time_pdf("arrivalTimePDF_promptNeutrinos.txt"),
        "delayed": _csi2017_time_pdf("arrivalTimePDF_delayedNeutrinos.txt"),
    }

    def response(T, nuc):
        return csi2017_pe_response(T)

    nodes, kernels = _kernels(det, response, n_per_piece)
    return PoissonLikelihood(
        detector=det,
        energy_edges=CSI17_PE_EDGES,
        time_edges=CSI17_T_EDGES,
        observed=observed,
        backgrounds={"BRN": brn, "SS": ss},
        sigmas={
            "CEvNS": published.load("coherent_nuisances")["CsI2017"]["CEvNS"],
            "BRN": par["prompt_norm_sigma"],
            "SS": 1 / math.sqrt(n_ac),
        },
        time=time,
        nodes=nodes,
        kernels=kernels,
        energy_label="reconstructed energy [PE]",
        meta={"release": "Zenodo 1228631", "n_pot": CSI17_N_POT, "parameters": par, "ss_decay_per_us": ss_rate},
    )
