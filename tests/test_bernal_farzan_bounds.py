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
