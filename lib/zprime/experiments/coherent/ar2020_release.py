"""COHERENT CENNS-10 Ar 2020, analysis A (arXiv:2003.10630; release Zenodo 3903810): response, likelihood."""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats

from zprime import data, published
from zprime.experiments.coherent.detectors import _kernels, _sum_into_bins, ar_detector
from zprime.experiments.coherent.likelihood import GaussianLikelihood
from zprime.experiments.coherent.timing import time_fractions
from zprime.units import keV
from zprime.validation import InputError, checks, vector

# --- detector response: Ar 2020 (CENNS-10 analysis A) ----------------------------------

_AR = "coherent/ar2020/"

#: QF = a + b T[keVnr], a = 0.246, b = 0.00078/keVnr (LArParametersAnlA.yaml).
AR_QF = (0.246, 0.00078)
#: sigma/E = 0.58/sqrt(E[keVee]) (LArParametersAnlA.yaml).
AR_RESOLUTION = 0.58
#: POT trace, Gaussian mean 440 ns, width 150 ns (LArParametersAnlA.yaml).
AR_BEAM = (0.44, 0.15)


@checks(T_nr="recoil")
def ar_electron_equivalent(T_nr: ArrayLike) -> np.ndarray | float:
    """Ar electron-equivalent energy (GeV), T_ee = (a + b T[keVnr]) T (eq. (2.5))."""
    T = np.asarray(T_nr, dtype=float)
    return (AR_QF[0] + AR_QF[1] * T / keV) * T


@cache
def _ar_efficiency_table():
    tab = np.loadtxt(data.path(_AR + "CENNS10AnlAEfficiency.txt"))
    return tab[:, 0], tab[:, 2]


#: Upper end of the acceptance table CENNS10AnlAEfficiency.txt (last bin centre 39.75 keVee,
#: 0.5 keVee bins).
AR_EFFICIENCY_MAX_KEV = 40.0


@checks(E_ee="nonnegative")
def ar_efficiency(E_ee: ArrayLike) -> np.ndarray:
    """Acceptance of analysis A versus reconstructed E_ee (GeV), CENNS10AnlAEfficiency.txt.

    Linear between the bin centres 0.25-39.75 keVee, zero below the first.  Above the table
    (40 keVee) the acceptance is zero: the release's CEvNS template holds 0.08 events above
    40 keVee where an acceptance held at its last value (0.963) would give 0.4.
    """
    x, eff = _ar_efficiency_table()
    E = np.asarray(E_ee, dtype=float) / keV
    return np.where(E < AR_EFFICIENCY_MAX_KEV, np.interp(E, x, eff, left=0.0, right=eff[-1]), 0.0)


@checks(E_ee="nonnegative", edges_keV="edges")
def ar_energy_response(E_ee: ArrayLike, edges_keV: ArrayLike) -> np.ndarray:
    """P(E_ee bin | true E_ee) x efficiency: Gaussian resolution, efficiency at the reconstructed
    energy (integrated on a 0.1-keVee grid).  Shape (len(E_ee), n_bins)."""
    edges_keV = np.asarray(edges_keV, dtype=float)
    E = vector("E_ee", E_ee) / keV
    step = 0.1
    x = np.arange(edges_keV[0] + step / 2, edges_keV[-1], step)
    sig = AR_RESOLUTION * np.sqrt(np.clip(E, 1e-12, None))
    dens = stats.norm.pdf(x[None, :], E[:, None], sig[:, None]) * ar_efficiency(x * keV) * step
    return np.where(E[:, None] > 1e-6, _sum_into_bins(x, dens, edges_keV), 0.0)


#: Ar analysis binning (Zenodo 3903810): 12 x 10 keVee bins, 10 x 0.5 us t_trig bins.
AR_E_EDGES = np.arange(0, 121, 10, dtype=float)
AR_T_EDGES = np.arange(-0.1, 5.0, 0.5)


def _ar3d(name):
    """A 3-D release file summed over F90: (12 energy, 10 time)."""
    return np.loadtxt(data.path(_AR + name))[:, 3].reshape(12, 8, 10).sum(axis=1)


#: Shape systematics of eq. (2.9): nuisance -> (component, file of the 1-sigma PDF, CV file).
AR_SHAPES = {
    "CEvNS_F90": ("CEvNS", "cevnspdf+1sigF90.txt", "cevnspdf.txt"),
    "CEvNS_t_mean": ("CEvNS", "cevnspdfCEvNSTimingMeanSyst.txt", "cevnspdf.txt"),
    "PBRN_E": ("PBRN", "brnpdf+1sigEnergy.txt", "brnpdf.txt"),
    "PBRN_t_mean": ("PBRN", "brnpdf+1sigBRNTimingMean.txt", "brnpdf.txt"),
    "PBRN_t_width": ("PBRN", "brnpdfBRNTimingWidthSyst.txt", "brnpdf.txt"),
}


#: How the CEvNS counts are distributed in t_trig.  "window": the fraction of each flavour's
#: arrival law inside each bin, so that the delayed flux after 4.9 us is lost (13 % of it).
#: "normalised": each flavour's arrival law normalised inside the window (-0.1 to 4.9 us), so
#: that no event is lost and the energy spectrum is the full-time one.  The release template is
#: built this way:
#: summed over F90 it is exactly rank one in (energy, time) (singular-value ratio 3e-7), i.e.
#: the full-time energy spectrum times one time shape, and its total is the 128 events of the
#: YAML entry ``cevnsPredictionNormalization``.
AR_TIMING = ("normalised", "window")


@checks(n_per_piece="count")
@lru_cache(maxsize=8)
def ar2020(n_per_piece: int = 12, exposure: str = "release", timing: str = "normalised") -> GaussianLikelihood:
    """The COHERENT Ar 2020 likelihood of eqs. (2.7)-(2.9) (cached).

    Parameters
    ----------
    n_per_piece : int
        Gauss-Legendre panels per side of the prompt end point (see :func:`recoil_nodes`).
    exposure : {'release', 'paper'}
        POT and active mass (:data:`AR_EXPOSURES`): the release's 13.8e22 POT and 24.4 kg
        (default), or the 13.7e22 POT and 24 kg quoted by arXiv:2202.11002.
    timing : {'normalised', 'window'}
        Time distribution of the CEvNS counts (:data:`AR_TIMING`); 'normalised' reproduces the
        construction of the release template.

    Notes
    -----
    Release defaults give 132.6 SM CEvNS events against the template's 128 (+3.6 %); bins
    10-40 keVee agree with the template within 4 %, the 0-10 keVee bin is 6 % above it.
    """
    if timing not in AR_TIMING:
        raise InputError(f"unknown Ar timing {timing!r}; use one of {AR_TIMING}")
    det = ar_detector(exposure)
    observed = _ar3d("datanobkgsub.txt")
    bkg = {"SS": _ar3d("bkgpdf.txt"), "PBRN": _ar3d("brnpdf.txt"), "DBRN": _ar3d("delbrnpdf.txt")}
    shapes = {}
    for name, (comp, sys_file, cv_file) in AR_SHAPES.items():
        sys_, cv = _ar3d(sys_file), _ar3d(cv_file)
        shapes[name] = (comp, np.where(cv > 0, (sys_ - cv) / np.where(cv > 0, cv, 1.0), 0.0))
    time = {k: time_fractions(AR_T_EDGES, *AR_BEAM, k) for k in ("prompt", "delayed")}

    def response(T, nuc):
        return ar_energy_response(ar_electron_equivalent(T), AR_E_EDGES)

    nodes, kernels = _kernels(det, response, n_per_piece)
    meta = {
        "template_cevns": _ar3d("cevnspdf.txt"),
        "exposure": exposure,
        "timing": timing,
        "n_pot": det.exposure["n_pot"],
        "mass_kg": det.mass_kg,
    }
    if timing == "normalised":
        meta["window_fraction"] = {k: float(v.sum()) for k, v in time.items()}
        time = {k: v / v.sum() for k, v in time.items()}
    return GaussianLikelihood(
        detector=det,
        energy_edges=AR_E_EDGES,
        time_edges=AR_T_EDGES,
        observed=observed,
        backgrounds=bkg,
        sigmas=published.load("coherent_nuisances")["Ar"],
        time=time,
        nodes=nodes,
        kernels=kernels,
        energy_label="reconstructed energy [keVee]",
        shapes=shapes,
        variance=observed + bkg["SS"] / 5,
        meta=meta,
    )
