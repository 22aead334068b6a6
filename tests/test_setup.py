"""The set-up script finds Python 3.10 or says clearly what to install."""

from __future__ import annotations

import os
import subprocess
import sys

from bot.config import PROJECT_ROOT

SCRIPT = PROJECT_ROOT / "scripts" / "find-python.sh"


def run(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/bash", str(SCRIPT)], capture_output=True, text=True,
                          env={"HOME": os.environ.get("HOME", "/root"), **env})


def test_finds_the_python_it_is_given():
    result = run({"PATH": os.environ["PATH"], "PYTHON": sys.executable})
    assert result.returncode == 0
    assert result.stdout.strip() == os.path.realpath(sys.executable) or result.stdout.strip() == sys.executable


def test_without_python_3_10_says_what_to_install_without_a_traceback(tmp_path):
    result = run({"PATH": str(tmp_path), "PYENV_ROOT": str(tmp_path / "none")})
    assert result.returncode == 1
    assert "No Python 3.10 found" in result.stderr and "pyenv install 3.10" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_wrong_python_is_named(tmp_path):
    fake = tmp_path / "python3.12"
    fake.write_text("#!/bin/sh\necho 3.12\n")
    fake.chmod(0o755)
    result = run({"PATH": f"{tmp_path}:/usr/bin:/bin", "PYTHON": str(fake), "PYENV_ROOT": str(tmp_path / "none")})
    assert "is Python 3.12, but Rasa 3.6 needs Python 3.10" in result.stderr
