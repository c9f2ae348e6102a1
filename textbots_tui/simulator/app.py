"""The simulator's HTTP application: the OAuth token endpoint and the textbots endpoints on one host.

Every response carries ``ININ-Correlation-Id`` (and, for API calls, the ``inin-ratelimit-*`` headers); every
error is an ``ErrorBody`` whose ``contextId`` is that correlation id. There is no middleware: each
endpoint goes through :meth:`Simulator.api`, which applies latency, authentication, the rate limit and
injected 503s in the order a real gateway would, then validates the body.

Every request is counted by kind as it arrives; ``GET /simulator/stats`` (outside the Genesys paths) returns
the counts, so a load test can check its own reports against what the server received.
"""

from __future__ import annotations

import json
import logging
import random
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .auth import TokenStore
from .catalog import load_catalog
from .errors import ApiError, OAuthError
from .faults import Faults
from .listing import flow_configuration, list_flows, list_named, search_bots
from .lost import LostAnswer
from .matchers import utc_today
from .sessions import SessionStore
from .settings import SimulatorSettings
from .stats import EXECUTE, LAUNCH, OTHER, TOKEN, TURN, TURN_NOOP, SimulatorStats
from .wire import LaunchRequest, ModelT, PostTextRequest, TurnRequest, parse_body

log = logging.getLogger("textbots_tui.simulator")

Endpoint = Callable[[Request], Awaitable[Response]]

MAX_BODY_BYTES = 512_000
"""The Platform API's ``request.bytes.max``."""

# A turn's kind is known before its body is validated (a 429 or a 401 is counted as a NoOp turn too), so it is
# read off the raw body rather than the parsed model.
_NOOP = re.compile(rb'"inputEventType"\s*:\s*"NoOp"')


def _json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


class Simulator:
    """The state behind one app: catalog, tokens, sessions, faults and the random numbers."""

    def __init__(self, settings: SimulatorSettings) -> None:
        self.settings = settings
        base = random.Random(settings.seed)
        self._ids = random.Random(base.getrandbits(64))
        self.catalog = load_catalog(
            settings.flows_dir, settings.include_samples, settings.today or utc_today, settings.samples_cache
        )
        self.tokens = TokenStore(
            accepted_clients=settings.accepted_clients,
            lifetime_s=settings.token_lifetime_s,
            rng=random.Random(base.getrandbits(64)),
            clock=settings.clock,
        )
        self.faults = Faults(
            latency_ms=settings.latency_ms,
            rate_limit_per_minute=settings.rate_limit_per_minute,
            error_rate_503=settings.error_rate_503,
            rng=random.Random(base.getrandbits(64)),
            clock=settings.clock,
            rate_limit_window_s=settings.rate_limit_window_s,
            lost_answer_rate=settings.lost_answer_rate,
        )
        self.stats = SimulatorStats()
        self.store = SessionStore(
            flows=self.catalog.flows,
            bots=self.catalog.bots,
            idle_timeout_s=settings.session_idle_timeout_s,
            clock=settings.clock,
            new_id=self.new_id,
        )

    def new_id(self) -> str:
        """A random (or, with a seed, reproducible) version-4 UUID."""
        return str(uuid.UUID(int=self._ids.getrandbits(128), version=4))

    # Endpoints --------------------------------------------------------------------------------------------

    async def token(self, request: Request) -> Response:
        """``POST /oauth/token``: client credentials."""
        self.stats.received(TOKEN)
        headers = {"ININ-Correlation-Id": self.new_id(), "Cache-Control": "no-store"}
        await self.faults.delay()
        body = await request.body()
        try:
            payload = self.tokens.issue(
                request.headers.get("content-type"), request.headers.get("authorization"), body
            )
        except OAuthError as exc:
            self.stats.answered(TOKEN, exc.status)
            return Response(_json(exc.body()), exc.status, headers, "application/json")
        self.stats.answered(TOKEN, 200)
        return Response(_json(payload), 200, headers, "application/json")

    async def launch(self, request: Request) -> Response:
        """``POST /api/v2/textbots/botflows/sessions``."""
        return await self.api(request, LaunchRequest, lambda body: self.store.launch(body), kind=LAUNCH)

    async def turn(self, request: Request) -> Response:
        """``POST /api/v2/textbots/botflows/sessions/{sessionId}/turns``."""
        session_id = request.path_params["sessionId"]
        kind = TURN_NOOP if _NOOP.search(await request.body()) else TURN
        return await self.api(request, TurnRequest, lambda body: self.store.turn(session_id, body), kind=kind)

    async def execute(self, request: Request) -> Response:
        """``POST /api/v2/textbots/bots/execute``."""
        return await self.api(request, PostTextRequest, lambda body: self.store.execute(body), kind=EXECUTE)

    async def flows(self, request: Request) -> Response:
        """``GET /api/v2/flows``."""
        params = {k: request.query_params.getlist(k) for k in request.query_params}
        return await self.api(request, None, lambda _: list_flows(list(self.catalog.flows.values()), params))

    async def bots_search(self, request: Request) -> Response:
        """``GET /api/v2/textbots/bots/search``."""
        params = {k: request.query_params.getlist(k) for k in request.query_params}
        return await self.api(
            request,
            None,
            lambda _: search_bots(
                list(self.catalog.flows.values()), list(self.catalog.bots.values()), params
            ),
        )

    async def outcomes(self, request: Request) -> Response:
        """``GET /api/v2/flows/outcomes``: the names of the flows' outcomes."""
        params = {k: request.query_params.getlist(k) for k in request.query_params}
        names = {k: v for f in self.catalog.flows.values() for k, v in f.outcome_names.items()}
        return await self.api(
            request, None, lambda _: self.permitted("architect:flowOutcome:view", "outcomes", names, params)
        )

    async def milestones(self, request: Request) -> Response:
        """``GET /api/v2/flows/milestones``: the names of the flows' milestones."""
        params = {k: request.query_params.getlist(k) for k in request.query_params}
        names = {k: v for f in self.catalog.flows.values() for k, v in f.milestone_names.items()}
        return await self.api(
            request,
            None,
            lambda _: self.permitted("architect:flowMilestone:view", "milestones", names, params),
        )

    async def flow_configuration(self, request: Request) -> Response:
        """``GET /api/v2/flows/{flowId}/latestconfiguration``: what a flow declares (404: no such flow)."""
        flow = self.catalog.flows.get(request.path_params["flowId"])

        def answer(_: Any) -> dict[str, Any]:
            if flow is None:
                raise ApiError(404, "Flow not found", code="flow.not.found")
            return flow_configuration(flow)

        return await self.api(request, None, answer)

    def permitted(
        self, permission: str, kind: str, names: dict[str, str], params: dict[str, list[str]]
    ) -> dict[str, Any]:
        """The listing, or the 403 an org answers when the client lacks ``permission``."""
        if permission in self.settings.missing_permissions:
            raise ApiError(
                403,
                "Unable to perform the requested action. You are missing the following permission(s): "
                f"[{permission}]",
                code="missing.any.permissions",
            )
        return list_named(kind, names, params)

    async def stats_endpoint(self, request: Request) -> Response:
        """``GET /simulator/stats``: what this simulator received (not a Genesys path; no token needed)."""
        return Response(_json(self.stats.to_json()), 200, {"Cache-Control": "no-store"}, "application/json")

    async def api(
        self,
        request: Request,
        model: type[ModelT] | None,
        handler: Callable[[Any], dict[str, Any]],
        *,
        kind: str = OTHER,
    ) -> Response:
        """Run one API call with the gateway's checks, turning :class:`ApiError` into an ``ErrorBody``."""
        self.stats.received(kind)
        response = await self._answer(request, model, handler, kind)
        self.stats.answered(kind, response.status_code)
        return response

    async def _answer(
        self,
        request: Request,
        model: type[ModelT] | None,
        handler: Callable[[Any], dict[str, Any]],
        kind: str,
    ) -> Response:
        correlation_id = self.new_id()
        headers = {"ININ-Correlation-Id": correlation_id}
        try:
            await self.faults.delay()
            token = self.tokens.check(request.headers.get("authorization"))
            headers.update(self.faults.count(token))
            self.faults.maybe_unavailable()
            body: Any = None
            if model is not None:
                if not _is_json(request.headers.get("content-type")):
                    raise ApiError(415)
                raw = await request.body()
                if len(raw) > MAX_BODY_BYTES:
                    raise ApiError(413)
                body = parse_body(model, raw)
            payload = handler(body)
        except ApiError as exc:
            if any(d.get("errorCode") == "stale.turn" for d in exc.details):
                self.stats.stale_turn_conflicts += 1
            headers.update(exc.headers)
            return Response(_json(exc.body(correlation_id)), exc.status, headers, "application/json")
        except Exception:
            log.exception("simulator error in %s %s", request.method, request.url.path)
            error = ApiError(500)
            return Response(_json(error.body(correlation_id)), 500, headers, "application/json")
        if kind != OTHER and self.faults.lose_answer():
            self.stats.lost_answers += 1
            return LostAnswer(_json(payload), 200, headers, "application/json")
        return Response(_json(payload), 200, headers, "application/json")

    async def http_error(self, request: Request, exc: Exception) -> Response:
        """Unknown paths (404) and wrong methods (405), as ``ErrorBody``."""
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        self.stats.received(OTHER)
        self.stats.answered(OTHER, status)
        await self.faults.delay()
        correlation_id = self.new_id()
        headers = {"ININ-Correlation-Id": correlation_id}
        if isinstance(exc, HTTPException) and exc.headers:
            headers.update(exc.headers)
        message = f"No resource at {request.method} {request.url.path}" if status == 404 else None
        error = ApiError(status, message)
        return Response(_json(error.body(correlation_id)), status, headers, "application/json")


def create_app(settings: SimulatorSettings | None = None) -> Starlette:
    """The simulator as an ASGI app (use it in-process with ``httpx.ASGITransport`` on any base URL).

    Problems in flow files never stop it: they are logged and kept on ``app.state.flow_errors``.
    """
    return build_app(settings or SimulatorSettings(), log_problems=True)


def build_app(settings: SimulatorSettings, *, log_problems: bool) -> Starlette:
    """The app; ``log_problems=False`` when the caller reports flow file problems itself."""
    simulator = Simulator(settings)
    routes: list[tuple[str, Endpoint, str]] = [
        ("/oauth/token", simulator.token, "POST"),
        ("/api/v2/textbots/botflows/sessions", simulator.launch, "POST"),
        ("/api/v2/textbots/botflows/sessions/{sessionId}/turns", simulator.turn, "POST"),
        ("/api/v2/textbots/bots/execute", simulator.execute, "POST"),
        ("/api/v2/textbots/bots/search", simulator.bots_search, "GET"),
        ("/api/v2/flows", simulator.flows, "GET"),
        ("/api/v2/flows/outcomes", simulator.outcomes, "GET"),
        ("/api/v2/flows/milestones", simulator.milestones, "GET"),
        ("/api/v2/flows/{flowId}/latestconfiguration", simulator.flow_configuration, "GET"),
        ("/simulator/stats", simulator.stats_endpoint, "GET"),
    ]
    app = Starlette(
        routes=[Route(path, func, methods=[method]) for path, func, method in routes],
        exception_handlers={HTTPException: simulator.http_error},
    )
    app.state.flow_errors = simulator.catalog.errors
    app.state.simulator = simulator
    if log_problems:
        for error in simulator.catalog.errors:
            log.warning("flow file problem: %s", error)
    return app
