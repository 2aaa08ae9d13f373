"""File names of new drafts: readable in every script, never a way out of the folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsletter_cli.draft.slug import MAX_SLUG_BYTES, draft_name, free_path, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("June news", "june-news"),
        ("June news: 2026!", "june-news-2026"),
        ("  Spaces   everywhere  ", "spaces-everywhere"),
        ("Café à Montréal", "cafe-a-montreal"),
        ("Über die Straße", "uber-die-straße"),
        ("จดหมายข่าว ฉบับเดือนมิถุนายน", "จดหมายข่าว-ฉบับเดือนมิถุนายน"),
        ("نشرة الأخبار الشهرية", "نشرة-الأخبار-الشهرية"),
        ("Новости за июнь", "новости-за-июнь"),
        ("日本語のニュース", "日本語のニュース"),
        ("Ελληνικά νέα", "ελληνικά-νέα"),
    ],
)
def test_slug_keeps_the_letters_of_every_script(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_thai_vowel_marks_stay_on_their_letters() -> None:
    # Thai vowels above and below are combining marks: dropping them would change the words
    assert slugify("มิถุนายน") == "มิถุนายน"


@pytest.mark.parametrize(
    "title",
    ["../../etc/passwd", "..", ".", "a/b", "a\\b", "/", "con", "", "???", "\x00", "..\\..\\x"],
)
def test_slug_never_leaves_the_folder(title: str) -> None:
    slug = slugify(title)
    assert slug
    assert "/" not in slug and "\\" not in slug and ".." not in slug and "." not in slug
    assert slug.lower() not in {"con", "prn", "aux", "nul"}


def test_names_without_letters_fall_back() -> None:
    assert slugify("!!!") == "issue"
    assert slugify("..") == "issue"
    assert slugify("CON") == "con-issue"


def test_long_titles_are_cut_at_a_word() -> None:
    slug = slugify("word " * 100)
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert slug.endswith("word") and "--" not in slug


def test_one_long_word_is_cut_between_letters_not_inside_one() -> None:
    thai = "กิ" * 200  # a consonant with a vowel mark, 6 bytes each
    slug = slugify(thai)
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES
    assert slug.endswith("กิ")


@given(st.text())
def test_any_title_gives_a_safe_name(title: str) -> None:
    slug = slugify(title)
    assert slug
    assert len(slug.encode("utf-8")) <= MAX_SLUG_BYTES + len("-issue")
    assert not any(c in slug for c in "/\\.:\x00")
    assert not slug.startswith("-") and not slug.endswith("-")


def test_draft_name_starts_with_the_date() -> None:
    assert draft_name(date(2026, 6, 1), "June news") == "2026-06-01-june-news"
    assert draft_name(None, "June news") == "june-news"


def test_a_taken_name_gets_a_number(tmp_path: Path) -> None:
    assert free_path(tmp_path, "2026-06-01-june") == tmp_path / "2026-06-01-june.toml"
    (tmp_path / "2026-06-01-june.toml").write_text("taken", encoding="utf-8")
    assert free_path(tmp_path, "2026-06-01-june") == tmp_path / "2026-06-01-june-2.toml"
    (tmp_path / "2026-06-01-june-2.toml").write_text("taken", encoding="utf-8")
    assert free_path(tmp_path, "2026-06-01-june") == tmp_path / "2026-06-01-june-3.toml"
    assert (tmp_path / "2026-06-01-june.toml").read_text(encoding="utf-8") == "taken"


def test_a_dangling_symlink_counts_as_taken(tmp_path: Path) -> None:
    (tmp_path / "june.toml").symlink_to(tmp_path / "nowhere")
    assert free_path(tmp_path, "june") == tmp_path / "june-2.toml"


def test_the_file_being_renamed_counts_as_free(tmp_path: Path) -> None:
    mine = tmp_path / "june.toml"
    mine.write_text("mine", encoding="utf-8")
    assert free_path(tmp_path, "june", taken=mine) == mine
