"""The XENONnT SR0+SR1 release of 2024: official 8B and WIMP templates, events, spectra and priors.

Release: XENONnT, github.com/XENONnT/light_wimp_data_release @ a09cd8fd (Zenodo 10.5281/zenodo.14522706);
paper: "First Search for Light Dark Matter in the Neutrino Fog with XENONnT", PRL 134 (2025) 111802
[arXiv:2409.17868].  Its data and background model are those of the first measurement of solar 8B
CEvNS, PRL 133 (2024) 191002 [arXiv:2408.02877].  Every file is read through :mod:`zprime.data`,
verified against the release's own SHA256SUMS.

Unlike the 2026 release (:mod:`.release`), which ships mono-energetic efficiencies to fold any
spectrum with, this one ships the collaboration's own signal templates: the SM solar 8B CEvNS and
spin-independent WIMPs of 3-12 GeV, in events per tonne-year per bin on the same 7 x 7 grid of the
light- and charge-yield nuisances (tly, tqy), and the recoil spectra behind them.  The analysis
bins (3 x 3 x 3 x 3 in cS2, S2 shadow quantile, S1 and S2 BDT scores) are those of the 2026
release for SR0 and SR1.

The likelihood configuration (``data/statistical_model_base.yaml``, for XENONnT's alea) gives the
livetimes and the nuisance priors read by :func:`prior`: 8B flux 3.81 % (the SNO NC flux, PRC 88
(2013) 025501), signal efficiency 25 % (8B and WIMPs alike), AC 9.04 % (SR0) and 5.76 % (SR1),
ER 100 %, radiogenic neutrons 58 %, tly and tqy unit Gaussians.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache

import numpy as np

from zprime import data, validation
from zprime.experiments.xenonnt.release import N_BINS, YIELD_GRID, _grid_name, _template
from zprime.units import keV

RELEASE_2024 = "xenonnt/light_wimp_data_release/"
RUNS_2024 = ("sr0", "sr1")
#: WIMP masses (GeV) with official SI templates in the release.
WIMP_MASSES_2024 = (3, 4, 5, 6, 8, 10, 12)
#: The 8B flux (cm^-2 s^-1) of the official templates at b8_rate_multiplier = 1: SNO's NC flux
#: 5.25e6 (PRC 88 (2013) 025501), the measurement whose 3.81 % error is the release's 8B prior
#: (statistical_model_base.yaml cites it).
FLUX_8B_NOMINAL = 5.25e6
#: The analysis-space names of the configuration, in the order of the 2026 release's observables.
_SPACE = ("cs2", "s2_shadow_s2_time_shadow", "s1_bdt_score", "s2_bdt_score")


def _run(run: str) -> str:
    return validation.choice("run", run, RUNS_2024)


@cache
def config() -> dict:
    """The release's likelihood configuration (``data/statistical_model_base.yaml``)."""
    import yaml

    with open(data.path(RELEASE_2024 + "data/statistical_model_base.yaml")) as fh:
        return yaml.safe_load(fh)


def livetime(run: str) -> float:
    """Livetime of ``run`` in tonne-years (``livetime_<run>`` of the configuration)."""
    return float(config()["parameter_definition"][f"livetime_{_run(run)}"]["nominal_value"])


def prior(name: str) -> float | None:
    """The relative (or, for tly and tqy, absolute) Gaussian width of nuisance ``name`` of the
    configuration ("b8_rate_multiplier", "signal_efficiency", "ac_sr0_rate_multiplier", ...);
    None where it has none."""
    pars = config()["parameter_definition"]
    name = validation.choice("name", name, list(pars))
    u = pars[name].get("uncertainty")
    return None if u is None else float(u)


def _edges(text: str) -> np.ndarray:
    hit = re.fullmatch(r"np\.linspace\(\s*([-\d.e]+)\s*,\s*([-\d.e]+)\s*,\s*(\d+)\s*\)", text.strip())
    if hit:
        return np.linspace(float(hit[1]), float(hit[2]), int(hit[3]))
    return np.array([float(x) for x in text.split()])


@cache
def binning_2024(run: str) -> tuple[np.ndarray, ...]:
    """The four bin-edge arrays of ``run`` from the configuration's analysis space."""
    run = _run(run)
    term = next(t for t in config()["likelihood_config"]["likelihood_terms"] if t["name"] == run.upper())
    space = {k: v for item in term["analysis_space"] for k, v in item.items()}
    return tuple(_edges(space[k]) for k in _SPACE)


@cache
def observed_2024(run: str) -> np.ndarray:
    """Observed events of ``run`` in the 81 bins: the unblinded events of ``data/real_data.pkl``.

    The file is a pickle (a list: SR0 events, SR1 events, the nominal nuisance values); it is read
    only after :mod:`zprime.data` has verified its checksum against the release's.
    """
    import pickle

    run = _run(run)
    with open(data.path(RELEASE_2024 + "data/real_data.pkl"), "rb") as fh:
        events = pickle.load(fh)[RUNS_2024.index(run)]  # noqa: S301 - checksum-verified release file
    x = np.column_stack([np.asarray(events[k], dtype=float) for k in _SPACE])
    counts, _ = np.histogramdd(x, bins=binning_2024(run))
    if counts.sum() != len(x):
        raise data.DataError(f"{run}: {len(x) - int(counts.sum())} events of the 2024 release fall outside its bins")
    return counts.ravel()


def _h5(path: str) -> np.ndarray:
    return _template(path, RELEASE_2024)


@cache
def background(kind: str, run: str) -> np.ndarray:
    """Background template ``kind`` ("ac" or "er") of ``run``, events per tonne-year per bin, (81,)."""
    kind = validation.choice("kind", kind, ("ac", "er"))
    run = _run(run)
    return _h5(f"data/{kind}/template_XENONnT_{run}_{kind}_cevns.h5")


def template_grid(kind: str, run: str, mass: float | None = None) -> np.ndarray:
    """Template on the (tly, tqy) grid, (7, 7, 81), events per tonne-year per bin: "b8" (SM solar
    8B CEvNS at :data:`FLUX_8B_NOMINAL`), "rg" (radiogenic neutrons) or "wimp_si" (a WIMP of
    ``mass`` GeV, one of :data:`WIMP_MASSES_2024`, at sigma_n = 1e-45 cm^2)."""
    kind = validation.choice("kind", kind, ("b8", "rg", "wimp_si"))
    run = _run(run)
    if kind == "wimp_si":
        m = validation.RULES["positive scalar"]("mass", mass)
        if m not in WIMP_MASSES_2024:
            raise validation.InputError(
                f"mass must be one of {WIMP_MASSES_2024} GeV for the WIMP templates, got {mass}"
            )
        return _template_grid(f"wimp_si/template_XENONnT_{run}_wimp_si_{int(m)}_cevns")
    return _template_grid(f"{kind}/template_XENONnT_{run}_{kind}_cevns")


@cache
def _template_grid(stem: str) -> np.ndarray:
    n = len(YIELD_GRID)
    out = np.empty((n, n, N_BINS))
    for i, t in enumerate(YIELD_GRID):
        for j, q in enumerate(YIELD_GRID):
            out[i, j] = _h5(f"data/{stem}_{_grid_name(t, q)}.h5")
    return out


@cache
def spectrum(name: str) -> tuple[np.ndarray, np.ndarray, float]:
    """A recoil spectrum behind the official templates: (T [GeV], dR/dT [/t/y/GeV], sigma_n [cm^2] or 0).

    ``name``: "cevns" or "wimp_si_<M>".  The files store an inverse CDF (recoil energy in keV at
    501 or 301 CDF values) and the rate above the first energy (/t/y); dR/dT at the midpoints of
    consecutive energies is rate x dCDF/dT.
    """
    with open(
        data.path(
            f"{RELEASE_2024}data/signal/{name}_spectrum.json"
            if name == "cevns"
            else f"{RELEASE_2024}data/signal/{name.replace('wimp_si_', 'wimp_si_spectrum_')}.json"
        )
    ) as fh:
        raw = json.load(fh)
    E = np.asarray(raw["map"], dtype=float) * keV
    cdf = np.asarray(raw["coordinate_system"], dtype=float)
    keep = np.diff(E) > 0
    mid = 0.5 * (E[1:] + E[:-1])[keep]
    dens = float(raw["rate"]) * (np.diff(cdf)[keep] / np.diff(E)[keep])
    return mid, dens, float(raw.get("sigma", 0.0))


@cache
def si_limits_2024() -> dict[float, dict[str, float]]:
    """The published SI limits of Fig. 3 (limits/XENONnT_2024_SI.csv): {mass GeV: {"upper_limit_cm2",
    "unconstrained_upper_limit_cm2", "sensitivity_median_cm2"}} (90 % C.L.; the first is power-constrained)."""
    with open(data.path(RELEASE_2024 + "limits/XENONnT_2024_SI.csv")) as fh:
        rows = list(csv.DictReader(fh))
    keys = ("upper_limit_cm2", "unconstrained_upper_limit_cm2", "sensitivity_median_cm2")
    return {float(r["dm_mass_gev"]): {k: float(r[k]) for k in keys} for r in rows}
