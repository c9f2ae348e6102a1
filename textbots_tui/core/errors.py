"""Errors the conversation engine raises itself.

Network and server failures are not raised by the controller: they arrive as ``ErrorOccurred`` events carrying
the typed API error. What is raised is input that cannot be sent now.
"""

from __future__ import annotations


class InputRefused(ValueError):
    """Input that cannot be sent now: the session is closed or history, a turn is in flight, no such choice.

    Nothing was sent. The message is written for people (the UI shows it and keeps the typed text).
    """
