"""Composition of the matter neutrinos cross: the Sun (B16 standard solar models) and the Earth (PREM).

NSI potentials depend on the neutron-to-electron ratio Y_n = N_n/N_e of the
medium (N_p = N_e in neutral matter).  The papers quote single numbers
(N_n/N_p = 0.54 at the solar centre in Bernal-Farzan, arXiv:2211.15686,
after Serenelli et al., ApJL 705 (2009) L123); this module computes them from
the published solar-model tables and PREM so that a notebook can show which
definition reproduces a quoted number.

* Sun: B16-GS98 and B16-AGSS09met (Vinyoles et al., ApJ 835 (2017) 202,
  arXiv:1611.09867), structure with the mass fractions of 29 isotopes;
  n_e/N_A = rho sum_i X_i Z_i/A_i, n_n/N_A = rho sum_i X_i (A_i - Z_i)/A_i
  (cm^-3 / N_A).  Production distributions of each neutrino source on
  the radial grid of the ``nudistr`` tables.
* Earth: PREM (Dziewonski-Anderson 1981) with the electron fraction Y_e per
  nucleon; N_n/N_p = (1 - Y_e)/Y_e per layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from zprime import data
from zprime.errors import ZprimeError

_DIR = "aux/solar_earth_matter/"
SOLAR_MODELS = {"B16-GS98": "gs98", "B16-AGSS09met": "agss09"}
#: (Z, A) of the isotopes in the B16 structure tables, in column order after L/Lsun.
B16_ISOTOPES = (
    ("H1", 1, 1),
    ("He4", 2, 4),
    ("He3", 2, 3),
    ("C12", 6, 12),
    ("C13", 6, 13),
    ("N14", 7, 14),
    ("N15", 7, 15),
    ("O16", 8, 16),
    ("O17", 8, 17),
    ("O18", 8, 18),
    ("Ne", 10, 20),
    ("Na", 11, 23),
    ("Mg", 12, 24),
    ("Al", 13, 27),
    ("Si", 14, 28),
    ("P", 15, 31),
    ("S", 16, 32),
    ("Cl", 17, 35),
    ("Ar", 18, 40),
    ("K", 19, 39),
    ("Ca", 20, 40),
    ("Sc", 21, 45),
    ("Ti", 22, 48),
    ("V", 23, 51),
    ("Cr", 24, 52),
    ("Mn", 25, 55),
    ("Fe", 26, 56),
    ("Co", 27, 59),
    ("Ni", 28, 58),
)
#: Columns 5-12 of the B16 ``nudistr`` tables.
NEUTRINO_SOURCES = ("pp", "pep", "hep", "7Be", "8B", "13N", "15O", "17F")


class MatterError(ZprimeError, ValueError):
    """Unknown solar model, neutrino source or weighting."""


@dataclass(frozen=True)
class SolarProfile:
    """Radial profile of one solar model: r/R_sun, rho [g/cm^3], n_e and n_n [N_A cm^-3]."""

    model: str
    r: np.ndarray
    rho: np.ndarray
    n_e: np.ndarray
    n_n: np.ndarray

    @property
    def Y_n(self) -> np.ndarray:
        """N_n/N_e (= N_n/N_p in neutral matter) per zone."""
        return self.n_n / self.n_e


def _solar_key(model: str) -> str:
    try:
        return SOLAR_MODELS[model]
    except KeyError:
        raise MatterError(f"unknown solar model {model!r}; known: {sorted(SOLAR_MODELS)}") from None


@cache
def solar_profile(model: str = "B16-GS98") -> SolarProfile:
    """Electron and neutron densities of a B16 solar model from its structure table."""
    tab = np.loadtxt(data.path(f"{_DIR}struct_b16_{_solar_key(model)}_header.dat"), comments="#")
    if tab.shape[1] != 6 + len(B16_ISOTOPES):
        raise MatterError(f"unexpected number of columns {tab.shape[1]} in the {model} structure table")
    X = tab[:, 6:]
    Z = np.array([z for _, z, _ in B16_ISOTOPES], dtype=float)
    A = np.array([a for _, _, a in B16_ISOTOPES], dtype=float)
    rho = tab[:, 3]
    return SolarProfile(model, tab[:, 1], rho, rho * (X @ (Z / A)), rho * (X @ ((A - Z) / A)))


@cache
def production_distribution(source: str, model: str = "B16-GS98") -> tuple[np.ndarray, np.ndarray]:
    """(r/R_sun, weight) where neutrinos of ``source`` are produced; weights sum to 1."""
    if source not in NEUTRINO_SOURCES:
        raise MatterError(f"unknown neutrino source {source!r}; known: {NEUTRINO_SOURCES}")
    tab = np.loadtxt(data.path(f"{_DIR}nudistr_b16_{_solar_key(model)}.dat"), comments="#")
    w = tab[:, 4 + NEUTRINO_SOURCES.index(source)]
    return tab[:, 0], w / w.sum()


def solar_Y_n(model: str = "B16-GS98", source: str | None = None) -> float:
    """N_n/N_p at the solar centre (innermost zone), or averaged over where ``source`` neutrinos are produced."""
    prof = solar_profile(model)
    if source is None:
        return float(prof.Y_n[0])
    r, w = production_distribution(source, model)
    return float(np.sum(w * np.interp(r, prof.r, prof.Y_n)))


@cache
def earth_prem() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """PREM: r/R_earth, rho [g/cm^3], Y_e (electrons per nucleon)."""
    tab = np.loadtxt(data.path(f"{_DIR}EARTH_MODEL_PREM.dat"))
    return tab[:, 0], tab[:, 1], tab[:, 2]


def earth_Y_n(region: str = "whole") -> float:
    """Mass-weighted N_n/N_p = (1 - Y_e)/Y_e of the Earth: ``whole``, ``core`` or ``mantle`` (PREM layers)."""
    r, rho, ye = earth_prem()
    sel = {"whole": np.ones_like(r, dtype=bool), "core": ye < 0.48, "mantle": ye >= 0.48}
    if region not in sel:
        raise MatterError(f"unknown region {region!r}; use one of {sorted(sel)}")
    s = sel[region]
    # mass in spherical shells: rho r^2 dr, trapezoid weights on the PREM grid
    w = rho * r**2 * np.gradient(r)
    n_p = np.sum((w * ye)[s])
    n_n = np.sum((w * (1 - ye))[s])
    return float(n_n / n_p)


__all__ = [
    "SolarProfile",
    "solar_profile",
    "production_distribution",
    "solar_Y_n",
    "earth_prem",
    "earth_Y_n",
    "SOLAR_MODELS",
    "NEUTRINO_SOURCES",
    "MatterError",
]
