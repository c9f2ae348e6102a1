"""``TextbotsClient``: the async client of the textbots API (launch, turn, execute, and the pickers' lists).

One long-lived ``httpx.AsyncClient`` per object (connections are reused); use it as an async context manager
or call ``aclose()``. Every call returns a parsed model or raises a ``TextbotsError``; every HTTP attempt it
makes (token requests included) can be observed, redacted, through ``on_exchange`` hooks.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

import httpx
from pydantic import SecretStr

from textbots_tui import __version__
from textbots_tui.api import _recording
from textbots_tui.api._outcomes import (
    ModelT,
    deadline_error,
    explain_rate_limit,
    parse_response,
    transport_error,
    unexpected_error,
)
from textbots_tui.api.auth import ClientCredentialsAuth
from textbots_tui.api.deadline import Deadlines
from textbots_tui.api.errors import (
    InvalidResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TextbotsError,
    error_from_response,
)
from textbots_tui.api.exchange import Exchange
from textbots_tui.api.models._base import WireModel
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
from textbots_tui.api.text import redact_url

if TYPE_CHECKING:
    from textbots_tui.api.models.execute import PostTextRequest, PostTextResponse

logger = logging.getLogger(__name__)

ExchangeHook = Callable[[Exchange], None]
_Params = list[tuple[str, str | int | float | bool | None]]

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
        self.retry = retry or RetryPolicy()
        self.deadline_s = deadline_s
        self._deadlines = None if deadline_s is None else Deadlines(deadline_s)
        self._on_exchange = on_exchange
        self._auth: ClientCredentialsAuth | None = None
        if token or (client_id and secret):
            kwargs: dict[str, Any] = {"clock": clock} if clock is not None else {}
            self._auth = ClientCredentialsAuth(
                token_url=f"{self.login_url}/oauth/token",
                client_id=client_id,
                client_secret=secret,
                access_token=token,
                user_agent=user_agent,
                **kwargs,
            )
        self._http = httpx.AsyncClient(
            base_url=self.api_url,
            auth=self._auth,
            transport=transport,
            timeout=timeout,
            headers={"Accept": "application/json", "User-Agent": user_agent},
            event_hooks={
                "request": [_recording.on_request],
                "response": [_recording.response_hook(max_body_bytes)],
            },
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        api_url, login_url = redact_url(self.api_url), redact_url(self.login_url)
        return f"TextbotsClient(api_url={api_url!r}, login_url={login_url!r})"

    @property
    def auth(self) -> ClientCredentialsAuth | None:
        """The token handling, or ``None`` without credentials."""
        return self._auth

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
        await self._http.aclose()

    # --- the API ------------------------------------------------------------------------------------------

    async def launch_session(
        self, req: TextBotFlowLaunchRequest, *, on_exchange: ExchangeHook | None = None
    ) -> TextBotFlowLaunchResponse:
        """Start a bot flow session (``POST /api/v2/textbots/botflows/sessions``)."""
        return await self._call("POST", SESSIONS_PATH, TextBotFlowLaunchResponse, body=req, hook=on_exchange)

    async def send_turn(
        self, session_id: str, req: TextBotFlowTurnRequest, *, on_exchange: ExchangeHook | None = None
    ) -> TextBotFlowTurnResponse:
        """Send one turn to a session and get the bot's output and next action.

        Never sent twice when the server may have processed it (read timeout, 500, 502, 504).
        """
        path = f"{SESSIONS_PATH}/{quote(session_id, safe='')}/turns"
        return await self._call("POST", path, TextBotFlowTurnResponse, body=req, hook=on_exchange)

    async def execute(
        self, req: PostTextRequest, *, on_exchange: ExchangeHook | None = None
    ) -> PostTextResponse:
        """Send text to a bot integration (``POST /api/v2/textbots/bots/execute``)."""
        from textbots_tui.api.models.execute import PostTextResponse  # bots only: built on first use

        return await self._call("POST", EXECUTE_PATH, PostTextResponse, body=req, hook=on_exchange)

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
        params: _Params = [
            ("type", type_),
            ("pageSize", page_size),
            ("pageNumber", page_number),
        ]
        if name:
            params.append(("name", name))
        if include_schemas:
            params.append(("includeSchemas", "true"))
        return await self._call("GET", FLOWS_PATH, FlowEntityListing, params=params, hook=on_exchange)

    async def search_bots(
        self,
        bot_name: str | None = None,
        bot_types: Sequence[str] = (),
        page_size: int = 25,
        *,
        on_exchange: ExchangeHook | None = None,
    ) -> BotSearchResponseEntityListing:
        """Bots and bot flows by name and type (``GET /api/v2/textbots/bots/search``)."""
        params: _Params = [("botType", t) for t in bot_types]
        if bot_name:
            params.append(("botName", bot_name))
        params.append(("pageSize", page_size))
        return await self._call(
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
        return await self._call("GET", path, FlowConfiguration, hook=on_exchange)

    async def _named(
        self,
        path: str,
        ids: Sequence[str],
        page_size: int,
        page_number: int,
        on_exchange: ExchangeHook | None,
    ) -> NamedEntityListing:
        params: _Params = [("id", i) for i in ids]
        params += [("pageSize", page_size), ("pageNumber", page_number)]
        return await self._call("GET", path, NamedEntityListing, params=params, hook=on_exchange)

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

    # --- the send path ------------------------------------------------------------------------------------

    async def _call(
        self,
        method: str,
        path: str,
        model: type[ModelT],
        *,
        body: WireModel | None = None,
        params: _Params | None = None,
        hook: ExchangeHook | None = None,
    ) -> ModelT:
        hooks = [h for h in (self._on_exchange, hook) if h is not None]
        idempotent = method == "GET"
        content = None
        headers = None
        if body is not None:
            # Serialised in one step (pydantic-core); the dict form is only built for exchange records.
            content = body.model_dump_json(by_alias=True, exclude_none=True).encode()
            headers = {"Content-Type": "application/json"}
        attempt = 0
        while True:
            attempt += 1
            request = self._http.build_request(method, path, content=content, params=params, headers=headers)
            attempts: list[_recording.RawAttempt] = []
            context = _recording.current_attempts.set(attempts)
            response: httpx.Response | None = None
            error: TextbotsError | None = None
            data: Any = _recording._UNSET
            deadline = None if self._deadlines is None else self._deadlines.arm()
            try:
                response = await self._http.send(request)
            except httpx.HTTPError as exc:
                error = transport_error(exc, method, path, api_request=request)
                if attempts and attempts[-1].response is None:
                    attempts[-1].error = exc
            except TextbotsError as exc:  # raised by the auth flow or the body limit
                error = exc
            except asyncio.CancelledError:
                if deadline is None or not deadline.caused():
                    raise
                error = deadline_error(self.deadline_s, method, path, attempts, api_request=request)
                if attempts and attempts[-1].response is None:
                    attempts[-1].error = TimeoutError()
            except Exception as exc:
                # The socket layer raises more than httpx wraps (an OverflowError for port 99999): whatever
                # it is, the caller gets a TextbotsError, so no session is left waiting on it.
                error = unexpected_error(exc, method, path)
                if attempts and attempts[-1].response is None:
                    attempts[-1].error = exc
            finally:
                if deadline is not None:
                    deadline.disarm()
                _recording.current_attempts.reset(context)

            result: ModelT | None = None
            if response is not None:
                if response.is_success:
                    try:
                        result = parse_response(response, model, method, path)
                    except InvalidResponseError as exc:
                        error = exc
                        data = exc.body
                else:
                    error = error_from_response(response)
                    data = error.body

            delay = None if error is None else self.retry.delay_for(error, attempt, idempotent=idempotent)
            if hooks or error is not None:
                exchanges = _recording.build_exchanges(
                    attempts,
                    request,
                    attempt=attempt,
                    delay=delay,
                    request_json=_recording.json_body(content, body),
                    response_json=_recording.json_body(response.content, result)
                    if response is not None
                    else None,
                    response_body=data,
                )
                if error is not None and exchanges:
                    error.exchange = exchanges[-1]
                for exchange in exchanges:
                    for h in hooks:
                        _notify(h, exchange)
            if error is None and result is not None:
                return result
            assert error is not None
            if delay is None:
                if isinstance(error, RateLimitError):
                    explain_rate_limit(error, self.retry)
                raise error
            await self.retry.sleep(delay)


def _notify(hook: ExchangeHook, exchange: Exchange) -> None:
    # A failing observer must not turn a good API call into a failure.
    try:
        hook(exchange)
    except Exception:
        logger.exception("on_exchange hook failed")
