"""Scripted conversations: the YAML format, loading with line-accurate errors, saving a session as a script.

A script file holds one scenario (a mapping), several (a list), or several YAML documents (``---``)::

    name: Order status, happy path
    target:
      flow: {id: 5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f, language: en-us}   # or bot: {id, integrationId, ...}
    steps:
      - expect: {text: {contains: Welcome}, choices: [Track an order, Talk to an agent]}
      - choose: Track an order
      - say: "12345"
      - expect: {exit: {reason: TriggeredByFlow, outputData: {Flow.OrderStatus: Shipped}}}

Every file is validated up front, strictly, and each problem is reported as ``file:line: path: problem`` so
nothing runs against a half-understood script. :mod:`.format` holds the models, :mod:`.loaded` what a loaded
scenario is, :mod:`.loading` loading files (taken from :mod:`.script_cache` when valid and unchanged),
:mod:`.reading` the YAML and its error mapping, :mod:`.saving` the writer; the matching itself is in
:mod:`textbots_tui.core.matchers`.
"""

from typing import TYPE_CHECKING

from textbots_tui.core.script.format import (
    BotRef,
    ChannelSpec,
    ChoosePattern,
    DisconnectExpect,
    EventSpec,
    ExitExpect,
    Expectation,
    FlowLocationExpect,
    FlowRef,
    Scenario,
    Step,
    Target,
    TextMatcher,
)
from textbots_tui.core.script.loading import (
    LoadedScenario,
    ScriptError,
    ScriptProblem,
    load_scripts,
    parse_script,
)
from textbots_tui.lazy_names import names_from

if TYPE_CHECKING:
    from textbots_tui.core.script.saving import script_from_session

__all__ = [
    "BotRef",
    "ChannelSpec",
    "ChoosePattern",
    "DisconnectExpect",
    "EventSpec",
    "ExitExpect",
    "Expectation",
    "FlowLocationExpect",
    "FlowRef",
    "LoadedScenario",
    "Scenario",
    "ScriptError",
    "ScriptProblem",
    "Step",
    "Target",
    "TextMatcher",
    "load_scripts",
    "parse_script",
    "script_from_session",
]


# The writer (and PyYAML's dumper with it) is imported when first asked for: a run only reads.
__getattr__ = names_from(__name__, "textbots_tui.core.script.saving", ("script_from_session",))
