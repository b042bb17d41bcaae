"""The constraint layer: every bound behind one interface, and a model's full bound set.

* :mod:`.base` -- the :class:`Constraint` protocol, its :class:`Convention`, and the
  combinations :class:`Sum` (chi^2 adds) and :class:`Union` (any excludes);
* :mod:`.catalogue` -- every bound of the library as a Constraint (COHERENT, the recast
  dark-photon searches, (g-2), Borexino, nu-e scattering, trident, NSI oscillations, APV,
  the T parameter, BBN, N_eff of a light dark fermion), and those of particular models (:func:`for_model`);
* :mod:`.neutrinophilic` -- the bounds of Farzan and Heeck's neutrinophilic U(1)_B and U(1)_{B-L};
* :mod:`.bounds` -- :func:`bounds`, which returns a :class:`BoundSet` (table, JSON, CSV, plot).
"""

from zprime.constraints.base import PROVENANCE, Constraint, ConstraintError, Convention, Sum, Union
from zprime.constraints.bounds import Bound, BoundSet, bounds, reference_minima, resolve_loop_mixing
from zprime.constraints.catalogue import catalogue, for_model, get, model_catalogue

__all__ = [
    "Constraint",
    "ConstraintError",
    "Convention",
    "Sum",
    "Union",
    "PROVENANCE",
    "Bound",
    "BoundSet",
    "bounds",
    "resolve_loop_mixing",
    "reference_minima",
    "catalogue",
    "model_catalogue",
    "for_model",
    "get",
]
