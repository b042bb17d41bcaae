"""COHERENT CsI[Na] 2017, CsI[Na] 2021 and CENNS-10 (Ar) 2020: detector response, binned CEvNS counts, chi2.

Implements section 2 of Atzori Corona et al., arXiv:2202.11002: the binned prediction of
eq. (2.4) distributed in time with the pion and muon decay laws, the Poissonian chi2 of
eq. (2.6) for CsI and the Gaussian chi2 of eqs. (2.7)-(2.9) for Ar.  The inputs are the
public data releases (arXiv:2110.07730 ancillary files for CsI, arXiv:2006.12659 /
Zenodo 3903810 for Ar), read through :mod:`zprime.data`.

Everything that does not depend on the model is computed once, when a likelihood is built:
the recoil-energy nodes, the flux-folded kinematic kernels, the detector response into the
analysis bins and the timing fractions.  A model enters only through its weak charges at the
nodes (a *hook*, see :class:`zprime.observables.cevns.Nodes`), so that the counts of many parameter
points are a few matrix products and the nuisance profiling is vectorised over points.

Modules: :mod:`.timing` (arrival laws), :mod:`.detectors` (targets, recoil nodes, kernels),
:mod:`.likelihood` (Poisson and Gaussian chi^2), and one module per data release,
:mod:`.csi2021_release`, :mod:`.csi2017_release`, :mod:`.ar2020_release`.  Their public names
are available here (``coherent.csi2021()``, ``coherent.likelihood("Ar")``, ...).

Units: GeV = 1 inside the library; energies in the data files are in keVee / PE and times
in microseconds, converted where read.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from zprime import validation
from zprime.experiments.coherent.ar2020_release import (
    AR_BEAM,
    AR_E_EDGES,
    AR_EFFICIENCY_MAX_KEV,
    AR_FIT_FORMS,
    AR_QF,
    AR_RESOLUTION,
    AR_SHAPES,
    AR_T_EDGES,
    AR_TIMING,
    ar2020,
    ar_efficiency,
    ar_electron_equivalent,
    ar_energy_response,
    release_fit_forms,
    release_normalisation_fit,
    spread_over_f90,
    template_flavour_weights,
)
from zprime.experiments.coherent.csi2017_release import (
    CSI17_N_POT,
    CSI17_PE_EDGES,
    CSI17_T_EDGES,
    csi2017,
    csi2017_acceptance,
    csi2017_parameters,
    csi2017_pe_response,
    csi2017_steady_state,
)
from zprime.experiments.coherent.csi2021_release import (
    CSI_BEAM_SIGMA,
    CSI_BRN_EVENTS,
    CSI_LIGHT_YIELD,
    CSI_NIN_EVENTS,
    CSI_PE_EDGES,
    CSI_RESOLUTION_B,
    CSI_T_EDGES,
    csi2021,
    csi_efficiency,
    csi_efficiency_coefficients,
    csi_electron_equivalent,
    csi_nin_timing,
    csi_pe_density,
    csi_pe_response,
    csi_quenching_coefficients,
    csi_time_efficiency,
    fit_csi_beam_offset,
)
from zprime.experiments.coherent.detectors import (
    AR_EXPOSURES,
    DETECTORS,
    Detector,
    ar_detector,
    differential_rate,
    recoil_nodes,
)
from zprime.experiments.coherent.likelihood import GaussianLikelihood, Likelihood, PoissonLikelihood
from zprime.experiments.coherent.timing import arrival_cdf, time_fractions
from zprime.models import VectorModel
from zprime.types import Real
from zprime.validation import InputError, InputTypeError, choice

__all__ = [
    "AR_BEAM",
    "AR_E_EDGES",
    "AR_EFFICIENCY_MAX_KEV",
    "AR_QF",
    "AR_RESOLUTION",
    "AR_SHAPES",
    "AR_T_EDGES",
    "AR_TIMING",
    "ar2020",
    "strip_and_cancellation",
    "release_fit_forms",
    "release_normalisation_fit",
    "template_flavour_weights",
    "spread_over_f90",
    "AR_FIT_FORMS",
    "ar_efficiency",
    "ar_electron_equivalent",
    "ar_energy_response",
    "CSI17_N_POT",
    "CSI17_PE_EDGES",
    "CSI17_T_EDGES",
    "csi2017",
    "csi2017_acceptance",
    "csi2017_parameters",
    "csi2017_pe_response",
    "csi2017_steady_state",
    "CSI_BEAM_SIGMA",
    "CSI_BRN_EVENTS",
    "CSI_LIGHT_YIELD",
    "CSI_NIN_EVENTS",
    "CSI_PE_EDGES",
    "CSI_RESOLUTION_B",
    "CSI_T_EDGES",
    "csi2021",
    "csi_efficiency",
    "csi_efficiency_coefficients",
    "csi_electron_equivalent",
    "csi_pe_density",
    "csi_pe_response",
    "csi_quenching_coefficients",
    "csi_time_efficiency",
    "csi_nin_timing",
    "fit_csi_beam_offset",
    "AR_EXPOSURES",
    "DETECTORS",
    "Detector",
    "ar_detector",
    "differential_rate",
    "recoil_nodes",
    "GaussianLikelihood",
    "Likelihood",
    "PoissonLikelihood",
    "arrival_cdf",
    "time_fractions",
    "DATASETS",
    "likelihood",
    "chi2_vector",
]

#: Data sets by name: 'CsI' is the 2021 full data set, 'CsI2017' the first observation.
DATASETS = ("CsI", "Ar", "CsI2017")


def likelihood(name: str) -> Likelihood:
    """The default likelihood of a COHERENT data set, built once and cached.

    Parameters
    ----------
    name : {"CsI", "Ar", "CsI2017"}
        CsI[Na] 2021 (Poisson, eq. (2.6) of arXiv:2202.11002), CENNS-10 Ar 2020 (Gaussian,
        eqs. (2.7)-(2.9)) or CsI[Na] 2017 (the Greljo et al. setting).

    Returns
    -------
    Likelihood
        Its ``predict_vector(model, g, M)`` gives CEvNS counts per (energy, time) bin and
        ``chi2(counts)`` the chi^2 profiled over the nuisances.

    Examples
    --------
    >>> from zprime.experiments import coherent
    >>> L = coherent.likelihood("CsI")
    >>> L.observed.shape, round(float(L.chi2(L.sm)), 2)   # 9 energy x 11 time bins; the SM chi^2
    ((9, 11), 104.21)
    """
    name = choice("COHERENT data set", name, DATASETS)
    return {"CsI": csi2021, "Ar": ar2020, "CsI2017": csi2017}[name]()


def chi2_vector(
    model: VectorModel,
    g: Real,
    M: Real,
    datasets: Sequence[str] = ("CsI", "Ar"),
    *,
    loop_mixing: bool = False,
    mu: float | None = None,
    progress: bool = False,
) -> np.ndarray:
    """Sum over ``datasets`` of the profiled chi2 for a vector mediator; shape of broadcast(g, M).

    Each data set has its own nuisances (profiled separately), so the combined chi2 is the sum.
    """
    if isinstance(datasets, str):
        datasets = (datasets,)
    try:
        datasets = tuple(choice("datasets", d, DATASETS) for d in datasets)
    except TypeError:
        raise InputTypeError(
            f"datasets must be a data-set name or a sequence of names from {DATASETS}, got {datasets!r}"
        ) from None
    if not datasets or len(set(datasets)) != len(datasets):
        raise InputError(f"datasets must name distinct COHERENT data sets from {DATASETS}, got {datasets}")
    total = np.zeros(())
    for name in datasets:
        L = likelihood(name)
        total = total + np.asarray(
            L.chi2(L.predict_vector(model, g, M, loop_mixing=loop_mixing, mu=mu, progress=progress))
        )
    return total


def strip_and_cancellation(
    model: VectorModel,
    M: float,
    k_guess: float,
    likelihoods: Sequence[Likelihood],
    *,
    loop_mixing: bool = False,
    n: int = 600,
) -> tuple[float, float]:
    """The cancellation line and the allowed strip of a model with destructive interference, in full.

    Along g = k M at mass M (GeV), the total CEvNS count of ``likelihoods`` falls to a minimum (the
    cancellation, Q_SM+V ~ 0) and returns to the SM total at the strip (Q_SM+V ~ -Q_SM), the lines
    that eqs. (4.1)-(4.6) of arXiv:2202.11002 give without form factors.  Searched on a log grid
    of ``n`` points over k in [0.2, 3] x ``k_guess``.

    Returns
    -------
    (k_strip, k_cancellation) : tuple of float
        In GeV^-1, to the grid's resolution (0.45 %).
    """
    k_guess = validation.RULES["positive scalar"]("k_guess", k_guess)
    M = validation.RULES["positive scalar"]("mass M", M)
    gg = np.geomspace(0.2, 3, n) * k_guess * M
    counts = sum(
        L.predict_vector(model, gg, np.full_like(gg, M), loop_mixing=loop_mixing).sum(axis=(-1, -2))
        for L in likelihoods
    )
    n_sm = sum(L.sm.sum() for L in likelihoods)
    i_min = int(np.argmin(counts))
    back = i_min + int(np.argmax(counts[i_min:] >= n_sm))
    if back == i_min:
        raise InputError(f"the total CEvNS count does not return to the SM within 3 x k_guess = {3 * k_guess:g}/GeV")
    return float(gg[back] / M), float(gg[i_min] / M)
