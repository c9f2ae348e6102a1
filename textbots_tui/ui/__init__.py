"""The Textual front end: ``TextbotsApp`` in :mod:`textbots_tui.ui.app`, screens and widgets.

Nothing is imported here so that ``import textbots_tui.ui`` stays free.
"""
