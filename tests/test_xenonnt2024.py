"""XENONnT against the collaboration's own 2024 release (official templates and priors): the release's
numbers, the template likelihood, and the reproduction of arXiv:2408.02877 and the SI limits of
arXiv:2409.17868 (results/status_today.json, key xenonnt_2024)."""

import numpy as np
import pytest

from zprime import report
from zprime.experiments.xenonnt import binned, release, release2024
from zprime.experiments.xenonnt.binned import Parameter, Source, TemplateLikelihood

RESULTS = report.read_results("status_today")


def test_release_totals_match_its_readme_and_the_paper():
    # README of the release (an independent check when the data were added): 8B 4.25 (SR0) and 7.67 (SR1)
    # events at nominal yields, AC 7.48 and 17.77; arXiv:2408.02877: 37 events observed, background 26.4
    lt = {r: release2024.livetime(r) for r in release2024.RUNS_2024}
    b8 = {r: release2024.template_grid("b8", r)[3, 3].sum() * lt[r] for r in lt}
    ac = {r: release2024.background("ac", r).sum() * lt[r] for r in lt}
    assert b8["sr0"] == pytest.approx(4.25, abs=0.005) and b8["sr1"] == pytest.approx(7.67, abs=0.005)
    assert ac["sr0"] == pytest.approx(7.48, abs=0.005) and ac["sr1"] == pytest.approx(17.77, abs=0.005)
    assert sum(release2024.observed_2024(r).sum() for r in lt) == 37
    for r in lt:  # the same events and bins as the 2026 release's SR0 and SR1
        assert np.array_equal(release2024.observed_2024(r), release.observed(r))
        assert all(np.allclose(a, b) for a, b in zip(release2024.binning_2024(r), release.binning(r)))
    assert release2024.prior("ac_sr0_rate_multiplier") == 0.0904 and release2024.prior("wimp_rate_multiplier") is None


def _toy(n_scale=1.0):
    """One run, two sources: a flat background with a 10 % prior and a signal with a free multiplier."""
    bkg = np.full((1, 81), 2.0)
    sig = np.zeros((1, 81))
    sig[0, :9] = 5.0
    pars = {
        "b": Parameter(1.0, 0.1, (0.1, 5.0)),
        "s": Parameter(1.0, None, (0.0, 10.0)),
        "tly": Parameter(0.0, 1.0, (-3.0, 3.0)),
        "tqy": Parameter(0.0, 1.0, (-3.0, 3.0)),
    }
    srcs = (Source("bkg", bkg, ("b",)), Source("sig", sig, ("s",)))
    mu = bkg + 0.6 * sig
    return TemplateLikelihood(mu * n_scale, np.array([n_scale]), srcs, pars)


def test_template_likelihood_on_a_toy():
    L = _toy()
    # data equal to the expectation at s = 0.6: deviance 0 there, the fit finds it
    assert L.chi2({"s": 0.6}) == pytest.approx(0.0, abs=1e-12)
    best, p = L.profile()
    assert best == pytest.approx(0.0, abs=1e-8) and p["s"] == pytest.approx(0.6, abs=1e-4)
    # a prior pulls: data 10 % above the background alone, b at its prior edge costs (0.1/0.1)^2 = 1
    assert L.chi2({"b": 1.1, "s": 0.6}) > 1.0
    # the profile interval of s shrinks as 1/sqrt(exposure)
    w1 = L.scan_edge("s", 1.0, p["s"], 5.0, best) - p["s"]
    L100 = _toy(100.0)
    b100, p100 = L100.profile()
    w100 = L100.scan_edge("s", 1.0, p100["s"], 5.0, b100) - p100["s"]
    assert w100 == pytest.approx(w1 / 10, rel=0.05)


def test_model_2024_priors_and_sources():
    L = binned.model_2024(6, b8_prior=True)
    assert L.parameters["b8_rate_multiplier"].sigma == 0.0381 and L.parameters["signal_efficiency"].sigma == 0.25
    assert binned.model_2024().parameters["b8_rate_multiplier"].sigma is None  # measured: free
    exp = L.expected_by_source({})
    assert exp["WIMP"].sum() == 0.0  # wimp_rate_multiplier starts at 0
    assert sum(v.sum() for k, v in exp.items() if k not in ("8B", "WIMP")) == pytest.approx(26.40, abs=0.01)
    with pytest.raises(Exception, match="mass"):
        binned.wimp_limit_2024(7.0)  # no official template at 7 GeV


# -- agreement with the papers (results/status_today.json, written by make figures) ----------------------
X24 = RESULTS.get("xenonnt_2024", {})  # written by make figures


def test_background_and_events():
    # background within 2 % of the published 26.4 (+1.4 -1.3); 37 events observed
    assert X24["background"] == pytest.approx(26.4, rel=0.02)
    assert X24["observed"] == 37


@pytest.mark.xfail(
    strict=True,
    reason="ours is the asymptotic sqrt(Delta chi2) = 2.67 sigma with the release's own model and priors; the "
    "published 2.73 sigma is 0.06 higher (p = 0.0032 vs 0.0038); the collaboration's exact procedure is not in "
    "the release",
)
def test_significance_within_0_05_sigma():
    assert X24["significance"] == pytest.approx(2.73, abs=0.05)


def test_significance_near_the_published():
    assert X24["significance"] == pytest.approx(2.73, abs=0.1)


def test_flux_and_cross_section():
    # [best, low, high]: the 1-sigma interval's edges; published 4.7 (+3.6 -2.3) e6 /cm^2/s, 1.1 (+0.8 -0.5) e-39 cm^2
    best, low, high = X24["flux_8B_1e6"]
    assert X24["published"]["flux_8B_1e6"] == [4.7, 2.4, 8.3]
    assert best == pytest.approx(4.7, rel=0.10)
    assert low == pytest.approx(2.4, rel=0.10) and high == pytest.approx(8.3, rel=0.10)
    s_best, s_low, s_high = X24["cross_section_1e39"]
    assert s_best == pytest.approx(1.1, rel=0.10)
    assert s_low == pytest.approx(0.6, rel=0.10) and s_high == pytest.approx(1.9, rel=0.10)


def test_wimp_limits_within_20_percent():
    ratios = X24["wimp_si_limit_ratio"]
    assert set(ratios) == {f"{m:g}" for m in release2024.WIMP_MASSES_2024}
    assert all(0.8 <= r <= 1.2 for r in ratios.values()), ratios


def test_official_templates_against_the_2026_efficiencies():
    # the release README's independent fold: 0.76 (SR0) and 0.78 (SR1) for 8B; 0.68-0.72 at 4 GeV, 0.89-0.93 at 10
    t = RESULTS["xenonnt_templates"]
    assert t["fold_8B"]["sr0"]["total"] == pytest.approx(0.76, abs=0.01)
    assert t["fold_8B"]["sr1"]["total"] == pytest.approx(0.78, abs=0.01)
    w4, w10 = t["fold_wimp"]["4"], t["fold_wimp"]["10"]
    assert 0.67 <= w4["sr0"]["total"] <= 0.73 and 0.67 <= w4["sr1"]["total"] <= 0.73
    assert 0.88 <= w10["sr0"]["total"] <= 0.94 and 0.88 <= w10["sr1"]["total"] <= 0.94
    # softer spectra lose more: the ratio rises with the WIMP mass in both runs
    for run in ("sr0", "sr1"):
        r = [t["fold_wimp"][f"{m:g}"][run]["total"] for m in release2024.WIMP_MASSES_2024]
        assert r == sorted(r)


# -- the 2026 likelihood with the official priors ----------------------------------------------------------
def test_official_priors_of_the_2026_likelihood():
    from zprime.experiments.xenonnt import XenonLikelihood

    L = XenonLikelihood(priors="official")
    # SR0 and SR1 from the 2024 configuration; SR2 by the sideband rule sigma = k / sqrt(N_AC)
    assert L.sigma_ac_runs[:2].tolist() == [0.0904, 0.0576]
    n_ac = (L._ac * L.exposure).sum(axis=1)
    k = np.mean(L.sigma_ac_runs[:2] * np.sqrt(n_ac[:2]))
    assert k == pytest.approx(0.245, abs=0.002) and L.sigma_ac_runs[2] == pytest.approx(k / np.sqrt(n_ac[2]))
    assert (L.sigma_er, L.sigma_nr, L.sigma_eff) == (1.0, 0.58, 0.25)
    W = L.sm_weights()
    # at nominal nuisances the official chi2 is the deviance of the same expectation as "ours"
    ours = XenonLikelihood()
    assert L.chi2_at(W, {}) == pytest.approx(ours.chi2_at(W, {}), rel=1e-12)
    # both are one template model: official nuisances per run, ours one AC scale
    assert tuple(L.model.parameters) == ("a_AC_sr0", "a_AC_sr1", "a_AC_sr2", "er", "nr", "efficiency", "tly", "tqy")
    assert tuple(ours.model.parameters) == ("a_AC", "tly", "tqy")
    with pytest.raises(ValueError, match="unknown parameters"):
        ours.chi2_at(W, {"er": 1.0})
    # the yields stay on the template grid (no extrapolation, no wrapped index)
    for bad in (-4.0, 3.5, float("nan")):
        with pytest.raises(ValueError, match="tly .* outside the template grid"):
            ours.chi2_at(W, {"tly": bad})
    with pytest.raises(Exception, match="priors"):
        XenonLikelihood(priors="mine")


def test_template_objective_gradient_is_the_derivative():
    """The analytic gradient of TemplateLikelihood.objective against central differences, on the 2024
    model with a WIMP source (every kind of term: per-run multipliers, products of two multipliers,
    yield grids) at a point inside a grid cell."""
    L = binned.model_2024(6.0, b8_prior=True)
    free = tuple(L.parameters)
    f = L.objective(free, {})
    x = np.array([0.31, -0.42, 1.1, 0.9, 1.2, 0.8, 1.05, 0.97, 3.0])
    val, grad = f(x)
    h = 1e-6
    num = [(f(x + h * e)[0] - f(x - h * e)[0]) / (2 * h) for e in np.eye(len(x))]
    np.testing.assert_allclose(grad, num, rtol=1e-5, atol=1e-5)
    assert val == pytest.approx(L.chi2(dict(zip(free, x))), rel=1e-12)
