"""Model space of Greljo et al. 2022: anomaly conditions, the 419 count, (alpha, R) of eq. (4.4)."""

import math

import numpy as np
import pytest

from zprime.models import ModelError, u1x


def test_every_assignment_is_anomaly_free_and_primitive():
    full = u1x.enumerate_assignments()
    assert all(a.anomalies() == (0, 0, 0) for a in full)
    assert all(math.gcd(a.q, *a.c, *a.n) == 1 for a in full)
    # the library's own anomaly coefficients (field by field) agree for the SM part
    for a in full[::50]:
        m = u1x.model(a.c_B, *a.c, check=True)
        assert m.anomalies()["SU2_SU2_X"] == pytest.approx(0, abs=1e-12)


def test_counts():
    n = u1x.count_models()
    assert n["SM-charge classes (phenomenologically distinct)"] == 419  # abstract of arXiv:2203.13731
    assert n["SM-charge classes coupling to SM fermions"] == 418
    assert n["assignments (flavours distinct)"] == 1220


@pytest.mark.parametrize("t", [(0, 0, 1, -1), (3, -9, 0, 0), (3, -3, -3, -3), (3, -7, -1, -1), (3, -6, 7, -10)])
def test_known_models_are_in_the_list(t):
    assert u1x.canonical_sign(t) in u1x.sm_classes()


def test_alpha_R_round_trip_and_table1_geometry():
    for t in [(3, -6, 3, -6), (3, -7, -1, -1), (1, -2, 0, -1), (-1, 2, 3, -2)]:
        a, R = u1x.alpha_R(*t)
        k = math.hypot(t[1], 3 * t[0])
        back = np.array(u1x.coefficients_from_alpha_R(a, R)) * k
        assert np.allclose(back, t) or np.allclose(back, -np.array(t))
    assert math.tan(u1x.alpha_R(3, -6, 5, -8)[0]) == pytest.approx(-2 / 3)  # sect. 4.2
    assert math.tan(u1x.alpha_R(3, -7, -1, -1)[0]) == pytest.approx(-7 / 9)
    assert u1x.alpha_R(0, 0, 1, -1)[1] == math.inf


def test_bad_input():
    with pytest.raises(ModelError):
        u1x.model(1, 0, 0, 0)  # anomalous
    with pytest.raises(ModelError):
        u1x.model(float("nan"), 0, 0, 0)
    with pytest.raises(ModelError):
        u1x.alpha_R(0, 0, 0, 0)
    with pytest.raises(ValueError):
        u1x.enumerate_assignments(0)
