"""Recognisers and templates, on their own."""

from __future__ import annotations

import pickle
import re
from datetime import date

import pytest

from textbots_tui.simulator import matchers
from textbots_tui.simulator.matchers import (
    DateMatcher,
    IntentMatcher,
    NumberMatcher,
    OneOfMatcher,
    RegexMatcher,
    TextMatcher,
    TimeMatcher,
    yes_no_matcher,
)
from textbots_tui.simulator.templates import Template

WEDNESDAY = date(2026, 5, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12345", "12345"),
        ("my order is #12345.", "12345"),
        ("1234", None),
        ("123456", None),
        ("order 99 then 54321", "54321"),
        ("no digits", None),
    ],
)
def test_number_with_digit_bounds(text: str, expected: str | None) -> None:
    assert NumberMatcher(min_digits=5, max_digits=5).find(text) == expected


def test_number_with_value_bounds() -> None:
    matcher = NumberMatcher(minimum=1, maximum=10)
    assert matcher.find("I need 12, no wait 7") == "7"
    assert matcher.find("0") is None


def test_regex_groups() -> None:
    assert RegexMatcher(r"A\d{5}").find("it's a12345") == "a12345"
    assert RegexMatcher(r"order (\d+)").find("Order 42 please") == "42"
    assert RegexMatcher(r"(?P<value>[A-Z]{2})-(\d+)").find("ref GB-7") == "GB"
    assert RegexMatcher(r"^\d+$").find("abc") is None


def test_one_of_with_synonyms() -> None:
    matcher = OneOfMatcher({"London": ["ldn"], "Manchester": ["manc"], "Leeds": []})
    assert matcher.find("london") == "London"
    assert matcher.find("LDN!") == "London"
    assert matcher.find("the manc store please") == "Manchester"
    assert matcher.find("Leedsville") is None
    assert matcher.find("Paris") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yes", "yes"),
        ("yeah sure", "yes"),
        ("OK.", "yes"),
        ("No", "no"),
        ("nope", "no"),
        ("not really", "no"),
        ("maybe", None),
    ],
)
def test_yes_no(text: str, expected: str | None) -> None:
    assert yes_no_matcher().find(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-06-03", "2026-06-03"),
        ("2026-06-03T09:00:00.000Z", "2026-06-03"),
        ("today", "2026-05-20"),
        ("tomorrow please", "2026-05-21"),
        ("day after tomorrow", "2026-05-22"),
        ("Friday", "2026-05-22"),
        ("wednesday", "2026-05-27"),
        ("3 June", "2026-06-03"),
        ("June 3rd", "2026-06-03"),
        ("the 4th of july 2027", "2027-07-04"),
        ("1 January", "2027-01-01"),
        ("2026-05-19", None),
        ("2026-02-30", None),
        ("soon", None),
    ],
)
def test_dates(text: str, expected: str | None) -> None:
    assert DateMatcher(today=lambda: WEDNESDAY).find(text) == expected


def test_past_dates_when_allowed() -> None:
    assert DateMatcher(allow_past=True, today=lambda: WEDNESDAY).find("2020-01-01") == "2020-01-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9am", "09:00"),
        ("9:30 pm", "21:30"),
        ("14:15", "14:15"),
        ("12am", "00:00"),
        ("12 pm", "12:00"),
        ("noon", "12:00"),
        ("at 3.45pm", "15:45"),
        ("13pm", None),
        ("25:00", None),
        ("12345", None),
        ("soon", None),
    ],
)
def test_times(text: str, expected: str | None) -> None:
    assert TimeMatcher().find(text) == expected


def test_text_takes_anything_but_blank() -> None:
    assert TextMatcher().find("  hello ") == "hello"
    assert TextMatcher().find("   ") is None


def test_intents_by_whole_words_in_declaration_order() -> None:
    matcher = IntentMatcher({"Agent": ["agent", "real person"], "Returns": ["return", "refund"]})
    assert matcher.find("I want a REFUND") == "Returns"
    assert matcher.find("real   person please") == "Agent"
    assert matcher.find("agent about a return") == "Agent"
    assert matcher.find("returned goods") is None  # whole words only
    assert matcher.find("hello") is None


def test_templates() -> None:
    variables = {"Flow.Name": "alex", "Flow.Vip": True, "Flow.Day": "2026-06-03", "Flow.Count": 3}
    assert Template("Hi {Flow.Name|title}! VIP: {Flow.Vip}").render(variables) == "Hi Alex! VIP: true"
    assert Template("{Flow.Day|date}").render(variables) == "Wednesday 3 June 2026"
    assert Template("{Flow.Count} left, {Flow.Missing}.").render(variables) == "3 left, ."
    assert Template("{{literal}} {Flow.Name|upper}").render(variables) == "{literal} ALEX"
    assert Template("plain").constant == "plain"
    with pytest.raises(ValueError, match="unknown filter 'shout'"):
        Template("{Flow.Name|shout}")


def test_patterns_read_back_from_a_pickle_compile_on_first_search(monkeypatch: pytest.MonkeyPatch) -> None:
    # The compiled samples are kept pickled: reading them back must not compile every pattern of every flow,
    # only those a session searches with, and they answer as before.
    built = [
        RegexMatcher(r"APT-(?P<value>\d+)"),
        OneOfMatcher({"London": ["the capital"], "Paris": []}),
        IntentMatcher({"track": ["where is my order"], "agent": ["human", "agent"]}),
    ]
    kept = pickle.dumps(built)
    compiled: list[str] = []
    real_compile = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real_compile(pattern, flags)

    monkeypatch.setattr(matchers.re, "compile", counting)
    regex, one_of, intents = pickle.loads(kept)
    assert compiled == []
    assert regex.find("it is apt-1234") == "1234"
    assert compiled == [r"APT-(?P<value>\d+)"]
    assert one_of.find("the capital please") == "London"
    assert intents.find("can I talk to a human") == "agent"
    # Each pattern searched was compiled once; Paris's, never searched, is still text.
    assert len(compiled) == 4 and not any("paris" in pattern for pattern in compiled)
    assert regex.find("APT-77") == "77" and len(compiled) == 4


def test_a_bad_pattern_fails_when_the_flow_is_compiled() -> None:
    with pytest.raises(re.error):
        RegexMatcher("(unclosed")
