"""Recognising what the user typed: slot value types and keyword intents.

Every matcher answers ``find(text) -> value | None``: the normalised value it recognised in the text (a digit
run, a canonical option, an ISO date...) or ``None``. Matchers are built once when a flow is compiled (a bad
pattern fails then); each of their patterns is compiled again on its first search after the compiled flows
are read back from the samples cache (:class:`LazyPattern`). Flows (``ask``) and bots (``slots``) share them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

Today = Callable[[], date]


def utc_today() -> date:
    """Today's date in UTC, the simulator's calendar."""
    return datetime.now(UTC).date()


def normalize(text: str) -> str:
    """Case-folded text with runs of white space collapsed and surrounding punctuation dropped."""
    return " ".join(text.casefold().split()).strip(" .!?,;:")


class LazyPattern:
    """A regular expression kept as its text and flags in a pickle, compiled on its first use once read back.

    Pickle keeps a compiled pattern as its text and compiles it again on load: every process that reads the
    compiled sample flows would compile all their patterns (about 2 ms), most of which a session never uses.
    """

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source, self.flags = source, flags
        self._compiled: re.Pattern[str] | None = re.compile(source, flags)  # a bad pattern fails here

    def __getstate__(self) -> tuple[str, int]:
        return self.source, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.source, self.flags = state
        self._compiled = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it came from a pickle)."""
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in ``text``, as :meth:`re.Pattern.search`."""
        return self.compiled.search(text)


def phrase_pattern(phrases: Iterable[str]) -> LazyPattern:
    """One regex finding any of the phrases as whole words (longest first; a space matches any blank)."""
    alternatives = sorted({normalize(p) for p in phrases if normalize(p)}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(word) for word in alt.split()) for alt in alternatives)
    return LazyPattern(rf"(?<!\w)(?:{body})(?!\w)")


class NumberMatcher:
    """A whole number in the text ("it's 12345" gives ``12345``), within digit-count and value bounds."""

    _DIGITS = re.compile(r"\d+")

    def __init__(
        self,
        min_digits: int | None = None,
        max_digits: int | None = None,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> None:
        self.min_digits, self.max_digits = min_digits, max_digits
        self.minimum, self.maximum = minimum, maximum

    def find(self, text: str) -> str | None:
        """The first digit run that satisfies every bound."""
        for match in self._DIGITS.finditer(text):
            digits = match.group(0)
            if self.min_digits is not None and len(digits) < self.min_digits:
                continue
            if self.max_digits is not None and len(digits) > self.max_digits:
                continue
            if self.minimum is not None and int(digits) < self.minimum:
                continue
            if self.maximum is not None and int(digits) > self.maximum:
                continue
            return digits
        return None


class RegexMatcher:
    """A regular expression searched case-insensitively; the value is the group named ``value``, else group 1,
    else the whole match."""

    def __init__(self, pattern: str) -> None:
        self.pattern = LazyPattern(pattern, re.IGNORECASE)
        compiled = self.pattern.compiled
        self._group: str | int = "value" if "value" in compiled.groupindex else (1 if compiled.groups else 0)

    def find(self, text: str) -> str | None:
        """The captured value, or ``None`` when the pattern does not occur."""
        match = self.pattern.search(text.strip())
        if match is None:
            return None
        value = match.group(self._group)
        return value if value is not None else match.group(0)


class OneOfMatcher:
    """One of a closed set of values, each with synonyms; the value is the canonical option.

    The whole answer is compared first ("London"), then the options are looked for as whole words inside it
    ("the London one, please").
    """

    def __init__(self, options: Mapping[str, Sequence[str]]) -> None:
        self._exact: dict[str, str] = {}
        self._searches: list[tuple[LazyPattern, str]] = []
        for canonical, synonyms in options.items():
            phrases = [canonical, *synonyms]
            for phrase in phrases:
                self._exact.setdefault(normalize(phrase), canonical)
            self._searches.append((phrase_pattern(phrases), canonical))

    def find(self, text: str) -> str | None:
        """The canonical option the text names, if exactly one can be told apart."""
        key = normalize(text)
        if key in self._exact:
            return self._exact[key]
        for pattern, canonical in self._searches:
            if pattern.search(key):
                return canonical
        return None


YES_WORDS = (
    "yes",
    "y",
    "yeah",
    "yep",
    "yup",
    "sure",
    "correct",
    "right",
    "ok",
    "okay",
    "please do",
    "absolutely",
    "that's right",
    "go ahead",
    "confirm",
)
NO_WORDS = ("no", "n", "nope", "nah", "not really", "no thanks", "incorrect", "wrong", "cancel")


def yes_no_matcher() -> OneOfMatcher:
    """``yes`` or ``no`` from the usual ways of saying them."""
    return OneOfMatcher({"yes": YES_WORDS, "no": NO_WORDS})


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_RE = "|".join(m[:3] + f"(?:{m[3:]})?" if len(m) > 3 else m for m in _MONTHS)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b(?:\s+(\d{{4}}))?")
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_RELATIVE = re.compile(r"\b(today|tomorrow|day after tomorrow|" + "|".join(_WEEKDAYS) + r")\b")


def _month_number(name: str) -> int:
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(name[:3]))


class DateMatcher:
    """A calendar date, as an ISO string: ``2026-06-03``, ``3 June``, ``June 3rd``, ``today``, ``tomorrow``,
    ``friday`` (the next one). Past dates are refused unless ``allow_past``."""

    def __init__(self, allow_past: bool = False, today: Today = utc_today) -> None:
        self.allow_past = allow_past
        self._today = today

    def find(self, text: str) -> str | None:
        """The ISO date the text names, or ``None``."""
        key = normalize(text)
        today = self._today()
        found = self._parse(key, today)
        if found is None or (not self.allow_past and found < today):
            return None
        return found.isoformat()

    @staticmethod
    def _parse(key: str, today: date) -> date | None:
        try:
            if m := _ISO_DATE.search(key):
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if m := _DAY_MONTH.search(key):
                return _with_year(int(m.group(1)), _month_number(m.group(2)), m.group(3), today)
            if m := _MONTH_DAY.search(key):
                return _with_year(int(m.group(2)), _month_number(m.group(1)), m.group(3), today)
        except ValueError:
            return None
        if m := _RELATIVE.search(key):
            word = m.group(1)
            if word == "today":
                return today
            if word == "tomorrow":
                return today + timedelta(days=1)
            if word == "day after tomorrow":
                return today + timedelta(days=2)
            ahead = (_WEEKDAYS.index(word) - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
        return None


def _with_year(day: int, month: int, year: str | None, today: date) -> date:
    if year is not None:
        return date(int(year), month, day)
    candidate = date(today.year, month, day)
    # "3 January" said in December means next year's.
    return candidate if candidate >= today else date(today.year + 1, month, day)


_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?!\w)")


class TimeMatcher:
    """A time of day as ``HH:MM``: ``9am``, ``9:30 pm``, ``14:15``, ``noon``, ``midday``."""

    def find(self, text: str) -> str | None:
        """The 24-hour ``HH:MM`` time the text names, or ``None``."""
        key = normalize(text)
        if re.search(r"\b(noon|midday)\b", key):
            return "12:00"
        for m in _TIME.finditer(key):
            hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
            if half is None and m.group(2) is None:
                continue  # a bare number is not a time
            if half is not None:
                if not 1 <= hour <= 12:
                    continue
                hour = hour % 12 + (12 if half.startswith("p") else 0)
            if hour <= 23 and minute <= 59:
                return f"{hour:02d}:{minute:02d}"
        return None


class TextMatcher:
    """Any non-empty answer, as typed (trimmed)."""

    def find(self, text: str) -> str | None:
        """The trimmed text, or ``None`` when it is blank."""
        stripped = text.strip()
        return stripped or None


Matcher = NumberMatcher | RegexMatcher | OneOfMatcher | DateMatcher | TimeMatcher | TextMatcher
"""Every slot value matcher."""


class IntentMatcher:
    """Keyword intents: the first intent (in declaration order) one of whose phrases occurs as whole words."""

    def __init__(self, intents: Mapping[str, Sequence[str]]) -> None:
        self._intents = [(phrase_pattern(words), name) for name, words in intents.items() if words]

    def find(self, text: str) -> str | None:
        """The name of the intent the text expresses, or ``None``."""
        key = normalize(text)
        for pattern, name in self._intents:
            if pattern.search(key):
                return name
        return None
