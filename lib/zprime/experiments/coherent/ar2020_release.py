"""COHERENT CENNS-10 Ar 2020, analysis A (arXiv:2003.10630; release Zenodo 3903810): response, likelihood."""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np
from numpy.typing import ArrayLike

from zprime import data, published
from zprime.experiments.coherent.detectors import _kernels, _sum_into_bins, ar_detector
from zprime.experiments.coherent.likelihood import GaussianLikelihood, _safe_log_ratio
from zprime.experiments.coherent.timing import time_fractions
from zprime.units import keV
from zprime.validation import InputError, checks, nonnegative, vector

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
    z = (x[None, :] - E[:, None]) / sig[:, None]
    gauss = np.exp(-(z**2) / 2.0) / np.sqrt(2 * np.pi) / sig[:, None]  # the normal density (as scipy.stats.norm.pdf)
    dens = gauss * ar_efficiency(x * keV) * step
    return np.where(E[:, None] > 1e-6, _sum_into_bins(x, dens, edges_keV), 0.0)


#: Ar analysis binning (Zenodo 3903810): 12 x 10 keVee bins, 10 x 0.5 us t_trig bins.
AR_E_EDGES = np.arange(0, 121, 10, dtype=float)
AR_T_EDGES = np.arange(-0.1, 5.0, 0.5)


def _ar3d_full(name):
    """A 3-D release file, (12 energy, 8 F90, 10 time)."""
    return np.loadtxt(data.path(_AR + name))[:, 3].reshape(12, 8, 10)


def _ar3d(name):
    """A 3-D release file summed over F90: (12 energy, 10 time)."""
    return _ar3d_full(name).sum(axis=1)


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


# --- COHERENT's own fit of the release: the free CEvNS normalisation in four likelihood forms -----

#: Shape systematics of the release's fit (Table 3 of arXiv:2006.12659): nuisance -> (component,
#: +1 sigma file, -1 sigma file or None for a one-sided variation).
AR_SHAPES_TWO_SIDED = {
    "CEvNS_F90": ("CEvNS", "cevnspdf+1sigF90.txt", "cevnspdf-1sigF90.txt"),
    "CEvNS_t_mean": ("CEvNS", "cevnspdfCEvNSTimingMeanSyst.txt", None),
    "PBRN_E": ("PBRN", "brnpdf+1sigEnergy.txt", "brnpdf-1sigEnergy.txt"),
    "PBRN_t_mean": ("PBRN", "brnpdf+1sigBRNTimingMean.txt", "brnpdf-1sigBRNTimingMean.txt"),
    "PBRN_t_width": ("PBRN", "brnpdfBRNTimingWidthSyst.txt", None),
}

#: Likelihood forms of :func:`release_normalisation_fit`: bins and statistic.
AR_FIT_FORMS = {
    "2-D Gaussian (eq. (2.7))": (2, "gauss"),
    "2-D Poisson": (2, "poisson"),
    "3-D Gaussian": (3, "gauss"),
    "3-D Poisson (COHERENT)": (3, "poisson"),
}


@cache
def _release_fit_inputs(shapes: str):
    cv = {"CEvNS": _ar3d_full("cevnspdf.txt"), "PBRN": _ar3d_full("brnpdf.txt")}
    rel = {}
    for name, (comp, plus, minus) in AR_SHAPES_TWO_SIDED.items():
        base = cv[comp]
        up = _ar3d_full(plus)
        if shapes == "one-sided" or minus is None:
            shift = up - base
        else:
            # a shape file carries no rate: the +1 sigma timing-mean file totals 523.7 against the
            # CV's 497, so each side is brought to the CV total before the half difference is taken
            down = _ar3d_full(minus)
            shift = 0.5 * (up * base.sum() / up.sum() - down * base.sum() / down.sum())
        rel[name] = (comp, np.divide(shift, base, out=np.zeros_like(base), where=base > 0))
    other = {"SS": _ar3d_full("bkgpdf.txt"), "DBRN": _ar3d_full("delbrnpdf.txt")}
    return _ar3d_full("datanobkgsub.txt"), cv, other, rel


def spread_over_f90(counts: ArrayLike) -> np.ndarray:
    """Ar CEvNS counts (12 energy, 10 time) spread over the 8 F90 bins as the release template is.

    Each (energy, time) bin is shared out in the template's F90 fractions of that bin (nuclear
    recoils: the F90 distribution depends on energy only); bins the template leaves empty get
    equal fractions.  Returns shape (12, 8, 10).
    """
    N = nonnegative("counts", counts)
    if N.shape != (12, 10):
        raise InputError(f"counts must have the Ar bin shape (12, 10), got {N.shape}")
    T = _ar3d_full("cevnspdf.txt")
    tot = T.sum(axis=1, keepdims=True)
    frac = np.divide(T, tot, out=np.full_like(T, 1 / 8), where=tot > 0)
    return N[:, None, :] * frac


def release_normalisation_fit(
    cevns: ArrayLike | None = None, *, form: str = "3-D Poisson (COHERENT)", shapes: str = "two-sided"
) -> dict:
    """Fit a free CEvNS scale s to the Ar data in one of four likelihood forms.

    The model of every bin is, as in eq. (2.7), s N_CEvNS (1 + sum_l eps_l d_l) + (1 + eta_SS) N_SS
    + (1 + eta_PBRN + sum_l eps_l d_l) N_PBRN + (1 + eta_DBRN) N_DBRN, with Gaussian priors
    on the rate nuisances (the widths of eq. (2.7), equal to the YAML's 25/3154, 160/497, 33/33) and
    unit Gaussians on the shape nuisances eps_l.  COHERENT's own fit (arXiv:2003.10630) is the 3-D
    (energy, F90, t_trig) binned Poisson likelihood with two-sided shape variations; the fit of
    eqs. (2.7)-(2.9) of arXiv:2202.11002 is the 2-D (F90 summed) Gaussian with one-sided shapes.

    Parameters
    ----------
    cevns : array_like, shape (12, 10) or (12, 8, 10), optional
        The CEvNS prediction scaled by s; a 2-D one is spread over F90 by :func:`spread_over_f90`.
        Default: the release template (128 events).
    form : str
        One of :data:`AR_FIT_FORMS`.
    shapes : {'two-sided', 'one-sided'}
        Shape shifts d_l: half the difference of the +-1 sigma files (each at the CV total) where
        both exist, or the +1 sigma file alone (eq. (2.9)).

    Returns
    -------
    dict
        ``scale`` and its MINOS 1-sigma interval ``scale_1sigma``, the fitted CEvNS ``events`` and
        ``events_1sigma``, and ``chi2_min``.
    """
    from iminuit import Minuit

    if form not in AR_FIT_FORMS:
        raise InputError(f"unknown form {form!r}; use one of {tuple(AR_FIT_FORMS)}")
    if shapes not in ("two-sided", "one-sided"):
        raise InputError(f"shapes must be 'two-sided' or 'one-sided', got {shapes!r}")
    dims, statistic = AR_FIT_FORMS[form]
    observed, cv, other, rel = _release_fit_inputs(shapes)
    if cevns is None:
        S = cv["CEvNS"]
    else:
        S = nonnegative("cevns (CEvNS counts)", cevns)
        S = spread_over_f90(S) if S.shape == (12, 10) else S
        if S.shape != (12, 8, 10):
            raise InputError(f"cevns must be counts of shape (12, 10) or (12, 8, 10), got {S.shape}")
    reduce = (lambda x: x) if dims == 3 else (lambda x: x.sum(axis=1))
    comps = {"CEvNS": S, "PBRN": cv["PBRN"]}
    # design: the bin contents are linear in every parameter
    base = {k: reduce(v) for k, v in {**comps, **other}.items()}
    shape_rows = [reduce(comps[comp] * d) for comp, d in rel.values()]
    n = reduce(observed)
    variance = n + reduce(other["SS"]) / 5  # eq. (2.8)
    sig = published.load("coherent_nuisances")["Ar"]
    widths = np.array([sig["SS"], sig["PBRN"], sig["DBRN"]])

    def expected(x):
        s, eta, eps = x[0], x[1:4], x[4:]
        lam = s * base["CEvNS"] + (1 + eta[0]) * base["SS"] + (1 + eta[2]) * base["DBRN"]
        lam = lam + (1 + eta[1]) * base["PBRN"]
        for e, (comp, _), row in zip(eps, rel.values(), shape_rows):
            lam = lam + e * (s if comp == "CEvNS" else 1.0) * row
        return lam

    def chi2(x):
        lam = expected(x)
        if statistic == "gauss":
            val = np.sum((n - lam) ** 2 / variance)
        elif np.any(lam <= 0):
            return 1e30
        else:
            val = 2 * np.sum(lam - n + _safe_log_ratio(n, lam))
        return val + np.sum((np.asarray(x[1:4]) / widths) ** 2) + np.sum(np.square(x[4:]))

    m = Minuit(chi2, np.r_[1.0, np.zeros(3 + len(rel))])
    m.errordef = Minuit.LEAST_SQUARES
    m.strategy = 2
    m.migrad()
    m.minos(0)
    if not (m.valid and m.merrors[0].is_valid):
        raise RuntimeError(f"Ar normalisation fit did not converge ({form}): {m.fmin}")
    s, me = float(m.values[0]), m.merrors[0]
    lo, hi = s + me.lower, s + me.upper
    total = float(S.sum())
    return {
        "scale": s,
        "scale_1sigma": [lo, hi],
        "events": s * total,
        "events_1sigma": [lo * total, hi * total],
        "chi2_min": float(m.fval),
    }


def release_fit_forms(cevns: ArrayLike) -> dict:
    """:func:`release_normalisation_fit` of the release template and of ``cevns`` in every form.

    Returns ``{"<form>, <shapes>": {"template": fit, "ours": fit}}`` over :data:`AR_FIT_FORMS` and
    one- and two-sided shapes.
    """
    return {
        f"{form}, {shapes}": {
            pred: release_normalisation_fit(N, form=form, shapes=shapes)
            for pred, N in (("template", None), ("ours", cevns))
        }
        for form in AR_FIT_FORMS
        for shapes in ("one-sided", "two-sided")
    }


@checks(n_bins="count")
def template_flavour_weights(likelihood: GaussianLikelihood, n_bins: int = 4) -> tuple[float, float, np.ndarray]:
    """The release template's energy spectrum as alpha x our prompt nu_mu + beta x our delayed part.

    Least squares over the first ``n_bins`` energy bins with Poisson weights (1/template); returns
    (alpha, beta, relative residual per bin).  alpha != beta says the template's flavour mix differs
    from ours, which the energy spectrum shows although the template's time shape cannot.
    """
    if not isinstance(likelihood, GaussianLikelihood) or "template_cevns" not in likelihood.meta:
        raise InputError(f"likelihood must be the Ar likelihood of ar2020(), got {type(likelihood).__name__}")
    if not 2 <= n_bins <= 4:
        raise InputError(f"n_bins must be 2-4 (the template is empty above 40 keVee), got {n_bins}")
    tmpl = likelihood.meta["template_cevns"].sum(axis=1)[:n_bins]
    comp = likelihood.predict(by_component=True)
    prompt = comp["nu_mu"][0].sum(axis=1)[:n_bins]
    delayed = (comp["nu_mubar"][0] + comp["nu_e"][0]).sum(axis=1)[:n_bins]
    w = 1 / np.sqrt(tmpl)
    alpha, beta = np.linalg.lstsq(np.stack([prompt, delayed], 1) * w[:, None], tmpl * w, rcond=None)[0]
    return float(alpha), float(beta), (alpha * prompt + beta * delayed) / tmpl - 1
