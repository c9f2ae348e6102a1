"""From wire models to what the views render: prompt segments and bot messages become :mod:`items`.

Nothing the server sends is dropped. Known content becomes typed items; an unknown segment type
(``MessageEvent`` or a type added later), an unknown ``contentType``, or a known type without its payload
becomes an :class:`UnknownItem` that keeps the raw JSON. The order of segments and of their content is kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from textbots_tui.api.models import (
    BotSearchResponse,
    ConversationContentCard,
    ConversationContentCardAction,
    ConversationContentDatePicker,
    ConversationContentListPicker,
    ConversationContentQuickReply,
    ConversationMessageContent,
    Flow,
    TextBotDisconnectAction,
    TextBotExitAction,
    TextBotFlowOutcome,
    TextBotFlowTurnResponse,
    TextBotPromptSegment,
)
from textbots_tui.core.events import FlowLocation, Milestone, Outcome, SessionEnded
from textbots_tui.core.items import (
    AttachmentItem,
    BotItem,
    CardAction,
    CardItem,
    CarouselItem,
    Choice,
    ChoicesItem,
    DatePickerItem,
    ListPickerEntry,
    ListPickerItem,
    ListPickerSection,
    LocationItem,
    TextItem,
    TimeSlot,
    UnknownItem,
)
from textbots_tui.core.params import FlowVariable, TargetSummary

if TYPE_CHECKING:
    from textbots_tui.api.models.execute import PostTextMessage


def items_from_segments(segments: Iterable[TextBotPromptSegment]) -> tuple[BotItem, ...]:
    """Parse the prompt segments of one turn response, in order."""
    items: list[BotItem] = []
    for segment in segments:
        kind = str(segment.type or "")
        if kind == "Text":
            if segment.text:
                items.append(TextItem(segment.text))
            if segment.content:
                # A Text segment has no content by contract; if one comes anyway, show it rather than lose it.
                items.extend(items_from_content(segment.content))
        elif kind == "RichMedia":
            if segment.text:
                items.append(TextItem(segment.text))
            items.extend(items_from_content(segment.content or ()))
        else:
            items.append(UnknownItem(kind or "segment", segment.to_wire()))
    return tuple(items)


def items_from_messages(messages: Iterable[PostTextMessage]) -> tuple[BotItem, ...]:
    """Parse the reply messages of one ``execute`` response, in order."""
    items: list[BotItem] = []
    for message in messages:
        kind = str(message.type or "")
        if kind in ("Text", "Structured", "Message"):
            if message.text:
                items.append(TextItem(message.text))
            items.extend(items_from_content(message.content or ()))
        else:
            items.append(UnknownItem(kind or "message", message.to_wire()))
    return tuple(items)


def items_from_content(contents: Sequence[ConversationMessageContent]) -> list[BotItem]:
    """Parse rich content. Consecutive ``QuickReply`` items form one row of choices."""
    items: list[BotItem] = []
    row: list[Choice] = []
    for content in contents:
        content_type = str(content.content_type)
        if content_type == "QuickReply" and content.quick_reply is not None:
            row.append(_quick_reply_choice(content.quick_reply, None))
            continue
        if row:
            items.append(ChoicesItem(tuple(row)))
            row = []
        items.append(_content_item(content, content_type))
    if row:
        items.append(ChoicesItem(tuple(row)))
    return items


def _content_item(content: ConversationMessageContent, content_type: str) -> BotItem:
    if content_type == "Text" and content.text is not None and content.text.body is not None:
        return TextItem(content.text.body)
    if content_type == "QuickReplyV2" and content.quick_reply_v2 is not None:
        group = content.quick_reply_v2
        choices = tuple(_quick_reply_choice(action, group.title) for action in group.actions or ())
        return ChoicesItem(choices, title=group.title)
    if content_type == "Card" and content.card is not None:
        return _card(content.card)
    if content_type == "Carousel" and content.carousel is not None:
        return CarouselItem(tuple(_card(card) for card in content.carousel.cards or ()))
    if content_type == "Attachment" and content.attachment is not None:
        attachment = content.attachment
        return AttachmentItem(
            media_type=str(attachment.media_type or "File"),
            url=attachment.url,
            filename=attachment.filename,
            mime=attachment.mime,
            text=attachment.text,
            size_bytes=attachment.content_size_bytes,
        )
    if content_type == "DatePicker" and content.date_picker is not None:
        return _date_picker(content.date_picker)
    if content_type == "ListPicker" and content.list_picker is not None:
        return _list_picker(content.list_picker)
    if content_type == "Location" and content.location is not None:
        place = content.location
        return LocationItem(
            text=place.text,
            address=place.address,
            url=place.url,
            latitude=place.latitude,
            longitude=place.longitude,
        )
    return UnknownItem(content_type or "content", content.to_wire())


def _quick_reply_choice(reply: ConversationContentQuickReply, group: str | None) -> Choice:
    label = reply.text if reply.text is not None else (reply.payload or "")
    payload = reply.payload if reply.payload is not None else label
    return Choice(label=label, payload=payload, kind="quick_reply", group=group, image=reply.image)


def _card_action(action: ConversationContentCardAction) -> CardAction:
    kind_name = str(action.type or "")
    kind: Literal["postback", "link", "unknown"] = (
        "postback" if kind_name == "Postback" else "link" if kind_name == "Link" else "unknown"
    )
    label = action.text or action.payload or action.url or ""
    return CardAction(label=label, kind=kind, payload=action.payload, url=action.url)


def _card(card: ConversationContentCard) -> CardItem:
    return CardItem(
        title=card.title or "",
        description=card.description,
        image=card.image,
        video=card.video,
        actions=tuple(_card_action(action) for action in card.actions or ()),
        default_action=_card_action(card.default_action) if card.default_action else None,
    )


def _date_picker(picker: ConversationContentDatePicker) -> DatePickerItem:
    return DatePickerItem(
        title=picker.title,
        subtitle=picker.subtitle,
        date_minimum=picker.date_minimum,
        date_maximum=picker.date_maximum,
        available_times=tuple(
            TimeSlot(date_time=slot.date_time, duration_s=slot.duration)
            for slot in picker.available_times or ()
            if slot.date_time
        ),
        location=(picker.location.address or picker.location.text) if picker.location else None,
        picker_id=picker.id,
    )


def _list_picker(picker: ConversationContentListPicker) -> ListPickerItem:
    sections = tuple(
        ListPickerSection(
            title=section.title,
            entries=tuple(
                ListPickerEntry(
                    entry_id=item.id or item.title or "",
                    title=item.title or item.id or "",
                    subtitle=item.subtitle,
                    image_url=item.image_url,
                )
                for item in section.items or ()
            ),
            multiple_selection=bool(section.multiple_selection),
        )
        for section in picker.sections or ()
    )
    title = None
    if picker.received_message is not None:
        title = picker.received_message.title or picker.received_message.header
    return ListPickerItem(sections=sections, title=title, picker_id=picker.id)


# Session endings


def session_ended(session_id: str, response: TextBotFlowTurnResponse) -> SessionEnded:
    """The ``SessionEnded`` event of an ``Exit`` or ``Disconnect`` response (reason ``Unknown`` if unsaid)."""
    if str(response.next_action_type) == "Exit":
        exit_action = response.next_action_exit
        if exit_action is None:
            return SessionEnded(session_id, how="exit", reason="Unknown")
        return SessionEnded(
            session_id,
            how="exit",
            reason=str(exit_action.reason),
            extended_info=exit_action.reason_extended_info,
            flow_location=flow_location(exit_action),
            output_variables=dict(exit_action.output_data.variables) if exit_action.output_data else {},
            outcomes=outcomes(exit_action.flow_outcomes),
            active_intent=exit_action.active_intent,
        )
    action = response.next_action_disconnect
    if action is None:
        return SessionEnded(session_id, how="disconnect", reason="Unknown")
    return SessionEnded(
        session_id,
        how="disconnect",
        reason=str(action.reason),
        extended_info=action.reason_extended_info,
        flow_location=flow_location(action),
        outcomes=outcomes(action.flow_outcomes),
    )


def flow_location(action: TextBotExitAction | TextBotDisconnectAction) -> FlowLocation | None:
    """Where in the flow the exit or disconnect happened, if the server said."""
    location = action.flow_location
    if location is None:
        return None
    return FlowLocation(
        action_name=location.action_name or "",
        action_number=location.action_number if location.action_number is not None else -1,
        sequence_name=location.sequence_name or "",
    )


def outcomes(raw: Iterable[TextBotFlowOutcome] | None) -> tuple[Outcome, ...]:
    """Flow outcomes and their milestones."""
    return tuple(
        Outcome(
            outcome_id=outcome.outcome_id,
            value=str(outcome.outcome_value) if outcome.outcome_value is not None else None,
            date_start=_text(outcome.date_start),
            date_end=_text(outcome.date_end),
            milestones=tuple(
                Milestone(
                    milestone_id=milestone.id or "",
                    date_reached=_text(milestone.date_reached),
                    sequence=milestone.sequence,
                )
                for milestone in outcome.milestones or ()
            ),
        )
        for outcome in raw or ()
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


# Targets a session can talk to


def flow_target(flow: Flow) -> TargetSummary:
    """A flow of the org as the launch dialog lists it (languages: the default first)."""
    languages = sorted(flow.supported_languages or (), key=lambda language: not language.is_default)
    return TargetSummary(
        target_id=flow.id or "",
        name=flow.name,
        kind="flow",
        type_name=str(flow.type) if flow.type is not None else None,
        description=flow.description,
        languages=tuple(language.language for language in languages if language.language),
        input_variables=flow_variables(flow.input_schema),
    )


def flow_variables(schema: object) -> tuple[FlowVariable, ...] | None:
    """The input variables a flow's ``inputSchema`` declares.

    ``None`` when there is no schema to read: the listing was made without ``includeSchemas``, or the org sent
    something that is not a JSON schema object.
    """
    if not isinstance(schema, dict):
        return None
    properties = schema.get("properties")
    if properties is None:
        return ()
    if not isinstance(properties, dict):
        return None
    variables = []
    for name, spec in properties.items():
        spec = spec if isinstance(spec, dict) else {}
        type_name = spec.get("type")
        description = spec.get("description")
        variables.append(
            FlowVariable(
                name=str(name),
                type_name=type_name if isinstance(type_name, str) else None,
                description=description if isinstance(description, str) and description else None,
                default=spec.get("default"),
                has_default="default" in spec,
            )
        )
    return tuple(variables)


def bot_target(bot: BotSearchResponse) -> TargetSummary:
    """A bot of the org as the bot dialog lists it."""
    return TargetSummary(
        target_id=bot.id, name=bot.name, kind="bot", type_name=str(bot.bot_type), description=bot.description
    )
