"""The constraint protocol: one interface for every bound on a vector U(1)' boson.

A :class:`Constraint` answers, for a model (a :class:`zprime.models.Mediator`) and arrays
of couplings g and masses m (GeV, broadcast against each other), whether each point is
excluded.  Two kinds exist:

* ``kind = "chi2"``: a likelihood-based bound.  :meth:`Constraint.delta_chi2` returns
  chi^2(g, m) - chi^2(SM), which is 0 at g = 0.  A point is excluded where

      delta_chi2(g, m) > level + min(0, min_{plane} delta_chi2)        (reference "minimum")
      delta_chi2(g, m) > level                                         (reference "SM")

  with ``level`` and ``reference`` in the constraint's :class:`Convention` (e.g. the 2-sigma
  region of a two-parameter fit, Delta chi^2 = 6.18 from the global minimum, as Table 2 of
  arXiv:2202.11002).
* ``kind = "curve"``: a published limit curve (or a recast of one); only
  :meth:`Constraint.excluded` exists.

Constraints combine with ``+``: two chi^2 constraints give a :class:`Sum`, whose chi^2 is
the sum of the parts and whose reference minimum is that of the sum (not the sum of the
minima); anything involving a curve gives a :class:`Union`, excluded where any part
excludes.  Both are flat and associative: ``(a + b) + c == a + (b + c)``.  A sum never
counts data twice: each constraint declares its ``datasets`` and the ``quantity`` it
measures; parts that share a data set raise (``Sum(..., allow_overlap=True)`` asks for it
explicitly), and two determinations of one quantity (the (g-2)_mu inputs of 2021 and 2025)
never add.  Each constraint also says where its numbers come from (``provenance``, one of
:data:`PROVENANCE`) and at which confidence level (``cl``).

Where a constraint does not reach a model or a mass (no coupling to the particles it
probes, a mass outside its data), :meth:`Constraint.reasons` says why; the other methods
raise for such points rather than return a silent zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from zprime import validation
from zprime.errors import ZprimeError
from zprime.models import Mediator, as_mediator
from zprime.statistics.intervals import two_sigma_level

__all__ = [
    "Convention",
    "Constraint",
    "Sum",
    "Union",
    "ConstraintError",
    "model_key",
    "minimum_couplings_grid",
    "two_sigma_level",
    "SM_2SIGMA_1DOF",
    "MIN_2SIGMA_1DOF",
    "MIN_2SIGMA_2DOF",
    "PROVENANCE",
]

#: Where a bound's numbers come from: the ``provenance`` of every constraint, with its meaning.
PROVENANCE = {
    "data release": "our likelihood of the collaboration's public data release",
    "measurement": "a Gaussian chi^2 of a published measured value",
    "published fit": "a chi^2 fitted to the profiles of a published global fit",
    "digitised curve": "a published limit curve, digitised (the model must match the curve's)",
    "recast": "published limit curves recast to the model's production and decay rates",
    "own criterion": "a physical criterion, not a statistical limit (no confidence level)",
}


class ConstraintError(ZprimeError, ValueError):
    """A constraint asked about a model or mass it does not reach, or a malformed argument."""


@dataclass(frozen=True)
class Convention:
    """How a chi^2 becomes an exclusion: Delta chi^2 above ``level`` from ``reference``.

    Attributes
    ----------
    reference : {"SM", "minimum"}
        "SM": from the chi^2 of the Standard Model; "minimum": from the lowest chi^2 over the
        (m, g) plane of the model, the SM included.
    level : float
        The Delta chi^2 above which a point is excluded.
    dof : int
        Degrees of freedom behind ``level`` (2: a region in (m, g); 1: a band at fixed m).
    """

    reference: str
    level: float
    dof: int

    def __post_init__(self):
        if self.reference not in ("SM", "minimum"):
            raise ConstraintError(f"reference must be 'SM' or 'minimum', got {self.reference!r}")
        if not (self.level > 0 and math.isfinite(self.level)):
            raise ConstraintError("level must be positive and finite")

    def describe(self) -> str:
        ref = "the SM" if self.reference == "SM" else "the minimum over the (m, g) plane (SM included)"
        return f"Delta chi2 > {self.level:.2f} from {ref} ({self.dof} dof, 95.45 % C.L.)"

    def as_dict(self) -> dict:
        return {"reference": self.reference, "level": self.level, "dof": self.dof, "text": self.describe()}


SM_2SIGMA_1DOF = Convention("SM", two_sigma_level(1), 1)
MIN_2SIGMA_1DOF = Convention("minimum", two_sigma_level(1), 1)
MIN_2SIGMA_2DOF = Convention("minimum", two_sigma_level(2), 2)


def model_key(model: Mediator, loop_mixing: bool) -> tuple:
    """A hashable identity of (model, loop mixing) for caches: spin, couplings, eps, nu_R, dark sector, loop flag."""
    if not isinstance(model, Mediator):
        raise ConstraintError(f"model must be a model (VectorModel, ScalarModel), got {type(model).__name__}")
    return model.key() + (bool(loop_mixing),)


def _points(g, m) -> tuple[np.ndarray, np.ndarray]:
    """Broadcast and validate couplings (finite, >= 0) and masses (finite, > 0, GeV)."""
    try:
        g = validation.nonnegative("coupling g", g)
        m = validation.positive("mass m", m, "GeV")
    except validation.InputError as exc:
        raise ConstraintError(str(exc)) from None
    g_b, m_b = np.broadcast_arrays(g, m)
    return g_b, m_b


def minimum_couplings_grid(m: np.ndarray, couplings: tuple[float, float, int]) -> np.ndarray:
    """Couplings (n_g, len(m)) on which a reference minimum is searched at masses m (GeV): ``couplings`` =
    (g_lo, g_hi, n_g) log-spaced, scaled with m above 20 MeV (heavy mediators need g ~ m), as in the papers."""
    glo, ghi, ng = couplings
    return np.outer(np.geomspace(glo, ghi, ng), np.maximum(1.0, np.asarray(m) / 0.02))


def _validated(method):
    """Wrap a Constraint method: the model (object or name), g >= 0 and finite, m > 0 and finite,
    loop_mixing a real bool; checked once here for every subclass."""
    import functools

    read = validation.argument_reader(method, skip=1)  # the arguments after self, by name

    @functools.wraps(method)
    def wrapper(self, *args, **kw):
        a = read(args, kw)
        if "model" in a:
            a["model"] = as_mediator(a["model"])
        if "g" in a:
            validation.nonnegative("coupling g", a["g"])
        if "m" in a:
            validation.positive("mass m", a["m"], "GeV")
        if "loop_mixing" in a:
            a["loop_mixing"] = validation.strict_bool("loop_mixing", a["loop_mixing"])
        if "n_sigma" in a:
            validation.RULES["positive scalar"]("n_sigma", a["n_sigma"])
        if "model" in a and method.__name__ not in ("reasons", "support_reason"):
            why = self.support_reason(a["model"])
            if why:
                if method.__name__ == "model_reason":
                    return why
                if method.__name__ not in ("mass_range", "refine"):
                    raise ConstraintError(f"{self.name}: {why}")
        return method(self, **a)

    wrapper._validated = True
    return wrapper


#: The public methods whose arguments every Constraint validates.
VALIDATED_METHODS = (
    "delta_chi2",
    "exceeds",
    "excluded",
    "reasons",
    "band",
    "delta_a",
    "delta_Q_weak",
    "threshold",
    "minimum",
    "model_reason",
    "mass_range",
    "refine",
)


class Constraint:
    """One bound.  Subclasses set the attributes and implement the methods of their kind.

    Attributes
    ----------
    name : str
        Short label, unique in the catalogue (e.g. "COHERENT CsI 2021").
    reference : str
        The publication(s): arXiv ids or journal references.
    data : tuple of str
        What it reads: :mod:`zprime.data` manifest paths or the measurement it uses.
    kind : {"chi2", "curve"}
    convention : Convention or None
        For chi^2 constraints; curves carry the C.L. of their publication in ``cl``.
    cl : str
        Confidence level in words (for curves: as published).
    provenance : str
        Where the numbers come from: a key of :data:`PROVENANCE`.
    datasets : tuple of str
        The data sets it uses, named so that two constraints sharing data share a name (the CsI
        data of 2021 contain the exposure of 2017); a :class:`Sum` of overlapping parts raises.
    quantity : str
        The measured quantity, where two constraints are alternative determinations of one
        ("Delta a_mu"); never summed ("" for none).
    family : str
        The kind of experiment, a key of :data:`zprime.plotting.FAMILIES` (plots colour by it).
    """

    name: str = ""
    reference: str = ""
    data: tuple[str, ...] = ()
    kind: str = "chi2"
    convention: Convention | None = None
    cl: str = "95.45 % (2 sigma)"
    provenance: str = ""
    datasets: tuple[str, ...] = ()
    quantity: str = ""
    family: str = "other"
    #: (m_lo, m_hi, n) of the mass grid on which the reference minimum is searched, and the
    #: coupling range at each mass (g_lo, g_hi); used only with reference "minimum".
    minimum_masses: tuple[float, float, int] = (1e-4, 10.0, 41)
    minimum_couplings: tuple[float, float, int] = (1e-7, 1.0, 240)
    #: Bisection steps in log g that bounds() spends on each boundary of an excluded interval (when
    #: :meth:`refine`): 36 halve the grid step of 10^(8/199) to 2^-36 of it, below any rounding.  A
    #: constraint whose statistic is itself reproducible only to a few parts in 1e5 (a profile over
    #: nuisances) needs fewer: steps beyond its precision only cost evaluations.
    bisections: int = 36
    #: Whether the reference minimum may be computed as the smallest of the minima over interleaved parts
    #: of its grid, side by side (:func:`zprime.constraints.reference_minima`): exact where delta_chi2 at
    #: a point does not depend on the other points evaluated with it (one fit per point).
    minimum_in_parts: bool = False

    #: The spins the constraint treats ("vector", "scalar").
    spins: tuple[str, ...] = ("vector",)
    #: Whether it treats axial couplings of a vector boson (how: the subclass doc says).
    axial: bool = False
    #: Whether it treats a dark sector (scattering bounds do: the boson is exchanged, never produced).
    dark: bool = True
    #: Whether it treats neutrinos coupled through nu-Psi mixing (:class:`zprime.models.NeutrinophilicModel`):
    #: the constraints that read no neutrino coupling, and the model's own.
    psi_mixing: bool = False

    def support_reason(self, model: Mediator) -> str:
        """Why the constraint cannot treat this kind of model at all ("" if it can): spin, axial
        couplings, dark sector.  Every method checks it first (never a silent zero)."""
        if model.spin not in self.spins:
            return f"{model.spin} mediators are not treated ({self.name} treats {' and '.join(self.spins)} mediators)"
        if model.has_axial and not self.axial:
            return "axial couplings are not treated (vector couplings only)"
        if model.dark is not None and not self.dark:
            return "a dark sector is not treated"
        if model.psi_mixing and not self.psi_mixing:
            return (
                "neutrino couplings through nu-Psi mixing (g_Psi kappa_a kappa_b, eq. (10) of arXiv:1607.07616: "
                "off-diagonal, not scaling with g) are not treated; the model's own constraints are "
                "(zprime.constraints.neutrinophilic)"
            )
        return ""

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        for name in VALIDATED_METHODS:
            fn = cls.__dict__.get(name)
            if callable(fn) and not getattr(fn, "_validated", False):
                setattr(cls, name, _validated(fn))

    # -- what every constraint provides ---------------------------------------------------
    def reasons(self, model: Mediator, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        """Per mass, why the constraint does not reach the model ("" where it does).

        Parameters
        ----------
        model : Mediator
        m : array_like, shape (n,)
            Boson masses in GeV.
        loop_mixing : bool
            Whether the one-loop kinetic mixing of the model is included.

        Returns
        -------
        ndarray of str, shape (n,)
            "" where the constraint applies; otherwise the reason (no coupling to its target,
            outside its mass range).
        """
        m = np.atleast_1d(np.asarray(m, dtype=float))
        why = self.model_reason(model, loop_mixing)
        out = np.full(m.shape, why, dtype=object)
        if not why:
            lo, hi = self.mass_range(model)
            out[(m < lo) | (m > hi)] = f"outside {self.name}'s mass range {lo:.3g}-{hi:.3g} GeV"
        return out

    def refine(self, model: Mediator) -> bool:
        """Whether bounds() bisects the boundaries (False: midway between grid couplings,
        for constraints whose every evaluation at a new coupling is expensive)."""
        return True

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        """Why the constraint cannot constrain this model at any mass ("" if it can)."""
        return ""

    def mass_range(self, model: Mediator) -> tuple[float, float]:
        """(m_lo, m_hi) in GeV where the constraint is defined."""
        return (0.0, math.inf)

    def excluded(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        """Whether each point (g, m) is excluded.

        For chi^2 constraints: Delta chi^2 above :meth:`threshold` (the constraint's
        ``convention``); for limit curves: g above the published curve at m.

        Parameters
        ----------
        model : Mediator
        g : array_like
            Gauge couplings (>= 0).
        m : array_like
            Boson masses in GeV (> 0); broadcasts with ``g``.
        loop_mixing : bool
            Include the model's one-loop kinetic mixing.

        Returns
        -------
        ndarray of bool
            Of the broadcast shape of ``g`` and ``m``.

        Examples
        --------
        >>> from zprime import constraints, models
        >>> coh = constraints.get("COHERENT CsI 2021")
        >>> coh.excluded(models.get_model("B-L"), [1e-5, 1e-4], 0.01)
        array([False,  True])
        """
        g, m = _points(g, m)
        return self.delta_chi2(model, g, m, loop_mixing=loop_mixing) > self.threshold(model, loop_mixing=loop_mixing)

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        """chi^2(g, m) - chi^2(SM), for the constraints built on a likelihood (``kind == "chi2"``).

        Parameters
        ----------
        model : Mediator
        g : array_like
            Gauge couplings (>= 0).
        m : array_like
            Boson masses in GeV (> 0); broadcasts with ``g``.
        loop_mixing : bool
            Include the model's one-loop kinetic mixing.

        Returns
        -------
        ndarray
            Delta chi^2 of the broadcast shape; 0 at g = 0.

        Raises
        ------
        ConstraintError
            For a limit curve (it has no chi^2) or a model the constraint does not reach.

        Examples
        --------
        >>> from zprime import constraints, models
        >>> coh = constraints.get("COHERENT CsI 2021")
        >>> [f"{x:.3f}" for x in coh.delta_chi2(models.get_model("B-L"), [1e-5, 1e-4], 0.01)]
        ['0.006', '35.888']
        """
        raise ConstraintError(f"{self.name} is a limit curve: it has no chi^2, use excluded()")

    def exceeds(
        self, model: Mediator, g: ArrayLike, m: ArrayLike, level: float, *, loop_mixing: bool = False
    ) -> np.ndarray:
        """An array with the sign of delta_chi2(g, m) - ``level``, for chi^2 constraints.

        Equal to ``delta_chi2 - level`` here.  A constraint whose chi^2 is expensive (a profile
        over nuisances) may return a cheaper number of the *same sign* where a bound decides it,
        e.g. an upper bound on delta_chi2 that is already below ``level``; :func:`zprime.bounds`
        needs only the sign (which side of the threshold a point lies).

        Parameters
        ----------
        model : Mediator
        g : array_like
            Gauge couplings (>= 0).
        m : array_like
            Boson masses in GeV (> 0); broadcasts with ``g``.
        level : float
            The Delta chi^2 threshold.
        loop_mixing : bool
            Include the model's one-loop kinetic mixing.

        Returns
        -------
        ndarray
            Of the broadcast shape; > 0 exactly where delta_chi2 > level.

        Examples
        --------
        >>> from zprime import constraints, models
        >>> coh = constraints.get("COHERENT CsI 2021")
        >>> [f"{x:.3f}" for x in coh.exceeds(models.get_model("B-L"), [1e-5, 1e-4], 0.01, 6.18)]
        ['-6.174', '29.708']
        """
        level = validation.RULES["scalar"]("level", level)
        return self.delta_chi2(model, g, m, loop_mixing=loop_mixing) - level

    def threshold(self, model: Mediator, *, loop_mixing: bool = False) -> float:
        """The Delta chi^2 from the SM above which a point is excluded.

        The convention's level, plus the minimum over the model's (m, g) plane when the
        convention's reference is "minimum" (see the module doc).

        Parameters
        ----------
        model : Mediator
        loop_mixing : bool
            Include the model's one-loop kinetic mixing.

        Returns
        -------
        float
            Negative when the data exclude the SM itself (a measured anomaly).

        Examples
        --------
        >>> from zprime import constraints, models
        >>> round(constraints.get("COHERENT CsI 2021").threshold(models.get_model("B-L")), 2)
        6.18
        """
        if self.convention is None:
            raise ConstraintError(f"{self.name} is a limit curve: it has no chi^2 threshold")
        if self.convention.reference == "SM":
            return self.convention.level
        return self.convention.level + self.minimum(model, loop_mixing=loop_mixing)

    def minimum(self, model: Mediator, *, loop_mixing: bool = False) -> float:
        """min(0, min over the grid of delta_chi2): the reference of the "minimum" convention (cached)."""
        cache = self.__dict__.setdefault("_minima", {})
        key = model_key(model, loop_mixing)
        if key not in cache:
            cache[key] = self._minimum_grid(model, loop_mixing)
        return cache[key]

    def known_minima(self) -> dict:
        """The reference minima computed so far, by :func:`model_key` (to carry them to another process)."""
        return dict(self.__dict__.get("_minima", {}))

    def add_minima(self, minima: dict) -> None:
        """Take reference minima of this constraint computed in another process (:meth:`known_minima`)."""
        self.__dict__.setdefault("_minima", {}).update(minima)

    def _minimum_grid(self, model, loop_mixing, part: tuple[int, int] = (0, 1)):
        """min(0, smallest delta_chi2 on the reference grid), or on its part k of n (every n-th point from
        the k-th: each part spans the whole plane) for ``part`` = (k, n)."""
        lo, hi, n = self.minimum_masses
        m = np.geomspace(lo, hi, n)
        lo_m, hi_m = self.mass_range(model)
        m = m[(m >= lo_m) & (m <= hi_m)]
        reach = self.reasons(model, m, loop_mixing=loop_mixing) == ""
        m = m[reach]
        if m.size == 0:
            return 0.0
        G = minimum_couplings_grid(m, self.minimum_couplings)
        M = np.broadcast_to(m, G.shape)
        k, n_parts = part
        if n_parts > 1:
            G, M = G.ravel()[k::n_parts], M.ravel()[k::n_parts]
            if G.size == 0:
                return 0.0
        return float(min(0.0, self._grid_minimum(model, G, M, loop_mixing)))

    def _grid_minimum(self, model, g, m, loop_mixing):
        """The smallest delta_chi2 on the points (g, m); a constraint with a cheaper exact route overrides it."""
        return np.min(self.delta_chi2(model, g, m, loop_mixing=loop_mixing))

    # -- combination -------------------------------------------------------------------------
    def parts(self) -> tuple[Constraint, ...]:
        return (self,)

    def __add__(self, other: Constraint) -> Constraint:
        if not isinstance(other, Constraint):
            return NotImplemented
        if self.kind == "chi2" and other.kind == "chi2":
            return Sum(self.parts() + other.parts())
        return Union(_union_parts(self) + _union_parts(other))

    def check_reach(self, model: Mediator, m: ArrayLike, loop_mixing: bool) -> None:
        """Raise :class:`ConstraintError` naming the reason if any mass in m is out of reach."""
        why = self.reasons(model, np.ravel(m), loop_mixing=loop_mixing)
        bad = why != ""
        if np.any(bad):
            raise ConstraintError(
                f"{self.name}: {why[bad][0]} (model {model.name!r}); use reasons() to select the masses it reaches"
            )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} ({self.kind})>"

    def describe(self) -> dict:
        """Name, kind, reference, data, C.L., provenance and convention as plain data (for tables and JSON)."""
        out: dict[str, object] = {
            "name": self.name,
            "kind": self.kind,
            "reference": self.reference,
            "data": list(self.data),
            "datasets": list(self.datasets),
            "cl": self.cl,
            "provenance": self.provenance,
        }
        out["convention"] = None if self.convention is None else self.convention.as_dict()
        return out


def _union_parts(c: Constraint) -> tuple[Constraint, ...]:
    return c.members if isinstance(c, Union) else (c,)


def _joined(values) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def check_independent(parts: Sequence[Constraint], allow_overlap: bool = False) -> None:
    """Raise :class:`ConstraintError` if ``parts`` would count data twice in a sum.

    Two parts that determine the same ``quantity`` (the (g-2)_mu inputs of 2021 and 2025) never
    add; two that share a data set add only with ``allow_overlap=True``.
    """
    for i, a in enumerate(parts):
        for b in parts[i + 1 :]:
            if a is b and not allow_overlap:
                raise ConstraintError(f"{a.name!r} appears twice in the sum: its data would count twice")
            if a.quantity and a.quantity == b.quantity:
                raise ConstraintError(
                    f"{a.name!r} and {b.name!r} are two determinations of {a.quantity}: they cannot be summed "
                    "(choose one)"
                )
            shared = [d for d in a.datasets if d in b.datasets]
            if shared and not allow_overlap:
                raise ConstraintError(
                    f"{a.name!r} and {b.name!r} share data ({'; '.join(shared)}): their sum counts it twice; "
                    "Sum([...], allow_overlap=True) if that is what you want"
                )


def _common_family(parts) -> str:
    """The family shared by every part, else "combined"."""
    families = {p.family for p in parts}
    return families.pop() if len(families) == 1 else "combined"


class Sum(Constraint):
    """The sum of chi^2 constraints: chi^2 adds; the reference minimum is that of the sum.

    Parts that share data raise (:func:`check_independent`) unless ``allow_overlap=True``.
    """

    kind = "chi2"

    def __init__(
        self,
        parts: Sequence,
        *,
        name: str | None = None,
        convention: Convention | None = None,
        allow_overlap: bool = False,
    ) -> None:
        parts = tuple(p for c in parts for p in c.parts())
        if len(parts) < 2:
            raise ConstraintError("a Sum needs at least two chi^2 constraints")
        if any(p.kind != "chi2" for p in parts):
            raise ConstraintError("only chi^2 constraints add; combine curves with a Union")
        check_independent(parts, validation.strict_bool("allow_overlap", allow_overlap))
        if convention is None:
            convs = {p.convention for p in parts}
            if len(convs) != 1:
                raise ConstraintError(
                    f"the parts use different conventions ({', '.join(c.describe() for c in convs)}); give convention="
                )
            convention = parts[0].convention
        self._parts = parts
        self.name = name or " + ".join(p.name for p in parts)
        self.reference = _joined(p.reference for p in parts)
        self.data = tuple(dict.fromkeys(d for p in parts for d in p.data))
        self.datasets = tuple(dict.fromkeys(d for p in parts for d in p.datasets))
        self.cl = _joined(p.cl for p in parts)
        self.provenance = _joined(p.provenance for p in parts)
        self.family = _common_family(parts)
        self.convention = convention
        self.minimum_masses = parts[0].minimum_masses
        self.minimum_couplings = parts[0].minimum_couplings
        self.bisections = min(p.bisections for p in parts)

    def parts(self) -> tuple:
        return self._parts

    def support_reason(self, model: Mediator) -> str:
        why = dict.fromkeys(f"{p.name}: {w}" for p in self._parts if (w := p.support_reason(model)))
        return "; ".join(why)

    def model_reason(self, model: Mediator, loop_mixing: bool) -> str:
        why = [p.model_reason(model, loop_mixing) for p in self._parts]
        return "; ".join(w for w in why if w)

    def mass_range(self, model: Mediator) -> tuple:
        r = [p.mass_range(model) for p in self._parts]
        return max(a for a, _ in r), min(b for _, b in r)

    def reasons(self, model: Mediator, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        out = np.full(np.atleast_1d(np.asarray(m, float)).shape, "", dtype=object)
        for p in self._parts:
            w = p.reasons(model, m, loop_mixing=loop_mixing)
            out = np.where(out == "", w, out)
        return out

    def delta_chi2(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        return sum(p.delta_chi2(model, g, m, loop_mixing=loop_mixing) for p in self._parts)

    def __eq__(self, other):
        return isinstance(other, Sum) and self._parts == other._parts and self.convention == other.convention

    __hash__ = Constraint.__hash__


class Union(Constraint):
    """Excluded where any member excludes (curves, or curves with chi^2 bounds)."""

    kind = "curve"
    convention = None

    def __init__(self, members: Sequence, *, name: str | None = None) -> None:
        members = tuple(p for c in members for p in _union_parts(c))
        if len(members) < 1:
            raise ConstraintError("a Union needs at least one constraint")
        self.members = members
        self.name = name or " | ".join(p.name for p in members)
        self.reference = _joined(p.reference for p in members)
        self.data = tuple(dict.fromkeys(d for p in members for d in p.data))
        self.datasets = tuple(dict.fromkeys(d for p in members for d in p.datasets))
        self.cl = _joined(p.cl for p in members)
        self.provenance = _joined(p.provenance for p in members)
        self.family = _common_family(members)

    def support_reason(self, model: Mediator) -> str:
        why = [p.support_reason(model) for p in self.members]
        return "" if any(w == "" for w in why) else f"no member treats this model ({why[0]})"

    def reasons(self, model: Mediator, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        m = np.atleast_1d(np.asarray(m, float))
        per = [p.reasons(model, m, loop_mixing=loop_mixing) for p in self.members]
        reach = np.any([w == "" for w in per], axis=0)
        out = np.full(m.shape, "", dtype=object)
        out[~reach] = f"none of the {len(self.members)} members reaches this model at this mass"
        if len(self.members) == 1:
            out = per[0]
        return out

    def mass_range(self, model: Mediator) -> tuple[float, float]:
        r = [p.mass_range(model) for p in self.members]
        return min(a for a, _ in r), max(b for _, b in r)

    def refine(self, model: Mediator) -> bool:
        return all(p.refine(model) for p in self.members)

    @property
    def bisections(self) -> int:  # type: ignore[override]
        return min(p.bisections for p in self.members)

    def excluded(self, model: Mediator, g: ArrayLike, m: ArrayLike, *, loop_mixing: bool = False) -> np.ndarray:
        g, m = _points(g, m)
        self.check_reach(model, m, loop_mixing)  # no member reaches: raise, as a single member does
        out = np.zeros(g.shape, dtype=bool)
        for p in self.members:
            reach = p.reasons(model, m.ravel(), loop_mixing=loop_mixing).reshape(m.shape) == ""
            if np.any(reach):
                out[reach] |= p.excluded(model, g[reach], m[reach], loop_mixing=loop_mixing)
        return out

    def __eq__(self, other):
        return isinstance(other, Union) and self.members == other.members

    __hash__ = Constraint.__hash__


for _name in VALIDATED_METHODS:  # the base class's own implementations
    if _name in vars(Constraint):
        setattr(Constraint, _name, _validated(vars(Constraint)[_name]))
