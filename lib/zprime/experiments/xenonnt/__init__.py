"""XENONnT solar-8B CEvNS (SR0, SR1, SR2): release I/O, recoil spectra, extended binned likelihood.

:mod:`.release` reads the public release (events, binning, templates) and folds recoil spectra
with the mono-energetic efficiency templates; :mod:`.signal` computes solar CEvNS (SM or any
model hook) and spin-independent WIMP spectra on natural xenon; :mod:`.likelihood` is the
extended binned Poisson likelihood over the 81 bins of each science run.
"""

from zprime.experiments.xenonnt.release import (
    EXPOSURE_T_Y,
    MONO_ENERGIES,
    RUNS,
    YIELD_GRID,
    Templates,
    binning,
    fold,
    hat_weights,
    interpolate_yields,
    observed,
    recoil_nodes,
    templates,
)
from zprime.experiments.xenonnt.signal import cevns_rate, eta_shm, wimp_rate, xenon_isotopes

__all__ = [
    "EXPOSURE_T_Y",
    "MONO_ENERGIES",
    "RUNS",
    "YIELD_GRID",
    "Templates",
    "binning",
    "fold",
    "hat_weights",
    "interpolate_yields",
    "observed",
    "recoil_nodes",
    "templates",
    "cevns_rate",
    "eta_shm",
    "wimp_rate",
    "xenon_isotopes",
]

from zprime.experiments.xenonnt.likelihood import (  # noqa: E402
    DCHI2_90_TWO_SIDED,
    SIGMA_8B,
    SIGMA_AC,
    XenonLikelihood,
    model_weights,
    vector_weights,
    wimp_upper_limit,
)

__all__ += [
    "DCHI2_90_TWO_SIDED",
    "SIGMA_8B",
    "SIGMA_AC",
    "XenonLikelihood",
    "model_weights",
    "vector_weights",
    "wimp_upper_limit",
]
