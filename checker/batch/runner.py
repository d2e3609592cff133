"""Run audits over many drafts: a process pool (default) or a Dask cluster, compiling the packs once per worker.

Workers receive a small picklable ``BatchConfig`` and build their ``Auditor`` from it once per process (the
pool's initializer, or the first task on a Dask worker), so the rule packs are parsed and compiled once per
worker, not once per report. A report that fails becomes an ``error`` row; the batch never stops for it.

A worker that dies (killed, or by the OOM killer) breaks the whole process pool, and every report still queued
fails with it. Those reports are retried once, each in a fresh process of its own, so one poisonous report cannot
fail its neighbours again; a report whose retry dies too becomes an error row. Workers die with their parent
(``PR_SET_PDEATHSIG`` on Linux, and a watchdog thread everywhere), so a ``kill -9`` of the batch leaves no orphans.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from checker.batch.rows import Row, error_rows, result_rows, summary_row
from checker.cache import DocumentCache
from checker.dsl.pack import RulePack
from checker.errors import GapcheckError
from checker.evaluate.engine import Auditor
from checker.ingest import ReadOptions
from checker.pipeline import audit_path, load_standards
from checker.report.model import Profile

Outcome = tuple[list[Row], Row]
Task = Callable[["BatchConfig", str, str], Outcome]
INTERNAL_PREFIXES = ("internal error", "worker died")


@dataclass(frozen=True)
class BatchConfig:
    """Everything a worker needs to audit a report; picklable and hashable."""

    standards: tuple[str, ...]
    rules_dir: str | None = None
    profile_json: str = field(default_factory=lambda: Profile().model_dump_json())
    options_json: str = field(default_factory=lambda: ReadOptions().model_dump_json())
    cache_dir: str | None = None  # NOTE: None disables the Document cache
    use_cache: bool = True


def rules_fingerprint(packs: Sequence[RulePack]) -> str:
    """One fingerprint for all packs (resume keys on it: a rule edit re-audits everything)."""
    joined = "|".join(f"{p.id}:{p.fingerprint}" for p in packs)
    return "sha256:" + hashlib.sha256(joined.encode()).hexdigest()[:16]


def load_packs(config: BatchConfig) -> list[RulePack]:
    """The packs named by ``config``."""
    return load_standards(list(config.standards), Path(config.rules_dir) if config.rules_dir else None)


@lru_cache(maxsize=4)
def _worker_state(config: BatchConfig) -> tuple[Auditor, str, Profile, ReadOptions, DocumentCache | None]:
    """The compiled packs and options of this process, built on first use and kept for every later report."""
    packs = load_packs(config)
    fingerprint = rules_fingerprint(packs)
    cache = None
    if config.use_cache:
        cache = DocumentCache(Path(config.cache_dir) if config.cache_dir else None)
    return (
        Auditor(packs),
        fingerprint,
        Profile.model_validate_json(config.profile_json),
        ReadOptions.model_validate_json(config.options_json),
        cache,
    )


def init_worker(config: BatchConfig) -> None:
    """Pool initializer: tie the worker's life to its parent, then compile the packs before the first report."""
    die_with_parent()
    _worker_state(config)


def die_with_parent() -> None:
    """Make this process end when its parent does, even on ``kill -9`` of the parent."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):  # NOTE: best effort; the watchdog below covers any failure
            import ctypes

            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)  # NOTE: the parent died before the death signal was armed

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="gapcheck-parent-watch", daemon=True).start()


def audit_one(config: BatchConfig, path: str, sha256: str) -> Outcome:
    """Audit one report in a worker; any failure becomes an error row."""
    auditor, fingerprint, profile, options, cache = _worker_state(config)
    start = time.perf_counter()
    try:
        result = audit_path(path, auditor, profile, options, cache=cache)
    except GapcheckError as exc:
        return error_rows(Path(path), sha256, fingerprint, exc.one_line(), time.perf_counter() - start)
    except Exception as exc:  # NOTE: a reader bug on one odd file must not sink a batch of hundreds
        message = f"internal error: {type(exc).__name__}: {exc}"
        return error_rows(Path(path), sha256, fingerprint, message, time.perf_counter() - start)
    return result_rows(result, fingerprint), summary_row(result, fingerprint, time.perf_counter() - start)


def run_pool(
    config: BatchConfig,
    jobs: Sequence[tuple[str, str]],
    workers: int,
    fingerprint: str,
    task: Task = audit_one,
) -> Iterator[Outcome]:
    """Audit ``jobs`` (path, sha256) on a process pool of ``workers``, yielding outcomes as they finish.

    ``task`` is the per-report function (a test replaces it to kill a worker on purpose).
    """
    if workers <= 1:
        for path, sha in jobs:  # NOTE: no pool for one worker: no start-up cost, and easy to profile
            yield task(config, path, sha)
        return
    lost: list[tuple[str, str]] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=init_worker, initargs=(config,)) as pool:
        futures = {pool.submit(task, config, path, sha): (path, sha) for path, sha in jobs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                lost.append(futures[future])
            except Exception as exc:
                yield _failed(futures[future], fingerprint, f"internal error: {type(exc).__name__}: {exc}")
    if lost:
        yield from retry_alone(config, lost, fingerprint, task)


def retry_alone(
    config: BatchConfig, jobs: Sequence[tuple[str, str]], fingerprint: str, task: Task
) -> Iterator[Outcome]:
    """Retry reports whose worker died, each once, in a fresh process of its own."""
    # NOTE: compiled here once, so each forked retry process starts with the packs ready
    _worker_state(config)
    for job in sorted(jobs):
        try:
            with ProcessPoolExecutor(max_workers=1, initializer=die_with_parent) as pool:
                yield pool.submit(task, config, *job).result()
        except BrokenProcessPool:
            yield _failed(job, fingerprint, "worker died twice while auditing this report (killed, or out of memory?)")
        except Exception as exc:
            yield _failed(job, fingerprint, f"internal error: {type(exc).__name__}: {exc}")


def _failed(job: tuple[str, str], fingerprint: str, message: str) -> Outcome:
    return error_rows(Path(job[0]), job[1], fingerprint, message, 0.0)


def run_dask(
    config: BatchConfig, jobs: Sequence[tuple[str, str]], workers: int, fingerprint: str, scheduler: str | None
) -> Iterator[Outcome]:
    """Audit ``jobs`` on a Dask cluster: ``scheduler`` (tcp://host:port) or a local cluster of processes."""
    # NOTE: only the Dask path imports Dask (an optional extra: gapcheck[dask])
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)  # type: ignore[no-untyped-call]
    else:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    try:
        futures = {
            client.submit(audit_one, config, path, sha, pure=False, key=f"gapcheck-{i}-{sha[:12]}"): (path, sha)
            for i, (path, sha) in enumerate(jobs)
        }
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield _outcome(future.result, futures[future], fingerprint)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


def _outcome(get: Callable[[], Outcome], job: tuple[str, str], fingerprint: str) -> Outcome:
    """A finished task's rows; a worker that died (crash, out of memory) makes an error row for its report."""
    try:
        return get()
    except Exception as exc:
        return _failed(job, fingerprint, f"worker died or failed: {type(exc).__name__}: {exc}")
