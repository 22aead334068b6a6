"""File modes: what the project writes is its own account's alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from bot.config import PROJECT_ROOT
from bot.files import make_private
from tests.conftest import CHEAP_PASSWORDS


def test_make_private_takes_group_and_other_access_away(tmp_path: Path) -> None:
    var = tmp_path / "var"
    (var / "spool").mkdir(parents=True)
    old = var / "spool" / "question.json"
    old.write_text("{}", encoding="utf-8")
    os.chmod(var, 0o755)
    os.chmod(var / "spool", 0o775)
    os.chmod(old, 0o644)
    script = var / "run.sh"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    os.chmod(script, 0o755)
    assert make_private(var) == 4
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in [var, *var.rglob("*")]} == {
        "var": 0o700, "spool": 0o700, "question.json": 0o600, "run.sh": 0o700}
    assert make_private(var) == 0


def test_a_command_writes_private_files_whatever_the_shells_umask(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {**os.environ, "AMO_VAR_DIR": str(var), "AMO_DATABASE_URL": "", **CHEAP_PASSWORDS}
    subprocess.run([sys.executable, "-m", "bot.ops.cli", "users", "add", "kari", "--role",
                    "caseworker", "--password", "a long password"], cwd=PROJECT_ROOT, env=env,
                   check=True, capture_output=True, umask=0o022)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [var, *var.rglob("*")]}
    assert "amo.db" in modes
    assert all(mode & 0o077 == 0 for mode in modes.values()), modes
