"""Every setting is declared once (settings/fields.py): the tables, the flags and the schemas come from it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from textbots_tui.cli import main
from textbots_tui.settings import Settings, read_settings
from textbots_tui.settings.checked import CheckedSettings, ConfigFile, ProfileConfig
from textbots_tui.settings.fields import CREDENTIALS, ENV_VARS, FLAGS, LOCATION, SPECS


def test_the_tables_come_from_the_declaration() -> None:
    assert FLAGS == {
        "profile": "--profile",
        "region": "--region",
        "api_url": "--api-url",
        "login_url": "--login-url",
        "gc_profile": "--gc-profile",
        "simulator": "--simulator",
        "no_history": "--no-history",
    }
    assert ENV_VARS["region"] == ("GENESYSCLOUD_REGION", "GENESYS_CLOUD_REGION", "GENESYS_CLOUD_ENVIRONMENT")
    assert ENV_VARS["config_file"] == ("TEXTBOTS_TUI_CONFIG",)
    assert LOCATION == ("region", "api_url", "login_url")
    assert CREDENTIALS == ("client_id", "client_secret", "access_token")
    assert list(SPECS) == [f.name for f in dataclasses.fields(Settings) if f.name != "origins"]


def test_every_setting_is_documented_once() -> None:
    for name, spec in SPECS.items():
        assert spec.doc.strip(), name
        assert CheckedSettings.model_fields[name].description == spec.doc


def test_the_file_schema_comes_from_the_declaration() -> None:
    on_top = [name for name, spec in SPECS.items() if spec.file == "top"]
    in_profiles = [name for name, spec in SPECS.items() if spec.file == "profile"]
    assert list(ConfigFile.model_fields) == ["default_profile", *on_top, "profiles"]
    assert list(ProfileConfig.model_fields) == in_profiles


@pytest.mark.parametrize("command", [(), ("run",)])
def test_every_flag_is_an_option_of_the_commands_that_connect(command: tuple[str, ...]) -> None:
    shown = CliRunner().invoke(main, [*command, "--help"]).output
    for name, spec in SPECS.items():
        if spec.flag is not None:
            assert spec.flag in shown, name  # the option and its metavar
            assert spec.doc.split()[0] in shown


def test_the_present_option_says_what_the_present_setting_says() -> None:
    # --present opens the TUI only (it is not a target option), but it is the ``present`` setting given on the
    # command line: one text for both, from the declaration.
    option = next(param for param in main.params if "--present" in getattr(param, "opts", ()))
    assert getattr(option, "help", None) == SPECS["present"].doc
    result = CliRunner().invoke(main, ["--present", "run", "x.yaml"])
    assert result.exit_code == 2
    assert "--present open the TUI; they do not go with a command" in result.output


def test_secrets_stay_out_of_repr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "hush-hush")
    settings = read_settings()
    assert settings.client_secret == "hush-hush"
    assert "hush-hush" not in repr(settings)


def test_top_level_values_say_their_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('\ntheme = "nord"\n', encoding="utf-8")
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(config))
    assert read_settings().origin("theme") == f"{config}:2: theme"


def test_environment_values_take_the_setting_type(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("TEXTBOTS_TUI_DATA_DIR", str(tmp_path / "data"))
    assert read_settings().data_dir == tmp_path / "data"
