"""Base classes shared by every wire model.

All models are frozen pydantic v2 models: attributes are snake_case, the JSON is camelCase (aliases, and
population by either name), and anything the server adds later (fields, enum values) is kept rather than
rejected, because Genesys extends these contracts without notice and a test tool must show what it got.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core.core_schema import ValidatorFunctionWrapHandler

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
    """A model the client parses from a response; it keeps the JSON it was parsed from in ``raw_json``."""

    _raw_json: Any = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_raw_json(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        model = handler(data)
        # The parsed object is kept as is (no copy): it is what the inspector shows, and copying every
        # response body would cost more than the parse itself. Treat it as read-only.
        if isinstance(data, dict) and isinstance(model, ResponseModel):
            model._raw_json = data
        return model

    @property
    def raw_json(self) -> Any:
        """The JSON this model was parsed from (as parsed); for a model built in code, its ``to_wire()``."""
        if self._raw_json is None:
            return self.to_wire()
        return self._raw_json


class SnakeWireModel(ResponseModel):
    """A response model whose JSON keys are already snake_case (the OAuth token endpoint)."""

    model_config = ConfigDict(alias_generator=None, populate_by_name=True, extra="allow", frozen=True)
