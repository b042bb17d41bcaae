"""A model's full bound set from one call: :func:`bounds` and its result, :class:`BoundSet`.

    >>> from zprime import bounds
    >>> bs = bounds("B-L", masses=np.geomspace(1e-3, 1, 31))
    >>> bs.table()            # one line per constraint
    >>> bs.to_json("b-l.json"); bs.draw(ax)

For each constraint of :mod:`zprime.constraints.catalogue` (or the ones you pass) and each
mass, the excluded coupling intervals [g_lo, g_hi] (strips and islands kept), or the reason
the constraint does not reach the model there; with the constraint's convention and citation.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from zprime import validation
from zprime.constraints.base import Constraint, ConstraintError
from zprime.constraints.catalogue import catalogue, get
from zprime.models import Mediator, ModelError, VectorModel, as_mediator, loop_kinetic_mixing
from zprime.statistics import excluded_intervals
from zprime.statistics.parallel import local_workers, map_jobs

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["bounds", "BoundSet", "Bound", "resolve_loop_mixing", "DEFAULT_G_RANGE"]

#: Couplings scanned by default: 1e-8 to 1, 200 points per mass (log).
DEFAULT_G_RANGE = (1e-8, 1.0, 200)


def resolve_loop_mixing(model: Mediator, loop_mixing: bool | str = "auto") -> tuple[bool, str]:
    """Whether to add the one-loop kinetic mixing, and a sentence saying what was used.

    "auto": on for a vector model without tree-level mixing whose charged-fermion charges give a
    finite loop (sum_f N_c Q_f x_f = 0, e.g. L_a - L_b) and that has no quark charges, where the
    loop is the leading coupling to electrons and quarks; off otherwise.  A scalar has none.
    """
    model = _as_model(model)
    if not isinstance(model, VectorModel):
        if loop_mixing is True:
            raise ConstraintError(f"model {model.name!r} is a {model.spin} mediator: it has no kinetic mixing")
        if loop_mixing not in (False, "auto"):
            raise ConstraintError(f"loop_mixing must be True, False or 'auto', got {loop_mixing!r}")
        return False, f"{model.spin} mediator (no kinetic mixing)"
    if model.eps != 0.0:
        if loop_mixing is True:
            raise ConstraintError("model has tree-level kinetic mixing eps; loop_mixing=True would count it twice")
        return False, f"tree-level kinetic mixing eps = {model.eps:g}"
    if loop_mixing == "auto":
        quarks = any(model.x(q) != 0.0 for q in ("u", "d", "c", "s", "t", "b"))
        try:
            loop_kinetic_mixing(model, 1.0, 0.0)
            finite = True
        except ValueError:
            finite = False
        loop_mixing = finite and not quarks and any(model.x(l) != 0.0 for l in ("e", "mu", "tau"))
    elif not isinstance(loop_mixing, bool):
        raise ConstraintError(f"loop_mixing must be True, False or 'auto', got {loop_mixing!r}")
    if loop_mixing:
        return True, "one-loop kinetic mixing from the charged leptons (no tree-level eps)"
    return False, "no kinetic mixing (eps = 0)"


@dataclass
class Bound:
    """The result of one constraint: intervals and reasons per mass."""

    constraint: Constraint
    intervals: list  # per mass: list of (g_lo, g_hi)
    reasons: list  # per mass: "" or why the constraint does not reach
    sm_excluded: bool = False  # the SM itself is excluded (a measured anomaly)

    @property
    def reached(self) -> np.ndarray:
        return np.array([r == "" for r in self.reasons])

    def lowest(self) -> tuple[float, float] | None:
        """(g, m index) of the smallest excluded coupling over all masses, or None."""
        best = None
        for j, iv in enumerate(self.intervals):
            for lo, _ in iv:
                if best is None or lo < best[0]:
                    best = (lo, j)
        return best


@dataclass
class BoundSet:
    """Bounds of one model: per constraint, excluded coupling intervals at each mass."""

    model: Mediator
    masses: np.ndarray
    mixing: str
    loop_mixing: bool
    g_range: tuple
    bounds: dict = field(default_factory=dict)  # name -> Bound

    def __getitem__(self, name: str) -> Bound:
        try:
            return self.bounds[name]
        except KeyError:
            raise KeyError(f"no constraint {name!r} in this BoundSet; have {sorted(self.bounds)}") from None

    def names(self) -> list[str]:
        return list(self.bounds)

    # -- export ------------------------------------------------------------------------------
    def as_dict(self) -> dict:
        """The JSON document: model, masses_GeV, g scan, constraints {name: {...}}."""
        cons = {}
        for name, b in self.bounds.items():
            d = b.constraint.describe()
            d["excluded"] = [[[lo, hi] for lo, hi in iv] for iv in b.intervals]
            d["not_reached"] = list(b.reasons)
            d["sm_excluded"] = b.sm_excluded
            cons[name] = d
        model: dict[str, object] = {"name": self.model.name, "spin": self.model.spin}
        if isinstance(self.model, VectorModel):
            model["charges"] = {k: float(v) for k, v in self.model.charges.items()}
            model["eps"] = float(self.model.eps)
        model["kinetic_mixing"] = self.mixing
        model["definition"] = self.model.definition()
        return {
            "model": model,
            "masses_GeV": [float(x) for x in self.masses],
            "g_scan": {
                "min": self.g_range[0],
                "max": self.g_range[1],
                "points": self.g_range[2],
                "note": "an interval ending at the scan's max is excluded up to there at least",
            },
            "constraints": cons,
        }

    def to_json(self, path: str | Path) -> Path:
        """Write :meth:`as_dict` as JSON (no NaN or infinity) and return the path.

        Parameters
        ----------
        path : str or Path
            The file to write.

        Returns
        -------
        Path

        Examples
        --------
        >>> import tempfile, zprime
        >>> bs = zprime.bounds("B-L", [0.01], ["Borexino 7Be"])
        >>> bs.to_json(tempfile.mkdtemp() + "/b-l.json").name
        'b-l.json'
        """
        out = Path(path)
        out.write_text(json.dumps(self.as_dict(), indent=1, allow_nan=False) + "\n")
        return out

    def rows(self) -> list[dict]:
        """Tidy rows: one per constraint x mass x interval (an empty interval row where not reached)."""
        out = []
        for name, b in self.bounds.items():
            for m, iv, why in zip(self.masses, b.intervals, b.reasons):
                base = {"constraint": name, "m_GeV": float(m), "reference": b.constraint.reference}
                if why:
                    out.append({**base, "g_lo": "", "g_hi": "", "note": why})
                for lo, hi in iv:
                    out.append({**base, "g_lo": lo, "g_hi": hi, "note": ""})
        return out

    def to_csv(self, path: str | Path) -> Path:
        """Write :meth:`rows` as CSV (constraint, m_GeV, g_lo, g_hi, note, reference); return the path."""
        out = Path(path)
        with out.open("w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=["constraint", "m_GeV", "g_lo", "g_hi", "note", "reference"])
            w.writeheader()
            w.writerows(self.rows())
        return out

    def table(self, names: Sequence[str] | None = None) -> str:
        """A short text table: per constraint, the masses reached and the lowest excluded g.

        Parameters
        ----------
        names : sequence of str, optional
            The constraints to list (default: all, in catalogue order).

        Returns
        -------
        str

        Examples
        --------
        >>> import zprime
        >>> bs = zprime.bounds("B-L", [0.01, 0.1], ["COHERENT CsI 2021", "Borexino 7Be"])
        >>> print(bs.table())
        B-L: 2 masses 0.01-0.1 GeV; no kinetic mixing (eps = 0)
        constraint                            reached  lowest excluded g  at m [GeV]
        COHERENT CsI 2021                         2/2           5.24e-05        0.01
        Borexino 7Be                              2/2           1.87e-05        0.01
        """
        names = self._default_names() if names is None else names
        lines = [
            f"{self.model.name}: {len(self.masses)} masses {self.masses.min():.3g}-{self.masses.max():.3g} GeV; "
            f"{self.mixing}",
            f"{'constraint':36s} {'reached':>8s} {'lowest excluded g':>18s} {'at m [GeV]':>11s}",
        ]
        for n in names:
            b = self.bounds[n]
            low = b.lowest()
            reached = f"{int(b.reached.sum())}/{len(self.masses)}"
            if low is None:
                why = next((r for r in b.reasons if r), "not excluded in the scan")
                lines.append(f"{n[:36]:36s} {reached:>8s}   -- {why[:70]}")
            else:
                lines.append(f"{n[:36]:36s} {reached:>8s} {low[0]:18.3g} {self.masses[low[1]]:11.3g}")
        return "\n".join(lines)

    def _default_names(self) -> list[str]:
        """All, except the single searches when their union is present (they are in the JSON)."""
        from zprime.constraints.catalogue import DarkPhotonSearch

        union = "dark-photon searches (recast)" in self.bounds
        return [n for n, b in self.bounds.items() if not (union and isinstance(b.constraint, DarkPhotonSearch))]

    def caption(self, names: Sequence[str] | None = None) -> str:
        """'Sources: name [arXiv id], ...' for every constraint drawn."""
        names = self._default_names() if names is None else names
        refs = ", ".join(
            f"{n} [{_short_reference(self.bounds[n].constraint.reference)}]" for n in names if self.bounds[n].lowest()
        )
        return f"{self.model.name}, {self.mixing}. Sources: {refs}."

    def draw(
        self,
        ax: Axes,
        names: Sequence[str] | None = None,
        *,
        n_g: int = 400,
        alpha: float = 0.25,
        colors: dict | None = None,
        legend: bool = True,
    ) -> str:
        """Draw each constraint on ``ax`` (log m, log g) with a legend; returns the caption text.

        Excluded regions are filled.  A constraint that excludes the SM itself at every mass it
        reaches (a measured anomaly, e.g. (g-2)_mu 2021) is drawn as its preferred band
        instead, hatched.  By default every constraint except the single searches whose union
        is present.  ``colors`` ({name: colour}) keeps colours fixed across several panels;
        ``legend=False`` leaves the legend to the caller.
        """
        import matplotlib.pyplot as plt

        names = self._default_names() if names is None else list(names)
        gg = np.geomspace(self.g_range[0], self.g_range[1], n_g)
        cmap = plt.get_cmap("tab20")
        colours = [cmap(i) for i in range(20)]
        handles = []
        for k, n in enumerate(n for n in names if self.bounds[n].lowest()):
            b = self.bounds[n]
            mask = np.zeros((n_g, len(self.masses)))
            for j, iv in enumerate(b.intervals):
                for lo, hi in iv:
                    mask[(gg >= lo) & (gg <= hi), j] = 1.0
            col = (
                colors[n]
                if colors and n in colors
                else (colours[(2 * k) % 20] if k < 10 else colours[(2 * k + 1) % 20])
            )
            if b.sm_excluded:
                band = np.where(b.reached[None, :], 1.0 - mask, 0.0)
                ax.contourf(self.masses, gg, band, levels=[0.5, 1.5], colors="none", hatches=["////"])
                ax.contour(self.masses, gg, band, levels=[0.5], colors=[col], linewidths=1.2)
                handles.append(
                    plt.Rectangle((0, 0), 1, 1, facecolor="none", edgecolor=col, hatch="////", label=f"{n} (preferred)")
                )
                continue
            ax.contourf(self.masses, gg, mask, levels=[0.5, 1.5], colors=[col], alpha=alpha)
            ax.contour(self.masses, gg, mask, levels=[0.5], colors=[col], linewidths=1.0)
            handles.append(plt.Rectangle((0, 0), 1, 1, color=col, alpha=0.6, label=n))
        ax.set(
            xscale="log",
            yscale="log",
            xlabel=r"$m_{Z'}$ [GeV]",
            ylabel=r"$g$",
            xlim=(self.masses.min(), self.masses.max()),
            ylim=(self.g_range[0], self.g_range[1]),
        )
        ax.set_title(f"{self.model.name}: {self.mixing}", fontsize=8)
        if handles and legend:
            ax.legend(handles=handles, fontsize=6, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        return self.caption(names)


def _short_reference(ref: str) -> str:
    """The first arXiv id of a reference string, else its first 30 characters."""
    import re

    hit = re.search(r"arXiv:\s*([0-9]{4}\.[0-9]{4,5})", ref)
    return f"arXiv:{hit.group(1)}" if hit else ref[:30]


def _as_model(model) -> Mediator:
    try:
        return as_mediator(model)
    except ModelError as exc:
        raise ConstraintError(str(exc)) from None


def _as_constraints(constraints) -> list[Constraint]:
    if isinstance(constraints, str):
        if constraints == "all":
            return list(catalogue().values())
        return [get(constraints)]
    if isinstance(constraints, Constraint):
        return [constraints]
    try:
        constraints = list(constraints)
    except TypeError:
        raise ConstraintError(
            f"constraints must be 'all', a name, or a list of names/Constraints, got {constraints!r}"
        ) from None
    out = []
    for c in constraints:
        if not isinstance(c, (str, Constraint)):
            raise ConstraintError(f"constraints: {c!r} is neither a constraint name nor a Constraint")
        out.append(c if isinstance(c, Constraint) else get(c))
    if not out:
        raise ConstraintError("constraints must name at least one constraint")
    return out


def _masses(masses) -> np.ndarray:
    m = np.atleast_1d(validation.finite("masses", masses))
    if m.ndim != 1 or m.size == 0:
        raise ConstraintError(f"masses must be a non-empty 1-D array (GeV), got shape {m.shape}")
    if not np.all(np.isfinite(m)) or np.any(m <= 0):
        raise ConstraintError("masses must be positive and finite (GeV)")
    return m


def bounds(
    model: Mediator | str,
    masses: ArrayLike,
    constraints: str | Constraint | Sequence[str | Constraint] = "all",
    *,
    loop_mixing: bool | str = "auto",
    g_range: tuple = DEFAULT_G_RANGE,
    progress: bool = False,
    executor: Executor | None = None,
    chunks: int | None = None,
) -> BoundSet:
    """Every constraint's excluded coupling intervals for ``model`` at ``masses``.

    Parameters
    ----------
    model : Mediator or str
        A model of any spin (:class:`~zprime.models.VectorModel`, :class:`~zprime.models.ScalarModel`,
        e.g. from :meth:`~zprime.models.Mediator.from_toml`), or a name :func:`zprime.models.get_model`
        knows ("B-L", "L_mu-L_tau", "scalar", ...).
    masses : array_like, shape (n_m,)
        Boson masses in GeV.
    constraints : "all", a name, or a sequence of names / Constraint objects
    loop_mixing : True, False or "auto"
        One-loop kinetic mixing (see :func:`resolve_loop_mixing`); the choice is recorded.
    g_range : (g_min, g_max, n)
        The log grid of couplings scanned at each mass before the boundaries are bisected.
    progress : bool
        A tqdm bar over the constraints (or over the mass chunks with an executor).
    executor : concurrent.futures.Executor, optional
        Split the masses into ``chunks`` and run them there (a process pool, a Dask cluster
        through ``Client.get_executor()``, ...); the result is the same as without.  Default:
        this process (each constraint is already vectorised over the masses).
    chunks : int, optional
        Number of mass chunks with an executor (default: the number of local cores).

    Returns
    -------
    BoundSet
        Per constraint: excluded coupling intervals at each mass (strips and islands kept) or
        the reason it does not reach the model, with its reference and convention.

    Examples
    --------
    >>> import zprime
    >>> bs = zprime.bounds("B-L", [0.01, 0.1], ["COHERENT CsI 2021", "Borexino 7Be"])
    >>> [(f"{lo:.3g}", f"{hi:.3g}") for lo, hi in bs["COHERENT CsI 2021"].intervals[0]]   # at 10 MeV
    [('5.24e-05', '1')]
    """
    model = _as_model(model)
    m = _masses(masses)
    try:
        g_lo, g_hi, n_g = (float(v) for v in g_range)
    except (TypeError, ValueError):
        raise ConstraintError(f"g_range must be (g_min, g_max, n), got {g_range!r}") from None
    if not (0 < g_lo < g_hi and math.isfinite(g_hi)) or int(n_g) < 2:
        raise ConstraintError(f"g_range must be (g_min, g_max, n) with 0 < g_min < g_max and n >= 2, got {g_range}")
    if n_g != int(n_g):
        raise ConstraintError(f"g_range: n must be an integer, got {g_range!r}")
    g_range = (g_lo, g_hi, int(n_g))
    loop, text = resolve_loop_mixing(model, loop_mixing)
    cons = _as_constraints(constraints)
    if executor is not None:
        return _bounds_on(executor, chunks, model, m, constraints, cons, loop, text, g_range, progress)
    grid = np.geomspace(g_lo, g_hi, int(n_g))
    it = cons
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(cons, desc=f"bounds on {model.name}", unit="constraint")
    out = BoundSet(model, m, text, loop, (float(g_lo), float(g_hi), int(n_g)))
    for con in it:
        why = [str(w) for w in con.reasons(model, m, loop_mixing=loop)]
        reach = np.array([w == "" for w in why])
        ivals: list[list[tuple[float, float]]] = [[] for _ in m]
        sm_out = False
        if np.any(reach):
            mr = m[reach]
            if con.kind == "chi2":
                thr = con.threshold(model, loop_mixing=loop)
                sm_out = thr < 0  # delta_chi2(SM) = 0 lies above the threshold

                def F(g: np.ndarray, mm: np.ndarray) -> np.ndarray:
                    return con.delta_chi2(model, g, mm, loop_mixing=loop) - thr
            else:

                def F(g: np.ndarray, mm: np.ndarray) -> np.ndarray:
                    return con.excluded(model, g, mm, loop_mixing=loop)

            found = excluded_intervals(F, mr, grid, n_bisect=36 if con.refine(model) else 0)
            for j, iv in zip(np.flatnonzero(reach), found):
                ivals[j] = iv
        out.bounds[con.name] = Bound(con, ivals, why, sm_out)
    return out


def _bounds_job(args: tuple) -> BoundSet:
    model, m, constraints, loop, g_range = args
    return bounds(model, m, constraints, loop_mixing=loop, g_range=g_range)


def _bounds_on(executor, chunks, model, m, constraints, cons, loop, text, g_range, progress) -> BoundSet:
    """bounds() with the masses split into chunks run by ``executor``, merged in mass order."""
    n = local_workers() if chunks is None else chunks
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ConstraintError(f"chunks must be a positive integer, got {chunks!r}")
    parts = [p for p in np.array_split(m, min(int(n), m.size)) if p.size]
    jobs = [(model, p, constraints, loop, g_range) for p in parts]
    done = map_jobs(_bounds_job, jobs, executor=executor, progress=progress, desc=f"bounds on {model.name}")
    out = BoundSet(model, m, text, loop, g_range)
    for con in cons:
        got = [d.bounds[con.name] for d in done]
        out.bounds[con.name] = Bound(
            con,
            [iv for b in got for iv in b.intervals],
            [r for b in got for r in b.reasons],
            any(b.sm_excluded for b in got),
        )
    return out
