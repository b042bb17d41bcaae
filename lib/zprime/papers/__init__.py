"""Figures and tables of the replicated papers, one module per paper.

The notebooks tell each paper's story and call these functions for what is drawing or bookkeeping
rather than physics: the physics they draw comes from :mod:`zprime.observables`,
:mod:`zprime.constraints` and :mod:`zprime.experiments`.  Each function names the figure or
equation it serves.
"""
