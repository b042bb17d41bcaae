"""A probe of the whole public API with bad arguments (the reliability issue's adversarial user).

Every public function and method of ``zprime`` is either probed here or listed in
:data:`NOT_PROBED` with the reason (a test fails when a new public function is neither).  For each
probe, every numeric argument (given, or a numeric default) is replaced in turn by NaN, infinity,
-1, 0, a string, None, a (2, 3) array and a list holding a NaN; every name argument by an unknown
name; every model argument by a number.  Each call must either raise the package's exception
(:class:`zprime.errors.ZprimeError`) with a message that names the argument, or -- where the value
is allowed (a zero or negative coupling or charge, an array that broadcasts) -- return finite
numbers.  The few documented exceptions are in :data:`DOCUMENTED`.
"""

from __future__ import annotations

import importlib
import inspect
import warnings

import numpy as np
import pytest
from public_api import defined_objects

from zprime import constants, constraints, models, paths, report
from zprime.errors import ZprimeError
from zprime.experiments import coherent, recast, xenonnt
from zprime.experiments.coherent import ar2020_release as ar
from zprime.experiments.coherent import csi2017_release as c17
from zprime.experiments.coherent import csi2021_release as c21
from zprime.experiments.coherent import detectors, timing
from zprime.experiments.recast import darkcast, production, searches
from zprime.experiments.xenonnt import binned
from zprime.experiments.xenonnt import release2024 as R24
from zprime.models import u1x
from zprime.observables import apv, cevns, decays, ewpt, gm2, lfv, matter, nsi, nsi_osc, nue, solar, trident
from zprime.statistics import LimitCurve, intervals
from zprime.statistics import exclusion as X
from zprime.statistics import global_fit as GF
from zprime.units import fm as FM

CAT = importlib.import_module("zprime.constraints.catalogue")
FH = importlib.import_module("zprime.constraints.neutrinophilic")
TODAY = importlib.import_module("zprime.today")
BF = importlib.import_module("zprime.constraints.bernal_farzan2023")
GM = importlib.import_module("zprime.constraints.greljo2022")
FH_M, FH_G = np.meshgrid([0.01, 0.1], [1e-6, 1e-4])
BMOD = importlib.import_module("zprime.constraints.bounds")
BL = models.get_model("B-L")
FHX = models.farzan_heeck2016("B-L", ("mu", "tau"))
LMT = models.get_model("L_mu-L_tau")
SCA = models.get_model("scalar")
EPS_BL = models.VectorModel("B-L with eps", BL.charges, eps=1e-4)
#: A chiral model: vector quark charges, an axial electron charge, a dark fermion with a fixed coupling.
AXD = models.VectorModel(
    "axial-e",
    {"u": 1 / 3, "d": 1 / 3, "e": 0.0, "mu": 0.0, "tau": 0.0, "nu_e": 0.0, "nu_mu": 0.0, "nu_tau": 0.0},
    axial={"e": 1.0},
    dark=models.DarkSector(m_chi=1e-3, g_chi=1e-3),
)
NUC = cevns.nucleus("Cs133")
CSI = coherent.likelihood("CsI")
AR = coherent.likelihood("Ar")
NA64 = searches.get_search("NA64_NA642019imj")
QUAD = lambda g, m: (g / 1e-4) ** 2  # noqa: E731  a chi2 with a known 2-sigma crossing
APPROX = nsi_osc.ApproxChi2((-1.0, 2.0, 1.5), (3.0, 4.0, 5.0), (0.3, -0.2, 0.5), 1.05)
XE = xenonnt.XenonLikelihood(("sr0",))
W_SM = XE.sm_weights()
GCHI2 = GF.GlobalChi2((3, -6, 4, -7), m_X=0.1, include=("amu", "borexino", "nsi"), nsi=APPROX)

# (callable, valid keyword arguments)
PROBES = [
    (paths.check_name, dict(name="fig1")),
    (models.loop_charge_sum, dict(model=LMT)),
    (report.significant, dict(x=1.2345, digits=3)),
    (report.small, dict(x=1e-13, floor=1e-12)),
    (report.precision, dict(stem="status_today", key="xenonnt/sr0_sr1/flux_8B_1e6")),
    (R24.livetime, dict(run="sr0")),
    (R24.prior, dict(name="b8_rate_multiplier")),
    (R24.binning_2024, dict(run="sr1")),
    (R24.observed_2024, dict(run="sr1")),
    (R24.background, dict(kind="er", run="sr0")),
    (R24.template_grid, dict(kind="wimp_si", run="sr0", mass=6)),
    (binned.wimp_limit_2024, dict(mass=6, level=2.706)),
    # observables
    (gm2.delta_a_vector, dict(g=1e-3, m_boson=0.1)),
    (gm2.delta_a_axial, dict(g=1e-3, m_boson=0.1)),
    (gm2.delta_a_scalar, dict(y=1e-3, m_boson=0.1)),
    (gm2.delta_a_pseudoscalar, dict(y=1e-3, m_boson=0.1)),
    (gm2.delta_a, dict(m_boson=0.1, g=1e-3, q_V=1.0)),
    (gm2.delta_a_model, dict(model=BL, g=1e-3, m_boson=0.1)),
    (gm2.coupling_for_delta_a, dict(delta=2.5e-9, m_boson=0.1)),
    (gm2.coupling_band, dict(measurement=constants.DELTA_A_MU_2021, m_boson=0.1)),
    (gm2.coupling_bound, dict(delta_max=1e-9, m_boson=0.1, q_V=1.0)),
    (nsi.eps0, dict(g=1e-4, m_zp=0.01)),
    (nsi.epsilon, dict(model=BL, g=1e-4, m_zp=0.01, f="u", alpha="mu")),
    (nsi.epsilon_matter, dict(model=BL, g=1e-4, m_zp=0.01, alpha="mu", Y_n=1.0)),
    (nsi.epsilon_medium, dict(model=BL, g=1e-4, m_zp=0.01, alpha="mu", Y_n=1.0)),
    (nsi.epsilon_earth, dict(eps_e=0.1, eps_u=0.1, eps_d=0.1, Y_n=1.0)),
    (nsi.target_charge, dict(model=BL, f="u")),
    (nsi.tan_eta, dict(model=models.bernal_farzan2023(-0.1, tan_eta=0.5))),
    (nsi.medium_coordinates, dict(model=BL, g=1e-4, m_zp=0.01, Y_n=1.0)),
    (nsi.bernal_farzan2023_couplings, dict(c_=-0.1, eps_medium_value=0.1, tan_eta_value=0.5, m_zp=0.01, Y_n=1.0)),
    (nsi.g_for_epsilon, dict(eps_target=0.1, m_zp=0.01, charge_product=1.0)),
    (nsi.kappa_bounds, dict()),
    (nsi.mixing_kappa, dict(y=0.1, cos_beta=0.5, M_psi=1.0)),
    (nsi.cos_beta_max, dict(m_zp=0.01, g_psi=1e-3)),
    (nsi.epsilon_psi_mixing, dict(g_f=1e-4, g_psi=1e-3, kappa=(0.01, 0.01, 0.01), m_zp=0.01)),
    (nsi.farzan_heeck2016_epsilon, dict(group="B-L", g=1e-4, g_psi=1e-3, kappa=(0.01, 0.01, 0.01), m_zp=0.01, Y_n=1.0)),
    (nue.R_Be, dict(g_nu=(1e-5, 1e-5, 1e-5), g_eL=1e-5, g_eR=1e-5, m_X=0.01)),
    (nue.dsigma_dT, dict(E=1e-3, T=1e-4, gL=0.3, gR=0.2)),
    (nue.delta_g, dict(g_nu=1e-5, g_e=1e-5, m_X=0.01, T=1e-4)),
    (nue.borexino_chi2, dict(R=1.0)),
    (nue.solar_flavour_fractions, dict(E=0.8618e-3)),
    (nue.T_max, dict(E=1e-3)),
    (nue.g_sm, dict(flavour="mu")),
    (nue.Window, dict(E=0.8618e-3, T_lo=2.7e-4, T_hi=6.6e-4)),
    (nue.Window(0.8618e-3, 2.7e-4, 6.6e-4).moments, dict(flavour="e", m_X=0.01)),
    (nsi_osc.starting_points, dict(n_starts=3)),
    (APPROX.delta_chi2, dict(eps_0=0.01, theta=(1, -3, 0, 0))),
    (APPROX.minimum, dict(theta=(1, -3, 0, 0))),
    (APPROX.bound, dict(theta=(1, -3, 0, 0))),
    (APPROX.direction, dict(theta=(1, -3, 0, 0))),
    (cevns.nucleus, dict(name="Cs133")),
    (cevns.dsigma_dT, dict(E=0.03, T=1e-6, nuc=NUC, Q=1.0)),
    (cevns.helm, dict(q=0.05, R_rms=4.8 * FM)),
    (cevns.q_of_T, dict(T=1e-5, nuc=NUC)),
    (cevns.flux_normalisation, dict(r=0.08, n_pot=3e23, L=19.3 / 1.97327e-16)),
    (cevns.spectrum_nue, dict(E=0.03)),
    (cevns.spectrum_numubar, dict(E=0.03)),
    (cevns.weak_charge_sm, dict(nuc=NUC, flavour="mu", q=0.05)),
    (cevns.weak_charge_vector, dict(model=BL, g=1e-5, M=0.01, nuc=NUC, flavour="mu", q=0.05)),
    (cevns.scalar_charge, dict(g_phi=1e-5, M_phi=0.01, nuc=NUC, q=0.05)),
    (cevns.vector_hook, dict(model=BL, g=1e-5, M=0.01)),
    (cevns.scalar_hook, dict(g_phi=1e-5, M_phi=0.01)),
    (cevns.flux_kernels, dict(T=np.array([1e-5]), nuc=NUC, component="nu_mu")),
    (cevns.dip_recoil_energy, dict(model=BL, g=1e-4, M=0.01, nuc=NUC, flavour="mu")),
    (cevns.Nodes.at(NUC, np.array([0.05])).weak_charge_sm, dict(flavour="mu")),
    (decays.width_ll, dict(g=1e-3, m=0.5, x_l=1.0, m_l=0.1)),
    (decays.width_axial_hadrons, dict(g=1e-3, m=0.8, a_u=0.5, a_d=-0.5, a_s=0.2)),
    (decays.axial_spectral_function, dict(flavour="u_d")),
    (BF.c9, dict(g=1e-3, m=0.03, c_=-0.1, alpha=1 / 128)),
    (GM.chiral_stand_in, dict(r=0.1)),
    (decays.width_nunu, dict(g=1e-3, m=0.5, x_nu=1.0)),
    (decays.width_3gamma, dict(g=1e-3, m=0.001, x_e=1.0)),
    (decays.width_scalar_pair, dict(g=1e-3, m=0.5, q_phi=1.0, m_phi=0.1)),
    (decays.width_scalar_ff, dict(y=1e-3, m_s=0.5, m_f=0.1)),
    (decays.width_scalar_gg, dict(model=models.ScalarModel("mu", {"mu": 1.0}), m=0.5, g=1e-3)),
    (decays.partial_widths, dict(model=AXD, m=0.01, g=1e-3)),
    (decays.partial_widths, dict(model=SCA, m=0.01, g=1e-3)),
    (apv.delta_Q_weak_couplings, dict(g_Ae=1e-5, g_Vp=1e-5, g_Vn=0.0, m_X=0.1)),
    (cevns.model_hook, dict(model=SCA, g=1e-5, M=0.01)),
    (cevns.scalar_model_hook, dict(model=SCA, g=1e-5, M=0.01)),
    (decays.decay_charges, dict(model=BL, m=0.5)),
    (decays.partial_widths, dict(model=BL, m=0.5, g=1e-3)),
    (decays.width, dict(model=BL, states=["e_e"], m=0.5)),
    (decays.branching_ratio, dict(model=BL, states=["e_e"], m=0.5)),
    (decays.sum_widths, dict(pw=decays.partial_widths(BL, 0.5), states="e_e")),
    (decays.ratio_of_widths, dict(pw=decays.partial_widths(BL, 0.5), states="e_e")),
    (decays.lifetime, dict(model=BL, m=0.5, g=1e-3)),
    (decays.leptonic_widths, dict(model=BL, g=1e-3, m=0.5)),
    (ewpt.eps_hat, dict(eps_Y=1e-3)),
    (ewpt.T_parameter, dict(eps_Y=1e-3, m_X=1.0)),
    (ewpt.rho0, dict(eps_Y=1e-3, m_X=1.0)),
    (ewpt.t_theta, dict(eps_Y=1e-3, m_X=1.0)),
    (ewpt.eps_Y_bound_light, dict(T_min=-0.1)),
    (ewpt.eps_Y_bound_degenerate, dict(T_abs=0.1)),
    (ewpt.eps_photon, dict(eps_Y=1e-3)),
    (ewpt.muon_couplings, dict(gx_L=1e-3, gx_E=1e-3, eps_Y=1e-3, m_X=1.0)),
    (ewpt.delta_R_mue, dict(t_th=1e-3, g_X=1e-3, x_L1=1.0, x_E1=1.0, x_L2=0.0, x_E2=0.0)),
    (trident.coefficients, dict(g_nu=1e-3, g_V=1e-3, g_A=0.0, m_X=2.0)),
    (trident.chi2, dict(g_nu=1e-3, g_V=1e-3, g_A=0.0, m_X=2.0)),
    (trident.ratio, dict(C_V=0.5, C_A=0.5)),
    (apv.delta_Q_weak, dict(eps=1e-3, g_X=1e-3, m_X=0.1)),
    (apv.g_bound, dict(m_X=0.1, eps_e_over_g=0.5)),
    (lfv.f_W, dict(x=0.5)),
    (lfv.f_H, dict(x=0.5)),
    (lfv.form_factor_W, dict(alpha="mu", kappa_ab=0.01, M_psi=1.0)),
    (lfv.form_factor_H, dict(alpha="mu", yy_ab=0.01, M_psi=1.0, M_H=400.0)),
    (lfv.width_l_to_l_gamma, dict(alpha="mu", F=1e-9)),
    (lfv.branching_ratio_l_to_l_gamma, dict(alpha="tau", F=1e-9)),
    (lfv.yy_bound, dict(alpha="tau", br_max=3e-8, M_H=400.0, M_psi=1.0)),
    (lfv.delta_a_charged_scalar, dict(lepton="mu", y=0.1, M_H=400.0, M_psi=1.0)),
    (lfv.width_H_to_l_psi, dict(y=0.1, M_H=400.0, M_psi=1.0)),
    (lfv.form_factors_l_to_l_zprime, dict(alpha="tau", M_zp=0.01, M_psi=1.0, M_H=400.0)),
    (lfv.width_from_form_factors, dict(alpha="tau", M_zp=0.01, F_C=1e-9, F_M=1e-9)),
    (lfv.width_l_to_l_zprime, dict(alpha="tau", M_zp=0.01, M_psi=1.0, M_H=400.0)),
    (lfv.width_l_to_l_zprime_light, dict(alpha="tau", M_psi=1.0, M_H=400.0)),
    (lfv.branching_ratio_l_to_l_zprime, dict(alpha="tau", M_zp=0.01, M_psi=1.0, M_H=400.0)),
    (matter.solar_Y_n, dict()),
    (matter.earth_Y_n, dict()),
    (matter.solar_profile, dict(model="B16-GS98")),
    (matter.production_distribution, dict(source="7Be")),
    (decays.r_ratio_component, dict(state="other", mesons=("omega",))),
    # models
    (models.get_model, dict(name="B-L")),
    (models.as_model, dict(model="B-L")),
    (models.loop_kinetic_mixing, dict(model=LMT, g=1e-3, q2=0.0)),
    (models.check_coupling_and_mass, dict(g=1e-3, m=0.1)),
    (models.farzan2015, dict(a=-1.0)),
    (models.bernal_farzan2023, dict(c_=-0.1, tan_eta=0.5)),
    (models.bernal_farzan2023_mixing, dict(c_=-0.1, tan_eta=0.5)),
    (models.G, dict(c1=1, c2=1, c3=1, ce=-3, cmu=0, ctau=0)),
    (models.G_B, dict(cB=3, ce=-3, cmu=0, ctau=0)),
    (models.atzori_corona_table1, dict(name="B-L")),
    (BL.with_eps, dict(eps=1e-4)),
    (BL.x, dict(f="e")),
    (BL.x_eff, dict(f="e", g=1e-3)),
    (BL.nucleon_charges, dict(g=1e-3)),
    (BL.a, dict(f="e")),
    (BL.x_L, dict(f="nu_e")),
    (BL.x_R, dict(f="e")),
    (BL.couples_to, dict(f="e")),
    (BL.fold_mixing, dict(r=0.1)),
    (AXD.at_coupling, dict(g=1e-3)),
    (SCA.y, dict(f="mu")),
    (SCA.at_coupling, dict(g=1e-3)),
    (models.as_mediator, dict(model="scalar")),
    (models.greljo2022_chiral, dict(eps_over_g=0.1)),
    (models.vector.get_model_constructor, dict(name="B-L")),
    (models.DarkSector, dict(m_chi=1e-3, x_chi=1.0)),
    (models.DarkSector(m_chi=1e-3, x_chi=1.0).coupling, dict(g=1e-3)),
    (models.DarkSector(m_chi=1e-3, g_chi=1e-4).at_coupling, dict(g=1e-3)),
    (u1x.model, dict(c_B=3, c_e=-6, c_mu=4, c_tau=-7)),
    (u1x.alpha_R, dict(c_B=3, c_e=-6, c_mu=4, c_tau=-7)),
    (u1x.coefficients_from_alpha_R, dict(alpha=0.3, R=2.0)),
    (u1x.count_models, dict(x_max=2)),
    (u1x.canonical_sign, dict(t=(3, -6, 4, -7))),
    (u1x.enumerate_assignments, dict(x_max=1)),
    # experiments
    (coherent.likelihood, dict(name="CsI")),
    (coherent.chi2_vector, dict(model=BL, g=np.array([1e-5]), M=np.array([0.01]), datasets=("CsI",))),
    (ar.ar_electron_equivalent, dict(T_nr=2e-5)),
    (ar.ar_efficiency, dict(E_ee=2e-5)),
    (ar.ar_energy_response, dict(E_ee=np.array([2e-5]), edges_keV=np.array([5.0, 10, 20]))),
    (c17.csi2017_acceptance, dict(pe=np.array([10.0]))),
    (c17.csi2017_pe_response, dict(T_nr=np.array([1e-5]))),
    (c21.csi_electron_equivalent, dict(T_nr=1e-5)),
    (c21.csi_efficiency, dict(pe=10.0)),
    (c21.csi_time_efficiency, dict(t=1.0)),
    (c21.csi_pe_density, dict(pe=10.0, E_ee=2e-6)),
    (c21.csi_pe_response, dict(E_ee=np.array([2e-6]), pe_edges=np.array([5.0, 10, 20]))),
    (timing.arrival_cdf, dict(t=1.0, t0=0.1, sigma=0.15, kind="prompt")),
    (timing.time_fractions, dict(edges=np.array([0, 1.0, 2, 6]), t0=0.1, sigma=0.15, kind="prompt")),
    (detectors.differential_rate, dict(detector="CsI", T=np.array([1e-5]))),
    (detectors.recoil_nodes, dict(nuc=NUC)),
    (detectors.ar_detector, dict(exposure="release")),
    (ar.ar2020, dict(n_per_piece=12, exposure="release", timing="normalised")),
    (ar.spread_over_f90, dict(counts=np.ones((12, 10)))),
    (ar.release_normalisation_fit, dict(cevns=np.ones((12, 10)), form="2-D Poisson", shapes="two-sided")),
    (ar.template_flavour_weights, dict(likelihood=ar.ar2020(), n_bins=4)),
    (c21.csi_nin_timing, dict(t0=0.5, sigma=0.15)),
    (c17.csi2017, dict(n_per_piece=12)),
    (c21.csi2021, dict(n_per_piece=12)),
    (CSI.predict_vector, dict(model=BL, g=1e-5, M=0.01)),
    (CSI.predict_scalar, dict(g=1e-5, M=0.01)),
    (CSI.predict_model, dict(model=SCA, g=1e-5, M=0.01)),
    (CSI.chi2, dict(N_cevns=CSI.sm)),
    (CSI.chi2_at, dict(N_cevns=CSI.sm, nuisances=np.zeros(len(CSI.nuisance_names())))),
    (CSI.p_value, dict(chi2_min=80.0)),
    (AR.chi2, dict(N_cevns=AR.sm)),
    (AR.chi2_at, dict(N_cevns=AR.sm, nuisances=np.zeros(len(AR.nuisance_names())))),
    (recast.recast, dict(search="NA64_NA642019imj", model=BL, masses=np.array([0.01]))),
    (recast.excludes_points, dict(search="NA64_NA642019imj", model=EPS_BL, g=np.array([1e-4]), m=np.array([0.01]))),
    (recast.recast(NA64, BL, np.array([0.01, 0.02])).excludes, dict(m=0.015, g=1e-3)),
    (searches.get_search, dict(name="NA64_NA642019imj")),
    (searches.load_search, dict(name="NA64_NA642019imj")),
    (searches.search_mass_range, dict(name="NA64_NA642019imj")),
    (production.production_ratio, dict(search=NA64, xX={"e": 1.0}, xA={"e": 1.0}, m=0.01)),
    (production.production_factor, dict(mechanism="e_brem", x={"e": 1.0}, m=0.01)),
    (darkcast.darkcast_recast_curve, dict(search="NA64_NA642019imj", darkcast_model="B-L_boson")),
    (xenonnt.binning, dict(run="sr0")),
    (xenonnt.observed, dict(run="sr0")),
    (xenonnt.templates, dict(run="sr0")),
    (xenonnt.interpolate_yields, dict(table=xenonnt.templates("sr0").neutron, tly=0.5, tqy=-1.5)),
    (xenonnt.hat_weights, dict(dR_dT=np.ones(xenonnt.recoil_nodes()[0].size))),
    (xenonnt.fold, dict(W=W_SM, run="sr0", tly=0.0, tqy=0.0)),
    (xenonnt.release.checked_weights, dict(W=W_SM)),
    (xenonnt.eta_shm, dict(v_min=300.0)),
    (xenonnt.wimp_rate, dict(m_chi=6.0, sigma_n_cm2=1e-45)),
    (xenonnt.vector_weights, dict(model=BL, g=1e-5, M=0.01)),
    (xenonnt.model_weights, dict(model=SCA, g=1e-5, M=0.01)),
    (xenonnt.XenonLikelihood, dict(runs=("sr0",))),
    (XE.backgrounds, dict(a=1.0, tly=0.0, tqy=0.0)),
    (XE.signal, dict(W=W_SM, tly=0.0, tqy=0.0)),
    (XE.chi2, dict(W=W_SM)),
    (XE.profile, dict(W=W_SM)),
    (solar.total_flux, dict(source="8B")),
    (solar.spectrum, dict(source="8B", E=0.01)),
    (solar.energy_range, dict(source="hep")),
    (constraints.get("XENONnT 8B").delta_chi2, dict(model=BL, g=1e-5, m=0.01)),
    (constraints.get("XENONnT 8B").exceeds, dict(model=BL, g=1e-5, m=0.01, level=6.18)),
    (XE.chi2_upper, dict(W=W_SM)),
    (XE.chi2_lower, dict(W=W_SM)),
    # statistics
    (X.crossings, dict(chi2=QUAD, M=0.1, level=4.0, g_lo=1e-6, g_hi=1.0)),
    (X.upper_bound, dict(chi2=QUAD, M=0.1, chi2_min=0.0)),
    (X.grid, dict(chi2=QUAD, M=np.array([0.1]), g=np.array([1e-5, 1e-4]))),
    (X.global_minimum, dict(chi2=QUAD, M=np.array([0.1]), g=np.array([1e-5, 1e-4]))),
    (X.coherent_chi2, dict(model=BL)),
    (intervals.two_sigma_level, dict(dof=2)),
    (
        intervals.excluded_intervals,
        dict(F=lambda g, m: g > 1e-3, masses=np.array([0.1]), g_grid=np.geomspace(1e-5, 1, 20)),
    ),
    (LimitCurve, dict(m=[1e-3, 1e-2, 1e-1], g=[1e-5, 1e-4, 1e-3])),
    (LimitCurve([1e-3, 1e-2, 1e-1], [1e-5, 1e-4, 1e-3]).__call__, dict(m=0.05)),
    (GF.effective_model, dict(charges=(3, -6, 4, -7), r=0.5)),
    (GF.resonance_thresholds, dict(charges=(3, -6, 4, -7), m_X=0.1, r=0.5)),
    (GF.heavy_x_chi2, dict(m_X=100.0, gx_L=1e-3, gx_E=1e-3, eps_Y=1e-3)),
    (GF.heavy_x_minimum, dict(m_X=100.0)),
    (GF.GlobalChi2, dict(charges=(3, -6, 4, -7), m_X=0.1, nsi=APPROX)),
    (GCHI2.amu, dict(g=1e-3, r=0.5)),
    (GCHI2.R_Be, dict(g=1e-3, r=0.5)),
    (GCHI2.borexino, dict(g=1e-3, r=0.5)),
    (GCHI2.nsi_osc, dict(g=1e-3, r=0.5)),
    (GCHI2.components, dict(g=1e-3, r=0.5)),
    (GCHI2.total, dict(g=1e-3, r=0.5)),
    # constraints
    (constraints.get, dict(name="Borexino 7Be")),
    (constraints.bounds, dict(model=BL, masses=[0.01], constraints=["Borexino 7Be"])),
    (constraints.resolve_loop_mixing, dict(model=BL)),
    (constraints.reference_minima, dict(models=[BL], masses=[0.01], constraints=["Borexino 7Be"])),
    (TODAY.stored_verdict, dict(stem="atzori_corona2022_coherent")),
    (TODAY.paper_results, dict(stem="farzan2015_lma_dark")),
    (CAT.total_mixing, dict(model=BL, g=1e-3, loop_mixing=False)),
    (CAT.coupling, dict(model=BL, f="e", g=1e-3)),
    (CAT.effective_model, dict(model=BL, r=0.5)),
    (FH.kappa_at_unitarity, dict(flavours=("e", "tau"))),
    (BF.phi_width, dict(c_phi=40.0, m_phi_over_m_zp=1 / 3)),
    (BF.eps_e_medium_ratio, dict(eps_med=1.0, tan_eta=-0.75, Y_n=0.54)),
    (BF.tan_eta_thresholds, dict(eps_med=3.0, bound=2.0, Y_n=0.54)),
    (BF.upper_bounds, dict(c_=-0.1, tan_eta=-0.75, masses=[0.03])),
    (BF.projection, dict(c_=-0.1, tan_grid=[-0.75], eps_abs=[1.0], masses=[0.03], Y_n=0.54, borexino_eps_e=2.0)),
    (FH.unit_epsilon, dict(group="B", flavours=("e", "e"), masses=[0.01], g_psi=0.1, Y_n=1.0)),
    (FH.yukawa_product, dict(group="B", flavours=("e", "tau"), M=FH_M, G=FH_G, g_psi=0.1, M_psi=1.0)),
    (FH.foresee_outlines, dict(group="B-L")),
    (
        FH.nsi_plane,
        dict(
            group="B",
            flavours=("e", "tau"),
            masses=[0.01, 0.1],
            couplings=[1e-6, 1e-4],
            g_psi=0.1,
            M_psi=1.0,
            M_H=400.0,
            Y_n=1.0,
            m_cosmo=0.005,
            br_limits={"tau_e": 3.3e-8, "tau_mu": 4.4e-8, "mu_e": 4.2e-13},
        ),
    ),
    (FH.invisible_bands, dict(group="B")),
    (FH.other_experiments, dict(group="B-L", flavours=("e", "e"), M=FH_M, G=FH_G, g_psi=0.1)),
    (
        FH.hatched,
        dict(
            group="B",
            flavours=("e", "tau"),
            M=FH_M,
            G=FH_G,
            g_psi=0.1,
            M_psi=1.0,
            m_cosmo=0.005,
            yy_bounds={("e", "tau"): 0.46},
        ),
    ),
    (FH.perturbativity_excluded, dict(group="B", flavours=("e", "tau"), M=FH_M, G=FH_G, g_psi=0.1, M_psi=1.0)),
    (
        FH.radiative_lfv_excluded,
        dict(group="B", flavours=("e", "tau"), M=FH_M, G=FH_G, g_psi=0.1, M_psi=1.0, yy_bound=0.46),
    ),
    (
        FH.tau_to_l_zprime_ee_points,
        dict(group="B-L", flavours=("mu", "tau"), M=FH_M, G=FH_G, g_psi=0.1, M_psi=1.0, M_H=400.0),
    ),
    (FH.model_kappa2, dict(model=FHX)),
    (FH.InvisibleSearches().excluded, dict(model=FHX, g=1e-5, m=0.01)),
    (FH.Cosmology, dict(m_cosmo=0.005)),
    (FH.Cosmology().excluded, dict(model=FHX, g=1e-5, m=0.003)),
    (FH.Perturbativity().excluded, dict(model=FHX, g=1e-5, m=0.01)),
    (FH.RadiativeLFV, dict(br_limits={"tau_e": 3.3e-8, "tau_mu": 4.4e-8, "mu_e": 4.2e-13})),
    (FH.RadiativeLFV().excluded, dict(model=FHX, g=1e-5, m=0.01)),
    (FH.RadiativeLFV().yy_bound, dict(model=FHX)),
    (FH.TauToLZprime, dict(limit=1e-8)),
    (FH.TauToLZprime().excluded, dict(model=FHX, g=1e-5, m=0.01)),
    (FH.TauToLZprime().reasons, dict(model=FHX, m=0.01)),
    (FH.constraints, dict(m_cosmo=0.005, tau_lll_limit=1e-8)),
    (CAT.for_model, dict(model=FHX)),
    (models.farzan_heeck2016, dict(group="B-L", flavours=("mu", "tau"), g_psi=0.1, M_psi=1.0, M_H=400.0)),
    (importlib.import_module("zprime.models.neutrinophilic").kappa2_at_unitarity, dict(flavours=("e", "tau"))),
    (FHX.neutrino_couplings, dict(g=1e-4)),
    (models.farzan_heeck2016("B", ("e", "e")).at_coupling, dict(g=1e-4)),
    (
        FH.tau_to_l_zprime_ee,
        dict(group="B-L", flavours=("mu", "tau"), masses=[0.01, 0.1], G=FH_G, g_psi=0.1, M_psi=1.0, M_H=400.0),
    ),
    (constraints.get("COHERENT CsI 2021").delta_chi2, dict(model=BL, g=1e-5, m=0.01)),
    (constraints.get("COHERENT CsI 2021").excluded, dict(model=BL, g=1e-5, m=0.01)),
    (constraints.get("COHERENT CsI 2021").exceeds, dict(model=BL, g=1e-5, m=0.01, level=6.18)),
    (constraints.get("COHERENT CsI 2021").delta_chi2, dict(model=SCA, g=1e-5, m=0.01)),
    (constraints.get("APV (Cs)").delta_chi2, dict(model=AXD, g=1e-5, m=0.1)),
    (constraints.get("APV (Cs)").delta_Q_weak, dict(model=AXD, g=1e-5, m=0.1)),
    (constraints.get("(g-2)_mu 2025").delta_chi2, dict(model=SCA, g=1e-5, m=0.1)),
    (constraints.get("BBN (thermalised below 10 MeV)").excluded, dict(model=AXD, g=1e-5, m=0.005)),
    (constraints.get("COHERENT CsI 2021").reasons, dict(model=BL, m=0.01)),
    (constraints.get("(g-2)_mu 2021").delta_chi2, dict(model=BL, g=1e-4, m=0.1)),
    (constraints.get("(g-2)_mu 2021").band, dict(model=BL, m=0.1)),
    (constraints.get("(g-2)_mu 2021").delta_a, dict(model=BL, g=1e-4, m=0.1)),
    (constraints.get("Borexino 7Be").delta_chi2, dict(model=BL, g=1e-5, m=0.01)),
    (constraints.get("TEXONO").excluded, dict(model=BL, g=1e-5, m=0.01)),
    (constraints.get("dark-photon searches (recast)").excluded, dict(model=BL, g=1e-5, m=0.01)),
    (constraints.get("CCFR trident").reasons, dict(model=LMT, m=2.0)),
    (constraints.get("NA64 inv.").excluded, dict(model=BL, g=1e-5, m=0.01)),
    (constraints.get("BBN (thermalised below 10 MeV)").excluded, dict(model=BL, g=1e-9, m=0.005)),
    (
        constraints.get("N_eff (thermal chi below 3.7 MeV)").excluded,
        dict(model=BL.with_dark({"m_chi": 1e-3, "x_chi": 1.0}), g=1e-9, m=0.02),
    ),
    (constraints.get("CCFR trident").delta_chi2, dict(model=LMT, g=1e-3, m=2.0)),
    (constraints.get("NSI oscillations").delta_chi2, dict(model=LMT, g=1e-5, m=0.01)),
    (constraints.get("EW T parameter").delta_chi2, dict(model=BL.with_eps(1e-4), g=1e-4, m=100.0)),
    (constraints.get("COHERENT CsI 2021 + Ar 2020").delta_chi2, dict(model=BL, g=1e-5, m=0.01)),
]

BAD = {
    "nan": float("nan"),
    "inf": float("inf"),
    "neg": -1.0,
    "zero": 0.0,
    "str": "x",
    "none": None,
    "shape": np.ones((2, 3)),
    "list_bad": [1.0, float("nan")],
}

#: Arguments whose zero and negative values are physical (couplings, charges, signed quantities).
SIGNED = {
    "tan_grid",
    "c_phi",
    "eps_med",
    "c_",
    "g_psi",
    "eps_over_g",
    "a_l",
    "a_nu",
    "a_u",
    "a_d",
    "a_s",
    "x_chi",
    "g_Ae",
    "g_Vp",
    "g_Vn",
    "r",
    "g",
    "g_nu",
    "g_e",
    "g_eL",
    "g_eR",
    "g_V",
    "g_A",
    "eps",
    "eps_Y",
    "Q",
    "Q_S",
    "q",
    "x_l",
    "x_nu",
    "x_e",
    "g_X",
    "eps_e_over_g",
    "y",
    "eps_e",
    "eps_u",
    "eps_d",
    "q_V",
    "q_A",
    "delta",
    "level",
    "chi2_min",
    "R",
    "gL",
    "gR",
    "T",
    "q2",
    "Y_n",
    "charge",
    "C_V",
    "C_A",
    "m_l",
    "t_th",
    "T_min",
    "x",
    "kappa_ab",
    "F",
    "M_psi",
    "c_B",
    "c_e",
    "c_mu",
    "c_tau",
    "alpha",
    "M_zp",
    "g_f",
    "g_l",
    "cos_beta",
    "x_L1",
    "x_E1",
    "x_L2",
    "x_E2",
    "gx_L",
    "gx_E",
    "tan_eta",
    "tan_eta_value",
    "g_phi",
    "a",
    "yy_ab",
    "m_f",
    "m_phi",
    "q_phi",
    "F_C",
    "F_M",
    "eps_target",
    "charge_product",
    "E_ee",
    "pe",
    "t",
    "t0",
    "T_nr",
    "c1",
    "c2",
    "c3",
    "ce",
    "cmu",
    "ctau",
    "cB",
    "E",
    "dark_width",
    "axial_weight",
    "g_grid",
    "coupling",
    "m",
    "y_S",
    "y_P",
    "tly",
    "tqy",
    "v_min",
    "dR_dT",
    "W",
}
#: Arguments for which zero (but not a negative value) is allowed.
ZERO_OK = {"seed", "n_bisect", "eps_0", "T_lo", "N", "G"}
#: (probe, argument, kind) that return a documented non-finite value.
DOCUMENTED = {
    ("zprime.report.precision", "stem", "unknown name"): "a stem without rules gets the default precision",
    ("zprime.report.precision", "key", "unknown name"): "a key without a rule gets the default precision",
    ("zprime.report.small", "x", "zero"): "0 prints as below the floor",
    ("zprime.report.small", "x", "neg"): "a negative difference prints as such",
    ("zprime.paths.check_name", "name", "unknown name"): "any plain name is a valid output name",
    ("zprime.observables.decays.lifetime", "g", "zero"): "a zero coupling gives an infinite lifetime",
    ("zprime.experiments.recast.band.recast", "masses", "none"): "masses=None means the masses of the limit file",
    ("zprime.observables.cevns.dip_recoil_energy", "g", "zero"): "g = 0 (the SM) has no dip: None",
    ("zprime.statistics.global_fit.GlobalChi2.nsi_osc", "r", "none"): "r=None is the documented default",
    ("zprime.models.vector.bernal_farzan2023", "tan_eta", "none"): "tan_eta=None is the model without kinetic mixing",
    ("zprime.models.vector.VectorModel.nucleon_charges", "g", "none"): "g=None: the bare charges",
    (
        "zprime.experiments.coherent.ar2020_release.release_normalisation_fit",
        "cevns",
        "none",
    ): "cevns=None: the release template",
    ("zprime.models.vector.greljo2022_chiral", "eps_over_g", "none"): "eps_over_g=None: no kinetic mixing",
}
#: Where a message names an argument by its physics symbol.
ALIASES = {
    "tan_eta_value": "tan_eta",
    "eps_medium_value": "eps_medium",
    "c_": "c",
    "x": "x",
    "N_cevns": "N",
    "nuisances": "nuisance",
    "M_zp": "M_Z'",
}


def label(fn) -> str:
    """Module-qualified name of the function a probe runs (through decorators and bound methods)."""
    f = getattr(fn, "__func__", fn)
    return f"{f.__module__}.{f.__qualname__}"


def _is_numeric(v) -> bool:
    if isinstance(v, (bool, str, dict)) or v is None or callable(v):
        return False
    try:
        return np.asarray(v).dtype.kind in "iuf"
    except Exception:
        return False


def _finite_output(out) -> bool:
    if isinstance(out, dict):
        out = list(out.values())
    if isinstance(out, tuple):
        return all(_finite_output(o) for o in out)
    try:
        arr = np.asarray(out, dtype=complex)
    except (TypeError, ValueError):
        return True  # an object (a model, a hook, a band): not a number
    return bool(np.all(np.isfinite(arr)))


def _arguments(fn, kw):
    """The given arguments plus the numeric defaults of the signature."""
    full = dict(kw)
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return full
    for p in sig.parameters.values():
        if p.name not in full and _is_numeric(p.default) and not isinstance(p.default, bool):
            full[p.name] = p.default
    return full


def _call(fn, kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(**kw)


def probe(fn, kw):
    """Yield (argument, kind, outcome, detail) for every bad value of every argument."""
    name = label(fn)
    try:
        _call(fn, kw)  # the valid call works
    except Exception as exc:  # noqa: BLE001
        yield "-", "valid call", "broken", f"{type(exc).__name__}: {str(exc)[:80]}"
        return
    full = _arguments(fn, kw)
    for arg, val in full.items():
        if _is_numeric(val) or isinstance(val, (tuple, list)) and all(_is_numeric(v) for v in val):
            bads = {k: v for k, v in BAD.items() if not (k == "shape" and np.ndim(val) > 0)}
        elif isinstance(val, str):
            bads = {"unknown name": "no-such-name-xyz", "wrong type": 3.5}
        elif isinstance(val, models.Mediator):
            bads = {"unknown name": "no-such-model-xyz", "wrong type": 3.5}
        else:
            continue
        for kind, bad in bads.items():
            k2 = dict(full)
            k2[arg] = bad
            try:
                out = _call(fn, k2)
            except ZprimeError as exc:
                msg = str(exc)
                named = arg in msg or ALIASES.get(arg, "\0") in msg
                if kind in ("unknown name", "wrong type"):
                    named = named or repr(bad) in msg or str(bad) in msg  # "unknown nucleus 3.5; known: ..."
                yield arg, kind, "raised" if named else "unnamed", msg[:90]
                continue
            except Exception as exc:  # noqa: BLE001 - the probe is looking for these
                yield arg, kind, "unclear", f"{type(exc).__name__}: {str(exc)[:80]}"
                continue
            if (name, arg, kind) in DOCUMENTED:
                yield arg, kind, "documented", DOCUMENTED[(name, arg, kind)]
            elif kind == "shape" and _finite_output(out):
                yield arg, kind, "broadcast", ""
            elif (kind in ("zero", "neg") and arg in SIGNED or kind == "zero" and arg in ZERO_OK) and _finite_output(
                out
            ):
                yield arg, kind, "allowed", ""
            else:
                yield arg, kind, "silent", repr(out)[:60]


def run_probe():
    counts, problems = {}, []
    for fn, kw in PROBES:
        for arg, kind, outcome, detail in probe(fn, kw):
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome in ("silent", "unclear", "unnamed", "broken"):
                problems.append((label(fn), arg, kind, outcome, detail))
    return counts, problems


# --- which public callables exist, and which are not probed (with the reason) --------------
#: Why the figure and table builders of zprime.papers are not probed.
PAPER_FIGURE = "a notebook figure or table from library outputs (zprime.papers); the notebook runs it (nbval)"
NOT_PROBED = {
    # no argument a user could get wrong, or only a path / file
    "zprime.data.manifest": "reads the manifest; covered by test_data (altered files, sha256)",
    "zprime.data.checksum_groups": "reads the manifest file given as a path; test_data and test_docs",
    "zprime.data.cache_dir": "no arguments",
    "zprime.data.fetch": "needs a server: test_data runs it against a local one",
    "zprime.data.missing": "reads the manifest and search roots; test_data",
    "zprime.data.search_roots": "no arguments",
    "zprime.data.sha256": "takes a path; test_data",
    "zprime.data.path": "names checked in test_data (unknown name, missing and altered files)",
    "zprime.data.load_curve": "names checked in test_data",
    "zprime.data.download": "needs the network; test_data runs it offline and checks the message",
    "zprime.data.derived": "writes the user cache; test_data: bad tags, unknown sources, damaged copies, no cache",
    "zprime.experiments.xenonnt.likelihood.XenonLikelihood.sm_fit": "no arguments",
    "zprime.paths.output_root": "no arguments",
    "zprime.paths.figure_dir": "a plain name (paths.check_name, probed); test_user_layer",
    "zprime.constraints.base.check_independent": "takes Constraint objects; test_user_layer",
    "zprime.experiments.xenonnt.release2024.config": "no arguments",
    "zprime.experiments.xenonnt.release2024.si_limits_2024": "no arguments",
    "zprime.experiments.xenonnt.release2024.spectrum": "a file name of the release; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.model_2024": "builds the release's model; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.measure_8B": "no arguments",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood": "a record of arrays; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.nominal": "no arguments",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.expected": "a dict of parameters; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.expected_by_source": "a dict of parameters; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.chi2": "a dict of parameters; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.profile": "dicts of parameters; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.scan_edge": "internal root finder; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.Parameter": "a record",
    "zprime.experiments.xenonnt.binned.Source": "a record",
    "zprime.observables.nsi_osc.describe_fits": "formats fit results; the Greljo notebook",
    "zprime.today.xenonnt_2024": "no arguments (the status notebook)",
    "zprime.report.rounded": "a nested structure of results; test_reproducibility",
    "zprime.report.rule_keys": "a rule read from the precision table; test_reproducibility",
    "zprime.report.numbers_changed": "two results documents; test_reproducibility",
    "zprime.today.xenonnt_templates_check": "no arguments (the status notebook)",
    "zprime.today.flux_weighted_cross_section_8B": "no arguments",
    "zprime.today.xenonnt_rows": "formats a result of the status notebook",
    "zprime.today.draw_wimp_limits": "draws on an Axes; the status notebook",
    "zprime.constraints.bounds.Bound.preferred": "no arguments",
    "zprime.constraints.bounds.Bound.summary": "no arguments",
    "zprime.constraints.bounds.Bound.reported": "a mass index of its own bound; test_user_layer",
    "zprime.paths.results_dir": "no arguments",
    "zprime.paths.shown": "a path",
    "zprime.paths.atomic_write": "a path and a writer; test_notebook_tools",
    "zprime.published.load": "table names; test_published",
    "zprime.published.atzori_corona2022_table2": "no arguments",
    "zprime.published.greljo2022_table1": "no arguments",
    "zprime.report.rel_diff": "used on results the notebooks computed; test_decays_report",
    "zprime.report.comparison_table": "formatting; test_decays_report",
    "zprime.report.write_results": "a stem and a dict; test_decays_report",
    "zprime.report.read_results": "a stem; test_decays_report",
    "zprime.notebook_tools.check_parameters": "the notebooks' own validation; test_notebook_tools",
    "zprime.notebook_tools.clean": "paths; test_notebook_tools",
    "zprime.notebook_tools.summary": "paths; test_notebook_tools",
    "zprime.notebook_tools.process_pool": "starts processes; test_notebook_tools",
    # plotting: takes a matplotlib Axes, draws what the library computed
    "zprime.plotting.use_style": "no arguments",
    "zprime.papers.atzori_corona2022.draw_other_experiments": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.convention_scan": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.deviations": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.exclusion_maps": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.normalisation_fits": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.sm_fits": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.strip_formulas": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.strips": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.table2": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.table2_paper_exposure": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.exclusion_figure": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.loop_function_figure": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.nin_timing_figure": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.profile_along": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.profiles_figure": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.rate_figure": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.scalar_rate_figure": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.spectra_figure": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.strip_profile_figure": PAPER_FIGURE,
    "zprime.papers.farzan2015.lma_dark_band": PAPER_FIGURE,
    "zprime.papers.farzan2015.gm2_numbers": PAPER_FIGURE,
    "zprime.papers.farzan2015.summary_rows": PAPER_FIGURE,
    "zprime.today.bound_sets_figure": PAPER_FIGURE,
    "zprime.today.status_text": PAPER_FIGURE,
    "zprime.papers.greljo2022.nsi_fits": PAPER_FIGURE,
    "zprime.papers.greljo2022.fig5_maps": PAPER_FIGURE,
    "zprime.papers.greljo2022.fig6_panel": PAPER_FIGURE,
    "zprime.papers.greljo2022.band_passes_borexino": PAPER_FIGURE,
    "zprime.papers.greljo2022.table1_rows": PAPER_FIGURE,
    "zprime.papers.greljo2022.nsi_table2_text": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.lma_dark_couplings": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.muon_coupling_checks": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.borexino_checks": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.na_checks": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.charged_scalar_bounds": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.eq33_numbers": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.eq34_35_numbers": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.beyond_profiles": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.charges_text": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.dips": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.minimum_grid": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.sm_event_checks": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.summary_rows": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.gm2_2025_text": PAPER_FIGURE,
    "zprime.papers.atzori_corona2022.table2_scans": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.Setup": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.decay_equations": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.flavour_equations": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.nsi_equations": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.Setup.bounds": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.Setup.g_from_eps_medium": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.Setup.gm2_lines": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.Setup.nsi_bands": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.Setup.projection": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.draw_mass_plane": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.draw_projection": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.mass_plane_figure": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.projection_figure": PAPER_FIGURE,
    "zprime.papers.bernal_farzan2023.projection_summary": PAPER_FIGURE,
    "zprime.papers.greljo2022.fig1": PAPER_FIGURE,
    "zprime.papers.greljo2022.coherent_stages": PAPER_FIGURE,
    "zprime.papers.greljo2022.electron_numbers": PAPER_FIGURE,
    "zprime.papers.greljo2022.electroweak_numbers": PAPER_FIGURE,
    "zprime.papers.greljo2022.fig1_minima": PAPER_FIGURE,
    "zprime.papers.greljo2022.fig2_scans": PAPER_FIGURE,
    "zprime.papers.greljo2022.gm2_limits": PAPER_FIGURE,
    "zprime.papers.greljo2022.table1_trace": PAPER_FIGURE,
    "zprime.papers.greljo2022.trident_check": PAPER_FIGURE,
    "zprime.papers.greljo2022.fig2": PAPER_FIGURE,
    "zprime.papers.greljo2022.fig4": PAPER_FIGURE,
    "zprime.papers.greljo2022.map_panel": PAPER_FIGURE,
    "zprime.papers.greljo2022.r_axis": PAPER_FIGURE,
    "zprime.papers.greljo2022.table1_text": PAPER_FIGURE,
    "zprime.papers.farzan2015.fig1": PAPER_FIGURE,
    "zprime.papers.farzan2015.fig1_bounds": PAPER_FIGURE,
    "zprime.papers.farzan2015.section4_numbers": PAPER_FIGURE,
    "zprime.papers.farzan2015.fig2": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.fig4b": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.nsi_panels": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.psi_mixing_checks": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.zprime_emission_numbers": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.fig1": PAPER_FIGURE,
    "zprime.papers.farzan_heeck2016.nsi_figure": PAPER_FIGURE,
    "zprime.plotting.savefig": "a figure and a path",
    "zprime.plotting.excluded_above": "draws arrays the library computed on an Axes",
    "zprime.plotting.band": "draws arrays the library computed on an Axes",
    "zprime.plotting.hline_limit": "draws on an Axes",
    "zprime.plotting.log_axes": "formats an Axes",
    "zprime.plotting.family_colours": "a list of family names (unknown ones raise); test_user_layer",
    "zprime.plotting.interval_regions": "intervals of a Bound (validated by bounds()); test_user_layer",
    "zprime.plotting.tint": "a matplotlib colour and a strength (checked); test_user_layer",
    "zprime.experiments.recast.darkcast.draw": "draws recast bands on an Axes",
    "zprime.constraints.bounds.BoundSet.draw": "draws a BoundSet on an Axes; test_constraints",
    "zprime.constraints.bounds.Bound.bands": "no arguments",
    "zprime.constraints.bounds.BoundSet.to_html": "a path (suffix, directory and plotlyjs checked); test_user_layer",
    # the validation layer itself
    "zprime.validation.argument_reader": "a function to read calls of; test_validation (against Signature.bind)",
    "zprime.validation.finite": "the validation layer: test_validation",
    "zprime.validation.positive": "test_validation",
    "zprime.validation.nonnegative": "test_validation",
    "zprime.validation.strict_bool": "test_validation",
    "zprime.validation.choice": "test_validation",
    "zprime.validation.no_unknown": "test_validation",
    "zprime.validation.triple": "test_validation",
    "zprime.validation.count": "test_validation",
    "zprime.validation.edges": "test_validation",
    "zprime.validation.fraction": "test_validation",
    "zprime.validation.vector": "test_validation",
    "zprime.validation.checks": "test_validation",
    # exception and warning classes, plain records
    "zprime.errors.ZprimeError": "exception class",
    "zprime.errors.ParameterError": "exception class",
    "zprime.errors.ZprimeWarning": "warning class",
    "zprime.validation.InputError": "exception class",
    "zprime.validation.InputTypeError": "exception class",
    "zprime.data.DataError": "exception class",
    "zprime.models.mediator.ModelError": "exception class",
    "zprime.observables.decays.ModelWarning": "warning class",
    "zprime.plotting.region": "plotting on an Axes",
    "zprime.notebook_tools.LogicCount": "a record built by logic_count",
    "zprime.notebook_tools.logic_count": "a notebook path; test_notebook_story",
    "zprime.constraints.greljo2022.exclusion_maps": "model callables and grids, seconds per call; test_greljo_maps",
    "zprime.constraints.neutrinophilic.NSIPlane": "a record built by nsi_plane (probed)",
    "zprime.constraints.neutrinophilic.NSIPlane.max_allowed_eps": "no arguments",
    "zprime.constraints.neutrinophilic.polygon_mask": "outlines and a grid; exercised through other_experiments",
    "zprime.models.mediator.Mediator": "the common base; its cases are probed",
    "zprime.models.mediator.Mediator.couplings": "no arguments",
    "zprime.models.mediator.Mediator.definition": "no arguments",
    "zprime.models.mediator.Mediator.key": "no arguments",
    "zprime.models.mediator.Mediator.at_coupling": "abstract; the at_coupling of both cases is probed",
    "zprime.models.mediator.Mediator.to_toml": "no arguments",
    "zprime.models.mediator.ScalarModel": "Yukawas validated on construction; test_mediators (malformed input)",
    "zprime.models.mediator.ScalarModel.couplings": "no arguments",
    "zprime.models.mediator.ScalarModel.with_dark": "a DarkSector or mapping, validated by DarkSector; test_mediators",
    "zprime.models.mediator.DarkSector.definition": "no arguments",
    "zprime.models.mediator.universal_scalar": "keyword options of ScalarModel; test_mediators",
    "zprime.models.vector.VectorModel.couplings": "no arguments",
    "zprime.models.vector.VectorModel.vector_part": "no arguments",
    "zprime.models.vector.VectorModel.with_dark": "a DarkSector or mapping, validated by DarkSector; test_mediators",
    "zprime.models.vector.model_names": "no arguments",
    "zprime.constraints.base.Constraint.support_reason": "a model only; probed through reasons()",
    "zprime.constraints.base.Sum.support_reason": "a model only; probed through reasons()",
    "zprime.constraints.base.Union.support_reason": "a model only; probed through reasons()",
    "zprime.observables.matter.MatterError": "exception class",
    "zprime.experiments.recast.searches.RecastError": "exception class",
    "zprime.constraints.base.ConstraintError": "exception class",
    "zprime.statistics.intervals.ExtrapolationWarning": "warning class",
    "zprime.data.Entry": "a manifest record built from the manifest file",
    "zprime.constants.Measurement": "a record of a published value; its band() is probed through coupling_band",
    "zprime.constants.Measurement.band": "probed through gm2.coupling_band (n_sigma)",
    "zprime.observables.cevns.Nucleus": "built by cevns.nucleus(name), which is probed",
    "zprime.observables.cevns.Nodes": "built by Nodes.at inside the likelihoods",
    "zprime.experiments.coherent.detectors.Detector": "built by the release modules",
    "zprime.experiments.recast.searches.Search": "read from tables/darkcast_searches.toml; get_search is probed",
    "zprime.experiments.recast.band.RecastBand": "returned by recast(), which is probed",
    "zprime.models.u1x.Assignment": "built by u1x.model, which is probed",
    "zprime.models.u1x.Assignment.anomalies": "integers from a validated model",
    "zprime.models.u1x.sm_classes": "optional list of validated assignments; test_u1x",
    "zprime.models.vector.VectorModel": "charges validated on construction; test_models (malformed charges)",
    "zprime.models.vector.VectorModel.anomalies": "no arguments",
    "zprime.models.vector.VectorModel.is_anomaly_free": "no arguments",
    "zprime.models.vector.VectorModel.charge_vector": "no arguments",
    "zprime.models.vector.universal": "keyword options of VectorModel; test_models",
    "zprime.models.vector.dark_photon": "keyword options of VectorModel; test_models",
    "zprime.observables.nue.Window.nodes": "no arguments",
    "zprime.observables.nsi_osc.ApproxChi2": "built from published tables; test_nsi_osc",
    "zprime.observables.nsi_osc._QuadraticChi2.bound_ratios": "a table of rows; test_nsi_osc",
    "zprime.observables.nsi_osc.ApproxChi2.quadratic": "theta checked by _check_theta; test_nsi_osc",
    "zprime.observables.nsi_osc.ApproxChi2.values": "no arguments",
    "zprime.observables.nsi_osc.PrecisionChi2": "built by the fit; test_nsi_osc",
    "zprime.observables.nsi_osc.PrecisionChi2.quadratic": "theta checked by _check_theta; test_nsi_osc",
    "zprime.observables.nsi_osc.PrecisionChi2.to_approx": "ridge of a fitted matrix; test_nsi_osc",
    "zprime.observables.nsi_osc.PrecisionChi2.values": "no arguments",
    "zprime.observables.nsi_osc.FitResult": "a fit record",
    "zprime.observables.nsi_osc.loss": "a chi2 object and a table; test_nsi_osc",
    "zprime.observables.nsi_osc.distinct_minima": "a list of fit results; test_nsi_osc",
    "zprime.observables.nsi_osc.fit": "minutes per call; n_starts and seed validated by starting_points (probed)",
    "zprime.observables.nsi_osc.fit_global": "minutes per call; seed and popsize by @checks (test_validation)",
    "zprime.statistics.global_fit.Minimum": "a fit record",
    "zprime.statistics.global_fit.minimise": "a GlobalChi2 and ranges; test_global_fit (reversed ranges, tiny grids)",
    "zprime.statistics.global_fit.scan": "a list of charges; test_global_fit, test_parallel",
    "zprime.statistics.exclusion.CoherentChi2": "a record built by coherent_chi2 (probed); test_exclusion",
    "zprime.statistics.exclusion.table2_scan": "minutes per call; test_parallel, its pieces are probed",
    "zprime.statistics.parallel.local_workers": "no arguments",
    "zprime.statistics.parallel.map_jobs": "a function and jobs; test_parallel (order, a bad executor)",
    "zprime.statistics.global_fit.GlobalChi2.coherent": "seconds per call; same g, r checks as amu (probed)",
    "zprime.statistics.global_fit.GlobalChi2.resonance": "same g, r checks as amu (probed); test_global_fit",
    "zprime.statistics.global_fit.GlobalChi2.special_r": "no arguments",
    "zprime.experiments.coherent.csi2017_release.csi2017_steady_state": "no arguments",
    "zprime.experiments.coherent.csi2021_release.fit_csi_beam_offset": "seconds per call; sigma by @checks",
    "zprime.experiments.coherent.ar2020_release.release_fit_forms": "eight release_normalisation_fit calls (probed)",
    "zprime.experiments.coherent.strip_and_cancellation": "seconds per call; k_guess and M checked (test_coherent)",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.objective": "names and tables of the model; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.table": "a Source; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.value": "a dict of parameters; test_xenonnt2024",
    "zprime.experiments.xenonnt.binned.TemplateLikelihood.values_with_signals": (
        "a dict of parameters and signal arrays; shapes and names checked in test_xenonnt"
    ),
    "zprime.experiments.xenonnt.likelihood.XenonLikelihood.chi2_at": "a dict of parameters; test_xenonnt2024",
    "zprime.experiments.coherent.likelihood.Likelihood": "abstract base",
    "zprime.experiments.coherent.likelihood.GaussianLikelihood": "built by ar2020()",
    "zprime.experiments.coherent.likelihood.PoissonLikelihood": "built by csi2021() and csi2017()",
    "zprime.experiments.coherent.likelihood.Likelihood.predict": "a hook built by vector_hook/scalar_hook (probed)",
    "zprime.experiments.coherent.likelihood.Likelihood.profile_minuit": "the cross-check minimiser; test_coherent",
    "zprime.experiments.coherent.likelihood.Likelihood.fit_normalisation": "a grid of normalisations; test_coherent",
    "zprime.experiments.coherent.likelihood.Likelihood.nuisance_names": "no arguments",
    "zprime.experiments.coherent.likelihood.PoissonLikelihood.nuisance_names": "no arguments",
    "zprime.experiments.coherent.likelihood.GaussianLikelihood.nuisance_names": "no arguments",
    "zprime.experiments.coherent.likelihood.PoissonLikelihood.time_integrated": "no arguments",
    "zprime.experiments.recast.darkcast.darkcast_models": "no arguments",
    "zprime.experiments.recast.darkcast.compare_with_darkcast": "names as darkcast_recast_curve (probed); test_recast",
    "zprime.experiments.recast.darkcast.compare_all": "compare_with_darkcast for every search; recast notebook",
    "zprime.experiments.recast.darkcast.comparison_summary": "formats compare_all's rows; the notebook's checked cell",
    "zprime.experiments.recast.darkcast.comparison_figure": "draws compare_all's bands; the recast notebook",
    "zprime.constraints.catalogue.recast_searches": "no arguments",
    "zprime.data.ChecksumGroup": "a manifest record",
    "zprime.data.ChecksumGroup.entry": "builds a manifest record from a listed file; test_data (a release)",
    "zprime.experiments.xenonnt.release.Templates": "a record built by templates(run) (probed)",
    "zprime.experiments.xenonnt.release.recoil_nodes": "no arguments",
    "zprime.experiments.xenonnt.release.yield_cell": "unchecked inner step of interpolate_yields (probed)",
    "zprime.experiments.xenonnt.release.bilinear_cell": "unchecked inner step of interpolate_yields (probed)",
    "zprime.experiments.xenonnt.release.corner_weights": "unchecked inner step of interpolate_yields (probed)",
    "zprime.experiments.xenonnt.release.cell_corners": "unchecked inner step of the profiling objective (tested)",
    "zprime.experiments.xenonnt.signal.xenon_isotopes": "no arguments",
    "zprime.experiments.xenonnt.signal.cevns_rate": "a hook built by vector_hook (probed via vector_weights)",
    "zprime.experiments.xenonnt.likelihood.XenonLikelihood.sm_weights": "no arguments",
    "zprime.experiments.xenonnt.likelihood.XenonLikelihood.chi2_background_only": "no arguments",
    "zprime.experiments.xenonnt.likelihood.wimp_upper_limit": "seconds per call; m_chi checked (test_xenonnt)",
    "zprime.constraints.catalogue.catalogue": "no arguments",
    "zprime.constraints.catalogue.model_catalogue": "no arguments",
    "zprime.models.neutrinophilic.NeutrinophilicModel": "built by farzan_heeck2016 (probed); test_neutrinophilic",
    "zprime.models.neutrinophilic.NeutrinophilicModel.definition": "no arguments",
    "zprime.models.neutrinophilic.NeutrinophilicModel.key": "no arguments",
    "zprime.models.neutrinophilic.NeutrinophilicModel.to_toml": "no arguments (raises, test_neutrinophilic)",
    "zprime.constraints.neutrinophilic._Neutrinophilic.excluded": "probed through each subclass's instance",
    "zprime.constraints.neutrinophilic._Neutrinophilic.support_reason": "a model only; probed as a model argument",
    "zprime.constraints.neutrinophilic.RadiativeLFV.model_reason": "a model only; probed as a model argument",
    "zprime.constraints.neutrinophilic.TauToLZprime.model_reason": "a model only; probed as a model argument",
    "zprime.constraints.neutrinophilic.TauToLZprime.mass_range": "a model only; probed as a model argument",
    "zprime.constraints.neutrinophilic.InvisibleSearches": "no arguments",
    "zprime.constraints.neutrinophilic.Perturbativity": "no arguments",
    "zprime.constraints.catalogue.today_searches": "no arguments",
    "zprime.today.xenonnt_validation": "a minute per call (WIMP-limit rebuild); test_status_today",
    "zprime.today.significance": "a Measurement record; test_status_today",
    "zprime.today.farzan2015": "the notebook's band (its results); seconds per call; the notebooks, status_today",
    "zprime.today.farzan_heeck2016": "the notebook's band (its results); seconds per call; the notebooks, status_today",
    "zprime.today.atzori_corona2022": "a published table; 20 s per call; test_status_today",
    "zprime.today.greljo2022": "a published table; test_status_today",
    "zprime.today.bernal_farzan2023": "the figure's tan eta, reported only; test_status_today",
    "zprime.today.verdicts": "no arguments",
    "zprime.today.format_verdict": "formats a verdict dict",
    "zprime.today.bound_sets": "model and masses go straight to bounds() (probed)",
    "zprime.today.bound_sets_many": "models and masses go straight to reference_minima and bounds() (probed)",
    "zprime.constraints.bounds.BoundSet.subset": "names of its own bounds; test_parallel",
    "zprime.experiments.coherent.csi2017_release.csi2017_parameters": "no arguments",
    "zprime.experiments.coherent.csi2021_release.csi_efficiency_coefficients": "no arguments",
    "zprime.experiments.coherent.csi2021_release.csi_quenching_coefficients": "no arguments",
    "zprime.experiments.coherent.likelihood.Likelihood.chi2": "abstract; the subclasses' chi2 are probed",
    "zprime.experiments.coherent.likelihood.Likelihood.chi2_at": "abstract; the subclasses' chi2_at are probed",
    "zprime.observables.decays.dark_photon_reference": "no arguments",
    "zprime.observables.matter.SolarProfile": "built by solar_profile (probed)",
    "zprime.observables.matter.earth_prem": "no arguments",
    "zprime.observables.nsi_osc._QuadraticChi2.quadratic": "abstract; the subclasses' quadratic are tested",
    "zprime.observables.nsi_osc.global_minimum": "no arguments (the cached App. A fit)",
    "zprime.constraints.base.model_key": "internal cache key of a validated model",
    "zprime.constraints.base.minimum_couplings_grid": "masses and a (lo, hi, n) triple; test_constraints",
    "zprime.constraints.base.Convention": "a record; checked on construction (test_constraints)",
    "zprime.constraints.base.Convention.as_dict": "no arguments",
    "zprime.constraints.base.Convention.describe": "no arguments",
    "zprime.constraints.base.Constraint": "abstract base; its methods run through the catalogue's subclasses",
    "zprime.constraints.base.Constraint.describe": "no arguments",
    "zprime.constraints.base.Constraint.known_minima": "no arguments; test_status_today (minima from a pool)",
    "zprime.constraints.base.Constraint.add_minima": "a dict of known_minima(); test_status_today (minima from a pool)",
    "zprime.constraints.base.Constraint.delta_chi2": "the limit curves' default: raises (no chi^2); test_constraints",
    "zprime.constraints.base.Constraint.parts": "no arguments",
    "zprime.constraints.base.Constraint.refine": "a model only; probed as a model argument of excluded()",
    "zprime.constraints.base.Constraint.model_reason": "a model only; probed through reasons()",
    "zprime.constraints.base.Constraint.mass_range": "a model only; probed through reasons()",
    "zprime.constraints.base.Constraint.check_reach": "called by delta_chi2/excluded with checked arguments",
    "zprime.constraints.base.Constraint.threshold": "a model only; test_constraints",
    "zprime.constraints.base.Constraint.minimum": "a model only; test_constraints",
    "zprime.constraints.base.Sum": "constructed with Constraints; test_constraints",
    "zprime.constraints.base.Sum.parts": "no arguments",
    "zprime.constraints.base.Sum.model_reason": "a model only",
    "zprime.constraints.base.Sum.mass_range": "a model only",
    "zprime.constraints.base.Sum.reasons": "same as Constraint.reasons on each part (probed)",
    "zprime.constraints.base.Union": "constructed with Constraints; test_constraints",
    "zprime.constraints.base.Union.mass_range": "a model only",
    "zprime.constraints.base.Union.reasons": "same as Constraint.reasons on each member",
    "zprime.constraints.base.Union.refine": "a model only",
    "zprime.constraints.bounds.Bound": "a result record",
    "zprime.constraints.bounds.Bound.lowest": "no arguments",
    "zprime.constraints.bounds.BoundSet": "a result record returned by bounds() (probed)",
    "zprime.constraints.bounds.BoundSet.as_dict": "no arguments",
    "zprime.constraints.bounds.BoundSet.caption": "names of its own bounds; test_constraints",
    "zprime.constraints.bounds.BoundSet.names": "no arguments",
    "zprime.constraints.bounds.BoundSet.rows": "no arguments",
    "zprime.constraints.bounds.BoundSet.table": "names of its own bounds; test_constraints",
    "zprime.constraints.bounds.BoundSet.to_csv": "a path",
    "zprime.constraints.bounds.BoundSet.to_json": "a path",
}
for _cls in (
    "APV",
    "BBN",
    "LightDarkStates",
    "Borexino7Be",
    "CCFRTrident",
    "Coherent",
    "DarkPhotonSearch",
    "LeptonG2",
    "NSIOscillation",
    "NuElectronCurve",
    "TParameter",
    "XenonNT8B",
):
    NOT_PROBED[f"zprime.constraints.catalogue.{_cls}"] = "built by the catalogue; constraints.get is probed"
    for _m in ("model_reason", "mass_range", "refine", "theta", "minimum", "support_reason"):
        NOT_PROBED[f"zprime.constraints.catalogue.{_cls}.{_m}"] = "a model only; probed as a model argument"


def public_callables() -> set[str]:
    """Every public function, class and method defined in the package."""
    out = set()
    for mod, n, obj in defined_objects():
        if inspect.isfunction(obj) or inspect.isfunction(getattr(obj, "__wrapped__", None)):
            out.add(f"{mod.__name__}.{getattr(obj, '__qualname__', n)}")
        elif inspect.isclass(obj):
            out.add(f"{mod.__name__}.{obj.__qualname__}")
            for klass in obj.__mro__[:-1]:  # inherited from private bases too
                if klass.__module__.startswith("zprime") and (klass is obj or klass.__name__.startswith("_")):
                    for mn, m in vars(klass).items():
                        if not mn.startswith("_") and inspect.isfunction(m):
                            out.add(f"{klass.__module__}.{klass.__qualname__}.{mn}")
    return out


def test_every_public_callable_is_probed_or_excused():
    probed = {label(fn) for fn, _ in PROBES}
    everything = public_callables()
    missing = sorted(everything - probed - set(NOT_PROBED))
    stale = sorted(n for n in NOT_PROBED if n not in everything and not n.startswith("zprime.constraints.catalogue."))
    assert not missing, f"public callables neither probed nor excused: {missing}"
    assert not stale, f"NOT_PROBED names that no longer exist: {stale}"
    assert len(probed) >= 150


def test_probe_finds_no_silent_answer_and_no_unclear_crash():
    counts, problems = run_probe()
    assert counts.get("raised", 0) >= 1500, counts
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("kind", ["nan", "inf", "str", "none"])
def test_every_numeric_argument_refuses_non_numbers(kind):
    """A spot check that stays readable: NaN, inf, strings and None never give a number back."""
    fn, kw = gm2.delta_a_vector, dict(g=1e-3, m_boson=0.1)
    for arg in kw:
        with pytest.raises(ZprimeError, match=arg):
            fn(**{**kw, arg: BAD[kind]})


# --- the command line: every flag with bad values ------------------------------------------------
#: flag -> (a valid value, the bad values to try)
CLI_FLAGS = {
    "--masses": ("0.01", ["nan", "inf", "-1", "0", "x", "", "1e400", "1:0.1:3", "0.1:1:0", "0.1:1", "0.01,,0.1"]),
    "--eps": ("1e-5", ["nan", "inf", "1", "-1", "x", "", "1e400"]),
    "--charges": ("B=1,L_mu=-3", ["B=nan", "B=inf", "B=x", "B", "=1", "B=1,B=1", "B=1e400", "Q=1", "", "B=1/0"]),
    "--constraints": ("Borexino 7Be", ["nope", "", ",", "Borexino 7Be,,CCFR trident"]),
    "--loop-mixing": ("auto", ["yes", "", "1"]),
    "--loop-scale": ("91.19", ["nan", "inf", "-1", "0", "x", ""]),
    "--json": ("-", ["", "no/such/dir/x.json", "."]),
    "--csv": ("-", ["", "no/such/dir/x.csv", "."]),
    "--plot": ("x.png", ["", "-", "x", "x.nope", "no/such/dir/x.png", "."]),
    "--html": ("x.html", ["", "-", "x", "x.htm", "no/such/dir/x.html", "."]),
}


def _cli(args, capsys):
    from zprime.__main__ import main

    try:
        code = main(args)
    except SystemExit as exc:  # argparse: usage error (status 2) with its own message
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("flag", sorted(CLI_FLAGS))
def test_cli_probe(flag, capsys, tmp_path, monkeypatch):
    """Each bad value of each flag: exit status 2 and one line on stderr naming the flag (or its value),
    never a traceback, never a silent success, and no file written."""
    monkeypatch.chdir(tmp_path)
    model = ["custom", "--charges", "B=1,L_mu=-3"] if flag != "--charges" else ["custom"]
    valid, bads = CLI_FLAGS[flag]
    base = ["bounds", *model, "--masses", "0.01", "--constraints", "Borexino 7Be"]
    if flag in ("--masses", "--constraints"):
        base = [a for a in base if a not in (flag, "0.01" if flag == "--masses" else "Borexino 7Be")]
    if flag == "--loop-scale":
        base += ["--loop-mixing", "on"]
    code, _, err = _cli([*base, flag, valid], capsys)
    assert code == 0, err
    for bad in bads:
        code, out, err = _cli([*base, flag, bad], capsys)
        assert code == 2, (flag, bad, out[:200])
        assert "Traceback" not in err and err.strip(), (flag, bad)
        line = err.strip().splitlines()[-1]
        token = flag.lstrip("-").replace("-", "_")
        assert flag in line or flag.lstrip("-") in line or token in line or repr(bad) in line or "path" in line, (
            flag,
            bad,
            line,
        )
    written = {"--plot": ["x.caption.txt", "x.png"], "--html": ["x.html"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == written.get(flag, [])


# --- notebook parameters: every parameter with bad values ----------------------------------------
def _notebook_parameters():
    import ast
    import glob

    import nbformat

    out = []
    for path in sorted(glob.glob(str(paths.NOTEBOOKS / "*.ipynb"))):
        nb = nbformat.read(path, as_version=4)
        code = [c.source for c in nb.cells if c.cell_type == "code"]
        params = next(c.source for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        check = next(src for src in code if "check_parameters(" in src)
        tree = ast.parse(check)
        keep = [
            n
            for n in tree.body
            if isinstance(n, (ast.Import, ast.ImportFrom))
            or isinstance(n, ast.Expr)
            and "check_parameters" in ast.unparse(n)
        ]
        check_code = ast.unparse(ast.Module(body=keep, type_ignores=[]))
        names = {
            n.target.id: ast.unparse(n.annotation)
            for n in ast.parse(params).body
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
        }
        out.append((path.rsplit("/", 1)[1], params, check_code, names))
    return out


NOTEBOOK_PARAMETERS = _notebook_parameters()
#: bad values by declared type; each must stop the notebook at its parameter check
NB_BAD = {
    "float": [float("nan"), float("inf"), "x", True, [1.0]],
    "int": [float("nan"), float("inf"), "x", True, 2.5, -3],
    "str": ["../escape", "", "a/b", ".hidden", 3.5],
    "list": ["x", [float("nan")], 3.5],
    "tuple": ["x", (float("nan"), 1.0), 3.5],
}
#: parameters that may be None (the notebook computes the value then)
NB_OPTIONAL = {"csi_t0_us", "workers"}


@pytest.mark.parametrize("notebook", [n for n, *_ in NOTEBOOK_PARAMETERS])
def test_notebook_parameter_probe(notebook, tmp_path, monkeypatch):
    """Every parameter of every notebook, set to each bad value of its type, stops the notebook at its
    first check with a ParameterError naming the parameter: nothing is computed or written."""
    from zprime.errors import ParameterError

    monkeypatch.setenv(paths.OUTPUT_ENV, str(tmp_path))
    _, params, check, names = next(x for x in NOTEBOOK_PARAMETERS if x[0] == notebook)
    ns: dict = {}
    exec(params, ns)
    exec(check, dict(ns))  # the defaults pass
    missed = []
    for name, kind in names.items():
        for bad in NB_BAD[kind] + ([None] if name not in NB_OPTIONAL else []):
            trial = dict(ns)
            trial[name] = bad
            try:
                exec(check, trial)
            except ParameterError as exc:
                if name not in str(exc):
                    missed.append((name, bad, f"unnamed: {exc}"))
            else:
                missed.append((name, bad, "accepted"))
    assert not missed, "\n".join(map(str, missed))
    assert list(tmp_path.iterdir()) == []
