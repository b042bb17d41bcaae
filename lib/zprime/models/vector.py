"""Vector U(1)' models: charge assignments, kinetic mixing, anomalies.

A model is the set of vector charges x_f of the Standard-Model fermions under
the new U(1)', the boson coupling as ``g x_f  fbar gamma^mu f  Z'_mu`` (the
left- and right-handed components of a fermion carry the same charge), plus an
optional tree-level kinetic mixing eps with the photon, which shifts every
charge as

    x_f  ->  x_f + eps e Q_f / g                                         (1)

(Q_f the electric charge in units of e).  Neutrinos are left-handed; a flag
says whether right-handed partners with the same charge exist (needed for the
anomaly cancellation of B - L type models and for invisible widths in the
Dirac convention).

Charges in this module follow the papers' notation:

* ``G(c1, c2, c3, ce, cmu, ctau) = c1 B1 + c2 B2 + c3 B3 - ce Le - cmu Lmu - ctau Ltau``
  (eq. (3.8) of Atzori Corona et al., arXiv:2202.11002); a quark of
  generation i has x = c_i/3, a lepton of flavour alpha has x = -c_alpha;
* ``G_B(cB, ce, cmu, ctau)`` the quark-universal family, eq. (3.10);
* Table 1 of the same paper via :func:`atzori_corona_table1`;
* Farzan 2015 (arXiv:1505.06906) eq. (8), ``Lmu + Ltau + B1 - a B2 - (3 - a) B3``;
* Bernal-Farzan 2023 (arXiv:2211.15686), ``Lmu + Ltau - c (B1 + B2) - 2 B3 (1 - c)``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike

from zprime import constants as c
from zprime import validation
from zprime.models.mediator import (
    CHARGED_LEPTONS,
    FERMIONS,
    NEUTRINOS,
    QUARKS,
    DarkSector,
    Mediator,
    ModelError,
    _as_dark,
    _couplings_table,
    universal_scalar,
)
from zprime.types import Real
from zprime.validation import checks

#: Lepton flavours, the labels of every flavour index (neutrinos nu_e, nu_mu, nu_tau; NSI eps_ab).
FLAVOURS = CHARGED_LEPTONS
#: The short list a user usually gives: first-generation quarks, charged leptons, neutrinos.
SHORT_FERMIONS = ("u", "d", "e", "mu", "tau", "nu_e", "nu_mu", "nu_tau")

_GENERATION = {"u": 0, "d": 0, "c": 1, "s": 1, "t": 2, "b": 2}


def check_coupling_and_mass(
    g: ArrayLike, m: ArrayLike, names: tuple[str, str] = ("g", "M")
) -> tuple[np.ndarray, np.ndarray]:
    """Validate a coupling (finite, >= 0) and a mediator mass (finite, > 0, GeV); return arrays.

    ``names`` are the caller's argument names, quoted in the error message.
    """
    return (
        validation.nonnegative(f"coupling {names[0]}", g),
        validation.positive(f"mediator mass {names[1]}", m, "GeV"),
    )


_T = TypeVar("_T")


def _as_model_error(check: Callable[..., _T], name: str, value: object, *args: object) -> _T:
    """Run a zprime.validation check; its error becomes a ModelError (this module's exception)."""
    try:
        return check(name, value, *args)
    except (validation.InputError, validation.InputTypeError) as exc:
        raise ModelError(str(exc)) from None


def _finite(name: str, value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ModelError(f"charge {name!r} must be a real number, got {value!r}") from None
    if not math.isfinite(v):
        raise ModelError(f"charge {name!r} must be finite, got {v}")
    return v


@dataclass(frozen=True)
class VectorModel(Mediator):
    """A spin-1 mediator: vector charges x_f, axial charges a_f, tree-level kinetic mixing.

    The spin-1 case of :class:`zprime.models.Mediator`, coupled as
    ``g Z'_mu fbar gamma^mu (x_f + a_f gamma_5) f`` (module doc of :mod:`zprime.models.mediator`).

    Parameters
    ----------
    name : str
        Label used in plots and tables.
    charges : mapping
        Vector charges x_f for the names in :data:`FERMIONS`.  Missing second- and
        third-generation quarks default to the first-generation values
        (quark-universal models); all of :data:`SHORT_FERMIONS` are required.
    eps : float
        Tree-level kinetic mixing with the photon, eq. (1) of the module doc; |eps| < 1.
    nu_R : bool
        Whether each neutrino has a right-handed partner (charge x_nu + a_nu).
    anomalous : bool
        Marks a model known to need extra fermions (e.g. the "universal" model);
        :meth:`anomalies` still reports the SM-fermion coefficients.
    params : mapping
        The parameters a named family was built with (e.g. ``{"a": -1}``).
    axial : mapping, optional
        Axial charges a_f (omitted fermions: 0; no generation defaults).
    dark : DarkSector or mapping, optional
        A dark sector: chi with g x_chi or a fixed g_chi, or a fixed invisible branching ratio.
    loop_scale : float, optional
        The scale mu (GeV) at which the kinetic mixing vanishes: needed for the one-loop mixing
        of a model whose charged fermions give a divergent loop (sum_f N_c Q_f x_f != 0,
        :func:`loop_kinetic_mixing`); ignored by a finite loop.
    """

    name: str
    charges: Mapping[str, float]
    eps: float = 0.0
    nu_R: bool = True
    anomalous: bool = False
    params: Mapping[str, float] = field(default_factory=dict)
    axial: Mapping[str, float] = field(default_factory=dict)
    dark: DarkSector | None = None
    loop_scale: float | None = None

    spin = "vector"

    def __post_init__(self):
        if not isinstance(self.charges, Mapping):
            raise ModelError("charges must be a mapping {fermion: charge}")
        unknown = set(self.charges) - set(FERMIONS)
        if unknown:
            raise ModelError(f"unknown fermion name(s) {sorted(unknown)}; known: {FERMIONS}")
        missing = [f for f in SHORT_FERMIONS if f not in self.charges]
        if missing:
            raise ModelError(f"model {self.name!r}: missing charges for {missing}")
        full = {f: _finite(f, v) for f, v in self.charges.items()}
        for heavy, light in (("c", "u"), ("t", "u"), ("s", "d"), ("b", "d")):
            full.setdefault(heavy, full[light])
        object.__setattr__(self, "charges", {f: full[f] for f in FERMIONS})
        object.__setattr__(self, "eps", _finite("eps", self.eps))
        if not abs(self.eps) < 1.0:
            raise ModelError(f"model {self.name!r}: kinetic mixing eps must satisfy |eps| < 1, got {self.eps:g}")
        object.__setattr__(self, "axial", _couplings_table("axial", self.axial))
        object.__setattr__(self, "dark", _as_dark(self.dark))
        if self.loop_scale is not None:
            mu = _finite("loop_scale", self.loop_scale)
            if not mu > 0:
                raise ModelError(f"model {self.name!r}: loop_scale must be a positive scale in GeV, got {mu:g}")
            object.__setattr__(self, "loop_scale", mu)

    # -- constructors --------------------------------------------------------
    @classmethod
    def from_array(cls, name: str, x: ArrayLike, **kw) -> VectorModel:
        """Build from the eight charges (u, d, e, mu, tau, nu_e, nu_mu, nu_tau), quark-universal.

        Parameters
        ----------
        name : str
            Label used in plots and tables.
        x : array_like, shape (8,)
            The charges x_f, in that order; finite.
        **kw
            Passed to the constructor (``eps``, ``nu_R``).

        Returns
        -------
        VectorModel

        Examples
        --------
        >>> from zprime.models import VectorModel
        >>> X = VectorModel.from_array("B-2L_e-L_mu", [1/3, 1/3, -2, -1, 0, -2, -1, 0])
        >>> X.is_anomaly_free()
        True
        """
        x = np.asarray(x, dtype=float)
        if x.shape != (len(SHORT_FERMIONS),):
            raise ModelError(f"expected {len(SHORT_FERMIONS)} charges {SHORT_FERMIONS}, got shape {x.shape}")
        return cls(name, dict(zip(SHORT_FERMIONS, x)), **kw)

    def with_eps(self, eps: float) -> VectorModel:
        """The same charges with tree-level kinetic mixing ``eps``."""
        return replace(self, eps=eps)

    # -- charges ---------------------------------------------------------------
    def x(self, f: str) -> float:
        """Bare U(1)' charge x_f (no kinetic mixing)."""
        try:
            return self.charges[f]
        except KeyError:
            raise ModelError(f"unknown fermion {f!r}; known: {FERMIONS}") from None

    def x_eff(self, f: str, g: ArrayLike) -> np.ndarray | float:
        """Charge including tree-level kinetic mixing, x_f + eps e Q_f / g (eq. (1) of this module).

        Parameters
        ----------
        f : str
            A fermion of :data:`FERMIONS`.
        g : array_like
            Gauge coupling (> 0).

        Returns
        -------
        ndarray or float
            Shape of ``g`` (a float for a scalar).

        Examples
        --------
        >>> from zprime import models
        >>> X = models.get_model("B-L").with_eps(1e-4)
        >>> print(f"{X.x_eff('e', 1e-3):.4f}")   # -1 + 1e-4 e (-1) / 1e-3
        -1.0303
        """
        g_arr: np.ndarray = _as_model_error(validation.positive, "coupling g", g)
        out = self.x(f) + self.eps * c.e_em * c.FERMION_CHARGE[f] / g_arr
        return out if out.ndim else float(out)

    def nucleon_charges(self, g: ArrayLike | None = None) -> tuple[np.ndarray | float, np.ndarray | float]:
        """Proton and neutron charges (x_p, x_n) = (2 x_u + x_d, x_u + 2 x_d).

        Parameters
        ----------
        g : array_like, optional
            Gauge coupling; with it the kinetic-mixing shift x_f + eps e Q_f / g is included.

        Returns
        -------
        (x_p, x_n)
            Floats, or arrays of the shape of ``g``.

        Examples
        --------
        >>> from zprime import models
        >>> models.get_model("B-L").nucleon_charges()
        (1.0, 1.0)
        """
        xu, xd = (self.x("u"), self.x("d")) if g is None else (self.x_eff("u", g), self.x_eff("d", g))
        return 2 * xu + xd, xu + 2 * xd

    def charge_vector(self) -> np.ndarray:
        """Charges in the order of :data:`FERMIONS`."""
        return np.array([self.charges[f] for f in FERMIONS])

    def a(self, f: str) -> float:
        """Axial charge a_f (the coupling is g a_f fbar gamma^mu gamma_5 f)."""
        try:
            return self.axial[f]
        except KeyError:
            raise ModelError(f"unknown fermion {f!r}; known: {FERMIONS}") from None

    @property
    def axial_quarks(self) -> tuple[str, ...]:
        """The quarks with a non-zero axial charge (the hadronic axial physics the library lacks)."""
        return tuple(q for q in QUARKS if self.axial[q] != 0.0)

    def x_L(self, f: str) -> float:
        """Charge of the left-handed component, x_f - a_f (what a left-handed neutrino feels)."""
        return self.x(f) - self.a(f)

    def x_R(self, f: str) -> float:
        """Charge of the right-handed component, x_f + a_f."""
        return self.x(f) + self.a(f)

    def couplings(self) -> dict[str, dict[str, float]]:
        return {"vector": dict(self.charges), "axial": dict(self.axial)}

    def with_dark(self, dark: DarkSector | Mapping | None) -> VectorModel:
        """The same charges with a dark sector (:class:`DarkSector` or a mapping of its keys)."""
        return replace(self, dark=_as_dark(dark))

    def fold_mixing(self, r: float) -> VectorModel:
        """The model with eps e / g = r folded into its vector charges (x_f + r Q_f, eps = 0).

        Axial charges and the dark sector are kept; the result is marked anomalous (the folded
        charges break x_u = x_d).
        """
        r = _finite("r", r)
        return replace(
            self,
            name=f"{self.name} (eps e/g = {r:.4g})",
            charges={f: self.x(f) + r * c.FERMION_CHARGE[f] for f in FERMIONS},
            eps=0.0,
            anomalous=True,
            params={},
        )

    def at_coupling(self, g: float) -> VectorModel:
        """The same physics at coupling g > 0 written with couplings that all scale with g: tree-level
        eps folded into the charges (:meth:`fold_mixing` with r = eps e/g) and a fixed g_chi as
        x_chi = g_chi/g.  What a rate that is computed at g = 1 and scaled by g^2 needs."""
        g = _finite("g", g)
        if not g > 0:
            raise ModelError(f"at_coupling needs a coupling g > 0, got {g}")
        out = self.fold_mixing(self.eps * c.e_em / g) if self.eps != 0.0 else self
        if self.dark is not None and not self.dark.scales_with_g:
            out = replace(out, dark=self.dark.at_coupling(float(g)))
        return out

    @property
    def scales_with_g(self) -> bool:
        """Whether every rate of the model goes as g^2 at fixed mass (no tree-level eps, no fixed g_chi)."""
        return self.eps == 0.0 and (self.dark is None or self.dark.scales_with_g)

    def vector_part(self) -> VectorModel:
        """The model without its axial charges and dark sector (what coherent, spin-independent
        scattering on unpolarised matter sees of the quarks and charged leptons); the neutrinos keep
        their left-handed charge x_nu - a_nu.  The model itself when it has neither."""
        if not self.has_axial and self.dark is None:
            return self
        ch = dict(self.charges)
        for n in NEUTRINOS:
            ch[n] = self.x_L(n)
        return replace(self, charges=ch, axial={}, dark=None)

    # -- anomalies ------------------------------------------------------------
    def anomalies(self) -> dict[str, float]:
        """Anomaly coefficients of U(1)' with the SM gauge group and gravity.

        Sums over left-handed Weyl fermions (right-handed fields enter conjugated, with a
        minus sign), three colours for quarks, hypercharges Q(1/6), u(2/3), d(-1/3), L(-1/2),
        e(-1).  The doublets carry x_f - a_f, the singlets x_f + a_f (axial charges make the
        model chiral).  For vector charges, [SU(3)]^2 U(1)', [U(1)']^2 U(1)_Y, [U(1)']^3 and
        gravitational anomalies cancel generation by generation as soon as right-handed
        neutrinos exist; the doublet anomalies reduce to sum_i (3 x_Qi + x_Li), i.e. eq.
        (3.9) of arXiv:2202.11002.  Axial charges add the general chiral sums (e.g. eqs.
        (2.2)-(2.3) of arXiv:2203.13731 for U(1)_X).
        """
        gens = (("u", "d", "e", "nu_e"), ("c", "s", "mu", "nu_mu"), ("t", "b", "tau", "nu_tau"))
        A = dict(SU3_SU3_X=0.0, SU2_SU2_X=0.0, Y_Y_X=0.0, Y_X_X=0.0, X_X_X=0.0, grav_X=0.0)
        for up, down, lep, nu in gens:
            if not math.isclose(self.x_L(up), self.x_L(down), abs_tol=1e-12):
                # the left-handed u and d of one generation form a doublet: different charges
                # break SU(2)_L invariance, not a consistent assignment
                raise ModelError(
                    f"model {self.name!r}: x_{up} - a_{up} != x_{down} - a_{down} is not SU(2)_L invariant"
                )
            if not math.isclose(self.x_L(lep), self.x_L(nu), abs_tol=1e-12):
                raise ModelError(f"model {self.name!r}: x_{lep} - a_{lep} != x_{nu} - a_{nu} is not SU(2)_L invariant")
            xQ, xL = self.x_L(up), self.x_L(lep)
            xu, xd, xe, xn = self.x_R(up), self.x_R(down), self.x_R(lep), self.x_R(nu)
            # (multiplicity, hypercharge, charge) of left-handed Weyl fields
            weyl = [(6, 1 / 6, xQ), (3, -2 / 3, -xu), (3, 1 / 3, -xd), (2, -1 / 2, xL), (1, 1.0, -xe)]
            if self.nu_R:
                weyl.append((1, 0.0, -xn))
            A["SU3_SU3_X"] += 2 * xQ - xu - xd  # doublet counts twice, u^c and d^c once
            A["SU2_SU2_X"] += 3 * xQ + xL
            for n, y, q in weyl:
                A["Y_Y_X"] += n * y * y * q
                A["Y_X_X"] += n * y * q * q
                A["X_X_X"] += n * q**3
                A["grav_X"] += n * q
        return A

    def is_anomaly_free(self, tol: float = 1e-9) -> bool:
        """True if every coefficient of :meth:`anomalies` vanishes."""
        return all(abs(v) < tol for v in self.anomalies().values())


# ---------------------------------------------------------------------------
# families and named models
# ---------------------------------------------------------------------------
def G(
    c1: Real,
    c2: Real,
    c3: Real,
    ce: Real,
    cmu: Real,
    ctau: Real,
    name: str | None = None,
    **kw,
) -> VectorModel:
    """``c1 B1 + c2 B2 + c3 B3 - ce Le - cmu Lmu - ctau Ltau``, eq. (3.8) of arXiv:2202.11002."""
    q = [_finite(n, v) / 3.0 for n, v in (("c1", c1), ("c2", c2), ("c3", c3))]
    lep = [0.0 - _finite(n, v) for n, v in (("ce", ce), ("cmu", cmu), ("ctau", ctau))]
    ch = {"u": q[0], "d": q[0], "c": q[1], "s": q[1], "t": q[2], "b": q[2]}
    for (l, nu), v in zip(zip(CHARGED_LEPTONS, NEUTRINOS), lep):
        ch[l] = ch[nu] = v
    name = name or f"G({c1},{c2},{c3},{ce},{cmu},{ctau})"
    return VectorModel(name, ch, **kw)


def G_B(cB: Real, ce: Real, cmu: Real, ctau: Real, name: str | None = None, **kw) -> VectorModel:
    """Quark-universal ``cB B - ce Le - cmu Lmu - ctau Ltau``, eq. (3.10) of arXiv:2202.11002.

    Anomaly-free (with right-handed neutrinos) iff 3 cB = ce + cmu + ctau, eq. (3.11).

    Parameters
    ----------
    cB, ce, cmu, ctau : float
        Coefficients of baryon number and of the three lepton numbers.
    name : str, optional
        Label (default ``"G_B(cB,ce,cmu,ctau)"``).
    **kw
        Passed to :class:`VectorModel` (e.g. ``eps``).

    Returns
    -------
    VectorModel

    Examples
    --------
    >>> from zprime import models
    >>> X = models.G_B(1, 3, 0, 0)   # B - 3 L_e
    >>> X.x("u"), X.x("e"), X.is_anomaly_free()
    (0.3333333333333333, -3.0, True)
    """
    for n, v in (("cB", cB), ("ce", ce), ("cmu", cmu), ("ctau", ctau)):
        _finite(n, v)
    return G(cB, cB, cB, ce, cmu, ctau, name=name or f"G_B({cB},{ce},{cmu},{ctau})", **kw)


def farzan2015(a: float = -1.0, **kw) -> VectorModel:
    """``Lmu + Ltau + B1 - a B2 - (3 - a) B3``, eqs. (8)-(10) of Farzan, arXiv:1505.06906.

    a = -1 (the default) gives first and second generation the same charge,
    the choice of the paper that avoids K-Kbar and D-Dbar mixing.

    Parameters
    ----------
    a : float
        The second-generation baryon-number coefficient (the third gets 3 - a, so that the
        quark charges sum like B).
    **kw
        Passed to :class:`VectorModel` (e.g. ``eps``).

    Returns
    -------
    VectorModel

    Examples
    --------
    >>> from zprime import models
    >>> X = models.farzan2015()
    >>> X.x("u"), X.x("t"), X.x("mu")
    (0.3333333333333333, -1.3333333333333333, 1.0)
    """
    a = _finite("a", a)
    return G(1.0, -a, -(3.0 - a), 0.0, -1.0, -1.0, name=f"Lmu+Ltau+B1-({a:g})B2-({3 - a:g})B3", params={"a": a}, **kw)


def bernal_farzan2023(c_: float, tan_eta: float | None = None, **kw) -> VectorModel:
    """``Lmu + Ltau - c (B1 + B2) - 2 B3 (1 - c)``, eq. (2) of Bernal-Farzan, arXiv:2211.15686.

    Without ``tan_eta``: the bare charges (kinetic mixing through ``eps``).
    With ``tan_eta``: the kinetic mixing that gives eps^n/eps^p = tan eta,
    e eps = a g with a = :func:`bernal_farzan2023_mixing`, is folded into the
    charges (x_f -> x_f + a Q_f, eqs. (3)-(4)); the charges are then
    g-independent, which is what a recast at fixed (c, tan eta) needs.  The
    folded model breaks x_u = x_d, so :meth:`VectorModel.anomalies` applies
    to the bare model only.

    Parameters
    ----------
    c_ : float
        The coefficient c of the first two generations' baryon number.
    tan_eta : float, optional
        The Chaves-Schwetz angle eps^n/eps^p to fix with kinetic mixing (not with ``eps``).
    **kw
        Passed to :class:`VectorModel` (e.g. ``eps``).

    Returns
    -------
    VectorModel

    Examples
    --------
    >>> from zprime import models
    >>> X = models.bernal_farzan2023(2 / 3)   # c = 2/3: every quark has charge -2/9
    >>> round(X.x("u"), 4), round(X.x("b"), 4)
    (-0.2222, -0.2222)
    """
    c_ = _finite("c", c_)
    base = G(
        -c_,
        -c_,
        -2.0 * (1.0 - c_),
        0.0,
        -1.0,
        -1.0,
        name=f"Lmu+Ltau-c(B1+B2)-2(1-c)B3, c={c_:g}",
        params={"c": c_},
        **kw,
    )
    if tan_eta is None:
        return base
    if np.ndim(tan_eta) != 0:
        raise ModelError(f"tan_eta must be a single number, got {tan_eta!r}")
    if base.eps:
        raise ModelError("give either eps or tan_eta, not both")
    a = float(bernal_farzan2023_mixing(c_, tan_eta))
    ch = {f: x + a * c.FERMION_CHARGE[f] for f, x in base.charges.items()}
    return replace(
        base,
        name=f"{base.name}, tan eta={float(tan_eta):g}",
        charges=ch,
        params={"c": c_, "tan_eta": float(tan_eta), "e_eps_over_g": a},
    )


def bernal_farzan2023_mixing(c_: float, tan_eta: ArrayLike) -> np.ndarray | float:
    """a = e eps / g_Z' giving eps^n/eps^p = tan eta at fixed c: eq. (11) solved, a = c (1 - 1/tan eta).

    c = 0 gives tan eta = 0 whatever eps is; any other tan eta is then impossible.
    """
    c_ = _finite("c_", c_)
    t = _as_model_error(validation.finite, "tan_eta", tan_eta)
    if np.any(~np.isfinite(t)) or np.any(t == 0):
        raise ModelError(f"tan_eta must be finite and non-zero (tan eta = 0 needs c = 0), got {tan_eta!r}")
    if c_ == 0.0:
        raise ModelError("for c = 0 the neutron charge vanishes and tan eta = 0 for every eps")
    out = c_ * (1.0 - 1.0 / t)
    return out if out.ndim else float(out)


def universal(**kw) -> VectorModel:
    """All quarks and leptons with charge 1 (anomalous without extra fermions), Table 1 of arXiv:2202.11002."""
    return VectorModel("universal", {f: 1.0 for f in FERMIONS}, anomalous=True, **kw)


def dark_photon(**kw) -> VectorModel:
    """The dark photon: x_f = e Q_f, so that the global coupling g is the mixing epsilon."""
    return VectorModel("dark photon", {f: c.e_em * c.FERMION_CHARGE[f] for f in FERMIONS}, **kw)


#: Table 1 of Atzori Corona et al. 2022 (charges u, d, e, mu, tau for quarks/leptons),
#: with the model names used in REPLICATION.md.  B_y + L_mu + L_tau takes y as a
#: parameter (default 1: only the first generation matters for CEvNS).
_TABLE1: dict[str, Callable[..., VectorModel]] = {
    "universal": universal,
    "B-L": lambda **kw: G_B(1, 1, 1, 1, name="B-L", **kw),
    "B_y+L_mu+L_tau": lambda y=1.0, **kw: G(1, -y, y - 3, 0, -1, -1, name="B_y+L_mu+L_tau", params={"y": y}, **kw),
    "B-3L_e": lambda **kw: G_B(1, 3, 0, 0, name="B-3L_e", **kw),
    "B-3L_mu": lambda **kw: G_B(1, 0, 3, 0, name="B-3L_mu", **kw),
    "B-2L_e-L_mu": lambda **kw: G_B(1, 2, 1, 0, name="B-2L_e-L_mu", **kw),
    "B-L_e-2L_mu": lambda **kw: G_B(1, 1, 2, 0, name="B-L_e-2L_mu", **kw),
    "L_e-L_mu": lambda **kw: G_B(0, -1, 1, 0, name="L_e-L_mu", **kw),
    "L_e-L_tau": lambda **kw: G_B(0, -1, 0, 1, name="L_e-L_tau", **kw),
    "L_mu-L_tau": lambda **kw: G_B(0, 0, -1, 1, name="L_mu-L_tau", **kw),
}
TABLE1_MODELS = tuple(_TABLE1)


def greljo2022_chiral(eps_over_g: float | None = None, **kw) -> VectorModel:
    """The chiral model L~_{mu-tau} of Greljo et al., eq. (5.1) of arXiv:2203.13731.

    Left-handed lepton doublets (-1, 7, -6), right-handed charged leptons (1, 6, -7) and
    right-handed neutrinos (-7, -2, 9) for (e, mu, tau); quarks neutral.  In vector and axial
    charges (x = (R + L)/2, a = (R - L)/2): the electron coupling is purely axial (a_e = 1), the
    muon has x = 13/2, a = -1/2.  ``eps_over_g`` = eps/g_X folds a kinetic mixing that scales with
    g_X into the charges (Fig. 6 uses eps = g_X/10, i.e. 0.1); without it there is no mixing.
    """
    L, E, N = (-1.0, 7.0, -6.0), (1.0, 6.0, -7.0), (-7.0, -2.0, 9.0)
    ch = dict.fromkeys(QUARKS, 0.0)
    ax = {}
    for i, (l, nu) in enumerate(zip(CHARGED_LEPTONS, NEUTRINOS)):
        ch[l], ax[l] = (E[i] + L[i]) / 2, (E[i] - L[i]) / 2
        ch[nu], ax[nu] = (N[i] + L[i]) / 2, (N[i] - L[i]) / 2
    model = VectorModel("L~_mu-L_tau (chiral)", ch, axial=ax, **kw)
    if eps_over_g is None:
        return model
    r = _finite("eps_over_g", eps_over_g) * c.e_em
    return replace(model.fold_mixing(r), name=f"L~_mu-L_tau (chiral), eps = {eps_over_g:g} g_X")


_REGISTRY: dict[str, Callable[..., Mediator]] = {
    **_TABLE1,
    "dark_photon": dark_photon,
    "farzan2015": farzan2015,
    "bernal_farzan2023": bernal_farzan2023,
    "scalar": universal_scalar,
    "greljo2022_chiral": greljo2022_chiral,
    "farzan_heeck2016_B": lambda **kw: _farzan_heeck2016("B", **kw),
    "farzan_heeck2016_B-L": lambda **kw: _farzan_heeck2016("B-L", **kw),
}


def _farzan_heeck2016(group: str, **kw) -> Mediator:
    from zprime.models.neutrinophilic import farzan_heeck2016

    return farzan_heeck2016(group, **kw)


def model_names() -> tuple[str, ...]:
    """The names :func:`get_model` knows."""
    return tuple(_REGISTRY)


def get_model_constructor(name: str) -> Callable[..., Mediator]:
    """The function behind a name of :func:`model_names` (exact name)."""
    if name not in _REGISTRY:
        raise ModelError(f"unknown model {name!r}; known: {sorted(_REGISTRY)}")
    return _REGISTRY[name]


def get_model(name: str, **params) -> Mediator:
    """A named model (case-insensitive), e.g. "B-L", "L_mu-L_tau", "B-3L_e", "farzan2015", "scalar".

    Parameters
    ----------
    name : str
        One of :func:`model_names` (an unknown name raises, listing them).
    **params
        Passed to the model's constructor (e.g. ``a`` for ``farzan2015``).

    Returns
    -------
    Mediator
        A :class:`VectorModel`, or a :class:`ScalarModel` for "scalar".

    Examples
    --------
    >>> from zprime import models
    >>> X = models.get_model("L_mu-L_tau")
    >>> X.x("mu"), X.x("tau"), X.x("e")
    (1.0, -1.0, 0.0)
    """
    if not isinstance(name, str):
        raise ModelError(f"a model name must be a string, got {type(name).__name__}")
    ctor = _REGISTRY.get(name) or {k.lower(): v for k, v in _REGISTRY.items()}.get(name.lower())
    if ctor is None:
        close = difflib.get_close_matches(str(name), _REGISTRY, n=3)
        hint = f" Did you mean {close}?" if close else ""
        raise ModelError(f"unknown model {name!r}.{hint} Known: {sorted(_REGISTRY)}")
    try:
        return ctor(**params)
    except TypeError as exc:
        raise ModelError(f"model {name!r}: {exc}") from None


def as_mediator(model: Mediator | str, argument: str = "model") -> Mediator:
    """``model`` itself if it is a :class:`Mediator` (any spin), the named model for a string; else a clear error."""
    if isinstance(model, Mediator):
        return model
    if isinstance(model, str):
        return get_model(model)
    raise ModelError(
        f"{argument} must be a model (VectorModel, ScalarModel) or a model name, got {type(model).__name__}"
    )


def as_model(model: Mediator | str, argument: str = "model") -> VectorModel:
    """``model`` itself if it is a VectorModel, the named vector model for a string; else a clear error.

    For the functions that treat a spin-1 boson only: a scalar model raises, saying so.
    """
    out = as_mediator(model, argument)
    if not isinstance(out, VectorModel):
        raise ModelError(
            f"{argument} {out.name!r} is a {out.spin} mediator; this function treats vector (spin-1) models"
        )
    return out


def atzori_corona_table1(name: str, **params) -> VectorModel:
    """One of the ten vector models of Table 1 of arXiv:2202.11002."""
    if name not in _TABLE1:
        close = difflib.get_close_matches(str(name), _TABLE1, n=3)
        raise ModelError(f"{name!r} is not in Table 1 of arXiv:2202.11002 (closest: {close})")
    return _TABLE1[name](**params)


# ---------------------------------------------------------------------------
# loop-induced kinetic mixing
# ---------------------------------------------------------------------------
def _vacuum_polarisation_J(a):
    """J(a) = int_0^1 dx x(1-x) ln|1 - a x(1-x)|, a = q^2/m^2, in closed form (any real a).

    Integrating by parts with V(x) = int_{1/2}^x t(1-t) dt turns J into the
    rational integral -2a PV int_{-1/2}^{1/2} dy (y^2/4 - y^4/3)/(c + a y^2),
    c = 1 - a/4; for a > 4 (time-like, above the pair threshold) the principal
    value gives the real part of the loop.  |a| < 1e-3 uses the series
    -a/30 - a^2/280 - a^3/1890.
    """
    a = np.asarray(a, dtype=float)
    out = -a / 30.0 - a**2 / 280.0 - a**3 / 1890.0
    big = np.abs(a) >= 1e-3
    if np.any(big):
        ab = a[big]
        cb = 1.0 - ab / 4.0
        P = -1.0 / (3.0 * ab)
        Q = (0.25 + cb / (3.0 * ab)) / ab
        R = -cb * Q
        K = np.empty_like(ab)
        sp = ab < 0  # space-like: c > |a|/4 > 0, no pole
        root = np.sqrt(np.abs(ab * cb))
        K[sp] = np.log((np.sqrt(cb[sp]) + np.sqrt(-ab[sp]) / 2) / (np.sqrt(cb[sp]) - np.sqrt(-ab[sp]) / 2)) / root[sp]
        below = (ab > 0) & (cb > 0)  # time-like below threshold
        K[below] = 2.0 * np.arctan(np.sqrt(ab[below] / cb[below]) / 2.0) / root[below]
        above = (ab > 0) & (cb <= 0)  # above threshold: principal value
        K[above] = (
            np.log(
                np.abs((np.sqrt(ab[above]) / 2 - np.sqrt(-cb[above])) / (np.sqrt(ab[above]) / 2 + np.sqrt(-cb[above])))
            )
            / root[above]
        )
        out = np.array(out, dtype=float)
        out[big] = -2.0 * ab * (P / 12.0 + Q + R * K)
    return out


def _loop_integral(m2, q2, mu2):
    """I(q^2) = int_0^1 dx x(1-x) ln|(m^2 - x(1-x) q^2)/mu^2|, vectorised over q2 (any shape)."""
    q2 = np.asarray(q2, dtype=float)
    return np.log(m2 / mu2) / 6.0 + _vacuum_polarisation_J(q2 / m2)


def _loop_integral_imag(m2, q2):
    """Im I(q^2 + i0) = -pi int x(1-x) dx over the x where m^2 < x(1-x) q^2: -pi (b/4 - b^3/12)."""
    q2 = np.asarray(q2, dtype=float)
    b2 = np.where(q2 > 4.0 * m2, 1.0 - 4.0 * m2 / np.where(q2 > 0, q2, 1.0), 0.0)
    b = np.sqrt(np.clip(b2, 0.0, None))
    return -math.pi * (b / 4.0 - b**3 / 12.0)


def loop_charge_sum(model: VectorModel) -> float:
    """sum_f N_c Q_f x_f over the charged fermions: 0 when the one-loop kinetic mixing of
    :func:`loop_kinetic_mixing` is finite, else the coefficient of its divergence (it then needs a scale)."""
    model = as_model(model)
    return float(sum(c.FERMION_COLOURS[f] * c.FERMION_CHARGE[f] * model.x(f) for f in FERMIONS if c.FERMION_CHARGE[f]))


@checks(q2="finite", g="coupling")
def loop_kinetic_mixing(
    model: VectorModel, g: ArrayLike, q2: ArrayLike = 0.0, mu: float | None = None, complex_valued: bool = False
) -> np.ndarray | float | complex:
    """One-loop Z'-photon mixing eps(q^2) induced by the charged fermions.

    eps(q^2) = (e g / 2 pi^2) sum_f N_c Q_f x_f int_0^1 dx x(1-x) ln[(m_f^2 - x(1-x) q^2)/mu^2],

    in the convention of eq. (1) of this module (x_f -> x_f + eps e Q_f / g),
    with q^2 the four-momentum squared (q^2 = -|q|^2 < 0 for scattering, q^2 = m_Z'^2
    for an on-shell decay or production).  Above a pair threshold q^2 > 4 m_f^2 the
    loop is complex: the real part (principal value) is returned, or the complex
    value with ``complex_valued=True`` (rates of on-shell production and decay go
    with its modulus).
    For L_alpha - L_beta this reproduces eqs. (3.19)-(3.20) of arXiv:2202.11002.
    If sum_f N_c Q_f x_f != 0 the result is divergent and depends on the scale
    ``mu`` (GeV) at which the mixing is assumed to vanish; then ``mu`` is required.

    Parameters
    ----------
    model : VectorModel
    g : array_like
        Gauge coupling.
    q2 : array_like
        Four-momentum squared in GeV^2 (negative for scattering); broadcasts with ``g``.
    mu : float, optional
        Renormalisation scale in GeV, required for a divergent sum (default: the model's
        ``loop_scale``).
    complex_valued : bool
        Return the complex value above pair thresholds instead of its real part.

    Returns
    -------
    ndarray, float or complex
        eps(q^2) (dimensionless), of the broadcast shape.

    Examples
    --------
    >>> from zprime import models
    >>> eps = models.loop_kinetic_mixing(models.get_model("L_mu-L_tau"), 1e-3, 0.0)
    >>> print(f"{eps:.4g}")   # e g/(12 pi^2) ln(m_tau^2/m_mu^2), eq. (3.20) of arXiv:2202.11002
    1.443e-05
    """
    model = as_model(model)
    g = _as_model_error(validation.positive, "coupling g", g)
    q2 = np.asarray(q2, dtype=float)
    if not np.all(np.isfinite(q2)):
        raise ModelError("q2 must be finite (GeV^2)")
    charged = [f for f in FERMIONS if c.FERMION_CHARGE[f] != 0.0]
    coef = {f: c.FERMION_COLOURS[f] * c.FERMION_CHARGE[f] * model.x(f) for f in charged}
    total = loop_charge_sum(model)
    if mu is None:
        mu = model.loop_scale
    if mu is None:
        if abs(total) > 1e-12:
            raise ModelError(
                f"model {model.name!r}: sum N_c Q_f x_f = {total:g} != 0, the loop mixing is "
                "UV divergent; give the scale mu (GeV) where it vanishes (the model's loop_scale)"
            )
        mu = 1.0  # drops out
    elif not (mu > 0 and math.isfinite(mu)):
        raise ModelError("mu must be a positive, finite scale in GeV")
    acc = np.zeros(q2.shape, dtype=complex if complex_valued else float)
    for f, k in coef.items():
        if k != 0.0:
            m2 = c.FERMION_MASS[f] ** 2
            acc = acc + k * _loop_integral(m2, q2, mu * mu)
            if complex_valued:
                acc = acc + 1j * k * _loop_integral_imag(m2, q2)
    out = c.e_em * g / (2.0 * math.pi**2) * acc
    return out if np.ndim(out) else out.item()
