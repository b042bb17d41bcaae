"""Test-session settings.

`make test` runs the modules on two workers (pytest-xdist, ``--dist loadscope``: a module stays on one
worker) in collection order (``--no-loadscope-reorder``; by default xdist orders them by their number of
tests, which put the few slow tests of the README and the docs last).  The slowest modules come first, so
that the workers start with them and end close together (longest first).  The order of the tests inside a
module is kept.
"""

from __future__ import annotations

#: The slowest modules, slowest first (seconds on the 2-core test machine, 2026-12-04): the docs build
#: and Chromium (58), the README shell lines (49) and Python blocks (32), the command line and figures
#: (24), the catalogue (23), notebook tools (12), XENONnT (12), App. A (9).
SLOW_FIRST = (
    "test_docs.py",
    "test_readme_shell.py",
    "test_readme.py",
    "test_user_layer.py",
    "test_constraints.py",
    "test_notebook_tools.py",
    "test_xenonnt.py",
    "test_nsi_osc.py",
)


def pytest_collection_modifyitems(session, config, items):
    rank = {name: k for k, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order
