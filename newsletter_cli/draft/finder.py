"""Which files are drafts: the one answer every command (lint, list, export, site) uses.

A folder stands for the ``*.toml`` files in it and below, except the workspace's
settings (``newsletter.toml``), hidden files and files in hidden folders (``.git``,
``.nl-cache``) and anything in the workspace's output folder. A file named on the
command line is taken as it is when it is a ``.toml`` file, so that loading it says
what is wrong with it (a broken link, a folder, a FIFO). With no path at all the
workspace's issues folder is used, and without one the person is told how to start.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from newsletter_cli.draft.readfile import DRAFT_SUFFIX, did_you_mean
from newsletter_cli.draft.workspace import CONFIG_NAME, Workspace
from newsletter_cli.errors import InputError, Problem, UsageError, display_path


def default_paths(workspace: Workspace) -> list[Path]:
    """The issues folder, when no path was given; a usage error when there is none."""
    folder = workspace.issues_path
    if folder.is_dir():
        return [folder]
    where = display_path(folder)
    if workspace.config_path is None:
        raise UsageError(
            f"no drafts named and no {where} folder here: this is not a workspace "
            "(no newsletter.toml here or above); name the drafts or folders to use, "
            "or create a workspace with `nl init`"
        )
    raise UsageError(
        f"no drafts named and no {where} folder: name the drafts or folders to use, "
        f"or create {where}/"
    )


def find_drafts(
    paths: Sequence[Path] | None, workspace: Workspace, *, strict: bool = False
) -> tuple[list[Path], list[Problem]]:
    """The drafts at ``paths`` (default: the issues folder), each once, and the missing paths.

    Each folder's drafts are sorted by name; named files keep their order. With ``strict``
    a missing path raises ``InputError`` and a folder without drafts ``UsageError`` (export
    wants every named thing to be there).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    output = os.path.abspath(workspace.output_path)
    for path in paths or default_paths(workspace):
        if path.is_dir():
            inside = _walk(path, output)
            if strict and not inside:
                raise UsageError(f"{display_path(path)}: no drafts (*.toml) in this folder")
            files.extend(inside)
        elif path.exists() or path.is_symlink():
            if path.suffix == DRAFT_SUFFIX:
                files.append(path)
            else:
                problems.append(_problem(path, "not a draft: drafts are .toml files"))
        else:
            problems.append(_problem(path, "no such file or folder" + did_you_mean(path)))
    if strict and problems:
        raise InputError(problems)
    unique: dict[str, Path] = {}
    for path in files:
        unique.setdefault(os.path.abspath(path), path)
    return list(unique.values()), problems


def _walk(folder: Path, output: str) -> list[Path]:
    """The drafts in ``folder`` and below, sorted; the output folder only when asked for."""
    found = []
    below = output.startswith(os.path.abspath(folder) + os.sep)
    for path in folder.rglob(f"*{DRAFT_SUFFIX}"):
        parts = path.relative_to(folder).parts
        if path.name == CONFIG_NAME or any(part.startswith(".") for part in parts):
            continue
        absolute = os.path.abspath(path)
        if below and absolute.startswith(output + os.sep):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found)


def _problem(path: Path, message: str) -> Problem:
    return Problem(display_path(path), 1, 1, message)
