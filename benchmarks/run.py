"""Benchmarks of `nl` with their performance budgets: python benchmarks/run.py [--quick].

Every measurement runs a whole process (the way a person runs `nl`) several
times and reports the median, minimum and maximum wall time and the peak
resident memory of the process (``ru_maxrss`` of the waited-for child, which
includes any worker processes it waited for). Each budget compares against a
baseline measured in the same run on the same machine (importing typer, the
plain-Python floor of reading the archive, one weasyprint process), so that a
busy machine moves both sides; the absolute figure is shown too.

Archives come from ``archivegen`` beside this file (seeded, so every run lints the
same text) and are written to a temporary folder with a ``newsletter.toml``.
A measurement whose command does not exist yet shows "not available".

Real archives are measured only when given: ``--real-archive PATH`` (repeatable)
names a folder of Markdown issues, which is imported once into a temporary
workspace and then linted with a cold cache, in one process (pinned to one
processor) and with worker processes, against the floor of the imported drafts.

Exit status: 0 when every budget is met, 1 when one is not (unless
``--report-only`` or ``--quick``: quick runs tiny sizes once to show that the
suite works and never judges timings), 2 when a command failed or crashed.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
try:
    import newsletter_cli  # noqa: F401
except ImportError:  # run from a checkout without installing it
    sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # archivegen, beside this file (not part of the package)
import archivegen  # noqa: E402

BIN = Path(sys.executable).parent
MB = 1024 * 1024


def program(name: str, module: str) -> list[str]:
    """The script installed next to this interpreter, else ``python -m module``."""
    script = BIN / name
    return [str(script)] if script.is_file() else [sys.executable, "-m", module]


NL = program("nl", "newsletter_cli")
WEASYPRINT = program("weasyprint", "weasyprint")
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}


def precompile() -> str:
    """Compile the bytecode of `nl` and of everything installed beside it, as `pip install`
    does, and say what was done.

    Every measured command then starts as it does on a user's machine. Where bytecode is
    missing and cannot be written (``PYTHONDONTWRITEBYTECODE`` is set, as on some build and
    CI machines), each run would compile every module it imports from source again: 0.12 s
    more for an `nl lint` on an empty workspace, measured (0.25 s against 0.13 s), a cost no
    user pays and that the floor, whose standard library is compiled, does not pay either.
    """
    import compileall
    import sysconfig

    folders = {Path(sysconfig.get_paths()["purelib"]), Path(sysconfig.get_paths()["platlib"])}
    import newsletter_cli

    folders.add(Path(newsletter_cli.__path__[0]))
    # every folder, even after one fails (all() of a generator would stop at the first
    # failure); quiet=1 prints the errors, which the message then points to
    done = [compileall.compile_dir(str(f), quiet=1, workers=0) for f in sorted(folders)]
    return "bytecode compiled" if all(done) else "bytecode compiled, with errors (see above)"


class CommandFailed(Exception):
    def __init__(self, command: Sequence[str], code: int, output: str) -> None:
        tail = "\n".join(output.strip().splitlines()[-8:])
        super().__init__(f"`{' '.join(command)}` exited with {code}:\n{tail}")


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system time of the process and the children it waited for
    rss_bytes: int


@dataclass
class Sample:
    """Repeated runs of one command."""

    runs: list[Run]

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def low(self) -> float:
        return min(r.seconds for r in self.runs)

    @property
    def high(self) -> float:
        return max(r.seconds for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu_seconds for r in self.runs)

    @property
    def rss(self) -> int:
        return max(r.rss_bytes for r in self.runs)


@dataclass
class Row:
    """One line of the table."""

    name: str
    sample: Sample | None = None
    versus: str = ""  # e.g. "1.12x typer import"
    budget: str = ""  # e.g. "<= 1.5x typer import"
    ok: bool | None = None  # None: no budget, or not measured
    status: str = ""  # "not available", "error", "timeout"
    note: str = ""


@dataclass
class Suite:
    repeat: int
    timeout: float
    only: str | None
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    commands: dict[str, bool] = field(default_factory=dict)

    @property
    def heavy(self) -> int:
        """Runs of a measurement that takes seconds: fewer, the median still meaningful."""
        return max(1, min(self.repeat, 3))

    @property
    def light(self) -> int:
        """Runs of a measurement that takes a fraction of a second: more, to tame the noise."""
        return self.repeat if self.repeat == 1 else max(self.repeat, 10)

    def wanted(self, group: str) -> bool:
        return self.only is None or self.only in group

    def available(self, command: str) -> bool:
        """Whether `nl COMMAND` exists (its --help succeeds)."""
        if command not in self.commands:
            done = subprocess.run(
                [*NL, command, "--help"], capture_output=True, env=ENV, timeout=60, check=False
            )
            self.commands[command] = done.returncode == 0
        return self.commands[command]

    def measure(self, name: str, command: Sequence[str], **options: Any) -> Row:
        """Run one command ``repeat`` times (after ``warmup`` untimed runs) and add a row."""
        repeat = options.pop("repeat", None)
        return self.together([Spec(name, command, **options)], repeat)[0]

    def together(self, specs: Sequence[Spec], repeat: int | None = None) -> list[Row]:
        """Measure commands in interleaved rounds (A B C, A B C, ...), one row each.

        A ratio compares two commands; interleaving them means a burst of load on a shared
        machine slows both sides of it, instead of whichever happened to run during it.
        """
        rows = [Row(spec.name) for spec in specs]
        self.rows.extend(rows)
        live: list[tuple[Spec, Row, list[Run]]] = []
        for spec, row in zip(specs, rows, strict=True):
            if spec.needs and not self.available(spec.needs):
                row.status = "not available"
            else:
                live.append((spec, row, []))
        for spec, row, _ in live:
            for i in range(spec.warmup):
                self._run(spec, row, i)
        for i in range(repeat or self.repeat):
            for spec, row, runs in live:
                if not row.status:
                    result = self._run(spec, row, spec.warmup + i)
                    if result is not None:
                        runs.append(result)
        for spec, row, runs in live:
            if not row.status and runs:
                row.sample = Sample(runs)
                print(f"  {spec.name}: {row.sample.median:.3f} s", file=sys.stderr, flush=True)
        return rows

    def _run(self, spec: Spec, row: Row, index: int) -> Run | None:
        if row.status:
            return None
        if spec.before:
            spec.before(index)
        try:
            return run_once(spec.command, spec.cwd, spec.accept, self.timeout, spec.cpus)
        except subprocess.TimeoutExpired:
            row.status = "timeout"
            row.note = f"over {self.timeout:.0f} s"
            self.errors.append(f"{spec.name}: timed out after {self.timeout:.0f} s")
        except CommandFailed as error:
            row.status = "error"
            self.errors.append(f"{spec.name}: {error}")
        return None


@dataclass(frozen=True)
class Spec:
    """A command to measure and how."""

    name: str
    command: Sequence[str]
    cwd: Path | None = None
    accept: Sequence[int] = (0,)
    #: Called with the run's index before each run (e.g. to clear a cache), untimed.
    before: Callable[[int], None] | None = None
    #: The `nl` command that must exist, else the row says "not available".
    needs: str | None = None
    #: Untimed runs first (a warm cache, a warm file-system cache).
    warmup: int = 0
    #: Run the command on these processors only (``os.sched_setaffinity`` in the child).
    cpus: frozenset[int] | None = None


# Linux keeps a process's peak RSS across fork and exec, so a child of this
# runner (which holds the generated archive in memory) would report at least the
# runner's own size. The command is therefore started by a small launcher
# (python -S, a few MB) that forks it, times it from fork to exit, and reports
# its rusage, which covers the worker processes it waited for. Given processors,
# it pins the command to them before exec (the command's own children inherit it).
_LAUNCHER = """
import json, os, sys, time
command, report, cpus = json.loads(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        if cpus is not None:
            os.sched_setaffinity(0, cpus)
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(report, "w") as handle:
    json.dump({"seconds": seconds, "code": os.waitstatus_to_exitcode(status),
               "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss}, handle)
"""


def run_once(
    command: Sequence[str],
    cwd: Path | None,
    accept: Sequence[int],
    timeout: float,
    cpus: frozenset[int] | None = None,
) -> Run:
    """One whole process: wall time, CPU time and peak resident memory."""
    with tempfile.TemporaryDirectory(prefix="nl-bench-run-") as scratch:
        report = Path(scratch) / "run.json"
        output = Path(scratch) / "output.txt"
        with output.open("wb") as sink:
            launcher = subprocess.Popen(
                [
                    sys.executable,
                    "-S",
                    "-c",
                    _LAUNCHER,
                    json.dumps(list(command)),
                    str(report),
                    json.dumps(sorted(cpus) if cpus is not None else None),
                ],
                cwd=cwd,
                stdout=sink,
                stderr=sink,
                env=ENV,
                start_new_session=True,  # so that a timeout ends the command with its workers
            )
            try:
                launcher.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(launcher.pid, signal.SIGKILL)
                launcher.wait()
                raise
        if not report.is_file():
            raise CommandFailed(command, launcher.returncode, output.read_text("utf-8", "replace"))
        result = json.loads(report.read_text("utf-8"))
        if result["code"] not in accept:
            raise CommandFailed(command, result["code"], output.read_text("utf-8", "replace"))
    return Run(result["seconds"], result["cpu"], result["rss_kb"] * 1024)


# -- judging -----------------------------------------------------------------------------


def ratio_row(row: Row, baseline: Row, label: str, limit: float | None = None) -> None:
    """Show ``row`` as a multiple of ``baseline``; judge it when ``limit`` is given."""
    if row.sample is None or baseline.sample is None:
        return
    ratio = row.sample.median / baseline.sample.median
    cpu = row.sample.cpu / baseline.sample.cpu if baseline.sample.cpu else float("nan")
    # the CPU ratio is what a busy machine cannot distort: shown beside the judged wall ratio
    row.versus = f"{ratio:.2f}x {label} (CPU {cpu:.2f}x)"
    if limit is not None:
        row.budget = f"<= {limit:g}x {label}"
        judge(row, ratio <= limit)


def judge(row: Row, ok: bool) -> None:
    row.ok = ok if row.ok is None else (row.ok and ok)


def seconds_budget(row: Row, limit: float) -> None:
    if row.sample is None:
        return
    budget = f"< {limit:g} s"
    row.budget = f"{row.budget}; {budget}" if row.budget else budget
    judge(row, row.sample.median < limit)


def memory_budget(row: Row, limit_mb: float) -> None:
    if row.sample is None:
        return
    budget = f"RSS < {limit_mb:g} MB"
    row.budget = f"{row.budget}; {budget}" if row.budget else budget
    judge(row, row.sample.rss < limit_mb * MB)


# -- the measurements --------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    lint: tuple[int, int, int]  # the middle one carries the absolute budget
    list: int
    export_folder: int
    #: A folder export of so many drafts (the second) in a workspace of so many (the first).
    export_in_archive: tuple[int, int] = (1000, 30)


FULL = Sizes(lint=(500, 1000, 2000), list=2000, export_folder=20)
QUICK = Sizes(lint=(5, 10, 20), list=20, export_folder=2, export_in_archive=(10, 3))


def workspace(root: Path, archive: archivegen.Archive, count: int) -> Path:
    """A workspace with the first ``count`` drafts of ``archive``."""
    part = archivegen.Archive(archive.drafts[:count], ())
    archivegen.write_workspace(root, part)
    return root


def clear_cache(root: Path) -> Callable[[int], None]:
    def before(_: int) -> None:
        shutil.rmtree(root / ".nl-cache", ignore_errors=True)

    return before


def startup(suite: Suite) -> Row:
    typer, *rows = suite.together(
        [
            Spec(
                "python -c 'import typer' (baseline)",
                [sys.executable, "-c", "import typer"],
                warmup=1,
            ),
            Spec("nl --help", [*NL, "--help"], warmup=1),
            Spec("nl --version", [*NL, "--version"], warmup=1),
        ],
        suite.light,
    )
    for row in rows:
        ratio_row(row, typer, "typer import", 1.5)
    return typer


def lint_one(suite: Suite, tmp: Path, archive: archivegen.Archive, typer: Row) -> None:
    clean = archive.clean()[0]
    root = tmp / "one"
    archivegen.write_workspace(root, archivegen.Archive((clean,), ()))
    draft = f"issues/{clean.filename}"
    row = suite.measure(
        "nl lint one draft (cold cache)",
        [*NL, "lint", draft],
        cwd=root,
        needs="lint",
        before=clear_cache(root),
        repeat=suite.light,
    )
    ratio_row(row, typer, "typer import")
    seconds_budget(row, 0.3)


def lint_scaling(suite: Suite, tmp: Path, archive: archivegen.Archive, sizes: Sizes) -> None:
    small, middle, large = sizes.lint
    rows: dict[int, Row] = {}
    floors: dict[int, Row] = {}
    roots: dict[int, Path] = {}
    for count in sizes.lint:
        root = workspace(tmp / f"lint-{count}", archive, count)
        roots[count] = root
        floors[count], row = suite.together(
            [
                Spec(
                    f"floor: read + hash {count} drafts (baseline)",
                    [sys.executable, str(HERE / "floor.py"), str(root / "issues")],
                ),
                Spec(
                    f"nl lint {count} drafts (cold cache)",
                    [*NL, "lint"],
                    cwd=root,
                    accept=(0, 1),
                    needs="lint",
                    before=clear_cache(root),
                ),
            ],
            suite.heavy,
        )
        rows[count] = row
        ratio_row(row, floors[count], "floor", 10 if count == middle else None)
        if row.sample:
            row.note = f"{row.sample.median / count * 1000:.2f} ms/draft"
    seconds_budget(rows[middle], 5)
    ratio_row(rows[large], rows[middle], f"lint {middle}", 2.3)
    big, big_floor = rows[large].sample, floors[large].sample
    if big and big_floor:
        rows[large].note += f"; {big.median / big_floor.median:.1f}x floor"
    memory_budget(rows[large], 500)
    low, mid = rows[small].sample, rows[middle].sample
    if low and mid:
        rows[small].note += f"; {middle} drafts take {mid.median / low.median:.2f}x"
    warm = suite.measure(
        f"nl lint {middle} drafts (warm cache)",
        [*NL, "lint"],
        cwd=roots[middle],
        accept=(0, 1),
        needs="lint",
        warmup=1,
        repeat=suite.heavy,
    )
    ratio_row(warm, floors[middle], "floor")
    last = archive.drafts[middle - 1].filename
    daily = suite.measure(
        f"nl lint one draft in a {middle}-draft archive (warm cache)",
        [*NL, "lint", f"issues/{last}"],
        cwd=roots[middle],
        accept=(0, 1),
        needs="lint",
        warmup=1,
    )
    ratio_row(daily, floors[middle], "floor")


def listing(suite: Suite, tmp: Path, archive: archivegen.Archive, sizes: Sizes) -> None:
    count = sizes.list
    root = tmp / f"lint-{count}"
    if not root.exists():
        workspace(root, archive, count)
    floor = next((r for r in suite.rows if r.name.startswith(f"floor: read + hash {count} ")), None)
    if floor is None:
        floor = suite.measure(
            f"floor: read + hash {count} drafts (baseline)",
            [sys.executable, str(HERE / "floor.py"), str(root / "issues")],
        )
    shutil.rmtree(root / ".nl-cache", ignore_errors=True)
    cold = suite.measure(
        f"nl list {count} drafts (cold cache)",
        [*NL, "list"],
        cwd=root,
        needs="list",
        repeat=1,
        accept=(0, 1),
    )
    ratio_row(cold, floor, "floor")
    row = suite.measure(
        f"nl list {count} drafts (warm cache)",
        [*NL, "list"],
        cwd=root,
        needs="list",
        warmup=1,
        accept=(0, 1),
    )
    ratio_row(row, floor, "floor")
    seconds_budget(row, 1)


def export(suite: Suite, tmp: Path, archive: archivegen.Archive, sizes: Sizes) -> None:
    clean = archive.clean()[: sizes.export_folder]
    root = tmp / "export"
    archivegen.write_workspace(root, archivegen.Archive(tuple(clean), ()))
    first = f"issues/{clean[0].filename}"
    stem = Path(clean[0].filename).stem
    if not suite.available("export"):
        for name in (
            "weasyprint on the exported HTML (baseline)",
            "nl export --pdf one draft",
            f"nl export --pdf {len(clean)} separate processes (baseline)",
            f"nl export --pdf folder of {len(clean)} drafts",
        ):
            suite.rows.append(Row(name, status="not available"))
        return
    html_dir = root / "html"
    html = suite.measure(
        "nl export --html one draft",
        [*NL, "export", "--html", first, "-o", str(html_dir)],
        cwd=root,
        repeat=1,
    )
    page = html_dir / f"{stem}.html"
    if html.sample is None or not page.is_file():
        if html.status != "error":
            html.status = "error"
            suite.errors.append(f"nl export --html wrote no {page.name}")
        return

    def fresh_out(_: int) -> None:
        shutil.rmtree(root / "pdf", ignore_errors=True)

    weasy, one = suite.together(
        [
            Spec(
                "weasyprint on the exported HTML (baseline)",
                [*WEASYPRINT, str(page), str(tmp / "weasyprint.pdf")],
                cwd=html_dir,
            ),
            Spec(
                "nl export --pdf one draft",
                [*NL, "export", "--pdf", first, "-o", str(root / "pdf")],
                cwd=root,
                before=fresh_out,
            ),
        ],
        suite.heavy,
    )
    ratio_row(one, weasy, "weasyprint", 1.2)
    if one.sample and not (root / "pdf" / f"{stem}.pdf").is_file():
        one.status, one.ok = "error", False
        suite.errors.append(f"nl export --pdf wrote no {stem}.pdf")

    # 20 separate processes, timed as one: a shell loop adds almost nothing
    script = " && ".join(
        " ".join([*NL, "export", "--pdf", f"issues/{d.filename}", "-o", "pdf"]) for d in clean
    )
    separate, folder = suite.together(
        [
            Spec(
                f"nl export --pdf {len(clean)} separate processes (baseline)",
                ["/bin/sh", "-c", script],
                cwd=root,
                before=fresh_out,
            ),
            Spec(
                f"nl export --pdf folder of {len(clean)} drafts",
                [*NL, "export", "--pdf", "issues", "-o", "pdf"],
                cwd=root,
                before=fresh_out,
            ),
        ],
        suite.heavy,
    )
    if folder.sample and separate.sample:
        speedup = separate.sample.median / folder.sample.median
        folder.versus = f"{speedup:.2f}x faster than separate"
        folder.budget = ">= 1.5x faster than separate"
        judge(folder, speedup >= 1.5)
        written = len(list((root / "pdf").glob("*.pdf")))
        if written != len(clean):
            folder.status, folder.ok = "error", False
            suite.errors.append(f"nl export --pdf issues wrote {written} PDFs, not {len(clean)}")
    # what a person with years of issues waits for: the lint gate looks at the whole archive
    middle = sizes.lint[1]
    big = tmp / f"lint-{middle}"
    if big.is_dir():
        names = {d.filename for d in archive.drafts[:middle]}
        latest = [d.filename for d in archive.clean() if d.filename in names][-1]
        in_archive = suite.measure(
            f"nl export --pdf one draft in a {middle}-draft archive (warm cache)",
            [*NL, "export", "--pdf", f"issues/{latest}", "-o", str(tmp / "pdf-in-archive")],
            cwd=big,
            warmup=1,
            repeat=suite.heavy,
        )
        ratio_row(in_archive, weasy, "weasyprint")
    export_in_archive(suite, tmp, archive, sizes)


def export_in_archive(suite: Suite, tmp: Path, archive: archivegen.Archive, sizes: Sizes) -> None:
    """A folder export in a workspace of years of issues against the same export alone: the
    lint gate reads the archive once per command, not once per draft (issue 14)."""
    total, count = sizes.export_in_archive
    first = archive.drafts[:total]
    names = {d.filename for d in first}
    batch = [d for d in archive.clean() if d.filename in names][:count]
    chosen = {d.filename for d in batch}
    rest = tuple(d for d in first if d.filename not in chosen)
    roots = {"alone": tmp / "export-alone", "archive": tmp / "export-in-archive"}
    for name, drafts in (("alone", ()), ("archive", rest)):
        archivegen.write_workspace(roots[name], archivegen.Archive((*drafts, *batch), ()))
        folder = roots[name] / "issues" / "batch"
        folder.mkdir()
        for draft in batch:
            (roots[name] / "issues" / draft.filename).rename(folder / draft.filename)
    out = roots["archive"] / "out"

    def fresh_out(_: int) -> None:
        for root in roots.values():
            shutil.rmtree(root / "out", ignore_errors=True)

    # the PDF and the web page, as `nl export` makes them by default: the budget; then the web
    # page alone, where the archive's fixed cost (reading its index) shows most: no budget
    for flags, label, limit in (([], "", 1.2), (["--html"], " --html", None)):
        command = [*NL, "export", *flags, "issues/batch", "-o", "out"]
        alone, in_archive = suite.together(
            [
                Spec(
                    f"nl export{label} folder of {count} drafts, no archive (baseline)",
                    command,
                    cwd=roots["alone"],
                    warmup=1,
                    before=fresh_out,
                ),
                Spec(
                    f"nl export{label} folder of {count} drafts in a {total}-draft archive "
                    "(warm cache)",
                    command,
                    cwd=roots["archive"],
                    warmup=1,
                    before=fresh_out,
                ),
            ],
            suite.heavy,
        )
        ratio_row(in_archive, alone, "no archive", limit)
        written = len(list(out.glob("*.html")))
        if in_archive.sample and written != count:
            in_archive.status, in_archive.ok = "error", False
            suite.errors.append(f"nl export issues/batch wrote {written} pages, not {count}")


def preview(suite: Suite, tmp: Path) -> None:
    """`nl preview`: from a save of the example issue to the new web edition in the page.

    One server for all runs (started untimed, as a person keeps it open while writing); each
    run writes the draft with a new word, then waits for the server's event and fetches the
    web edition until it holds the word. Between saves the print edition is left to finish,
    as it is while a person reads the page. The baseline is a whole `nl export --html` of
    the same draft, measured in interleaved fashion before and after.
    """
    import http.client
    import socket

    example = HERE.parent / "issues" / "2026-11-01-river-voices.toml"
    root = tmp / "preview"
    (root / "issues").mkdir(parents=True)
    shutil.copyfile(HERE.parent / "newsletter.toml", root / "newsletter.toml")
    shutil.copytree(example.parent / "images", root / "issues" / "images")
    draft = root / "issues" / example.name
    original = example.read_text(encoding="utf-8")
    draft.write_text(original, encoding="utf-8")
    name = "nl preview: save to new web edition (example issue)"
    if not suite.available("preview"):
        suite.rows.append(Row(name, status="not available"))
        return
    export = suite.measure(
        "nl export --html the example issue (baseline)",
        [*NL, "export", "--html", f"issues/{example.name}", "-o", str(tmp / "preview-out")],
        cwd=root,
        warmup=1,
        repeat=suite.light,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*NL, "preview", f"issues/{example.name}", "--no-open", "--port", str(port)],
        cwd=root,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=ENV,
        start_new_session=True,
    )
    row = Row(name)
    suite.rows.append(row)
    try:
        assert server.stdout is not None
        if f":{port}/" not in server.stdout.readline().decode("utf-8", "replace"):
            raise CommandFailed(["nl", "preview"], server.poll() or 0, "no address printed")
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=suite.timeout)
        events.request("GET", "/events")
        stream = events.getresponse()

        def get(path: str) -> str:
            page = http.client.HTTPConnection("127.0.0.1", port, timeout=suite.timeout)
            page.request("GET", path)
            body = page.getresponse().read().decode("utf-8")
            page.close()
            return body

        def web() -> str:
            return get("/d/0/web")

        def printed() -> None:
            """Wait until the print edition of the latest render is done (it may have been
            done before the event stream was opened, so the state is asked, not the stream)."""
            deadline = time.perf_counter() + suite.timeout
            while time.perf_counter() < deadline:
                state = json.loads(get("/d/0/state"))
                if state["print"]["ready"] and state["rendered"] == state["version"]:
                    return
                time.sleep(0.05)
            raise subprocess.TimeoutExpired(["nl", "preview"], suite.timeout)

        def wait_for(event: str) -> None:
            deadline = time.perf_counter() + suite.timeout
            while time.perf_counter() < deadline:
                if stream.readline().decode().strip() == f"event: {event}":
                    return
            raise subprocess.TimeoutExpired(["nl", "preview"], suite.timeout)

        printed()  # the first render, and its print edition, are done
        runs: list[Run] = []
        for i in range(suite.light):
            word = f"Ashbourneside{i}x"
            cpu_before = _cpu_seconds(server.pid)
            start = time.perf_counter()
            draft.write_text(original.replace("Ashbourne", word, 1), encoding="utf-8")
            while True:
                wait_for("update")
                if word in web():
                    break
            seconds = time.perf_counter() - start
            runs.append(Run(seconds, _cpu_seconds(server.pid) - cpu_before, _peak_rss(server.pid)))
            printed()
        row.sample = Sample(runs)
        print(f"  {name}: {row.sample.median:.3f} s", file=sys.stderr, flush=True)
    except (OSError, CommandFailed, subprocess.TimeoutExpired) as error:
        row.status = "error"
        suite.errors.append(f"{name}: {error}")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    ratio_row(row, export, "export --html process", 1.5)
    seconds_budget(row, 0.5)
    inside = _export_in_process(root, example.name, suite.light)
    row.note = f"CPU: the server's own; export --html inside one warm process: {inside:.3f} s"


_IN_PROCESS = """
import statistics, sys, time
from pathlib import Path
from newsletter_cli.output.export import ExportOptions, export_one, plan
[job] = plan([Path(sys.argv[1])], ExportOptions.from_flags(html=True, output=Path(sys.argv[2])))
export_one(job)
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    export_one(job)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


def _export_in_process(root: Path, draft: str, repeat: int) -> float:
    """`nl export --html` of one draft without the process around it (imports done): the
    rendering and writing alone, the part of an export a live preview repeats."""
    done = subprocess.run(
        [sys.executable, "-c", _IN_PROCESS, f"issues/{draft}", "in-process-out", str(repeat)],
        cwd=root,
        capture_output=True,
        text=True,
        env=ENV,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


# -- real archives -----------------------------------------------------------------------

REAL_HINT = (
    "real archives: not measured; add --real-archive PATH (a folder of Markdown issues, as "
    "`nl import` takes them; repeatable) to import each once and lint it cold"
)
#: `nl lint` in one process may cost at most this many times the floor on a real archive.
REAL_FLOOR_LIMIT = 6


def one_processor() -> frozenset[int] | None:
    """One processor this runner may use, to run `nl lint` in one process: the lint engine
    starts workers only for the processors it may run on. None where the system cannot pin
    a process to processors (there the engine cannot count them and starts no workers)."""
    try:
        return frozenset({min(os.sched_getaffinity(0))})
    except (AttributeError, OSError, ValueError):
        return None


def real_archives(suite: Suite, tmp: Path, sources: Sequence[Path]) -> None:
    """Each real archive imported once into its own workspace, then linted cold."""
    names: set[str] = set()
    for n, source in enumerate(sources, 1):
        name = base = source.resolve().name or "archive"
        copy = 1
        while name in names:  # the same folder given twice, or two folders of one name
            copy += 1
            name = f"{base}-{copy}"
        names.add(name)
        real_archive(suite, tmp / f"real-{n}", source, name)


def real_archive(suite: Suite, root: Path, source: Path, name: str) -> None:
    """`nl init`, `nl import SOURCE -o issues/` (timed once, no budget), then the floor and
    `nl lint` with a cold cache, in one process (budget) and with workers, interleaved.

    One process means pinned to one processor: `nl lint` picks its workers from the
    processors it may run on. Each pinned run's CPU time must not exceed its wall time (more
    would mean more than one processor worked), else the row is an error, not a figure.
    """
    init = [*NL, "init", str(root)]
    done = subprocess.run(init, capture_output=True, text=True, env=ENV, timeout=60, check=False)
    if done.returncode != 0:
        suite.rows.append(Row(f"nl import {name}", status="error"))
        suite.errors.append(str(CommandFailed(init, done.returncode, done.stdout + done.stderr)))
        return
    imported = suite.measure(
        f"nl import {name} (once, into a new workspace)",
        [*NL, "import", str(source.resolve()), "-o", "issues/"],
        cwd=root,
        needs="import",
        accept=(0, 1, 3),  # some files refused: the rest are still drafts to lint
        repeat=1,
    )
    issues = root / "issues"
    count = len(list(issues.glob("*.toml")))
    imported.name = f"nl import {name}, {count} drafts (once, into a new workspace)"
    if imported.sample is None:
        return
    if count == 0:
        imported.status = "error"
        suite.errors.append(f"nl import {name} wrote no drafts")
        return
    pinned = one_processor()
    label = f"nl lint {name}, {count} drafts (cold cache"
    floor, alone, workers = suite.together(
        [
            Spec(
                f"floor: read + hash {count} drafts of {name} (baseline)",
                [sys.executable, str(HERE / "floor.py"), str(issues)],
            ),
            Spec(
                f"{label}, one process)",
                [*NL, "lint"],
                cwd=root,
                accept=(0, 1),
                needs="lint",
                before=clear_cache(root),
                cpus=pinned,
            ),
            Spec(
                f"{label}, workers)",
                [*NL, "lint"],
                cwd=root,
                accept=(0, 1),
                needs="lint",
                before=clear_cache(root),
            ),
        ],
        suite.repeat,  # seconds each, but a single real archive: the median wants the runs
    )
    ratio_row(alone, floor, "floor", REAL_FLOOR_LIMIT)
    ratio_row(workers, floor, "floor")
    for row in (alone, workers):
        if row.sample:
            per_draft = row.sample.median / count * 1000
            busy = row.sample.cpu / row.sample.median
            row.note = f"{per_draft:.2f} ms/draft; CPU/wall {busy:.2f}"
    if workers.sample:
        # the engine starts workers only when processors are idle at that moment
        spread = sum(1 for run in workers.sample.runs if run.cpu_seconds > run.seconds * 1.1)
        workers.note += f"; {spread} of {len(workers.sample.runs)} runs on more than one processor"
    if pinned is None:
        alone.note += "; not pinned (no processor affinity here: no workers either)"
    elif alone.sample:
        for run in alone.sample.runs:
            if run.cpu_seconds > run.seconds * 1.1 + 0.05:
                alone.status, alone.ok = "error", False
                suite.errors.append(
                    f"{alone.name}: CPU {run.cpu_seconds:.2f} s in {run.seconds:.2f} s of wall "
                    "time: it did not run in one process"
                )


# -- output ------------------------------------------------------------------------------


def table(rows: list[Row], enforce: bool, markdown: bool = False) -> str:
    """The results as aligned plain text, or as a Markdown table."""
    head = (
        "measurement",
        "runs",
        "median",
        "min",
        "max",
        "CPU",
        "peak RSS",
        "vs baseline",
        "budget",
        "result",
        "note",
    )
    lines = [head]
    for row in rows:
        s = row.sample
        if row.status:
            result = row.status
        elif row.ok is None:
            result = ""
        elif row.ok:
            result = "pass"
        else:
            result = "FAIL" if enforce else "missed (not judged)"
        lines.append(
            (
                row.name,
                str(len(s.runs)) if s else "-",
                f"{s.median:.3f} s" if s else "-",
                f"{s.low:.3f} s" if s else "-",
                f"{s.high:.3f} s" if s else "-",
                f"{s.cpu:.2f} s" if s else "-",
                f"{s.rss / MB:.0f} MB" if s else "-",
                row.versus,
                row.budget,
                result,
                row.note,
            )
        )
    if markdown:
        cells = [[c.replace("|", "\\|") for c in line] for line in lines]
        rule = ["---"] * len(head)
        return "\n".join("| " + " | ".join(line) + " |" for line in [cells[0], rule, *cells[1:]])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for n, line in enumerate(lines):
        out.append("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def machine() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    version = subprocess.run(
        [*NL, "--version"], capture_output=True, text=True, env=ENV, check=False
    )
    return (
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} cores, load average {load}; "
        f"{version.stdout.strip() or 'nl: not runnable'}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each, no judging")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument(
        "--only",
        help="only measurement groups whose name contains this: startup, lint, list, export, "
        "preview, real",
    )
    parser.add_argument(
        "--real-archive",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="a folder of Markdown issues (as `nl import` takes them) to import once and lint "
        "cold, in one process and with workers; repeatable (group: real)",
    )
    parser.add_argument("--report-only", action="store_true", help="exit 0 even if a budget fails")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--markdown", type=Path, help="also write the table in Markdown")
    parser.add_argument("--keep", action="store_true", help="keep the temporary archives")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per run")
    args = parser.parse_args(argv)
    for source in args.real_archive:
        if not source.is_dir():
            parser.error(f"--real-archive {source}: not a folder")

    sizes = QUICK if args.quick else FULL
    suite = Suite(repeat=1 if args.quick else args.repeat, timeout=args.timeout, only=args.only)
    enforce = not (args.quick or args.report_only)
    print(
        f"nl benchmarks{' (quick: tiny sizes, one run, budgets not judged)' if args.quick else ''}"
    )
    # a quick run judges no timing, so it leaves the bytecode as it is (and starts sooner)
    bytecode = "bytecode: as found" if args.quick else precompile()
    print(f"before: {machine()}; {bytecode}", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="nl-bench-"))
    started = time.perf_counter()
    try:
        # generated only for the groups that use it
        archive = functools.cache(
            lambda: archivegen.generate(max(*sizes.lint, sizes.list, sizes.export_folder * 2))
        )
        typer = None
        if suite.wanted("startup") or suite.wanted("lint"):
            typer = startup(suite)
        if suite.wanted("lint") and typer is not None:
            lint_one(suite, tmp, archive(), typer)
            lint_scaling(suite, tmp, archive(), sizes)
        if suite.wanted("list"):
            listing(suite, tmp, archive(), sizes)
        if suite.wanted("export"):
            export(suite, tmp, archive(), sizes)
        if suite.wanted("preview"):
            preview(suite, tmp)
        if suite.wanted("real") and args.real_archive:
            real_archives(suite, tmp, args.real_archive)
    finally:
        if args.keep:
            print(f"archives kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(table(suite.rows, enforce))
    print()
    if suite.wanted("real") and not args.real_archive:
        print(REAL_HINT)
    print(
        f"after: load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
        f"{time.perf_counter() - started:.0f} s in all"
    )
    if args.json:
        args.json.write_text(json.dumps([_as_json(r) for r in suite.rows], indent=2) + "\n")
    if args.markdown:
        args.markdown.write_text(table(suite.rows, enforce, markdown=True) + "\n")
    for error in suite.errors:
        print(f"error: {error}", file=sys.stderr)
    failed = [r.name for r in suite.rows if r.ok is False and not r.status]
    missing = [r.name for r in suite.rows if r.status == "not available"]
    if missing:
        print(f"not available yet: {len(missing)} measurement(s)")
    if suite.errors:
        return 2
    if failed and enforce:
        print(f"{len(failed)} budget(s) not met: {', '.join(failed)}")
        return 1
    print("every measured budget met" if not failed else "budgets not judged")
    return 0


def _as_json(row: Row) -> dict[str, object]:
    s = row.sample
    return {
        "name": row.name,
        "runs": [r.seconds for r in s.runs] if s else [],
        "median": s.median if s else None,
        "cpu_median": s.cpu if s else None,
        "peak_rss_mb": round(s.rss / MB, 1) if s else None,
        "versus": row.versus,
        "budget": row.budget,
        "ok": row.ok,
        "status": row.status,
        "note": row.note,
    }


if __name__ == "__main__":
    sys.exit(main())
