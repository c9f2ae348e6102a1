"""The official SDK's models (PureCloudPlatformClientV2 269.0.0) as a strict checker for conformance tests.

Importing the SDK's package loads thousands of models (seconds), so only the model modules a check needs are
loaded, under a private package name. Deserialising follows the SDK's ``ApiClient`` (``swagger_types`` /
``attribute_map`` and the enum-checking setters) but fails on any key the SDK model does not know.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import sys
import types
from pathlib import Path
from typing import Any

import pytest

OUTDATED = "outdated_sdk_version"
"""What the SDK puts in place of an enum value it does not know."""

_PACKAGE = "_sdk269"
_PRIMITIVES: dict[str, type | tuple[type, ...]] = {
    "str": str,
    "int": int,
    "float": (int, float),
    "bool": bool,
    "object": object,
}


def load_sdk() -> types.ModuleType:
    """The SDK's ``utils`` module (``sanitize_for_serialization``); skips when the SDK is not installed."""
    spec = importlib.util.find_spec("PureCloudPlatformClientV2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("purecloudplatformclientv2 (a test dependency) is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    # Stand-in packages, so the models load without the SDK's heavy package __init__.
    for name, path in ((_PACKAGE, root), (f"{_PACKAGE}.models", root / "models")):
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.__path__ = [str(path)]
            sys.modules[name] = module
    return importlib.import_module(f"{_PACKAGE}.utils")


def sdk_class(name: str) -> type[Any]:
    """The SDK model class called ``name``."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
    cls: type[Any] = getattr(importlib.import_module(f"{_PACKAGE}.models.{snake}"), name)
    return cls


def deserialize(data: Any, klass: str, where: str = "$") -> Any:
    """The SDK's ApiClient.__deserialize, failing on any key the SDK model does not know."""
    if data is None:
        return None
    if klass.startswith("list["):
        assert isinstance(data, list), where
        return [deserialize(v, klass[5:-1], f"{where}[{i}]") for i, v in enumerate(data)]
    if klass.startswith("dict("):
        assert isinstance(data, dict), where
        inner = klass[5:-1].split(", ", 1)[1]
        return {k: deserialize(v, inner, f"{where}.{k}") for k, v in data.items()}
    if klass in _PRIMITIVES:
        assert isinstance(data, _PRIMITIVES[klass]), f"{where}: {data!r} is not {klass}"
        return data
    if klass == "datetime":
        assert isinstance(data, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", data), where
        return data
    instance = sdk_class(klass)()
    assert isinstance(data, dict), where
    unknown = set(data) - set(instance.attribute_map.values())
    assert not unknown, f"{where}: keys unknown to the SDK's {klass}: {sorted(unknown)}"
    for attr, attr_type in instance.swagger_types.items():
        key = instance.attribute_map[attr]
        if key in data:
            setattr(instance, attr, deserialize(data[key], attr_type, f"{where}.{key}"))
    return instance


def assert_conforms(sdk: types.ModuleType, body: Any, klass: str, where: str = "$") -> None:
    """``body`` deserialises into the SDK's ``klass`` and survives the SDK's round trip unchanged."""
    instance = deserialize(body, klass, where)
    back = sdk.sanitize_for_serialization(instance)
    # An enum value the SDK does not know would come back as "outdated_sdk_version".
    assert OUTDATED not in json.dumps(back), where
    assert back == body, where
