"""``TextbotsClient``: the async client of the textbots API (launch, turn, execute, and the pickers' lists).

One long-lived ``httpx.AsyncClient`` per object (connections are reused); use it as an async context manager
or call ``aclose()``. Every call returns a parsed model or raises a ``TextbotsError``; every HTTP attempt it
makes (token requests included) can be observed, redacted, through ``on_exchange`` hooks. The client says what
each endpoint sends and gets back; how a request is sent (retries, deadline, records, errors) is its
``Sender``'s (``api/sender.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

import httpx
from pydantic import SecretStr

from textbots_tui import __version__
from textbots_tui.api.auth import ClientCredentialsAuth
from textbots_tui.api.errors import NotFoundError, PermissionDeniedError
from textbots_tui.api.models.flows import (
    TextBotFlowLaunchRequest,
    TextBotFlowLaunchResponse,
    TextBotFlowTurnRequest,
    TextBotFlowTurnResponse,
)
from textbots_tui.api.models.listings import (
    BotSearchResponseEntityListing,
    FlowConfiguration,
    FlowEntityListing,
    NamedEntityListing,
)
from textbots_tui.api.regions import derive_login_url
from textbots_tui.api.retry import RetryPolicy
from textbots_tui.api.sender import ExchangeHook, Params, Sender
from textbots_tui.api.text import redact_url

if TYPE_CHECKING:
    from textbots_tui.api.models.execute import PostTextRequest, PostTextResponse

DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=5.0)
"""Connect within 5 s; 30 s for everything else (a bot turn can take a while)."""
DEFAULT_USER_AGENT: Final = f"textbots-tui/{__version__}"
DEFAULT_DEADLINE_S: Final = 60.0
"""Longest time one HTTP attempt may take in all (token request, sending, every byte of the answer). The
timeouts above bound each wait; a server dripping a byte every few seconds never trips them. Past the
deadline the attempt ends as a read timeout would: the server may have processed it, so it is not re-sent."""
DEFAULT_MAX_BODY_BYTES: Final = 16 * 1024 * 1024
"""Largest decoded answer body accepted (16 MiB; a turn is a few KB, a flow listing some hundreds). A larger
one (a gzip bomb, a host streaming a file) ends in a ``ResponseTooLargeError`` before filling memory."""

SESSIONS_PATH: Final = "/api/v2/textbots/botflows/sessions"
EXECUTE_PATH: Final = "/api/v2/textbots/bots/execute"
FLOWS_PATH: Final = "/api/v2/flows"
BOT_SEARCH_PATH: Final = "/api/v2/textbots/bots/search"
OUTCOMES_PATH: Final = "/api/v2/flows/outcomes"
MILESTONES_PATH: Final = "/api/v2/flows/milestones"


class TextbotsClient:
    """Async client of the Genesys Cloud textbots API.

    Credentials: ``client_id`` + ``client_secret`` (client-credentials tokens, fetched and refreshed as
    needed), or a ready ``access_token`` (used as is; a 401 is then final), or both. With none, requests go
    out without ``Authorization`` (useful only against a server that does not check).

    ``transport`` replaces the network (``httpx.MockTransport``, ``httpx.ASGITransport``). ``retry`` decides
    what is sent again (default ``RetryPolicy()``). ``on_exchange`` is called with every HTTP attempt of
    every call, redacted; each call also takes its own ``on_exchange``. ``deadline_s`` bounds each attempt
    in total (``None``: no bound) and ``max_body_bytes`` the decoded size of an answer.
    """

    def __init__(
        self,
        *,
        api_url: str,
        login_url: str | None = None,
        client_id: str | None = None,
        client_secret: str | SecretStr | None = None,
        access_token: str | SecretStr | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        on_exchange: ExchangeHook | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        clock: Callable[[], float] | None = None,
        deadline_s: float | None = DEFAULT_DEADLINE_S,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    ) -> None:
        if not api_url.startswith(("http://", "https://")):
            raise ValueError(f"api_url must start with http:// or https://, got {api_url!r}")
        secret = client_secret.get_secret_value() if isinstance(client_secret, SecretStr) else client_secret
        token = access_token.get_secret_value() if isinstance(access_token, SecretStr) else access_token
        if bool(client_id) != bool(secret) and not token:
            raise ValueError("client_id and client_secret go together (or give an access_token)")
        self.api_url = api_url.rstrip("/")
        self.login_url = (login_url or derive_login_url(self.api_url)).rstrip("/")
        auth: ClientCredentialsAuth | None = None
        if token or (client_id and secret):
            kwargs: dict[str, Any] = {"clock": clock} if clock is not None else {}
            auth = ClientCredentialsAuth(
                token_url=f"{self.login_url}/oauth/token",
                client_id=client_id,
                client_secret=secret,
                access_token=token,
                user_agent=user_agent,
                **kwargs,
            )
        self._auth = auth
        self._sender = Sender(
            base_url=self.api_url,
            auth=auth,
            transport=transport,
            timeout=timeout,
            user_agent=user_agent,
            max_body_bytes=max_body_bytes,
            retry=retry or RetryPolicy(),
            deadline_s=deadline_s,
            on_exchange=on_exchange,
        )

    def __repr__(self) -> str:
        api_url, login_url = redact_url(self.api_url), redact_url(self.login_url)
        return f"TextbotsClient(api_url={api_url!r}, login_url={login_url!r})"

    @property
    def auth(self) -> ClientCredentialsAuth | None:
        """The token handling, or ``None`` without credentials."""
        return self._auth

    @property
    def retry(self) -> RetryPolicy:
        """What is sent again, and after how long."""
        return self._sender.retry

    @property
    def deadline_s(self) -> float | None:
        """The longest one HTTP attempt may take in all (``None``: no bound)."""
        return self._sender.deadline_s

    async def __aenter__(self) -> TextbotsClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections. The client cannot be used afterwards."""
        await self._sender.aclose()

    # --- the API ------------------------------------------------------------------------------------------

    async def launch_session(
        self, req: TextBotFlowLaunchRequest, *, on_exchange: ExchangeHook | None = None
    ) -> TextBotFlowLaunchResponse:
        """Start a bot flow session (``POST /api/v2/textbots/botflows/sessions``)."""
        return await self._sender.call(
            "POST", SESSIONS_PATH, TextBotFlowLaunchResponse, body=req, hook=on_exchange
        )

    async def send_turn(
        self, session_id: str, req: TextBotFlowTurnRequest, *, on_exchange: ExchangeHook | None = None
    ) -> TextBotFlowTurnResponse:
        """Send one turn to a session and get the bot's output and next action.

        Never sent twice when the server may have processed it (read timeout, 500, 502, 504).
        """
        path = f"{SESSIONS_PATH}/{quote(session_id, safe='')}/turns"
        return await self._sender.call("POST", path, TextBotFlowTurnResponse, body=req, hook=on_exchange)

    async def execute(
        self, req: PostTextRequest, *, on_exchange: ExchangeHook | None = None
    ) -> PostTextResponse:
        """Send text to a bot integration (``POST /api/v2/textbots/bots/execute``)."""
        from textbots_tui.api.models.execute import PostTextResponse  # bots only: built on first use

        return await self._sender.call("POST", EXECUTE_PATH, PostTextResponse, body=req, hook=on_exchange)

    async def list_flows(
        self,
        type_: str = "digitalbot",
        name: str | None = None,
        page_size: int = 100,
        *,
        page_number: int = 1,
        include_schemas: bool = False,
        on_exchange: ExchangeHook | None = None,
    ) -> FlowEntityListing:
        """One page of Architect flows of a type (``digitalbot`` or ``bot``), optionally filtered by name."""
        params: Params = [
            ("type", type_),
            ("pageSize", page_size),
            ("pageNumber", page_number),
        ]
        if name:
            params.append(("name", name))
        if include_schemas:
            params.append(("includeSchemas", "true"))
        return await self._sender.call("GET", FLOWS_PATH, FlowEntityListing, params=params, hook=on_exchange)

    async def search_bots(
        self,
        bot_name: str | None = None,
        bot_types: Sequence[str] = (),
        page_size: int = 25,
        *,
        on_exchange: ExchangeHook | None = None,
    ) -> BotSearchResponseEntityListing:
        """Bots and bot flows by name and type (``GET /api/v2/textbots/bots/search``)."""
        params: Params = [("botType", t) for t in bot_types]
        if bot_name:
            params.append(("botName", bot_name))
        params.append(("pageSize", page_size))
        return await self._sender.call(
            "GET", BOT_SEARCH_PATH, BotSearchResponseEntityListing, params=params, hook=on_exchange
        )

    async def list_flow_outcomes(
        self,
        ids: Sequence[str],
        *,
        page_size: int = 100,
        page_number: int = 1,
        on_exchange: ExchangeHook | None = None,
    ) -> NamedEntityListing:
        """One page of flow outcomes by id (``GET /api/v2/flows/outcomes?id=...``, repeated ``id``).

        Needs ``architect:flowOutcome:view``; an org without it answers 403 (``PermissionDeniedError``).
        """
        return await self._named(OUTCOMES_PATH, ids, page_size, page_number, on_exchange)

    async def list_flow_milestones(
        self,
        ids: Sequence[str],
        *,
        page_size: int = 100,
        page_number: int = 1,
        on_exchange: ExchangeHook | None = None,
    ) -> NamedEntityListing:
        """One page of flow milestones by id (``GET /api/v2/flows/milestones?id=...``, repeated ``id``).

        Needs ``architect:flowMilestone:view``; an org without it answers 403 (``PermissionDeniedError``).
        """
        return await self._named(MILESTONES_PATH, ids, page_size, page_number, on_exchange)

    async def get_flow_configuration(
        self, flow_id: str, *, on_exchange: ExchangeHook | None = None
    ) -> FlowConfiguration:
        """A flow's latest configuration (``GET /api/v2/flows/{flowId}/latestconfiguration``; needs
        ``architect:flow:view``): what it declares, for coverage."""
        path = f"{FLOWS_PATH}/{quote(flow_id, safe='')}/latestconfiguration"
        return await self._sender.call("GET", path, FlowConfiguration, hook=on_exchange)

    async def _named(
        self,
        path: str,
        ids: Sequence[str],
        page_size: int,
        page_number: int,
        on_exchange: ExchangeHook | None,
    ) -> NamedEntityListing:
        params: Params = [("id", i) for i in ids]
        params += [("pageSize", page_size), ("pageNumber", page_number)]
        return await self._sender.call("GET", path, NamedEntityListing, params=params, hook=on_exchange)

    async def check_connection(self) -> None:
        """Get a token (with client credentials) and make one cheap request, so that a run of many sessions
        fails once, up front, when the org cannot be reached or the credentials are refused.

        Raises the ``TextbotsError`` of what failed. A 403 (the OAuth client may lack the search permission)
        or a 404 still proves that the target answers and accepted the credentials.
        """
        try:
            await self.search_bots(page_size=1)
        except (PermissionDeniedError, NotFoundError):
            return
