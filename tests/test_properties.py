"""Property tests: whatever a draft holds, the loader and `nl lint` answer with our own errors.

Hypothesis generates drafts as model objects (random Unicode, empty and huge
values, control characters, quotes and backslashes) and as arbitrary TOML
documents and bytes. Three properties:

- loading anything raises nothing but ``DraftError``;
- a draft saved and loaded again is the same draft, also when it is saved over
  an older version of itself (the comment-keeping path);
- linting (and fixing) any loadable draft raises nothing but our errors, and a
  fixed draft still loads.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import reliability_summary
import tomlkit
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft, Section
from newsletter_cli.draft.workspace import Workspace
from newsletter_cli.errors import DraftError, NewsletterError
from newsletter_cli.lint import engine

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
#: Cheap examples (bytes, small documents) run 200 times; whole drafts that are saved, loaded
#: and saved again fewer times; lint, which runs every rule, fewer still. The suite stays fast.
LOADER = settings(max_examples=200, deadline=None, suppress_health_check=_QUIET)
ROUND_TRIP = settings(max_examples=75, deadline=None, suppress_health_check=_QUIET)
REWRITE = settings(max_examples=40, deadline=None, suppress_health_check=_QUIET)
LINT = settings(max_examples=25, deadline=None, suppress_health_check=_QUIET)

# -- values ------------------------------------------------------------------------------

#: Characters that break naive TOML writers: quotes, backslashes, control characters, CR.
_AWKWARD = st.sampled_from(
    ['"', "'", '"""', "'''", "\\", "\\n", "\r", "\r\n", "\t", "\x00", "\x7f", "\u2028", "\ufeff",
     "\u202e", "#", "[[sections]]", "=", "😀", "ก", "\U0010ffff", " ", "\n\n", "```"]
)  # fmt: skip
_PIECE = st.one_of(st.text(max_size=30), _AWKWARD)


@st.composite
def texts(draw: st.DrawFn, max_pieces: int = 12) -> str:
    """Text made of random Unicode and awkward pieces; now and then very long."""
    text = "".join(draw(st.lists(_PIECE, max_size=max_pieces)))
    if draw(st.integers(0, 150)) == 0:  # now and then a huge value
        text += draw(st.sampled_from(["x", "word ", "é", "\n"])) * draw(st.integers(1000, 30_000))
    return text


def non_blank(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return strategy.filter(lambda t: t.strip() != "")


def one_line(text: str) -> str:
    """The text without line breaks and control characters: a title is one line (the subject)."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Zl", "Zp"))


dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
languages = st.sampled_from(["en", "fr", "fr-CA", "th", "es-MX", "zh-Hant-TW", "ar"])


@st.composite
def sections(draw: st.DrawFn) -> Section:
    start = draw(st.none() | dates)
    end = None
    if start is not None and draw(st.booleans()):
        end = start + timedelta(days=draw(st.integers(0, 30)))
        assume(end.year <= 9999)
    return Section(
        heading=draw(non_blank(texts(4))),
        body=draw(texts()),
        kind=draw(st.sampled_from(["article", "event"])),
        date=start,
        end_date=end,
        location=draw(st.none() | texts(3)),
        lint_ignore=tuple(draw(st.lists(st.text(max_size=20), max_size=3))),
    )


@st.composite
def draft_models(draw: st.DrawFn) -> Draft:
    return Draft(
        title=draw(non_blank(texts(4).map(one_line))),
        date=draw(st.none() | dates),
        number=draw(st.none() | st.integers(1, 2**63 - 1)),
        language=draw(st.none() | languages),
        summary=draw(st.none() | texts(3)),
        authors=tuple(draw(st.lists(texts(2), max_size=3))),
        intro=draw(texts()),
        closing=draw(texts()),
        sections=tuple(draw(st.lists(sections(), max_size=6))),
    )


# -- arbitrary TOML documents --------------------------------------------------------------

_KEYS = st.sampled_from(
    [*storage.DRAFT_KEYS, *storage.SECTION_KEYS, "sectons", "", " ", "😀", "a.b", "0"]
)
_SCALARS = st.one_of(
    st.text(max_size=40),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True),
    st.booleans(),
    dates,
    st.datetimes(),
    st.times(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=20,
)
documents = st.dictionaries(
    _KEYS,
    _VALUES | st.lists(st.dictionaries(_KEYS, _VALUES, max_size=6), max_size=4),
    max_size=10,
)


# -- helpers -----------------------------------------------------------------------------------


def in_temp_folder(body: Callable[[Path], None]) -> None:
    """Hypothesis runs many examples per test: each gets a fresh folder of its own."""
    with tempfile.TemporaryDirectory() as folder:
        body(Path(folder))


def load_or_refuse(path: Path) -> Draft | None:
    """Load, allowing only our own error."""
    try:
        return storage.load(path)
    except DraftError as error:
        assert error.problems, "a DraftError must name at least one problem"
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1, problem
        return None


# -- the properties ------------------------------------------------------------------------------


@ROUND_TRIP
@given(draft=draft_models())
def test_save_then_load_gives_the_same_draft(draft: Draft) -> None:
    def body(folder: Path) -> None:
        path = folder / "draft.toml"
        storage.save(draft, path)
        again = storage.load(path)
        assert again == draft
        storage.save(again, path)  # saving over itself keeps it, too
        assert storage.load(path) == draft
        reliability_summary.count("generated drafts loaded")

    in_temp_folder(body)


@REWRITE
@given(old=draft_models(), new=draft_models())
def test_saving_over_an_older_version_gives_the_new_draft(old: Draft, new: Draft) -> None:
    def body(folder: Path) -> None:
        path = folder / "draft.toml"
        path.write_text("# the author's comment\n" + storage.dumps(old), encoding="utf-8")
        storage.save(new, path)
        assert storage.load(path) == new
        assert "# the author's comment" in path.read_text(encoding="utf-8")
        reliability_summary.count("generated drafts loaded")

    in_temp_folder(body)


@ROUND_TRIP
@given(document=documents)
def test_any_toml_document_loads_or_is_refused_with_our_error(document: dict[str, Any]) -> None:
    def body(folder: Path) -> None:
        path = folder / "draft.toml"
        try:
            text = tomlkit.dumps(document)
        except Exception:
            assume(False)
        path.write_text(text, encoding="utf-8")
        load_or_refuse(path)
        reliability_summary.count("generated drafts loaded")

    in_temp_folder(body)


@LOADER
@given(data=st.binary(max_size=400) | texts().map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_load_or_are_refused_with_our_error(data: bytes) -> None:
    def body(folder: Path) -> None:
        path = folder / "draft.toml"
        path.write_bytes(data)
        load_or_refuse(path)
        reliability_summary.count("generated drafts loaded")

    in_temp_folder(body)


@ROUND_TRIP
@given(draft=draft_models(), cut=st.integers(0, 10_000), junk=st.binary(max_size=8))
def test_a_damaged_draft_loads_or_is_refused_with_our_error(
    draft: Draft, cut: int, junk: bytes
) -> None:
    """A draft cut short or with a few bytes spliced in, as a bad copy would leave it."""

    def body(folder: Path) -> None:
        data = storage.dumps(draft).encode("utf-8")
        at = cut % (len(data) + 1)
        path = folder / "draft.toml"
        path.write_bytes(data[:at] + junk + data[at + len(junk) :])
        load_or_refuse(path)
        reliability_summary.count("generated drafts loaded")

    in_temp_folder(body)


@LINT
@given(draft=draft_models())
def test_lint_and_fix_raise_nothing_but_our_errors(draft: Draft) -> None:
    draft = replace(draft, sections=tuple(replace(s, lint_ignore=()) for s in draft.sections))

    def body(folder: Path) -> None:
        path = folder / "draft.toml"
        storage.save(draft, path)
        workspace = Workspace(root=folder)
        try:
            report = engine.lint_paths([path], workspace, archive=False)
            assert report.files == 1 and not report.problems, report.problems
            for finding in report.findings:
                assert finding.location.line >= 1 and finding.location.column >= 1, finding
            engine.fix_paths([path], workspace, archive=False)
        except NewsletterError:
            pass
        fixed = storage.load(path)  # a fixed draft still loads
        assert fixed.title == draft.title
        reliability_summary.count("drafts linted")

    in_temp_folder(body)


def test_huge_values_survive_a_round_trip(tmp_path: Path) -> None:
    """The extremes at once: a 1 MB word, a 100,000-line intro, 2,000 sections, long keys."""
    draft = Draft(
        title="T" * 10_000,
        summary="\x00\r\n\t\\\"'" * 1000,
        intro="line\n" * 100_000,
        closing="riverbank" * 120_000,
        sections=tuple(
            Section(heading=f"Section {i} \u202e", body=f"Body {i}.\n\nMore.\n")
            for i in range(2000)
        ),
    )
    path = tmp_path / "huge.toml"
    storage.save(draft, path)
    assert storage.load(path) == draft
    reliability_summary.count("generated drafts loaded")
