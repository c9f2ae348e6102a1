"""The org's flows or bots under the id field of the launch and bot dialogs: a list filtered by what is typed
in that field, loaded in a worker so the dialog paints at once.

The typed field is the value; the list only helps to fill it. So whatever is typed before the list arrives is
kept, and the list, once loaded, is filtered by it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from textbots_tui.core.params import TargetSummary
from textbots_tui.ui.forms.targets import filter_targets, resolved_target

LoadTargets = Callable[[], Awaitable[list[TargetSummary]]]
"""Lists the org's flows or bots; may raise a ``TextbotsError``."""

LISTING_PERMISSIONS = {"flow": "architect:flow:view", "bot": "integrations:integration:view"}
"""The permission the OAuth client's role needs to list each kind of target."""


def describe_listing_error(error: BaseException, noun: str) -> str:
    """Why the org's flows or bots could not be listed: which request, what it answered, which permission.

    Not the error's general hint: that one speaks of flow ids and sessions, which a listing has nothing to do
    with. Read by attribute so that the UI does not import the api layer.
    """
    status = getattr(error, "status", None)
    exchange = getattr(error, "exchange", None)
    where = f"{exchange.method} {exchange.path}" if exchange is not None else f"listing the {noun}s"
    title = str(getattr(error, "title", None) or type(error).__name__)
    message = str(getattr(error, "message", None) or error)
    outcome = f"answered {status} ({title})" if status is not None else f"failed ({title})"
    text = f"Cannot list {noun}s: {where} {outcome}" + (f": {message}" if message != title else "")
    permission = LISTING_PERMISSIONS.get(noun, "")
    if status in (401, 403) and permission:
        hint = f"The OAuth client's role needs the {permission} permission to list {noun}s."
    elif status == 404:
        hint = f"The org does not offer that endpoint: check the region. Listing {noun}s needs {permission}."
    else:
        hint = str(getattr(error, "hint", None) or "")
    return "\n".join(part for part in (text, hint, "A typed id still works.") if part)


def option_prompt(target: TargetSummary) -> Content:
    """One line of the list: the name, then the id dimmed (the list's CSS cuts it with an ellipsis)."""
    return Content.assemble(target.name or "(no name)", (" · ", "dim"), (target.target_id, "dim"))


class TargetField(Input):
    """The flow or bot id field: an ``Input`` whose down key goes into the list under it.

    Bound here, not on the dialog: the form's scroll container binds down too, and it comes first.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "to_list", "To the list", show=False),
    ]

    def __init__(self, value: str = "", **options: Any) -> None:
        # Typing in the list goes on at the end of the field: selecting the text on focus would let that
        # character replace it.
        super().__init__(value, select_on_focus=False, **options)

    class ToList(Message):
        """Down was pressed in the field: the dialog moves the focus into the list, if it has options."""

    def action_to_list(self) -> None:
        """Ask for the list."""
        self.post_message(self.ToList())


class TargetList(OptionList):
    """The list of matching targets; typing in it goes on in the id field (see :class:`TargetPicker`)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "up_or_leave", "Up", show=False),
    ]

    class Left(Message):
        """The user went back to the id field from the list, with a character to type there, if any."""

        def __init__(self, character: str | None) -> None:
            super().__init__()
            self.character = character

    def action_up_or_leave(self) -> None:
        """Up, or from the first option back to the field above."""
        if self.highlighted in (None, 0):
            self.post_message(self.Left(None))
        else:
            self.action_cursor_up()

    def on_focus(self) -> None:
        """Coming into the list highlights its first option, so Enter picks at once."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def on_key(self, event: events.Key) -> None:
        """A printable key types into the id field, so typing always filters."""
        if event.is_printable and event.character is not None:
            event.stop()
            event.prevent_default()
            self.post_message(self.Left(event.character))


class TargetPicker(Vertical):
    """The org's flows or bots, filtered by the text of the id field (:meth:`filter`).

    Picking one posts :class:`TargetPicker.Picked`. A failed load is shown in place of the list; the dialog
    stays usable with a typed id.
    """

    class Picked(Message):
        """The user picked a target from the list."""

        def __init__(self, picker: TargetPicker, target: TargetSummary) -> None:
            super().__init__()
            self.picker = picker
            self.target = target

        @property
        def control(self) -> TargetPicker:
            """The picker the target was picked in."""
            return self.picker

    class Loaded(Message):
        """The list arrived (the text typed meanwhile can now be matched with a target)."""

    def __init__(self, load: LoadTargets | None, *, noun: str, id: str | None = None) -> None:
        super().__init__(id=id, classes="target-picker")
        self._load_targets = load
        self._noun = noun
        self._text = ""
        self.targets: dict[str, TargetSummary] = {}
        """The loaded targets by id, in list order (empty until loaded, or when loading failed)."""
        self._options: dict[str, Option] = {}

    def compose(self) -> ComposeResult:
        """A status line, the list (disabled while loading) and a line for a load failure."""
        yield Label(f"Loading {self._noun}s…", classes="picker-status", markup=False)
        yield TargetList(compact=True, disabled=True, classes="picker-list")
        yield Label("", classes="field-error", markup=False)

    def on_mount(self) -> None:
        """Start loading; with nothing to load from, there is no list to show."""
        if self._load_targets is None:
            self.display = False
        else:
            self._load()

    @property
    def listed(self) -> tuple[TargetSummary, ...]:
        """The loaded targets, in list order."""
        return tuple(self.targets.values())

    def resolved(self, text: str) -> TargetSummary | None:
        """The listed target that ``text`` names (by id, name or part of one), if exactly one."""
        return resolved_target(text, self.listed, self._noun)

    @work(exclusive=True, exit_on_error=False)
    async def _load(self) -> None:
        assert self._load_targets is not None
        try:
            targets = await self._load_targets()
        except Exception as exc:  # any failure to list is shown here; a typed id still works
            self.query_one(".picker-status", Label).update(f"No list of {self._noun}s: type the id")
            error = self.query_one(".field-error", Label)
            error.update(describe_listing_error(exc, self._noun))
            error.add_class("-shown")
            return
        self.targets = {target.target_id: target for target in targets}
        # Built once: every keystroke refilters these, and an option keeps its rendering between filters.
        self._options = {
            target_id: Option(option_prompt(target), id=target_id)
            for target_id, target in self.targets.items()
        }
        self.query_one(TargetList).disabled = not self.targets
        self.filter(self._text)
        self.post_message(self.Loaded())

    def filter(self, text: str) -> None:
        """Show the targets whose name or id contains ``text``, the one it names highlighted."""
        self._text = text
        if not self.targets:
            return  # still loading (or nothing listed): the text is kept and applied on arrival
        found = filter_targets(self.listed, text)
        listing = self.query_one(TargetList)
        listing.set_options(self._options[target.target_id] for target in found)
        # One line an option (they never wrap), up to the CSS max-height; set here because the list's auto
        # height does not shrink when its options are replaced in the same frame as it grew.
        listing.styles.height = len(found)
        listing.display = bool(found)
        target = self.resolved(text)
        if target is not None and target in found:
            listing.highlighted = found.index(target)
        self.query_one(".picker-status", Label).update(self._status(text, found, target))

    def _status(self, text: str, found: Sequence[TargetSummary], target: TargetSummary | None) -> str:
        noun, count = self._noun, len(self.targets)
        if target is not None:
            # The id first: it is what is sent, and it must not be the part an ellipsis cuts.
            kind = f" · {target.type_name}" if target.type_name else ""
            return f"→ {target.target_id}{kind} · {target.name or '(no name)'}"
        if not text.strip():
            return f"{count} {noun}{'s' if count != 1 else ''}: type to filter by name or id, ↓ to pick"
        if found:
            return f"{len(found)} of {count} {noun}s match: type more, or ↓ to pick one"
        if any(char.isspace() for char in text.strip()):
            return f"No listed {noun} is named that"
        return f"No listed {noun} matches: the id is sent as typed"

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.targets.get(event.option.id or "")
        if target is not None:
            self.post_message(self.Picked(self, target))
