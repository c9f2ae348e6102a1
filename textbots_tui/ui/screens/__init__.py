"""Screens: each orchestrates widgets and has a ``.tcss`` file beside it."""
