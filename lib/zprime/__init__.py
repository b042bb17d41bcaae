"""zprime: light Z' bosons, neutrino NSI, CEvNS at COHERENT and the muon g-2.

Modules, one per topic: ``units``, ``constants``, ``models``, ``gm2``, ``nsi``,
``decays``, ``cevns``, ``data``, ``plotting``, ``report``, ``paths``.  Units: GeV = 1.
"""

__version__ = "0.1.0"
