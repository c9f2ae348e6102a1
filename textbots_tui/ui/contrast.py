"""Readable themes: every text colour the app draws reaches WCAG AA contrast on the backgrounds it sits on.

Textual builds a theme's variables (``$foreground``, ``$text-warning``...) from a handful of base colours, and
some of them end up too faint for a projector (orange warning text on the light theme's grey). Rather than
maintain a list of hand-tuned themes, the app passes the variables through :func:`readable_variables`: each
text colour is pushed towards black or white, just as far as needed, until it reads at 4.5:1 on every
background the app puts text on. The hue stays; a colour that already passes is left exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from textual.color import Color, ColorParseError

AA_NORMAL_TEXT: Final = 4.5
"""WCAG 2.x level AA for body text."""

TEXT_VARIABLES: Final = (
    "foreground",
    "foreground-muted",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
)
"""The theme variables the app draws text with (on top of the backgrounds below)."""

USER_BUBBLE_TINT: Final = 0.3
"""How much ``$primary`` tints the user's bubbles (``background: $primary 30%`` in the chat pane)."""

UNOFFERED_THEMES: Final = frozenset({"ansi-dark", "ansi-light"})
"""Themes that use the terminal's own palette: their colours are unknown, so their contrast cannot be
promised. The app does not offer them."""


def relative_luminance(color: Color) -> float:
    """WCAG relative luminance of an opaque colour (0 for black, 1 for white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(foreground: Color, background: Color) -> float:
    """WCAG contrast ratio (1 to 21) of ``foreground`` drawn over an opaque ``background``.

    A translucent foreground is blended over the background first, as the terminal shows it.
    """
    shown = background.blend(foreground.with_alpha(1.0), foreground.a) if foreground.a < 1 else foreground
    lighter, darker = sorted((relative_luminance(shown), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _worst(color: Color, backgrounds: Iterable[Color]) -> float:
    return min(contrast_ratio(color, background) for background in backgrounds)


def readable(color: Color, backgrounds: Iterable[Color], minimum: float = AA_NORMAL_TEXT) -> Color:
    """``color`` moved towards black or white just enough to reach ``minimum`` on every background.

    Goes the way that can reach the target (towards white on dark backgrounds); a translucent colour is made
    opaque only if the extreme itself is not enough at its alpha.
    """
    grounds = list(backgrounds)
    if not grounds or _worst(color, grounds) >= minimum:
        return color
    black, white = Color(0, 0, 0, color.a), Color(255, 255, 255, color.a)
    target = max((black, white), key=lambda extreme: _worst(extreme, grounds))
    for alpha in (color.a, 1.0):
        start = color.with_alpha(alpha)
        end = target.with_alpha(alpha)
        for step in range(1, 21):
            candidate = start.blend(end, step / 20, alpha=alpha)
            if _worst(candidate, grounds) >= minimum:
                return candidate
    return target.with_alpha(1.0)


def _parse(value: str | None) -> Color | None:
    if value is None:
        return None
    try:
        color = Color.parse(value)
    except ColorParseError:
        # "auto 87%" and the like: Textual picks those against the real background, readable by design.
        return None
    return None if color.ansi is not None else color


def text_backgrounds(variables: Mapping[str, str]) -> list[Color]:
    """The opaque backgrounds text is drawn on: screen, surface, panel, chips and the user's bubbles."""
    grounds: list[Color] = []
    surface = _parse(variables.get("surface"))
    for name in ("background", "surface", "panel", "primary-muted"):
        color = _parse(variables.get(name))
        if color is not None and color.a == 1:
            grounds.append(color)
    primary = _parse(variables.get("primary"))
    if surface is not None and primary is not None:
        grounds.append(surface.blend(primary.with_alpha(1.0), USER_BUBBLE_TINT))
    return grounds


def readable_variables(variables: Mapping[str, str]) -> dict[str, str]:
    """The theme's variables with every text colour made readable on every text background."""
    grounds = text_backgrounds(variables)
    fixed = dict(variables)
    for name in TEXT_VARIABLES:
        color = _parse(variables.get(name))
        if color is None or not grounds:
            continue
        better = readable(color, grounds)
        if better != color:
            fixed[name] = better.hex
    return fixed
