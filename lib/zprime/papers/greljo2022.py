"""Figures 1-6 and Table 1 of Greljo, Stangl, Thomsen and Zupan (arXiv:2203.13731).

The numbers come from :mod:`zprime.statistics.global_fit` (the Delta chi^2 of App. B and the scan of
the 419 models), :mod:`zprime.models.u1x` (the model space and its (alpha, R) coordinates of
eq. (4.4)) and :func:`zprime.constraints.greljo2022.exclusion_maps` (the (m_X, g_X) maps of Figs. 3,
5 and 6).  This module draws them and prints Table 1 beside the published one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime.constants import Measurement
from zprime.constraints.greljo2022 import SEARCHES
from zprime.models import u1x

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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
