from __future__ import annotations

import dataclasses

import pytest

from textbots_tui.api.regions import REGIONS, resolve_region

EXPECTED = {
    "us-east-1": "mypurecloud.com",
    "eu-west-1": "mypurecloud.ie",
    "ap-southeast-2": "mypurecloud.com.au",
    "ap-northeast-1": "mypurecloud.jp",
    "eu-central-1": "mypurecloud.de",
    "us-west-2": "usw2.pure.cloud",
    "ca-central-1": "cac1.pure.cloud",
    "ap-northeast-2": "apne2.pure.cloud",
    "eu-west-2": "euw2.pure.cloud",
    "ap-south-1": "aps1.pure.cloud",
    "us-east-2": "use2.us-gov-pure.cloud",
    "sa-east-1": "sae1.pure.cloud",
    "me-central-1": "mec1.pure.cloud",
    "ap-northeast-3": "apne3.pure.cloud",
    "eu-central-2": "euc2.pure.cloud",
    "mx-central-1": "mxc1.pure.cloud",
    "ap-southeast-1": "apse1.pure.cloud",
    "eusc-de-east-1": "edee1.eusc-pure.cloud",
}


def test_all_eighteen_regions() -> None:
    assert {r.name: r.domain for r in REGIONS} == EXPECTED
    assert len(REGIONS) == 18


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_spelling_resolves(name: str) -> None:
    domain = EXPECTED[name]
    spellings = [
        name,
        name.replace("-", "_"),
        name.upper(),
        domain,
        f"api.{domain}",
        f"login.{domain}",
        f"https://api.{domain}",
        f"https://login.{domain}/",
        f"  {domain}  ",
    ]
    for spelling in spellings:
        region = resolve_region(spelling)
        assert region.name == name, spelling
        assert region.sdk_key == name.replace("-", "_")
        assert region.api_url == f"https://api.{domain}"
        assert region.login_url == f"https://login.{domain}"


@pytest.mark.parametrize(
    "junk", ["", "mars-1", "mypurecloud.co.uk", "us-east", "api.", "https://example.com"]
)
def test_junk_lists_valid_names(junk: str) -> None:
    with pytest.raises(ValueError, match="Unknown Genesys Cloud region") as info:
        resolve_region(junk)
    assert "eu-west-1" in str(info.value)
    assert "eusc-de-east-1" in str(info.value)


def test_regions_are_frozen_and_urls_can_be_overridden() -> None:
    region = resolve_region("eu-west-1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        region.api_url = "x"  # type: ignore[misc]
    custom = region.with_urls(api_url="http://127.0.0.1:8000")
    assert custom.api_url == "http://127.0.0.1:8000"
    assert custom.login_url == "https://login.mypurecloud.ie"
    assert region.api_url == "https://api.mypurecloud.ie"
