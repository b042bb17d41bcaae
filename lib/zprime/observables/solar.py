"""Solar neutrino fluxes and spectra of the B16 standard solar models (for direct detection).

Total fluxes: Vinyoles et al., ApJ 835 (2017) 202 [arXiv:1611.09867], file ``fluxes_b16.dat``.
Spectral shapes: 8B from Winter et al., PRC 73 (2006) 025503; hep from Bahcall, PRC 56 (1997) 3391.
The flavour content at Earth comes from :func:`zprime.observables.nue.solar_flavour_fractions`
(adiabatic MSW averaged over the production region of each source).

Units: GeV = 1.  A flux is returned in GeV^3 (per area per time), a spectrum dPhi/dE in GeV^2.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import data, validation
from zprime.units import MeV, cm, s

_DIR = "aux/solar_earth_matter/"
#: Row of each source in fluxes_b16.dat and the unit of its flux (cm^-2 s^-1).
_FLUX_ROWS = {
    "pp": (0, 1e10),
    "pep": (1, 1e8),
    "hep": (2, 1e3),
    "7Be": (3, 1e9),
    "8B": (4, 1e6),
    "13N": (5, 1e8),
    "15O": (6, 1e8),
    "17F": (7, 1e6),
}
_MODELS = {"B16-GS98": 0, "B16-AGSS09met": 2}
#: Sources whose spectral shape is shipped (continuous spectra above the CEvNS threshold on xenon).
SPECTRA = ("8B", "hep")


@cache
def _flux_table() -> np.ndarray:
    return np.loadtxt(data.path(_DIR + "fluxes_b16.dat"), comments="#")


def total_flux(source: str, model: str = "B16-GS98") -> tuple[float, float]:
    """Total flux of a solar-neutrino source in a standard solar model, with its relative error.

    B16-GS98 8B: 5.46e6 cm^-2 s^-1 +- 12 %; hep: 7.98e3 cm^-2 s^-1 +- 30 % (arXiv:1611.09867, Table 6).

    Parameters
    ----------
    source : str
        "8B", "hep", "7Be", "pp", ... (a row of the B16 table).
    model : {"B16-GS98", "B16-AGSS09met"}
        The solar model.

    Returns
    -------
    (float, float)
        The flux in GeV^3 (per cm^2 s converted with :mod:`zprime.units`) and its relative
        1-sigma error.

    Examples
    --------
    >>> from zprime.observables import solar
    >>> from zprime.units import cm, s
    >>> phi, err = solar.total_flux("8B")
    >>> f"{phi * cm**2 * s:.3g} per cm^2 s, +- {err:.0%}"
    '5.46e+06 per cm^2 s, +- 12%'
    """
    source = validation.choice("source", source, _FLUX_ROWS)
    model = validation.choice("model", model, _MODELS)
    row, unit = _FLUX_ROWS[source]
    col = _MODELS[model]
    tab = _flux_table()
    return float(tab[row, col] * unit / (cm**2 * s)), float(tab[row, col + 1])


@cache
def _shape(source: str) -> tuple[np.ndarray, np.ndarray]:
    """(E [GeV], normalised dP/dE [GeV^-1]) of a continuous solar spectrum."""
    if source == "8B":
        E, lam, _ = np.loadtxt(data.path(_DIR + "8B_shape_Winter_et_al.csv"), delimiter=",", comments="#").T
        p = lam * 1e-3  # lambda [1e-3 / MeV], integrates to 1000
    else:
        E, p = np.loadtxt(data.path(_DIR + "hep_shape.csv"), delimiter=",", comments="#").T
    p = p / np.trapezoid(p, E)  # normalise exactly on the tabulated grid
    return E * MeV, p / MeV


def spectrum(source: str, E: ArrayLike, model: str = "B16-GS98") -> np.ndarray:
    """Differential flux dPhi/dE of a solar-neutrino source: its spectral shape times :func:`total_flux`.

    Parameters
    ----------
    source : {"8B", "hep"}
        A source with a tabulated spectrum (8B: Winter et al. 2006; hep: Bahcall 1997).
    E : array_like
        Neutrino energies in GeV.
    model : str
        The solar model of the normalisation.

    Returns
    -------
    ndarray
        dPhi/dE in GeV^2, shape of ``E``; zero outside the table.

    Examples
    --------
    >>> from zprime.observables import solar
    >>> from zprime.units import MeV, cm, s
    >>> print(f"{float(solar.spectrum('8B', 10 * MeV)) * cm**2 * s * MeV:.4g} per cm^2 s MeV")
    4.28e+05 per cm^2 s MeV
    """
    source = validation.choice("source", source, SPECTRA)
    E = validation.nonnegative("neutrino energy E", E, "GeV")
    grid, p = _shape(source)
    return total_flux(source, model)[0] * np.interp(E, grid, p, left=0.0, right=0.0)


def energy_range(source: str) -> tuple[float, float]:
    """(E_min, E_max) in GeV of the tabulated spectrum of ``source``."""
    grid, _ = _shape(validation.choice("source", source, SPECTRA))
    return float(grid[0]), float(grid[-1])
