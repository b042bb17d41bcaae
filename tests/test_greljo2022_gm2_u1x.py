"""Agreement of results/greljo2022_gm2_u1x.json with Greljo, Stangl, Thomsen, Zupan, arXiv:2203.13731."""

import pytest

from zprime import report

R = report.read_results("greljo2022_gm2_u1x")

# Table 1 with the two exponents our copy garbles read as 1.30e-4 and 9.90e-5 (see the notebook)
TABLE1 = {(0, 0, 1, -1): (0.01, 1.44e-3), (3, -7, -1, -1): (-6.97, 2.17e-4), (3, -6, 7, -10): (-6.26, 1.02e-4),
          (3, -6, 6, -9): (-6.21, 9.90e-5), (3, -6, 5, -8): (-6.16, 1.19e-4), (3, -6, 4, -7): (-6.11, 1.31e-4),
          (3, -6, 3, -6): (-6.08, 1.30e-4)}


def test_model_count():
    assert R["n_models"] == 419


def test_nsi_fit_loss_and_bounds():
    # App. A: the global minimum, loss 1.0849 at Y_n = 1.035 (paper 1.43 at 1.04), reached by both
    # methods (Migrad multistart, differential evolution); every Table 2 bound within 5 %
    fit = R["nsi_fit"]
    assert fit["loss_min"] <= 1.09
    assert fit["loss_min"] == pytest.approx(1.08490, abs=1e-4)
    assert fit["Yn"] == pytest.approx(1.0346, abs=1e-3)
    assert abs(fit["migrad_loss_min"] - fit["differential_evolution_loss_min"]) < 1e-4
    assert all(abs(x - 1) < 0.05 for x in fit["bounds_over_table2"])
    assert len(fit["params"]) == 10
    # speed: all starts well under a minute
    assert fit["seconds"]["migrad"] < 60


def test_sm_values():
    # 17.8 with the unrounded sigma(Delta a_mu) = 59.4e-11 (18.10 with 59e-11); the paper prints 2-3 digits
    assert R["sm_dchi2"]["amu"] == pytest.approx(17.8, rel=0.005)
    assert R["sm_dchi2"]["borexino"] == pytest.approx(0.44, rel=0.02)
    assert R["sm_dchi2"]["total"] == pytest.approx(18.3, rel=0.005)


def test_table1_has_three_coherent_settings():
    for key in ("table1", "table1_csi2021", "table1_csi_ar"):
        assert len(R[key]) >= 1 and all(row[6] < 4 for row in R[key])


@pytest.mark.xfail(strict=True, reason="open disagreement: with the App. A global minimum, g_X of N = 6 is 1.13e-4 vs 9.90e-5 (+14 %) with CsI 2021, and with our CsI 2017 term N = 3-5 are not viable; see the notebook")
def test_table1_models_viable_with_paper_couplings():
    # with CsI 2021 all seven are viable; with our CsI 2017 term (the paper's setting) N = 3-5 are not
    # (open, see the notebook): this checks the couplings, which COHERENT does not fix
    ours = {tuple(int(round(x)) for x in row[:4]): row for row in R["table1_csi2021"]}
    for t, (r, g) in TABLE1.items():
        row = ours.get(t) or ours.get(tuple(-x for x in t))
        assert row is not None, f"{t} not viable"
        assert row[6] < 4
        # eps e/g between the Borexino zero and the CsI-neutral point: within 0.2 of the paper
        assert row[4] == pytest.approx(r, abs=0.2)
        # g_X fixed by (g-2)_mu; the composition of Delta chi2 differs (COHERENT 2021, NSI fit): 12 %
        assert row[5] == pytest.approx(g, rel=0.12)


def test_mass_bound_and_closed_forms():
    # "m_X <~ 4 GeV" (eq. (4.2)); the criterion is not stated, ours is chi2_min = 4
    assert 3.0 < R["m_X_bound_trident_T_GeV"] < 6.0
    assert R["eq_3_14_eps_Y"] == pytest.approx(0.076, rel=0.02)
    assert R["eq_3_13_T_over_epsY2"] == pytest.approx(-30, rel=0.02)
    assert R["eq_5_4_apv"][0] == pytest.approx(3.4e-4, rel=0.02)
    assert R["eq_5_4_apv"][1] == pytest.approx(1.3e-4, rel=0.05)
    assert R["eq_5_6"]["coefficient"] == pytest.approx(9.5e-3, rel=0.01)
    assert R["eq_5_6"]["Rb"] == pytest.approx(3.3e-3, rel=0.08)
