"""Partial widths of a vector boson into leptons (hadrons: see the recast issue).

Gamma(Z' -> l+ l-) = g^2 x_l^2 m/(12 pi) (1 + 2 m_l^2/m^2) sqrt(1 - 4 m_l^2/m^2)
Gamma(Z' -> nu nubar) = g^2 x_nu^2 m/(24 pi) per flavour for left-handed neutrinos;
twice that if a right-handed partner with the same charge is lighter than m/2
("Dirac" convention).  Masses in GeV, widths in GeV.
"""

from __future__ import annotations

import numpy as np

from . import constants as c
from .models import CHARGED_LEPTONS, NEUTRINOS, VectorModel


def _mass(m):
    m = np.asarray(m, dtype=float)
    if np.any(~np.isfinite(m)) or np.any(m <= 0):
        raise ValueError("boson mass must be positive and finite (GeV)")
    return m


def width_ll(g, m, x_l, m_l):
    """Gamma(Z' -> l+ l-) for a vector coupling g x_l to a lepton of mass m_l (zero below threshold)."""
    m = _mass(m)
    r = np.clip(4 * m_l**2 / m**2, 0.0, None)
    kin = np.where(r < 1.0, (1 + r / 2) * np.sqrt(np.clip(1 - r, 0.0, None)), 0.0)
    out = np.asarray(g) ** 2 * x_l**2 * m / (12 * np.pi) * kin
    return out if np.ndim(out) else float(out)


def width_nunu(g, m, x_nu, dirac=False):
    """Gamma(Z' -> nu nubar) of one flavour: g^2 x^2 m/(24 pi), doubled for Dirac neutrinos."""
    m = _mass(m)
    out = (2.0 if dirac else 1.0) * np.asarray(g) ** 2 * x_nu**2 * m / (24 * np.pi)
    return out if np.ndim(out) else float(out)


def leptonic_widths(model: VectorModel, g, m, dirac: bool | None = None) -> dict[str, np.ndarray]:
    """Widths into each charged-lepton pair and each neutrino flavour (kinetic mixing included).

    ``dirac`` defaults to the model's ``nu_R`` flag.
    """
    dirac = model.nu_R if dirac is None else dirac
    out = {l: width_ll(g, m, model.x_eff(l, g), c.FERMION_MASS[l]) for l in CHARGED_LEPTONS}
    out.update({nu: width_nunu(g, m, model.x(nu), dirac) for nu in NEUTRINOS})
    return out
