"""Figures 1-6 and Table 1 of Greljo, Stangl, Thomsen and Zupan (arXiv:2203.13731).

The numbers come from :mod:`zprime.statistics.global_fit` (the Delta chi^2 of App. B and the scan of
the 419 models), :mod:`zprime.models.u1x` (the model space and its (alpha, R) coordinates of
eq. (4.4)) and :func:`zprime.constraints.greljo2022.exclusion_maps` (the (m_X, g_X) maps of Figs. 3,
5 and 6).  This module draws them and prints Table 1 beside the published one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime.constants import Measurement
from zprime.constraints.greljo2022 import SEARCHES
from zprime.models import u1x

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from zprime.observables.nsi_osc import PrecisionChi2

#: Colours and labels of the constraints in Figs. 3, 5 and 6.
COLOURS = dict(
    nsi="tab:blue", borexino="indigo", coherent="tab:red", ccfr="tab:orange", NA64="tab:green",
    BaBar="tab:brown", LHCb="tab:pink", apv="darkmagenta", ge="olive", texono="salmon",
)  # fmt: skip
LABELS = dict(
    nsi="NSI osc.", borexino="Borexino", coherent="COHERENT (CsI 2021)", ccfr="CCFR (EFT)", NA64="NA64",
    BaBar="BaBar", LHCb="LHCb", apv="APV", ge=r"$(g-2)_e$ Rb", texono="TEXONO eq. (5.7)",
)  # fmt: skip
#: The three benchmark models marked in Fig. 2.
FIG2_BENCHMARKS = {"B-3L_e": (1, -3, 0, 0), "B-2L_e-L_tau": (1, -2, 0, -1), "B-2L_e-L_mu": (1, -2, -1, 0)}


def fig1(m: np.ndarray, chi2_min: dict[str, np.ndarray], chi2_sm: float) -> Figure:
    """Fig. 1: the minimum chi^2 (a_mu + CCFR + T) versus m_X for the global fit, eps_Y = 0 and kinetic
    mixing only (``chi2_min`` keyed "global", "no mixing", "dark photon"), with the SM line."""
    import matplotlib.pyplot as plt

    names = {"global": "global best fit", "no mixing": r"$\varepsilon_Y=0$", "dark photon": "kinetic mixing only"}
    fig, ax = plt.subplots(figsize=(5.2, 3.6))
    ax.axhspan(4, 30, color="0.88", zorder=0)
    for v, col in zip(("global", "no mixing", "dark photon"), ("tab:orange", "tab:red", "tab:blue")):
        ax.plot(m, chi2_min[v], color=col, label=names[v])
    ax.axhline(chi2_sm, color="tab:green", label="SM")
    ax.axvline(4.0, color="k", ls=":", lw=1, label="paper: 4 GeV")
    ax.set(xscale="log", xlabel=r"$m_X$ [GeV]", ylabel=r"$\chi^2_\mathrm{min}$", xlim=(1, 300), ylim=(0, 20))
    ax.legend(fontsize=7, loc="lower right")
    return fig


def _integer(charges: Sequence[float]) -> tuple[int, ...]:
    return tuple(int(round(x)) for x in charges)


def table1_text(viable: Sequence, table1: Sequence) -> str:
    """Table 1 (our viable models, :class:`zprime.statistics.global_fit` minima) beside the published one
    (``table1``: (charges, eps e/g_X, g_X, Delta chi^2) rows), with the models only one side has."""
    pub = {u1x.canonical_sign(t): (r, g, d) for t, r, g, d in table1}
    lines = [
        f"{'(c_B, c_e, c_mu, c_tau)':>26s} {'eps e/g':>8s} {'paper':>6s} {'g_X':>9s} {'paper':>9s} "
        f"{'Dchi2':>6s} {'paper':>6s}   amu  Borex  NSI   COH"
    ]
    for m in viable:
        t = _integer(m.charges)
        r, g, d = pub.get(u1x.canonical_sign(t), (np.nan,) * 3)
        cp = m.components
        lines.append(
            f"{str(t):>26s} {m.r:8.2f} {r:6.2f} {m.g:9.3g} {g:9.3g} {m.dchi2:6.2f} {d:6.2f}  "
            f"{cp['amu']:5.2f} {cp['borexino']:5.2f} {cp['nsi']:5.2f} {cp['coherent']:5.2f}"
        )
    mine = {u1x.canonical_sign(_integer(m.charges)) for m in viable}
    lines.append(
        f"paper's models not viable here: {[t for t, *_ in table1 if u1x.canonical_sign(t) not in mine] or 'none'} "
        f"| viable here, not in the paper: {[t for t in mine if t not in pub] or 'none'}"
    )
    return "\n".join(lines)


def fig4(N: np.ndarray, runs: dict[str, Sequence], published_by_N: dict[int, tuple]) -> Figure:
    """Fig. 4: Delta chi^2_min, eps e/g_X and g_X of 3B - 6L_e - 3L_tau + N(L_mu - L_tau) per COHERENT
    setting (``runs``: label -> minima per N), with the published Table 1 points (``published_by_N``)."""
    import matplotlib.pyplot as plt

    fig, axs = plt.subplots(1, 3, figsize=(10, 3.2))
    ylabels = (r"$\Delta\chi^2_\mathrm{min}$", r"$\varepsilon e/g_X$", r"$g_X$")
    for ax, key, lab in zip(axs, ("dchi2", "r", "g"), ylabels):
        for (label, run), sty in zip(runs.items(), ("o-", "s--", "^:")):
            ax.plot(N, [getattr(m, key) for m in run], sty, label=f"ours, {label}")
        idx = {"r": 1, "g": 2, "dchi2": 3}[key]
        pub = [published_by_N[n][idx] for n in published_by_N]
        ax.plot(list(published_by_N), pub, "k*", ms=9, label="paper, Table 1")
        ax.set(xlabel="$N$", ylabel=lab)
    axs[0].axhspan(4, 10, color="0.85", zorder=0)
    axs[0].set_ylim(0, 8)
    axs[2].set_yscale("log")
    axs[0].legend(fontsize=6)
    return fig


def r_axis(R: ArrayLike) -> np.ndarray:
    """The vertical coordinate of Fig. 2 (left): R below 1, 1 + log10 R above."""
    R = np.asarray(R, float)
    return np.where(R < 1, R, 1 + np.log10(np.maximum(R, 1)))


def fig2(left: tuple, right: tuple, classes: Sequence[tuple]) -> Figure:
    """Fig. 2: the stage-1 Delta chi^2 = 4 contour in the (alpha, R) plane of eq. (4.4) (``left`` =
    (alpha grid, R grid, Delta chi^2)) and zoomed in (tan alpha, +-R) (``right`` = (tan alpha grid, R
    grid, Delta chi^2 per branch alpha and alpha + pi)), with the integer models ``classes`` and the
    benchmarks :data:`FIG2_BENCHMARKS`."""
    import matplotlib.pyplot as plt

    A, RR, D_left = left
    T2, R2, D_right = right
    ints = [(t, u1x.alpha_R(*t)) for t in classes if any(t) and (t[0] or t[1])]
    bench_colours = ("tab:orange", "tab:purple", "tab:green")
    fig, (axl, axr) = plt.subplots(1, 2, figsize=(10, 4))
    axl.contourf(A, r_axis(RR), D_left, levels=[4, 1e9], colors=["0.75"])
    axl.contour(A, r_axis(RR), D_left, levels=[4], colors="k", linewidths=0.6)
    axl.plot([a for _, (a, R) in ints], r_axis([R for _, (a, R) in ints]), "x", color="tab:blue", ms=3, mew=0.6)
    for (lab, t), col in zip(FIG2_BENCHMARKS.items(), bench_colours):
        a, R = u1x.alpha_R(*t)
        axl.plot(a, r_axis(R), marker="1", color=col, ms=12, mew=2, ls="none", label=lab)
    axl.axvline(math.atan2(-2, 3), color="k", ls="--", lw=0.8)
    axl.axvline(math.atan2(2, -3), color="k", ls="--", lw=0.8)
    axl.set(xlabel=r"$\alpha$", ylabel=r"$R$", ylim=(0, 3))
    axl.set_yticks([0, 0.5, 1, 2, 3], ["0", "0.5", "1", "10", "100"])
    axl.legend(fontsize=6, loc="upper right")
    for b, sgn in ((0, 1), (1, -1)):
        axr.contourf(T2, sgn * R2, D_right[b], levels=[4, 1e9], colors=["0.75"])
        axr.contour(T2, sgn * R2, D_right[b], levels=[4], colors="k", linewidths=0.6)
    for _, (a, R) in ints:
        if R < 1 and -1.2 <= math.tan(a) <= -0.3:
            axr.plot(math.tan(a), R if math.cos(a) > 0 else -R, "x", color="tab:blue", ms=4, mew=0.8)
    for t, col in zip(FIG2_BENCHMARKS.values(), bench_colours):
        a, R = u1x.alpha_R(*t)
        if -1.2 <= math.tan(a) <= -0.3:
            axr.plot(math.tan(a), R if math.cos(a) > 0 else -R, marker="1", color=col, ms=12, mew=2, ls="none")
    axr.axvline(-2 / 3, color="k", ls="--", lw=0.8)
    axr.set(xlabel=r"$\tan\alpha$", ylabel=r"$\pm R$ (lower half: $\alpha+\pi$)", xlim=(-1.2, -0.3), ylim=(-1, 1))
    return fig


def map_panel(
    M: np.ndarray, G: np.ndarray, out: dict, title: str, amu: Measurement, keys: Sequence[str]
) -> tuple[Figure, Axes]:
    """One panel of Figs. 3, 5, 6 from :func:`zprime.constraints.greljo2022.exclusion_maps`: each chi^2 map
    filled where it alone exceeds 4, each search where it excludes, the (g-2)_mu central line (dashed)
    and 2-sigma band of ``amu``, and a legend of ``keys``."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    fig, ax = plt.subplots(figsize=(5.2, 4.2))
    for k in ("nsi", "borexino", "coherent", "ccfr"):
        if k in out:
            z = np.nan_to_num(out[k], nan=0.0)
            if np.any(z > 4):
                ax.contourf(M, G, z, levels=[4, 1e30], colors=[COLOURS[k]], alpha=0.35)
                ax.contour(M, G, z, levels=[4], colors=[COLOURS[k]], linewidths=0.8)
    for k in SEARCHES:
        if np.any(out[k]):
            ax.contourf(M, G, out[k].astype(float), levels=[0.5, 2], colors=[COLOURS[k]], alpha=0.35)
    lo, hi = amu.band(2.0)
    ax.contour(M, G, out["amu"], levels=[amu.value], colors="k", linestyles="--", linewidths=1)
    ax.contour(M, G, out["amu"], levels=[lo, hi], colors="k", linewidths=1)
    ax.axvline(2 * c.m_mu, color="0.4", lw=0.5, ls=":")
    ax.set(
        xscale="log", yscale="log", xlabel=r"$m_X$ [GeV]", ylabel=r"$g_X$", title=title,
        xlim=(M[0, 0], M[-1, 0]), ylim=(G[0, 0], G[0, -1]),
    )  # fmt: skip
    handles = [Patch(color=COLOURS[k], alpha=0.5, label=LABELS[k]) for k in keys]
    ax.legend(handles=handles, fontsize=6, loc="lower right")
    return fig, ax


# --- the numbers beside the paper's ------------------------------------------------------------
def gm2_limits(m_X: float, delta_amu: float) -> tuple[list[tuple], str]:
    """Eq. (2.5): the one-loop (g-2)_mu of a vector and an axial coupling against its light
    (m_X = 0.1 MeV) and heavy (1 TeV) limits, and the vector coupling giving ``delta_amu`` at
    ``m_X``.  Returns (comparison rows: quantity, 1, ours/eq.), text)."""
    from zprime.observables import gm2

    rows, text = [], []
    for mX, lim in ((1e-4, "light"), (1e3, "heavy")):
        r = c.m_mu / mX
        full_V = gm2.delta_a_vector(1.0, mX) * 8 * math.pi**2
        full_A = gm2.delta_a_axial(1.0, mX) * 8 * math.pi**2
        eq_V, eq_A = (1.0, -2 * r**2) if lim == "light" else (2 / 3 * r**2, -10 / 3 * r**2)
        text.append(
            f"m_X = {mX:g} GeV ({lim}): vector {full_V:.6g} vs eq. (2.5) {eq_V:.6g};  axial {full_A:.6g} vs {eq_A:.6g}"
        )
        rows.append((f"eq. (2.5) {lim} limit, vector / eq.", 1.0, full_V / eq_V))
        rows.append((f"eq. (2.5) {lim} limit, axial / eq.", 1.0, full_A / eq_A))
    g = gm2.coupling_for_delta_a(delta_amu, m_X)
    text.append(f"vector coupling for Delta a_mu = 251e-11 at m_X = 200 MeV: g x_mu = {g:.3g}")
    return rows, "\n".join(text)


def electroweak_numbers() -> tuple[dict, list[tuple], str]:
    """Eqs. (3.13)-(3.17): T per eps_Y^2, the bounds on eps_Y (light X; degenerate with the Z) and
    delta R_mue for an illustrative L_mu - L_tau X at 10 GeV.  Returns ({"coef", "eY_95", "eY_deg"},
    comparison rows, text)."""
    from zprime.observables import ewpt

    coef = ewpt.T_parameter(1e-3, 1e-3) / 1e-6
    eY_95 = ewpt.eps_Y_bound_light(ewpt.T_FIT.value - 1.645 * ewpt.T_FIT.sigma)
    eY_2s = ewpt.eps_Y_bound_light(ewpt.T_FIT.value - 2 * ewpt.T_FIT.sigma)
    eY_deg = ewpt.eps_Y_bound_degenerate(ewpt.T_FIT.value + 2 * ewpt.T_FIT.sigma)
    text = [
        f"eq. (3.13): T/eps_Y^2 = {coef:.2f}   (paper: -30)",
        f"eq. (3.14): |eps_Y| < {eY_95:.4f} (one-sided 95%), {eY_2s:.4f} (2 sigma)   (paper: 0.076)",
        f"eq. (3.15): |eps_Y| < {eY_deg:.3g}   (paper: 4.7e-3);  degenerate window |1 - r_X^2| < "
        f"{ewpt.SW * ewpt.eps_hat(eY_deg):.2g}   (paper: 2.2e-3)",
    ]
    rows = [
        ("eq. (3.13) T / eps_Y^2", -30, coef),
        ("eq. (3.14) |eps_Y| max", 0.076, eY_95),
        ("eq. (3.15) |eps_Y| max (degenerate)", 4.7e-3, eY_deg),
    ]
    # R_mue for an illustrative L_mu - L_tau X at 10 GeV with the T-limited mixing:
    dR = ewpt.delta_R_mue(ewpt.t_theta(eY_95, 10.0), 1e-2, 0, 0, 1, 1)
    text.append(
        f"eq. (3.17): delta R_mue = {dR:.2g} for g_X = 0.01, x_L2 = x_E2 = 1, eps_Y = {eY_95:.3f}, m_X = 10 GeV "
        f"(measurement: +-{ewpt.R_MUE.sigma}) -- subleading, as the paper says"
    )
    return {"coef": coef, "eY_95": eY_95, "eY_deg": eY_deg}, rows, "\n".join(text)


def trident_check(g: float = 3e-3, m_X: float = 2.0) -> str:
    """Eq. (3.21) (its 1.13 set to 1) against eq. (11) of arXiv:1406.2332, and sigma/sigma_SM of
    L_mu - L_tau at (g, m_X)."""
    from zprime.observables import trident

    CV, CA = trident.coefficients(g, g, 0.0, m_X)
    R_eq = trident.ratio(CV, CA, axial_weight=1.0)
    v2, s2 = c.v_higgs**2, c.sin2_thetaW_MZ
    R_agpy = (1 + (1 + 4 * s2 + 2 * v2 * g**2 / m_X**2) ** 2) / (1 + (1 + 4 * s2) ** 2)
    return (
        f"eq. (3.21) with 1.13 -> 1: {R_eq:.6f};  arXiv:1406.2332 eq. (11): {R_agpy:.6f}\n"
        f"L_mu-L_tau, g = {g:g}, m_X = {m_X:g} GeV: sigma/sigma_SM = {trident.ratio(CV, CA):.3f}"
    )


def _heavy_x_chi2_min(args) -> float:
    from zprime.statistics import global_fit as GF

    return GF.heavy_x_minimum(*args)[0]


def fig1_minima(
    n_mass: int, delta_amu: Measurement, executor: Executor | None = None
) -> tuple[np.ndarray, dict[str, np.ndarray], float, float]:
    """Fig. 1: the minimum chi^2 of (g-2)_mu + trident + T for a heavy X (1-300 GeV, ``n_mass`` log
    masses and points around the Z) for each variant, the SM chi^2 (the dark photon's ceiling) and the
    mass where the global minimum crosses 4 (eq. (4.2); the paper gives no criterion, 4 is ours).
    ``executor`` (concurrent.futures) spreads the minimisations; default serial.
    Returns (masses, {variant: chi2_min}, chi2_SM, m_bound)."""
    from zprime.observables import ewpt, trident
    from zprime.statistics.parallel import map_jobs

    m = np.unique(np.concatenate([np.geomspace(1.0, 300.0, n_mass), [85.0, 89.0, 90.5, 91.0, 91.5, 93.0, 97.0]]))
    variants = ("global", "no mixing", "dark photon")
    jobs = [(float(x), v, delta_amu) for v in variants for x in m]
    chi2 = map_jobs(_heavy_x_chi2_min, jobs, executor=executor, own_pool=False)
    out = {v: np.array(chi2[k * len(m) : (k + 1) * len(m)]) for k, v in enumerate(variants)}
    chi2_sm = (
        (delta_amu.value / delta_amu.sigma) ** 2
        + ((1 - trident.CCFR.value) / trident.CCFR.sigma) ** 2
        + (ewpt.T_FIT.value / ewpt.T_FIT.sigma) ** 2
    )
    out["dark photon"] = np.minimum(out["dark photon"], chi2_sm)
    k = int(np.argmax(out["global"] > 4))
    m_bound = float(np.exp(np.interp(4.0, out["global"][k - 1 : k + 1], np.log(m[k - 1 : k + 1]))))
    return m, out, chi2_sm, m_bound


def electron_numbers() -> tuple[dict, list[tuple], str]:
    """Eqs. (5.4) and (5.6): the APV bound on g_X for eps e/g_X = +-1 and the (g-2)_e bound on an axial
    electron coupling (coefficient per sqrt(1e-12); Rb and Cs one-sided 95 %, m_X = 1 GeV).
    Returns ({"apv": [eps > 0, eps < 0], "coefficient", "Rb", "Cs"}, comparison rows, text)."""
    from zprime.observables import apv, gm2

    apv_pos, apv_neg = float(apv.g_bound(1.0, 1.0)), float(apv.g_bound(1.0, -1.0))
    coef = float(gm2.coupling_bound(1e-12, 1.0, q_A=1.0, lepton="e"))
    ge_rb = float(gm2.coupling_bound((1.645 * 3.0 - 4.8) * 1e-12, 1.0, q_A=1.0, lepton="e"))
    ge_cs = float(gm2.coupling_bound((8.8 + 1.645 * 3.6) * 1e-12, 1.0, q_A=1.0, lepton="e"))
    text = "\n".join(
        [
            f"eq. (5.4): {apv_pos:.3g} (eps > 0), {apv_neg:.3g} (eps < 0)   (paper: 3.4e-4, 1.3e-4)",
            f"eq. (5.6): coefficient {coef:.3g} per sqrt(1e-12)   (paper: 9.5e-3)",
            f"eq. (5.6): Rb, one-sided 95% (4.8 - 1.645 x 3.0 = -0.135e-12): g_X < {ge_rb:.3g} (m_X/GeV)   "
            "(paper: 3.3e-3)",
            f"eq. (5.6): Cs, one-sided 95% (-8.8 - 1.645 x 3.6): g_X < {ge_cs:.3g} (m_X/GeV)   (paper: 1.2e-2)",
        ]
    )
    rows = [
        ("eq. (5.4) APV, eps > 0", 3.4e-4, apv_pos),
        ("eq. (5.4) APV, eps < 0", 1.3e-4, apv_neg),
        ("eq. (5.6) coefficient", 9.5e-3, coef),
        ("eq. (5.6) Rb bound", 3.3e-3, ge_rb),
        ("eq. (5.6) Cs bound", 1.2e-2, ge_cs),
    ]
    return {"apv": [apv_pos, apv_neg], "coefficient": coef, "Rb": ge_rb, "Cs": ge_cs}, rows, text


def coherent_stages(
    stage1: Sequence, settings: dict[str, tuple[str, ...]], executor: Executor | None, **kw
) -> tuple[dict, dict, str]:
    """Stage 2 of the scan for each COHERENT setting: the models of stage 1 (without COHERENT) within a
    cut of Delta chi^2 < 4 + margin are refitted with COHERENT, the margin widened until it exceeds the
    largest COHERENT gain (so no model below 4 is missed).  Returns ({setting: viable models, best
    first}, {setting: stage-2 fits}, text)."""
    from zprime.statistics import global_fit as GF

    viable, stage2, text = {}, {}, []
    for label, sets in settings.items():
        margin = 2.0
        while True:  # widen the stage-1 cut until it exceeds the largest COHERENT gain
            cand = [m for m in stage1 if m.dchi2 < 4 + margin]
            s2 = GF.scan([m.charges for m in cand], executor=executor, coherent_data=sets, progress=False, **kw)
            cmin = min(m.components["coherent"] for m in s2)
            if cmin > -margin:
                break
            margin = -cmin + 0.5
        text.append(f"[{label}] stage-1 cut {4 + margin:.2f} ({len(cand)} models)")
        stage2[label] = s2
        viable[label] = sorted((m for m in s2 if m.dchi2 < 4), key=lambda m: m.dchi2)
        text.append(f"[{label}] stage 2: {len(viable[label])} viable; min Delta chi2_COHERENT = {cmin:.2f}")
    return viable, stage2, "\n".join(text)


def table1_trace(table1: Sequence, **kw) -> tuple[dict, str]:
    """Every term of the Delta chi^2 at the paper's own best-fit points (r, g_X) of Table 1 (N = 3-7): what
    (g-2)_mu, Borexino and NSI leave for COHERENT, beside our CsI 2017 term with and without timing.
    Returns ({N: terms}, text)."""
    from zprime.experiments import coherent
    from zprime.statistics import global_fit as GF

    L17 = coherent.likelihood("CsI2017")
    if not isinstance(L17, coherent.PoissonLikelihood):
        raise TypeError("the CsI 2017 likelihood is expected to be a binned Poisson likelihood")
    L17_E = L17.time_integrated()  # same data, time bins summed: energy information only
    trace = {}
    text = [
        f"{'N':>2s} {'amu':>5s} {'Borex':>5s} {'NSI':>5s} {'sum':>5s} {'paper':>6s} {'left for COHERENT':>17s} "
        f"{'ours: E x t':>11s} {'E only':>7s} {'total/SM':>8s}"
    ]
    for t, r, g, d in table1[2:]:
        other = GF.GlobalChi2(t, include=("amu", "borexino", "nsi"), **kw).components(g, r)
        other = {k: float(v) for k, v in other.items()}
        coh = {}
        for lab, L in (("E x t", L17), ("E only", L17_E)):
            N_pt = L.predict_vector(GF.effective_model(t, r), np.array([g]), kw["m_X"])
            coh[lab] = float(L.chi2(N_pt)[0] - L.chi2(L.sm[None])[0])
        ratio = float(N_pt.sum() / L17.sm.sum())
        s = sum(other.values())
        trace[t[2]] = dict(
            **other,
            paper_total=d,
            coherent_left=d - s,
            csi2017=coh["E x t"],
            csi2017_energy_only=coh["E only"],
            total_over_sm=ratio,
        )
        text.append(
            f"{t[2]:2d} {other['amu']:5.2f} {other['borexino']:5.2f} {other['nsi']:5.2f} {s:5.2f} {d:6.2f} "
            f"{d - s:17.2f} {coh['E x t']:11.2f} {coh['E only']:7.2f} {ratio:8.3f}"
        )
    return trace, "\n".join(text)


def fig2_scans(
    n_alpha: int, n_R: int, n_tan: int, n_R_right: int, executor: Executor | None, **kw
) -> tuple[tuple, tuple]:
    """The stage-1 Delta chi^2 (no COHERENT) on the planes of Fig. 2: left, (alpha, R) over the whole
    circle (R linear below 1, log above); right, (tan alpha, R < 1) on both branches of alpha.
    Returns ((A, R, D) left, (tan, R, D (2, ...)) right), the meshes and the minima of
    :func:`zprime.statistics.global_fit.scan` with ``kw``."""
    from zprime.statistics import global_fit as GF

    al = np.linspace(-np.pi, np.pi, n_alpha, endpoint=False) + np.pi / n_alpha
    Rl = np.concatenate([np.linspace(0.02, 0.98, n_R // 3), np.geomspace(1.0, 100.0, n_R - n_R // 3)])
    A, RR = np.meshgrid(al, Rl, indexing="ij")
    left = GF.scan(list(zip(*[x.ravel() for x in u1x.coefficients_from_alpha_R(A, RR)])), executor=executor, **kw)
    D_left = np.array([m.dchi2 for m in left]).reshape(A.shape)
    T2, R2 = np.meshgrid(np.linspace(-1.2, -0.3, n_tan), np.linspace(0.01, 0.99, n_R_right), indexing="ij")
    charges = []
    for branch in (0.0, np.pi):  # cos(alpha) > 0 (c_B > 0, c_e < 0) and its opposite
        charges += list(zip(*[x.ravel() for x in u1x.coefficients_from_alpha_R(np.arctan(T2) + branch, R2)]))
    right = GF.scan(charges, executor=executor, **kw)
    D_right = np.array([m.dchi2 for m in right]).reshape((2,) + T2.shape)
    return (A, RR, D_left), (T2, R2, D_right)


# --- App. A: the fit of the approximate NSI chi^2 ------------------------------------------------
#: App. A's published minimum of the loss (A.15) and its Y_n.
PUBLISHED_NSI_FIT = {"loss_min": 1.43, "Y_n": 1.04}


def nsi_fits(n_starts: int, seed: int, popsize: int, executor: Executor | None) -> tuple[dict, str, str]:
    """The loss (A.15) minimised two ways: Migrad from ``n_starts`` random starts and differential evolution
    in each Y_n region (:mod:`zprime.observables.nsi_osc`); the lower of the two is kept.  Returns
    ({"best", "migrad", "de", "minima", "record"}, text, timings): the record is the notebook's results
    entry; the timings (and starts per minimum, valid fits), which change with the machine, are kept apart."""
    import time

    from zprime import report
    from zprime.observables import nsi_osc

    t0 = time.perf_counter()
    fits = nsi_osc.fit(n_starts, seed=seed, executor=executor, progress=False)
    t_migrad = time.perf_counter() - t0
    t0 = time.perf_counter()
    fits_de = nsi_osc.fit_global(seed=seed, popsize=popsize, executor=executor)
    t_de = time.perf_counter() - t0
    minima = nsi_osc.distinct_minima(fits, min_starts=5)
    timings = (
        f"Migrad: {t_migrad:.0f} s, {sum(f.valid for f in fits)} valid, starts per minimum "
        f"{[n for _, n in minima]}; differential evolution: {t_de:.0f} s"
    )
    best = min([fits[0]] + fits_de, key=lambda f: f.loss)
    pub = PUBLISHED_NSI_FIT
    text = [
        nsi_osc.describe_fits(fits, fits_de, min_starts=5),
        f"\nkept: loss = {best.loss:.5f} (paper {pub['loss_min']}) at Y_n = {best.Y_n:.4f} (paper {pub['Y_n']}), "
        f"from {best.method}; the two methods agree to {report.small(abs(fits[0].loss - fits_de[0].loss), 1e-8)}",
        "\nA finite Table-3 point near the minimum (ridge added to P):",
    ]
    for ridge in (1e-6, 1e-4):
        near = best.chi2.to_approx(ridge)
        text.append(
            f"  ridge {ridge:g}: loss {nsi_osc.loss(near):.4f}; "
            + ", ".join(f"{k} {v:.4g}" for k, v in near.values().items())
        )
    record = {
        "loss_min": best.loss, "params": best.chi2.values(), "Yn": best.Y_n, "method": best.method,
        "paper_loss_min": pub["loss_min"], "n_starts": n_starts, "n_distinct_minima": len(minima),
        "migrad_loss_min": fits[0].loss, "differential_evolution_loss_min": fits_de[0].loss,
        "minima": [{"loss": f.loss, "Yn": f.Y_n} for f, _ in minima[:6]],
        "bounds_over_table2": [float(x) for x in best.chi2.bound_ratios()],
    }  # fmt: skip
    out = {"best": best, "migrad": fits, "de": fits_de, "minima": minima, "record": record}
    return out, "\n".join(text), timings


def fig6_panel(M: np.ndarray, G: np.ndarray, maps: dict, amu: Measurement, ge_rb: float) -> tuple[Figure, Axes]:
    """Fig. 6: the chiral L_mu - L_tau stand-in with eps = g_X/10 (:func:`map_panel`), with APV (eq. (5.4)),
    the (g-2)_e line of eq. (5.6) (Rb, ``ge_rb`` g/m_X) and TEXONO's g = 1.7e-4 (m_X / 100 MeV)."""
    from zprime.observables import apv

    m = M[:, 0]
    keys = ["borexino", "coherent", "ccfr", "NA64", "BaBar", "LHCb", "apv", "ge", "texono"]
    fig, ax = map_panel(M, G, maps, r"$\tilde L_{\mu-\tau}$, $\varepsilon=g_X/10$", amu, keys)
    ax.fill_between(m, apv.g_bound(m, c.e_em / 10), 1, color=COLOURS["apv"], alpha=0.3)
    ax.fill_between(m, ge_rb * m, 1, color=COLOURS["ge"], alpha=0.2)
    ax.plot(m, 1.7e-4 * m / 0.1, color=COLOURS["texono"], lw=1.5)
    return fig, ax


def band_passes_borexino(M: np.ndarray, maps: dict, amu: Measurement) -> float:
    """The lowest m_X (GeV) where some coupling inside the 2-sigma (g-2)_mu band has a Borexino chi^2 below 4
    (NaN if none): the paper says Borexino limits the solution to m_X >~ 60 MeV."""
    lo, hi = amu.band(2.0)
    ok = (maps["amu"] > lo) & (maps["amu"] < hi) & (maps["borexino"] < 4)
    return float(M[np.argmax(ok.any(axis=1)), 0]) if ok.any() else float("nan")


def table1_rows(viable: Sequence, viable_by: dict[str, Sequence], table1: Sequence) -> list[tuple]:
    """Comparison rows: the Delta chi^2 of each of our viable models that Table 1 lists, and the number of
    viable models for each COHERENT setting (the paper: 7)."""
    pub = {u1x.canonical_sign(t): d for t, r, g, d in table1}
    rows = []
    for m in viable:
        t = u1x.canonical_sign(tuple(int(round(x)) for x in m.charges))
        if t in pub:
            rows.append((f"Table 1 Delta chi2 {t}", pub[t], m.dchi2))
    rows += [(f"Table 1: viable models, COHERENT {label}", 7, len(v)) for label, v in viable_by.items()]
    return rows


def nsi_table2_text(chi2: PrecisionChi2) -> str:
    """App. A Table 2 against the fitted chi^2 ``chi2`` (:class:`zprime.observables.nsi_osc.PrecisionChi2`):
    each direction's bound and minimum, published and ours, and the largest relative deviation of a bound."""
    from zprime import report
    from zprime.observables import nsi_osc

    th2 = np.array([t for t, _, _ in nsi_osc.TABLE2], dtype=float)
    bounds, minima = chi2.bound(th2), chi2.minimum(th2)[1]
    lines = [f"{'theta':>20s} {'bound paper':>12s} {'ours':>9s} {'ratio':>7s} {'min paper':>10s} {'ours':>7s}"]
    for (t, mn, bd), bo, mo in zip(nsi_osc.TABLE2, bounds, minima):
        lines.append(
            f"{str(tuple(round(x, 3) for x in t)):>20s} {bd:12.4g} {bo:9.4g} {bo / bd:7.3f} "
            f"{('N/A' if mn is None else f'{mn:.1f}'):>10s} {mo:7.2f}"
        )
    worst = float(np.max(np.abs(chi2.bound_ratios() - 1)))
    lines.append(f"largest relative deviation of a Table 2 bound: {worst:.1%} (target: within 15%)")
    lines.append(f"smallest / largest eigenvalue of P: {report.small(chi2.condition, 1e-12)} (C singular)")
    return "\n".join(lines)


def _map_job(args: tuple) -> tuple:
    maps, charges, eps = args
    from functools import partial

    from zprime.statistics import global_fit as GF

    return maps(partial(GF.effective_model, charges), partial(np.full_like, fill_value=eps), nsi_theta=charges)


def fig5_maps(maps: Callable, models: Sequence[tuple[tuple, float]], executor: Executor | None) -> list[tuple]:
    """The maps of Fig. 5, one per (charges, eps) in ``models``: ``maps`` is
    :func:`zprime.constraints.greljo2022.exclusion_maps` with its grid bound (a picklable partial), called
    with the model at r = eps e/g_X and the fixed kinetic mixing eps; run on ``executor`` (serial without).
    Returns [(M, G, maps)] in the order of ``models``."""
    from zprime.statistics.parallel import map_jobs

    return map_jobs(_map_job, [(maps, ch, eps) for ch, eps in models], executor=executor, own_pool=False)
