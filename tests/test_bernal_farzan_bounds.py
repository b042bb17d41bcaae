"""The bounds of Bernal and Farzan (arXiv:2211.15686) as functions of (c, tan eta): closed forms of sect. III."""

import math

import numpy as np
import pytest

from zprime import constants as c
from zprime import models
from zprime.constraints import bernal_farzan2023 as bf


def test_borexino_thresholds_are_eq_34_solved():
    up, low = bf.tan_eta_thresholds(3.0, 2.0, 0.54)  # the whole LMA-Dark band, Y_n = 0.54: paper 0.5 and -37
    for t in (up, low):
        assert abs(float(bf.eps_e_medium_ratio(3.0, t, 0.54))) == pytest.approx(2.0, rel=1e-12)
    assert up == pytest.approx(0.5, abs=0.01) and low == pytest.approx(-37, rel=0.02)
    assert bf.tan_eta_thresholds(4.0, 2.0, 0.54)[1] == -math.inf  # X = 2 (1 + Y_n)/eps_med < 1: no lower one


def test_borexino_bound_is_the_contact_limit_of_eq_9():
    c_, t, m = -0.1, -0.75, np.array([0.01, 0.1])
    a = models.bernal_farzan2023_mixing(c_, t)
    g = bf.upper_bounds(c_, t, m, ours=False)["Borexino"]
    eps_e = 2 * a * g**2 / (2 * math.sqrt(2) * c.G_F * m**2)  # eq. (9) in the vector normalisation
    assert np.allclose(np.abs(eps_e) / 2, 2.0, rtol=1e-12)


def test_phi_only_adds_to_the_width():
    m = np.array([0.03, 0.06])
    plain = bf.upper_bounds(-0.1, -0.75, m)
    phi = bf.upper_bounds(-0.1, -0.75, m, phi_width=bf.phi_width(40.0, 1 / 3))
    assert np.all(phi["NA64 paper"] > plain["NA64 paper"]) and np.array_equal(phi["Borexino"], plain["Borexino"])


def test_figure_setup_solves_eq_13_and_summarises_a_projection_row():
    from zprime.observables import nsi
    from zprime.papers import bernal_farzan2023 as figs
    from zprime.units import MeV

    m = np.geomspace(5, 200, 7) * MeV
    setup = figs.Setup(m, -0.75, 40.0, 1 / 3, 0.54, 2.0, (2.0, 3.0), (-0.081, 1.422), (5.0, 200.0))
    g = setup.g_from_eps_medium(2.5, -0.1)
    model = models.bernal_farzan2023(-0.1, tan_eta=-0.75)
    np.testing.assert_allclose(nsi.epsilon_medium(model, g, m, "mu", 0.54), 2.5, rtol=1e-10)
    assert setup.nsi_bands(2 / 3)["LMA-Dark"] is None  # c > 0: eps_medium < 0, no LMA-Dark
    eps_abs = np.array([0.1, 1.0, 10.0])
    P = {"Borexino": np.array([[False, False, True]]), "gm2_ok": np.array([[True, True, True]])}
    got = figs.projection_summary(P, 0, np.array([-0.75]), eps_abs)
    assert got == {"tan_eta": -0.75, "borexino_eps_med_max": 10.0, "gm2_and_borexino_eps_med": [0.1, 1.0]}


def test_c9_is_eq_37_and_its_large_q2_limit_eq_38():
    g, m, q2 = 7e-4, 0.03, 1.0
    g_ref = math.sqrt(3 * math.sqrt(2) * (1 / 128) * c.G_F / math.pi)  # eq. (38) reference coupling
    got = bf.c9(g, m, -0.1, 1 / 128) * m**2 / (m**2 - q2)
    assert got == pytest.approx((g / g_ref) ** 2 * (3 * -0.1 - 2) / (q2 - m**2), rel=1e-12)
