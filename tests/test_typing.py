"""Every public function and method of zprime carries type hints (mypy checks them in make lint)."""

import inspect

from public_api import public_functions


def test_every_public_function_has_type_hints():
    missing, total = [], 0
    for name, f in public_functions():
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
