"""Settings precedence (flags > environment > config profile > defaults), config-file errors, connections."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import fields
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from pydantic import BaseModel, SecretStr, ValidationError

from textbots_tui.api.regions import derive_login_url as derived_login_url
from textbots_tui.core.connection import SIMULATOR_URL, Connection
from textbots_tui.settings import ConfigError
from textbots_tui.settings import Settings as QuickSettings
from textbots_tui.settings.checked import CheckedSettings as Settings
from textbots_tui.settings.checked import ConfigFile, ProfileConfig, load_settings
from textbots_tui.settings.connection import resolve_connection
from textbots_tui.settings.quick import PLAIN_FILE_SCHEMA, PLAIN_PROFILE_SCHEMA, quick_settings
from textbots_tui.settings.sources import line_of

IE_API, IE_LOGIN = "https://api.mypurecloud.ie", "https://login.mypurecloud.ie"
US_API, US_LOGIN = "https://api.mypurecloud.com", "https://login.mypurecloud.com"
DE_API, DE_LOGIN = "https://api.mypurecloud.de", "https://login.mypurecloud.de"


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The config file the settings read (not created: each test writes what it needs)."""
    path = tmp_path / "config.toml"
    monkeypatch.setenv("TEXTBOTS_TUI_CONFIG", str(path))
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


DEV_PROFILE = """
    default_profile = "dev"

    [profiles.dev]
    region = "eu-west-1"
    client_id = "dev-id"
    client_secret = "dev-secret"

    [profiles.prod]
    region = "eu-central-1"
    client_id = "prod-id"
    client_secret = "prod-secret"
    production = true
"""


# --- defaults and paths ------------------------------------------------------------------------------------


def test_defaults_without_environment_or_file(config_file: Path, tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.profile is None
    assert settings.region is settings.api_url is settings.login_url is None
    assert settings.client_id is settings.client_secret is settings.access_token is None
    assert (settings.simulator, settings.production, settings.auto_noinput) == (False, False, False)
    assert settings.theme is None
    assert settings.keys == {}
    assert settings.config_file == config_file


def test_paths_default_to_platform_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TEXTBOTS_TUI_CONFIG")
    monkeypatch.delenv("TEXTBOTS_TUI_DATA_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    settings = load_settings()
    assert settings.config_file == Path(platformdirs.user_config_dir("textbots-tui")) / "config.toml"
    assert settings.journal_dir == Path(platformdirs.user_data_dir("textbots-tui")) / "journal"


def test_data_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TEXTBOTS_TUI_DATA_DIR", str(tmp_path / "data"))
    assert load_settings().journal_dir == tmp_path / "data" / "journal"


def test_importing_reads_nothing(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.toml", "this is not toml")
    env = {"PATH": "", "TEXTBOTS_TUI_CONFIG": str(broken), "GENESYSCLOUD_REGION": "nowhere"}
    code = "import textbots_tui.settings.checked, textbots_tui.settings.connection; print('imported')"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "imported"


# --- environment -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "primary", "fallback"),
    [
        ("client_id", "GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYS_CLOUD_CLIENT_ID"),
        ("client_secret", "GENESYSCLOUD_OAUTHCLIENT_SECRET", "GENESYS_CLOUD_CLIENT_SECRET"),
        ("region", "GENESYSCLOUD_REGION", "GENESYS_CLOUD_REGION"),
    ],
)
def test_environment_names_in_order(
    monkeypatch: pytest.MonkeyPatch, config_file: Path, field: str, primary: str, fallback: str
) -> None:
    def value() -> str | None:
        got = getattr(load_settings(), field)
        return got.get_secret_value() if isinstance(got, SecretStr) else got

    monkeypatch.setenv(fallback, "from-sdk-name")
    assert value() == "from-sdk-name"
    assert load_settings().origin(field) == fallback
    monkeypatch.setenv(primary, "from-cli-name")
    assert value() == "from-cli-name"
    assert load_settings().origin(field) == primary


def test_access_token_from_environment(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    monkeypatch.setenv("GENESYSCLOUD_ACCESS_TOKEN", "tok")
    token = load_settings().access_token
    assert token is not None and token.get_secret_value() == "tok"


def test_empty_environment_values_count_as_unset(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    monkeypatch.setenv("GENESYSCLOUD_REGION", "")
    monkeypatch.setenv("GENESYS_CLOUD_REGION", "  eu-west-1\n")
    assert load_settings().region == "eu-west-1"


def test_bare_names_are_not_read(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    for name in ("REGION", "PROFILE", "THEME", "API_URL", "CLIENT_ID", "SIMULATOR"):
        monkeypatch.setenv(name, "x")
    settings = load_settings()
    assert (settings.region, settings.profile, settings.theme, settings.api_url) == (None, None, None, None)


# --- precedence --------------------------------------------------------------------------------------------


def test_flags_beat_environment(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    monkeypatch.setenv("GENESYSCLOUD_REGION", "us-east-1")
    settings = load_settings(region="eu-west-1")
    assert settings.region == "eu-west-1"
    assert settings.origin("region") == "--region"


def test_none_flags_mean_not_given(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    monkeypatch.setenv("GENESYSCLOUD_REGION", "us-east-1")
    assert load_settings(region=None, api_url=None, profile=None).region == "us-east-1"


def test_environment_beats_profile(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    write(config_file, DEV_PROFILE)
    monkeypatch.setenv("GENESYSCLOUD_REGION", "us-east-1")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "env-id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "env-secret")
    settings = load_settings()
    assert settings.profile == "dev"
    assert settings.region == "us-east-1"
    assert settings.client_id == "env-id"
    assert settings.client_secret is not None and settings.client_secret.get_secret_value() == "env-secret"


def test_profile_fills_what_is_not_given_elsewhere(config_file: Path) -> None:
    write(config_file, DEV_PROFILE)
    settings = load_settings()
    assert (settings.profile, settings.region, settings.client_id) == ("dev", "eu-west-1", "dev-id")
    assert settings.origin("region") == f"{config_file}:4: profiles.dev.region"


def test_profile_flag_beats_default_profile(config_file: Path) -> None:
    write(config_file, DEV_PROFILE)
    settings = load_settings(profile="prod")
    assert (settings.profile, settings.region, settings.client_id, settings.production) == (
        "prod",
        "eu-central-1",
        "prod-id",
        True,
    )


def test_no_profile_is_used_without_flag_or_default(config_file: Path) -> None:
    write(config_file, DEV_PROFILE.replace('default_profile = "dev"', ""))
    settings = load_settings()
    assert settings.profile is None
    assert settings.client_id is None


def test_credentials_are_never_mixed(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    write(config_file, DEV_PROFILE)
    monkeypatch.setenv("GENESYSCLOUD_ACCESS_TOKEN", "env-token")
    settings = load_settings()
    assert settings.access_token is not None
    assert settings.client_id is None and settings.client_secret is None
    assert settings.region == "eu-west-1"  # the location is another group: still the profile's


def test_location_is_never_mixed(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    write(
        config_file,
        """
        [profiles.proxy]
        api_url = "https://api.proxy.example"
        login_url = "https://login.proxy.example"
        client_id = "id"
        client_secret = "secret"
        """,
    )
    settings = load_settings(profile="proxy", region="eu-west-1")
    assert (settings.region, settings.api_url, settings.login_url) == ("eu-west-1", None, None)
    monkeypatch.setenv("GENESYSCLOUD_REGION", "us-east-1")
    settings = load_settings(api_url="http://127.0.0.1:8765")
    assert (settings.region, settings.api_url) == (None, "http://127.0.0.1:8765")


def test_ui_preferences_from_file(config_file: Path) -> None:
    write(
        config_file,
        """
        theme = "nord"
        auto_noinput = true

        [keys]
        "app.new_session" = "ctrl+n"
        "app.quit" = ["ctrl+q", "f10"]
        """,
    )
    settings = load_settings()
    assert settings.theme == "nord"
    assert settings.auto_noinput is True
    assert settings.keys == {"app.new_session": "ctrl+n", "app.quit": "ctrl+q,f10"}


def test_secrets_never_show(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "very-secret-value")
    monkeypatch.setenv("GENESYSCLOUD_ACCESS_TOKEN", "very-secret-token")
    settings = load_settings(api_url="https://api.example")
    conn = resolve_connection(settings)
    for shown in (repr(settings), str(settings), repr(conn), str(conn)):
        assert "very-secret" not in shown


# --- config-file errors ------------------------------------------------------------------------------------


def test_toml_syntax_error_names_file_and_line(config_file: Path) -> None:
    write(config_file, 'theme = "nord"\n\n[profiles.dev\nregion = "eu-west-1"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).startswith(f"{config_file}:3: not valid TOML")
    assert caught.value.line == 3 and caught.value.path == config_file


def test_unknown_profile_field_names_line_and_field(config_file: Path) -> None:
    write(config_file, DEV_PROFILE.replace('client_id = "dev-id"', 'client_idd = "dev-id"'))
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(f"{config_file}:5: profiles.dev.client_idd: unknown field")
    assert "client_id" in message  # the fields it knows are listed
    assert caught.value.field == "profiles.dev.client_idd"


def test_wrong_type_names_line_and_field(config_file: Path) -> None:
    write(config_file, DEV_PROFILE.replace("production = true", 'production = "yes"'))
    with pytest.raises(ConfigError, match=rf"^{config_file}:12: profiles\.prod\.production: .*boolean"):
        load_settings()


def test_unknown_top_level_key(config_file: Path) -> None:
    write(config_file, 'theme = "nord"\nthemes = "x"\n')
    with pytest.raises(ConfigError, match=rf"^{config_file}:2: themes: unknown field"):
        load_settings()


def test_first_problem_in_the_file_is_reported(config_file: Path) -> None:
    write(config_file, 'auto_noinput = "no"\n[profiles.dev]\nregoin = "x"\n')
    with pytest.raises(ConfigError, match=r":1: auto_noinput: .*\(and 1 more\)$"):
        load_settings()


def test_unknown_profile_lists_known_ones(config_file: Path) -> None:
    write(config_file, DEV_PROFILE)
    with pytest.raises(ConfigError, match=r"no profile 'staging' \(profiles: dev, prod\)"):
        load_settings(profile="staging")


def test_unknown_default_profile_names_its_line(config_file: Path) -> None:
    write(config_file, DEV_PROFILE.replace('default_profile = "dev"', 'default_profile = "qa"'))
    with pytest.raises(ConfigError, match=rf"^{config_file}:1: default_profile: no profile 'qa'"):
        load_settings()


def test_profile_without_config_file(config_file: Path) -> None:
    with pytest.raises(ConfigError, match=r"no such file, so no profile 'dev'"):
        load_settings(profile="dev")


def test_unreadable_config_file(config_file: Path) -> None:
    config_file.write_bytes(b"theme = '\xff\xfe'\n")
    with pytest.raises(ConfigError, match=r"cannot read it"):
        load_settings()


def test_bad_keyword_becomes_config_error(config_file: Path) -> None:
    with pytest.raises(ConfigError, match=r"^bogus: unknown field"):
        load_settings(bogus=1)


def test_line_of_finds_keys_tables_and_dotted_keys() -> None:
    text = textwrap.dedent(
        """
        top = 1
        [profiles.dev]
        region = "x"
        "client_id" = "y"
        [profiles."with space"]
        limits.rate = 3
        """
    )
    assert line_of(text, ("top",)) == 2
    assert line_of(text, ("profiles", "dev")) == 3
    assert line_of(text, ("profiles", "dev", "region")) == 4
    assert line_of(text, ("profiles", "dev", "client_id")) == 5
    assert line_of(text, ("profiles", "dev", "missing")) == 3
    assert line_of(text, ("profiles", "with space", "limits", "rate")) == 7
    assert line_of(text, ("nowhere",)) is None


# --- resolving the connection ------------------------------------------------------------------------------


def creds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_ID", "id")
    monkeypatch.setenv("GENESYSCLOUD_OAUTHCLIENT_SECRET", "secret")


def test_no_credentials_anywhere_means_simulator(config_file: Path) -> None:
    conn = resolve_connection(load_settings())
    assert conn == Connection.simulated()
    assert conn.simulator and conn.api_url == conn.login_url == SIMULATOR_URL
    assert conn.label == "simulator · demo org"
    assert conn.client_id == "demo" and conn.client_secret is not None


def test_environment_region_alone_still_means_simulator(
    monkeypatch: pytest.MonkeyPatch, config_file: Path
) -> None:
    monkeypatch.setenv("GENESYSCLOUD_REGION", "eu-west-1")
    assert resolve_connection(load_settings()).simulator


def test_simulator_flag_wins_over_credentials(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    creds(monkeypatch)
    write(config_file, DEV_PROFILE)
    conn = resolve_connection(load_settings(simulator=True, region="eu-west-1"))
    assert conn.simulator and conn.api_url == SIMULATOR_URL and conn.profile is None


@pytest.mark.parametrize("region", ["eu-west-1", "eu_west_1", "mypurecloud.ie"])
def test_region_gives_both_hosts(monkeypatch: pytest.MonkeyPatch, config_file: Path, region: str) -> None:
    creds(monkeypatch)
    conn = resolve_connection(load_settings(region=region))
    assert (conn.api_url, conn.login_url) == (IE_API, IE_LOGIN)
    assert conn.region == "eu-west-1"
    assert conn.label == "eu-west-1"
    assert not conn.simulator and conn.client_id == "id"
    assert conn.client_secret == "secret"


def test_credentials_without_region_use_the_default_region(
    monkeypatch: pytest.MonkeyPatch, config_file: Path
) -> None:
    creds(monkeypatch)
    conn = resolve_connection(load_settings())
    assert (conn.api_url, conn.login_url, conn.region) == (US_API, US_LOGIN, "us-east-1")


def test_region_from_profile_with_label_and_production(config_file: Path) -> None:
    write(config_file, DEV_PROFILE)
    conn = resolve_connection(load_settings(profile="prod"))
    assert (conn.api_url, conn.login_url) == (DE_API, DE_LOGIN)
    assert conn.label == "profile prod · eu-central-1"
    assert conn.production and conn.profile == "prod"


def test_api_url_alone_derives_the_login_host(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    creds(monkeypatch)
    conn = resolve_connection(load_settings(api_url="https://api.example/"))
    assert (conn.api_url, conn.login_url) == ("https://api.example", "https://login.example")
    assert conn.region is None
    assert conn.label == "https://api.example"
    loopback = resolve_connection(load_settings(api_url="http://127.0.0.1:8765"))
    assert loopback.login_url == "http://127.0.0.1:8765"


def test_explicit_urls_beat_the_region(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    creds(monkeypatch)
    conn = resolve_connection(load_settings(region="eu-west-1", api_url="http://127.0.0.1:9000"))
    assert (conn.api_url, conn.login_url, conn.region) == ("http://127.0.0.1:9000", IE_LOGIN, "eu-west-1")
    conn = resolve_connection(
        load_settings(region="eu-west-1", api_url="http://127.0.0.1:9000", login_url="http://127.0.0.1:9001")
    )
    assert (conn.api_url, conn.login_url) == ("http://127.0.0.1:9000", "http://127.0.0.1:9001")
    assert conn.region is None
    conn = resolve_connection(load_settings(region="eu-west-1", login_url="http://127.0.0.1:9001"))
    assert (conn.api_url, conn.login_url) == (IE_API, "http://127.0.0.1:9001")


def test_access_token_alone_is_enough(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    monkeypatch.setenv("GENESYSCLOUD_ACCESS_TOKEN", "tok")
    conn = resolve_connection(load_settings(region="eu-west-1"))
    assert not conn.simulator and conn.client_id is None
    assert conn.access_token == "tok"


@pytest.mark.parametrize(
    ("flags", "env", "origin"),
    [
        ({"region": "mars-north-1"}, {}, "--region"),
        ({}, {"GENESYSCLOUD_REGION": "mars-north-1"}, "GENESYSCLOUD_REGION"),
        ({}, {"GENESYS_CLOUD_REGION": "mars-north-1"}, "GENESYS_CLOUD_REGION"),
    ],
)
def test_bad_region_names_where_it_came_from(
    monkeypatch: pytest.MonkeyPatch,
    config_file: Path,
    flags: dict[str, str],
    env: dict[str, str],
    origin: str,
) -> None:
    creds(monkeypatch)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=rf"^{origin}: .*mars-north-1") as caught:
        resolve_connection(load_settings(**flags))
    assert caught.value.field == "region"


def test_bad_region_in_profile_names_the_line(config_file: Path) -> None:
    write(config_file, DEV_PROFILE.replace('region = "eu-west-1"', 'region = "atlantis"'))
    with pytest.raises(ConfigError, match=rf"^{config_file}:4: profiles\.dev\.region: .*atlantis"):
        resolve_connection(load_settings())


def test_bad_url_is_refused(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    creds(monkeypatch)
    with pytest.raises(ConfigError, match=r"^--api-url: 'api\.example' is not an http"):
        resolve_connection(load_settings(api_url="api.example"))


def test_client_id_without_secret_is_an_error(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    monkeypatch.setenv("GENESYS_CLOUD_CLIENT_ID", "id")
    with pytest.raises(ConfigError, match=r"^GENESYS_CLOUD_CLIENT_ID is set but no client secret"):
        resolve_connection(load_settings())


def test_profile_without_credentials_is_an_error(config_file: Path) -> None:
    write(config_file, '[profiles.empty]\nregion = "eu-west-1"\n')
    with pytest.raises(ConfigError, match=r"profile 'empty' has no credentials"):
        resolve_connection(load_settings(profile="empty"))


def test_location_flag_without_credentials_is_an_error(config_file: Path) -> None:
    with pytest.raises(ConfigError, match=r"^--api-url given but no credentials"):
        resolve_connection(load_settings(api_url="http://127.0.0.1:8765"))


def test_derived_login_url() -> None:
    assert derived_login_url("https://api.usw2.pure.cloud") == "https://login.usw2.pure.cloud"
    assert derived_login_url("http://localhost:8000") == "http://localhost:8000"


def test_settings_are_immutable(config_file: Path) -> None:
    settings = load_settings()
    with pytest.raises(ValueError, match="frozen"):
        settings.region = "x"  # type: ignore[misc]
    assert isinstance(settings, Settings)


# --- the TUI's quick settings agree with the full ones -----------------------------------------------------

QUICK_CASES: dict[str, tuple[dict[str, str], dict[str, Any], str | None]] = {
    "nothing anywhere": ({}, {}, None),
    "simulator flag": (
        {"GENESYSCLOUD_OAUTHCLIENT_ID": "id"},
        {"simulator": True, "region": "eu-west-1"},
        None,
    ),
    "environment credentials": (
        {
            "GENESYS_CLOUD_CLIENT_ID": "id",
            "GENESYS_CLOUD_CLIENT_SECRET": "s",
            "GENESYS_CLOUD_ENVIRONMENT": "x.ie",
        },
        {},
        None,
    ),
    "environment token and flag region": ({"GENESYSCLOUD_ACCESS_TOKEN": "t"}, {"region": "eu-west-1"}, None),
    "default profile": ({}, {}, DEV_PROFILE),
    "profile flag": ({}, {"profile": "prod"}, DEV_PROFILE),
    "environment shadows the profile": (
        {
            "GENESYSCLOUD_OAUTHCLIENT_ID": "e",
            "GENESYSCLOUD_OAUTHCLIENT_SECRET": "s",
            "GENESYSCLOUD_REGION": "r",
        },
        {},
        DEV_PROFILE,
    ),
    "token shadows profile credentials": ({"GENESYSCLOUD_ACCESS_TOKEN": "t"}, {}, DEV_PROFILE),
    "flag url shadows profile location": (
        {},
        {"profile": "proxy", "api_url": "http://127.0.0.1:1"},
        '[profiles.proxy]\napi_url = "https://a.example"\nlogin_url = "https://l.example"\nclient_id = "i"\n',
    ),
    "preferences": (
        {"TEXTBOTS_TUI_DATA_DIR": "/elsewhere"},
        {},
        'theme = "nord"\nauto_noinput = true\n[keys]\n"app.quit" = ["ctrl+q", "f10"]\n"a.b" = "x"\nc = []\n',
    ),
    "empty profile, quoted and dotted keys": (
        {},
        {},
        'default_profile = "e"\nprofiles.e = {}\n[profiles."with space"]\n"region" = "eu-west-1"\n',
    ),
}


def _plain(value: object) -> object:
    return value.get_secret_value() if isinstance(value, SecretStr) else value


def _connection_or_error(settings: Any) -> object:
    try:
        return resolve_connection(settings)
    except ConfigError as exc:
        return str(exc)


@pytest.mark.parametrize("case", QUICK_CASES)
def test_quick_settings_are_the_full_settings(
    monkeypatch: pytest.MonkeyPatch, config_file: Path, case: str
) -> None:
    env, flags, text = QUICK_CASES[case]
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if text is not None:
        write(config_file, text)
    quick, full = quick_settings(**flags), load_settings(**flags)
    assert quick is not None
    for name in Settings.model_fields:
        if name != "origins":
            assert getattr(quick, name) == _plain(getattr(full, name)), name
    # Origins only matter in messages: the two must name the same place for every value they both have.
    assert {k: v for k, v in quick.origins.items() if getattr(full, k) is not None} == {
        k: v for k, v in full.origins.items() if getattr(full, k) is not None
    }
    assert quick.journal_dir == full.journal_dir
    assert _connection_or_error(quick) == _connection_or_error(full)


@pytest.mark.parametrize(
    "text",
    [
        'themes = "x"\n',
        "theme = 3\n",
        'auto_noinput = "yes"\n',
        "auto_noinput = 1\n",
        "default_profile = true\n",
        'keys = "ctrl+q"\n',
        "[keys]\nquit = 1\n",
        '[keys]\nquit = ["q", 2]\n',
        "profiles = 3\n",
        'profiles.dev = "x"\n',
        '[profiles.dev]\nsecret = "x"\n',
        '[profiles.dev]\nproduction = "yes"\n',
        "[profiles.dev]\nregion = 1979-05-27\n",
    ],
)
def test_quick_settings_leave_schema_problems_to_the_full_settings(config_file: Path, text: str) -> None:
    write(config_file, text)
    assert quick_settings() is None
    with pytest.raises(ConfigError, match=rf"^{config_file}:\d+: "):
        load_settings()


@pytest.mark.parametrize(
    ("text", "flags"),
    [
        ('theme = "nord"\n[profiles.dev\n', {}),
        (DEV_PROFILE, {"profile": "staging"}),
        (DEV_PROFILE.replace('default_profile = "dev"', 'default_profile = "qa"'), {}),
        (None, {"profile": "dev"}),
    ],
)
def test_quick_settings_give_the_same_errors(
    config_file: Path, text: str | None, flags: dict[str, str]
) -> None:
    if text is not None:
        write(config_file, text)
    with pytest.raises(ConfigError) as full:
        load_settings(**flags)
    with pytest.raises(ConfigError) as quick:
        quick_settings(**flags)
    assert (str(quick.value), quick.value.line, quick.value.field) == (
        str(full.value),
        full.value.line,
        full.value.field,
    )


@pytest.mark.parametrize("flags", [{"bogus": "x"}, {"region": 3}, {"simulator": "yes"}])
def test_quick_settings_leave_odd_keywords_to_the_full_settings(
    config_file: Path, flags: dict[str, Any]
) -> None:
    assert quick_settings(**flags) is None


def test_quick_settings_have_the_fields_of_the_settings() -> None:
    assert [f.name for f in fields(QuickSettings)] == list(Settings.model_fields)


@pytest.mark.parametrize(
    ("plain", "model"), [(PLAIN_FILE_SCHEMA, ConfigFile), (PLAIN_PROFILE_SCHEMA, ProfileConfig)]
)
def test_plain_schema_is_the_config_file_schema(plain: dict[str, type], model: type[BaseModel]) -> None:
    # The same fields, and each accepts a value of its plain type and refuses one of another plain type.
    assert list(plain) == list(model.model_fields)
    samples: dict[type, object] = {str: "x", bool: True, dict: {}, int: 1, float: 1.5, list: []}
    for name, kind in plain.items():
        model.model_validate({name: samples[kind]})
        for other, sample in samples.items():
            if other is not kind and not (kind is float and other is int):  # TOML's 60 is a number of seconds
                with pytest.raises(ValidationError):
                    model.model_validate({name: sample})
