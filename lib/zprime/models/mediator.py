"""Any light mediator: the common model type, its dark sector, the scalar case, models as data.

A :class:`Mediator` is a new light boson coupled to the Standard-Model fermions
(u d s c b t e mu tau nu_e nu_mu nu_tau) with one overall coupling g:

* spin 1 (:class:`zprime.models.VectorModel`)::

      L = g Z'_mu sum_f fbar gamma^mu (x_f + a_f gamma_5) f  + tree-level kinetic mixing eps,

  vector couplings x_f, axial couplings a_f; a fermion's left- and right-handed components
  carry x_f - a_f and x_f + a_f (P_R,L = (1 +- gamma_5)/2).  A neutrino is left-handed, so
  scattering sees x_nu - a_nu; a right-handed partner (``nu_R``) carries x_nu + a_nu;
* spin 0, CP-even (:class:`ScalarModel`)::

      L = g phi sum_f y_f fbar f,

  Yukawa couplings y_f.  A neutrino Yukawa joins nu_L and nu_R, so it needs ``nu_R``
  (arXiv:2202.11002 sect. 3.2).

Either may have a dark sector (:class:`DarkSector`): a Dirac fermion chi of mass m_chi
coupled with g x_chi (a charge) or with a fixed g_chi, or simply a fixed invisible
branching ratio.

Models are data: :meth:`Mediator.from_toml` reads a file with exactly the keys of
:data:`TOML_KEYS` (omitted fermions have coupling 0), :meth:`Mediator.to_toml` writes one,
and :meth:`Mediator.definition` gives the same content as a dict (echoed in every JSON
bound set).  A vector model may also carry ``loop_scale``, the scale (GeV) at which its
kinetic mixing vanishes, needed only for the one-loop mixing of a divergent charge sum.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from zprime.errors import ZprimeError

__all__ = [
    "QUARKS",
    "CHARGED_LEPTONS",
    "NEUTRINOS",
    "FERMIONS",
    "SPINS",
    "TOML_KEYS",
    "DarkSector",
    "Mediator",
    "ScalarModel",
    "ModelError",
]

#: Fermion names, in the order used by :meth:`VectorModel.charge_vector`.
QUARKS = ("u", "d", "c", "s", "t", "b")
CHARGED_LEPTONS = ("e", "mu", "tau")
NEUTRINOS = ("nu_e", "nu_mu", "nu_tau")
FERMIONS = QUARKS + CHARGED_LEPTONS + NEUTRINOS
SPINS = ("vector", "scalar")

#: The keys of a model file: top level, and the allowed keys of each table.
TOML_KEYS = {
    "": ("name", "spin", "eps", "nu_R", "vector", "axial", "scalar", "dark", "loop_scale"),
    "dark": ("m_chi", "x_chi", "g_chi", "br_invisible"),
}


class ModelError(ZprimeError, ValueError):
    """A model that cannot be built: unknown name, malformed or non-finite charges."""


def _real(name: str, value: object) -> float:
    """A finite real number (bools refused), else a ModelError naming ``name``."""
    if isinstance(value, bool):
        raise ModelError(f"{name} must be a real number, got {value!r}")
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ModelError(f"{name} must be a real number, got {value!r}") from None
    if not math.isfinite(v):
        raise ModelError(f"{name} must be finite, got {v}")
    return v


def _couplings_table(kind: str, values: object, *, fill: bool = True) -> dict[str, float]:
    """Validate a {fermion: coupling} mapping of ``kind`` ("vector", "axial", "scalar").

    Unknown fermion names and non-finite values raise, naming them; with ``fill`` every
    fermion of :data:`FERMIONS` is present (omitted ones 0).
    """
    if not isinstance(values, Mapping):
        raise ModelError(f"{kind} couplings must be a mapping {{fermion: value}}, got {type(values).__name__}")
    unknown = sorted(set(values) - set(FERMIONS))
    if unknown:
        raise ModelError(f"{kind} couplings: unknown fermion name(s) {unknown}; known: {FERMIONS}")
    out = {f: _real(f"{kind} coupling of {f}", v) for f, v in values.items()}
    return {f: out.get(f, 0.0) for f in FERMIONS} if fill else out


@dataclass(frozen=True)
class DarkSector:
    """A dark Dirac fermion chi, or a fixed invisible branching ratio.

    Exactly one of ``x_chi`` (chi couples with g x_chi, like a charge), ``g_chi`` (a fixed
    coupling, independent of g) or ``br_invisible`` (BR(boson -> invisible dark states),
    fixed, 0 <= BR < 1) is given.  ``m_chi`` (GeV, > 0) is required with ``x_chi`` or ``g_chi``
    and optional with ``br_invisible``.

    Examples
    --------
    >>> from zprime.models import DarkSector
    >>> DarkSector(m_chi=1e-3, x_chi=1.0).coupling(1e-4)
    0.0001
    """

    m_chi: float | None = None
    x_chi: float | None = None
    g_chi: float | None = None
    br_invisible: float | None = None

    def __post_init__(self):
        given = [k for k in ("x_chi", "g_chi", "br_invisible") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ModelError(f"dark sector: give exactly one of x_chi, g_chi or br_invisible, got {given or 'none'}")
        for k in ("m_chi", "x_chi", "g_chi", "br_invisible"):
            v = getattr(self, k)
            if v is not None:
                object.__setattr__(self, k, _real(f"dark sector {k}", v))
        if self.m_chi is not None and self.m_chi <= 0:
            raise ModelError(f"dark sector m_chi must be positive (GeV), got {self.m_chi}")
        if self.m_chi is None and self.br_invisible is None:
            raise ModelError("dark sector: m_chi (GeV) is required with x_chi or g_chi")
        if self.g_chi is not None and self.g_chi < 0:
            raise ModelError(f"dark sector g_chi must be >= 0, got {self.g_chi}")
        if self.br_invisible is not None and not 0.0 <= self.br_invisible < 1.0:
            raise ModelError(f"dark sector br_invisible must lie in [0, 1), got {self.br_invisible}")

    @property
    def scales_with_g(self) -> bool:
        """Whether the dark width scales as g^2 like every SM width (x_chi or br_invisible)."""
        return self.g_chi is None

    def coupling(self, g: float) -> float:
        """The chi coupling at boson coupling g (>= 0): g x_chi or g_chi (not for br_invisible)."""
        g = _real("coupling g", g)
        if g < 0:
            raise ModelError(f"coupling g must be >= 0, got {g}")
        if self.br_invisible is not None:
            raise ModelError("a fixed invisible branching ratio has no chi coupling")
        return g * self.x_chi if self.x_chi is not None else float(self.g_chi)  # type: ignore[arg-type]

    def at_coupling(self, g: float) -> DarkSector:
        """The same physics at boson coupling g > 0 with the chi coupling as a charge (g_chi -> x_chi = g_chi/g)."""
        g = _real("coupling g", g)
        if not g > 0:
            raise ModelError(f"at_coupling needs a coupling g > 0, got {g}")
        if self.g_chi is None:
            return self
        return DarkSector(m_chi=self.m_chi, x_chi=self.g_chi / g)

    def definition(self) -> dict[str, float]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def _as_dark(dark: object) -> DarkSector | None:
    """None, a DarkSector, or a mapping with the keys of :data:`TOML_KEYS` ["dark"]."""
    if dark is None or isinstance(dark, DarkSector):
        return dark
    if isinstance(dark, Mapping):
        unknown = sorted(set(dark) - set(TOML_KEYS["dark"]))
        if unknown:
            raise ModelError(f"dark sector: unknown key(s) {unknown}; allowed: {TOML_KEYS['dark']}")
        return DarkSector(**dark)
    raise ModelError(f"dark must be a DarkSector or a mapping, got {type(dark).__name__}")


class Mediator:
    """A light mediator of any spin: the type every model of the library is an instance of.

    Its two cases are :class:`zprime.models.VectorModel` (spin 1: vector and axial
    couplings, kinetic mixing) and :class:`ScalarModel` (spin 0: Yukawa couplings).  Every
    case has ``name``, ``spin``, ``nu_R``, ``dark`` (a :class:`DarkSector` or None) and
    ``params``, and the methods below.
    """

    spin: str = ""
    name: str
    nu_R: bool
    dark: DarkSector | None
    params: Mapping[str, float]

    # -- what every case provides ------------------------------------------------------------
    def couplings(self) -> dict[str, dict[str, float]]:
        """{"vector": {...}, "axial": {...}} or {"scalar": {...}}: every fermion's coupling."""
        raise NotImplementedError

    def couples_to(self, f: str) -> bool:
        """Whether fermion ``f`` has any non-zero tree-level coupling (kinetic mixing aside)."""
        if f not in FERMIONS:
            raise ModelError(f"unknown fermion {f!r}; known: {FERMIONS}")
        return any(table.get(f, 0.0) != 0.0 for table in self.couplings().values())

    @property
    def scales_with_g(self) -> bool:
        """Whether every rate of the model goes as g^2 at fixed mass (then a rate at g = 1 scales)."""
        raise NotImplementedError

    def at_coupling(self, g: float) -> Mediator:
        """The same physics at coupling g > 0 written with couplings that all scale with g."""
        raise NotImplementedError

    @property
    def psi_mixing(self) -> bool:
        """Whether neutrinos also couple through their mixing with a charged fermion Psi, with couplings
        that do not scale with g (:class:`zprime.models.NeutrinophilicModel`)."""
        return False

    @property
    def has_axial(self) -> bool:
        return any(v != 0.0 for v in self.couplings().get("axial", {}).values())

    def key(self) -> tuple:
        """A hashable identity of the physics (for caches)."""
        tables = tuple((k, tuple(v[f] for f in FERMIONS)) for k, v in self.couplings().items())
        dark = None if self.dark is None else tuple(sorted(self.dark.definition().items()))
        scale = getattr(self, "loop_scale", None)
        return (self.spin, self.name, tables, float(getattr(self, "eps", 0.0)), bool(self.nu_R), dark, scale)

    def definition(self) -> dict:
        """The model as plain data, with the keys of a model file (non-zero couplings only)."""
        out: dict = {"name": self.name, "spin": self.spin}
        if self.spin == "vector":
            out["eps"] = float(getattr(self, "eps", 0.0))
            if getattr(self, "loop_scale", None) is not None:
                out["loop_scale"] = float(self.loop_scale)  # type: ignore[attr-defined]
        out["nu_R"] = bool(self.nu_R)
        for kind, table in self.couplings().items():
            nonzero = {f: float(v) for f, v in table.items() if v != 0.0}
            if nonzero or kind != "axial":
                out[kind] = nonzero
        if self.dark is not None:
            out["dark"] = self.dark.definition()
        return out

    def to_toml(self) -> str:
        """The model file of :meth:`from_toml` (floats written with repr: the round trip is exact)."""

        def val(v):
            if isinstance(v, bool):
                return "true" if v else "false"
            if isinstance(v, str):
                return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return repr(float(v))

        d = self.definition()
        lines = [f"{k} = {val(v)}" for k, v in d.items() if not isinstance(v, dict)]
        for k, v in d.items():
            if isinstance(v, dict):
                lines.append(f"\n[{k}]")
                lines += [f"{kk} = {val(vv)}" for kk, vv in v.items()]
        return "\n".join(lines) + "\n"

    # -- models as data ----------------------------------------------------------------------
    @staticmethod
    def from_dict(d: Mapping) -> Mediator:
        """A model from the content of a model file (see :data:`TOML_KEYS` and the module doc).

        Raises
        ------
        ModelError
            Unknown or misplaced keys, an unknown spin, non-finite or malformed couplings.
        """
        from zprime.models.vector import VectorModel

        if not isinstance(d, Mapping):
            raise ModelError(f"a model definition must be a mapping, got {type(d).__name__}")
        unknown = sorted(set(d) - set(TOML_KEYS[""]))
        if unknown:
            raise ModelError(f"model file: unknown key(s) {unknown}; allowed: {TOML_KEYS['']}")
        name = d.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ModelError("model file: 'name' must be a non-empty string")
        spin = d.get("spin", "vector")
        if spin not in SPINS:
            raise ModelError(f"model file: spin must be one of {SPINS}, got {spin!r}")
        nu_R = d.get("nu_R", True)
        if not isinstance(nu_R, bool):
            raise ModelError(f"model file: nu_R must be true or false, got {nu_R!r}")
        dark = _as_dark(d.get("dark"))
        if spin == "vector":
            if d.get("scalar"):
                raise ModelError('model file: a [scalar] table needs spin = "scalar"')
            return VectorModel(
                name,
                _couplings_table("vector", d.get("vector", {})),
                eps=_real("eps", d.get("eps", 0.0)),
                nu_R=nu_R,
                axial=_couplings_table("axial", d.get("axial", {}), fill=False),
                dark=dark,
                loop_scale=None if d.get("loop_scale") is None else _real("loop_scale", d["loop_scale"]),
            )
        for k in ("vector", "axial"):
            if d.get(k):
                raise ModelError(f'model file: a [{k}] table needs spin = "vector"')
        if _real("eps", d.get("eps", 0.0)) != 0.0 or "loop_scale" in d:
            raise ModelError('model file: eps and loop_scale (kinetic mixing) are for spin = "vector" only')
        return ScalarModel(name, _couplings_table("scalar", d.get("scalar", {})), nu_R=nu_R, dark=dark)

    @staticmethod
    def from_toml(source: str | Path) -> Mediator:
        """A model from a TOML file (a path) or TOML text (a string containing a newline or '=').

        Examples
        --------
        >>> from zprime.models import Mediator
        >>> X = Mediator.from_toml('name = "my B-L"\\n[vector]\\nu = 0.3333333333\\nd = 0.3333333333\\ne = -1')
        >>> X.spin, X.x("d"), X.x("c")
        ('vector', 0.3333333333, 0.0)
        """
        if isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and "=" not in source):
            path = Path(source)
            if not path.is_file():
                raise ModelError(f"model file {str(path)!r} not found")
            text = path.read_text()
        elif isinstance(source, str):
            text = source
        else:
            raise ModelError(f"from_toml takes a path or TOML text, got {type(source).__name__}")
        try:
            d = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ModelError(f"model file: not valid TOML ({exc})") from None
        return Mediator.from_dict(d)


@dataclass(frozen=True)
class ScalarModel(Mediator):
    """A CP-even scalar phi coupled as g phi sum_f y_f fbar f (see the module doc).

    Parameters
    ----------
    name : str
        Label used in plots and tables.
    yukawas : mapping
        y_f for names of :data:`FERMIONS` (omitted: 0); finite.
    nu_R : bool
        Right-handed neutrinos exist (required for a neutrino Yukawa).
    dark : DarkSector, optional
        chi couples as g x_chi phi chibar chi (or g_chi), or a fixed invisible branching ratio.

    Examples
    --------
    >>> from zprime.models import ScalarModel
    >>> S = ScalarModel("muon-philic", {"mu": 1.0})
    >>> S.spin, S.y("mu"), S.y("e")
    ('scalar', 1.0, 0.0)
    """

    name: str
    yukawas: Mapping[str, float]
    nu_R: bool = True
    dark: DarkSector | None = None
    params: Mapping[str, float] = field(default_factory=dict)

    spin = "scalar"

    def __post_init__(self):
        if not isinstance(self.name, str):
            raise ModelError(f"name must be a string, got {self.name!r}")
        object.__setattr__(self, "yukawas", _couplings_table("scalar", self.yukawas))
        if not isinstance(self.nu_R, bool):
            raise ModelError(f"nu_R must be True or False, got {self.nu_R!r}")
        object.__setattr__(self, "dark", _as_dark(self.dark))
        if not self.nu_R and any(self.yukawas[n] != 0.0 for n in NEUTRINOS):
            raise ModelError(
                f"model {self.name!r}: a neutrino Yukawa phi nubar nu joins nu_L and nu_R; it needs nu_R=True "
                "(arXiv:2202.11002 sect. 3.2)"
            )
        if not any(self.yukawas.values()) and self.dark is None:
            raise ModelError(f"model {self.name!r}: every Yukawa coupling is zero")

    def y(self, f: str) -> float:
        """Yukawa coupling y_f (the coupling to f is g y_f)."""
        try:
            return self.yukawas[f]
        except KeyError:
            raise ModelError(f"unknown fermion {f!r}; known: {FERMIONS}") from None

    def couplings(self) -> dict[str, dict[str, float]]:
        return {"scalar": dict(self.yukawas)}

    def with_dark(self, dark: DarkSector | Mapping | None) -> ScalarModel:
        """The same couplings with a dark sector."""
        return replace(self, dark=_as_dark(dark))

    @property
    def scales_with_g(self) -> bool:
        """Whether every rate goes as g^2 at fixed mass (not with a fixed g_chi)."""
        return self.dark is None or self.dark.scales_with_g

    def at_coupling(self, g: float) -> ScalarModel:
        """The same physics at coupling g > 0 with a fixed g_chi written as x_chi = g_chi/g."""
        g = _real("coupling g", g)
        if not g > 0:
            raise ModelError(f"at_coupling needs a coupling g > 0, got {g}")
        if self.dark is None or self.dark.scales_with_g:
            return self
        return replace(self, dark=self.dark.at_coupling(g))


def universal_scalar(**kw) -> ScalarModel:
    """The universal scalar of Atzori Corona et al. (arXiv:2202.11002 sect. 3.2): y_f = 1 for every fermion.

    With y_u = y_d and y_nu_e = y_nu_mu (eq. (3.28)), g is the g~_phi of eq. (3.33) in CEvNS
    (for sigma_piN/m_ud at its reference value (3.31)), and the muon coupling of its Fig. 8d.
    """
    return ScalarModel("scalar", dict.fromkeys(FERMIONS, 1.0), **kw)
