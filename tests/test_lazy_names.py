"""Names offered by a module before the module they come from is loaded (``textbots_tui.lazy_names``)."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from textbots_tui.lazy_names import names_from


@pytest.fixture
def offering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """A module offering ``VALUE`` of a module that is not loaded yet."""
    (tmp_path / "costly_source_for_test.py").write_text("VALUE = object()\nOTHER = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = types.ModuleType("offering_for_test")
    module.__getattr__ = names_from("offering_for_test", "costly_source_for_test", {"VALUE"})  # type: ignore[method-assign]
    monkeypatch.setitem(sys.modules, "offering_for_test", module)
    yield module
    sys.modules.pop("costly_source_for_test", None)


def test_the_source_loads_when_a_name_is_first_read_and_the_value_is_kept(
    offering: types.ModuleType,
) -> None:
    assert "costly_source_for_test" not in sys.modules
    value = offering.VALUE
    assert value is sys.modules["costly_source_for_test"].VALUE
    assert offering.__dict__["VALUE"] is value  # later reads do not go through __getattr__


def test_other_names_are_missing_as_usual_and_load_nothing(offering: types.ModuleType) -> None:
    with pytest.raises(AttributeError, match="module 'offering_for_test' has no attribute 'OTHER'"):
        offering.OTHER  # noqa: B018
    assert not hasattr(offering, "__path__")
    assert "costly_source_for_test" not in sys.modules


def test_the_package_offers_its_costly_names_this_way() -> None:
    import textbots_tui.api.models as models
    import textbots_tui.core.journal as journal
    import textbots_tui.core.script as script

    assert journal.read_session_file.__module__ == "textbots_tui.core.journal_read"
    assert script.script_from_session.__module__ == "textbots_tui.core.script.saving"
    assert models.PostTextRequest.__module__ == "textbots_tui.api.models.execute"
