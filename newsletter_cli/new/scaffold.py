"""`nl init`: a new workspace: a commented ``newsletter.toml``, ``issues/``, ``.gitignore``."""

from __future__ import annotations

import shlex
from pathlib import Path

from newsletter_cli.atomic import write_atomic
from newsletter_cli.console import escape
from newsletter_cli.draft.workspace import CACHE_DIR, CONFIG_NAME
from newsletter_cli.errors import ExistsError, SaveError, display_path

_CONFIG = """\
# Settings of this newsletter workspace, read by `nl` in this folder and below.
# Every key is optional; delete what you do not need.

{name_line}# the publication's name: the default title of an issue
language = "en"          # default language of issues (BCP 47: en, fr, es, th, ...)
theme = "default"        # a theme under templates/, or a folder
paper = "a4"             # PDF paper size: "a4" or "letter"
# base_url = "https://example.org/newsletter/"   # where the web archive is published
issues_dir = "issues"    # where drafts live
output_dir = "out"       # where `nl export` writes
date_order = "dmy"       # how to read 04/06/2026 in text: "dmy" (4 June) or "mdy" (April 6)
editor = false           # true: `nl new` opens $VISUAL/$EDITOR for section bodies

[organisation]           # shown in footers and the email
name = ""
address = ""
website = ""
email = ""

[email]
unsubscribe_url = "{{{{unsubscribe_url}}}}"   # your mailing tool replaces this placeholder
# view_online_url = ""

# The sections `nl new` offers, in order. Without any, it offers an opening
# letter, news, events, publications and a closing.
# [[sections]]
# heading = "Dear friends"
# prompt = "The opening letter: what this issue is about."
#
# [[sections]]
# heading = "Events"
# kind = "event"

[lint]
# select = []                 # only these rules (empty: all); `nl rules` lists them
# ignore = []                 # never these rules
# boilerplate = ["^to unsubscribe"]   # regular expressions: never archive duplicates
# [lint.rules.duplicate-paragraph]
# severity = "error"          # error, warning or off
"""

_GITIGNORE = f"""\
# written by `nl export` and `nl lint`
/out/
/{CACHE_DIR}/
"""


def create_workspace(folder: Path, name: str | None = None) -> list[str]:
    """Create the workspace files in ``folder``, never overwriting; return what was made."""
    config = folder / CONFIG_NAME
    if config.exists():
        raise ExistsError(f"{display_path(config)}: already exists; nothing was changed")
    title = name or (
        folder.resolve().name.replace("-", " ").replace("_", " ").title() or "Newsletter"
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        issues = folder / "issues"
        issues.mkdir(exist_ok=True)
    except OSError as error:
        raise SaveError(f"{display_path(folder)}: cannot create: {error.strerror}") from error
    created = [display_path(config), display_path(issues) + "/"]
    name_line = f"name = {_toml_string(title)}".ljust(24) + " "  # comments stay in a column
    write_atomic(config, _CONFIG.format(name_line=name_line))
    gitignore = folder / ".gitignore"
    if not gitignore.exists():
        write_atomic(gitignore, _GITIGNORE)
        created.append(display_path(gitignore))
    return created


def next_steps(folder: Path) -> str:
    """What to do after `nl init` (rich markup): go into the new folder, then write and check."""
    steps = "[bold]nl new[/] to write an issue, [bold]nl lint[/] to check it."
    if folder.resolve() == Path.cwd().resolve():
        return f"Next: {steps}"
    where = escape(shlex.quote(display_path(folder)))
    return f"Next: [bold]cd {where}[/], then {steps}"


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
