"""The validation layer and the silent-wrong-answer cases reported in the reliability issue."""

import numpy as np
import pytest

from zprime import validation
from zprime.errors import ZprimeError
from zprime.experiments import coherent
from zprime.models import ModelError, as_model, get_model
from zprime.observables import cevns, decays, ewpt, gm2, nsi, nue
from zprime.statistics import exclusion as X


def test_helpers_name_the_argument():
    with pytest.raises(validation.InputError, match="mass must be finite, got nan"):
        validation.finite("mass", [1.0, np.nan])
    with pytest.raises(validation.InputError, match=r"E must be positive \(GeV\), got -1.0"):
        validation.positive("E", -1.0, "GeV")
    with pytest.raises(validation.InputTypeError, match="a number or an array"):
        validation.positive("E", "ten")
    with pytest.raises(validation.InputTypeError, match="True or False, got 'no'"):
        validation.strict_bool("dirac", "no")
    assert validation.choice("mode", "HOLD", ("warn", "hold")) == "hold"
    with pytest.raises(validation.InputError, match="did you mean"):
        validation.choice("mode", "hodl", ("warn", "hold"))
    with pytest.raises(validation.InputTypeError, match="tuple"):
        validation.triple("g_nu", np.linspace(0, 1, 5))
    with pytest.raises(validation.InputError, match="three entries"):
        validation.triple("g_nu", (1.0, 2.0))
    for cls in (validation.InputError, validation.InputTypeError, ModelError):
        assert issubclass(cls, ZprimeError)


def test_checks_finds_arguments_by_position_and_keyword():
    @validation.checks(m="mass", g="coupling", T="recoil")
    def f(g, m=1.0, *, T=0.0):
        return g, m, T

    assert f(0.1, 2.0, T=1.0) == (0.1, 2.0, 1.0)
    with pytest.raises(validation.InputError, match="mass m must be positive"):
        f(0.1, -2.0)  # positional
    with pytest.raises(validation.InputError, match="mass m must be positive"):
        f(0.1, m=-2.0)  # keyword
    with pytest.raises(validation.InputError, match="recoil energy T must be non-negative"):
        f(0.1, T=-1.0)  # keyword only
    with pytest.raises(validation.InputError, match="coupling g must be finite"):
        f(g=np.float64("nan"))
    with pytest.raises(validation.InputTypeError, match="not a boolean"):
        f(True)
    with pytest.raises(TypeError):
        f(0.1, 2.0, 3.0)  # does not fit the signature: the function's own error
    # the scalar fast paths give the arrays the general path gives (a copy, never the caller's array)
    a = np.array([1.0, 2.0])
    assert validation.finite("x", a) is not a and validation.finite("x", 3) == np.array(3.0)


def test_argument_reader_reads_what_signature_bind_gives():
    import inspect

    def f(a, b=1, *, c=2): ...

    def g(a, b=1, **kw): ...

    def h(a, /, b): ...

    calls = [(f, (1,), {}), (f, (1, 2), {"c": 3}), (f, (), {"a": 1, "c": 2}), (g, (1,), {"x": 5}),
             (g, (1,), {"b": 2}), (g, (1, 2), {}), (h, (1, 2), {})]  # fmt: skip
    for fn, args, kw in calls:
        assert validation.argument_reader(fn)(args, kw) == dict(inspect.signature(fn).bind(*args, **kw).arguments)
    for fn, args, kw in ((f, (1, 2, 3), {}), (f, (1,), {"a": 1}), (g, (1, 2, 3), {})):
        with pytest.raises(TypeError):  # malformed calls: bind's own error
            validation.argument_reader(fn)(args, kw)

    def method(self, a, b=0, *, c=1): ...

    assert validation.argument_reader(method, skip=1)((1,), {"c": 3}) == {"a": 1, "c": 3}


def test_nan_and_unphysical_input_raise():
    with pytest.raises(ValueError, match="m_boson must be finite"):
        gm2.delta_a(np.nan, g=1e-3)  # was 0.0
    with pytest.raises(ValueError, match="neutrino energy E"):
        cevns.dsigma_dT(np.nan, 1e-6, cevns.nucleus("Cs133"), 1.0)  # was 0
    with pytest.raises(ValueError, match="recoil energy T"):
        cevns.dsigma_dT(0.03, -1e-6, cevns.nucleus("Cs133"), 1.0)
    with pytest.raises(ValueError, match="no Helm radius"):
        cevns.helm(0.05, 1.0)  # was "math domain error"
    with pytest.raises(ValueError, match="n_c"):
        decays.width_ll(1.0, 1.0, 1.0, 0.1, n_c=-3)
    with pytest.raises(TypeError, match="dirac"):
        decays.partial_widths(get_model("B-L"), 0.1, dirac="no")  # was read as True
    with pytest.raises(TypeError, match="sin2_12"):
        nue.solar_flavour_fractions(sin2_12=0.3)  # was dropped


def test_flavour_axes_are_never_input_axes():
    # a coupling scan is not three flavour couplings
    g = np.geomspace(1e-6, 1e-4, 7)
    with pytest.raises(TypeError, match="tuple"):
        nue.R_Be(g, g, g, 0.1)
    R = nue.R_Be((g, g, g), g, g, 0.1)
    assert R.shape == (7,)
    # a mass array gets its own axes in front of the 3 x 3 flavour matrix
    m = np.array([0.01, 0.02, 0.03])
    eps = nsi.epsilon_psi_mixing(1e-4, 0.1, [0.05, 0.0, 0.07], m)
    assert eps.shape == (3, 3, 3)
    for k in range(3):
        assert eps[k] == pytest.approx(nsi.epsilon_psi_mixing(1e-4, 0.1, [0.05, 0.0, 0.07], m[k]), rel=1e-14)


def test_no_mixing_is_no_shift():
    # valid input, formerly NaN
    assert float(ewpt.T_parameter(0.0, ewpt.c.m_Z)) == 0.0
    assert float(ewpt.rho0(0.0, ewpt.c.m_Z)) == 1.0
    assert np.isfinite(ewpt.T_parameter(1e-3, ewpt.c.m_Z))


def test_nan_chi2_surfaces_are_refused():
    f = lambda g, M: np.where(g > 1e-4, np.nan, (g / 1e-5) ** 2)
    with pytest.raises(ValueError, match="not finite"):
        X.global_minimum(f, np.array([0.01, 0.1]), np.geomspace(1e-6, 1e-3, 20))
    with pytest.raises(ValueError, match="chi2_min must be finite"):
        X.upper_bound(lambda g, M: (g / 1e-5) ** 2, 0.01, float("nan"))


def test_model_names_work_where_models_do():
    assert as_model("b-l") == get_model("B-L")  # case-insensitive
    assert gm2.delta_a_model("L_mu-L_tau", 1e-3, 0.1) == pytest.approx(
        gm2.delta_a_model(get_model("L_mu-L_tau"), 1e-3, 0.1), rel=1e-15
    )
    assert decays.width("B-L", "e_e", 0.1) > 0
    with pytest.raises(ModelError, match="Did you mean"):
        decays.width("B-LL", "e_e", 0.1)
    with pytest.raises(ModelError, match=r"model \(VectorModel, ScalarModel\) or a model name"):
        gm2.delta_a_model(3.0, 1e-3, 0.1)


def test_dataset_lists():
    with pytest.raises(ValueError, match="twice"):
        X.coherent_chi2(get_model("B-L"), ("CsI", "CsI"))
    with pytest.raises(ValueError, match="at least one"):
        X.coherent_chi2(get_model("B-L"), ())
    with pytest.raises(ValueError, match="distinct"):
        coherent.chi2_vector(get_model("B-L"), 1e-5, 0.01, ("Ar", "Ar"))


def test_global_fit_and_nsi_fit_arguments():
    from zprime.observables import nsi_osc
    from zprime.statistics import global_fit as GF

    nsi_chi2 = nsi_osc.global_minimum()
    F = GF.GlobalChi2((3, -6, 4, -7), m_X=0.2, nsi=nsi_chi2)
    with pytest.raises(TypeError, match="coupling|number"):
        F.total("x", -6.0)
    with pytest.raises(ValueError, match="g must be finite"):
        F.amu(np.inf, -6.0)  # was inf
    with pytest.raises(ValueError, match="r must be finite"):
        F.total(1e-4, np.nan)
    with pytest.raises(ValueError, match="eps_0 must be finite"):
        nsi_chi2.delta_chi2(np.nan, (1, 0, -3, 0))  # was nan
    with pytest.raises(ValueError, match="low < high"):
        GF.minimise(F, lg_range=(-1, -6))  # was a silent minimum on an empty range
    with pytest.raises(ValueError, match="n_g must be a whole number >= 3"):
        GF.minimise(F, n_g=1)  # was IndexError


def test_counts_edges_fractions_and_vectors():
    assert validation.count("n", 3.0) == 3
    for bad in (2.5, 0, -1, True, "3", None, np.nan, np.ones(2)):
        with pytest.raises(ZprimeError, match="n must be an integer >= 1"):
            validation.count("n", bad)
    assert validation.count("seed", 0, minimum=0) == 0
    np.testing.assert_array_equal(validation.edges("pe_edges", [0, 8, 12]), [0.0, 8.0, 12.0])
    for bad, what in (([0, 8, 8], "strictly increasing"), ([5.0], "at least two"), (np.ones((2, 2)), "1-D")):
        with pytest.raises(validation.InputError, match=what):
            validation.edges("pe_edges", bad)
    with pytest.raises(validation.InputError, match=r"s2w must lie in \(0, 1\), got 1.0"):
        validation.fraction("s2w", 1.0, open_interval=True)
    assert validation.fraction("cos", 1.0) == 1.0
    assert validation.vector("E_ee", 2.0).shape == (1,)
    with pytest.raises(validation.InputError, match="E_ee must be a number or a 1-D array"):
        validation.vector("E_ee", np.ones((2, 3)))


def test_constraint_methods_validate_in_one_place():
    """Every Constraint subclass gets the same model/g/m/loop_mixing checks (base._validated)."""
    from zprime import constraints
    from zprime.constraints.base import VALIDATED_METHODS, Constraint

    c = constraints.get("Borexino 7Be")
    assert c.delta_chi2("b-l", 1e-5, 0.01) == c.delta_chi2(get_model("B-L"), 1e-5, 0.01)
    with pytest.raises(ModelError, match="unknown model"):
        c.delta_chi2("B-M", 1e-5, 0.01)
    with pytest.raises(validation.InputTypeError, match="loop_mixing must be True or False"):
        c.excluded(get_model("B-L"), 1e-5, 0.01, loop_mixing="no")
    for cls in Constraint.__subclasses__():
        for name in VALIDATED_METHODS:
            fn = cls.__dict__.get(name)
            assert fn is None or getattr(fn, "_validated", False), (cls, name)
