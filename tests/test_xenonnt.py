"""XENONnT solar-8B CEvNS: release I/O, nuisance interpolation, folding, SM expectation and the
WIMP-limit rebuild that validates the machinery before it bounds a Z' (today's-data issue)."""

import csv

import numpy as np
import pytest

from zprime import constraints, data, models
from zprime.experiments import xenonnt as X
from zprime.units import keV

RELEASE = "xenonnt/cevns_data_release/"


@pytest.fixture(scope="module")
def L01():
    return X.XenonLikelihood(("sr0", "sr1"))


@pytest.fixture(scope="module")
def L():
    return X.XenonLikelihood()


def test_events_and_exposures_as_released():
    # one row per selected event in data/sr*.csv, all inside the 3^4 binning
    assert [X.observed(r).sum() for r in X.RUNS] == [9, 28, 25]
    # SR0 + SR1 = 3.51 t y, the exposure of arXiv:2408.02877 (abstract)
    assert X.EXPOSURE_T_Y["sr0"] + X.EXPOSURE_T_Y["sr1"] == pytest.approx(3.51, abs=0.01)


def test_yield_interpolation_is_exact_on_the_grid_and_bilinear_between():
    t = X.templates("sr1").neutron
    for i, tly in enumerate(X.YIELD_GRID):
        for j, tqy in enumerate(X.YIELD_GRID):
            np.testing.assert_array_equal(X.interpolate_yields(t, tly, tqy), t[i, j])
    mid = X.interpolate_yields(t, 0.5, -2.5)
    np.testing.assert_allclose(mid, 0.25 * (t[3, 0] + t[4, 0] + t[3, 1] + t[4, 1]), rtol=1e-12)
    with pytest.raises(ValueError, match="outside the template grid"):
        X.interpolate_yields(t, 3.5, 0.0)


def test_a_line_at_a_mono_energy_reproduces_that_template():
    mono = X.templates("sr2").mono
    for k in (0, 17, 45):
        W = np.zeros(len(X.MONO_ENERGIES))
        W[k] = 2.0
        np.testing.assert_allclose(X.fold(W, "sr2", 1.0, -1.0), 2.0 * mono[k, 4, 2], rtol=1e-12)


def test_hat_weights_integrate_the_spectrum():
    T, _ = X.recoil_nodes()
    W = X.hat_weights(np.full(T.size, 3.0 / keV))  # 3 events per keV
    assert W.sum() == pytest.approx(3.0 * 4.5, rel=1e-12)  # over 0.5-5.0 keV
    W = X.hat_weights(T / keV**2)  # linear: exact with hats too
    assert W.sum() == pytest.approx((5.0**2 - 0.5**2) / 2, rel=1e-12)


def test_backgrounds_match_the_published_total(L01):
    # arXiv:2408.02877 (abstract): 26.4 (+1.4 -1.3) background events expected in SR0 + SR1
    total = sum(v.sum() for v in L01.backgrounds().values())
    assert total == pytest.approx(26.4, abs=1.3)
    assert total == pytest.approx(26.50, abs=0.01)  # our number (regression)


def test_sm_expectation_and_the_fit_of_sr0_sr1(L01):
    W = L01.sm_weights()
    per_run = {r: X.fold(W, r).sum() * X.EXPOSURE_T_Y[r] for r in X.RUNS}
    # our SM (B16-GS98 8B + hep, MSW, Helm) expectation; regression pins (0.5 %)
    assert per_run["sr0"] == pytest.approx(3.609, rel=5e-3)
    assert per_run["sr1"] == pytest.approx(6.656, rel=5e-3)
    assert per_run["sr2"] == pytest.approx(8.039, rel=5e-3)
    # the published fit: background-only rejected at 2.73 sigma, flux 4.7 (+3.6 -2.3) 1e6 /cm^2/s
    c_free, p = L01.profile(W, free_scale=True)
    c_bkg = L01.chi2_background_only()
    assert np.sqrt(c_bkg - c_free) == pytest.approx(2.73, abs=0.1)
    flux = p["scale"] * 5.46
    assert abs(flux - 4.7) < 2.3  # within the published 1 sigma (ours is 21 % higher: see the notes)


def test_sm_limit_of_the_zprime_hook(L):
    W_sm = L.sm_weights()
    BL = models.get_model("B-L")
    np.testing.assert_allclose(X.vector_weights(BL, 0.0, 0.01)[0], W_sm, rtol=1e-12)
    np.testing.assert_allclose(X.vector_weights(BL, 1e-9, 0.01)[0], W_sm, rtol=1e-6)
    # B-L interferes constructively with the SM weak charge: more events at larger g
    W = X.vector_weights(BL, [1e-5, 3e-5], 0.01)
    assert W_sm.sum() < W[0].sum() < W[1].sum()


def test_profile_equals_a_reference_minimiser(L):
    """The analytic-gradient profile against Migrad on the unprofiled chi2 (no gradient given)."""
    from iminuit import Minuit

    W = X.vector_weights(models.get_model("B-L"), np.geomspace(1e-6, 1e-4, 4), 0.01)
    lo, hi = X.release.YIELD_GRID[0], X.release.YIELD_GRID[-1]
    ref = []
    names = ("a_AC", "tly", "tqy")
    for w in W:
        m = Minuit(lambda x: L.chi2_at(w, dict(zip(names, x))), (1.0, 0.0, 0.0), name=names)  # noqa: B023
        m.errordef = Minuit.LEAST_SQUARES
        m.limits = [(0.2, 3.0), (lo, hi), (lo, hi)]
        m.strategy, m.tol = 2, 1e-6
        m.migrad()
        ref.append(m.fval)
    np.testing.assert_allclose(L.chi2(W), ref, atol=1e-5)
    assert np.all(L.chi2(W) <= np.array(ref) + 1e-6)


def test_objective_is_the_deviance_of_the_expected_counts(L):
    """The profiling objective (each yield cell's corners contracted with their weights, the deviance
    summed over the bins with events) against the statistic of the module doc written out bin by bin
    from expected() (:func:`.release.bilinear_cell` per source), with a signal, at points inside cells,
    on grid lines and on the grid's edge."""
    from zprime.experiments.xenonnt.binned import TemplateLikelihood

    M = L.model
    src = L._signal_source(3 * L.sm_weights())
    with_signal = TemplateLikelihood(M.observed, M.livetime.ravel(), M.sources + (src,), M.parameters)
    free = tuple(M.parameters)
    f = M.objective(free, {}, (M.table(src),))
    n = M.observed
    rng = np.random.default_rng(3)
    for tly, tqy in ((-3.0, 0.3), (-0.4, 1.0), (1.0, -2.2), (2.7, 3.0), (0.25, -0.75)):
        p = {k: q.nominal * rng.uniform(0.7, 1.3) for k, q in M.parameters.items()}
        p.update(tly=tly, tqy=tqy)
        mu = with_signal.expected(p)
        dev = 2 * np.sum(mu - n + np.where(n > 0, n * np.log(np.where(n > 0, n, 1) / mu), 0.0))
        priors = sum(((p[k] - q.nominal) / q.sigma) ** 2 for k, q in M.parameters.items() if q.sigma)
        assert f(np.array([p[k] for k in free]))[0] == pytest.approx(dev + priors, rel=1e-12)


@pytest.mark.parametrize("priors", ["official", "ours"])
def test_chi2_of_many_signals_equals_one_signal_at_a_time(priors):
    """values_with_signals (the cheap upper bound's many points in one pass) against value() with each
    signal as an extra source, at parameters off the nominal and between grid lines; bad input raises."""
    from zprime.experiments.xenonnt.binned import Source

    L = X.XenonLikelihood(priors=priors)
    M = L.model
    base = () if priors == "ours" else ("efficiency",)
    p = {k: q.nominal * 1.1 for k, q in M.parameters.items()}
    p.update(tly=-0.6, tqy=1.3)
    rng = np.random.default_rng(5)
    S = rng.uniform(0, 2, (4, 3) + M.observed.shape)  # events per t y
    got = M.values_with_signals(p, S, base)
    assert got.shape == (4, 3)
    for idx in np.ndindex(4, 3):
        assert got[idx] == pytest.approx(M.value(p, extra=(Source("signal", S[idx], base),)), rel=1e-13)
    with pytest.raises(ValueError, match="signals must end in"):
        M.values_with_signals(p, S[..., :80])
    with pytest.raises(ValueError, match="unknown multipliers"):
        M.values_with_signals(p, S, ("scale",))
    with pytest.raises(ValueError, match="signals"):
        M.values_with_signals(p, -S)


def test_profile_does_not_stall_on_a_line_of_the_yield_grid():
    """The templates are bilinear between the lines of the yield grid, so the chi2 has a kink on each.  A
    minimum on a line stopped L-BFGS-B before the other nuisances reached theirs: near the 1e-4 GeV limit of
    L_mu-L_tau the profiled Delta chi2 jumped up by 0.02-0.03 at some couplings (the official priors, tqy on
    -1).  On a fine coupling scan it now rises in equal steps, and it equals the profile from two starts with
    tight tolerances."""
    from zprime.constraints.bounds import resolve_loop_mixing
    from zprime.experiments.xenonnt.binned import TIGHT

    con, model = constraints.get("XENONnT 8B"), models.get_model("L_mu-L_tau")
    loop = resolve_loop_mixing(model, "auto")[0]
    g = np.geomspace(1.4080e-3, 1.4105e-3, 26)
    steps = np.diff(con.delta_chi2(model, g, np.full(g.shape, 1e-4), loop_mixing=loop))
    assert np.all(np.abs(steps - np.median(steps)) < 1e-4), steps
    Lx = con._likelihood()
    W = con._weights(model, g[::5], np.full(6, 1e-4), loop)[2]
    for w in W:
        src = (Lx._signal_source(w),)
        got, ref = Lx.model.profile(extra=src)[0], Lx.model.profile(extra=src, starts=2, options=TIGHT)[0]
        assert ref - 1e-6 < got < ref + 1e-4


def test_wimp_limit_rebuilt_within_30_percent(L):
    """Standard halo (Baxter et al. 2021), two-sided 90 % C.L. (Delta chi2 = 2.706), 8B +- 12 %."""
    with open(data.path(RELEASE + "limits/sr2/xenonnt_2026_wimp_si.csv")) as fh:
        rows = list(csv.DictReader(fh))
    ratios = []
    for row in rows:
        ours = X.wimp_upper_limit(L, float(row["mass"]))
        ratios.append(ours / float(row["upper_limit"]))
    assert len(ratios) == 10
    assert all(0.7 < r < 1.3 for r in ratios), ratios


def test_constraint_in_the_catalogue_and_bounds():
    c = constraints.get("XENONnT 8B")
    assert "XENONnT 8B" in constraints.catalogue()
    assert c.reasons(models.get_model("L_e-L_mu"), [0.01])[0] != ""  # no quark coupling
    bs = constraints.bounds("B-L", [1e-3, 1e-2], ["XENONnT 8B"])
    g_lo = bs["XENONnT 8B"].lowest()[0]
    assert 2e-5 < g_lo < 5e-5


def test_templates_from_the_derived_cache_equal_the_release_files():
    from zprime.experiments.xenonnt import release

    cached, fresh = release.templates("sr2"), release._read_templates("sr2")
    assert all(np.array_equal(getattr(cached, k), v) for k, v in fresh.items())


def test_exceeds_has_the_sign_of_the_profiled_delta_chi2():
    """XENONnT's exceeds() skips the profile where the chi2 at the SM fit's nuisances (an upper
    bound on the profile) is already below the level, or a lower bound already above it; the sign
    must be that of delta_chi2 - level."""
    con = constraints.get("XENONnT 8B")
    model = models.get_model("B-L")
    g = np.geomspace(1e-6, 1e-3, 25)
    m = np.full(g.shape, 0.01)
    level = con.threshold(model)
    d = con.delta_chi2(model, g, m)
    e = con.exceeds(model, g, m, level)
    assert np.array_equal(e > 0, d > level) and np.any(d > level) and np.any(d < level)
    assert np.all(e[e < 0] >= d[e < 0] - level - 1e-9)  # allowed without a fit: the upper bound
    assert np.all(e[e > 0] <= d[e > 0] - level + 1e-9)  # excluded without a fit: the lower bound
    L = con._likelihood()
    lower = L.chi2_lower(X.model_weights(model, g, m))
    assert np.sum(lower - con._sm > level) >= 5  # the lower bound decides the points far above the limit
    W = X.model_weights(model, g[::6], m[::6])
    assert np.all(L.chi2_upper(W) >= L.chi2(W) - 1e-9)


@pytest.mark.parametrize("priors", ["official", "ours"])
def test_chi2_lower_bounds_the_profile(priors):
    """chi2_lower <= the profiled chi2 for signals from none to 1000 x the SM, SM-shaped and not."""
    L = X.XenonLikelihood(priors=priors)
    sm = L.sm_weights()
    rng = np.random.default_rng(3)
    W = np.concatenate([np.outer([0.0, 0.5, 1.0, 3.0, 30.0, 1e3], sm), sm * rng.uniform(0, 20, (6, sm.size))])
    lower, prof = L.chi2_lower(W), L.chi2(W)
    assert np.all(lower <= prof + 1e-9), lower - prof
    assert lower[-7] - prof[2] > 50  # 1000 x SM: the bound alone puts it far above the SM (a 2 sigma level: 6.18)
    assert L.chi2_lower(W.reshape(3, 4, -1)).shape == (3, 4)


def test_reference_minimum_equals_profiling_every_point():
    """The pruned search of the (m, g) plane's minimum (profiles only where the lower bound is below
    the best found) returns the minimum of profiling every grid point."""
    con = constraints.get("XENONnT 8B")
    model = models.get_model("universal")
    G = np.outer(np.geomspace(1e-6, 1e-3, 12), [1.0, 1.0, 2.0])
    M = np.broadcast_to([0.001, 0.01, 0.04], G.shape)
    assert con._grid_minimum(model, G, M, False) == np.min(con.delta_chi2(model, G, M))
    assert con._grid_minimum(model, G, M, False) < 0  # not trivially the SM: a point fits better


def test_flux_kernels_are_the_trapezoidal_rule_above_threshold():
    """The suffix-sum kernels equal the trapezoidal rule over E > E_min(T) = sqrt(M T/2) of
    phi P (1 - M T/(2E^2)) and phi P M T/(4E^2), written out directly (rounding only)."""
    from zprime.experiments.xenonnt import signal

    T = np.array([1e-3, 0.1, 1.0, 3.0, 4.5]) * keV  # the last beyond the endpoint of xenon-136
    E = signal._E_FINE
    phi = signal.solar.spectrum("8B", E) * signal._fractions("8B")
    nuc, _ = signal.xenon_isotopes()[-1]
    I, J = signal._kernels_at(("8B",), T)[-1]
    for j, t in enumerate(T):
        on = E > np.sqrt(nuc.mass * t / 2)
        want_I = np.trapezoid(phi * np.where(on, 1 - nuc.mass * t / (2 * E**2), 0.0), E, axis=-1)
        want_J = np.trapezoid(phi * np.where(on, nuc.mass * t / (4 * E**2), 0.0), E, axis=-1)
        np.testing.assert_allclose(I[:, j], want_I, rtol=1e-12, atol=1e-14 * np.max(I))
        np.testing.assert_allclose(J[:, j], want_J, rtol=1e-12, atol=1e-14 * np.max(J))
    assert np.all(I >= 0) and np.all(J >= 0)
