"""The locustfile of ``textbots-tui load`` (Locust imports it by path): the user class and its listeners
live in :mod:`textbots_tui.load.locust_user`."""

from textbots_tui.load.locust_user import ScenarioUser

__all__ = ["ScenarioUser"]
