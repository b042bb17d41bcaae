"""The bounds of the neutrinophilic U(1)_B / U(1)_{B-L} of Farzan and Heeck (arXiv:1607.07616) on a grid."""

import math

import numpy as np
import pytest

import zprime
from zprime import constants as c
from zprime import constraints, models
from zprime.constraints import ConstraintError
from zprime.constraints import neutrinophilic as fh
from zprime.models import ModelError
from zprime.observables import lfv, nsi
from zprime.validation import InputError

K2 = nsi.KAPPA2_UNITARITY


def test_yukawa_product_is_eq_8_with_eq_9():
    M, G = np.array([[0.01]]), np.array([[1e-3]])
    for group, g_l in (("B", 0.0), ("B-L", -1.0)):
        got = fh.yukawa_product(group, ("e", "tau"), M, G, 0.1, 1.0)[0, 0]
        want = 2 * 1.0**2 * math.sqrt(K2["e"] * K2["tau"]) * (0.1 - g_l * 1e-3) ** 2 / 0.01**2
        assert got == pytest.approx(want, rel=1e-14)


def test_hatched_regions():
    M, G = np.meshgrid([0.004, 0.02, 0.5], [1e-8, 1e-3])
    kw = dict(g_psi=0.1, M_psi=1.0, m_cosmo=0.005, yy_bounds={("e", "tau"): 0.46})
    h = fh.hatched("B", ("tau", "tau"), M, G, **kw)
    assert np.all(h[:, 0]) and not np.any(h[:, 2])  # cosmology below 5 MeV; heavy Z': small Yukawas
    # the LFV bound on |y_e y_tau| hatches where the Yukawa product exceeds it
    yy = fh.yukawa_product("B", ("e", "tau"), M, G, 0.1, 1.0)
    lfv = fh.hatched("B", ("e", "tau"), M, G, **kw)
    assert np.array_equal(lfv[:, 1:], (yy > 0.46)[:, 1:] | (math.sqrt(K2["tau"] / K2["e"]) * yy > 4 * math.pi)[:, 1:])


def test_kappa_and_flavour_checks():
    k = fh.kappa_at_unitarity(("e", "tau"))
    assert k[1] == 0.0 and k[0] == pytest.approx(math.sqrt(K2["e"]))
    with pytest.raises(InputError, match="flavours"):
        fh.kappa_at_unitarity(("e", "x"))
    with pytest.raises(InputError, match="group"):
        fh.unit_epsilon("L", ("e", "e"), [0.01], 0.1, 1.0)


def test_tau_to_l_zprime_ee_only_in_its_window():
    masses = np.array([5e-4, 0.01, 0.1, 2.0])  # below 2 m_e, inside, inside, above m_tau - m_mu
    G = np.full((2, masses.size), 1e-4)
    rate = fh.tau_to_l_zprime_ee("B-L", ("mu", "tau"), masses, G, g_psi=0.1, M_psi=1.0, M_H=400.0)
    inside = (masses > 2 * c.m_e) & (masses < c.m_tau - c.m_mu)
    assert np.all(rate[:, ~inside] == 0) and np.all(rate[:, inside] > 0)
    with pytest.raises(InputError, match="shape"):
        fh.tau_to_l_zprime_ee("B-L", ("mu", "tau"), masses, G[:, :2], g_psi=0.1, M_psi=1.0, M_H=400.0)


# --- the model and its Constraints --------------------------------------------------------------
LFV_LIMITS = {"tau_e": 3.3e-8, "tau_mu": 4.4e-8, "mu_e": 4.2e-13}


def test_neutrino_couplings_are_eq_10():
    X = models.farzan_heeck2016("B-L", ("mu", "tau"), g_psi=0.2)
    assert X.kappa2 == (0.0, K2["mu"], K2["tau"])
    assert X.x("u") == X.x("b") == 1 / 3 and X.x("e") == X.x("nu_tau") == -1.0
    g = 3e-4
    C = X.neutrino_couplings(g)
    k = np.sqrt([0.0, K2["mu"], K2["tau"]])
    assert np.allclose(C, -g * np.eye(3) + 0.2 * np.outer(k, k), rtol=1e-15, atol=0)
    # rank one beyond g_l: |C_ab|^2 = (C_aa - g g_l)(C_bb - g g_l), the |eps_ab| = sqrt(eps_aa eps_bb) of sect. 2
    assert C[1, 2] ** 2 == pytest.approx((C[1, 1] + g) * (C[2, 2] + g), rel=1e-14)
    assert not X.scales_with_g and X.psi_mixing and not models.get_model("B-L").psi_mixing


def test_at_coupling_folds_the_psi_coupling_into_the_nu_charge():
    X = models.get_model("farzan_heeck2016_B", flavours=("e", "e"))
    Y = X.at_coupling(2e-5)
    assert Y.x("nu_e") == 0.1 * K2["e"] / 2e-5 and Y.x("nu_mu") == 0.0 and Y.x("u") == 1 / 3
    assert Y.scales_with_g and not Y.psi_mixing
    with pytest.raises(ModelError, match="off-diagonal"):
        models.farzan_heeck2016("B", ("mu", "tau")).at_coupling(1e-3)


@pytest.mark.parametrize(
    "kw, match",
    [
        (dict(group="L"), "group"),
        (dict(flavours=("e", "x")), "flavours"),
        (dict(g_psi=0.0), "g_psi"),
        (dict(g_psi=float("nan")), "g_psi"),
        (dict(M_psi=-1.0), "M_psi"),
        (dict(kappa2=(0.1, 0.0, 0.0)), "unitarity"),
        (dict(kappa2=(0.0, 1e-4, 0.0)), "non-zero"),
        (dict(kappa2=(1e-3, 1e-4)), "three numbers"),
    ],
)
def test_bad_neutrinophilic_models_raise_naming_the_argument(kw, match):
    args = dict(group="B", flavours=("e", "tau"))
    args.update(kw)
    with pytest.raises(ModelError, match=match):
        models.farzan_heeck2016(args.pop("group"), args.pop("flavours"), **args)


def test_neutrinophilic_model_as_data():
    X = models.farzan_heeck2016("B", ("e", "tau"), M_H=600.0)
    d = X.definition()["farzan_heeck2016"]
    assert d == {"group": "B", "flavours": ["e", "tau"], "g_psi": 0.1, "M_psi": 1.0, "M_H": 600.0,
                 "kappa2": [K2["e"], 0.0, K2["tau"]]}  # fmt: skip
    assert X.key() != models.farzan_heeck2016("B", ("e", "tau")).key()
    with pytest.raises(ModelError, match="model file"):
        X.to_toml()
    import dataclasses

    with pytest.raises(ModelError, match="charges of its group"):
        dataclasses.replace(X, eps=1e-4)


def test_catalogue_constraints_say_why_they_do_not_reach_it():
    X = models.farzan_heeck2016("B-L", ("mu", "tau"))
    for name, con in constraints.catalogue().items():
        why = con.reasons(X, [0.01])[0]
        if name.startswith("(g-2)"):
            assert why == ""  # charged leptons only
            assert con.delta_chi2(X, 0.0, 0.01) == 0.0
        else:
            assert why, name
    with pytest.raises(ConstraintError, match="nu-Psi mixing"):
        constraints.get("COHERENT CsI 2021").delta_chi2(X, 1e-4, 0.01)
    # and its own constraints reach no other model
    for con in fh.constraints():
        assert "neutrinophilic models" in con.reasons(models.get_model("B-L"), [0.01])[0]
        with pytest.raises(ConstraintError):
            con.excluded(models.get_model("B-L"), 1e-4, 0.01)


def test_own_constraints_need_their_flavour_structure():
    lfv_con, tau_con = fh.RadiativeLFV(), fh.TauToLZprime()
    assert "diagonal" in lfv_con.reasons(models.farzan_heeck2016("B", ("e", "e")), [0.01])[0]
    assert "U(1)_B has no Z' -> e e" in tau_con.reasons(models.farzan_heeck2016("B", ("mu", "tau")), [0.01])[0]
    X = models.farzan_heeck2016("B-L", ("mu", "tau"))
    assert list(tau_con.reasons(X, [1e-3, 0.1, 1.7])) == [
        "outside nu-Psi: tau -> l Z' (-> e e)'s mass range 0.00102-1.67 GeV",
        "",
        "outside nu-Psi: tau -> l Z' (-> e e)'s mass range 0.00102-1.67 GeV",
    ]
    with pytest.raises(InputError, match="B-L only"):
        fh.tau_to_l_zprime_ee_points("B", ("mu", "tau"), 0.1, 1e-4, g_psi=0.1, M_psi=1.0, M_H=400.0)


def test_lfv_bound_is_taken_at_the_charged_scalar_mass():
    # with a light Psi the H- loop goes as |y y|/M_H^2 (eq. (17)): the bound on |y y| as M_H^2
    con = fh.RadiativeLFV()
    b400 = con.yy_bound(models.farzan_heeck2016("B", ("mu", "tau"), M_H=400.0))
    b800 = con.yy_bound(models.farzan_heeck2016("B", ("mu", "tau"), M_H=800.0))
    assert b800 == pytest.approx(4 * b400, rel=1e-9)
    assert b400 == pytest.approx(float(lfv.yy_bound("tau", 4.4e-8, 400.0)), rel=1e-15)


def test_own_constraints_exclude_nothing_as_g_and_the_psi_coupling_vanish():
    # at g -> 0 the searches and tau -> l Z'(-> e e) see nothing; the Yukawa criteria do not vanish with g
    # (they bound the mixing itself), but with g_Psi |kappa|^2 -> 0 (tiny kappa) they do
    m = np.array([0.01, 0.1, 0.5])
    X = models.farzan_heeck2016("B-L", ("mu", "tau"))
    for con in (fh.InvisibleSearches(), fh.TauToLZprime()):
        assert not np.any(con.excluded(X, np.full(m.shape, 1e-13), m)), con.name
    tiny = models.farzan_heeck2016("B-L", ("mu", "tau"), kappa2=(0.0, 1e-20, 1e-20))
    for con in (fh.Perturbativity(), fh.RadiativeLFV()):
        assert not np.any(con.excluded(tiny, np.full(m.shape, 1e-13), m)), con.name


def test_bounds_of_the_model_agree_with_the_panel_masks():
    """The Fig. 6 (right) plane of nsi_plane and bounds() of the same model: the same Constraints, so each
    lower edge from bounds() lies between the last allowed and the first excluded grid coupling."""
    masses = np.array([0.005, 0.012])  # where tau -> mu Z'(-> e e) excludes a band
    gg = np.geomspace(1e-10, 1e-1, 170)
    kw = dict(g_psi=0.1, M_psi=1.0, M_H=400.0, Y_n=1.0, m_cosmo=0.005, br_limits=LFV_LIMITS)
    P = fh.nsi_plane("B-L", ("mu", "tau"), masses, gg, tau_lll_limit=1e-8, **kw)
    X = models.farzan_heeck2016("B-L", ("mu", "tau"))
    bs = zprime.bounds(X, masses, g_range=(1e-10, 1e-1, 170))
    assert set(bs.names()) >= {c.name for c in fh.constraints()}  # "all" includes the model's own
    for mask, name in ((P.other, fh.InvisibleSearches.name), (P.lll, fh.TauToLZprime.name)):
        for j in range(masses.size):
            k = int(np.argmax(mask[:, j]))
            assert mask[k, j], name
            lo = bs[name].intervals[j][0][0]
            assert gg[k - 1] < lo <= gg[k] * (1 + 1e-12), (name, j, lo, gg[k - 1], gg[k])
