"""The production profile refuses to start without secure cookies."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.config import load_settings
from bot.ops import cli
from bot.ops.production import ProfileError, production_commands, require_secure_cookies


def test_run_production_without_secure_cookies_stops_before_starting_anything(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings({"AMO_VAR_DIR": str(tmp_path / "var")})
    monkeypatch.setattr(cli, "_settings", lambda: settings)
    result = CliRunner().invoke(cli.main, ["run", "--production", "--no-train"])
    assert result.exit_code == 1
    assert "needs AMO_WEB_COOKIE_SECURE=true" in result.output
    assert not (tmp_path / "var" / "run").exists()  # no configuration written, no process


def test_the_profile_accepts_secure_cookies(tmp_path: Path) -> None:
    plain = load_settings({"AMO_VAR_DIR": str(tmp_path)})
    with pytest.raises(ProfileError, match="AMO_WEB_COOKIE_SECURE"):
        production_commands(plain, tmp_path / "model.tar.gz", "python", "redis://127.0.0.1:6379/1")
    require_secure_cookies(load_settings({"AMO_VAR_DIR": str(tmp_path), "AMO_WEB_COOKIE_SECURE": "true"}))


def test_the_profile_refuses_a_lowered_password_cost(tmp_path: Path) -> None:
    cheap = load_settings({"AMO_VAR_DIR": str(tmp_path), "AMO_WEB_COOKIE_SECURE": "true",
                           "AMO_PASSWORD_SCRYPT_N": "16"})
    with pytest.raises(ProfileError, match="AMO_PASSWORD_SCRYPT_N is 16"):
        production_commands(cheap, tmp_path / "model.tar.gz", "python", "redis://127.0.0.1:6379/1")
    assert not (tmp_path / "run").exists()  # nothing written, nothing started
