"""Figures of Atzori Corona et al. (arXiv:2202.11002) and the checks around them.

The rates, likelihoods and bounds come from :mod:`zprime.experiments.coherent`,
:mod:`zprime.observables.cevns` and :mod:`zprime.statistics.exclusion`; these functions draw them:
the released CsI timing beside our neutrino laws, the SM spectra beside the data, the differential
rates of Figs. 1 and 3, the loop function of Fig. 2, the Delta chi^2 profiles behind Table 2 and the
exclusion figures 4-8 with the other experiments recast to each model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from zprime import constants as c
from zprime import data, models, plotting
from zprime.experiments import coherent, recast
from zprime.observables import cevns
from zprime.statistics.exclusion import DCHI2_2SIGMA
from zprime.units import MeV, keV

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Fill of "CsI+Ar excluded" in Figs. 4-8: opaque, under the other experiments.
CSI_AR_FILL = plotting.tint("C1", 0.35)
#: The contour style of each data set in Figs. 4-8.
DATASET_STYLE = {"CsI": ("C0", "-"), "Ar": ("C3", "--"), "CsI+Ar": ("k", "-")}


def nin_timing_figure(nin: dict, brn: tuple[np.ndarray, np.ndarray], t0: float) -> Figure:
    """The released CsI NIN t_rec PDF with our delayed-neutrino law at proton-pulse mean ``t0`` (us), the
    prompt nu_mu law and the BRN PDF (``brn`` = (t, weights)), from :func:`coherent.csi_nin_timing` (``nin``)."""
    import matplotlib.pyplot as plt

    t, w, sel, scale = nin["t"], nin["pdf"], nin["window"], nin["scale"]
    tb, wb = brn
    fig, ax = plt.subplots()
    ax.plot(t, w / w[sel].sum(), color="k", lw=1.2, label="NIN $t_\\mathrm{rec}$ PDF (release)")
    ax.plot(t, scale * nin["delayed"] / w[sel].sum(), color=plotting.COLORS["ours"], ls="--",
            label=rf"delayed $\nu$ law, $t_0={t0:.3f}\,\mu$s (ours)")  # fmt: skip
    ax.plot(t, nin["prompt"] * 0.01 / nin["prompt"].max(), color=plotting.COLORS["ours"], ls=":",
            label=r"prompt $\nu_\mu$ law (arb. scale)")  # fmt: skip
    ax.plot(tb, wb / wb.sum() * 0.01 / (wb / wb.sum()).max(), color="0.5", lw=1,
            label="BRN $t_\\mathrm{rec}$ PDF (arb. scale)")  # fmt: skip
    ax.set_xlim(0, 6)
    ax.set_xlabel(r"$t_\mathrm{rec}$ [$\mu$s]")
    ax.set_ylabel("fraction per 10 ns")
    ax.legend()
    return fig


def spectra_figure(L: coherent.Likelihood, name: str, ss_weight: float) -> Figure:
    """Data minus steady-state background in energy and time, with the beam backgrounds, our SM CEvNS and
    (Ar) the release's CEvNS template; error bars sqrt(N + ``ss_weight`` x SS)."""
    import matplotlib.pyplot as plt

    assert L.observed is not None
    data_minus_ss = L.observed - L.backgrounds["SS"]
    err2 = L.observed + ss_weight * L.backgrounds["SS"]
    beam_bkg = {k: v for k, v in L.backgrounds.items() if k != "SS"}
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    for axis, ax in enumerate(axes):
        other = 1 - axis
        edges = L.energy_edges if axis == 0 else L.time_edges
        centres = 0.5 * (edges[1:] + edges[:-1])
        y = data_minus_ss.sum(axis=other)
        dy = np.sqrt(err2.sum(axis=other))
        ax.errorbar(centres, y, yerr=dy, xerr=np.diff(edges) / 2, fmt="o", color="k", ms=3, label="data $-$ SS")
        stack = np.zeros(len(centres))
        for v in beam_bkg.values():
            stack = stack + v.sum(axis=other)
        ax.stairs(stack, edges, color="0.55", label=" + ".join(beam_bkg))
        ax.stairs(stack + L.sm.sum(axis=other), edges, color=plotting.COLORS["ours"], lw=1.5,
                  label="SM CEvNS (ours) + beam bkg")  # fmt: skip
        if "template_cevns" in L.meta:
            label = "CEvNS template (release) + beam bkg"
            template = stack + L.meta["template_cevns"].sum(axis=other)
            ax.stairs(template, edges, color=plotting.COLORS["published"], ls="--", label=label)
        ax.axhline(0, color="0.8", lw=0.5)
        ax.set_xlabel(L.energy_label if axis == 0 else r"time [$\mu$s]")
        ax.set_ylabel("events per bin")
    axes[0].legend(fontsize=7)
    fig.suptitle(f"COHERENT {name}", fontsize=10)
    fig.tight_layout()
    return fig


def rate_figure(det: str, T: np.ndarray, names: Sequence[str], g: float, M: float, loop: dict[str, bool]) -> Figure:
    """Fig. 1: dN/dT_nr of ``det`` for the SM and each vector model of ``names`` at coupling g and mass M
    (GeV), up to just above the largest recoil energy; ``loop`` says which models use their loop mixing."""
    import matplotlib.pyplot as plt

    Tmax = 2 * cevns.E_MAX**2 / cevns.NUCLEI[coherent.DETECTORS[det].isotopes[0]].mass
    TT = T[T < 1.02 * Tmax]
    fig, ax = plt.subplots()
    ax.plot(TT / keV, coherent.differential_rate(det, TT)["total"] * keV, color="k", lw=1.6, label="SM")
    for name in names:
        hook = cevns.vector_hook(models.as_model(models.get_model(name)), g, M, loop_mixing=loop[name])
        ax.plot(TT / keV, coherent.differential_rate(det, TT, hook)["total"] * keV, lw=1.0, label=name)
    ax.set_yscale("log")
    ax.set_xscale("log")
    ax.set_xlabel(r"$T_\mathrm{nr}$ [keV]")
    ax.set_ylabel(r"$dN/dT_\mathrm{nr}$ [1/keV]")
    ax.set_title(f"{det}, $g_{{Z'}}$ = {g:g}, $M_{{Z'}}$ = {M / MeV:g} MeV", fontsize=9)
    ax.legend(fontsize=7)
    return fig


def loop_function_figure(q: np.ndarray) -> Figure:
    """Fig. 2: eps_{beta alpha}(|q|) of eq. (3.20) for L_e - L_mu, L_e - L_tau and L_mu - L_tau (q in GeV),
    from :func:`zprime.models.loop_kinetic_mixing`, with its large-|q| value ln(m_tau^2/m_mu^2)/6."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    for name, alpha, lbl in (
        ("L_e-L_mu", "e", r"$\varepsilon_{\mu e}$ ($L_e-L_\mu$)"),
        ("L_e-L_tau", "e", r"$\varepsilon_{\tau e}$ ($L_e-L_\tau$)"),
        ("L_mu-L_tau", "mu", r"$\varepsilon_{\tau\mu}$ ($L_\mu-L_\tau$)"),
    ):
        mod = models.as_model(models.get_model(name))
        eps_ba = mod.x("nu_" + alpha) * models.loop_kinetic_mixing(mod, 1.0, -(q**2)) * 2 * np.pi**2 / c.e_em
        ax.plot(q / MeV, eps_ba, label=lbl)
    ax.axhline(np.log(c.m_tau**2 / c.m_mu**2) / 6, color="0.5", ls=":", lw=0.8)
    ax.set_xscale("log")
    ax.set_xlabel(r"$|\vec q|$ [MeV]")
    ax.set_ylabel(r"$\varepsilon_{\beta\alpha}$")
    ax.legend(fontsize=8)
    return fig


def scalar_rate_figure(det: str, T: np.ndarray, g: float = 1e-4, M: float = 50 * MeV) -> Figure:
    """Fig. 3: the SM rate, the scalar rate (eq. (3.23), incoherent), their sum and the prompt nu_mu part."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    sm_r = coherent.differential_rate(det, T)
    tot = coherent.differential_rate(det, T, cevns.scalar_hook(g, M))
    ax.plot(T / keV, sm_r["total"] * keV, "k", label="SM")
    ax.plot(T / keV, (tot["total"] - sm_r["total"]) * keV, color="C0", label="scalar")
    ax.plot(T / keV, tot["total"] * keV, "r--", label="SM + scalar")
    ax.plot(T / keV, tot["nu_mu"] * keV, "g--", lw=0.8, label=r"SM + scalar, prompt $\nu_\mu$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(1e-4, None)
    ax.set_xlabel(r"$T_\mathrm{nr}$ [keV]")
    ax.set_ylabel(r"$dN/dT_\mathrm{nr}$ [1/keV]")
    ax.set_title(f"{det}", fontsize=9)
    ax.legend(fontsize=7)
    return fig


def profiles_figure(entries: Sequence[tuple], ncol: int = 4) -> Figure:
    """The Delta chi^2 profiles behind Table 2 entries: each entry is (title, couplings / published value,
    Delta chi^2 from the fit's minimum, ours / published); the 2-sigma level dotted, the published value at 1."""
    import matplotlib.pyplot as plt

    nrow = -(-len(entries) // ncol)
    fig, axes = plt.subplots(nrow, ncol, figsize=(11, 2.3 * nrow), squeeze=False)
    for ax, (title, x, d, ours) in zip(axes.flat, entries):
        ax.plot(x, d, color="C0")
        ax.axhline(DCHI2_2SIGMA[2], color="k", ls=":", lw=0.8)
        ax.axvline(1.0, color=plotting.COLORS["published"], lw=1.0)
        ax.axvline(ours, color="C0", ls="--", lw=0.8)
        ax.set_ylim(0, 15)
        ax.set_title(title, fontsize=7)
    for ax in axes.flat[len(entries) :]:
        ax.set_visible(False)
    fig.supxlabel("coupling / published Table 2 value")
    fig.supylabel(r"$\Delta\chi^2$ from the minimum")
    return fig


def draw_other_experiments(ax: Axes, model: models.VectorModel, name: str, loop_mixing: bool) -> None:
    """Grey in Figs. 4-8: the dark-photon searches recast to the model, CCFR for L_mu - L_tau, Borexino for B - L."""
    recast.draw(ax, model, loop_mixing=loop_mixing, color="0.82")
    if name == "L_mu-L_tau":
        ccfr = data.load_curve("limits/syen_muon_g_minus_2/CCFR.txt")
        ax.fill_between(ccfr[0], ccfr[1], 1.0, color="0.82", lw=0)
        ax.plot(ccfr[0], ccfr[1], color="0.5", lw=0.8)
        ax.text(0.3, 2.5e-3, "CCFR", fontsize=7, color="0.3")
    if name == "B-L":
        borexino = data.load_curve("limits/darkcast/v2_2023_vendored/limits/Borexino_Bauer2018onh.lmt")
        ax.fill_between(borexino[0], borexino[1], 1.0, color="0.82", lw=0)


def exclusion_figure(
    name: str,
    M: np.ndarray,
    g: np.ndarray,
    maps: dict[str, np.ndarray],
    gm2_bands: tuple | None,
    lines: tuple | None,
    loop_mixing: bool,
) -> Figure:
    """Figs. 4-8: the 2-sigma contours of CsI, Ar and CsI+Ar (``maps``: Delta chi^2 from the minimum on the
    grid g x M, per data set), the CsI+Ar exclusion filled, the other experiments in grey, the (g-2)_mu 2021
    band and 2025 upper edge (``gm2_bands`` = (lo21, hi21, hi25) or None) and the strip/cancellation lines
    of eqs. (4.1)-(4.6) (``lines`` = (k_strip, k_cancellation or None) in g = k M, or None)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.0, 4.6))
    mod = models.get_model(name)
    if mod.spin == "vector":
        draw_other_experiments(ax, models.as_model(mod), name, loop_mixing)
    if gm2_bands is not None:
        lo21, hi21, hi25 = gm2_bands
        ax.fill_between(M, lo21, hi21, color="C2", alpha=0.45, lw=0, label=r"$(g-2)_\mu$ 2021, 2$\sigma$")
        ax.plot(M, hi25, color="C2", ls="--", lw=1.0, label=r"$(g-2)_\mu$ 2025, 2$\sigma$ upper")
    for ds, (colour, ls) in DATASET_STYLE.items():
        ax.contour(M, g, maps[ds], levels=[DCHI2_2SIGMA[2]], linewidths=1.2, colors=colour, linestyles=ls)
    # opaque, under the other experiments: light orange where CsI+Ar alone excludes (no translucent overlap tones)
    ax.contourf(M, g, maps["CsI+Ar"], levels=[DCHI2_2SIGMA[2], 1e9], colors=[CSI_AR_FILL], zorder=0.4)
    ax.fill_between([], [], [], color=CSI_AR_FILL, label="CsI+Ar excluded")
    ax.fill_between([], [], [], color="0.82", label="other experiments (recast)")
    if lines is not None:
        k_strip, k_canc = lines
        ax.plot(M, k_strip * M, "k:", lw=0.8)
        if k_canc is not None:
            ax.plot(M, k_canc * M, color="0.4", ls=(0, (1, 3)), lw=0.8)
    for ds, (colour, ls) in DATASET_STYLE.items():
        ax.plot([], [], color=colour, ls=ls, label=ds)
    ylab = r"$\tilde g_\phi$" if name == "scalar" else r"$g_{Z'}$"
    plotting.log_axes(ax, r"$M_{Z'}$ [GeV]" if name != "scalar" else r"$M_\phi$ [GeV]", ylab, (1e-3, 10), (1e-6, 1.0))
    ax.set_title(name, fontsize=9)
    ax.legend(fontsize=7, loc="upper left", frameon=True, facecolor="white", framealpha=0.9, edgecolor="none")
    return fig


def strip_profile_figure(curves: dict[str, tuple[np.ndarray, np.ndarray]], M: float) -> Figure:
    """Delta chi^2_Ar from the minimum along (g/M)/(g/M)_Table 2 at mass M (GeV) for the models of ``curves``
    (name -> (x, Delta chi^2)), with the 2-sigma level: where an allowed strip sits above the first crossing."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    for (name, (x, d)), colour in zip(curves.items(), ("C0", "C3")):
        ax.plot(x, d, color=colour, label=name)
    ax.axhline(DCHI2_2SIGMA[2], color="k", ls=":", lw=0.8)
    ax.axvline(1.0, color="0.5", lw=0.8)
    ax.set_xlabel(rf"$(g/M) / (g/M)_\mathrm{{Table\ 2}}$ at $M$ = {M:g} GeV")
    ax.set_ylabel(r"$\Delta\chi^2_\mathrm{Ar}$")
    ax.set_ylim(0, 15)
    ax.legend(fontsize=8)
    return fig


def profile_along(f: Callable, published: float, scale: float, M: float, span: tuple[float, float], n: int) -> tuple:
    """(x, chi^2): the chi^2 function ``f(g, M)`` at g = x ``published`` ``scale`` (Table 2 quotes g/M at
    high M: ``scale`` = M there, else 1), x log-spaced over ``span``."""
    gg = np.geomspace(*span, n) * published * scale
    return gg / scale / published, f(gg, np.full_like(gg, M))


# --- the numbers beside the paper's: fits, Table 2, the strip lines ---------------------------
#: CEvNS events fitted by COHERENT, (central, 1 sigma): CsI 2021 arXiv:2110.07730 (306 +- 20), Ar 2020
#: arXiv:2003.10630 (159 +- 43, the 3-D fit of the release YAML), CsI 2017 arXiv:1708.01294 (134 +- 22).
COHERENT_FITTED_EVENTS = {"CsI": (306.0, 20.0), "Ar": (159.0, 43.0), "CsI2017": (134.0, 22.0)}
#: The data-set combinations of Table 2 (keys) and the COHERENT data sets each sums.
TABLE2_DATASETS = {"Ar": ("Ar",), "CsI": ("CsI",), "CsI+Ar": ("CsI", "Ar")}
#: Table 2's two masses (GeV): "low M" (g quoted) and "high M" (g/M quoted, GeV^-1).
TABLE2_MASSES = (1e-4, 10.0)
#: High-M entries where Table 2 quotes the upper edge of the allowed strip (the text of the notebook).
UPPER_EDGE = {("B_y+L_mu+L_tau", "Ar"), ("L_mu-L_tau", "Ar")}


def sm_fits(likelihoods: dict[str, coherent.Likelihood]) -> tuple[dict, str]:
    """The SM fit of each likelihood (our profile and iminuit's): ({name: chi2_min, p_value,
    nuisances}, the printed text)."""
    from zprime import report

    fits: dict[str, dict] = {}
    lines: list[str] = []
    for key, L in likelihoods.items():
        chi, nuis = L.chi2(L.sm, return_nuisances=True)
        ref, _ = L.profile_minuit(L.sm)
        fits[key] = {
            "chi2_min": float(chi),
            "p_value": L.p_value(chi),
            "nuisances": dict(zip(L.nuisance_names(), map(float, nuis))),
        }
        lines.append(
            f"{key}: chi2_min = {chi:.3f} for {L.observed.size} bins, p = {L.p_value(chi):.3f};"
            f" iminuit: {ref:.3f} (rel. diff {report.small(chi / ref - 1, 1e-12)})"
        )
        lines += [f"    {k:13s} {v:+.4f}" for k, v in fits[key]["nuisances"].items()]
    return fits, "\n".join(lines)


def normalisation_fits(likelihoods: dict[str, coherent.Likelihood]) -> tuple[dict, str]:
    """The fitted CEvNS scale of each likelihood beside COHERENT's fitted events
    (:data:`COHERENT_FITTED_EVENTS`): ({name: scale, scale_1sigma, events, events_1sigma}, text)."""
    norm, lines = {}, []
    for key, L in likelihoods.items():
        s, lo, hi, _ = L.fit_normalisation()
        n_sm = L.sm.sum()
        norm[key] = {
            "scale": float(s),
            "scale_1sigma": [float(lo), float(hi)],
            "events": float(s * n_sm),
            "events_1sigma": [float(lo * n_sm), float(hi * n_sm)],
        }
        pub, err = COHERENT_FITTED_EVENTS[key]
        lines.append(
            f"{key}: s = {s:.3f} [{lo:.3f}, {hi:.3f}]  ->  N_CEvNS = {s * n_sm:.1f} "
            f"(+{(hi - s) * n_sm:.1f} -{(s - lo) * n_sm:.1f});  COHERENT {pub:.0f} +- {err:.0f}"
        )
    return norm, "\n".join(lines)


def convention_scan(cross: dict, published: dict) -> tuple[dict, str]:
    """How well each Delta chi^2 convention (from the SM or the minimum; 1 or 2 dof) reproduces all 66
    entries of Table 2, from the first crossings ``cross[model, datasets, M, ref, dof]`` (g/M at high M):
    ({convention: rms, median, within_20pct}, text)."""
    out, lines = {}, []
    for ref_name in ("SM", "min"):
        for dof in (1, 2):
            d = np.array(
                [
                    cross[m, ds, M, ref_name, dof][0] / published[m][ds][k] - 1
                    for m in published
                    for ds in TABLE2_DATASETS
                    for k, M in enumerate(TABLE2_MASSES)
                ]
            )
            key = f"dchi2={DCHI2_2SIGMA[dof]:.2f} from {ref_name}"
            out[key] = {
                "rms": float(np.sqrt(np.mean(d**2))),
                "median": float(np.median(d)),
                "within_20pct": int(np.sum(np.abs(d) < 0.2)),
            }
            lines.append(
                f"{key:22s}: rms {out[key]['rms']:.3f}, median {out[key]['median']:+.3f}, "
                f"{out[key]['within_20pct']}/66 within 20 %"
            )
    return out, "\n".join(lines)


def table2(cross: dict, published: dict) -> tuple[dict, dict, list[tuple]]:
    """Our Table 2 under the paper's convention (2 dof from the minimum): the first crossing, or for
    :data:`UPPER_EDGE` at high M the strip's upper edge.  Returns (table, first crossings, comparison rows)."""
    M_LOW, M_HIGH = TABLE2_MASSES
    table: dict[str, dict] = {}
    first_only: dict[str, dict] = {}
    rows: list[tuple] = []
    for m in published:
        table[m], first_only[m] = {}, {}
        for ds in TABLE2_DATASETS:
            first = [float(cross[m, ds, M, "min", 2][0]) for M in TABLE2_MASSES]
            val = list(first)
            if (m, ds) in UPPER_EDGE:
                c3 = cross[m, ds, M_HIGH, "min", 2]
                if c3.size != 3:
                    raise RuntimeError(f"{m} {ds}: expected three crossings at high M, got {c3}")
                val[1] = float(c3[2])
            table[m][ds], first_only[m][ds] = val, first
            for k, lbl in enumerate(("g, low M", "g/M, high M")):
                p = published[m][ds][k]
                note = "" if val[k] == first[k] else f"first crossing {first[k]:.3g} ({first[k] / p - 1:+.0%})"
                rows.append((f"{m:15s} {ds:6s} {lbl}", p, val[k], note))
    return table, first_only, rows


def deviations(table: dict, published: dict) -> list[tuple[float, str, str, int]]:
    """|ours/published - 1| of every Table 2 entry with (model, data sets, 0 low M / 1 high M), largest first."""
    return sorted(
        (
            (abs(table[m][ds][k] / published[m][ds][k] - 1), m, ds, k)
            for m in published
            for ds in TABLE2_DATASETS
            for k in (0, 1)
        ),
        reverse=True,
    )


def table2_paper_exposure(
    ar_paper: coherent.Likelihood,
    published: dict,
    loop: dict[str, bool],
    M_min: np.ndarray,
    g_min: np.ndarray,
    ours: dict,
) -> tuple[dict, list[tuple]]:
    """Table 2's Ar and CsI+Ar entries with the Ar likelihood at the paper's exposure ``ar_paper``
    (2 dof from the minimum, as :func:`table2`); ``ours`` is :func:`table2` with the release's, for the
    note of each row.  Returns (table, comparison rows)."""
    from zprime.statistics import exclusion as X

    out: dict[str, dict] = {}
    rows: list[tuple] = []
    for m in published:
        mod = "scalar" if m == "scalar" else models.get_model(m)
        out[m] = {}
        for ds, sets in {"Ar": (ar_paper,), "CsI+Ar": ("CsI", ar_paper)}.items():
            f = X.coherent_chi2(mod, sets, loop_mixing=loop.get(m, False))
            ref = X.global_minimum(f, M_min, g_min)["chi2_min"]
            vals = []
            for k, M in enumerate(TABLE2_MASSES):
                x = X.crossings(f, M, ref + DCHI2_2SIGMA[2], 1e-7 * max(1, M), max(1, M), n=900)
                vals.append(float(x[-1 if (m, ds) in UPPER_EDGE and k == 1 else 0]) / (1.0 if M < 1 else M))
            out[m][ds] = vals
            for k, lbl in enumerate(("g, low M", "g/M, high M")):
                note = f"release exposure: {ours[m][ds][k] / published[m][ds][k] - 1:+.1%}"
                rows.append((f"{m:15s} {ds:6s} {lbl}", published[m][ds][k], vals[k], note))
    return out, rows


def strip_formulas() -> dict[str, tuple[float, float | None]]:
    """k (GeV^-1) of the strip and the cancellation line g = k M per model, eqs. (4.1)-(4.6) of
    arXiv:2202.11002 (None where the paper gives no formula)."""
    s = np.sqrt(2) * c.G_F
    return {
        "universal": (float(np.sqrt(0.58 * s / 3)), float(np.sqrt(0.58 * s / 6))),  # (4.1), (4.2)
        "B_y+L_mu+L_tau": (float(np.sqrt(0.58 * s)), float(np.sqrt(0.58 * s / 2))),  # (4.3), (4.4)
        "L_e-L_tau": (float(np.sqrt(1.3 * np.pi * c.G_F / (np.sqrt(2) * c.alpha_em * 1.5))), None),  # (4.5)
        "L_mu-L_tau": (
            float(np.sqrt(1.3 * 6 * np.pi * c.G_F / (np.sqrt(2) * c.alpha_em * np.log(c.m_tau**2 / c.m_mu**2)))),
            None,
        ),  # (4.6)
    }


#: The k (GeV^-1) the paper quotes with eqs. (4.1)-(4.6): (strip, cancellation).
PUBLISHED_STRIPS = {
    "universal": (1.8e-3, 1.3e-3),
    "B_y+L_mu+L_tau": (3.1e-3, 2.2e-3),
    "L_e-L_tau": (6e-2, None),
    "L_mu-L_tau": (7e-2, None),
}


def strips(likelihoods: tuple, M: float, loop: dict[str, bool]) -> tuple[dict, dict, list[tuple]]:
    """The strip and cancellation lines: the paper's formulas against the full calculation
    (:func:`zprime.experiments.coherent.strip_and_cancellation`) at mass ``M``.  Returns (the formulas'
    k per model, {model: strip_formula, strip_full, canc_formula, canc_full}, comparison rows)."""
    lines = strip_formulas()
    out: dict[str, dict] = {}
    rows: list[tuple] = []
    for m, (k_strip, k_canc) in lines.items():
        full_strip, full_canc = coherent.strip_and_cancellation(
            models.as_model(models.get_model(m)), M, k_strip, likelihoods, loop_mixing=loop[m]
        )
        out[m] = {"strip_formula": k_strip, "strip_full": full_strip, "canc_formula": k_canc, "canc_full": full_canc}
        rows.append((f"{m} strip k [GeV^-1]", PUBLISHED_STRIPS[m][0], k_strip, f"full calculation {full_strip:.3g}"))
        if k_canc is not None:
            rows.append((f"{m} cancellation k", PUBLISHED_STRIPS[m][1], k_canc, f"full calculation {full_canc:.3g}"))
    return lines, out, rows


def exclusion_maps(names: Iterable[str], M: np.ndarray, g: np.ndarray, minima: dict, loop: dict[str, bool]) -> dict:
    """Delta chi^2 maps (n_g, n_M) of Figs. 4-8 for each model and data-set combination, from the lower of
    the map's own minimum and the global minimum ``minima[name, datasets]`` (:func:`table2_scan`)."""
    from tqdm.auto import tqdm

    from zprime.statistics import exclusion as X

    maps = {}
    for name in tqdm(names, desc="exclusion maps"):
        mod = models.get_model(name)  # "scalar": the universal scalar of sect. 3.2
        per = {d: X.grid(X.coherent_chi2(mod, d, loop_mixing=loop.get(name, False)), M, g) for d in ("CsI", "Ar")}
        per["CsI+Ar"] = per["CsI"] + per["Ar"]
        maps[name] = {ds: per[ds] - min(per[ds].min(), minima[name, ds]["chi2_min"]) for ds in TABLE2_DATASETS}
    return maps


# --- the SM event counts, the dips of Fig. 1, the Table 2 scans --------------------------------
#: SM CEvNS events as published: CsI 2017 (arXiv:1708.01294, 173 +- 48), CsI 2021 (arXiv:2110.07730,
#: 341 +- 11 (th) +- 42 (exp)), Ar 2020 (the release's template, arXiv:2003.10630, 128 +- 17).
PUBLISHED_SM_EVENTS = {"CsI2017": 173.0, "CsI": 341.0, "Ar": 128.0}


def sm_event_checks(
    csi: coherent.Likelihood, ar: coherent.Likelihood, csi17: coherent.Likelihood, n_per_piece: int
) -> tuple[dict, list[tuple], str]:
    """Our SM CEvNS event counts beside the published ones, the Ar count at the paper's exposure (with and
    without the old 4.9 us cut), and the Ar energy and time shapes against the release's template.
    Returns ({"events": {data set: events}, "ar_paper": likelihood, "ar_cut": likelihood}, comparison rows,
    text)."""
    ar_paper = coherent.ar2020(n_per_piece, exposure="paper")
    ar_cut = coherent.ar2020(n_per_piece, exposure="paper", timing="window")
    events = {"CsI2017": float(csi17.sm.sum()), "CsI": float(csi.sm.sum()), "Ar": float(ar.sm.sum())}
    pub = PUBLISHED_SM_EVENTS
    rows = [
        ("CsI 2017 SM CEvNS events", pub["CsI2017"], events["CsI2017"], "COHERENT 2017: +-48"),
        ("CsI 2021 SM CEvNS events", pub["CsI"], events["CsI"], "COHERENT: +-11 (th) +-42 (exp)"),
        ("Ar SM CEvNS events (release settings)", pub["Ar"], events["Ar"], "release template, +-17"),
        ("Ar, paper's 13.7e22 POT and 24 kg", pub["Ar"], float(ar_paper.sm.sum()), ""),
        ("Ar, paper's exposure, cut at 4.9 us", pub["Ar"], float(ar_cut.sm.sum()), "the previous default"),
    ]
    tmpl = ar.meta["template_cevns"]
    e_ours, e_tmpl = ar.sm.sum(1)[:5], tmpl.sum(1)[:5]
    alpha, beta, resid = coherent.template_flavour_weights(ar)
    text = [
        f"Ar energy, ours / template, 0-10, 10-20, 20-30, 30-40, 40-50 keVee: "
        f"{np.round(e_ours / np.where(e_tmpl > 0, e_tmpl, np.nan), 3)} "
        f"(template {tmpl.sum(1)[4]:.3f} events at 40-50 keVee, ours {ar.sm.sum(1)[4]:.3f})",
        f"Ar time shape, ours / template: {np.round(ar.sm.sum(0) / tmpl.sum(0) / (ar.sm.sum() / tmpl.sum()), 3)}",
        f"Ar template per energy bin ~ {alpha:.2f} x our prompt nu_mu + {beta:.2f} x our delayed nu_e, nu_mubar "
        f"(residuals {np.round(resid, 3) + 0.0})",
    ]
    return {"events": events, "ar_paper": ar_paper, "ar_cut": ar_cut}, rows, "\n".join(text)


def charges_text(names: Sequence[str]) -> str:
    """The vector charges (u, d, e, mu, tau) of each model and whether it is anomaly-free with nu_R."""
    out = [f"{'model':16s} {'x_u':>6s} {'x_d':>6s} {'x_e':>6s} {'x_mu':>6s} {'x_tau':>6s}   anomaly-free (nu_R)"]
    for name in names:
        mod = models.as_model(models.get_model(name))
        out.append(
            f"{name:16s} " + " ".join(f"{mod.x(f):6.3g}" for f in ("u", "d", "e", "mu", "tau"))
            + f"   {mod.is_anomaly_free()}"
        )  # fmt: skip
    return "\n".join(out)


#: The recoil energies (keV) of the dips of Fig. 1 read off the paper, (Ar, CsI), with the benchmark coupling.
PUBLISHED_DIPS = {"universal": (1e-4, (92, 27)), "B_y+L_mu+L_tau": (1e-4, (29, 8)), "L_mu-L_tau": (2e-3, (23, 6))}


def dips(M: float, loop: dict[str, bool]) -> tuple[dict, list[tuple]]:
    """The recoil energy (keV) of each dip of Fig. 1 at mass ``M`` (GeV) on Ar40 and Cs133 (the nu_mu
    rate, :func:`zprime.observables.cevns.dip_recoil_energy`).  Returns ({model: {det: keV or None}}, rows)."""
    out: dict[str, dict[str, float | None]] = {}
    rows: list[tuple] = []
    for name, (g, pub) in PUBLISHED_DIPS.items():
        out[name] = {}
        for det, iso, p in (("Ar", "Ar40", pub[0]), ("CsI", "Cs133", pub[1])):
            t = cevns.dip_recoil_energy(models.get_model(name), g, M, cevns.NUCLEI[iso], "mu", loop_mixing=loop[name])
            out[name][det] = None if t is None else t / keV
            rows.append((f"dip {name} {det} [keV]", p, out[name][det]))
    return out, rows


def minimum_grid() -> tuple[np.ndarray, np.ndarray]:
    """(M (41,), g (240, 41)) of the global-minimum search of Table 2 (GeV): the grid every chi^2 constraint
    searches its reference minimum on (:class:`zprime.constraints.base.Constraint`), 41 masses 1e-4 - 10 GeV,
    couplings 1e-7 - 1 scaled with M above 20 MeV."""
    from zprime.constraints.base import Constraint, minimum_couplings_grid

    M = np.geomspace(*Constraint.minimum_masses)
    return M, minimum_couplings_grid(M, Constraint.minimum_couplings)


def table2_scans(published: dict, loop: dict[str, bool]) -> tuple[dict, dict, dict]:
    """One job per (model, data sets) on the local cores (:func:`zprime.statistics.exclusion.table2_scan`):
    the global minimum and every 2-sigma crossing at the two masses of Table 2 for the four conventions.
    Returns ({(model, ds): minimum}, {(model, ds, M, reference, dof): crossing, g/M at high M},
    {(model, ds): chi^2 function})."""
    from zprime.statistics import exclusion as X

    M_min, g_min = minimum_grid()
    keys = [(name, ds) for name in published for ds in TABLE2_DATASETS]
    minima, found = X.table2_scan(
        [(name, TABLE2_DATASETS[ds], loop.get(name, False)) for name, ds in keys], TABLE2_MASSES, M_min, g_min, n=900
    )
    cross = {
        (name, ds, M, ref, dof): x / (1.0 if M < 1 else M)  # Table 2 quotes g/M at high M
        for (name, ds), f in zip(keys, found)
        for (M, ref, dof), x in f.items()
    }
    chi2_fn = {
        (name, ds): X.coherent_chi2(name, TABLE2_DATASETS[ds], loop_mixing=loop.get(name, False)) for name, ds in keys
    }
    return dict(zip(keys, minima)), cross, chi2_fn


def beyond_profiles(table: dict, published: dict, chi2_fn: dict, minima: dict, tolerance: float = 0.05) -> list[tuple]:
    """The Delta chi^2 profile through each Table 2 entry of ours more than ``tolerance`` from the paper's,
    for :func:`profiles_figure`: (label, g / published, Delta chi^2, ours / published)."""
    entries = []
    for m in published:
        for ds in TABLE2_DATASETS:
            for k, M in enumerate(TABLE2_MASSES):
                if abs(table[m][ds][k] / published[m][ds][k] - 1) <= tolerance:
                    continue
                x, chi = profile_along(chi2_fn[m, ds], published[m][ds][k], 1.0 if M < 1 else M, M, (0.5, 2.0), 300)
                label = f"{m} {ds} {'low' if k == 0 else 'high'} M"
                entries.append((label, x, chi - minima[m, ds]["chi2_min"], table[m][ds][k] / published[m][ds][k]))
    return entries


def summary_rows(
    events: dict, norm: dict, fits: dict, dip_rows: list[tuple], table: dict, published: dict
) -> list[tuple]:
    """The notebook's closing comparison: SM and fitted event counts, the SM fits' chi^2, the dips of Fig. 1
    (``dip_rows`` of :func:`dips`) and every Table 2 entry."""
    pub = PUBLISHED_SM_EVENTS
    fitted = COHERENT_FITTED_EVENTS
    rows = [
        ("CsI 2017 SM CEvNS events", pub["CsI2017"], events["CsI2017"], "COHERENT 2017 prediction"),
        ("CsI SM CEvNS events", pub["CsI"], events["CsI"], "COHERENT 2021 prediction"),
        ("Ar SM CEvNS events", pub["Ar"], events["Ar"], "release template"),
        ("CsI 2017 fitted CEvNS events", fitted["CsI2017"][0], norm["CsI2017"]["events"], "COHERENT 2017 fit +-22"),
        ("CsI fitted CEvNS events", fitted["CsI"][0], norm["CsI"]["events"], "COHERENT fit +-20"),
        ("Ar fitted CEvNS events", fitted["Ar"][0], norm["Ar"]["events"], "COHERENT 3-D fit +-43"),
        ("CsI SM chi2_min (99 bins)", "not quoted", fits["CsI"]["chi2_min"], f"p = {fits['CsI']['p_value']:.2f}"),
        ("Ar SM chi2_min (120 bins)", "not quoted", fits["Ar"]["chi2_min"], f"p = {fits['Ar']['p_value']:.2f}"),
    ]
    rows += dip_rows
    rows += [
        (f"Table 2 {m} {ds} {lbl}", published[m][ds][k], table[m][ds][k], "")
        for m in published
        for ds in TABLE2_DATASETS
        for k, lbl in enumerate(("g low M", "g/M high M"))
    ]
    return rows


def gm2_2025_text(gm2_status: dict, maps: dict, M: np.ndarray, g: np.ndarray) -> str:
    """Per model with a muon coupling (``gm2_status``: name -> 2021 band (lo, hi) and 2025 upper edge at
    masses ``M``): the fraction of 10-100 MeV where the centre of the 2021 band (geometric mean of its
    edges) is excluded by the CsI+Ar map (``maps[name]["CsI+Ar"]`` on the grid ``g`` x ``M``, Delta chi^2
    above the 2 sigma level), and the 2025 upper limit on g at 30 MeV."""
    lines = []
    sel = (M > 0.01) & (M < 0.1)
    for name, (lo21, hi21, hi25) in gm2_status.items():
        row = np.argmin(np.abs(g[:, None] - np.sqrt(lo21 * hi21)[None, :]), axis=0)
        excl21 = np.mean(maps[name]["CsI+Ar"][row, np.arange(M.size)][sel] > DCHI2_2SIGMA[2])
        lines.append(
            f"{name:16s}: 2021 band centre at 10-100 MeV excluded by CsI+Ar over {excl21:.0%} of the masses; "
            f"2025: no band, (g-2)_mu only excludes g > {np.interp(0.03, M, hi25):.1e} at 30 MeV"
        )
    return "\n".join(lines)
