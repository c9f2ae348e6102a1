"""The Genesys Cloud textbots API: wire models, the async client, OAuth, regions, errors and retries.

Importing this package is cheap: the names below load their module (pydantic, httpx) on first use, so a
command that never talks to the API never pays for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textbots_tui.api.client import (
        TextbotsClient,
    )
    from textbots_tui.api.errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        InvalidResponseError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        ServerError,
        TextbotsError,
    )
    from textbots_tui.api.exchange import (
        Exchange,
    )
    from textbots_tui.api.models import (
        BotSearchResponseEntityListing,
        ConversationMessageContent,
        ErrorBody,
        FlowEntityListing,
        InputEventType,
        NextActionType,
        PostTextMessage,
        PostTextRequest,
        PostTextResponse,
        TextBotFlowLaunchRequest,
        TextBotFlowLaunchResponse,
        TextBotFlowTurnRequest,
        TextBotFlowTurnResponse,
    )
    from textbots_tui.api.regions import (
        REGIONS,
        Region,
        resolve_region,
    )
    from textbots_tui.api.retry import (
        RetryPolicy,
    )

_LAZY: dict[str, str] = {
    "TextbotsClient": "client",
    "APIConnectionError": "errors",
    "APIStatusError": "errors",
    "APITimeoutError": "errors",
    "AuthenticationError": "errors",
    "BadRequestError": "errors",
    "ConflictError": "errors",
    "InvalidResponseError": "errors",
    "NotFoundError": "errors",
    "PermissionDeniedError": "errors",
    "RateLimitError": "errors",
    "ServerError": "errors",
    "TextbotsError": "errors",
    "Exchange": "exchange",
    "BotSearchResponseEntityListing": "models",
    "ConversationMessageContent": "models",
    "ErrorBody": "models",
    "FlowEntityListing": "models",
    "InputEventType": "models",
    "NextActionType": "models",
    "PostTextMessage": "models",
    "PostTextRequest": "models",
    "PostTextResponse": "models",
    "TextBotFlowLaunchRequest": "models",
    "TextBotFlowLaunchResponse": "models",
    "TextBotFlowTurnRequest": "models",
    "TextBotFlowTurnResponse": "models",
    "REGIONS": "regions",
    "Region": "regions",
    "resolve_region": "regions",
    "RetryPolicy": "retry",
}

__all__ = [
    "REGIONS",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BotSearchResponseEntityListing",
    "ConflictError",
    "ConversationMessageContent",
    "ErrorBody",
    "Exchange",
    "FlowEntityListing",
    "InputEventType",
    "InvalidResponseError",
    "NextActionType",
    "NotFoundError",
    "PermissionDeniedError",
    "PostTextMessage",
    "PostTextRequest",
    "PostTextResponse",
    "RateLimitError",
    "Region",
    "RetryPolicy",
    "ServerError",
    "TextBotFlowLaunchRequest",
    "TextBotFlowLaunchResponse",
    "TextBotFlowTurnRequest",
    "TextBotFlowTurnResponse",
    "TextbotsClient",
    "TextbotsError",
    "resolve_region",
]


def __getattr__(name: str) -> Any:
    """Load a re-exported name from its module on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Include the lazily loaded names."""
    return sorted(set(globals()) | set(_LAZY))
