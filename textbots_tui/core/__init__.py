"""The conversation engine: sessions, the controller and its events, the transcript journal, scripts.

Pure asyncio on top of :mod:`textbots_tui.api`; it never imports a UI toolkit. Import what you need from the
modules (``textbots_tui.core.controller``, ``.events``, ``.journal``...): this package imports nothing, so
loading one part does not load the rest.
"""
