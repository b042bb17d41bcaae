"""zprime: light Z' bosons, neutrino NSI, CEvNS at COHERENT and the muon g-2.

The flow of the package: data (``data``, ``constants``, ``units``) -> physics (``models``,
``u1x``, ``gm2``, ``nsi``, ``nsi_osc``, ``nue``, ``trident``, ``apv``, ``ewpt``, ``decays``,
``cevns``) -> likelihoods (``coherent``, ``recast``) -> statistics (``statistics``,
``exclusion``) -> constraints (``constraints``) -> bounds.

    >>> import zprime
    >>> bs = zprime.bounds("B-L", masses=[0.01, 0.1, 1.0])
    >>> print(bs.table())

Units: GeV = 1 everywhere inside.
"""

__version__ = "0.2.0"

__all__ = ["bounds", "__version__"]


def __getattr__(name):
    # the constraint layer pulls in every likelihood: import it on first use only
    if name == "bounds":
        from zprime.constraints import bounds

        return bounds
    raise AttributeError(f"module 'zprime' has no attribute {name!r}")
