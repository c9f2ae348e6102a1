"""Genesys Cloud regions (§9): the API and login hosts of each, and a forgiving lookup.

A region can be given the AWS way (``eu-west-1``), the SDK way (``eu_west_1``) or by domain
(``mypurecloud.ie``, also ``api.mypurecloud.ie``, ``login.mypurecloud.ie`` or a full ``https://`` URL).
Explicit API and login URLs, when a caller has them, take the place of the standard ones
(``Region.with_urls``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Region:
    """One Genesys Cloud region."""

    name: str
    """AWS-style name, for example ``eu-west-1``."""
    sdk_key: str
    """The SDK's key, for example ``eu_west_1``."""
    domain: str
    """For example ``mypurecloud.ie``."""
    api_url: str
    """Base URL of the Platform API, for example ``https://api.mypurecloud.ie``."""
    login_url: str
    """Base URL of the OAuth login host, for example ``https://login.mypurecloud.ie``."""

    def with_urls(self, api_url: str | None = None, login_url: str | None = None) -> Region:
        """This region with explicit URLs in place of the standard ones (``None`` keeps the standard one)."""
        return replace(self, api_url=api_url or self.api_url, login_url=login_url or self.login_url)


def _region(name: str, domain: str) -> Region:
    return Region(
        name=name,
        sdk_key=name.replace("-", "_"),
        domain=domain,
        api_url=f"https://api.{domain}",
        login_url=f"https://login.{domain}",
    )


REGIONS: tuple[Region, ...] = (
    _region("us-east-1", "mypurecloud.com"),
    _region("eu-west-1", "mypurecloud.ie"),
    _region("ap-southeast-2", "mypurecloud.com.au"),
    _region("ap-northeast-1", "mypurecloud.jp"),
    _region("eu-central-1", "mypurecloud.de"),
    _region("us-west-2", "usw2.pure.cloud"),
    _region("ca-central-1", "cac1.pure.cloud"),
    _region("ap-northeast-2", "apne2.pure.cloud"),
    _region("eu-west-2", "euw2.pure.cloud"),
    _region("ap-south-1", "aps1.pure.cloud"),
    _region("us-east-2", "use2.us-gov-pure.cloud"),
    _region("sa-east-1", "sae1.pure.cloud"),
    _region("me-central-1", "mec1.pure.cloud"),
    _region("ap-northeast-3", "apne3.pure.cloud"),
    _region("eu-central-2", "euc2.pure.cloud"),
    _region("mx-central-1", "mxc1.pure.cloud"),
    _region("ap-southeast-1", "apse1.pure.cloud"),
    _region("eusc-de-east-1", "edee1.eusc-pure.cloud"),
)
"""All regions, in the order of the reference's table."""

_LOOKUP: dict[str, Region] = {}
for _r in REGIONS:
    _LOOKUP[_r.name] = _r
    _LOOKUP[_r.sdk_key] = _r
    _LOOKUP[_r.domain] = _r


def derive_login_url(api_url: str) -> str:
    """The login host for an API host (``https://api.X`` -> ``https://login.X``), as the SDKs derive it.

    A URL without ``api.`` at the start of its host (a simulator, a proxy) is its own login host.
    """
    scheme, sep, rest = api_url.partition("://")
    if sep and rest.startswith("api."):
        return f"{scheme}://login.{rest[4:]}"
    return api_url


def resolve_region(value: str) -> Region:
    """Find a region by AWS name, SDK key or domain (with or without ``https://``, ``api.``, ``login.``).

    Raises ``ValueError`` naming the valid regions when ``value`` is none of them.
    """
    key = value.strip().lower()
    for prefix in ("https://", "http://"):
        key = key.removeprefix(prefix)
    key = key.split("/", 1)[0]
    for prefix in ("api.", "login."):
        key = key.removeprefix(prefix)
    region = _LOOKUP.get(key)
    if region is None:
        names = ", ".join(r.name for r in REGIONS)
        raise ValueError(
            f"Unknown Genesys Cloud region {value!r}. Use one of: {names} "
            "(or the SDK spelling such as us_east_1, or a domain such as mypurecloud.ie)."
        )
    return region
