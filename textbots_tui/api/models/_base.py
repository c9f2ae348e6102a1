"""Base classes shared by every wire model.

All models are frozen pydantic v2 models: attributes are snake_case, the JSON is camelCase (aliases, and
population by either name), and anything the server adds later (fields, enum values) is kept rather than
rejected, because Genesys extends these contracts without notice and a test tool must show what it got.

An empty list or mapping is given as the default itself (``= []``, ``= {}``: pydantic copies it for each
instance), not as ``default_factory=list``: pydantic reads a factory's signature, which for a builtin means
parsing its text signature with the tokenizer (about 2 ms of start-up the first time).
"""

from __future__ import annotations

import json
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from pydantic.alias_generators import to_camel

OPEN_ENUM = Field(union_mode="left_to_right")
"""Field marker for ``SomeEnum | str`` fields: known values become enum members, anything else stays a str.

Smart-mode unions would pick ``str`` for every value (an exact type match), losing the enum member.
"""


class WireModel(BaseModel):
    """A JSON object of the Genesys API, with camelCase aliases and unknown fields kept in ``model_extra``."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="allow",
        frozen=True,
        # Bot text and ids are data: never strip or coerce them.
        str_strip_whitespace=False,
    )

    def to_wire(self) -> dict[str, Any]:
        """Return the JSON object for this model: camelCase keys, ``None`` left out, extras kept."""
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class ResponseModel(WireModel):
    """A model parsed from a response; ``from_wire`` keeps the JSON it came from for ``raw_json``."""

    _raw_json: Any = PrivateAttr(default=None)
    _raw_content: bytes | str | None = PrivateAttr(default=None)

    @classmethod
    def from_wire(cls, content: bytes | str | dict[str, Any] | list[Any]) -> Self:
        """Parse a response body (the bytes off the wire, or JSON already parsed) and keep it.

        Bytes are validated straight from JSON, which is faster than ``json.loads`` and then validating;
        the JSON object for ``raw_json`` is only built if someone asks for it. Raises
        ``pydantic.ValidationError`` (``json_invalid`` for a body that is not JSON).
        """
        if isinstance(content, bytes | str):
            model = cls.model_validate_json(content)
            model._raw_content = content
        else:
            model = cls.model_validate(content)
            # Kept as is (no copy): treat it as read-only.
            model._raw_json = content
        return model

    @property
    def raw_json(self) -> Any:
        """The JSON ``from_wire`` parsed this model from; for a model made otherwise, its ``to_wire()``."""
        if self._raw_json is None:
            if self._raw_content is None:
                return self.to_wire()
            self._raw_json = json.loads(self._raw_content)
        return self._raw_json


class SnakeWireModel(ResponseModel):
    """A response model whose JSON keys are already snake_case (the OAuth token endpoint)."""

    model_config = ConfigDict(alias_generator=None, populate_by_name=True, extra="allow", frozen=True)
