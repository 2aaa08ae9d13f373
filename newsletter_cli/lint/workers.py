"""Checking many drafts in forked worker processes, when processors are idle.

Each worker loads and analyses its share of the drafts and runs the rules that
look at one draft, returning its drafts' archive index entries; the main process
builds the archive index from them once and sends it back, and the workers run
the archive rules on the drafts they still hold. The report is the same as from
one process (a test compares them). The engine imports this module; this module
imports only what checks one draft (``lint.checking``), never the engine.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
from collections.abc import Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from newsletter_cli.errors import DraftError, Problem
from newsletter_cli.lint.archive_index import file_key, index_entry
from newsletter_cli.lint.checking import PARALLEL_MIN, Job, Outcome, Task, load
from newsletter_cli.lint.findings import Finding, RuleContext
from newsletter_cli.text.analysis import DraftText

MAX_WORKERS = 4


def workers_wanted(count: int) -> int:
    """How many processes to check ``count`` drafts with (1: this one).

    Workers pay off only on processors that are idle: measured on a busy two-core machine,
    two workers were slower than one process. What counts is how many processes want a
    processor right now (the one-minute load average lags behind: it still counts the
    previous run of `nl lint` itself); the load average is the fallback where that is unknown.
    """
    if count < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
        idle = cpus - _others_running()
    except (AttributeError, OSError, ValueError):
        return 1
    return max(1, min(idle, MAX_WORKERS, count // (PARALLEL_MIN // 2)))


def _others_running() -> int:
    """Processes other than this one that are running or ready to run, right now."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            running = int(handle.read().split()[3].split("/")[0])
        return max(0, running - 1)
    except (OSError, IndexError):
        return int(os.getloadavg()[0] + 0.5)


def check_in_workers(
    todo: Sequence[Task], job: Job, workers: int, context: RuleContext | None = None
) -> list[Outcome] | None:
    """Check the drafts in forked worker processes, or None if that did not work out
    (the caller then checks them here, where any error shows as it would without workers).

    Each worker loads its share of the drafts and runs the rules that look at one draft,
    returning its drafts' archive index entries; this process builds the archive index
    from them (in ``context``, the caller's, which keeps it for the rest of the run) and
    sends it back, and the workers run the archive rules on the drafts they still hold.
    """
    forking = multiprocessing.get_context("fork")
    shares = [list(todo[n::workers]) for n in range(workers)]
    pipes: list[Connection] = []
    processes: list[BaseProcess] = []
    try:
        for share in shares:
            parent, child = forking.Pipe()
            process = forking.Process(
                target=_work,
                args=(child, share, job),
                daemon=True,
            )
            process.start()
            child.close()
            pipes.append(parent)
            processes.append(process)
        firsts: list[list[Outcome]] = [pipe.recv() for pipe in pipes]
        index = None
        if job.across and job.archive and any(task.needs_across for task in todo):
            entries = {file_key(o.task.path): o.entry for batch in firsts for o in batch if o.entry}
            here = context or RuleContext(job.workspace, archive=job.archive)
            here.entries = entries
            index = here.archive_index()
        for pipe in pipes:
            pipe.send(index)
        for pipe, batch in zip(pipes, firsts, strict=True):
            found: dict[int, tuple[list[Finding] | None, list[Problem]]] = pipe.recv()
            for number, outcome in enumerate(batch):
                outcome.across, crashed = found.get(number, (None, []))
                outcome.crashed = outcome.crashed or crashed
                outcome.entry = None
    except (EOFError, OSError, pickle.PickleError):
        return None
    finally:
        for pipe in pipes:
            pipe.close()
        for worker in processes:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
                worker.join()
    return [outcome for batch in firsts for outcome in batch]  # the report sorts them


def _work(pipe: Connection, share: list[Task], job: Job) -> None:
    """A worker: check a share of the drafts in two rounds (see ``check_in_workers``).

    A rule failing on a draft is that draft's ``crashed`` line; anything else that goes wrong
    here ends the worker quietly (no traceback), and the parent checks the drafts itself.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _rounds(pipe, share, job)
    except BaseException:  # the parent sees the pipe close and does the work itself
        os._exit(1)


def _rounds(pipe: Connection, share: list[Task], job: Job) -> None:
    outcomes = [Outcome(task) for task in share]
    held: dict[int, DraftText] = {}
    context = RuleContext(job.workspace, archive=job.archive)
    for number, outcome in enumerate(outcomes):
        task = outcome.task
        try:
            analysis = context.analyse(load(task.path, job))
        except DraftError as error:
            outcome.unusable = list(error.problems)
            continue
        if task.needs_local:
            outcome.local = outcome.run(analysis, job.local, context)
        if task.needs_across and job.across and not outcome.crashed:
            held[number] = analysis
            outcome.entry = (job.contents.get(file_key(task.path)) or "", index_entry(analysis))
    pipe.send(outcomes)
    context.index = pipe.recv()
    found: dict[int, tuple[list[Finding] | None, list[Problem]]] = {}
    for number, analysis in held.items():
        outcome = outcomes[number]
        result = outcome.run(analysis, job.across, context)
        found[number] = (result[0] if result is not None else None, outcome.crashed)
    pipe.send(found)
    pipe.close()
