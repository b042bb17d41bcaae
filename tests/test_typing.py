"""Every public function and method of zprime carries type hints (mypy checks them in make lint)."""

import importlib
import inspect
import pkgutil

import zprime


def _public_callables():
    seen = set()
    for info in pkgutil.walk_packages(zprime.__path__, "zprime."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        mod = importlib.import_module(info.name)
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__:
                continue
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
                if f.__code__ in seen:
                    continue
                seen.add(f.__code__)
                yield f"{mod.__name__}.{qualname}", f


def test_every_public_function_has_type_hints():
    missing, total = [], 0
    for name, f in _public_callables():
        total += 1
        sig = inspect.signature(f)
        params = [
            p
            for p in sig.parameters.values()
            if p.name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        if any(p.annotation is inspect.Parameter.empty for p in params):
            missing.append(name)
        elif sig.return_annotation is inspect.Signature.empty and f.__name__ != "__init__":
            missing.append(name + " (return)")
    assert total > 350
    assert missing == [], f"public functions without complete type hints: {missing}"
