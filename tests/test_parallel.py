"""Every scan runs on any concurrent.futures executor and gives the numbers of the serial run:
the global-fit scan, the Table 2 scans and the mass loop of bounds(), on a local pool and on a Dask
LocalCluster (Client.get_executor(), the interface of a cluster on many machines)."""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import zprime
from zprime.errors import ZprimeError
from zprime.observables import nsi_osc
from zprime.statistics import exclusion, parallel
from zprime.statistics import global_fit as GF

NSI = nsi_osc.ApproxChi2((-1.0, 2.0, 1.5), (3.0, 4.0, 5.0), (0.3, -0.2, 0.5), 1.05)


def _square(x):
    return x * x


@pytest.fixture(scope="module")
def dask_executor():
    distributed = pytest.importorskip("distributed")
    # the cluster's HTTP server on any free port: with None it still takes 8787, and two test workers
    # (pytest -n without --dist loadscope) starting clusters side by side collided there
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cl,
        distributed.Client(cl) as client,
        client.get_executor() as ex,
    ):
        yield ex


def test_map_jobs_keeps_order_and_checks_the_executor():
    jobs = list(range(7))
    assert parallel.map_jobs(_square, jobs, own_pool=False) == [j * j for j in jobs]
    with ThreadPoolExecutor(3) as ex:
        assert parallel.map_jobs(_square, jobs, executor=ex) == [j * j for j in jobs]
    with pytest.raises(ZprimeError, match="executor must be a concurrent.futures.Executor"):
        parallel.map_jobs(_square, jobs, executor="dask")


def _blas_threads(_):
    from threadpoolctl import threadpool_info

    return [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]


def test_pool_jobs_run_with_one_blas_thread():
    here = _blas_threads(0)
    seen = parallel.map_jobs(_blas_threads, range(4))  # a local process pool
    assert len(seen) == 4 and all(n and n == [1] * len(n) for n in seen)
    assert _blas_threads(0) == here  # this process: untouched


def test_scan_on_a_dask_cluster_equals_the_local_pool(dask_executor):
    charges = [(3, -6, 4, -7), (3, -6, 3, -6), (0, 0, 1, -1)]
    kw = dict(nsi=NSI, include=("amu", "borexino", "nsi"))
    mk = dict(n_g=21, n_r=41, zooms=1)
    local = GF.scan(charges, progress=False, minimise_kw=mk, **kw)  # default: a local process pool
    remote = GF.scan(charges, executor=dask_executor, progress=False, minimise_kw=mk, **kw)
    assert remote == local
    assert [m.charges for m in remote] == [tuple(map(float, c)) for c in charges]


def test_table2_scan_on_a_dask_cluster_equals_the_serial_run(dask_executor):
    jobs = [("B-L", ("Ar",), False), ("L_mu-L_tau", ("Ar",), True)]
    M_min = np.geomspace(1e-3, 1.0, 5)
    g_min = np.geomspace(1e-6, 1e-2, 30)
    serial = [exclusion.table2_scan([j], (1e-4, 10.0), M_min, g_min, n=200, progress=False) for j in jobs]
    minima, found = exclusion.table2_scan(
        jobs, (1e-4, 10.0), M_min, g_min, n=200, executor=dask_executor, progress=False
    )
    for k, (smin, sfound) in enumerate(serial):
        assert minima[k] == smin[0]
        assert sfound[0].keys() == found[k].keys()
        for key, x in sfound[0].items():
            np.testing.assert_array_equal(found[k][key], x)
    # the crossing from the SM with 2 dof at 0.1 MeV is the usual bound, a few 1e-5 for B-L in Ar
    assert 1e-5 < found[0][1e-4, "SM", 2][0] < 1e-3


@pytest.mark.parametrize("pool", ["threads", "dask"])
def test_bounds_mass_loop_on_an_executor_equals_the_serial_run(pool, dask_executor):
    masses = np.geomspace(1e-3, 1.0, 7)
    cons = ["COHERENT CsI 2021", "Borexino 7Be", "BaBar", "(g-2)_mu 2021"]
    serial = zprime.bounds("B-L", masses, cons)
    if pool == "threads":
        with ThreadPoolExecutor(2) as ex:
            split = zprime.bounds("B-L", masses, cons, executor=ex, chunks=3)
    else:
        split = zprime.bounds("B-L", masses, cons, executor=dask_executor)
    assert split.names() == serial.names()
    assert split.as_dict() == serial.as_dict()
    with pytest.raises(ZprimeError, match="chunks must be a positive integer"):
        zprime.bounds("B-L", masses, cons, executor=dask_executor, chunks=0)


def test_reference_minima_on_a_pool_are_those_of_the_constraint_in_this_process():
    """constraints.reference_minima computes each (model, constraint) minimum in a worker process and
    keeps it in the constraint: the number is the one the constraint gives here, and a bound set that
    follows needs no further minimum."""
    from concurrent.futures import ProcessPoolExecutor

    from zprime import constraints, models
    from zprime.constraints.base import model_key
    from zprime.constraints.catalogue import Borexino7Be, Coherent

    pooled, here = [Coherent("Ar"), Borexino7Be()], [Coherent("Ar"), Borexino7Be()]
    names = ["B-L", "L_mu-L_tau"]
    with ProcessPoolExecutor(2) as ex:
        constraints.reference_minima(names, [0.01, 0.1], pooled, executor=ex)
    for con, ref in zip(pooled, here):
        for name in names:
            X = models.get_model(name)
            key = model_key(X, zprime.constraints.resolve_loop_mixing(X)[0])
            assert key in con.known_minima()
            assert con.known_minima()[key] == ref.minimum(X, loop_mixing=key[-1])


def test_xenonnt_reference_minimum_in_parts_is_the_whole_grids():
    """XENONnT's reference minimum (one profile per point) runs as interleaved parts of its grid side by
    side; their smallest is the minimum over the whole grid, to the last bit (L_mu-L_tau: negative, the
    data prefer a signal there)."""
    import copy
    from concurrent.futures import ThreadPoolExecutor

    from zprime import constraints, models
    from zprime.constraints.base import model_key

    base = constraints.get("XENONnT 8B")
    assert base.minimum_in_parts and not constraints.get("COHERENT CsI 2021").minimum_in_parts
    pooled, here = copy.copy(base), copy.copy(base)  # sharing the likelihood, not the minima
    for con in (pooled, here):  # a coarser grid than the catalogue's (41 x 240), for time
        con.__dict__.pop("_minima", None)
        con.minimum_masses, con.minimum_couplings = (1e-4, 1.0, 9), (1e-6, 1e-2, 60)
    with ThreadPoolExecutor(3) as ex:
        constraints.reference_minima(["L_mu-L_tau"], [0.01, 0.1], [pooled], executor=ex, parts=3)
    X = models.get_model("L_mu-L_tau")
    loop = zprime.constraints.resolve_loop_mixing(X)[0]
    assert pooled.known_minima()[model_key(X, loop)] == here.minimum(X, loop_mixing=loop) < 0
    with pytest.raises(ZprimeError, match="parts must be a positive integer"):
        constraints.reference_minima(["B-L"], [0.01], [pooled], parts=0)


def test_bound_set_subset_keeps_the_bounds_in_the_order_asked():
    bs = zprime.bounds("B-L", [0.01, 0.1], ["Borexino 7Be", "(g-2)_mu 2021", "TEXONO"])
    sub = bs.subset(["TEXONO", "Borexino 7Be"])
    assert sub.names() == ["TEXONO", "Borexino 7Be"]
    assert sub["TEXONO"] is bs["TEXONO"] and np.array_equal(sub.masses, bs.masses)
    with pytest.raises(ZprimeError, match="no constraint"):
        bs.subset(["NA64 inv."])
