"""Anomaly-free, quark-flavour-universal, vector-like U(1)_X models (Greljo et al. 2022, sect. 2).

Field content: the SM plus three right-handed neutrinos N_j, with a Higgs that is
neutral under U(1)_X (arXiv:2203.13731, sect. 2.2).  Every quark field carries one
charge q, the lepton doublet and singlet of flavour alpha one charge c_alpha
(vector-like), and N_j free charges n_j.  In the notation of Table 1,

    x_f = c_B B + c_e L_e + c_mu L_mu + c_tau L_tau,     c_B = 3 q,            (1)

(B = 1/3 per quark).  Eq. (4.3) of the paper writes the same family with the
opposite sign of the lepton coefficients; Table 1 and the text around it
("3B - 6L_e - 3L_tau + N(L_mu - L_tau)") use eq. (1), and so does this module.

Anomaly cancellation (left-handed Weyl fields; eq. (2.3) and the Diophantine
conditions below it):

    SU(2)^2 X and Y^2 X:  9 q + c_e + c_mu + c_tau = 0
    grav^2 X:             c_e + c_mu + c_tau = n_1 + n_2 + n_3
    X^3:                  c_e^3 + c_mu^3 + c_tau^3 = n_1^3 + n_2^3 + n_3^3

SU(3)^2 X and Y X^2 vanish identically for vector-like charges.

The two-dimensional model space (an overall factor goes into g_X) is
parametrised by eq. (4.4),

    x_f  propto  sin(alpha) (L_e - L_mu) + cos(alpha) (B/3 - L_mu) + R (L_mu - L_tau),

i.e. c_e = k sin(alpha), 3 c_B = k cos(alpha), c_tau = -k R, c_mu = -c_e - 3 c_B - c_tau,
with R >= 0 (R -> -R is alpha -> alpha + pi) and R -> infinity the L_mu - L_tau model.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations, product

import numpy as np
from numpy.typing import ArrayLike

from zprime import validation
from zprime.models import ModelError, VectorModel
from zprime.types import Real
from zprime.validation import InputError, checks

__all__ = [
    "Assignment",
    "enumerate_assignments",
    "count_models",
    "sm_classes",
    "model",
    "canonical_sign",
    "alpha_R",
    "coefficients_from_alpha_R",
    "L_MU_TAU",
    "CHIRAL_LMT",
]


@dataclass(frozen=True)
class Assignment:
    """One integer charge assignment: quark charge q, lepton charges c = (c_e, c_mu, c_tau), N charges n."""

    q: int
    c: tuple[int, int, int]
    n: tuple[int, int, int]

    @property
    def c_B(self) -> int:
        """Baryon-number coefficient c_B = 3 q of eq. (1)."""
        return 3 * self.q

    def anomalies(self) -> tuple[int, int, int]:
        """(9q + sum c, sum c - sum n, sum c^3 - sum n^3); all zero for an anomaly-free assignment."""
        return (
            9 * self.q + sum(self.c),
            sum(self.c) - sum(self.n),
            sum(v**3 for v in self.c) - sum(v**3 for v in self.n),
        )


def canonical_sign(t: tuple[int, ...]) -> tuple[int, ...]:
    """Representative of {t, -t}: the first non-zero entry positive."""
    if isinstance(t, (str, bytes)) or not isinstance(t, (tuple, list)):
        raise validation.InputTypeError(f"t must be a tuple of charges, got {t!r}")
    t = tuple(t)
    validation.finite("t", t)
    for v in t:
        if v:
            return t if v > 0 else tuple(-x for x in t)
    return t


@checks(x_max="count")
@lru_cache(maxsize=4)
def enumerate_assignments(x_max: int = 10) -> tuple[Assignment, ...]:
    """All anomaly-free vector-like assignments with integer charges |q|, |c|, |n| <= x_max.

    Primitive (gcd of all seven charges 1: an overall factor goes into g_X), one of
    X and -X, the N charges as a multiset (their labels are arbitrary), the lepton
    flavours e, mu, tau kept distinct.  The all-zero assignment is excluded.
    """
    if not (isinstance(x_max, (int, np.integer)) and x_max >= 1):
        raise InputError(f"x_max must be a positive integer, got {x_max!r}")
    r = range(-x_max, x_max + 1)
    by_sums: dict[tuple[int, int], list[tuple[int, ...]]] = {}
    for n in product(r, repeat=3):
        if n[0] <= n[1] <= n[2]:
            by_sums.setdefault((sum(n), sum(v**3 for v in n)), []).append(n)
    seen: set[tuple[int, ...]] = set()
    for c in product(r, repeat=3):
        s1 = sum(c)
        if s1 % 9:
            continue
        q = -s1 // 9
        for n in by_sums.get((s1, sum(v**3 for v in c)), ()):
            t = (q, *c, *n)
            if not any(t) or math.gcd(*t) != 1:
                continue
            neg = (-q, *(-v for v in c), *sorted(-v for v in n))
            seen.add(max(t, neg))
    return tuple(Assignment(t[0], (t[1], t[2], t[3]), (t[4], t[5], t[6])) for t in sorted(seen))


def sm_classes(assignments: Iterable[Assignment] | None = None) -> list[tuple[int, ...]]:
    """The phenomenologically distinct models: SM charges (c_B, c_e, c_mu, c_tau) up to scale and sign.

    Heavy N_j do not enter low-energy physics, so assignments that differ only in
    the n_j are one model; the SM charge vector is divided by its own gcd.  The
    SM-neutral class (U(1)_X acting on the N_j only: a pure dark photon) is (0, 0, 0, 0).
    """
    out: set[tuple[int, ...]] = set()
    for a in enumerate_assignments() if assignments is None else assignments:
        v = (a.c_B, *a.c)
        gcd = math.gcd(a.q, *a.c)
        out.add(canonical_sign(tuple(x // gcd for x in v)) if gcd else v)
    return sorted(out)


@validation.checks(x_max="count")
def count_models(x_max: int = 10) -> dict[str, int]:
    """The counts behind the paper's 255 and 419 (see the notebook for the rule)."""
    full = enumerate_assignments(x_max)
    # one representative of each orbit under X -> -X and permutations of (e, mu, tau)
    no_perm_sign = set()
    for a in full:
        cands = []
        for s in (1, -1):
            for p in _perms(a.c):
                cands.append((s * a.q, *(s * v for v in p), *sorted(s * v for v in a.n)))
        no_perm_sign.add(max(cands))
    classes = sm_classes(full)
    return {
        "assignments (flavours distinct)": len(full),
        "assignments up to lepton-flavour permutations": len(no_perm_sign),
        "SM-charge classes (phenomenologically distinct)": len(classes),
        "SM-charge classes coupling to SM fermions": sum(1 for v in classes if any(v)),
    }


def _perms(c):
    return set(permutations(c))


def model(
    c_B: ArrayLike, c_e: ArrayLike, c_mu: ArrayLike, c_tau: ArrayLike, *, name: str | None = None, check: bool = True
) -> VectorModel:
    """VectorModel of eq. (1) of arXiv:2203.13731: quarks c_B/3, lepton and neutrino of flavour alpha c_alpha.

    The N_j are taken heavy (``nu_R=False``: no light right-handed neutrinos in decays).

    Parameters
    ----------
    c_B, c_e, c_mu, c_tau : float
        The charges of baryon number and of the three lepton flavours.
    name : str, optional
        Label (default built from the charges, e.g. ``"3B-6L_e+4L_mu-7L_tau"``).
    check : bool
        Require the SM anomaly condition 3 c_B + c_e + c_mu + c_tau = 0 (a ModelError otherwise).

    Returns
    -------
    VectorModel

    Examples
    --------
    >>> from zprime.models import u1x
    >>> X = u1x.model(3, -6, 4, -7)   # a best-fit model of Table 1
    >>> X.name, X.x("u"), X.x("mu")
    ('3B-6L_e+4L_mu-7L_tau', 1.0, 4.0)
    """
    try:
        vals = [
            validation.RULES["scalar"](n, v) for n, v in (("c_B", c_B), ("c_e", c_e), ("c_mu", c_mu), ("c_tau", c_tau))
        ]
    except InputError as exc:
        raise ModelError(str(exc)) from None
    cB, ce, cm, ct = vals
    if check and abs(3 * cB + ce + cm + ct) > 1e-9 * max(1.0, *map(abs, vals)):
        raise ModelError(
            f"(c_B, c_e, c_mu, c_tau) = {tuple(vals)} is anomalous: "
            f"3 c_B + c_e + c_mu + c_tau = {3 * cB + ce + cm + ct:g} != 0"
        )
    ch = dict(u=cB / 3, d=cB / 3, e=ce, nu_e=ce, mu=cm, nu_mu=cm, tau=ct, nu_tau=ct)
    return VectorModel(name or _label(vals), ch, nu_R=False, params=dict(c_B=cB, c_e=ce, c_mu=cm, c_tau=ct))


def _label(v) -> str:
    parts = []
    for coef, sym in zip(v, ("B", "L_e", "L_mu", "L_tau")):
        if coef:
            k = f"{coef:g}"
            parts.append(("+" if coef > 0 else "-") + ("" if abs(coef) == 1 else k.lstrip("-")) + sym)
    return "".join(parts).lstrip("+") or "0"


@checks(c_B="scalar", c_e="scalar", c_mu="scalar", c_tau="scalar")
def alpha_R(c_B: Real, c_e: Real, c_mu: ArrayLike, c_tau: Real) -> tuple[float, float]:
    """(alpha, R) of eq. (4.4) for the charges of eq. (1); alpha in (-pi, pi], R >= 0.

    L_mu - L_tau (c_e = c_B = 0) gives R = inf and alpha = nan.
    """
    k = math.hypot(c_e, 3 * c_B)
    if k == 0:
        if c_tau == 0:
            raise ModelError("the SM-neutral model has no (alpha, R)")
        return float("nan"), float("inf")
    a, R = math.atan2(c_e, 3 * c_B), float(-c_tau / k)
    if R < 0:
        a, R = (a + 2 * math.pi) % (2 * math.pi) - math.pi, -R
    return a, R


@checks(alpha="finite", R="nonnegative")
def coefficients_from_alpha_R(alpha: ArrayLike, R: ArrayLike) -> tuple:
    """(c_B, c_e, c_mu, c_tau) of eq. (4.4) (arrays broadcast): the inverse of :func:`alpha_R`."""
    alpha, R = np.broadcast_arrays(np.asarray(alpha, float), np.asarray(R, float))
    s, c = np.sin(alpha), np.cos(alpha)
    return c / 3, s, -s - c + R, -R


#: L_mu - L_tau in the convention of Table 1 (first row).
L_MU_TAU = (0, 0, 1, -1)

#: The chiral model L~_{mu-tau} of eq. (5.1): (x_L1, x_L2, x_L3), (x_E1, x_E2, x_E3); quarks neutral.
CHIRAL_LMT = {"L": (-1, 7, -6), "E": (1, 6, -7), "N": (-7, -2, 9)}
