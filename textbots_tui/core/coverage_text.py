"""Coverage printed for people after a run: per flow or bot, what was reached and what never was.

Names come first, ids in brackets when the name is known; a target that cannot tell what it declares shows
what was reached only. Outside text (names, labels, reasons) goes through
:func:`~textbots_tui.core.report.printable`.
"""

from __future__ import annotations

from typing import Any

from textbots_tui.core.report import printable


def coverage_lines(report: dict[str, Any]) -> list[str]:
    """The report (its JSON form) as printed lines."""
    lines = ["Coverage:"]
    for target in report["targets"]:
        name = f"{target['name']} " if target["name"] else ""
        plural = "s" if target["sessions"] != 1 else ""
        lines.append(f"  {target['kind']} {name}({target['id']}): {target['sessions']} session{plural}")
        never = target["neverReached"]
        lines += _reached("outcomes", target["outcomes"], never["outcomes"], values=True)
        lines += _reached("milestones", target["milestones"], never["milestones"])
        if target["endLocations"]:
            ends = ", ".join(
                f"{e['sequenceName']} / {e['actionName']} x{e['sessions']}" for e in target["endLocations"]
            )
            lines.append(f"    ended at: {ends}")
        for key, title in (("exitReasons", "exits"), ("disconnectReasons", "disconnects")):
            if target[key]:
                lines.append(f"    {title}: " + ", ".join(f"{r} x{n}" for r, n in target[key].items()))
        intents = [{"id": i["name"], "name": None, "reached": i["reached"]} for i in target["intents"]]
        lines += _reached("intents", intents, never["intents"])
        if target["slots"]:
            lines.append("    slots filled: " + ", ".join(f"{s} x{n}" for s, n in target["slots"].items()))
        choices = target["choices"]
        if choices:
            taken = sum(1 for c in choices if c["taken"])
            lines.append(f"    choices taken: {taken} of {len(choices)} offered")
            if never["choices"]:
                lines.append("      never taken: " + ", ".join(never["choices"]))
    return [printable(line) for line in lines]


def _reached(
    title: str, items: list[dict[str, Any]], never: list[str] | None, *, values: bool = False
) -> list[str]:
    if not items:
        return []
    reached = [i for i in items if i["reached"]]
    total = f" of {len(items)} declared" if never is not None else ""
    lines = [f"    {title}: {len(reached)} reached{total}"]
    for item in reached:
        shown = f"{item['name']} ({item['id']})" if item["name"] else item["id"]
        detail = (
            ", ".join(f"{v} x{n}" for v, n in item["values"].items()) if values else f"x{item['reached']}"
        )
        lines.append(f"      {shown}: {detail}")
    if never:
        named = {i["id"]: i["name"] for i in items}
        shown_never = [f"{named[i]} ({i})" if named.get(i) else i for i in never]
        lines.append("      never reached: " + ", ".join(shown_never))
    return lines


__all__ = ["coverage_lines"]
