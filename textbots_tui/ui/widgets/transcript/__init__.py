"""The chat transcript: a model of shown entries, their layout into lines (bubbles, items, choices), which
of their heights are exact at the current width, and the scrolling view that draws only what is on screen."""
