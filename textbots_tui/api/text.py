"""Outside text made safe to show or store: characters that act instead of showing made visible, URLs
without their passwords, long texts cut with a note.

Standard library only, so every layer (the chat pane, run output, reports, exports) uses the same rules at no
import cost.
"""

from __future__ import annotations

import re

# What outside text must never carry raw to a terminal, a report or an export, because it acts instead of
# showing: C0 controls but newline and tab, DEL, C1 controls (U+009B is an 8-bit CSI); the bidirectional
# marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A-E, U+2066-9), which reorder what is
# drawn around them; zero-width characters that hide text (U+200B, U+2060-4, U+FEFF); the Unicode line and
# paragraph separators (U+2028/9), which break lines where the reader sees none; and what XML 1.0 cannot
# carry (lone surrogates, U+FFFE/F). The zero-width joiner and non-joiner stay: emoji sequences and several
# scripts need them, and they reorder nothing.
UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        # Unicode "control pictures" show each C0 control as one visible cell (ESC as the glyph ␛).
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def escape_unsafe(text: str) -> str:
    """``text`` with every character of :data:`UNSAFE_CHARS` made visible (newlines and tabs kept).

    C0 controls become their control pictures (ESC shows as ␛, DEL as ␡), the others ``\\xNN`` or
    ``\\uNNNN``. The one rule for bot text, server messages and file names wherever they are shown.
    """
    return UNSAFE_CHARS.sub(_visible, text)


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
