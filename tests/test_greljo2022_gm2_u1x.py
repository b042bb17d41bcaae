"""Agreement of results/greljo2022_gm2_u1x.json with Greljo, Stangl, Thomsen, Zupan, arXiv:2203.13731."""

import pytest

from zprime import published, report

R = report.read_results("greljo2022_gm2_u1x")

# Table 1 (the file states how the two garbled exponents are read)
TABLE1 = {t: (r, g) for t, r, g, _ in published.greljo2022_table1()}


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
    # timings are not part of the record (they change on every run): none stored
    assert "seconds" not in fit


def test_sm_values():
    # 17.8 with the unrounded sigma(Delta a_mu) = 59.4e-11 (18.10 with 59e-11); the paper prints 2-3 digits
    assert R["sm_dchi2"]["amu"] == pytest.approx(17.8, rel=0.005)
    assert R["sm_dchi2"]["borexino"] == pytest.approx(0.44, rel=0.02)
    assert R["sm_dchi2"]["total"] == pytest.approx(18.3, rel=0.005)


def test_table1_has_three_coherent_settings():
    for key in ("table1", "table1_csi2021", "table1_csi_ar"):
        assert len(R[key]) >= 1 and all(row[6] < 4 for row in R[key])


# Rows whose printed g_X our copy garbles (exponent, see the table file): their couplings are not compared.
GARBLED_G = {tuple(r["charges"]) for r in published.load("greljo2022_table1")["row"] if r.get("garbled_exponent")}


def _rows(key):
    return {tuple(int(round(x)) for x in row[:4]): row for row in R[key]}


def _find(rows, t):
    return rows.get(t) or rows.get(tuple(-x for x in t))


def test_table1_paper_setting_shared_rows():
    # CsI 2017 (the paper's setting): L_mu - L_tau, 3B-7L_e-L_mu-L_tau and N = 6, 7 are viable as in the paper
    ours = _rows("table1")
    for t in [(0, 0, 1, -1), (3, -7, -1, -1), (3, -6, 7, -10), (3, -6, 6, -9)]:
        assert _find(ours, t) is not None, f"{t} not viable"
    for t in [(0, 0, 1, -1), (3, -7, -1, -1)]:
        # COHERENT-blind rows: r at the paper's value (r is printed to 0.01; ours is a grid-zoom minimum)
        assert _find(ours, t)[4] == pytest.approx(TABLE1[t][0], abs=0.05)
    for t in [(0, 0, 1, -1), (3, -7, -1, -1), (3, -6, 7, -10)]:
        # g_X is fixed by Delta a_mu through g_X (c_mu - r); the other terms move it by up to 7 % (3B-7L_e-L_mu-L_tau)
        assert _find(ours, t)[5] == pytest.approx(TABLE1[t][1], rel=0.08)


def test_table1_paper_setting_difference_is_csi2017_timing():
    # N = 3-5 are not viable with our CsI 2017 term; at the paper's own best-fit points our a_mu, Borexino and
    # NSI terms fit inside the paper's totals, our CsI 2017 term exceeds what is left for COHERENT by > 0.5,
    # and without its time bins it does not: the difference is the timing (flavour) information
    ours = _rows("table1")
    assert all(_find(ours, (3, -6, n, -3 - n)) is None for n in (3, 4, 5))
    for n in (3, 4, 5, 6, 7):
        tr = R["table1_trace"][str(n)]
        assert tr["coherent_left"] > -0.1
        assert tr["csi2017"] > tr["coherent_left"] + 0.5
        assert tr["csi2017_energy_only"] < tr["coherent_left"] + 0.1


@pytest.mark.parametrize("key", ["table1_csi2021", "table1_csi_ar"])
def test_table1_today_keeps_the_papers_seven(key):
    # with today's COHERENT data all seven of the paper's models are viable, with the paper's couplings
    ours = _rows(key)
    for t, (_, g) in TABLE1.items():
        row = _find(ours, t)
        assert row is not None, f"{t} not viable"
        assert row[6] < 4
        # r is set by the balance of Borexino and COHERENT, i.e. by the data set that differs from the paper's;
        # g_X is set by Delta a_mu (through g_X (c_mu - r)) and is compared
        if t not in GARBLED_G:
            assert row[5] == pytest.approx(g, rel=0.08)


def test_mass_bound_and_closed_forms():
    # "m_X <~ 4 GeV" (eq. (4.2)); the criterion is not stated, ours is chi2_min = 4
    assert 3.0 < R["m_X_bound_trident_T_GeV"] < 6.0
    assert R["eq_3_14_eps_Y"] == pytest.approx(0.076, rel=0.02)
    assert R["eq_3_13_T_over_epsY2"] == pytest.approx(-30, rel=0.02)
    assert R["eq_5_4_apv"][0] == pytest.approx(3.4e-4, rel=0.02)
    assert R["eq_5_4_apv"][1] == pytest.approx(1.3e-4, rel=0.05)
    assert R["eq_5_6"]["coefficient"] == pytest.approx(9.5e-3, rel=0.01)
    assert R["eq_5_6"]["Rb"] == pytest.approx(3.3e-3, rel=0.08)
