"""App. B global Delta chi^2 (Greljo et al. 2022): components, resonance thresholds, minimiser."""

import numpy as np
import pytest

from zprime.errors import ZprimeError
from zprime.experiments import recast
from zprime.observables import nsi_osc
from zprime.statistics import global_fit as GF

NSI = nsi_osc.ApproxChi2((-1.0, 2.0, 1.5), (3.0, 4.0, 5.0), (0.3, -0.2, 0.5), 1.05)


def test_sm_limit_of_components():
    X = GF.GlobalChi2((3, -6, 3, -6), nsi=NSI)
    comp = X.components(1e-12, 0.0)
    assert comp["amu"] == pytest.approx((251 / 59) ** 2, rel=1e-6)
    assert comp["borexino"] == pytest.approx(0.444, abs=1e-3)
    assert comp["nsi"] == pytest.approx(0, abs=1e-9)
    assert comp["coherent"] == pytest.approx(0, abs=1e-6)
    assert comp["resonance"] == 0


@pytest.mark.parametrize("r", [-6.5, -2.0, 0.0, 3.0])
def test_resonance_thresholds_equal_full_recast(r):
    ch = (3, -6, 3, -6)
    th = GF.resonance_thresholds(ch, 0.2, np.array([r]))
    for s in GF.RESONANCE_SEARCHES:
        band = recast.recast(s, GF.effective_model(ch, r), masses=np.array([0.2]))
        assert th[s][0] == pytest.approx(band.lower[0], rel=1e-9)


def test_minimiser_finds_lmu_ltau_point():
    # L_mu - L_tau with only (g-2): the minimum is Delta chi^2 = 0 on the line g (1 - r) = const
    X = GF.GlobalChi2((0, 0, 1, -1), include=("amu",))
    m = GF.minimise(X)
    assert m.dchi2 < 1e-3


def test_bad_input():
    with pytest.raises(ZprimeError):
        GF.GlobalChi2((1, 0, 0, 0), nsi=NSI)  # anomalous
    with pytest.raises(ValueError):
        GF.GlobalChi2((0, 0, 1, -1))  # NSI term without the fitted chi^2
    with pytest.raises(ValueError):
        GF.GlobalChi2((0, 0, 1, -1), include=("amu", "lhc"))
    with pytest.raises(ValueError):
        GF.GlobalChi2((0, 0, 1, -1), m_X=-0.2, include=("amu",))


def test_scan_on_a_dask_cluster_equals_the_local_pool():
    """Any concurrent.futures executor runs the scan: a Dask LocalCluster (threads, two workers) gives the
    same minima as the default local process pool."""
    distributed = pytest.importorskip("distributed")
    charges = [(3, -6, 4, -7), (3, -6, 3, -6), (0, 0, 1, -1)]
    kw = dict(nsi=NSI, include=("amu", "borexino", "nsi"))
    mk = dict(n_g=21, n_r=41, zooms=1)
    local = GF.scan(charges, progress=False, minimise_kw=mk, **kw)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cl,
        distributed.Client(cl) as client,
        client.get_executor() as ex,
    ):
        remote = GF.scan(charges, executor=ex, progress=False, minimise_kw=mk, **kw)
    assert remote == local
    assert [m.charges for m in remote] == [tuple(map(float, c)) for c in charges]
