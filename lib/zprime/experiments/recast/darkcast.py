"""DarkCast's own recasts (reference curves), the comparison with ours, and drawing the union of bands."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from zprime import constants as c
from zprime import data
from zprime.experiments.recast.band import RecastBand, recast
from zprime.experiments.recast.searches import DARKCAST, G_SENTINEL, SEARCHES, RecastError, get_search
from zprime.models import VectorModel, get_model
from zprime.observables import decays

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: The DarkCast 2023 release (vendored copy, see the data README): its own recasts of its new limits.
DARKCAST_2023 = "limits/darkcast/v2_2023_vendored/"


# ---------------------------------------------------------------------------
# DarkCast's own recasts (reference curves) and drawing
# ---------------------------------------------------------------------------
def darkcast_models() -> dict[str, tuple[VectorModel, dict]]:
    """The seven models of DarkCast's shipped recasts, as (model, recast options).

    Charges as defined with DarkCast (arXiv:1801.04847, Sect. 4 of the data
    README): left-handed neutrinos; the L_alpha - L_beta models couple to e or
    mu/tau and quarks only through the one-loop mixing, for which the shipped
    files use the mu-tau loop in all three models (reproduced here with
    ``loop_mixing = L_mu - L_tau``).
    """
    ee = c.e_em
    dp = decays.dark_photon_reference()
    lmt = get_model("L_mu-L_tau", nu_R=False)
    leptons = ("e", "mu", "tau")
    nus = ("nu_e", "nu_mu", "nu_tau")

    def vm(name, q, l, nu):
        ch = {"u": q[0], "d": q[1], "s": q[1], "c": q[0], "b": q[1], "t": q[0]}
        ch.update(dict(zip(leptons, l)))
        ch.update(dict(zip(nus, nu)))
        return VectorModel(name, ch, nu_R=False)

    kB = -(ee**2) / (4 * math.pi) ** 2
    return {
        "dark_photon": (dp, {}),
        "B-L_boson": (vm("B-L", (1 / 3, 1 / 3), (-1, -1, -1), (-1, -1, -1)), {}),
        "B_boson": (vm("B", (1 / 3, 1 / 3), (kB, kB, kB), (0, 0, 0)), {}),
        "protophobic": (vm("protophobic", (-1 / 3, 2 / 3), (-1, -1, -1), (0, 0, 0)), {}),
        "Lmu-Ltau_boson": (vm("L_mu-L_tau", (0, 0), (0, 1, -1), (0, 1, -1)), {"loop_mixing": lmt}),
        "Le-Lmu_boson": (vm("L_e-L_mu", (0, 0), (1, -1, 0), (1, -1, 0)), {"loop_mixing": lmt}),
        "Le-Ltau_boson": (vm("L_e-L_tau", (0, 0), (1, 0, -1), (1, 0, -1)), {"loop_mixing": lmt}),
    }


def darkcast_recast_curve(search: str, darkcast_model: str) -> tuple[np.ndarray, ...]:
    """DarkCast's shipped recast of ``search`` to ``darkcast_model`` (mass, lower [, upper])."""
    s = get_search(search)
    if darkcast_model not in darkcast_models():
        raise RecastError(f"unknown DarkCast model {darkcast_model!r}; known: {sorted(darkcast_models())}")
    base = DARKCAST_2023 if s.release == "DarkCast 2023" else DARKCAST
    f = data.path(f"{base}recast/limits/{darkcast_model}/{s.name}.lmt")
    with open(f) as fh:
        rows = [line.split() for line in fh if line.strip() and not line.lstrip().startswith("#")]
    ncol = 4 if s.window == ("rgrid",) else (3 if s.two_sided else 2)
    arr = np.array(rows, dtype=float).reshape(-1, ncol if not rows else len(rows[0]))
    return tuple(arr.T)  # an empty table means DarkCast found no limit for that model


def draw(
    ax: Axes,
    model: VectorModel,
    searches: Sequence[str] | None = None,
    *,
    color: str = "0.75",
    alpha: float = 1.0,
    labels: bool = False,
    g_top: float = 1.0,
    **kw,
) -> dict:
    """Fill the union of the excluded regions of ``searches`` (default: all visible and
    invisible searches that constrain the model) on a log-log (m, g) axis.

    Returns {search name: RecastBand}.  ``kw`` go to :func:`recast`.
    """
    names = list(searches) if searches is not None else [n for n, s in SEARCHES.items() if s.kind != "g-2"]
    bands = {}
    for name in names:
        band = recast(name, model, **kw)
        if band.is_empty:
            continue
        bands[name] = band
        ok = np.isfinite(band.lower)
        top = np.where(np.isfinite(band.upper), band.upper, g_top)
        ax.fill_between(
            band.m,
            np.where(ok, band.lower, np.nan),
            np.where(ok, top, np.nan),
            color=color,
            alpha=alpha,
            lw=0,
            zorder=0.5,
        )
        if labels and band.search.label:
            k = np.flatnonzero(ok)[len(np.flatnonzero(ok)) // 2]
            ax.text(
                band.m[k],
                band.lower[k] * 1.5,
                band.search.label,
                fontsize=6,
                color="0.3",
                ha="center",
                va="bottom",
                clip_on=True,
            )
    return bands


def compare_with_darkcast(search: str, darkcast_model: str, band: RecastBand | None = None) -> dict:
    """Our recast vs DarkCast's shipped one, at DarkCast's masses.

    Returns {"max_rel_dev": max |g_ours/g_DC - 1| over both edges where both have a
    limit, "n_both": masses compared, "only_ours"/"only_darkcast": masses where just one
    side finds a limit, "band": our RecastBand}.  ``max_rel_dev`` is None if no mass
    has a limit on both sides (e.g. the model does not couple to the search).
    """
    s = get_search(search)
    model, opts = darkcast_models()[darkcast_model]
    if s.release == "DarkCast 2023":
        # the 2023 code gives each neutrino x^2 g^2 m/(12 pi), as for Dirac neutrinos (data README, Sect. 4)
        opts = {**opts, "dirac": True}
    if band is None:
        band = recast(s, model, invisible=99.0 if s.kind == "invisible" else "neutrinos", **opts)
    ref = darkcast_recast_curve(s.name, darkcast_model)
    if ref[0].size == 0:
        return dict(
            max_rel_dev=None, n_both=0, only_ours=int(np.sum(np.isfinite(band.lower))), only_darkcast=0, band=band
        )
    theirs = ref[1] < G_SENTINEL
    ok = np.isfinite(band.lower)
    if np.any(ok):
        # at DarkCast's masses (the file's own masses; they coincide with ours by construction)
        pos = np.clip(np.searchsorted(band.m, ref[0]), 0, band.m.size - 1)
        same = np.isclose(band.m[pos], ref[0], rtol=1e-9)
        ours = same & ok[pos]
    else:
        pos = np.zeros(ref[0].size, dtype=int)
        ours = np.zeros(ref[0].size, dtype=bool)
    both = ours & theirs
    dev = []
    if np.any(both):
        dev.append(np.abs(band.lower[pos][both] / ref[1][both] - 1))
        if len(ref) > 2:
            dev.append(np.abs(band.upper[pos][both] / ref[2][both] - 1))
    return dict(
        max_rel_dev=float(np.max(np.concatenate(dev))) if dev else None,
        n_both=int(np.sum(both)),
        only_ours=int(np.sum(ours & ~theirs)),
        only_darkcast=int(np.sum(theirs & ~ours)),
        band=band,
    )


#: The kinds of search in the validation summary, in its column order.
SEARCH_KINDS = ("prompt", "invisible", "g-2", "displaced")


def compare_all(darkcast_model_names: Sequence[str], *, progress: bool = True) -> tuple[list[tuple], dict, dict]:
    """:func:`compare_with_darkcast` for every search and each of ``darkcast_model_names``.

    Returns (rows (model, search, kind, max_rel_dev, n_both, only_ours, only_darkcast), {model: {search:
    max_rel_dev}}, {(model, search): our RecastBand})."""
    from tqdm.auto import tqdm

    rows: list[tuple] = []
    results: dict[str, dict] = {}
    bands: dict[tuple[str, str], RecastBand] = {}
    for mname in tqdm(darkcast_model_names, desc="models", disable=not progress):
        results[mname] = {}
        for sname, s in SEARCHES.items():
            cmp = compare_with_darkcast(sname, mname)
            results[mname][sname] = cmp["max_rel_dev"]
            bands[mname, sname] = cmp["band"]
            rows.append(
                (mname, sname, s.kind, cmp["max_rel_dev"], cmp["n_both"], cmp["only_ours"], cmp["only_darkcast"])
            )
    return rows, results, bands


def comparison_summary(rows: Sequence[tuple], darkcast_model_names: Sequence[str]) -> tuple[str, float]:
    """The largest relative deviation per model and kind of search (:data:`SEARCH_KINDS`) of
    :func:`compare_all`'s rows, with the masses only one side excludes.  Returns (table text, the worst
    deviation of a prompt search)."""
    lines = [f"{'model':16s}" + "".join(f"{k:>12s}" for k in SEARCH_KINDS) + "   one-sided masses (ours / DarkCast)"]
    for mname in darkcast_model_names:
        line = f"{mname:16s}"
        for k in SEARCH_KINDS:
            devs = [r[3] for r in rows if r[0] == mname and r[2] == k and r[3] is not None]
            line += f"{max(devs):12.2e}" if devs else f"{'-':>12s}"
        ours = sum(r[5] for r in rows if r[0] == mname)
        theirs = sum(r[6] for r in rows if r[0] == mname)
        lines.append(line + f"   {ours} / {theirs}")
    worst = max(r[3] for r in rows if r[2] == "prompt" and r[3] is not None)
    return "\n".join(lines), float(worst)


def comparison_figure(bands: dict, darkcast_model: str) -> Figure:
    """Our recast of every search to ``darkcast_model`` (solid, coloured by kind; ``bands`` of
    :func:`compare_all`) over DarkCast's shipped recast (dashed)."""
    import matplotlib.pyplot as plt

    from zprime import plotting

    colours = {"prompt": "C0", "displaced": "C1", "invisible": "C2", "g-2": "0.6"}
    fig, ax = plt.subplots(figsize=(6.4, 4.6))
    for sname, s in SEARCHES.items():
        b = bands[darkcast_model, sname]
        if b.is_empty:
            continue
        ax.plot(b.m, b.lower, color=colours[s.kind], lw=1.0)
        if s.two_sided:
            ax.plot(b.m, b.upper, color=colours[s.kind], lw=1.0)
        ref = darkcast_recast_curve(sname, darkcast_model)
        for col in ref[1:]:
            ax.plot(ref[0], np.where(col < G_SENTINEL, col, np.nan), "k--", lw=0.6)
    for kind, colour in colours.items():
        ax.plot([], [], color=colour, label=f"ours: {kind}")
    ax.plot([], [], "k--", lw=0.6, label="DarkCast")
    label = f"$g$ ({darkcast_model.replace('_', ' ')})"
    plotting.log_axes(ax, r"$m_{X}$ [GeV]", label, (1e-3, 100), (1e-9, 1e1))
    ax.legend(fontsize=7, loc="lower right", ncol=2)
    return fig
