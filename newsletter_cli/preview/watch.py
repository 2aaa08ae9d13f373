"""Which saves matter to the preview, and watching for them (watchfiles)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

#: watchfiles groups the events of one save (an editor writes, renames, touches) that come
#: within this many milliseconds of each other, then reports them at once.
STEP_MS = 10


@dataclass(frozen=True)
class WatchPlan:
    """The folders to watch and which changes in them concern the preview."""

    #: Folders that hold drafts and their images, and the theme's folders.
    folders: tuple[Path, ...]
    #: ``newsletter.toml``: its folder is watched for it alone.
    config: Path | None
    #: Inside the watched folders but written by `nl` itself: the output and the caches.
    ignored: tuple[Path, ...]

    def roots(self) -> list[Path]:
        """The folders handed to the watcher, none inside another."""
        wanted = {f.resolve() for f in self.folders if f.is_dir()}
        if self.config is not None:
            wanted.add(self.config.parent.resolve())
        ordered = sorted(wanted, key=lambda p: len(p.parts))
        roots: list[Path] = []
        for folder in ordered:
            if not any(folder.is_relative_to(r) for r in roots):
                roots.append(folder)
        return roots

    def concerns(self, changed: str) -> bool:
        """Whether a changed path can change what the preview shows."""
        path = Path(changed)
        if self.config is not None and path == self.config.resolve():
            return True
        if any(part.startswith(".") for part in path.parts[-1:]):
            return False  # editors' swap and backup files, the caches
        if any(path.is_relative_to(i.resolve()) for i in self.ignored):
            return False
        return any(path.is_relative_to(f.resolve()) for f in self.folders)


def plan_watch(
    draft_folders: Iterable[Path], theme_folders: Iterable[Path], workspace: object
) -> WatchPlan:
    from newsletter_cli.draft.workspace import Workspace

    assert isinstance(workspace, Workspace)
    return WatchPlan(
        folders=(*draft_folders, *theme_folders),
        config=workspace.config_path,
        ignored=(workspace.output_path, workspace.cache_path),
    )


class Watcher:
    """A thread that calls ``on_change`` after each save that concerns the preview."""

    def __init__(self, plan: WatchPlan, on_change: Callable[[], None]) -> None:
        self.plan = plan
        self.on_change = on_change
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="nl-preview-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.ident is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        from watchfiles import watch

        roots = self.plan.roots()
        if not roots:
            return
        for changes in watch(
            *roots,
            stop_event=self._stop,
            step=STEP_MS,
            debounce=1000,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            if any(self.plan.concerns(path) for _, path in changes):
                try:
                    self.on_change()
                except Exception as error:  # a bug of ours must not stop the watching
                    from newsletter_cli import console

                    console.error(
                        [f"preview: internal error after a save: {error!r} (a bug in nl)"]
                    )
