"""Property-based tests of the public API (hypothesis): random valid input gives finite output of the
documented shape; random invalid input (NaN, infinity, non-positive masses, negative couplings)
raises the package's exception, never a silent number."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zprime.errors import ZprimeError
from zprime.models import VectorModel, get_model
from zprime.observables import cevns, decays, ewpt, gm2, nsi, nue
from zprime.statistics import LimitCurve

SETTINGS = settings(max_examples=40, deadline=None)
mass = st.floats(1e-4, 20.0)
coupling = st.floats(0.0, 1e-2)
bad_mass = st.sampled_from([float("nan"), float("inf"), -float("inf"), 0.0, -1e-3, -5.0])
bad_coupling = st.sampled_from([float("nan"), float("inf"), -1e-4])
charge = st.floats(-5.0, 5.0)
MODELS = [get_model(n) for n in ("B-L", "L_mu-L_tau", "B-3L_e", "universal")]


@SETTINGS
@given(g=coupling, m=mass, n=st.integers(1, 5))
def test_gm2_valid(g, m, n):
    out = gm2.delta_a_vector(np.full(n, g), np.full(n, m))
    assert out.shape == (n,) and np.all(np.isfinite(out)) and np.all(out >= 0)


@SETTINGS
@given(m=bad_mass, lepton=st.sampled_from(["e", "mu", "tau"]))
def test_gm2_invalid_mass(m, lepton):
    with pytest.raises(ZprimeError):
        gm2.delta_a_vector(1e-3, m, lepton)
    with pytest.raises(ZprimeError):
        gm2.delta_a(m, g=1e-3)


@SETTINGS
@given(g=coupling, m=mass)
def test_eps0(g, m):
    assert math.isfinite(nsi.eps0(g, m)) and nsi.eps0(g, m) >= 0


@SETTINGS
@given(g=bad_coupling, m=mass)
def test_eps0_invalid(g, m):
    with pytest.raises(ZprimeError):
        nsi.eps0(g, m)


@SETTINGS
@given(E=st.floats(1e-3, 0.06), frac=st.floats(0.0, 2.0), Q=st.floats(-100.0, 100.0))
def test_cevns_cross_section(E, frac, Q):
    nuc = cevns.nucleus("Cs133")
    T = frac * 2 * E**2 / nuc.mass
    out = cevns.dsigma_dT(E, T, nuc, Q)
    assert np.isfinite(out) and out >= 0
    if frac > 1:
        assert out == 0  # beyond the kinematic end point


@SETTINGS
@given(E=bad_mass)
def test_cevns_invalid_energy(E):
    with pytest.raises(ZprimeError):
        cevns.dsigma_dT(E, 1e-6, cevns.nucleus("Ar40"), 1.0)


@SETTINGS
@given(model=st.sampled_from(MODELS), m=st.floats(1e-3, 2.0), g=st.floats(1e-6, 1.0))
def test_widths_finite_nonnegative(model, m, g):
    pw = decays.partial_widths(model, np.array([m]), g)
    assert all(np.all(np.isfinite(v)) and np.all(v >= 0) for v in pw.values())
    assert decays.sum_widths(pw, "total")[0] > 0


@SETTINGS
@given(model=st.sampled_from(MODELS), m=bad_mass)
def test_widths_invalid_mass(model, m):
    with pytest.raises(ZprimeError):
        decays.partial_widths(model, m)


@SETTINGS
@given(g=st.floats(0.0, 1e-4), m=st.floats(1e-3, 1.0), n=st.integers(1, 4))
def test_borexino_ratio(g, m, n):
    gs = np.full(n, g)
    R = nue.R_Be((gs, -gs, 0 * gs), gs, gs, m)
    assert R.shape == (n,) and np.all(np.isfinite(R)) and np.all(R > 0)


@SETTINGS
@given(eps=st.floats(-0.5, 0.5), m=st.floats(1e-3, 300.0))
def test_T_parameter_finite(eps, m):
    assert np.isfinite(ewpt.T_parameter(eps, m)) and np.isfinite(ewpt.rho0(eps, m))


@SETTINGS
@given(q=charge, l=st.lists(charge, min_size=3, max_size=3), eps=st.floats(-1e-2, 1e-2))
def test_models_from_random_charges(q, l, eps):
    # SU(2)-consistent vector charges: u = d, and each neutrino with its charged lepton
    m = VectorModel.from_array("random", [q, q, *l, *l], eps=eps)
    A = m.anomalies()
    assert all(math.isfinite(v) for v in A.values())
    assert m.is_anomaly_free() == all(abs(v) < 1e-9 for v in A.values())


@SETTINGS
@given(bad=st.sampled_from([float("nan"), float("inf")]), k=st.integers(0, 7))
def test_models_refuse_non_finite_charges(bad, k):
    x = [1 / 3, 1 / 3, -1, -1, -1, -1, -1, -1]
    x[k] = bad
    with pytest.raises(ZprimeError):
        VectorModel.from_array("bad", x)


@SETTINGS
@given(
    pts=st.lists(
        st.tuples(st.floats(1e-3, 10.0), st.floats(1e-8, 1.0)),
        min_size=2,
        max_size=12,
        unique_by=lambda p: round(math.log(p[0]), 9),
    ),
    u=st.floats(0.0, 1.0),
)
def test_limit_curve_stays_between_neighbours(pts, u):
    m, g = (np.array(v) for v in zip(*pts))
    curve = LimitCurve(m, g)
    lo, hi = curve.mass_range
    x = lo * (hi / lo) ** u
    val = float(curve(x))
    order = np.argsort(m)
    j = min(max(np.searchsorted(m[order], x), 1), len(m) - 1)
    a, b = g[order][j - 1], g[order][j]
    assert min(a, b) * (1 - 1e-9) <= val <= max(a, b) * (1 + 1e-9)
    with pytest.raises(ZprimeError):
        curve(hi * 1.5)


# -- bounds() and BoundSet: round trips ------------------------------------------------------------
CHEAP = ["Borexino 7Be", "(g-2)_mu 2021", "(g-2)_e Cs 2018", "CCFR trident", "TEXONO", "BBN (thermalised below 10 MeV)"]


@settings(max_examples=12, deadline=None)
@given(
    masses=st.lists(st.floats(1e-4, 5.0), min_size=1, max_size=5, unique=True),
    names=st.lists(st.sampled_from(CHEAP), min_size=1, max_size=3, unique=True),
    model=st.sampled_from(["B-L", "L_mu-L_tau", "B-3L_e"]),
)
def test_bound_set_round_trips(masses, names, model):
    import csv
    import io
    import json

    import zprime
    from zprime.constraints.bounds import G_WIDEN_MIN

    bs = zprime.bounds(model, masses, names)
    assert list(bs.masses) == sorted(masses) and bs.names() == names
    doc = bs.as_dict()
    assert json.loads(json.dumps(doc, allow_nan=False)) == doc  # plain JSON, exactly
    # the same bound set from the masses in reverse order
    assert zprime.bounds(model, masses[::-1], names).as_dict() == doc
    rows = bs.rows()
    assert {(r["constraint"], r["m_GeV"]) for r in rows} == {(n, float(m)) for n in names for m in bs.masses}
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(bs.FIELDS))
    w.writeheader()
    w.writerows(rows)
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == len(rows)
    g_top = bs.g_range[1]
    for name in names:
        b = bs[name]
        for j, iv in enumerate(b.intervals):
            edges = [e for lo, hi in iv for e in (lo, hi)]
            assert edges == sorted(edges) and all(G_WIDEN_MIN * (1 - 1e-9) <= e <= g_top for e in edges)
            # open below: excluded at the widened floor; an anomaly's exclusion reaches g = 0 (the SM)
            floor = bs.g_range[0] if b.sm_excluded else G_WIDEN_MIN
            assert b.open_below[j] == (bool(iv) and iv[0][0] <= floor * (1 + 1e-9))
            assert not (b.reasons[j] and iv)  # a mass not reached has no interval
        if b.sm_excluded:
            for band, iv in zip(b.preferred(), b.intervals):
                for lo, hi in band:
                    assert not any(a < 0.5 * (lo + hi) < z for a, z in iv)  # a band is never excluded
