"""The archive generator: drafts that load, the same bytes for the same seed, mistakes where it says."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from benchmarks import archivegen
from newsletter_cli.draft import storage
from newsletter_cli.draft.model import Draft

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
_MONTHS = {name: i + 1 for i, name in enumerate(_MONTH_NAMES.split())}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_DATED = re.compile(
    r"\b(" + "|".join(_WEEKDAYS) + r"), (\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})"
)


def _paragraphs(draft: Draft) -> list[str]:
    return [" ".join(p.text.split()) for p in draft.paragraphs()]


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _wrong_weekdays(draft: Draft) -> list[str]:
    wrong = []
    for _, text, _ in draft.texts():
        for match in _DATED.finditer(" ".join(text.split())):
            weekday, day, month, year = match.groups()
            real = date(int(year), _MONTHS[month], int(day))
            if _WEEKDAYS[real.weekday()] != weekday:
                wrong.append(match.group(0))
    return wrong


def _has_mistake(kind: str, draft: Draft, previous: Draft | None) -> bool:
    paragraphs = [p for p in _paragraphs(draft) if len(p.split()) >= 8]
    if kind == "duplicate-paragraph":
        return len(set(paragraphs)) < len(paragraphs)
    if kind == "duplicate-run":
        runs = [tuple(paragraphs[i : i + 3]) for i in range(len(paragraphs) - 2)]
        return len(set(runs)) < len(runs)
    if kind == "near-duplicate-paragraph":
        return any(
            a != b and len(_shingles(a) & _shingles(b)) / len(_shingles(a) | _shingles(b)) >= 0.5
            for i, a in enumerate(paragraphs)
            for b in paragraphs[i + 1 :]
        )
    if kind == "archive-duplicate":
        shared = {" ".join(t.split()) for t in (archivegen.FOOTER, archivegen.SUPPORT)}
        earlier = set(_paragraphs(previous)) - shared if previous else set()
        return bool(earlier & set(paragraphs))
    if kind == "weekday-mismatch":
        return bool(_wrong_weekdays(draft))
    if kind == "impossible-date":
        return any("31 June" in p for p in paragraphs)
    if kind == "past-event":
        assert draft.date is not None
        return any(s.kind == "event" and s.date and s.date < draft.date for s in draft.sections)
    if kind == "relative-date":
        return any("this Saturday" in p for p in paragraphs)
    raise AssertionError(f"unknown kind {kind}")


@pytest.fixture(scope="module")
def archive() -> archivegen.Archive:
    # every draft carries a mistake, so 16 drafts hold every kind twice
    return archivegen.generate(16, seed=7, plant_every=1)


def test_every_draft_loads_and_round_trips(tmp_path: Path, archive: archivegen.Archive) -> None:
    paths = archivegen.write_archive(archive, tmp_path)
    assert [p.name for p in paths] == sorted(p.name for p in tmp_path.glob("*.toml"))
    for path, item in zip(paths, archive.drafts, strict=True):
        loaded = storage.load(path)
        assert loaded == item.draft
        assert 18 <= len(_paragraphs(loaded)) <= 30, path.name
        # every paragraph is found at a real line of the file, not at the top
        assert all(p.location.line > 1 for p in loaded.paragraphs())


def test_the_same_seed_gives_the_same_bytes() -> None:
    first = archivegen.generate(12, seed=3)
    second = archivegen.generate(12, seed=3)
    assert [d.text for d in first.drafts] == [d.text for d in second.drafts]
    assert first.planted == second.planted
    other = archivegen.generate(12, seed=4)
    assert [d.text for d in other.drafts] != [d.text for d in first.drafts]


def test_a_small_archive_is_the_start_of_a_larger_one() -> None:
    small = archivegen.generate(30, seed=1)
    large = archivegen.generate(60, seed=1)
    assert [d.text for d in small.drafts] == [d.text for d in large.drafts[:30]]


def test_workspace_has_settings_and_drafts(tmp_path: Path) -> None:
    from newsletter_cli.draft.workspace import load_workspace

    issues = archivegen.write_workspace(tmp_path, archivegen.generate(3))
    workspace = load_workspace(tmp_path)
    assert workspace.issues_path == issues
    assert workspace.settings.name == archivegen.PUBLICATION
    assert len(list(issues.glob("*.toml"))) == 3


def test_planted_mistakes_are_where_the_archive_says(archive: archivegen.Archive) -> None:
    by_name = {d.filename: i for i, d in enumerate(archive.drafts)}
    assert sorted({p.kind for p in archive.planted}) == sorted(archivegen.PLANT_KINDS)
    for planted in archive.planted:
        index = by_name[planted.filename]
        previous = archive.drafts[index - 1].draft if index else None
        assert _has_mistake(planted.kind, archive.drafts[index].draft, previous), planted


def test_clean_drafts_have_none_of_the_mistakes() -> None:
    archive = archivegen.generate(40, seed=11, plant_every=10)
    assert len(archive.planted) == 4
    clean = archive.clean()
    assert len(clean) == 36
    by_name = {d.filename: i for i, d in enumerate(archive.drafts)}
    for item in clean:
        index = by_name[item.filename]
        previous = archive.drafts[index - 1].draft if index else None
        for kind in archivegen.PLANT_KINDS:
            assert not _has_mistake(kind, item.draft, previous), (kind, item.filename)


def test_shared_boilerplate_recurs_in_every_issue() -> None:
    archive = archivegen.generate(5)
    footer = " ".join(archivegen.FOOTER.split())
    for item in archive.drafts:
        assert footer in _paragraphs(item.draft)
    # and events carry dates after the issue, with the right weekday
    for item in archive.drafts:
        events = [s for s in item.draft.sections if s.kind == "event"]
        assert events and all(
            s.date and item.draft.date and s.date > item.draft.date for s in events
        )


def test_the_generator_is_not_part_of_the_package() -> None:
    """It serves tests and benchmarks only: the wheel does not ship it (issue 14)."""
    import importlib.util

    assert importlib.util.find_spec("newsletter_cli.archivegen") is None
    assert not hasattr(archivegen, "_OBSERVATIONS")  # dead: no draft used it
