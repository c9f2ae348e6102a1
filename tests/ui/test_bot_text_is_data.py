"""Bot text is data: Rich markup and ANSI escapes in it are shown literally, never interpreted."""

from __future__ import annotations

from pathlib import Path

from textbots_tui.core.params import FlowLaunchParams
from textbots_tui.simulator import SimulatorSettings

from .harness import main_screen, make_app, settle

PROBE_ID = "0e0e0e0e-0000-4000-8000-000000000001"
PROBE_FLOW = r"""
flow:
  id: 0e0e0e0e-0000-4000-8000-000000000001
  name: "Markup [i]probe[/i]"
  type: DIGITALBOT
  language: en-us
  sequences:
    Start:
      - say: "Use [bold]x[/] and \e[31mred\e[0m as they are"
      - ask:
          prompt: "Anything?"
          slot: Flow.Answer
      - exit: TriggeredByFlow
"""


async def test_markup_and_escapes_in_bot_text_are_shown_literally(tmp_path: Path) -> None:
    (tmp_path / "probe.yaml").write_text(PROBE_FLOW, encoding="utf-8")
    settings = SimulatorSettings(flows_dir=tmp_path, seed=7)
    start = FlowLaunchParams(flow_id=PROBE_ID, flow_name="Markup [i]probe[/i]")
    async with make_app(start=start, settings=settings).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        chat = screen.chat
        shown = "\n".join(chat.render_line(y).text for y in range(chat.size.height))
        assert "[bold]x[/]" in shown
        assert "[31mred" in shown, "the escape's parameters stay visible"
        assert "\x1b" not in shown, "the escape character itself never reaches the terminal"
        sidebar = "\n".join(
            screen.sidebar.option_list.render_line(y).text
            for y in range(screen.sidebar.option_list.size.height)
        )
        assert "Markup [i]probe[/i]" in sidebar, "session names are data too"
        header = str(screen.query_one("#session-summary").render())
        assert "Markup [i]probe[/i]" in header
