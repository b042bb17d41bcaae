"""Experiments and their likelihoods: :mod:`.coherent` (COHERENT CsI 2017, CsI 2021, Ar 2020 data
releases) and :mod:`.recast` (dark-photon searches recast to any vector model, the DarkCast method)."""
