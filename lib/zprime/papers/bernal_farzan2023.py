"""Figures 1-4 of Bernal and Farzan (arXiv:2211.15686) and the numbers read off them.

Figs. 1 and 3: the (m_Z', g_Z') plane at fixed c and tan eta (:func:`draw_mass_plane`); Figs. 2 and
4: the (eps^medium_mumu, tan eta) plane (:func:`draw_projection`, from
:func:`zprime.constraints.bernal_farzan2023.projection`).  The bounds themselves are those of
:mod:`zprime.constraints.bernal_farzan2023`; the NSI bands follow eq. (13) through
:func:`zprime.observables.nsi.bernal_farzan2023_couplings`, the (g-2)_mu lines
:func:`zprime.observables.gm2.coupling_band` with the muon coupling g (1 - a) of eq. (19).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from zprime import models, plotting
from zprime.constraints import bernal_farzan2023 as bf
from zprime.observables import gm2, nsi
from zprime.units import MeV

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours of the figures (the paper's colour for each bound).
COLOURS = {
    "Borexino": "#d62728",
    "NA48": "#2ca02c",
    "NA64": "#1f77b4",
    "gm2": "#2ca02c",
    "gm2_25": "#9467bd",
    "lma": "0.65",
    "lma_dark": "#8c564b",
    "e774": "#1f77b4",
}
#: Top of the coupling axis of Figs. 1 and 3.
G_TOP = 1e-2
#: The tan eta ticks of Figs. 2 and 4.
TAN_ETA_TICKS = (-37, -3, -1, -0.75, 0, 0.5, 1, 3, 37)


@dataclass(frozen=True)
class Setup:
    """The parameters of the figures (the notebook's papermill parameters).

    masses in GeV; tan_eta of Figs. 1 and 3; c_phi and m_phi/m_Z' of the light scalar (right panels);
    Y_n = N_n/N_p; the Borexino bound on |eps^e|; the LMA-Dark and LMA ranges of eps^medium
    (eqs. (15), (17)); the mass range of the figures in MeV.
    """

    masses: np.ndarray
    tan_eta: float
    c_phi: float
    m_phi_over_m_zp: float
    Y_n: float
    borexino_eps_e: float
    lma_dark: tuple[float, float]
    lma: tuple[float, float]
    m_range_MeV: tuple[float, float]

    @property
    def m_MeV(self) -> np.ndarray:
        return self.masses / MeV

    def g_from_eps_medium(
        self, eps_medium: ArrayLike, c: float, m: ArrayLike | None = None, Y_n: float | None = None
    ) -> np.ndarray:
        """g_Z' with eps^medium_mumu = ``eps_medium`` at charge c and masses m (default: the figures'),
        eq. (13) solved for g (tan eta plays no role), with N_n/N_p = ``Y_n`` (default: the setup's)."""
        m = self.masses if m is None else m
        return nsi.bernal_farzan2023_couplings(c, eps_medium, 1.0, m, self.Y_n if Y_n is None else Y_n)[0]

    def bounds(self, c: float, phi: bool, m: ArrayLike | None = None) -> dict[str, np.ndarray]:
        """Upper bounds on g_Z' of :func:`zprime.constraints.bernal_farzan2023.upper_bounds` at tan eta,
        with (``phi``) or without the light scalar."""
        ow = bf.phi_width(self.c_phi, self.m_phi_over_m_zp) if phi else None
        m = self.masses if m is None else np.asarray(m)
        return bf.upper_bounds(c, self.tan_eta, m, phi_width=ow, borexino_eps_e=self.borexino_eps_e)

    def projection(self, c: float, phi: bool, tan_grid: np.ndarray, eps_abs: np.ndarray) -> dict:
        """:func:`zprime.constraints.bernal_farzan2023.projection` at charge c on the (tan eta, |eps^medium|)
        grid; with ``phi`` the scalar's width, and masses below E774/E141's m_phi < 10 MeV left out."""
        ow = bf.phi_width(self.c_phi, self.m_phi_over_m_zp) if phi else None
        m_min = (10.0 / self.m_phi_over_m_zp) * MeV if phi else None
        kw = dict(Y_n=self.Y_n, borexino_eps_e=self.borexino_eps_e, phi_width=ow, m_min=m_min)
        return bf.projection(c, tan_grid, eps_abs, self.masses, **kw)

    def nsi_bands(self, c: float) -> dict[str, tuple | None]:
        """(lower, upper) g of LMA-Dark and LMA at charge c; None where the sign of c forbids the band."""
        m = self.masses
        if c < 0:
            return {
                "LMA-Dark": tuple(self.g_from_eps_medium(e, c) for e in self.lma_dark),
                "LMA": (np.full_like(m, 1e-12), self.g_from_eps_medium(self.lma[1], c)),
            }
        return {"LMA-Dark": None, "LMA": (np.full_like(m, 1e-12), self.g_from_eps_medium(self.lma[0], c))}

    def gm2_lines(self, c: float) -> dict[str, tuple]:
        """The 2-sigma (g-2)_mu bands in g_Z' per measurement year (muon coupling g (1 - a), eq. (19))."""
        a = models.bernal_farzan2023_mixing(c, self.tan_eta)
        return {year: gm2.coupling_band(meas, self.masses, 1 - a) for year, meas in gm2.DELTA_A_MU.items()}


def mass_plane_figure(setup: Setup, c: float, phi: bool, cg_26: float) -> tuple[Figure, dict[str, np.ndarray]]:
    """(figure, bounds) of Fig. 1 (c = -0.1) or Fig. 3 (c = 2/3), panel a (no phi) or b (``phi``); ``cg_26``
    is the eq. (26) coefficient (c_phi g above which Z' -> phi phi* is prompt, at 30 MeV)."""
    import matplotlib.pyplot as plt

    with plt.rc_context({"hatch.linewidth": 0.5}):
        fig, ax = plt.subplots(figsize=(8.4, 4.8), layout="constrained")
        b = draw_mass_plane(ax, setup, c, phi, cg_26)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, frameon=False)
    return fig, b


def projection_figure(setup: Setup, c: float, phi: bool, P: dict, eps_abs: np.ndarray, eta_deg: np.ndarray) -> Figure:
    """The figure of Fig. 2 (c = -0.1) or Fig. 4 (c = 2/3) for the projection ``P`` (see :func:`draw_projection`)."""
    import matplotlib.pyplot as plt

    with plt.rc_context({"hatch.linewidth": 0.5}):
        fig, ax = plt.subplots(figsize=(8.4, 4.8), layout="constrained")
        draw_projection(ax, setup, c, phi, P, eps_abs, eta_deg)
    ax.legend(handles=_projection_legend(), loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=7, frameon=False)
    return fig


def draw_mass_plane(ax: Axes, setup: Setup, c: float, phi: bool, cg_26: float) -> dict[str, np.ndarray]:
    """Fig. 1 (c = -0.1) or Fig. 3 (c = 2/3) on ``ax`` (see :func:`mass_plane_figure`); returns the bounds drawn."""
    col, mm = COLOURS, setup.m_MeV
    b = setup.bounds(c, phi)
    plotting.log_axes(ax, r"$m_{Z'}$ [MeV]", r"$g_{Z'}$", setup.m_range_MeV, (1e-6, G_TOP))
    plotting.excluded_above(
        ax, mm, b["Borexino"], top=G_TOP, color=col["Borexino"], alpha=0.25, label=r"Borexino ($|\epsilon^e|>2$)"
    )
    for key, ls in (("NA48", "--"), ("NA64", ":")):
        name = f"{key}{'/2' if key == 'NA48' else ''}"
        ok = np.isfinite(b[f"{key} paper"])
        plotting.excluded_above(
            ax, mm[ok], b[f"{key} paper"][ok], top=G_TOP, color=col[key], alpha=0.2, ls=ls,
            label=f"{name} (paper's prescription)",
        )  # fmt: skip
        ok = np.isfinite(b[f"{key} recast"])
        ax.plot(mm[ok], b[f"{key} recast"][ok], color=col[key], lw=0.8, ls="-", label=f"{name} (our recast)")
    _mass_plane_lines(ax, setup, c, phi, cg_26)
    return b


def _mass_plane_lines(ax: Axes, setup: Setup, c: float, phi: bool, cg_26: float) -> None:
    """The (g-2)_mu bands, the NSI bands, the kaon line and (with phi) the E774/E141 and eq. (26) lines."""
    col, mm = COLOURS, setup.m_MeV
    gm2_lines = setup.gm2_lines(c)
    lo21, hi21 = gm2_lines["2021"]
    ax.fill_between(
        mm, lo21, hi21, facecolor="none", edgecolor=col["gm2"], hatch="|||", lw=0, label=r"$(g-2)_\mu$ 2021, $2\sigma$"
    )
    plotting.excluded_above(
        ax, mm, hi21, top=G_TOP, color=col["gm2"], alpha=0.08, ls="-.", label=r"$\Delta a_\mu$ above 2021 $2\sigma$"
    )
    up25 = gm2_lines["2025"][1]
    ax.plot(mm, up25, color=col["gm2_25"], ls="-.", lw=1.0, label=r"$(g-2)_\mu$ 2025, $2\sigma$ upper")
    for name, hatch in (("LMA-Dark", "///"), ("LMA", "\\\\\\")):
        band = setup.nsi_bands(c)[name]
        colour = col["lma_dark" if name == "LMA-Dark" else "lma"]
        if band is not None:
            ax.fill_between(mm, band[0], band[1], facecolor="none", edgecolor=colour, hatch=hatch, lw=0.0, label=name)
            ax.plot(mm, band[1], color=colour, lw=0.6)
    # NA62 K -> mu nu Z', eq. (32): g < 0.003 (m/5 MeV)
    kaon = 0.003 * setup.masses / (5 * MeV)
    ax.plot(mm, kaon, color="0.4", lw=0.7, ls=(0, (1, 2)), label=r"$K\to\mu\nu Z'$, eq. (32)")
    if phi:
        m_e774 = 10.0 / setup.m_phi_over_m_zp
        ax.axvspan(setup.m_range_MeV[0], m_e774, color=col["e774"], alpha=0.08, lw=0)
        ax.axvline(m_e774, color=col["e774"], ls="--", lw=1.0, label=r"E774/E141: $m_\varphi<10$ MeV")
        r2 = setup.m_phi_over_m_zp**2
        ax.plot(
            mm, cg_26 / setup.c_phi * (30.0 / mm) * (1 - 4 * r2) ** -0.75, color="0.2", lw=0.8, ls=":",
            label=r"eq. (26): $Z'\to\varphi\bar\varphi$ fast enough above",
        )  # fmt: skip
    scalar = rf", $c_\varphi={setup.c_phi:g}$, $m_\varphi=m_{{Z'}}/3$" if phi else r", no $\varphi$"
    ax.set_title(rf"$c={c:.3g}$, $\tan\eta={setup.tan_eta}$" + scalar, fontsize=9)


def draw_projection(
    ax: Axes, setup: Setup, c: float, phi: bool, P: dict, eps_abs: np.ndarray, eta_deg: np.ndarray
) -> None:
    """Fig. 2 (c = -0.1) or Fig. 4 (c = 2/3): the projection ``P`` of
    :func:`zprime.constraints.bernal_farzan2023.projection` on the (|eps^medium|, eta) grid."""
    col = COLOURS
    X, Y = np.meshgrid(eps_abs, eta_deg)
    styles = {"Borexino": "-", "NA48": "--", "NA64": ":", "gm2_over": "-."}
    for key in ("Borexino", "NA48", "NA64", "gm2_over"):
        colour = col["gm2" if key == "gm2_over" else key]
        Z = P[key].astype(float)
        ax.contourf(X, Y, Z, levels=[0.5, 1.5], colors=[colour], alpha=0.22 if key != "gm2_over" else 0.1)
        ax.contour(X, Y, Z, levels=[0.5], colors=[colour], linewidths=1.0, linestyles=styles[key])
    cs = ax.contourf(X, Y, P["gm2_ok"].astype(float), levels=[0.5, 1.5], colors="none", hatches=["|||"])
    cs.set_edgecolor(col["gm2"])
    cs.set_linewidth(0)
    ax.contour(X, Y, P["gm2_ok"].astype(float), levels=[0.5], colors=[col["gm2"]], linewidths=0.6)
    lma, lma_dark = setup.lma, setup.lma_dark
    if c < 0:
        ax.axvspan(1e-2, lma[1], facecolor="none", edgecolor=col["lma"], hatch="\\\\", lw=0)
        ax.axvspan(*lma_dark, facecolor="none", edgecolor=col["lma_dark"], hatch="//", lw=0)
    else:
        ax.axvspan(1e-2, -lma[0], facecolor="none", edgecolor=col["lma"], hatch="\\\\", lw=0)
    ax.axhline(math.degrees(math.atan(setup.tan_eta)), color="k", lw=0.8)
    for t in bf.tan_eta_thresholds(lma_dark[1], setup.borexino_eps_e, setup.Y_n):
        ax.axhline(math.degrees(math.atan(t)), color=col["Borexino"], lw=0.6, ls=(0, (4, 2)))
    ax.set_xscale("log")
    ax.set_xlim(eps_abs[0], eps_abs[-1])
    ax.set_ylim(-90, 90)
    ax.set_yticks([math.degrees(math.atan(t)) for t in TAN_ETA_TICKS])
    ax.set_yticklabels([f"{t:g}" for t in TAN_ETA_TICKS])
    ax.set_xlabel(r"$\epsilon^{\rm medium}_{\mu\mu}$" if c < 0 else r"$-\epsilon^{\rm medium}_{\mu\mu}$")
    ax.set_ylabel(r"$\tan\eta$ (axis linear in $\eta$)")
    scalar = rf", $c_\varphi={setup.c_phi:g}$, $m_\varphi=m_{{Z'}}/3$" if phi else r", no $\varphi$"
    ax.set_title(rf"$c={c:.3g}$" + scalar, fontsize=9)


def _projection_legend() -> list:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    col = COLOURS
    return [
        Patch(color=col["Borexino"], alpha=0.3, label="Borexino"),
        Patch(color=col["NA48"], alpha=0.3, label="NA48/2 (all masses)"),
        Patch(color=col["NA64"], alpha=0.3, label="NA64 (all masses)"),
        Patch(color=col["gm2"], alpha=0.15, label=r"$\Delta a_\mu$ too large (all masses)"),
        Patch(facecolor="none", edgecolor=col["gm2"], hatch="|||", label=r"$(g-2)_\mu$ 2021 explained"),
        Patch(facecolor="none", edgecolor=col["lma"], hatch="\\\\", label="LMA"),
        Patch(facecolor="none", edgecolor=col["lma_dark"], hatch="//", label="LMA-Dark"),
        Line2D([], [], color="k", lw=0.8, label=r"$\tan\eta=-0.75$"),
        Line2D([], [], color=col["Borexino"], lw=0.6, ls=(0, (4, 2)), label="thresholds 0.49, -37.5"),
    ]


def projection_summary(P: dict, i_eta: int, tan_grid: np.ndarray, eps_abs: np.ndarray) -> dict:
    """Along one tan eta row ``i_eta`` of a projection: the first |eps^medium| Borexino excludes, and the
    |eps^medium| range where (g-2)_mu 2021 is explained and Borexino allows it (None if empty)."""
    row = np.flatnonzero(P["Borexino"][i_eta])
    ok = P["gm2_ok"][i_eta] & ~P["Borexino"][i_eta]
    return {
        "tan_eta": float(tan_grid[i_eta]),
        "borexino_eps_med_max": float(eps_abs[row[0]]) if row.size else math.inf,
        "gm2_and_borexino_eps_med": [float(eps_abs[ok].min()), float(eps_abs[ok].max())] if ok.any() else None,
    }


# --- the paper's equations checked against the library ---------------------------------------
def nsi_equations(c: float, g: float, m: float, eps: float, Y_n: float) -> tuple[dict, dict, str]:
    """Eqs. (5)-(13) at one point (c, g_Z', m_Z' in GeV, kinetic mixing eps) written out as the paper
    does, beside the library (:func:`zprime.observables.nsi.epsilon` of the folded model, halved to the
    paper's per-nucleon normalisation; :func:`~zprime.observables.nsi.tan_eta`,
    :func:`~zprime.observables.nsi.epsilon_medium`).  Returns (paper, library, text)."""
    from zprime import constants as const

    E = const.e_em
    model = models.bernal_farzan2023(c, eps=eps)
    K = 2 * math.sqrt(2) * const.G_F  # 2 sqrt2 G_F of eqs. (5)-(13), GeV^-2
    den = 2 * K * m**2 / 2  # 2 sqrt2 G_F m^2 (eqs. (5)-(10) denominators / 3)
    paper = {
        "eps^u (5)": (2 * E * eps - c * g) * g / (3 * den),
        "eps^d (6)": -(E * eps + c * g) * g / (3 * den),
        "eps^e (9)": -g * E * eps / den,
        "eps^n (10)": -c * g**2 / den,
        "eps^p (10)": (E * eps - c * g) * g / den,
        "tan eta (11)": -c * g / (E * eps - c * g),
        "eps_medium (13)": -c * g**2 / den * (1 + Y_n),
    }
    ours = {
        f"eps^{f} ({n})": nsi.epsilon(model, g, m, f, "mu") / 2
        for f, n in (("u", 5), ("d", 6), ("e", 9), ("n", 10), ("p", 10))
    }
    ours["tan eta (11)"] = nsi.tan_eta(model, g)
    ours["eps_medium (13)"] = nsi.epsilon_medium(model, g, m, "mu", Y_n)
    text = [f"{k:<16} paper {paper[k]:+.6e}   library {ours[k]:+.6e}" for k in paper]
    text.append(f"eps_ee^f = 0 (7)-(8): {[nsi.epsilon(model, g, m, f, 'e') for f in ('u', 'd', 'e')]}")
    return paper, ours, "\n".join(text)


def decay_equations(tan_eta: float, c_phi: float, m_phi_over_m_zp: float) -> tuple[dict, str]:
    """Eqs. (21)-(31) at m_Z' = 30 MeV: the branching ratios of eq. (21) from the library's widths, the
    coefficient of eq. (24), the lifetime bound of eqs. (25)-(26), lambda_phi_e of eq. (30) and the
    lambda of eq. (31).  Returns ({"k24", "cg_26", "lam_30", "lam_31"}, text)."""
    from zprime import constants as const
    from zprime.observables import decays
    from zprime.units import HBAR_GEV_S

    m30 = 30 * MeV
    text = []
    for c_ in (-0.1, 2 / 3):
        a = models.bernal_farzan2023_mixing(c_, tan_eta)
        pw = decays.partial_widths(models.bernal_farzan2023(c_, tan_eta=tan_eta), m30, dirac=False)
        tot = decays.sum_widths(pw, "total")
        br_ee, br_inv = float(pw["e_e"] / tot), float(decays.sum_widths(pw, "invisible") / tot)
        text.append(
            f"c = {c_:+.3g}: a = e eps/g = {a:+.4f};  Br(ee) widths {br_ee:.5f} vs eq. (21) {a * a / (a * a + 1):.5f};"
            f"  Br(inv) {br_inv:.5f} vs {1 / (a * a + 1):.5f}"
        )
    # eq. (24) in the limit c_phi^2 g^2 >> (e eps)^2: Br(inv) = k / (c_phi^2 beta^3), paper k = 8
    beta3 = (1 - 4 * m_phi_over_m_zp**2) ** 1.5
    G_phi = decays.width_scalar_pair(1.0, m30, c_phi, m_phi_over_m_zp * m30)
    G_nu = 2 * decays.width_nunu(1.0, m30, 1.0)
    k24 = float(G_nu / G_phi * c_phi**2 * beta3)
    text.append(f"eq. (24) coefficient from eqs. (21), (23): {k24:.4f} (paper: 8)")
    # eqs. (25)-(26): gamma c tau < 1 cm at E = 30 GeV <=> tau < 3e-14 s (m/30 MeV)(30 GeV/E); with
    # Gamma(phi phi) = (c_phi g)^2 m beta^3/(48 pi) > hbar/tau at m = 30 MeV
    cg_26 = math.sqrt(48 * math.pi * HBAR_GEV_S / 3e-14 / m30)
    text.append(f"eq. (26) coefficient: c_phi g > {cg_26:.3e} (30 MeV/m)(1-4r^2)^-3/4   (paper 3.3e-4)")
    # eq. (30): phi -> e+e- with tau_phi = 1e-14 s at m_phi = 10 MeV
    lam_30 = math.sqrt(HBAR_GEV_S / 1e-14 / float(decays.width_scalar_ff(1.0, 10 * MeV, const.m_e)))
    text.append(f"eq. (30): lambda_phi_e = {lam_30:.3e} for tau_phi = 1e-14 s at m_phi = 10 MeV   (paper ~4e-4)")
    # eq. (31): lambda = sin(beta) m_Phi^2 c_phi g / (<H> m_Z'), <H> = v/sqrt2
    v_H = 1 / math.sqrt(math.sqrt(2) * const.G_F) / math.sqrt(2)
    lam_31 = 1e-3 * 400.0**2 * 8.5e-4 / (v_H * m30)
    text.append(f"eq. (31): lambda = {lam_31:.4f} with <H> = {v_H:.1f} GeV   (paper 0.026)")
    return {"k24": k24, "cg_26": cg_26, "lam_30": lam_30, "lam_31": lam_31}, "\n".join(text)


def flavour_equations(setup: Setup, c_values: tuple[float, float], a: float) -> tuple[dict, str]:
    """Eq. (35) (white dwarfs) along the upper LMA-Dark edge at c = ``c_values[0]`` (``a`` = e eps/g
    there) and eqs. (37)-(38) (b -> s mu mu, :func:`zprime.constraints.bernal_farzan2023.c9`).
    Returns ({"wd_max", "g_ref_38": {alpha: g_ref}}, text)."""
    from zprime import constants as const

    g_ld = setup.g_from_eps_medium(setup.lma_dark[1], c_values[0])
    wd = 2 * g_ld**2 * np.abs(a * g_ld / const.e_em) / (3 * setup.masses**2)
    text = [
        f"eq. (35) on the LMA-Dark edge, 5-200 MeV: max {wd.max():.2e} GeV^-2 vs bound 1.12e-5 "
        "(weaker, as the paper says)"
    ]
    # eq. (37): C9 = -(g^2 pi/(sqrt2 m^2)) (3c - 2)/(3 alpha G_F); eq. (38) for q^2 >> m^2:
    # C9 m^2/(m^2 - q^2) -> (g^2 pi/(sqrt2 alpha G_F q^2)) (3c - 2)/3 = (g/g_ref)^2 (3c - 2) GeV^2/q^2
    g_ref = {
        name: math.sqrt(3 * math.sqrt(2) * al * const.G_F / math.pi)
        for name, al in (("alpha(0)", const.alpha_em), ("alpha(m_Z) = 1/128", 1 / 128))
    }
    text += [f"eq. (38) reference coupling with {name}: {gr:.3e}   (paper 3.5e-4)" for name, gr in g_ref.items()]
    q2, g_t, m_t = 1.0, 7e-4, 30 * MeV  # eq. (38) is eq. (37) times m^2/(m^2 - q^2): an exact identity
    lhs = bf.c9(g_t, m_t, -0.1, 1 / 128) * m_t**2 / (m_t**2 - q2)
    rhs = (g_t / g_ref["alpha(m_Z) = 1/128"]) ** 2 * (3 * -0.1 - 2) / (q2 - m_t**2)
    if not math.isclose(lhs, rhs, rel_tol=1e-12):
        raise RuntimeError(f"eq. (38) is not eq. (37) at q^2 >> m^2: {lhs} vs {rhs}")
    for c_ in c_values:
        c9q = bf.c9(g_t, m_t, c_, 1 / 128) * m_t**2 / (m_t**2 - q2)
        text.append(f"c = {c_:.3g}: C9 m^2/(m^2 - q^2) at g = {g_t:g}, m = 30 MeV, q^2 = 1 GeV^2: {c9q + 0.0:+.2f}")
    return {"wd_max": float(wd.max()), "g_ref_38": g_ref}, "\n".join(text)


def lma_dark_couplings(setup: Setup, Y_centre: float) -> tuple[dict, str]:
    """Eq. (16): g_Z' at 10 MeV and c = -1 on the LMA-Dark range of eps^medium (with the setup's N_n/N_p,
    with ``Y_centre`` and with eps^medium halved), and eq. (18): c g^2 on the LMA range, checked against
    :func:`zprime.observables.nsi.epsilon_medium` of the model at c = -1.  Returns ({"g_10", "g_10_centre",
    "g_10_half", "cg2_18"}, text)."""
    from zprime import constants as const

    m10 = 10 * MeV
    K = 2 * math.sqrt(2) * const.G_F  # 2 sqrt2 G_F of eqs. (5)-(13), GeV^-2
    out = {
        "g_10": [float(setup.g_from_eps_medium(e, -1.0, m10)) for e in setup.lma_dark],
        "g_10_centre": [float(setup.g_from_eps_medium(e, -1.0, m10, Y_centre)) for e in setup.lma_dark],
        "g_10_half": [float(setup.g_from_eps_medium(e / 2, -1.0, m10)) for e in setup.lma_dark],
        # eq. (18): c g^2 = -eps_med K m^2/(1 + Y_n) at the LMA edges, in units of (m/10 MeV)^2
        "cg2_18": [-e * K * m10**2 / (1 + setup.Y_n) for e in setup.lma[::-1]],
    }
    back = nsi.epsilon_medium(models.bernal_farzan2023(-1.0), np.array(out["g_10"]), m10, "mu", setup.Y_n)
    if not np.allclose(back, setup.lma_dark):
        raise RuntimeError(f"eq. (16) does not return the LMA-Dark edges: {back}")
    g, gc, gh, cg = out["g_10"], out["g_10_centre"], out["g_10_half"], out["cg2_18"]
    text = [
        f"eq. (16): g_Z' = [{g[0]:.3e}, {g[1]:.3e}] (m/10 MeV)(-1/c)^1/2   (paper 6.5-8.0e-5)",
        f"   with N_n/N_p = {Y_centre:.3f} (B16-GS98 centre): [{gc[0]:.3e}, {gc[1]:.3e}]",
        f"   with eps_med = eps(oscillation fits)/2:       [{gh[0]:.3e}, {gh[1]:.3e}]",
        f"eq. (18): {cg[0]:.3e} < c g^2 < {cg[1]:.3e} (m/10 MeV)^2   (paper -3e-9, 1.7e-10)",
    ]
    return out, "\n".join(text)


def muon_coupling_checks(c: float = -0.1) -> tuple[dict, str]:
    """The folded model's muon charge against eq. (19) and tan eta recovered from it at four tan eta, and the
    2-sigma (g-2)_mu bands of g_mu at 10 MeV per measurement year (the paper, 2021: 3.5e-4 - 7e-4).
    Returns ({year: [low, high]}, text)."""
    t_test = np.array([-37.0, -0.75, 0.5, 2.0])
    M_t = [models.bernal_farzan2023(c, tan_eta=t) for t in t_test]
    text = [
        "x_mu from the folded charges vs eq. (19): "
        + str([f"{M.x('mu'):.4f}/{1 - c * (1 - 1 / t):.4f}" for M, t in zip(M_t, t_test)]),
        f"tan eta recovered: {[round(nsi.tan_eta(M), 6) for M in M_t]}",
    ]
    band = {}
    for year, meas in gm2.DELTA_A_MU.items():
        lo, hi = meas.band(2.0)
        band[year] = [float(x) for x in gm2.coupling_band(meas, 10 * MeV)]
        text.append(
            f"{year}: Delta a_mu 2 sigma [{lo:.3g}, {hi:.3g}] -> g_mu at 10 MeV in "
            f"[{band[year][0]:.3g}, {band[year][1]:.3g}]   (paper, 2021: 3.5e-4 - 7e-4)"
        )
    return band, "\n".join(text)


def borexino_checks(setup: Setup, c: float, Y_centre: float) -> tuple[dict, str]:
    """Eq. (34) against the library (eps^e / eps^medium of the folded model at the setup's tan eta) and the
    tan eta thresholds of Borexino's |eps^e| bound for the LMA-Dark edges (the paper: tan eta > 0.5 or
    < -37 for eps^medium = 3).  Returns ({"whole band", "lower edge", "centre"}: thresholds, text)."""
    t, Y, bound = setup.tan_eta, setup.Y_n, setup.borexino_eps_e
    lo_ld, hi_ld = setup.lma_dark
    m30 = 30 * MeV
    Mt = models.bernal_farzan2023(c, tan_eta=t)
    ratio_lib = (nsi.epsilon(Mt, 1e-4, m30, "e", "mu") / 2) / nsi.epsilon_medium(Mt, 1e-4, m30, "mu", Y)
    thr = {
        "whole band": bf.tan_eta_thresholds(hi_ld, bound, Y),
        "lower edge": bf.tan_eta_thresholds(lo_ld, bound, Y),
        "centre": bf.tan_eta_thresholds(hi_ld, bound, Y_centre),
    }
    w, e, b = thr["whole band"], thr["lower edge"], thr["centre"]
    text = [
        f"eps^e/eps_med at tan eta = {t}: library {ratio_lib:.6f}, eq. (34) {bf.eps_e_medium_ratio(1.0, t, Y):.6f}",
        f"whole LMA-Dark band (eps_med = 3):   tan eta > {w[0]:.4f} or < {w[1]:.2f}  (paper 0.5, -37)",
        f"lower edge (eps_med = 2):            tan eta > {e[0]:.4f} or < {e[1]:.3f}",
        f"eps_med = 3 with Y_n = {Y_centre:.3f} (B16):  tan eta > {b[0]:.4f} or < {b[1]}",
        f"eps^e on LMA-Dark at tan eta = {t}: {bf.eps_e_medium_ratio(lo_ld, t, Y):.2f} - "
        f"{bf.eps_e_medium_ratio(hi_ld, t, Y):.2f} (> 2: excluded)",
        f"largest eps_med allowed at tan eta = {t}: {bound * (1 + Y) / (1 - 1 / t):.3f}  (paper: eps_med ~ 1 survives)",
    ]
    return thr, "\n".join(text)


def na_checks(setup: Setup, c: float, m: float = 30 * MeV) -> tuple[dict[str, np.ndarray], str]:
    """The invisible branching ratio of B - L at 10 MeV (the paper: 3/5), and the upper bounds on g_Z' of
    :func:`zprime.constraints.bernal_farzan2023.upper_bounds` (no phi) at mass ``m``: NA64 and NA48/2 as the
    paper scales them against our recasts, with the coupling ratio |a - c|/|a - c/5| that NA48's scaling
    assumes.  Returns (the bounds at m, text)."""
    from zprime.experiments import recast
    from zprime.observables import decays

    BL = models.as_model(models.get_model("B-L", nu_R=False))
    bl64 = recast.recast(bf.NA64, BL, dirac=False)
    br_inv = decays.ratio_of_widths(decays.partial_widths(BL, bl64.m, dirac=False), "invisible")
    b = setup.bounds(c, False, [m])
    a = float(models.bernal_farzan2023_mixing(c, setup.tan_eta))
    text = [
        f"Br(inv)_B-L at 10 MeV: {np.interp(0.01, bl64.m, br_inv):.4f} (paper 3/5)",
        str({k: f"{float(v[0]):.3e}" for k, v in b.items()}),
        f"NA64 paper/recast at 30 MeV: {float(b['NA64 paper'][0] / b['NA64 recast'][0]):.4f};  "
        f"NA48 paper/recast: {float(b['NA48 paper'][0] / b['NA48 recast'][0]):.3f} "
        f"(|a - c|/|a - c/5| = {abs(a - c) / abs(a - c / 5):.3f})",
    ]
    return b, "\n".join(text)
