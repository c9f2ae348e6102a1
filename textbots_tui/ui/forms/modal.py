"""What the launch and bot dialogs share: :class:`FormModal` (submit, cancel, errors shown next to their
field, the id field that filters the :class:`~.picker.TargetPicker` under it) and the field builders."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Collapsible,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    TextArea,
)

from textbots_tui.core.params import TargetSummary
from textbots_tui.ui.forms.flow_form import CHOICE_MODES
from textbots_tui.ui.forms.picker import LoadTargets, TargetField, TargetList, TargetPicker
from textbots_tui.ui.forms.values import FormErrors

__all__ = [
    "FORM_CSS",
    "FormModal",
    "LoadTargets",
    "TargetField",
    "TargetPicker",
    "choice_mode_of",
    "choice_mode_set",
    "choice_select",
    "dom_id",
    "field_row",
    "select_text",
    "set_choice_mode",
    "text_row",
]

_R = TypeVar("_R")

FORM_CSS = Path(__file__).with_name("modal.tcss")
"""The shared form layout; absolute, so that dialogs defined in other modules find it."""


def dom_id(key: str) -> str:
    """The DOM id of the control for a form field key (``flow_id`` -> ``flow-id``)."""
    return key.replace("_", "-")


def error_line(error: BaseException) -> str:
    """An error in one line (and its hint) inside a dialog: a ``TextbotsError``'s title, message and hint,
    else its type and text. The error details dialog's fields come from ``error_modal.error_details``.

    Read by attribute so that any error carrying a title reads well, without the UI importing the api layer.
    """
    title = str(getattr(error, "title", None) or type(error).__name__)
    message = str(getattr(error, "message", None) or error)
    text = f"{title}: {message}" if message and message != title else title
    hint = getattr(error, "hint", None)
    return f"{text}\n{hint}" if hint else text


def field_row(label: str, key: str, *controls: Widget, below: Widget | None = None) -> Horizontal:
    """A labelled row: the label, then the controls with the field's error message under them.

    ``below`` goes under the error message (a picker that fills the field, say).
    """
    error = Label("", id=f"{dom_id(key)}-error", classes="field-error", markup=False)
    body = Vertical(*controls, error, *([below] if below else []), classes="field-body")
    return Horizontal(Label(label, classes="field-label", markup=False), body, classes="field-row")


def text_row(label: str, key: str, value: str, placeholder: str, **options: Any) -> Horizontal:
    """A labelled one-line text field; ``options`` go to the ``Input`` (``classes``, ``restrict``...)."""
    return field_row(
        label, key, Input(value, placeholder=placeholder, compact=True, id=dom_id(key), **options)
    )


def choice_select(select_id: str, values: Iterable[str], value: str, *, blank: bool = False) -> Select[str]:
    """A compact select of enum values; a value outside them is kept, marked, and caught by validation."""
    options = [(name, name) for name in values]
    if value and value not in {name for _, name in options}:
        options.append((f"{value} (unknown)", value))
    return Select(
        options,
        value=value if value else Select.NULL,
        allow_blank=blank,
        prompt="(none)",
        compact=True,
        id=select_id,
    )


def select_text(select: Select[str]) -> str:
    """A select's value as text, ``""`` when nothing is selected."""
    value = select.value
    return value if isinstance(value, str) else ""


class FormModal(ModalScreen[_R | None], Generic[_R]):
    """A dialog that returns a value built from its fields, or ``None`` when cancelled.

    Subclasses build the value in :meth:`build` (raising :class:`FormErrors`). Each field key has a control
    with id ``dom_id(key)`` and an error label beside it. The target (flow or bot) id is the
    :class:`TargetField`, next to a :class:`TargetPicker`: picking or typing a target fills the other fields
    with the values remembered for it (:meth:`remembered_for`, :meth:`fill`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without starting anything"),
        Binding("ctrl+s", "submit", "Submit", priority=True, id="dialog.submit", tooltip="Check and start"),
    ]

    def __init__(self, *, target_id: str = "", target_name: str | None = None) -> None:
        super().__init__()
        self._tried = False
        self._start_target = (target_id, target_name)
        self.target_name = target_name
        """The display name of the target whose id is in the form, when known."""
        # The target whose remembered values are on screen: typing that id again must not refill the form.
        self._filled_for = target_id

    def build(self) -> _R:
        """The value the fields describe; raises :class:`FormErrors` when they do not make one."""
        raise NotImplementedError

    def remember(self, result: _R) -> None:
        """Keep what was submitted for next time (nothing by default)."""

    def remembered_for(self, target_id: str) -> tuple[_R, str | None] | None:
        """The values last submitted for ``target_id`` and the name they carried, if any."""
        return None

    def fill(self, values: _R) -> None:
        """Put remembered values into every field but the target id."""

    def target_changed(self, target: TargetSummary | None) -> None:
        """The id now names ``target`` from the list (``None``: not a listed one). Nothing by default."""

    @on(TargetPicker.Picked)
    def _target_picked(self, event: TargetPicker.Picked) -> None:
        self.query_one(TargetField).value = event.target.target_id
        self._sync_target(event.target.target_id)
        # On to the field after the list, wherever the focus was when the pick was made (mouse or keys).
        self._focus_after_list()

    @on(TargetPicker.Loaded)
    def _targets_loaded(self) -> None:
        self._sync_target(self.query_one(TargetField).value)

    @on(Input.Changed, "TargetField")
    def _target_typed(self, event: Input.Changed) -> None:
        self._sync_target(event.value)

    @on(TargetList.Left)
    def _back_to_target_field(self, event: TargetList.Left) -> None:
        field = self.query_one(TargetField)
        field.focus()
        if event.character is not None:
            field.cursor_position = len(field.value)
            field.insert_text_at_cursor(event.character)

    @on(TargetField.ToList)
    def _to_list(self) -> None:
        listing = self.query_one(TargetList)
        if listing.option_count and not listing.disabled and listing.display:
            listing.focus()

    def listed_targets(self) -> tuple[TargetSummary, ...]:
        """The org's flows or bots as listed (empty until the list arrives), for resolving the typed text."""
        return self.query_one(TargetPicker).listed

    def _sync_target(self, text: str) -> None:
        picker = self.query_one(TargetPicker)
        picker.filter(text)
        target = picker.resolved(text)
        target_id = target.target_id if target is not None else text.strip()
        remembered = self.remembered_for(target_id) if target_id else None
        start_id, start_name = self._start_target
        if target is not None:
            self.target_name = target.name
        elif target_id == start_id and start_name:
            self.target_name = start_name
        else:
            self.target_name = remembered[1] if remembered else None
        self.target_changed(target)
        if remembered is not None and target_id != self._filled_for:
            self.fill(remembered[0])
        self._filled_for = target_id

    def action_cancel(self) -> None:
        """Close, returning ``None``."""
        self.dismiss(None)

    def action_submit(self) -> None:
        """Close with the value when the fields are valid; else show what is wrong and stay open."""
        try:
            result = self.build()
        except FormErrors as errors:
            self._tried = True
            self.show_errors(errors, focus=True)
            return
        self.show_errors(None)
        self.remember(result)
        self.dismiss(result)

    def show_errors(self, errors: FormErrors | None, *, focus: bool = False) -> None:
        """Put each message under its field and clear the others; optionally focus the first bad field."""
        messages = errors.errors if errors else {}
        bad: list[Widget] = []
        for label in self.query(".field-body > .field-error").results(Label):
            key = (label.id or "").removesuffix("-error").replace("-", "_")
            label.update(messages.get(key, ""))
            label.set_class(key in messages, "-shown")
            for control in self.query(f"#{dom_id(key)}"):
                control.set_class(key in messages, "-invalid")
                if key in messages:
                    bad.append(control)
        if errors and focus and bad:
            self._focus_field(bad[0], errors.locations.get((bad[0].id or "").replace("-", "_")))

    def _focus_field(self, field: Widget, location: tuple[int, int] | None) -> None:
        for collapsible in field.ancestors_with_self:
            if isinstance(collapsible, Collapsible):
                collapsible.collapsed = False
        if isinstance(field, TextArea) and location is not None:
            line, column = location
            field.cursor_location = (line - 1, column - 1)
        field.focus()
        field.scroll_visible()

    def _revalidate(self) -> None:
        # Once a submit has failed, messages follow the edits, so a fixed field loses its message at once.
        if not self._tried:
            return
        try:
            self.build()
        except FormErrors as errors:
            self.show_errors(errors)
        else:
            self.show_errors(None)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(RadioSet.Changed)
    @on(SelectionList.SelectedChanged)
    def _field_changed(self, _event: Message) -> None:
        self._revalidate()

    @on(Input.Submitted)
    def _enter_pressed(self, event: Input.Submitted) -> None:
        # Enter moves on through the fields, and on the last one submits.
        event.stop()
        inputs = [widget for widget in self.focus_chain if isinstance(widget, Input)]
        if inputs and event.input is inputs[-1]:
            self.action_submit()
        elif isinstance(event.input, TargetField) and self.query_one(TargetPicker).resolved(event.value):
            self._focus_after_list()  # it names one target already: nothing to pick in the list
        else:
            self.focus_next()

    def _focus_after_list(self) -> None:
        chain = self.focus_chain
        listing = self.query_one(TargetList)
        if listing in chain and chain[-1] is not listing:
            chain[chain.index(listing) + 1].focus()
        else:
            self.focus_next()

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


def choice_mode_set(mode: str) -> RadioSet:
    """The "choices sent as" radio set, with ``mode`` pressed."""
    return RadioSet(
        *(
            RadioButton(label, value=key == mode, id=f"choice-{dom_id(key)}")
            for key, label in CHOICE_MODES.items()
        ),
        compact=True,
        id="choice-mode",
    )


def choice_mode_of(radio_set: RadioSet) -> str:
    """The choice mode key of the pressed button."""
    pressed = radio_set.pressed_button
    return (pressed.id or "").removeprefix("choice-").replace("-", "_") if pressed else "payload"


def set_choice_mode(radio_set: RadioSet, mode: str) -> None:
    """Press the button of ``mode``."""
    for button in radio_set.query(RadioButton):
        if button.id == f"choice-{dom_id(mode)}":
            button.value = True
