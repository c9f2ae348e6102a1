"""Presentational widgets: they take attributes and post messages; they never talk to the controller."""
