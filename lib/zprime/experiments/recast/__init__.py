"""Recast of dark-photon searches to any vector U(1)' model (the DarkCast method).

Method of P. Ilten, Y. Soreq, M. Williams, W. Xue, "Serendipity in dark photon
searches", JHEP 06 (2018) 004, arXiv:1801.04847 (equation numbers below refer
to it); implemented here from the paper, not from its code.  A search that saw
no signal bounds the expected yield at each mass m.  The yield factorises into
production x branching fraction x probability to decay inside the fiducial
proper-time window [t0, t1], so a dark-photon limit eps(m) maps to the coupling
g of a model X through (eq. 2.2)

    (g/eps)^2 R_P(m) x BR_X(F)/BR_A'(F) x E(tau_X(g))/E(tau_A'(eps)) = 1,

    R_P = sum_k f_k(m) P_k^X(m)/P_k^A'(m),   E(tau) = exp(-t0/tau) - exp(-t1/tau).

Production factors P_k (eqs. 2.3-2.12): x_f^2 for radiation off or annihilation
of a fermion f (``e_brem``, ``e_e``, ``mu_brem``, ``u_u``, ...); (2 x_u + x_d)^2 for
proton bremsstrahlung; [Tr(T_V Q_X)]^2 for vector-meson mixing; and for meson
decays A -> B X the VMD amplitude |sum_V Tr(T_A T_B T_V) Tr(T_V Q_X) BW_V(m)|^2
with running-width Breit-Wigners normalised to 1 at m = 0.

Lifetime windows (the ``window`` of a :class:`Search`):

* ``None`` -- no lifetime dependence (invisible searches; prompt searches where
  the decay length never matters): closed form
  g = eps sqrt(BR_A'/BR_X / R_P);
* ``("prompt", t1)`` -- t0 = 0, t1(m) a maximal proper decay time;
* ``("dump", r)`` -- beam dump with decay-volume/shield length ratio r: t1 = t0 (1 + r),
  t0 fixed at each mass by equal dark-photon yields at the lower and upper edge
  of the published band (eqs. 2.22-2.24); the recast band is the pair of roots
  (App. C);
* ``("rgrid",)`` -- LHCb displaced: a grid of r = (observed limit)/(expected yield)
  in (m, eps); each node maps to the X coupling with the same lifetime
  (eq. 2.21), beyond the grid's lifetimes with the windows of eq. (C.4).

Invisible searches: ``invisible="neutrinos"`` (default) counts only Z' -> nu nubar
as invisible; a number f adds a dark-sector width f x Gamma_SM (DarkCast's own
recasts use f = 99).  Each paper's convention is a parameter of its notebook.

Modules: :mod:`.searches` (the 46 searches and their files), :mod:`.production` (R_P),
:mod:`.lifetime` (decay windows), :mod:`.band` (:func:`recast`, :class:`RecastBand`),
:mod:`.darkcast` (DarkCast's own recasts and drawing); their public names are available here.

Units: GeV and GeV^-1 (:mod:`zprime.units`); couplings dimensionless.
"""

from zprime.experiments.recast.band import RecastBand, excludes_points, recast
from zprime.experiments.recast.darkcast import (
    SEARCH_KINDS,
    compare_all,
    compare_with_darkcast,
    comparison_figure,
    comparison_summary,
    darkcast_models,
    darkcast_recast_curve,
    draw,
)
from zprime.experiments.recast.production import production_factor, production_ratio
from zprime.experiments.recast.searches import (
    DARKCAST,
    G_SENTINEL,
    SEARCHES,
    TODAY_SEARCHES,
    RecastError,
    Search,
    get_search,
    load_search,
    search_mass_range,
)

__all__ = [
    "recast",
    "excludes_points",
    "RecastBand",
    "RecastError",
    "Search",
    "SEARCHES",
    "TODAY_SEARCHES",
    "DARKCAST",
    "G_SENTINEL",
    "get_search",
    "load_search",
    "search_mass_range",
    "production_factor",
    "production_ratio",
    "darkcast_models",
    "darkcast_recast_curve",
    "draw",
    "compare_with_darkcast",
    "compare_all",
    "comparison_summary",
    "comparison_figure",
    "SEARCH_KINDS",
]
