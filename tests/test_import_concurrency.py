"""Two `nl import` runs at once into one folder: no draft is written over another.

Real processes started together, importing two folders whose issues have the same names
(and so the same draft names) but different titles. Each draft name is claimed atomically:
for every name one run writes its draft and the other says the name exists, as if they had
run one after the other. Before, both saw a free name and both wrote it: of 200 names,
90 to 150 were written twice, the second run's draft replacing the first's unreported.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from newsletter_cli.draft import storage

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX processes")

ROUNDS = 2
ISSUES = 120
RUNS = ("a", "b")
EXISTS = re.compile(r"out/(\S+\.toml): exists, not overwritten")


def _sources(folder: Path, run: str) -> None:
    folder.mkdir()
    for n in range(ISSUES):
        when = date(2000, 1, 7) + timedelta(weeks=n)
        (folder / f"{when.isoformat()}-issue.md").write_text(
            f"---\ntitle: Issue {n} from {run}\n---\nText of run {run}.\n", encoding="utf-8"
        )


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_imports_into_one_folder_never_overwrite_each_other(
    tmp_path: Path, round_: int
) -> None:
    for run in RUNS:
        _sources(tmp_path / run, run)
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "newsletter_cli", "import", run, "-o", "out"],
            cwd=tmp_path,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for run in RUNS
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    codes = [process.returncode for process in processes]
    assert all(code in (0, 1) for code in codes), outputs  # 1: a name was taken
    assert "Traceback" not in "".join(err for _, err in outputs)

    not_written = {
        run: set(EXISTS.findall(err)) for run, (_, err) in zip(RUNS, outputs, strict=True)
    }
    drafts = sorted((tmp_path / "out").glob("*.toml"))
    assert len(drafts) == ISSUES
    for draft in drafts:
        # one run wrote it and the other was told the name exists: never both, never neither
        losers = [run for run in RUNS if draft.name in not_written[run]]
        assert len(losers) == 1, (draft.name, losers)
        (writer,) = set(RUNS) - set(losers)
        assert storage.load(draft).title.endswith(f"from {writer}")
    assert [p.name for p in (tmp_path / "out").iterdir() if p.suffix != ".toml"] == []
