"""The words around the content ("Issue", "Page", "When", "Where", ...) are data of the theme,
``labels.toml``, as translations are in a mkdocs theme (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsletter_cli.errors import ThemeError
from newsletter_cli.output.render import LABELS_FILE, Theme, labels_for, shipped_themes


def test_the_shipped_theme_has_every_word_in_six_languages() -> None:
    assert labels_for("en").issue == "Issue"
    assert labels_for("en").where == "Where"
    assert labels_for("de-AT").when == "Wann"
    assert labels_for("fr").where == "Où"
    assert labels_for("es").page == "Página"
    assert labels_for("nl").contents == "In dit nummer"
    assert labels_for("pt").next_issue == "Próxima edição"
    assert (shipped_themes() / "default" / LABELS_FILE).is_file()


def test_another_language_is_written_in_english() -> None:
    assert labels_for("sw") == labels_for("en")


def _theme(tmp_path: Path, text: str) -> Theme:
    own = tmp_path / "mine"
    own.mkdir()
    (own / LABELS_FILE).write_text(text, encoding="utf-8")
    return Theme("mine", (own, shipped_themes() / "default"))


def test_a_theme_changes_only_the_words_it_has(tmp_path: Path) -> None:
    theme = _theme(tmp_path, '[en]\nissue = "Letter"\n\n[de]\nwhere = "Ort"\n')
    assert labels_for("en", theme).issue == "Letter"
    assert labels_for("en", theme).where == "Where"
    assert labels_for("de", theme).where == "Ort"
    assert labels_for("de", theme).issue == "Ausgabe"  # German from the shipped theme


def test_a_word_that_is_no_label_is_refused_with_the_file(tmp_path: Path) -> None:
    theme = _theme(tmp_path, '[en]\nisue = "Letter"\n')
    with pytest.raises(ThemeError, match=r"labels.toml: \[en\] isue: not a label"):
        labels_for("en", theme)


def test_the_rendered_page_uses_the_theme_words(tmp_path: Path) -> None:
    from newsletter_cli.draft import storage
    from newsletter_cli.draft.workspace import load_workspace
    from newsletter_cli.output.formats import web_page

    (tmp_path / "newsletter.toml").write_text('name = "River Letter"\n', encoding="utf-8")
    path = tmp_path / "june.toml"
    path.write_text('title = "June"\nnumber = 4\nintro = "Hello."\n', encoding="utf-8")
    theme = _theme(tmp_path, '[en]\nissue = "Letter no."\n')
    page = web_page(storage.load(path), load_workspace(tmp_path), theme, stem="june", images={})
    assert "Letter no. 4" in page
