"""Adversarial draft text: every lint rule and every output finishes in bounded time.

A pattern that backtracks (exponential) or rescans (quadratic) turns a 100 KB draft into an
export that runs for hours. Nothing here is timed for speed: each input is linted rule by rule
through the real engine (``linter.run_rules`` with every rule of the registry), read by the
Markdown reader of headings and previews, and exported to each output (the web page, and the
email HTML with the plain text, each through the Markdown renderer; the PDF from 5 KB, because
WeasyPrint's own layout is the slow part there: 100 KB of one-letter lines set with hard breaks is
hundreds of pages and takes it about 36 s, linearly) in a child process.

Every step runs under a watchdog of ``STEP_LIMIT`` seconds of CPU time, which is generous: the
slowest step, the email and plain text of 100 KB of ``![`` (markdown-it, linear but slow on it,
reads the text three times), takes about 4.5 s on a 2-core machine. CPU time, not wall
time, so that a machine busy with other work does not fail the test. A step that overruns gets
SIGXCPU: the child prints the stack of where it hung and ends, and the test fails naming the
step; a regression is a failure, not a hang. A step that waits without computing is ended the
same way after ``WALL_LIMIT`` seconds of wall-clock time; a timeout on the child is the backstop.

The children run side by side (one per CPU). By hand:
``python tests/test_adversarial_text.py STEP[,STEP...] DRAFT...``.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

import pytest
from conftest import RunNl
from reliability_summary import count

if sys.platform == "win32":
    pytest.skip("the watchdogs need POSIX resource limits and signals", allow_module_level=True)

#: CPU seconds one step (one rule, one output) may take before the watchdog ends the child.
STEP_LIMIT = 10
#: Wall-clock seconds one step may take (generous: a busy machine shares the CPU).
WALL_LIMIT = 60
#: Bytes of adversarial text per input.
SIZE = 100_000
#: Bytes of adversarial text in the drafts the PDF is made from.
PDF_SIZE = 5_000

REPO = Path(__file__).resolve().parent.parent


def _repeat(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


#: name -> a function of the size giving the adversarial text (a section body).
INPUTS: dict[str, Callable[[int], str]] = {
    "template-statements-then-text": lambda n: (
        _repeat("{% include x %} ", n - 20) + "ordinary text"
    ),
    "template-statement-lines": lambda n: _repeat("{% include x %} {% if a %}\n", n),
    "unclosed-double-braces": lambda n: _repeat("{{", n),
    "unclosed-statement-tags": lambda n: _repeat("{%", n),
    "unclosed-comment-tags": lambda n: _repeat("{#", n),
    "mixed-braces": lambda n: _repeat("{{ {% {# %} a", n),
    "open-brackets": lambda n: _repeat("[", n),
    "bracket-paren": lambda n: _repeat("](", n),
    "link-openers": lambda n: _repeat("[a](", n),
    "image-openers": lambda n: _repeat("![", n),
    "nested-brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "open-parentheses": lambda n: "[x](" + _repeat("(", n),
    "angle-brackets": lambda n: _repeat("<", n),
    "tag-openers": lambda n: _repeat("<a ", n),
    "comment-openers": lambda n: _repeat("<!--", n),
    "autolink-openers": lambda n: _repeat("<http://", n),
    "stars": lambda n: _repeat("*", n),
    "stars-and-underscores": lambda n: _repeat("*_", n),
    "emphasis-openers": lambda n: _repeat("*a _b ", n),
    "backticks": lambda n: _repeat("`", n),
    "backtick-runs": lambda n: "".join("`" * k + " " for k in range(1, 450))[:n],
    "repeated-word": lambda n: _repeat("word ", n),
    "repeated-word-lines": lambda n: _repeat("word word\n", n),
    "date-like-slashes": lambda n: _repeat("1/2/2026/", n),
    "date-like-digits": lambda n: _repeat("12 ", n),
    "iso-date-runs": lambda n: _repeat("2026-01-", n),
    "day-month-runs": lambda n: _repeat("Monday 1 January ", n),
    "date-ranges": lambda n: _repeat("1 - 2 - 3 to ", n),
    "relative-dates": lambda n: _repeat("next week ", n),
    "long-line-no-spaces": lambda n: _repeat("abcdefghij", n),
    "long-url": lambda n: "https://" + _repeat("a.", n),
    "long-word-then-prose": lambda n: _repeat("a", n) + " and the text stops mid sentence and",
    "address-run-then-prose": lambda n: _repeat("http://", n) + " and the text stops mid and",
    "placeholder-openers": lambda n: _repeat("[insert ", n),
    "brackets-then-link": lambda n: _repeat("[", n) + "](https://example.org/a b)",
    "unclosed-spaced-links": lambda n: _repeat("[a](https://x y ", n),
    "spaced-link-texts": lambda n: _repeat("[a] [b] ", n) + "(https://x)",
    "bare-urls": lambda n: _repeat("www.a ", n),
    "pipes": lambda n: "| a | b |\n|---|---|\n" + _repeat("| x ", n),
    "quote-nesting": lambda n: _repeat(">", n) + " text",
    "list-nesting": lambda n: _repeat("- ", n) + "text",
    "backslashes": lambda n: _repeat("\\", n),
    "hard-breaks": lambda n: _repeat("a\\\n", n),
    "entities": lambda n: _repeat("&#", n),
    "many-paragraphs": lambda n: "".join(
        f"Paragraph {i} of the letter.\n\n" for i in range(n // 30)
    ),
    "editor-notes": lambda n: _repeat("[TODO ", n),
    "emphasised-caption": lambda n: "*" + _repeat("a *", n) + "*",
    "field-labels": lambda n: _repeat("Where: ", n),
    "link-target-spaces": lambda n: "[a](" + _repeat(" ", n) + "x",
    "definition-spaces": lambda n: "[a]:" + _repeat(" ", n) + "x",
    "comments-and-backticks": lambda n: _repeat("<!-- don`t --> `a ", n),
}


def _toml_text(value: str) -> str:
    """A TOML multi-line basic string holding ``value`` exactly."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"""\n' + escaped + '"""'


def _write_workspace(root: Path, body: str) -> Path:
    (root / "issues").mkdir(parents=True)
    (root / "newsletter.toml").write_text(
        'name = "Hostile Notes"\nlanguage = "en"\n'
        '[organisation]\nname = "Test Association"\nwebsite = "https://example.org"\n',
        encoding="utf-8",
    )
    draft = root / "issues" / "2026-06-01-hostile.toml"
    draft.write_text(
        'title = "Hostile text"\ndate = 2026-06-01\n\n'
        f'intro = "Dear friends,"\n\n[[sections]]\nheading = "Text"\nbody = {_toml_text(body)}\n',
        encoding="utf-8",
    )
    return draft


# ------------------------------------------------------------------ the child process

STEPS = ("lint", "markdown", "html", "email+text")


def _run_steps(steps: list[str], draft_paths: list[Path]) -> None:
    """Run the steps on each draft, each under the CPU watchdog; print each finished step."""
    import faulthandler
    import resource
    import signal
    import time

    from newsletter_cli.draft import storage
    from newsletter_cli.errors import ExitCode
    from newsletter_cli.lint.config import configure
    from newsletter_cli.lint.engine import prepare, run_rules
    from newsletter_cli.lint.findings import RuleContext
    from newsletter_cli.lint.rules import RULES
    from newsletter_cli.output.export import ExportOptions, Job, export_one, plan
    from newsletter_cli.text import markdown

    # SIGXCPU at the soft limit: print every stack, then die of the signal (chain=True
    # re-raises it with its default action).
    faulthandler.register(signal.SIGXCPU, all_threads=True, chain=True)
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]

    def step(name: str, run: Callable[[], object]) -> None:
        print(f"start {name}", flush=True)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        spent = int(usage.ru_utime + usage.ru_stime) + 1
        soft = spent + STEP_LIMIT
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
        # and a wall clock, for a step that hangs without computing (waits, sleeps)
        faulthandler.dump_traceback_later(WALL_LIMIT, exit=True)
        started = time.process_time()
        run()
        faulthandler.cancel_dump_traceback_later()
        print(f"done {name} {time.process_time() - started:.2f}", flush=True)

    for draft_path in draft_paths:
        os.chdir(draft_path.parent.parent)
        draft = storage.load(draft_path)
        case = draft_path.parent.parent.name  # the input's name
        for name in steps:
            if name == "lint":
                [job] = plan([draft_path], ExportOptions())
                active = configure(job.workspace)
                assert {rule.id for rule in active} == {rule.ID for rule in RULES}
                context = RuleContext(job.workspace, archive=())
                prepare(active, context)
                for rule in active:
                    step(f"{case}/lint:{rule.id}", partial(run_rules, draft, [rule], context))
            elif name == "markdown":
                # markdown.to_html runs in every export; this is the other reader of the text
                for section in draft.sections:
                    step(
                        f"{case}/markdown:inline_text", partial(markdown.inline_text, section.body)
                    )
            else:
                # "email+text" makes both at once, as `nl export --email --text` does
                flags = {fmt: True for fmt in name.split("+")}
                options = ExportOptions.from_flags(force=True, **flags)  # type: ignore[arg-type]
                [job] = plan([draft_path], options)

                def export(job: Job = job, name: str = name) -> None:
                    result = export_one(job)
                    # refused (an email over the size limit, a word too long to lay out) is fine
                    assert result.exit_code != ExitCode.INTERNAL, (name, result.errors)

                step(f"{case}/export:{name}", export)


# ------------------------------------------------------------------ the tests


def _run_child(steps: tuple[str, ...], drafts: list[Path]) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, __file__, ",".join(steps), *map(str, drafts)],
        capture_output=True,
        text=True,
        timeout=WALL_LIMIT * 20,  # the watchdogs end a hung step first: a backstop
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    return proc.returncode, proc.stdout, proc.stderr


def _check(outcome: tuple[int, str, str], case: str, expected_steps: int) -> None:
    """That the child ran every step of ``case`` and none overran or failed."""
    returncode, stdout, stderr = outcome
    lines = stdout.splitlines()
    started = [line[6:] for line in lines if line.startswith("start ")]
    done = [line.split()[1] for line in lines if line.startswith("done ")]
    ours = [name for name in done if name.startswith(f"{case}/")]
    if len(ours) != expected_steps:
        ended = started[-1] if started and started[-1] not in done else "?"
        pytest.fail(
            f"step {ended} did not finish within {STEP_LIMIT} s of CPU time (or failed), "
            f"so {case} ran {len(ours)} of its {expected_steps} steps:\n"
            f"{stdout[-2000:]}\n{stderr[-4000:]}"
        )
    assert returncode == 0 or not done[-1].startswith(f"{case}/"), stderr[-4000:]
    count("adversarial text steps run", len(ours))


#: Inputs per child: few children (each pays for its imports), several side by side.
BATCH = 6


#: The key of the child that makes the PDFs (of every input, at ``PDF_SIZE``).
PDF = "(pdf)"


@pytest.fixture(scope="module")
def children(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Future[tuple[int, str, str]]]:
    """The children that run every input (and the one that makes the PDFs), all started at
    once and run one per CPU; by input name."""
    root = tmp_path_factory.mktemp("adversarial")
    names = sorted(INPUTS)
    pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
    futures = {}
    if importlib.util.find_spec("weasyprint") is not None:
        pdfs = [_write_workspace(root / "pdf" / name, INPUTS[name](PDF_SIZE)) for name in names]
        futures[PDF] = pool.submit(_run_child, ("pdf",), pdfs)
    for first in range(0, len(names), BATCH):
        batch = names[first : first + BATCH]
        drafts = [_write_workspace(root / name, INPUTS[name](SIZE)) for name in batch]
        future = pool.submit(_run_child, STEPS, drafts)
        futures.update(dict.fromkeys(batch, future))
    pool.shutdown(wait=False)
    return futures


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_every_rule_and_output_finishes_on_adversarial_text(
    name: str, children: dict[str, Future[tuple[int, str, str]]]
) -> None:
    from newsletter_cli.lint.rules import RULES

    # every rule of the registry, the Markdown reader, the web page, email and plain text
    _check(children[name].result(), name, len(RULES) + 1 + 2)


def test_the_pdf_finishes_on_adversarial_text(
    children: dict[str, Future[tuple[int, str, str]]],
) -> None:
    if PDF not in children:
        pytest.skip("the PDF needs WeasyPrint and its system libraries")
    outcome = children[PDF].result()
    for name in INPUTS:
        _check(outcome, name, 1)


if __name__ == "__main__":
    _run_steps(sys.argv[1].split(","), [Path(p).resolve() for p in sys.argv[2:]])


#: Imported posts (Markdown with front matter) whose template blocks and heading attributes
#: were rescanned from each opener: 100 KB of an unclosed ``{% raw %}`` took hours.
IMPORT_INPUTS = {
    "unclosed-raw-blocks": _repeat("{% raw %}", SIZE),
    "unclosed-raw-openers": _repeat("{% raw ", SIZE),
    "unclosed-template-tags": _repeat("{{ {% ", SIZE),
    "heading-with-spaces": "## News" + " " * SIZE + "x\n\nText.\n",
}


@pytest.mark.parametrize("name", sorted(IMPORT_INPUTS))
def test_import_finishes_on_adversarial_text(name: str, tmp_path: Path, run_nl: RunNl) -> None:
    source = tmp_path / "2019-06-05-post.md"
    source.write_text(
        f"---\ntitle: Post\ndate: 2019-06-05\n---\n\n{IMPORT_INPUTS[name]}\n", encoding="utf-8"
    )
    # a wall-clock guard against a hang, not a timing: each finishes in about a second
    result = run_nl("import", source.name, "-o", "issues", cwd=tmp_path, timeout=60)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    count("adversarial text steps run")


def test_plain_text_import_finishes_on_a_long_first_line(tmp_path: Path, run_nl: RunNl) -> None:
    """The first lines of a plain-text issue are read as its masthead, at every separator
    ("River Voices, Issue 12, June 2019"): a whole paragraph on one line must not be read
    again after each of its commas (200 KB took minutes)."""
    source = tmp_path / "2019-06-05-post.txt"
    source.write_text(_repeat("word, ", 2 * SIZE) + "\n\nText.\n", encoding="utf-8")
    result = run_nl("import", source.name, "-o", "issues", cwd=tmp_path, timeout=60)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    count("adversarial text steps run")
