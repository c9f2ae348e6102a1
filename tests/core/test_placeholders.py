"""``like`` patterns: each placeholder's forms, the brace escape, errors, and finding what moves in a text."""

from __future__ import annotations

import subprocess
import sys

import pytest

from textbots_tui.core.placeholders import (
    PlaceholderError,
    compile_like,
    escape_literal,
    generalise,
    like_matches,
)


@pytest.mark.parametrize(
    ("placeholder", "good", "bad"),
    [
        ("{any}", ["", "anything at all"], []),
        ("{number}", ["7", "-3", "12345", "1,234.50", "+2.5"], ["12a", "one", ""]),
        (
            "{date}",
            [
                "2026-12-08",
                "08/12/2026",
                "8.12.26",
                "8 December 2026",
                "Tue 08 Dec 2026",
                "Tuesday, December 8th, 2026",
                "8 Dec",
                "dec 8",
            ],
            ["2026-12", "Tuesday", "8 Decimal", "tomorrow"],
        ),
        (
            "{time}",
            ["10:30", "09:00:00", "09:00:00.000Z", "10:30+01:00", "3:00 pm", "3pm", "11 A.M."],
            ["10", "25 o'clock", "10:3"],
        ),
        (
            "{uuid}",
            ["3d5f7a9b-1c2e-4f6a-8b0d-2e4f6a8c0e57", "3D5F7A9B-1C2E-4F6A-8B0D-2E4F6A8C0E57"],
            ["3d5f7a9b-1c2e-4f6a-8b0d", "not-a-uuid"],
        ),
        ("{email}", ["sam@example.com", "a.b+c@mail.example.co.uk"], ["sam@", "@example.com", "sam"]),
        ("{ref}", ["0E91FE", "A1234", "12345", "ADDEBD"], ["abcdef", "ABC", "AB-12", ""]),
    ],
)
def test_each_placeholder_accepts_its_forms(placeholder: str, good: list[str], bad: list[str]) -> None:
    for text in good:
        assert like_matches(placeholder, text), (placeholder, text)
    for text in bad:
        assert not like_matches(placeholder, text), (placeholder, text)


def test_a_pattern_matches_a_whole_message_around_its_placeholders() -> None:
    pattern = "Your slot is on {date} at {time}."
    assert like_matches(pattern, "  Your slot is on Tuesday 8 December 2026 at 10:30. ")
    assert not like_matches(pattern, "Your slot is on Tuesday 8 December 2026 at 10:30. See you!")
    assert not like_matches(pattern, "Your slot is on Tuesday at 10:30.")
    assert like_matches("Total: {number} (a+b)*", "Total: 12 (a+b)*")  # regex characters are literal


def test_braces_are_escaped_with_a_backslash() -> None:
    assert like_matches(r"a \{b\} {number}", "a {b} 42")
    assert like_matches(r"back\\{number}", "back\\7")
    assert escape_literal(r"set {x} \{") == r"set \{x\} \\\{"
    assert like_matches(escape_literal(r"set {x} \{"), r"set {x} \{")


@pytest.mark.parametrize(
    ("pattern", "error"),
    [
        ("{nope}", "unknown placeholder {nope}"),
        ("open { here", "a lone '{': write a literal brace as \\{"),
        ("close } here", "a lone '}'"),
        ("{{name}}", "a lone '{'"),
    ],
)
def test_bad_patterns_say_what_is_wrong(pattern: str, error: str) -> None:
    with pytest.raises(PlaceholderError, match=error.replace("\\", "\\\\").replace("{", "\\{")):
        compile_like(pattern)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("You're booked! Your reference is APT-0E91FE.", "You're booked! Your reference is APT-{ref}."),
        # A hex id that came out all letters is still a generated code (it made saved scripts fail by chance).
        ("You're booked! Your reference is APT-ADDEBD.", "You're booked! Your reference is APT-{ref}."),
        ("And what time on Tuesday 8 December 2026?", "And what time on {date}?"),
        ("Mon 07 Dec 2026 09:00", "{date} 09:00"),
        ("Reference APT-098063, ticket X9Y8Z7.", "Reference APT-{ref}, ticket {ref}."),
        ("2026-12-07T09:00:00.000Z", "{date}T{time}"),
        ("Case 3d5f7a9b-1c2e-4f6a-8b0d-2e4f6a8c0e57 for sam@example.com", "Case {uuid} for {email}"),
        ("Use {braces} on 2026-12-08", r"Use \{braces\} on {date}"),
        ("Order 12345 is on its way at 10:30", None),  # numbers and times the user picked stay literal
        ("Clinics are open 9am to 5pm, Monday to Friday", None),
    ],
)
def test_generalise_replaces_what_moves(text: str, pattern: str | None) -> None:
    assert generalise(text) == pattern
    if pattern is not None:
        assert like_matches(pattern, text)


def test_the_pattern_for_what_moves_is_compiled_when_first_needed() -> None:
    # A run that saves nothing never generalises a message: importing the module must not compile it.
    probe = (
        "import textbots_tui.core.placeholders as p\n"
        "before = p._volatile.cache_info().currsize\n"
        "print(before, p.generalise('APT-098063 at 2026-12-08'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split(maxsplit=1) == ["0", "APT-{ref} at {date}\n"]
