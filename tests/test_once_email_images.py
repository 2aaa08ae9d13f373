"""The email's image widths come from the image gate, which read each image's header once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from newsletter_cli.output.export import ExportOptions, export_one, plan

FIXTURE = Path(__file__).parent / "fixtures" / "export"
DRAFT = "issues/2026-03-spring.toml"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40"/></svg>'


def test_each_image_is_opened_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    pictures = ws / "issues" / "pictures"
    Image.new("RGB", (300, 20), "white").save(pictures / "narrow.png")
    (pictures / "mark.svg").write_text(SVG, encoding="utf-8")
    draft = ws / DRAFT
    text = draft.read_text(encoding="utf-8")
    extra = "\n\n![A narrow strip](pictures/narrow.png)\n\n![A black square](pictures/mark.svg)\n"
    draft.write_text(text.replace('\n"""\n', extra + '"""\n', 1), encoding="utf-8")

    opened: list[str] = []
    real_open = Image.open

    def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(Path(file).name)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(Image, "open", counting_open)
    (job,) = plan([draft], ExportOptions(formats=frozenset({"email"})))
    result = export_one(job)
    assert result.errors == [], result.errors

    html = (job.out_dir / "2026-03-spring.email.html").read_text(encoding="utf-8")
    widths = dict(re.findall(r'<img[^>]*?src="[^"]*/([^"/]+)"[^>]*?width="(\d+)"', html))
    widths |= {
        src: width
        for width, src in re.findall(r'<img[^>]*?width="(\d+)"[^>]*?src="[^"]*/([^"/]+)"', html)
    }
    # 800 px wide: the column's 560; 300 px: its own; an SVG has no pixels: the column's
    assert widths == {"bridge.png": "560", "narrow.png": "300", "mark.svg": "560"}
    assert sorted(opened) == ["bridge.png", "narrow.png"]  # by the image gate, not again
