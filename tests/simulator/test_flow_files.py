"""Custom flow folders: loaded and served; every problem reported as file:line, never stopping the app."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from textbots_tui.simulator import SimulatorSettings, create_app
from textbots_tui.simulator.catalog import Catalog, load_catalog
from textbots_tui.simulator.loader import parse_documents
from textbots_tui.simulator.matchers import utc_today

from .helpers import ORDER_STATUS, open_sim, texts

DOCS = Path(__file__).parents[2] / "docs" / "simulator-flows.md"

GOOD = """\
flow:
  id: pizza-1
  name: Pizza Order
  inputs:
    Flow.CustomerName: {type: string, default: friend}
  outputs:
    Flow.Size: string
  sequences:
    Start:
      - say: "Hi {Flow.CustomerName|title}!"
      - pause
      - ask:
          prompt: [What size?, {quickReplies: [Small, Large]}]
          slot: Flow.Size
      - exit: TriggeredByFlow
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(folder: Path) -> list[str]:
    return [str(e) for e in load_catalog(folder, include_samples=False).errors]


async def test_a_custom_flow_is_served_beside_the_samples(tmp_path: Path) -> None:
    write(tmp_path, "pizza.yaml", GOOD)
    async with open_sim(SimulatorSettings(flows_dir=tmp_path)) as sim:
        assert sim.app.state.flow_errors == []
        session_id = await sim.launch("pizza-1", inputData={"variables": {"Flow.CustomerName": "jo"}})
        assert [texts(r) for r in await sim.drain(session_id)] == [["Hi Jo!"], ["What size?"]]
        done = (await sim.say(session_id, "large"))[-1]
        assert done["nextActionExit"]["outputData"] == {"variables": {"Flow.Size": "Large"}}
        await sim.launch(ORDER_STATUS)  # the samples are still there


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("flow:\n  id: x\n  name: [unclosed\n", r"bad\.yaml:4: invalid YAML"),
        (
            "flow:\n  id: x\n  name: Dup\n  name: Again\n  sequences: {A: [pause]}\n",
            r"bad\.yaml:4: duplicate key 'name'",
        ),
        (
            "flow:\n  id: x\n  name: N\n  colour: blue\n  sequences: {A: [pause]}\n",
            r"bad\.yaml:4: flow: unknown key 'colour'",
        ),
        (
            "flow:\n  id: x\n  name: N\n  sequences:\n    Start:\n      - say: hi\n      - goto: Nowhere\n",
            r"bad\.yaml:7: no sequence named 'Nowhere' \(sequences: Start\)",
        ),
        (
            "flow:\n  id: x\n  name: N\n  sequences:\n    Start:\n      - say: hi\n      - shout: hi\n",
            r"bad\.yaml:7: flow\.sequences\.Start\[1\]: an action is a mapping with exactly one of: say, ",
        ),
        (
            "flow:\n  id: x\n  name: N\n  type: DIGITALBOT\n  sequences:\n    Start:\n      - ask:\n"
            "          prompt: Size?\n          expect: {type: regex, pattern: '('}\n",
            r"bad\.yaml:9: flow\.sequences\.Start\[0\]\.ask\.expect: invalid regular expression",
        ),
        (
            "flow:\n  id: x\n  name: N\n  sequences:\n    Start:\n      - exit: {reason: Bored}\n",
            r"bad\.yaml:6: flow\.sequences\.Start\[0\]\.exit\.reason: Input should be 'TriggeredByUser'",
        ),
        (
            "flow:\n  id: x\n  name: N\n  sequences:\n    Start:\n      - say: 'Hi {Flow.Name|shout}'\n",
            r"bad\.yaml:6: unknown filter 'shout'",
        ),
        (
            "flow:\n  id: x\n  name: N\n  sequences:\n    Start:\n      - milestone: nope\n",
            r"bad\.yaml:6: no milestone 'nope'",
        ),
        ("just: text\n", r"bad\.yaml:1: a document needs exactly one top-level key: 'flow' or 'bot'"),
        (
            "bot:\n  id: b\n  name: B\n  fallback: Sorry\n  intents:\n    Hi: {keywords: [hi]}\n",
            r"bad\.yaml:6: bot\.intents\.Hi: 'reply' is required",
        ),
    ],
)
def test_problems_point_at_the_line(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path, "bad.yaml", text)
    found = problems(tmp_path)
    assert found, "the problem was not reported"
    assert re.match(expected, found[0]), found


def test_a_bad_document_does_not_spoil_the_others(tmp_path: Path) -> None:
    write(tmp_path, "mixed.yaml", GOOD + "---\nflow:\n  id: broken\n  name: B\n")
    catalog = load_catalog(tmp_path, include_samples=False)
    assert list(catalog.flows) == ["pizza-1"]
    assert [str(e) for e in catalog.errors] == ["mixed.yaml:18: flow: 'sequences' is required"]


def test_duplicate_ids_are_reported_and_the_later_one_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD.replace("Pizza Order", "Pizza Again"))
    catalog = load_catalog(tmp_path, include_samples=False)
    assert catalog.flows["pizza-1"].name == "Pizza Order"
    (error,) = catalog.errors
    assert str(error).startswith("b.yaml:2: flow id pizza-1 is already used by 'Pizza Order' (a.yaml)")


def test_a_sample_id_cannot_be_reused(tmp_path: Path) -> None:
    write(tmp_path, "copy.yaml", GOOD.replace("pizza-1", ORDER_STATUS))
    catalog = load_catalog(tmp_path, include_samples=True)
    assert catalog.flows[ORDER_STATUS].name == "Order Status"
    assert "already used by 'Order Status'" in str(catalog.errors[-1])


async def test_a_bad_flow_file_never_takes_the_server_down(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path, "broken.yaml", "flow: {id: x, name: [\n")
    (tmp_path / "notes.txt").write_text("not a flow")
    with caplog.at_level("WARNING", logger="textbots_tui.simulator"):
        app = create_app(SimulatorSettings(flows_dir=tmp_path))
    (error,) = app.state.flow_errors
    assert (error.file, error.line) == ("broken.yaml", 2)
    assert "broken.yaml:2: invalid YAML" in caplog.text
    async with open_sim(SimulatorSettings(flows_dir=tmp_path)) as sim:
        await sim.launch(ORDER_STATUS)


def test_a_missing_folder_and_an_unreadable_file_are_reported(tmp_path: Path) -> None:
    assert problems(tmp_path / "nope") == [f"{tmp_path / 'nope'}: no such file or folder"]
    (tmp_path / "latin1.yaml").write_bytes(b"flow: {name: caf\xe9}\n")
    assert problems(tmp_path)[0].startswith("latin1.yaml: cannot read the file")


def test_yaml_12_scalars(tmp_path: Path) -> None:
    documents, errors = parse_documents("a: [yes, no, on, 10:30, 2026-06-03, true, 7, 1.5]\n", "f")
    assert errors == []
    assert documents[0].data == {"a": ["yes", "no", "on", "10:30", "2026-06-03", True, 7, 1.5]}


def test_the_examples_in_the_docs_load() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2
    catalog = Catalog()
    for block in blocks:
        documents, errors = parse_documents(block, "doc")
        assert errors == []
        for document in documents:
            catalog.add_document(document, utc_today)
    assert catalog.errors == []
    assert len(catalog.flows) == 1 and len(catalog.bots) == 1


def test_the_samples_load_cleanly() -> None:
    catalog = load_catalog(None, include_samples=True)
    assert catalog.errors == []
    assert sorted(f.name for f in catalog.flows.values()) == [
        "Appointment Booking",
        "Help Centre FAQ",
        "Order Status",
    ]
    assert [b.name for b in catalog.bots.values()] == ["Store Assistant"]
