"""Outside text made safe to show or store: URLs without their passwords, long texts cut with a note.

Standard library only, so every layer (reports, exports, the TUI) can use it at no import cost.
"""

from __future__ import annotations

REDACTED_USERINFO = "<redacted>"


def redact_url(url: str) -> str:
    """``url`` with any user name and password in it replaced (``http://<redacted>@host/...``).

    A URL given as ``http://user:pass@host`` must not carry its password into a report, a journal or a
    copied command. Text that is not a URL with an authority comes back unchanged.
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    end = len(rest)
    for mark in "/?#":
        found = rest.find(mark)
        if found != -1:
            end = min(end, found)
    authority, tail = rest[:end], rest[end:]
    _userinfo, at, host = authority.rpartition("@")
    if not at:
        return url
    return f"{scheme}://{REDACTED_USERINFO}@{host}{tail}"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with a note of how much was left out (never cut silently)."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit:,} more characters cut]"
