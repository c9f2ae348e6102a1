"""A conversation as a self-contained HTML page that looks like the chat, to share and to print to PDF.

Bot and user bubbles, quick replies as chips, cards and carousels (images and videos as links, never loaded),
pickers, and the end banner with outcome and milestone names. No scripts and no external assets: the page
carries its stylesheet and a Content-Security-Policy that forbids scripts, so it opens the same anywhere and
nothing in it runs. Everything from outside is escaped (see :mod:`textbots_tui.core.html.render`).

The API, for exports and for reports that embed conversations:

- :func:`session_to_html` - a whole page for one session (what ``textbots-tui export --html`` writes);
- :func:`transcript_section` - one conversation as a ``<section>`` from its events, to put several in a page;
- :func:`transcript_page` - a page around sections (title, subtitle, the stylesheet).

``HtmlOptions(names=..., technical=...)`` chooses outcome names and whether the bot builder's details (times,
payloads, raw JSON, retries, correlation ids) are shown; by default the page is for stakeholders.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC

from textbots_tui.core.events import Event
from textbots_tui.core.html.render import HtmlOptions, event_html, text
from textbots_tui.core.html.style import STYLESHEET
from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.core.sessions import Session

__all__ = ["STYLESHEET", "HtmlOptions", "session_to_html", "text", "transcript_page", "transcript_section"]

CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
"""Nothing loads or runs but the page's own stylesheet (defence in depth beside the escaping)."""


def transcript_section(
    events: Iterable[Event], *, heading: str | None = None, options: HtmlOptions | None = None
) -> str:
    """One conversation as ``<section class="tb-chat">``: its events in order (user input, bot output,
    errors, the end banner; retry notices only with ``options.technical``). ``heading`` is outside text."""
    opts = options or HtmlOptions()
    parts = [f"<h2>{text(heading)}</h2>"] if heading else []
    shown = [html for html in (event_html(e, opts) for e in events) if html]
    parts += shown or ['<p class="tb-notice">Nothing was said.</p>']
    return f'<section class="tb-chat">{"".join(parts)}</section>'


def transcript_page(title: str, sections: Sequence[str], *, subtitle: str | None = None) -> str:
    """A complete HTML document around sections made by :func:`transcript_section`. ``title`` and
    ``subtitle`` are outside text (escaped here); ``sections`` are trusted HTML from this module."""
    sub = f"<p>{text(subtitle)}</p>" if subtitle else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="textbots-tui">\n'
        f"<title>{text(title)}</title>\n<style>\n{STYLESHEET}\n</style>\n</head>\n<body>\n<main>\n"
        f'<header class="tb-head"><h1>{text(title)}</h1>{sub}</header>\n'
        + "\n".join(sections)
        + '\n<footer class="tb-foot">Transcript exported from textbots-tui</footer>\n'
        + "</main>\n</body>\n</html>\n"
    )


def session_to_html(session: Session, options: HtmlOptions | None = None) -> str:
    """A session as a complete, self-contained HTML page (title: the session's name; subtitle: what it
    talked to and when)."""
    params = session.params
    if isinstance(params, FlowLaunchParams):
        target = params.flow_name or (params.flow_id if (options and options.technical) else "a bot flow")
    else:
        target = params.bot_name or (params.bot_id if (options and options.technical) else "a bot")
    started = f"{session.created_at.astimezone(UTC):%d %B %Y, %H:%M} UTC"
    subtitle = f"A conversation with {target}, {started}"
    return transcript_page(
        session.name, [transcript_section(session.events, options=options)], subtitle=subtitle
    )
