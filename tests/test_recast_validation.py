"""Agreement of our recasts with DarkCast's shipped ones (results/recast_validation.json).

Tolerances: the issue asks for 5 % in g for prompt searches.  Displaced (beam-dump, r-grid) and
invisible searches are held to the same 5 %: the notebook shows they agree to < 0.1 % except
for L_e - L_mu and L_e - L_tau, where the loop-induced electron charge (x_e = 1 - k here,
x_e = 1 in DarkCast) moves beam dumps by up to 4.8 %.  The five models without that ambiguity
are held to 1 %, which covers the neutrinos-as-invisible difference (0.3-0.5 %) and the
loop-induced electron coupling of L_mu - L_tau above the dimuon threshold (0.6 %).
"""

import pytest

from zprime import report
from zprime.experiments import recast

RES = report.read_results("recast_validation")
MODELS = ("dark_photon", "B-L_boson", "B_boson", "protophobic", "Lmu-Ltau_boson", "Le-Lmu_boson", "Le-Ltau_boson")


def test_every_model_and_search_is_reported():
    assert set(RES) == set(MODELS)
    for m in MODELS:
        assert set(RES[m]) == set(recast.SEARCHES)


@pytest.mark.parametrize("model", MODELS)
def test_within_tolerance(model):
    tol = 0.01 if model not in ("Le-Lmu_boson", "Le-Ltau_boson") else 0.05
    devs = {s: v for s, v in RES[model].items() if v is not None}
    assert len(devs) >= 30  # most searches constrain every model
    bad = {s: v for s, v in devs.items() if v > tol}
    assert not bad, f"{model}: {bad}"


def test_prompt_searches_within_five_percent_everywhere():
    for model in MODELS:
        for s, v in RES[model].items():
            if recast.SEARCHES[s].kind == "prompt" and v is not None:
                assert v < 0.05, (model, s, v)


def test_no_limit_exactly_where_the_model_does_not_couple():
    # both recasts agree that these have no limit at all (None): production or decay channel absent
    assert RES["protophobic"]["NuCAL_Blumlein1991xh"] is None  # 2 x_u + x_d = 0
    assert RES["B-L_boson"]["KLOE_Anastasi2016ktq"] is None  # no rho: no pi+ pi-
    assert RES["Lmu-Ltau_boson"]["BaBar_Lees2014xha"] is not None  # through the loop
