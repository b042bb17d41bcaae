"""The validation layer: every public entry point checks its arguments here.

Each helper names the argument, the value and what is allowed, and raises an
:class:`InputError` (a ``ValueError``) or :class:`InputTypeError` (a ``TypeError``), both
:class:`zprime.errors.ZprimeError`.  Arrays broadcast by numpy's rules; a flavour axis is never
taken from an input's axis (a triple of flavour couplings is passed as a tuple).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Mapping

import numpy as np
from numpy.typing import ArrayLike

from zprime.errors import ZprimeError

__all__ = [
    "InputError",
    "InputTypeError",
    "finite",
    "positive",
    "nonnegative",
    "strict_bool",
    "choice",
    "checks",
    "argument_reader",
    "no_unknown",
    "triple",
    "count",
    "edges",
    "fraction",
    "vector",
]


class InputError(ZprimeError, ValueError):
    """An argument with a value the function cannot use."""


class InputTypeError(ZprimeError, TypeError):
    """An argument of the wrong type."""


def _flat(value):
    """The leaves of nested lists and tuples."""
    for x in value:
        if isinstance(x, (list, tuple)):
            yield from _flat(x)
        else:
            yield x


def _array(name: str, value) -> np.ndarray:
    kind = type(value)
    if kind is float or kind is int or kind is np.float64:  # the common cases first, without the checks below
        return np.array(float(value))
    if kind is np.ndarray and value.dtype == np.float64:
        return value.copy()
    if isinstance(value, (str, bytes)) or value is None:
        raise InputTypeError(f"{name} must be a number or an array of numbers, got {value!r}")
    if isinstance(value, (bool, np.bool_)) or (
        isinstance(value, (list, tuple)) and any(isinstance(x, (bool, np.bool_)) for x in _flat(value))
    ):
        raise InputTypeError(f"{name} must be a number or an array of numbers, not a boolean: got {value!r}")
    if isinstance(value, np.ndarray) and value.dtype.kind == "b":
        raise InputTypeError(f"{name} must be a number or an array of numbers, not booleans")
    try:
        arr = np.asarray(value)
        if arr.dtype.kind not in "biufc":  # numbers (complex ones too: NSI matrices)
            arr = np.asarray(value, dtype=float)
        elif arr.dtype.kind != "c":
            arr = arr.astype(float)
    except (TypeError, ValueError):
        raise InputTypeError(f"{name} must be a number or an array of numbers, got {value!r}") from None
    return arr


def _show(arr: np.ndarray, bad: np.ndarray) -> str:
    v = arr[bad].flat[0] if arr.ndim else arr[()]
    return repr(complex(v) if np.iscomplexobj(v) else float(v))


def finite(name: str, value: object) -> np.ndarray:
    """``value`` as a float array; raises for NaN or infinity."""
    if (type(value) is float or type(value) is np.float64) and math.isfinite(value):
        return np.array(float(value))
    arr = _array(name, value)
    if not np.isfinite(arr).all():
        raise InputError(f"{name} must be finite, got {_show(arr, ~np.isfinite(arr))}")
    return arr


def _real(name: str, value) -> np.ndarray:
    arr = finite(name, value)
    if arr.dtype.kind == "c":
        raise InputTypeError(f"{name} must be real, got a complex value")
    return arr


def positive(name: str, value: object, unit: str = "") -> np.ndarray:
    """Finite and > 0 (e.g. a mass or an energy); ``unit`` is quoted in the message."""
    arr = _real(name, value)
    if (arr <= 0).any():
        bad = arr <= 0
        raise InputError(f"{name} must be positive{f' ({unit})' if unit else ''}, got {_show(arr, bad)}")
    return arr


def nonnegative(name: str, value: object, unit: str = "") -> np.ndarray:
    """Finite and >= 0 (e.g. a coupling modulus, a recoil energy, a density ratio)."""
    arr = _real(name, value)
    if (arr < 0).any():
        bad = arr < 0
        raise InputError(f"{name} must be non-negative{f' ({unit})' if unit else ''}, got {_show(arr, bad)}")
    return arr


def strict_bool(name: str, value: object) -> bool:
    """A real ``bool`` (``numpy.bool_`` too); a string such as "no" is rejected, not read as True."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise InputTypeError(f"{name} must be True or False, got {value!r}")


def choice(name: str, value: str, allowed: Iterable[str]) -> str:
    """One of ``allowed`` (matched case-insensitively), with suggestions for a typo."""
    allowed = list(allowed)
    if isinstance(value, str):
        for a in allowed:
            if a.lower() == value.lower():
                return a
    close = difflib.get_close_matches(str(value), allowed, n=3)
    raise InputError(
        f"unknown {name} {value!r}" + (f"; did you mean {close}?" if close else "") + f" Allowed: {allowed}"
    )


def no_unknown(name: str, given: Mapping, allowed: Iterable[str]) -> None:
    """Reject keywords of ``given`` that are not in ``allowed`` (instead of dropping them)."""
    allowed = list(allowed)
    extra = [k for k in given if k not in allowed]
    if extra:
        hints = {k: difflib.get_close_matches(k, allowed, n=1) for k in extra}
        raise InputTypeError(
            f"{name}: unknown keyword(s) {extra}"
            + "".join(f"; {k!r}: did you mean {v[0]!r}?" for k, v in hints.items() if v)
            + f". Allowed: {allowed}"
        )


def triple(name: str, value: object) -> tuple:
    """Three per-flavour entries (e, mu, tau), each a number or an array; a bare 1-D array is refused
    because its axis would be mistaken for the flavour index."""
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype != object:
        raise InputTypeError(
            f"{name}: pass the three flavour values as a tuple (e, mu, tau), not as a "
            f"1-D array of length {value.size} (a scan axis would be read as flavours)"
        )
    try:
        if not isinstance(value, Iterable):
            raise TypeError
        items = tuple(value)  # TypeError also for iterables that refuse, e.g. a 0-d array
    except TypeError:
        raise InputTypeError(f"{name} must be three per-flavour values (e, mu, tau), got {value!r}") from None
    if len(items) != 3:
        raise InputError(f"{name} must have three entries (e, mu, tau), got {len(items)}")
    return tuple(finite(f"{name}[{k}]", v) for k, v in enumerate(items))


def _scalar(name, value, check):
    if isinstance(value, (str, bytes)) or value is None or np.ndim(value) != 0:
        raise InputError(f"{name} must be a single number, got {value!r}")
    return float(check(name, value))


def count(name: str, value: object, minimum: int = 1) -> int:
    """An integer >= ``minimum`` (a number of points, starts, panels); 3.0 is accepted, 2.5 and True are not."""
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (str, bytes)) or value is None or np.ndim(value) != 0:  # type: ignore[arg-type]
        raise InputTypeError(f"{name} must be an integer >= {minimum}, got {value!r}")
    try:
        v = float(value)  # type: ignore[arg-type]  # TypeError/ValueError handled below
    except (TypeError, ValueError):
        raise InputTypeError(f"{name} must be an integer >= {minimum}, got {value!r}") from None
    if not np.isfinite(v) or v != int(v) or v < minimum:
        raise InputError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(v)


def vector(name: str, value: ArrayLike) -> np.ndarray:
    """A number or a 1-D array of numbers, returned as a 1-D float array (for functions whose output
    has one row per entry); a 2-D input is refused rather than flattened."""
    arr = np.atleast_1d(finite(name, value))
    if arr.ndim != 1:
        raise InputError(f"{name} must be a number or a 1-D array, got shape {arr.shape}")
    return arr


def edges(name: str, value: ArrayLike, unit: str = "") -> np.ndarray:
    """Bin edges: a 1-D array of at least two finite, strictly increasing numbers."""
    arr = _real(name, value)
    if arr.ndim != 1 or arr.size < 2:
        raise InputError(
            f"{name} must be a 1-D array of at least two bin edges{f' ({unit})' if unit else ''}, got shape {arr.shape}"
        )
    if np.any(np.diff(arr) <= 0):
        raise InputError(f"{name} must be strictly increasing, got {arr.tolist()}")
    return arr


def fraction(name: str, value: ArrayLike, *, open_interval: bool = False) -> np.ndarray:
    """A number in [0, 1] (or in (0, 1) with ``open_interval``), e.g. sin^2 theta_W or a cos beta."""
    arr = _real(name, value)
    bad = (arr <= 0) | (arr >= 1) if open_interval else (arr < 0) | (arr > 1)
    if np.any(bad):
        rng = "(0, 1)" if open_interval else "[0, 1]"
        raise InputError(f"{name} must lie in {rng}, got {_show(arr, bad)}")
    return arr


#: Rules by name for :func:`checks`: what a value of that kind must be.
RULES = {
    "finite": lambda n, v: finite(n, v),
    "positive": lambda n, v: positive(n, v),
    "nonnegative": lambda n, v: nonnegative(n, v),
    "mass": lambda n, v: positive(f"mass {n}", v, "GeV"),
    "energy": lambda n, v: positive(f"energy {n}", v, "GeV"),
    "recoil": lambda n, v: nonnegative(f"recoil energy {n}", v, "GeV"),
    "coupling": lambda n, v: finite(f"coupling {n}", v),
    "scalar": lambda n, v: _scalar(n, v, finite),
    "positive scalar": lambda n, v: _scalar(n, v, positive),
    "count": lambda n, v: count(n, v),
    "nonnegative count": lambda n, v: count(n, v, minimum=0),
    "edges": lambda n, v: edges(n, v),
    "fraction": lambda n, v: fraction(n, v),
    "open fraction": lambda n, v: fraction(n, v, open_interval=True),
    "nonnegative scalar": lambda n, v: _scalar(n, v, nonnegative),
}


def argument_reader(fn: Callable, skip: int = 0) -> Callable[[tuple, dict], dict]:
    """``read(args, kw)``: the arguments of a call of ``fn`` by name, as ``inspect.Signature.bind`` gives them
    (those given, no defaults), for the decorators that check arguments on every call.

    ``skip`` leading parameters (``self``) are left out of ``args`` and of the result.  A call with only
    positional-or-keyword and keyword arguments is read by position, without ``bind`` (a thousand times a
    second in a fit); anything else, a malformed call included, goes through ``bind`` and its TypeError.
    """
    import inspect

    sig = inspect.signature(fn)
    params = list(sig.parameters.values())[skip:]
    var_kw = params.pop().name if params and params[-1].kind is inspect.Parameter.VAR_KEYWORD else None
    simple = all(p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in params)
    positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
    named = {p.name for p in params}
    skipped = list(sig.parameters)[:skip]

    def read(args: tuple, kw: dict) -> dict:
        if simple and len(args) <= len(positional) and not any(k in kw for k in positional[: len(args)]):
            out = dict(zip(positional, args))
            if var_kw is None:
                out.update(kw)
            else:  # the keywords beyond the named ones are collected under **kwargs, as bind does
                out.update((k, v) for k, v in kw.items() if k in named)
                extra = {k: v for k, v in kw.items() if k not in named}
                if extra:
                    out[var_kw] = extra
            return out
        out = dict(sig.bind(*([None] * skip), *args, **kw).arguments)
        for name in skipped:
            del out[name]
        return out

    return read


def checks(**rules: str) -> Callable[[Callable], Callable]:
    """Decorator: validate the named arguments by the :data:`RULES` before the call.

    >>> @checks(m="mass", g="coupling")
    ... def f(g, m): ...
    """
    import functools
    import inspect

    unknown = set(rules.values()) - set(RULES)
    if unknown:
        raise ValueError(f"unknown validation rules {sorted(unknown)}; known: {sorted(RULES)}")

    def deco(fn):
        missing = set(rules) - set(inspect.signature(fn).parameters)
        if missing:
            raise ValueError(f"{fn.__name__} has no argument(s) {sorted(missing)}")
        read = argument_reader(fn)  # an argument left at its default is not checked
        checked = [(name, RULES[rule]) for name, rule in rules.items()]

        @functools.wraps(fn)
        def wrapper(*args, **kw):
            given = read(args, kw)
            for name, rule in checked:
                if name in given:
                    rule(name, given[name])
            return fn(*args, **kw)

        return wrapper

    return deco
