"""The public API of the package, found by walking it; shared by the tests that must cover all of it
(the invalid-input probe, the type hints, the API reference)."""

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import ModuleType

import zprime


def defined_objects() -> Iterator[tuple[ModuleType, str, object]]:
    """(module, name, object) of every public name a zprime module defines itself (not re-exports)."""
    for info in pkgutil.walk_packages(zprime.__path__, "zprime."):
        if info.name.endswith("__main__"):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            if not name.startswith("_") and getattr(obj, "__module__", None) == mod.__name__:
                yield mod, name, obj


def public_functions() -> Iterator[tuple[str, object]]:
    """(dotted name, function) of every public function, and of every public method, property,
    class or static method and ``__init__`` of the public classes; each code object once."""
    seen = set()
    for mod, name, obj in defined_objects():
        found = []
        if inspect.isfunction(obj):
            found.append((name, obj))
        elif inspect.isclass(obj):
            for attr, f in vars(obj).items():
                if isinstance(f, (classmethod, staticmethod)):
                    f = f.__func__
                elif isinstance(f, property):
                    f = f.fget
                if inspect.isfunction(f) and (not attr.startswith("_") or attr == "__init__"):
                    found.append((f"{name}.{attr}", f))
        for qualname, f in found:
            f = inspect.unwrap(f)
            if f.__code__ not in seen:
                seen.add(f.__code__)
                yield f"{mod.__name__}.{qualname}", f
