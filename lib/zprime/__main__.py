"""Command line: ``python -m zprime bounds MODEL [options]`` and ``python -m zprime models``.

    python -m zprime bounds B-L --masses 0.0001:10:41 --json b-l.json
    python -m zprime bounds L_mu-L_tau --csv lmutau.csv --plot lmutau.pdf   # and lmutau.caption.txt
    python -m zprime bounds B-L --html b-l.html      # interactive: hover a region, toggle constraints
    python -m zprime bounds custom --charges B=1,L_e=-3 --eps 1e-4 --masses 0.001:1:20
    python -m zprime bounds B-L --masses 0.01,0.1 --json - | jq .model
    python -m zprime bounds my_model.toml --masses 0.001:1:20 --jobs 1   # in this process only
    python -m zprime models

MODEL is a name :func:`zprime.models.get_model` knows (``python -m zprime models`` lists them
with their couplings), a model file ``*.toml`` (:meth:`zprime.models.Mediator.from_toml`), or
``custom`` with ``--charges``: comma-separated ``key=value`` with keys B (baryon number:
u = d = B/3 for all generations), L_e, L_mu, L_tau (charge of the lepton doublet and the
right-handed lepton of that flavour, which the neutrino shares) and, to override one field, u,
d, e, mu, tau, nu_e, nu_mu, nu_tau.  The masses are split over ``--jobs`` processes (default: the
local cores; one BLAS thread each).  Prints a table; exits with status 2 and a one-line message
on bad input.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np

from zprime.errors import ZprimeError
from zprime.models import Mediator, VectorModel, get_model, model_names
from zprime.models.vector import get_model_constructor

_FIELDS = ("u", "d", "e", "mu", "tau", "nu_e", "nu_mu", "nu_tau")
#: The largest |charge| the command line takes: a common factor belongs in g, and the coupling scan
#: (down to 1e-14) would not reach the bounds of charges far above this.
MAX_CHARGE = 1e3


class UsageError(ZprimeError, ValueError):
    """Bad command-line input."""


def parse_masses(text: str) -> np.ndarray:
    """'LO:HI:N' (log-spaced, GeV) or a comma-separated list of masses."""
    try:
        if ":" in text:
            lo_text, hi_text, n_text = text.split(":")
            lo, hi, n = float(lo_text), float(hi_text), int(n_text)
            if not (0 < lo <= hi and math.isfinite(hi)) or n < 1 or (n == 1 and lo != hi):
                raise UsageError(f"--masses {text!r}: need 0 < LO <= HI and N >= 1 (N = 1 only with LO = HI)")
            return np.geomspace(lo, hi, n)
        m = np.array([float(x) for x in text.split(",")])
    except ValueError as exc:
        if isinstance(exc, UsageError):
            raise
        raise UsageError(f"--masses {text!r}: expected LO:HI:N or a comma-separated list of numbers (GeV)") from None
    if not np.all(np.isfinite(m)) or np.any(m <= 0):
        raise UsageError(f"--masses {text!r}: masses must be positive and finite (GeV)")
    return m


def parse_charges(text: str) -> dict[str, float]:
    """The --charges mini-language of the module doc -> the eight charges of a VectorModel."""
    x = dict.fromkeys(_FIELDS, 0.0)
    overrides = {}
    seen: set[str] = set()
    if not text:
        raise UsageError("--charges is empty")
    for item in text.split(","):
        if "=" not in item:
            raise UsageError(f"--charges: {item!r} is not key=value")
        key, val = (s.strip() for s in item.split("=", 1))
        if key in seen:
            raise UsageError(f"--charges: {key!r} is given twice")
        seen.add(key)
        try:
            v = float(Fraction(val))
        except (ValueError, ZeroDivisionError):
            raise UsageError(f"--charges: value of {key!r} is not a number: {val!r}") from None
        except OverflowError:
            raise UsageError(f"--charges: value of {key!r} is too large: {val!r}") from None
        if not math.isfinite(v):
            raise UsageError(f"--charges: value of {key!r} must be finite")
        if abs(v) > MAX_CHARGE:
            raise UsageError(
                f"--charges: |{key}| = {v:g} > {MAX_CHARGE:g}; rescale the charges (g absorbs any common factor)"
            )
        if key == "B":
            x["u"] += v / 3
            x["d"] += v / 3
        elif key in ("L_e", "L_mu", "L_tau"):
            fl = key[2:]
            x[fl] += v
            x["nu_" + fl] += v
        elif key in _FIELDS:
            overrides[key] = v
        else:
            raise UsageError(f"--charges: unknown key {key!r}; use B, L_e, L_mu, L_tau or one of {_FIELDS}")
    x.update(overrides)
    return x


def build_model(name: str, charges: str | None, eps: float | None, loop_scale: float | None = None) -> Mediator:
    """The model of the command line: a name, a model file (*.toml) or "custom" with --charges (+ --eps,
    --loop-scale)."""
    model = _build_model(name, charges, eps)
    if loop_scale is None:
        return model
    if not (math.isfinite(loop_scale) and loop_scale > 0):
        raise UsageError(f"--loop-scale must be a positive, finite scale in GeV, got {loop_scale!r}")
    if not isinstance(model, VectorModel):
        raise UsageError(f"--loop-scale: {model.name!r} is a {model.spin} mediator (no kinetic mixing)")
    return replace(model, loop_scale=loop_scale)


def _build_model(name: str, charges: str | None, eps: float | None) -> Mediator:
    if eps is not None and not (math.isfinite(eps) and abs(eps) < 1):
        raise UsageError(f"--eps must be finite with |eps| < 1, got {eps!r}")
    model: Mediator
    if name.endswith(".toml"):
        if charges:
            raise UsageError("--charges is only for MODEL custom; a model file carries its couplings")
        model = Mediator.from_toml(Path(name))
        if eps:
            if not isinstance(model, VectorModel):
                raise UsageError(f"--eps: {model.name!r} is a {model.spin} mediator (no kinetic mixing)")
            if model.eps:
                raise UsageError("--eps: the model file sets eps already")
            return model.with_eps(eps)
        return model
    if name == "custom":
        if not charges:
            raise UsageError("MODEL custom needs --charges (e.g. --charges B=1,L_e=-3)")
        x = parse_charges(charges)
        if not any(x.values()):
            raise UsageError(
                "--charges: every charge is zero, so g plays no role"
                + ("; for kinetic mixing alone use MODEL dark_photon (g = eps e)" if eps else "")
            )
        model = VectorModel("custom", x)
    else:
        if charges:
            raise UsageError("--charges is only for MODEL custom")
        model = get_model(name)
    if eps:
        if not isinstance(model, VectorModel):
            raise UsageError(f"--eps: {model.name!r} is a {model.spin} mediator (no kinetic mixing)")
        return model.with_eps(eps)
    return model


def describe_models() -> str:
    """One line per named model: name, spin and its non-zero couplings (``python -m zprime models``)."""
    import inspect

    lines = []
    for name in model_names():
        ctor = inspect.signature(get_model_constructor(name))
        needed = [
            p.name for p in ctor.parameters.values() if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD
        ]
        if needed:
            lines.append(f"{name:20s} family: give {', '.join(needed)} in Python (zprime.models.{name})")
            continue
        d = get_model(name).definition()
        parts = []
        for kind in ("vector", "axial", "scalar"):
            if d.get(kind):
                parts.append(kind + " " + " ".join(f"{f}={v:.4g}" for f, v in d[kind].items()))
        if "farzan_heeck2016" in d:  # the neutrinos' couplings through nu-Psi mixing (eq. (10) of arXiv:1607.07616)
            p = d["farzan_heeck2016"]
            parts.append(
                f"nu-Psi mixing g_Psi={p['g_psi']:g} |kappa|^2(e,mu,tau)=({', '.join(f'{k:g}' for k in p['kappa2'])}), "
                f"M_Psi={p['M_psi']:g} GeV, M_H={p['M_H']:g} GeV (other entries: zprime.models.farzan_heeck2016)"
            )
        lines.append(f"{name:20s} {d['spin']:7s} {'; '.join(parts)}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m zprime", description="Bounds on light mediators.")
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("models", help="list the named models with their couplings")
    b = sub.add_parser("bounds", help="every constraint's excluded couplings for one model")
    b.add_argument("model", help='a model name ("B-L", "scalar", ...), a model file (*.toml) or "custom"')
    b.add_argument("--charges", help="for custom: key=value list, keys B, L_e, L_mu, L_tau, u, d, e, ...")
    b.add_argument("--eps", type=float, default=None, help="tree-level kinetic mixing with the photon")
    b.add_argument("--masses", default="0.001:10:41", help="LO:HI:N (GeV, log-spaced) or a list; default %(default)s")
    b.add_argument("--constraints", default="all", help="comma-separated constraint names, or 'all'")
    b.add_argument("--loop-mixing", choices=("auto", "on", "off"), default="auto")
    b.add_argument(
        "--loop-scale", type=float, default=None, help="GeV: where the loop mixing vanishes (divergent charge sums)"
    )
    b.add_argument("--json", help='write the bound set as JSON ("-": standard output)')
    b.add_argument("--csv", help='write one row per constraint x mass x interval ("-": standard output)')
    b.add_argument("--plot", help="draw the bound set; the extension names the format (.pdf, .png, .svg, ...)")
    b.add_argument("--html", help="write an interactive view (one HTML file that opens offline; hover, toggle)")
    b.add_argument("--list", action="store_true", help="list the constraint names and exit")
    b.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="processes over the masses (default: the local cores; 1: this process only)",
    )
    args = ap.parse_args(argv)
    if args.command == "models":
        print(describe_models())
        return 0

    from concurrent.futures import ProcessPoolExecutor

    from zprime.constraints import bounds, catalogue, model_catalogue
    from zprime.statistics.parallel import local_workers

    if args.list:
        for name, con in catalogue().items():
            print(f"{name:40s} {con.kind:6s} {con.reference}")
        for name, con in model_catalogue().items():
            print(f"{name:40s} {con.kind:6s} (the farzan_heeck2016 models only) {con.reference}")
        return 0
    try:
        outputs = check_outputs(args.json, args.csv, args.plot, args.html)
        model = build_model(args.model, args.charges, args.eps, args.loop_scale)
        masses = parse_masses(args.masses)
        cons = "all" if args.constraints == "all" else [s.strip() for s in args.constraints.split(",")]
        if cons != "all" and not all(cons):
            raise UsageError(f"--constraints {args.constraints!r}: an empty name")
        loop: bool | str = "auto" if args.loop_mixing == "auto" else args.loop_mixing == "on"
        jobs = local_workers() if args.jobs is None else args.jobs
        if jobs < 1:
            raise UsageError(f"--jobs must be a positive integer, got {args.jobs}")
        jobs = min(jobs, masses.size)
        if jobs > 1:
            with ProcessPoolExecutor(jobs) as pool:
                bs = bounds(model, masses, cons, loop_mixing=loop, progress=sys.stderr.isatty(), executor=pool)
        else:
            bs = bounds(model, masses, cons, loop_mixing=loop, progress=sys.stderr.isatty())
    except ZprimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    # with "-" the data go to standard output alone; the table and messages to standard error
    say = sys.stderr if "-" in outputs else sys.stdout
    print(bs.table(), file=say)
    if args.json:
        bs.to_json(args.json)
        if args.json != "-":
            print(f"wrote {args.json}", file=say)
    if args.csv:
        bs.to_csv(args.csv)
        if args.csv != "-":
            print(f"wrote {args.csv}", file=say)
    if args.html:
        bs.to_html(args.html)
        print(f"wrote {args.html}", file=say)
    if args.plot:
        import matplotlib

        matplotlib.use("agg")
        import matplotlib.pyplot as plt

        from zprime import plotting

        plotting.use_style()
        fig, ax = plt.subplots(figsize=(6.4, 4.4), layout="constrained")
        caption = bs.draw(ax, style="paper")
        fig.savefig(args.plot)
        plt.close(fig)
        # the citations as a caption beside the figure, to paste under it
        caption_file = caption_path(args.plot)
        caption_file.write_text(caption + "\n")
        print(f"wrote {args.plot} and its caption {caption_file}", file=say)
    return 0


def caption_path(plot_path: str) -> Path:
    """Where the caption of a --plot figure goes: ``fig.pdf`` -> ``fig.caption.txt``."""
    p = Path(plot_path)
    return p.with_name(p.stem + ".caption.txt")


def check_outputs(
    json_path: str | None, csv_path: str | None, plot_path: str | None, html_path: str | None = None
) -> list[str]:
    """Check the output paths before any work: at most one "-" (standard output; not for a plot),
    a plot file whose extension names a matplotlib format, existing directories."""
    outputs = [p for p in (json_path, csv_path, plot_path, html_path) if p is not None]
    if html_path is not None and (html_path == "-" or Path(html_path).suffix.lower() != ".html"):
        raise UsageError(f"--html {html_path!r}: needs a file name ending in .html")
    if any(p == "" for p in outputs):
        raise UsageError("an output path is empty")
    if outputs.count("-") > 1:
        raise UsageError('only one of --json and --csv can be "-" (standard output)')
    if plot_path is not None:
        if plot_path == "-":
            raise UsageError("--plot needs a file name (a figure cannot go to standard output here)")
        from matplotlib.figure import Figure

        formats = Figure().canvas.get_supported_filetypes()
        ext = Path(plot_path).suffix.lstrip(".").lower()
        if ext not in formats:
            raise UsageError(
                f"--plot {plot_path!r}: the extension names the format; use one of {', '.join(sorted(formats))}"
            )
    for p in outputs:
        if p == "-":
            continue
        path = Path(p)
        if path.is_dir():
            raise UsageError(f"{p!r} is a directory; give a file name")
        if not path.parent.is_dir():
            raise UsageError(f"{p!r}: directory {str(path.parent)!r} does not exist")
    return outputs


if __name__ == "__main__":
    sys.exit(main())
