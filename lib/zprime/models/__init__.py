"""Models: vector U(1)' charges and kinetic mixing (:mod:`.vector`), the anomaly-free U(1)_X family (:mod:`.u1x`).

The names of :mod:`zprime.models.vector` are available here: ``models.VectorModel``,
``models.get_model("B-L")``, ``models.G_B(1, 3, 0, 0)``, ...
"""

from zprime.models.vector import (
    CHARGED_LEPTONS,
    FERMIONS,
    FLAVOURS,
    G_B,
    NEUTRINOS,
    QUARKS,
    SHORT_FERMIONS,
    TABLE1_MODELS,
    G,
    ModelError,
    VectorModel,
    as_model,
    atzori_corona_table1,
    bernal_farzan2023,
    bernal_farzan2023_mixing,
    check_coupling_and_mass,
    dark_photon,
    farzan2015,
    get_model,
    loop_kinetic_mixing,
    universal,
)

__all__ = [
    "QUARKS",
    "CHARGED_LEPTONS",
    "FLAVOURS",
    "NEUTRINOS",
    "FERMIONS",
    "SHORT_FERMIONS",
    "ModelError",
    "check_coupling_and_mass",
    "VectorModel",
    "G",
    "G_B",
    "farzan2015",
    "bernal_farzan2023",
    "bernal_farzan2023_mixing",
    "universal",
    "dark_photon",
    "TABLE1_MODELS",
    "get_model",
    "atzori_corona_table1",
    "loop_kinetic_mixing",
    "as_model",
]
