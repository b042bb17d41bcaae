"""Where scans run: the one place that maps a job function over a list of jobs.

Every scan of the package (the global-fit scan over U(1)_X models, the Table 2 scans of COHERENT
crossings, the mass loop of :func:`zprime.bounds`) takes any :class:`concurrent.futures.Executor`:
a process pool on the local cores, a thread pool, or a Dask cluster through
``distributed.Client.get_executor()`` (the same interface on many machines).  Jobs and results
must pickle; results come back in the order of the jobs, so every executor gives the same numbers.
Each job in a pool runs with one BLAS thread (threadpoolctl): the pool already occupies the cores,
and the many small matrix products of a profile fit slow down several-fold when every worker also
starts a BLAS thread per core.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any

from zprime.validation import InputError


def local_workers() -> int:
    """The number of local cores (at least 1)."""
    return os.cpu_count() or 1


class _OneBlasThread:
    """``fn`` mapped over a chunk of jobs with the BLAS and OpenMP pools of its process limited to one
    thread (picklable).  The limit is set once per chunk: setting it costs about 2 ms, more than many
    jobs take."""

    def __init__(self, fn: Callable[[Any], Any]):
        self.fn = fn

    def __call__(self, chunk: list[Any]) -> list[Any]:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            return [self.fn(job) for job in chunk]


def map_jobs(
    fn: Callable[[Any], Any],
    jobs: Iterable[Any],
    *,
    executor: Executor | None = None,
    own_pool: bool = True,
    progress: bool = False,
    desc: str = "jobs",
) -> list[Any]:
    """``[fn(job) for job in jobs]``, run by ``executor``.

    Parameters
    ----------
    fn : callable
        A module-level function (it is pickled for process pools and clusters).
    jobs : iterable
        Its arguments, one per call.
    executor : concurrent.futures.Executor, optional
        Where the calls run.  Default: a process pool over the local cores when ``own_pool`` and
        there is more than one job, else serially in this process.
    own_pool : bool
        Whether ``executor=None`` means a local process pool (True) or serial (False).
    progress : bool
        A tqdm bar over the jobs.
    desc : str
        The bar's label.

    Returns
    -------
    list
        The results, in the order of ``jobs``.
    """
    if executor is not None and not (hasattr(executor, "map") and hasattr(executor, "submit")):
        raise InputError(f"executor must be a concurrent.futures.Executor, got {type(executor).__name__}")
    jobs = list(jobs)
    own = executor is None and own_pool and len(jobs) > 1
    ex = ProcessPoolExecutor(max_workers=local_workers()) if own else executor
    try:
        if ex is None:
            chunks: Iterable[list[Any]] = ([fn(job)] for job in jobs)
        else:  # chunks of jobs, about eight per worker
            size = max(1, len(jobs) // (8 * local_workers()))
            chunks = ex.map(_OneBlasThread(fn), [jobs[i : i + size] for i in range(0, len(jobs), size)])
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(jobs), desc=desc)
        out: list[Any] = []
        for chunk in chunks:
            out.extend(chunk)
            if bar is not None:
                bar.update(len(chunk))
        if bar is not None:
            bar.close()
        return out
    finally:
        if own and ex is not None:
            ex.shutdown()
