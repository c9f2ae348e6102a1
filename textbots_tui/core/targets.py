"""Which org a session belongs to, and whether that is the org the app talks to now.

A target is what :meth:`textbots_tui.core.connection.Connection.target` builds (the API URL, ``simulator``
for the built-in one, and the profile; never a secret), written in every journal header. This module is the
one home of comparing and naming targets: the session list filters and labels history with it, and every
path that would send a history session to the org again (restart, replay against live) asks
:func:`target_refusal` first, so that a session from another org is never launched against the current one.

A journal written before targets were recorded has none: its sessions belong to an *unknown* target, which
is never taken for the current one (it may be a past client's org).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["UNKNOWN_TARGET", "recorded_target", "same_target", "target_label", "target_refusal"]

UNKNOWN_TARGET = "unknown target"
"""How a session journalled before targets were recorded is labelled."""


def recorded_target(value: object) -> dict[str, str] | None:
    """The target a journal header holds, or ``None`` when it has none (older journals) or it is damaged."""
    if not isinstance(value, Mapping) or not isinstance(value.get("api_url"), str) or not value["api_url"]:
        return None
    return {str(key): item for key, item in value.items() if isinstance(item, str)}


def _key(target: Mapping[str, str]) -> tuple[str, str]:
    # A trailing slash names the same server; the profile tells two orgs on one region apart.
    return target.get("api_url", "").rstrip("/"), target.get("profile", "")


def same_target(recorded: Mapping[str, str] | None, current: Mapping[str, str] | None) -> bool:
    """Whether a session recorded against ``recorded`` belongs to ``current``. An unknown target (``None``
    or empty) never matches a known one."""
    if not recorded or not current:
        return False
    return _key(recorded) == _key(current)


def target_label(target: Mapping[str, str] | None) -> str:
    """A target in words, as the session list and the refusals show it: ``https://api.example profile dev``,
    ``simulator``, or ``unknown target``."""
    if not target or not target.get("api_url"):
        return UNKNOWN_TARGET
    profile = target.get("profile")
    return f"{target['api_url']} profile {profile}" if profile else target["api_url"]


def target_refusal(recorded: Mapping[str, str] | None, current: Mapping[str, str] | None) -> str | None:
    """Why a session recorded against ``recorded`` must not be sent to ``current`` again, or ``None`` when it
    may (the same target, or no current target known: an app without a journal has no history)."""
    if current is None or same_target(recorded, current):
        return None
    if not recorded:
        return (
            f"this session was journalled before targets were recorded, so it may belong to another org; "
            f"current is {target_label(current)}"
        )
    return f"this session belongs to {target_label(recorded)}; current is {target_label(current)}"
