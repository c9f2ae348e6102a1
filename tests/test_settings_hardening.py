"""Settings that would have failed late or silently: bad URLs, a BOM, a directory as config file, secrets
readable by others, files written for anyone to read; and profiles of the Genesys Cloud CLI (gc)."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from textbots_tui.cli import main
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.settings import ConfigError, read_settings
from textbots_tui.settings.checked import load_settings, plain_settings
from textbots_tui.settings.connection import resolve_connection


@pytest.fixture(autouse=True)
def script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A script to name, and a runner that runs nothing: these tests are about what comes before."""

    async def run_nothing(*args: object, **kwargs: object) -> int:
        return 0

    monkeypatch.setattr("textbots_tui.core.runner.run_scripts", run_nothing)
    path = tmp_path / "s.yaml"
    path.write_text("name: x\n", encoding="utf-8")
    monkeypatch.setenv("TEST_SCRIPT", str(path))
    return path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["run", *args, os.environ["TEST_SCRIPT"]], catch_exceptions=False)


def one_line_usage_error(result: Result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    for fragment in fragments:
        assert fragment in line


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret")


def config(text: str) -> Path:
    path = Path(os.environ["TEXTBOTS_TUI_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- URLs ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://127.0.0.1:99999", "Port out of range"),
        ("http://[::1", "Invalid IPv6 URL"),
        ("http://exa mple.com", "no valid host name"),
        ("http://host:0", "port 0"),
    ],
)
def test_a_bad_api_url_flag_is_a_one_line_usage_error(credentials: None, url: str, fragment: str) -> None:
    one_line_usage_error(invoke("--api-url", url), "--api-url", fragment)


def test_a_bad_url_in_the_config_file_names_the_file_and_line() -> None:
    path = config(
        '[profiles.p]\napi_url = "http://u:pw@127.0.0.1:99999"\nclient_id = "i"\nclient_secret = "s"\n'
    )
    result = invoke("--profile", "p")
    one_line_usage_error(result, f"{path}:2: profiles.p.api_url", "Port out of range")
    assert "pw" not in result.stderr  # the password in the URL is not repeated


def test_a_bad_region_from_the_environment_is_a_one_line_usage_error(
    credentials: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GENESYSCLOUD_REGION", "mars-north-1")
    one_line_usage_error(invoke(), "GENESYSCLOUD_REGION")


def test_the_target_line_hides_a_password_in_the_url(credentials: None) -> None:
    conn = resolve_connection(read_settings(api_url="https://user:hunter2@api.example.com"))
    assert conn.label == "https://<redacted>@api.example.com"
    assert conn.api_url == "https://user:hunter2@api.example.com"  # the client still gets it


# --- the config file ----------------------------------------------------------------------------------------


def test_a_byte_order_mark_is_accepted() -> None:
    path = Path(os.environ["TEXTBOTS_TUI_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes('\ufefftheme = "nord"\n'.encode())
    assert read_settings().theme == "nord"
    assert plain_settings(load_settings()).theme == "nord"


def test_a_directory_as_config_file_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigError, match="is a directory, not a config file"):
        read_settings(config_file=tmp_path)
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(tmp_path))
    one_line_usage_error(invoke(), f"{tmp_path}: is a directory, not a config file")


# --- permissions --------------------------------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@posix_only
def test_a_readable_config_with_a_secret_is_warned_about(credentials: None) -> None:
    path = config('[profiles.p]\nregion = "eu-west-1"\nclient_id = "i"\nclient_secret = "s"\n')
    path.chmod(0o644)
    result = invoke("--simulator")
    assert (
        f"warning: {path} holds a secret and other users can read it: run chmod 600 {path}" in result.stderr
    )
    path.chmod(0o600)
    assert "warning" not in invoke("--simulator").stderr


@posix_only
def test_journals_exports_and_their_folders_are_owner_only(tmp_path: Path) -> None:
    from textbots_tui.core.export import export_session
    from textbots_tui.core.journal import Journal
    from textbots_tui.core.sessions import Session

    data = tmp_path / "data"
    journal = Journal(data / "journal")
    params = FlowLaunchParams(flow_id="f")
    path = journal.start_session("s1", "flow", params, datetime.now(UTC))
    journal.close()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "journal").stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    exported = export_session(Session("s1", params), "json", tmp_path / "exports" / "today")
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    assert stat.S_IMODE(exported.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "exports").stat().st_mode) == 0o700


# --- gc CLI profiles ----------------------------------------------------------------------------------------

GC_CONFIG = """\
[DEFAULT]
environment = "mypurecloud.ie"
client_credentials = "gc-id"
client_secret = "gc-secret"

[browser]
environment = "eu-west-2"
grant_type = 3

[browser_with_token]
environment = "usw2.pure.cloud"
grant_type = "2"
access_token = "gc-token"
"""


@pytest.fixture
def gc_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / ".gc").mkdir(parents=True)
    (home / ".gc" / "config.toml").write_text(GC_CONFIG, encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    return home / ".gc" / "config.toml"


def test_a_gc_profile_gives_the_org_and_credentials(gc_home: Path) -> None:
    before = gc_home.read_bytes(), gc_home.stat().st_mtime_ns
    for name in ("DEFAULT", "default"):  # gc may write names lowercased
        conn = resolve_connection(read_settings(gc_profile=name))
        assert (conn.client_id, conn.client_secret) == ("gc-id", "gc-secret")
        assert conn.api_url == "https://api.mypurecloud.ie"
        assert conn.label.startswith(f"gc profile {name} · ")
    assert (gc_home.read_bytes(), gc_home.stat().st_mtime_ns) == before  # never written


def test_a_browser_login_needs_its_token(gc_home: Path) -> None:
    with pytest.raises(ConfigError, match=r"logs in through a browser \(grant_type 3\)"):
        read_settings(gc_profile="browser")
    conn = resolve_connection(read_settings(gc_profile="BROWSER_WITH_TOKEN"))
    assert (conn.access_token, conn.client_id) == ("gc-token", None)
    assert conn.api_url == "https://api.usw2.pure.cloud"


def test_an_unknown_gc_profile_lists_the_known_ones(gc_home: Path) -> None:
    one_line_usage_error(invoke("--gc-profile", "nope"), "no gc profile 'nope'", "DEFAULT, browser")


def test_no_gc_file_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    one_line_usage_error(invoke("--gc-profile", "DEFAULT"), "--gc-profile: no gc profile 'DEFAULT'")


def test_priority_flags_env_gc_own_profile(gc_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config(
        'gc_profile = "DEFAULT"\ndefault_profile = "own"\n'
        '[profiles.own]\nregion = "ap-south-1"\nclient_id = "own-id"\nclient_secret = "own-secret"\n'
    )
    # The gc profile named in config.toml beats the file's own profile...
    conn = resolve_connection(read_settings())
    assert (conn.client_id, conn.api_url) == ("gc-id", "https://api.mypurecloud.ie")
    # ...the environment beats the gc profile...
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "env-id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "env-secret")
    conn = resolve_connection(read_settings())
    assert (conn.client_id, conn.api_url) == ("env-id", "https://api.mypurecloud.ie")
    # ...and flags beat everything.
    conn = resolve_connection(read_settings(region="eu-central-1", gc_profile="browser_with_token"))
    assert (conn.client_id, conn.api_url) == ("env-id", "https://api.mypurecloud.de")
    # The full check agrees with the quick one.
    checked = plain_settings(load_settings())
    assert (checked.client_id, checked.region) == ("env-id", "mypurecloud.ie")


def test_without_a_gc_profile_the_own_profile_is_used(gc_home: Path) -> None:
    config('default_profile = "own"\n[profiles.own]\nclient_id = "own-id"\nclient_secret = "own-secret"\n')
    assert resolve_connection(read_settings()).client_id == "own-id"


# --- the request deadline -----------------------------------------------------------------------------------


def test_the_request_deadline_comes_from_the_config_file_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textbots_tui.settings.connection import build_client

    assert read_settings().request_deadline == 60.0
    config("request_deadline = 90\n")
    settings = plain_settings(load_settings())
    assert settings.request_deadline == 90.0 and read_settings().request_deadline == 90.0
    monkeypatch.setenv("TEXTBOTS_TUI_REQUEST_DEADLINE", "12.5")
    settings = read_settings()
    assert settings.request_deadline == 12.5
    client = build_client(resolve_connection(settings), deadline_s=settings.request_deadline)
    assert client.deadline_s == 12.5


def test_a_deadline_of_zero_is_a_one_line_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEXTBOTS_TUI_REQUEST_DEADLINE", "0")
    one_line_usage_error(invoke(), "TEXTBOTS_TUI_REQUEST_DEADLINE: must be more than 0 seconds")
