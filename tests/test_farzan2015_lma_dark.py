"""Agreement of results/farzan2015_lma_dark.json with Farzan, arXiv:1505.06906.

The paper quotes every number to one significant figure ("~", "(6-8)"), so the
agreement criterion is that our number rounds to the paper's digit; where the
paper's statement and ours differ for a known reason the test pins the reason.
"""

import pytest

from zprime import report

R = report.read_results("farzan2015_lma_dark")


def one_digit(x):
    """x rounded to one significant figure, as the paper quotes."""
    return float(f"{x:.0e}")


def test_sect5_band_6_to_8_e_minus_5():
    # "g' = (6-8) x 1e-5 (m_Z'/10 MeV)": the envelope of the two eq.-(2) ranges rounds to it ...
    lo, hi = R["gprime_band_10MeV_envelope"]
    assert (one_digit(lo), one_digit(hi)) == (6e-5, 8e-5)
    # ... and the band where both ranges hold lies inside the envelope and contains eq. (7)
    blo, bhi = R["gprime_band_10MeV"]
    assert lo < blo < R["gprime_eq7_10MeV"] < bhi < hi


def test_eq7_g_7e_minus_5():
    assert one_digit(R["gprime_eq7_10MeV"]) == 7e-5


def test_delta_amu_summary_5e_minus_11():
    # sect. 5 item 1: (g-2)_mu/2 ~ 5e-11 at the LMA-Dark couplings (full one loop)
    assert one_digit(R["delta_amu_gprime_7e-5"]) == 5e-11
    # sect. 4 writes g'^2/8pi^2 "up to O(m_Z'^2/m_mu^2) ~ 0.01"; the true correction at 10 MeV is
    # 22%, O(m_Z'/m_mu): pin it so that a change of the loop function is noticed.
    ratio = R["delta_amu_gprime_7e-5"] / R["delta_amu_gprime_7e-5_massless"]
    assert ratio == pytest.approx(0.7826, abs=1e-3)


def test_loop_mixing_and_borexino():
    # (g' e eps)^(1/2) ~ 2e-6 with eps = g' e/(8 pi^2), well below the Borexino bound (paper: 1e-5)
    assert one_digit(R["sqrt_g_e_eps"]) == 2e-6
    assert R["sqrt_g_e_eps"] < R["borexino_bound_sqrt_g_e_eps"]
    # the divergent loop mixing with the UV scale at m_Z is of the size of the estimate
    assert 0.3 < R["loop_eps_over_estimate_mZ"] < 3


def test_trident_bound_9e_minus_4():
    # sect. 4: CCFR trident bound "around 9e-4" at m_Z' ~ 10 MeV (Altmannshofer et al.)
    assert one_digit(R["ccfr_gprime_10MeV"]) == 9e-4


def test_supernova_decay_length_disagreement_is_documented():
    # Paper: c tau ~ 1e-9 km.  Ours is ~1.5e-7 km (see the notebook); both << 10 km core radius.
    assert R["sn_decay_length_km"] == pytest.approx(1.518e-7, rel=1e-3)
    assert R["sn_decay_length_km"] < 1e-3


def test_gm2_cannot_explain_anomaly():
    # the (g-2)_mu upper limits allow g' far above the LMA-Dark band at 10 MeV
    for year in ("2021", "2025"):
        assert R["gm2_upper_gprime_10MeV"][year] > 4 * R["gprime_band_10MeV"][1]
