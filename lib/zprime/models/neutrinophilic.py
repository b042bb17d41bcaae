"""The neutrinophilic U(1)_B and U(1)_{B-L} of Farzan and Heeck (arXiv:1607.07616 sect. 2).

The Z' couples to baryon number (quarks g/3) and, for U(1)_{B-L}, to lepton number with g_l = -g;
for U(1)_B, g_l = 0.  A Dirac fermion Psi of charge g_Psi and mass M_Psi mixes with the neutrinos
(kappa_alpha, eq. (8)), so that in the mass basis the light neutrinos couple as (eq. (10))

    Z'_mu  sum_ab  (g_l delta_ab + g_Psi kappa_a^* kappa_b)  nubar_a gamma^mu P_L nu_b          (10)

(terms of order g_Psi kappa^4 neglected).  The g_Psi kappa_a kappa_b part does not scale with g
and is off-diagonal in flavour whenever two kappa's are non-zero; it is what gives the NSI
eps_ab of eq. (11).  :class:`NeutrinophilicModel` is a :class:`~zprime.models.VectorModel` whose
charges are the part that scales with g (quarks 1/3, every lepton g_l/g), carrying the Psi sector
(g_Psi, M_Psi, |kappa_alpha|^2, the charged scalar H'^- of mass M_H) beside it.  The
constraints that read the Psi sector say so (``psi_mixing``); the others give a reason
(:meth:`zprime.constraints.Constraint.support_reason`).  Its bounds are in
:mod:`zprime.constraints.neutrinophilic`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from zprime.models.mediator import CHARGED_LEPTONS, FERMIONS, NEUTRINOS, QUARKS, ModelError, _real
from zprime.models.vector import VectorModel

__all__ = ["GROUPS", "KAPPA2_UNITARITY", "NeutrinophilicModel", "farzan_heeck2016", "kappa2_at_unitarity"]

#: Lepton charge per unit g (g_l/g) of each group (sect. 2.1 of arXiv:1607.07616).
GROUPS = {"B": 0.0, "B-L": -1.0}
#: 2 sigma bounds on |kappa_alpha|^2 from the non-unitarity of the PMNS matrix, eq. (13) of
#: arXiv:1607.07616 (quoted there from Fernandez-Martinez et al., JHEP 08 (2016) 033, arXiv:1605.08774).
KAPPA2_UNITARITY = {"e": 2.5e-3, "mu": 4.4e-4, "tau": 5.6e-3}


def _pair(flavours: object) -> tuple[str, str]:
    """Check an NSI entry (a, b) of flavours; the entry as a tuple of two flavour names."""
    if not (isinstance(flavours, (tuple, list)) and len(flavours) == 2 and all(f in CHARGED_LEPTONS for f in flavours)):
        raise ModelError(f"flavours must be a pair of {CHARGED_LEPTONS}, got {flavours!r}")
    return (str(flavours[0]), str(flavours[1]))


def _entry(group: object, flavours: object) -> tuple[str, str]:
    """Check a group and an NSI entry of flavours (:func:`_pair`)."""
    if group not in GROUPS:
        raise ModelError(f"group must be one of {sorted(GROUPS)}, got {group!r}")
    return _pair(flavours)


def kappa2_at_unitarity(flavours: tuple[str, str]) -> tuple[float, float, float]:
    """|kappa_alpha|^2 (e, mu, tau) at the unitarity bound (13) for the flavours of the entry, 0 for the third."""
    fl = _pair(flavours)
    return tuple(KAPPA2_UNITARITY[f] if f in fl else 0.0 for f in CHARGED_LEPTONS)  # type: ignore[return-value]


@dataclass(frozen=True)
class NeutrinophilicModel(VectorModel):
    """U(1)_B or U(1)_{B-L} with neutrinos coupled through their mixing with Psi (module doc).

    Build it with :func:`farzan_heeck2016`.  Beyond the fields of :class:`VectorModel` (whose
    charges are the part that scales with g):

    Attributes
    ----------
    group : {"B", "B-L"}
    flavours : (a, b)
        The NSI entry eps_ab the model is drawn for (Figs. 5 and 6); a = b for a diagonal entry.
    g_psi : float
        The gauge coupling of Psi (its U(1)' charge times g), non-zero.
    M_psi, M_H : float
        Masses of Psi and of the charged scalar H'^- of eq. (6), GeV.
    kappa2 : (3,) tuple of float
        |kappa_e|^2, |kappa_mu|^2, |kappa_tau|^2 (eq. (8)), each in [0, its unitarity bound (13)].
    """

    group: str = "B"
    flavours: tuple[str, str] = ("mu", "tau")
    g_psi: float = 0.1
    M_psi: float = 1.0
    M_H: float = 400.0
    kappa2: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def __post_init__(self):
        super().__post_init__()
        if not isinstance(self.flavours, tuple):
            raise ModelError(f"flavours must be a pair of {CHARGED_LEPTONS}, got {self.flavours!r}")
        fl = _entry(self.group, self.flavours)
        g_psi = _real("g_psi", self.g_psi)
        if g_psi == 0.0:
            raise ModelError("g_psi must be non-zero (without it the neutrinos see no Psi)")
        for k in ("M_psi", "M_H"):
            v = _real(k, getattr(self, k))
            if not v > 0:
                raise ModelError(f"{k} must be a positive mass (GeV), got {v}")
            object.__setattr__(self, k, v)
        object.__setattr__(self, "g_psi", g_psi)
        try:
            k2 = tuple(_real(f"kappa2[{i}]", v) for i, v in enumerate(self.kappa2))
        except TypeError:
            raise ModelError(
                f"kappa2 must be three numbers (|kappa_e|^2, |kappa_mu|^2, |kappa_tau|^2), got {self.kappa2!r}"
            ) from None
        if len(k2) != 3:
            raise ModelError(f"kappa2 must be three numbers (|kappa_e|^2, |kappa_mu|^2, |kappa_tau|^2), got {k2}")
        for f, v in zip(CHARGED_LEPTONS, k2):
            if not 0.0 <= v <= KAPPA2_UNITARITY[f]:
                raise ModelError(
                    f"|kappa_{f}|^2 must lie in [0, {KAPPA2_UNITARITY[f]:g}] (unitarity, eq. (13) of "
                    f"arXiv:1607.07616), got {v:g}"
                )
        object.__setattr__(self, "kappa2", k2)
        if any(k2[CHARGED_LEPTONS.index(f)] == 0.0 for f in fl):
            raise ModelError(f"kappa2 must be non-zero for the flavours {fl} of the entry eps_ab")
        want = _charges(self.group)
        if any(self.charges[f] != want[f] for f in FERMIONS) or self.eps != 0.0 or self.has_axial or self.dark:
            raise ModelError(
                "a neutrinophilic model has the charges of its group, no eps, axial charges or dark sector"
            )

    @property
    def psi_mixing(self) -> bool:
        return True

    @property
    def g_l(self) -> float:
        """Lepton charge per unit g (0 for U(1)_B, -1 for U(1)_{B-L})."""
        return GROUPS[self.group]

    @property
    def kappa(self) -> np.ndarray:
        """|kappa_alpha| (e, mu, tau), shape (3,) (phases play no role in the rates used here)."""
        return np.sqrt(np.array(self.kappa2))

    def neutrino_couplings(self, g: float) -> np.ndarray:
        """The light neutrinos' Z' couplings of eq. (10) at g: g g_l delta_ab + g_Psi |kappa_a kappa_b|, (3, 3)."""
        g = _real("coupling g", g)
        k = self.kappa
        return g * self.g_l * np.eye(3) + self.g_psi * np.outer(k, k)

    @property
    def scales_with_g(self) -> bool:
        """False: g_Psi kappa_a kappa_b does not scale with g."""
        return False

    def at_coupling(self, g: float) -> VectorModel:
        """The same couplings at g > 0 as a plain VectorModel: nu_alpha charge g_l + g_Psi |kappa_alpha|^2/g.

        Exact only when one kappa is non-zero (a = b): otherwise eq. (10) has off-diagonal neutrino
        couplings, which a VectorModel cannot carry, and this raises.
        """
        g = _real("coupling g", g)
        if not g > 0:
            raise ModelError(f"at_coupling needs a coupling g > 0, got {g}")
        if sum(v != 0.0 for v in self.kappa2) > 1:
            raise ModelError(
                f"model {self.name!r}: two non-zero kappa's give off-diagonal neutrino couplings "
                "g_Psi kappa_a kappa_b (eq. (10) of arXiv:1607.07616), which a VectorModel cannot carry"
            )
        ch = dict(self.charges)
        for n, k2 in zip(NEUTRINOS, self.kappa2):
            ch[n] = self.g_l + self.g_psi * k2 / g
        return VectorModel(f"{self.name} at g = {g:.4g}", ch, nu_R=False, anomalous=True)

    def key(self) -> tuple:
        return super().key() + (self.group, self.flavours, self.g_psi, self.M_psi, self.M_H, self.kappa2)

    def definition(self) -> dict:
        out = super().definition()
        out["farzan_heeck2016"] = {
            "group": self.group,
            "flavours": list(self.flavours),
            "g_psi": self.g_psi,
            "M_psi": self.M_psi,
            "M_H": self.M_H,
            "kappa2": list(self.kappa2),
        }
        return out

    def to_toml(self) -> str:
        raise ModelError(
            f"model {self.name!r}: its neutrino couplings g_Psi kappa_a kappa_b do not fit a model file "
            "(they do not scale with g and are off-diagonal); build it with zprime.models.farzan_heeck2016(...)"
        )


def _charges(group: str) -> dict[str, float]:
    x_l = GROUPS[group]
    return {f: (1 / 3 if f in QUARKS else x_l) for f in FERMIONS}


def farzan_heeck2016(
    group: str = "B",
    flavours: tuple[str, str] = ("mu", "tau"),
    *,
    g_psi: float = 0.1,
    M_psi: float = 1.0,
    M_H: float = 400.0,
    kappa2: tuple[float, float, float] | None = None,
) -> NeutrinophilicModel:
    """The neutrinophilic model of Farzan and Heeck (arXiv:1607.07616) for the NSI entry eps_ab.

    Parameters
    ----------
    group : {"B", "B-L"}
        The gauged symmetry (quarks 1/3; leptons 0 or -1 per unit g).
    flavours : (a, b)
        The entry of Figs. 5-6: ("e", "e"), ("tau", "tau"), ("e", "tau"), ("mu", "tau"), ...
    g_psi : float
        Psi's gauge coupling (the paper's benchmark 0.1, the normalisation of eq. (9)).
    M_psi, M_H : float
        GeV: Psi (benchmark 1 GeV, eq. (12)) and the charged scalar of eqs. (21)-(22) (400 GeV).
    kappa2 : (3,) floats, optional
        |kappa_alpha|^2 (e, mu, tau); default: at the unitarity bound (13) for the flavours a, b,
        0 for the third, as in Figs. 5 and 6.

    Examples
    --------
    >>> from zprime import models
    >>> X = models.farzan_heeck2016("B-L", ("mu", "tau"))
    >>> X.x("u"), X.x("mu"), X.kappa2
    (0.3333333333333333, -1.0, (0.0, 0.00044, 0.0056))
    """
    fl = _entry(group, flavours)
    g_psi = _real("g_psi", g_psi)
    if kappa2 is None:
        kappa2 = kappa2_at_unitarity(fl)
    name = f"U(1)_{group} + nu-Psi mixing ({fl[0]} {fl[1]})"
    return NeutrinophilicModel(
        name,
        _charges(group),
        nu_R=False,
        anomalous=group == "B",
        params={"g_psi": g_psi},
        group=group,
        flavours=fl,
        g_psi=g_psi,
        M_psi=M_psi,
        M_H=M_H,
        kappa2=tuple(kappa2),  # type: ignore[arg-type]
    )
