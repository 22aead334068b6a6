"""File modes: everything the project writes is readable by the account that runs it only.

The files under `var/` hold conversations, questions, the spool and dashboard sessions.
Every process the project starts sets the umask 077 first thing (the supervisor passes
it to the processes it starts, Rasa's among them), so a new file is 0600 and a new
folder 0700 whoever else has an account on the machine. `make_private` takes group and
other access away from what an earlier version, or a process without the umask, wrote.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def private_files() -> None:
    """New files and folders of this process (and of the processes it starts) are private."""
    os.umask(PRIVATE_UMASK)


def make_private(folder: Path) -> int:
    """Removes group and other access from `folder` and everything under it; returns how
    many entries were changed. Creates the folder (0700) if it is missing."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    changed = 0
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode & 0o7777
        if mode & 0o077:
            os.chmod(path, mode & ~0o077)
            changed += 1
    return changed
