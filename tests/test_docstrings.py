"""The central entry points carry full numpydoc docstrings (parameters with units and shapes,
returns, an example), and every example runs and prints what its docstring says.

The rest of the public API has at least a one-line docstring with the equation it implements
(type hints on all of it are checked by tests/test_typing.py); this list grows as docstrings
are written out.
"""

import doctest
import importlib
import inspect

import pytest

DOCUMENTED_API = [
    "zprime.constraints.bounds:bounds",
    "zprime.constraints.bounds:BoundSet.table",
    "zprime.constraints.base:Constraint.excluded",
    "zprime.constraints.base:Constraint.delta_chi2",
    "zprime.models.vector:get_model",
    "zprime.models.vector:G_B",
    "zprime.observables.nsi:eps0",
    "zprime.observables.nsi:epsilon",
    "zprime.observables.nsi:epsilon_matter",
    "zprime.observables.gm2:delta_a_vector",
    "zprime.observables.gm2:delta_a_model",
    "zprime.observables.gm2:coupling_band",
    "zprime.observables.decays:width",
    "zprime.observables.decays:branching_ratio",
    "zprime.observables.decays:lifetime",
    "zprime.experiments.coherent:likelihood",
    "zprime.statistics.exclusion:upper_bound",
    "zprime.statistics.exclusion:coherent_chi2",
    "zprime.statistics.exclusion:crossings",
    "zprime.observables.cevns:helm",
    "zprime.observables.cevns:q_of_T",
    "zprime.models.vector:VectorModel.from_array",
    "zprime.models.vector:VectorModel.x_eff",
    "zprime.constraints.catalogue:get",
    "zprime.models.vector:farzan2015",
    "zprime.models.vector:bernal_farzan2023",
    "zprime.models.u1x:model",
    "zprime.observables.apv:g_bound",
    "zprime.observables.ewpt:T_parameter",
    "zprime.data:path",
    "zprime.data:load_curve",
    "zprime.experiments.coherent.likelihood:Likelihood.predict_vector",
    "zprime.experiments.coherent.likelihood:Likelihood.chi2",
    "zprime.models.vector:loop_kinetic_mixing",
    "zprime.observables.cevns:weak_charge_sm",
    "zprime.observables.cevns:weak_charge_vector",
    "zprime.experiments.recast.band:recast",
    "zprime.statistics.global_fit:minimise",
    "zprime.statistics.global_fit:scan",
    "zprime.constraints.bounds:BoundSet.to_json",
    "zprime.statistics.intervals:excluded_intervals",
    "zprime.observables.decays:partial_widths",
    "zprime.observables.solar:total_flux",
    "zprime.observables.solar:spectrum",
    "zprime.observables.trident:ratio",
    "zprime.models.vector:VectorModel.nucleon_charges",
    "zprime.constraints.base:Constraint.threshold",
]


def _resolve(path: str):
    """The object named by "module:qualname"."""
    module, qualname = path.split(":")
    obj = importlib.import_module(module)
    for attr in qualname.split("."):
        obj = getattr(obj, attr)
    return inspect.unwrap(obj)


@pytest.mark.parametrize("path", DOCUMENTED_API)
def test_docstring_has_numpydoc_sections_and_a_running_example(path):
    f = _resolve(path)
    doc = inspect.getdoc(f) or ""
    for section in ("Parameters", "Returns", "Examples"):
        assert f"{section}\n{'-' * len(section)}" in doc, f"{path}: no {section} section"
    params = [p for p in inspect.signature(f).parameters if p not in ("self", "cls")]
    for p in params:
        assert p in doc.split("Returns\n")[0], f"{path}: parameter {p!r} is not described"
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    tests = finder.find(f, path, globs={})
    assert tests and tests[0].examples, f"{path}: the example has no >>> lines"
    for t in tests:
        runner.run(t)
    assert runner.failures == 0, f"{path}: its example does not print what the docstring says"
