"""Session bookkeeping: choice matching, the single turn slot, closed and read-only sessions."""

from __future__ import annotations

import pytest

from textbots_tui.core.errors import InputRefused
from textbots_tui.core.items import CardAction, Choice
from textbots_tui.core.offered import unique_choices
from textbots_tui.core.params import BotParams, FlowLaunchParams, SessionState
from textbots_tui.core.sessions import Session, default_name

TRACK = Choice("Track an order", "track_order")
AGENT = Choice("Talk to an agent", "agent")
SELECT_A = Choice("Select", "A12345", "postback", group="Order A12345")
SELECT_B = Choice("Select", "B67890", "postback", group="Order B67890")


def flow_session(*choices: Choice) -> Session:
    session = Session("s1", FlowLaunchParams(flow_id="5f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"))
    session.move_to(SessionState.WAITING)
    session.choices = choices
    return session


def test_choice_found_by_label_in_any_case_then_by_payload() -> None:
    session = flow_session(TRACK, AGENT)
    assert session.find_choice("  track AN order ") is TRACK
    assert session.find_choice("agent") is AGENT
    assert session.find_choice("AGENT") is AGENT


def test_unmatched_choice_names_the_offered_labels() -> None:
    session = flow_session(TRACK, AGENT)
    with pytest.raises(InputRefused, match="offered: Track an order, Talk to an agent"):
        session.find_choice("Cancel my order")


def test_no_choices_offered() -> None:
    with pytest.raises(InputRefused, match="nothing is offered"):
        flow_session().find_choice("Track an order")


def test_ambiguous_label_asks_for_the_payload() -> None:
    session = flow_session(SELECT_A, SELECT_B)
    with pytest.raises(InputRefused, match=r"several choices .*choose by payload \(A12345, B67890\)"):
        session.find_choice("select")
    assert session.find_choice("B67890") is SELECT_B


def test_link_button_is_refused_with_its_url() -> None:
    session = flow_session(SELECT_A)
    session.links = (CardAction("View online", "link", url="https://shop.example.com/orders/B67890"),)
    with pytest.raises(InputRefused, match=r"is a link to https://shop\.example\.com/orders/B67890"):
        session.find_choice("view online")


def test_unique_choices_keeps_order_and_drops_repeats() -> None:
    assert unique_choices((TRACK,), [AGENT, TRACK, AGENT]) == (TRACK, AGENT)
    offered = (TRACK,)
    assert unique_choices(offered, []) is offered


def test_one_turn_at_a_time() -> None:
    session = flow_session()
    with session.sending():
        assert session.in_flight
        with pytest.raises(InputRefused, match="a turn is in flight"), session.sending():
            pass
    assert not session.in_flight


def test_turn_slot_is_released_when_the_turn_raises() -> None:
    session = flow_session()
    with pytest.raises(RuntimeError), session.sending():
        raise RuntimeError("boom")
    assert not session.in_flight


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (SessionState.EXITED, r"exited \(AgentRequestedByUser\)"),
        (SessionState.CLOSED, "closed"),
        (SessionState.FAILED, "failed"),
    ],
)
def test_ended_sessions_refuse_input(state: SessionState, message: str) -> None:
    from textbots_tui.core.events import SessionEnded

    session = flow_session()
    session.move_to(state)
    session.ended = SessionEnded("s1", how="exit", reason="AgentRequestedByUser")
    with pytest.raises(InputRefused, match=message):
        session.check_can_send()


def test_history_refuses_input() -> None:
    session = flow_session()
    session.read_only = True
    with pytest.raises(InputRefused, match="history"):
        session.check_can_send()


def test_info_and_names() -> None:
    bot = Session("b1", BotParams(bot_id="b0751c55-1e0a", integration_id="any", bot_name="Store Assistant"))
    info = bot.info()
    assert (info.kind, info.name, info.state, info.turn_count) == ("bot", "Store Assistant", "waiting", 0)
    assert default_name(FlowLaunchParams(flow_id="5f1c2d3e-4b5a")) == "flow 5f1c2d3e-4b5a", "the whole id"
    assert flow_session().info().state is SessionState.WAITING
