"""The package's exceptions and warnings: every error raised on bad input is a :class:`ZprimeError`.

Catch ``zprime.errors.ZprimeError`` to handle any of them; each is also a ``ValueError`` (bad
value), ``TypeError`` (wrong type) or ``RuntimeError`` (a data file missing or altered), so code
written against the built-in classes keeps working.
"""

from __future__ import annotations

__all__ = ["ZprimeError", "ZprimeWarning", "ParameterError"]


class ZprimeError(Exception):
    """Base class of every exception the package raises on purpose."""


class ZprimeWarning(UserWarning):
    """Base class of the package's warnings (e.g. a tabulated curve used outside its range)."""


class ParameterError(ZprimeError, ValueError):
    """A notebook parameter outside what the notebook can compute with."""
