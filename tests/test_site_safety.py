"""`nl export --site` never touches files outside its folder (issue 17 points 6 and 16)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import RunNl
from test_site import make_archive, tiny_png

SITE = Path("out") / "site"


def built_site(run_nl: RunNl, root: Path) -> Path:
    make_archive(root)
    result = run_nl("export", "--site", cwd=root)
    assert result.exit_code == 0, result.output
    return root / SITE


def plant(site: Path, stem: str, files: list[str]) -> None:
    """Edit the manifest as an attacker (or a damaged disk) would: ``stem``'s files."""
    manifest = json.loads((site / ".nl-site.json").read_text(encoding="utf-8"))
    manifest["pages"][stem] = {"key": "0" * 32, "files": files}
    (site / ".nl-site.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    "entry",
    [
        "../../../victim.txt",
        "{victim}",
        "2024-01-10-winter_files/../../../../victim.txt",
        "2024-01-10-winter.html/../../../../victim.txt",
    ],
)
@pytest.mark.parametrize("stem", ["2024-01-10-winter", "gone"])
def test_a_planted_manifest_entry_never_deletes_a_file_outside_the_site(
    run_nl: RunNl, tmp_path: Path, entry: str, stem: str
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    site = built_site(run_nl, root)
    assert (site / entry.format(victim=victim)).resolve() == victim.resolve()
    # the entry among the files of a page that is still built, or of one whose draft is gone
    page = f"{stem}.html"
    plant(site, stem, [page, entry.format(victim=victim)])

    result = run_nl("export", "--site", cwd=root)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert "out/site/.nl-site.json: not a manifest this version of nl wrote" in result.stderr
    assert "4 issues (4 rendered, 0 unchanged)" in result.stderr
    # rebuilt: the next build trusts it again
    again = run_nl("export", "--site", cwd=root)
    assert again.exit_code == 0, again.output
    assert "warning" not in again.stderr
    assert "(0 rendered, 4 unchanged)" in again.stderr


@pytest.mark.parametrize(
    "damage",
    [
        "{not json",
        '{"version": 1, "pages": {"a": {"key": "k", "files": "a.html"}}}',
        '{"version": 1, "pages": {"a": {"key": 1, "files": ["a.html"]}}}',
        '{"version": 1, "pages": {"../a": {"key": "k", "files": ["../a.html"]}}}',
        '{"version": 1, "pages": {"a": {"key": "k", "files": ["b.html"]}}}',
        '{"version": 1, "pages": {"a": {"key": "k", "files": ["a.html", "a_files/"]}}}',
        '{"version": 1, "pages": []}',
    ],
)
def test_a_damaged_manifest_is_ignored_with_a_warning_and_rebuilt(
    run_nl: RunNl, tmp_path: Path, damage: str
) -> None:
    site = built_site(run_nl, tmp_path)
    (site / ".nl-site.json").write_text(damage, encoding="utf-8")
    result = run_nl("export", "--site", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "warning: out/site/.nl-site.json: not a manifest" in result.stderr
    assert "Traceback" not in result.output
    pages = json.loads((site / ".nl-site.json").read_text(encoding="utf-8"))["pages"]
    assert sorted(pages) == ["2023-10-05-autumn", "2024-01-10-winter", "2024-03-01-spring", "ideas"]


def test_removing_an_issue_never_follows_a_symlinked_images_folder(
    run_nl: RunNl, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    site = built_site(run_nl, root)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "heron.png").write_bytes(b"not the site's")
    # the images folder of a page is replaced by a link to a folder outside, then its draft goes
    folder = site / "2024-03-01-spring_files"
    (folder / "heron.png").unlink()
    folder.rmdir()
    folder.symlink_to(outside, target_is_directory=True)
    (root / "issues" / "2024-03-01-spring.toml").unlink()

    result = run_nl("export", "--site", cwd=root)
    assert result.exit_code == 0, result.output
    assert (outside / "heron.png").read_bytes() == b"not the site's"
    assert not (site / "2024-03-01-spring.html").exists()


def test_a_symlinked_images_folder_is_replaced_not_written_through(
    run_nl: RunNl, tmp_path: Path
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    make_archive(root)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    site = root / SITE
    site.mkdir(parents=True)
    os.symlink(outside, site / "2024-03-01-spring_files")

    result = run_nl("export", "--site", cwd=root)
    assert result.exit_code == 0, result.output
    assert list(outside.iterdir()) == []
    folder = site / "2024-03-01-spring_files"
    assert folder.is_dir() and not folder.is_symlink()
    assert (folder / "heron.png").read_bytes() == tiny_png()


@pytest.mark.parametrize(
    "name", ["index.html", "feed.xml", ".nl-site.json", "2024-01-10-winter.html"]
)
def test_a_planted_link_in_the_site_is_replaced_not_written_through(
    run_nl: RunNl, tmp_path: Path, name: str
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    make_archive(root)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    site = root / SITE
    site.mkdir(parents=True)
    (site / name).symlink_to(victim)

    result = run_nl("export", "--site", cwd=root)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (site / name).is_symlink() and (site / name).stat().st_size > 0
