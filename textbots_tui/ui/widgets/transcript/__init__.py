"""The chat transcript: a model of shown entries, their layout into lines (bubbles, items, choices) and the
scrolling view that draws only what is on screen."""
