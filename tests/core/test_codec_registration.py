"""Importing the journal changes nothing elsewhere: the codec learns the journal's classes when it is used."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
from textbots_tui.core import codec
import textbots_tui.core.journal as journal
before = len(codec._registry)
journal.register_codecs()
journal.register_codecs()  # idempotent
print(before, len(codec._registry) > 0)
"""


def test_importing_the_journal_registers_nothing() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "True"]
