"""The physical floor of linting an archive: read every draft and hash it paragraph by paragraph.

Plain Python and the standard library only: read each ``*.toml`` file of a
folder, parse it with ``tomllib`` (any tool must, to find the text), split every
text value at blank lines, normalise case and spacing and hash each paragraph,
counting the hashes seen more than once. No rules, no positions, no report: a
linter cannot do less work than this, so ``nl lint`` time divided by this time
says how much its checks cost on top of reading the archive.

Usage: python benchmarks/floor.py FOLDER
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from pathlib import Path


def texts(data: dict[str, object]) -> list[str]:
    found = [data.get("intro"), data.get("closing")]
    sections = data.get("sections")
    if isinstance(sections, list):
        found.extend(s.get("body") for s in sections if isinstance(s, dict))
    return [t for t in found if isinstance(t, str)]


def main(folder: Path) -> int:
    seen: dict[bytes, int] = {}
    files = paragraphs = 0
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        files += 1
        for text in texts(data):
            for block in text.split("\n\n"):
                normal = " ".join(block.lower().split())
                if not normal:
                    continue
                digest = hashlib.blake2b(normal.encode("utf-8"), digest_size=16).digest()
                seen[digest] = seen.get(digest, 0) + 1
                paragraphs += 1
    repeated = sum(1 for count in seen.values() if count > 1)
    print(f"{files} files, {paragraphs} paragraphs, {repeated} repeated")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        print("usage: python benchmarks/floor.py FOLDER", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
