"""Guards found by the reliability tests: local links in the PDF, absurd words and images,
themes that are not UTF-8, sources too large to become a draft."""

from __future__ import annotations

from pathlib import Path

from conftest import RunNl
from PIL import Image
from pypdf import PdfReader


def draft(folder: Path, body: str, name: str = "2026-06-01-guard.toml") -> Path:
    (folder / "newsletter.toml").write_text('name = "Guard"\n', encoding="utf-8")
    issues = folder / "issues"
    issues.mkdir(exist_ok=True)
    path = issues / name
    path.write_text(
        f'title = "Guard"\ndate = 2026-06-01\n\n[[sections]]\nheading = "News"\nbody = """\n{body}\n"""\n',
        encoding="utf-8",
    )
    return path


def link_targets(pdf: Path) -> list[str]:
    targets = []
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def test_pdf_keeps_web_links_and_drops_links_into_the_authors_folders(
    run_nl: RunNl, tmp_path: Path
) -> None:
    path = draft(
        tmp_path,
        "Read [the report](https://example.org/report), [our notes](../private/notes.txt), "
        "[a tab trick](java%09script:alert(5)) and [write to us](mailto:team@example.org).",
    )
    result = run_nl("export", path, "--pdf", "-o", tmp_path / "out", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    targets = link_targets(tmp_path / "out" / f"{path.stem}.pdf")
    assert sorted(targets) == ["https://example.org/report", "mailto:team@example.org"]


def test_a_word_too_long_to_lay_out_is_refused_before_layout(run_nl: RunNl, tmp_path: Path) -> None:
    path = draft(tmp_path, "Intro line.\n\n" + "x" * 50_000)
    result = run_nl("export", path, "--pdf", "-o", tmp_path / "out", cwd=tmp_path, timeout=60)
    assert result.exit_code == 3
    assert (
        "issues/2026-06-01-guard.toml:9:1: a run of 50,000 characters without a space cannot be "
        "laid out on a page (at most 2,000); break it up or remove it"
    ) in result.stderr
    assert not (tmp_path / "out" / f"{path.stem}.pdf").exists()
    assert "Traceback" not in result.output


def test_an_image_bomb_in_the_email_is_no_traceback(run_nl: RunNl, tmp_path: Path) -> None:
    path = draft(tmp_path, "![A huge plain picture](bomb.png)")
    Image.new("1", (14_000, 14_000)).save(path.parent / "bomb.png")
    result = run_nl("export", path, "--email", "--text", "-o", tmp_path / "out", cwd=tmp_path)
    assert "Traceback" not in result.output
    # the image gate bounds an image's pixels (from its header, before decoding): the picture
    # is refused at its line, before the email code (or Pillow) ever decodes it
    assert result.exit_code == 3, result.output
    assert "issues/2026-06-01-guard.toml:7:1: blocked image bomb.png:" in result.stderr
    assert "pixels" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_theme_template_that_is_not_utf8_is_named_with_its_line(
    run_nl: RunNl, tmp_path: Path
) -> None:
    path = draft(tmp_path, "A short paragraph of news for the members of the network.")
    theme = tmp_path / "mytheme"
    theme.mkdir()
    (theme / "web.html").write_bytes(b"<!doctype html>\n<title>caf\xe8</title>\n")
    result = run_nl(
        "export", path, "--html", "--theme", theme, "-o", tmp_path / "out", cwd=tmp_path
    )
    assert result.exit_code == 3
    assert "mytheme/web.html:2:11: template is not UTF-8 text (byte 0xe8); save it as UTF-8" in (
        result.stderr
    )


def test_a_source_too_large_for_a_draft_is_not_imported(run_nl: RunNl, tmp_path: Path) -> None:
    source = tmp_path / "2019-06-05-huge.md"
    source.write_bytes(b"# Huge\n\n" + b"word " * (2_200_000))
    result = run_nl("import", source, "-o", tmp_path / "drafts", cwd=tmp_path)
    assert result.exit_code == 3
    assert "2019-06-05-huge.md: is 11 MB; an issue to import may be at most 10 MB" in result.stderr
    assert list(tmp_path.rglob("*.toml")) == []
