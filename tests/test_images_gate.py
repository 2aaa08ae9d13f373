"""The image gate through the real `nl export`: only image files, by content, are published.

Issue 17 points 7 (any file beside a draft published as an image), 8 (SVG ``<use>`` fan-out)
and 14 (image pixels), each refused at the image's ``path:line:col`` with exit code 3.
"""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import pytest

from newsletter_cli.output.images import MAX_SVG_EXPANSION, svg_problem
from tests.conftest import RunNl

DRAFT = "issues/2026-03-spring.toml"
PNG = Path(__file__).parent / "fixtures" / "export" / "issues" / "pictures" / "bridge.png"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">{}</svg>'
#: The one the issue timed: 6 levels of 10 <use> of the level below, 1.6 KB, 2 min 38 s to lay out.
FAN_OUT = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<defs><rect id="l0" width="1" height="1"/>'
    + "".join(
        f'<g id="l{level}">'
        + "".join(f'<use xlink:href="#l{level - 1}"/>' for _ in range(10))
        + "</g>"
        for level in range(1, 7)
    )
    + '</defs><use xlink:href="#l6"/></svg>'
)


def with_image(ws: Path, src: str) -> tuple[str, int]:
    """Put ``![ ](src)`` in the draft's first section; returns the draft and the image's line."""
    path = ws / DRAFT
    text = path.read_text(encoding="utf-8")
    marker = "It is wide enough"
    text = text.replace(marker, f"\n![ ]({src})\n\n{marker}", 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(f"![ ]({src})")].count("\n") + 1
    return DRAFT, line


def refused(run_nl: RunNl, ws: Path, src: str, *formats: str) -> str:
    draft, line = with_image(ws, src)
    result = run_nl("export", draft, *(formats or ("--pdf", "--html")), cwd=ws, timeout=60)
    assert result.exit_code == 3, result.output
    assert f"{draft}:{line}:1: blocked image {src}: " in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert not (ws / "out").exists() or not any((ws / "out").rglob("*"))
    return result.stderr


# ------------------------------------------------------------ point 7: only images, by content


def test_a_dotfile_is_never_published(ws: Path, run_nl: RunNl) -> None:
    (ws / "issues" / ".env").write_text("TOKEN=secret\n")
    assert "hidden file" in refused(run_nl, ws, ".env")


def test_a_file_in_a_hidden_folder_is_never_published(ws: Path, run_nl: RunNl) -> None:
    (ws / "issues" / ".git").mkdir()
    shutil.copy(PNG, ws / "issues" / ".git" / "logo.png")
    assert "hidden file" in refused(run_nl, ws, ".git/logo.png")


def test_a_symlink_with_an_image_name_to_a_dotfile_is_refused(ws: Path, run_nl: RunNl) -> None:
    (ws / "issues" / ".env").write_text("TOKEN=secret\n")
    (ws / "issues" / "photo.png").symlink_to(".env")
    assert "hidden file" in refused(run_nl, ws, "photo.png")


def test_an_unpublished_draft_is_never_published(ws: Path, run_nl: RunNl) -> None:
    shutil.copy(ws / DRAFT, ws / "issues" / "2026-07-secret.toml")
    assert "draft or settings file" in refused(run_nl, ws, "2026-07-secret.toml")


def test_a_text_file_named_like_an_image_is_refused(ws: Path, run_nl: RunNl) -> None:
    (ws / "issues" / "notes.png").write_text("meeting notes, not a picture\n")
    assert "not an image" in refused(run_nl, ws, "notes.png")


def test_the_site_does_not_copy_what_is_not_an_image(ws: Path, run_nl: RunNl) -> None:
    (ws / "issues" / ".env").write_text("TOKEN=secret\n")
    with_image(ws, ".env")
    result = run_nl("export", "--site", "--force", cwd=ws, timeout=120)
    assert "image .env is not copied" in result.stderr, result.output
    assert not [p for p in (ws / "out").rglob("*") if p.name == ".env"]


def test_images_by_content_are_published(ws: Path, run_nl: RunNl) -> None:
    shutil.copy(PNG, ws / "issues" / "photo.jpg")  # a PNG under another name is still an image
    (ws / "issues" / "plain.svg").write_text(SVG.format('<circle r="5" fill="url(#g)"/>'))
    with_image(ws, "photo.jpg")
    draft, _ = with_image(ws, "plain.svg")
    result = run_nl("export", draft, "--pdf", "--html", cwd=ws, timeout=60)
    assert result.exit_code == 0, result.output
    files = ws / "out" / "2026-03-spring_files"
    assert (files / "photo.jpg").read_bytes() == PNG.read_bytes()
    assert (files / "plain.svg").is_file()


# ------------------------------------------------------------ point 7: SVG that could run or fetch


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<rect width="5" height="5" onclick="alert(1)"/>', "event handler (onclick)"),
        ("<foreignObject><p>html</p></foreignObject>", "<foreignObject>"),
        ('<image href="https://example.org/x.png"/>', "outside the image (https://example.org"),
        ('<image href="../secret.png"/>', "outside the image (../secret.png)"),
        ('<rect fill="url(http://example.org/f)"/>', "outside the image (http://example.org/f)"),
        ('<style>@import "x.css";</style>', "reaches outside the image (@import)"),
        ('<rect style="fill: url(file:///etc/passwd)"/>', "outside the image (file:///etc"),
    ],
)
def test_an_svg_that_could_run_or_fetch_is_refused(
    ws: Path, run_nl: RunNl, body: str, said: str
) -> None:
    (ws / "issues" / "drawing.svg").write_text(SVG.format(body))
    assert said in refused(run_nl, ws, "drawing.svg")


def test_an_svg_with_a_doctype_is_refused_before_any_entity_is_expanded(
    ws: Path, run_nl: RunNl
) -> None:
    laughs = '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    (ws / "issues" / "laughs.svg").write_text(
        laughs + ']><svg xmlns="http://www.w3.org/2000/svg"><text>&j;</text></svg>'
    )
    assert "DOCTYPE" in refused(run_nl, ws, "laughs.svg")


def test_xml_that_is_not_an_svg_is_refused(ws: Path, run_nl: RunNl) -> None:
    (ws / "issues" / "feed.svg").write_text("<rss><channel/></rss>")
    assert "root is not <svg>" in refused(run_nl, ws, "feed.svg")


# ------------------------------------------------------------ point 8: <use> fan-out


def test_the_use_fan_out_of_the_issue_is_refused_quickly(ws: Path, run_nl: RunNl) -> None:
    (ws / "issues" / "fan.svg").write_text(FAN_OUT)
    assert len(FAN_OUT) < 2000
    said = refused(run_nl, ws, "fan.svg", "--pdf")  # 60 s guard; it took 158 s before
    assert f"more than {MAX_SVG_EXPANSION:,} copies" in said


def _marker_fan_out(levels: int) -> str:
    """Markers of markers: each polyline of 10 points draws the marker below at every point."""
    points = " ".join(f"{i},{i}" for i in range(10))
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><defs>'
    svg += '<marker id="m0" markerWidth="2" markerHeight="2"><circle r="1"/></marker>'
    for level in range(1, levels + 1):
        svg += (
            f'<marker id="m{level}" markerWidth="10" markerHeight="10">'
            f'<polyline points="{points}" marker-mid="url(#m{level - 1})"/></marker>'
        )
    return svg + f'</defs><polyline points="{points}" style="marker-mid: url(#m{levels})"/></svg>'


def test_a_marker_fan_out_is_refused_quickly(ws: Path, run_nl: RunNl) -> None:
    # 4 levels took the PDF 9 s and 250 MB; each level 10x more
    (ws / "issues" / "markers.svg").write_text(_marker_fan_out(5))
    said = refused(run_nl, ws, "markers.svg", "--pdf")
    assert "marker references draw more than" in said


def test_a_few_markers_are_fine() -> None:
    assert svg_problem(_marker_fan_out(1).encode()) is None


def test_a_use_cycle_is_refused(ws: Path, run_nl: RunNl) -> None:
    body = '<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'
    (ws / "issues" / "loop.svg").write_text(SVG.format(body))
    assert "cycle" in refused(run_nl, ws, "loop.svg")


def test_a_use_of_its_own_ancestor_is_a_cycle() -> None:
    assert svg_problem(SVG.format('<g id="a"><use href="#a"/></g>').encode()) is not None


def test_modest_reuse_is_fine_and_the_bound_is_exact() -> None:
    def fan(copies: int) -> bytes:
        uses = '<use href="#dot"/>' * copies
        return SVG.format(f'<circle id="dot" r="1"/>{uses}').encode()

    # each <use> is an element and draws one copy of the circle
    assert svg_problem(fan(MAX_SVG_EXPANSION)) is None
    assert svg_problem(fan(MAX_SVG_EXPANSION + 1)) is not None


def test_deep_nesting_is_no_recursion_problem() -> None:
    depth = 100_000
    deep = SVG.format("<g>" * depth + "</g>" * depth).encode()
    assert svg_problem(deep) is None


# ------------------------------------------------------------ point 14: pixels, from the header


def _png_of(path: Path, side: int) -> None:
    """A valid grey PNG of side x side pixels in a few hundred KB, written without decoding."""
    compressor = zlib.compressobj(1)
    row = b"\x00" * (side + 1)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")
        )

    header = side.to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def test_a_13000_pixel_square_png_is_refused_without_decoding(ws: Path, run_nl: RunNl) -> None:
    _png_of(ws / "issues" / "huge.png", 13_000)
    said = refused(run_nl, ws, "huge.png", "--pdf", "--html", "--email", "--text")
    assert "169,000,000 pixels" in said
    assert "DecompressionBomb" not in said


def test_the_draft_total_of_pixels_is_bounded(ws: Path, run_nl: RunNl) -> None:
    for n in range(5):
        _png_of(ws / "issues" / f"big{n}.png", 7_000)  # 49 MP each, under the per-image bound
        draft, line = with_image(ws, f"big{n}.png")
    result = run_nl("export", draft, "--pdf", cwd=ws, timeout=60)
    assert result.exit_code == 3, result.output
    # the fifth picture is the one that crosses 200,000,000 pixels, and only it is named
    assert f"{draft}:{line}:1: blocked image big4.png: " in result.stderr, result.stderr
    assert "in one draft" in result.stderr
    assert "big3.png" not in result.stderr
