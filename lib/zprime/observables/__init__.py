"""Physics observables of a vector boson, one module per topic.

:mod:`.gm2` lepton g-2 at one loop; :mod:`.nsi` NSI couplings in matter; :mod:`.nsi_osc` the
approximate NSI-oscillation chi^2 (Greljo et al. App. A); :mod:`.nue` nu-e scattering and
Borexino; :mod:`.trident` neutrino trident; :mod:`.apv` atomic parity violation; :mod:`.ewpt`
T parameter and Z-pole; :mod:`.lfv` lepton-flavour violation (Farzan-Heeck); :mod:`.decays`
widths and branching ratios; :mod:`.matter` solar and Earth composition; :mod:`.cevns` the
CEvNS cross section and the SNS flux.
"""
