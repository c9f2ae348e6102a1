"""Which scenario a simulated user plays next: a smooth weighted round robin.

With every weight 1 it is a plain round robin; with weights, each scenario comes up in proportion to its
weight and spread out (weights 3 and 1 give A A B A, not A A A B). Deterministic, so a run is repeatable.
"""

from __future__ import annotations

from collections.abc import Sequence


class ScenarioPicker:
    """Picks indexes into a list of scenarios by their weights; ``skip`` moves the start along."""

    def __init__(self, weights: Sequence[int], *, skip: int = 0) -> None:
        if not weights or any(w < 1 for w in weights):
            raise ValueError("weights must be a non-empty list of positive integers")
        self.weights = list(weights)
        self.total = sum(self.weights)
        self._current = [0] * len(self.weights)
        for _ in range(skip % self.total):
            self.next()

    def next(self) -> int:
        """The index of the next scenario to play."""
        for i, weight in enumerate(self.weights):
            self._current[i] += weight
        best = max(range(len(self.weights)), key=lambda i: self._current[i])
        self._current[best] -= self.total
        return best
