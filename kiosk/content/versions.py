"""The content schema's version: which packs this kiosk can read, and what it leaves out of them.

A pack says ``"schema_version": "MAJOR.MINOR"`` in pack.json (none means "1.0"). Within the
kiosk's major version a newer server may publish fields this kiosk does not know: the kiosk
reads the pack without them rather than refusing every sync until it is upgraded. A pack of
another major version is refused whole, and the kiosk keeps the content it has.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, NamedTuple

from pydantic import BaseModel

from kiosk.content.schema import SCHEMA_VERSION, SCHEMA_VERSION_PATTERN


class Version(NamedTuple):
    major: int
    minor: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"


def parse_version(text: str) -> Version | None:
    match = re.match(SCHEMA_VERSION_PATTERN, text) if isinstance(text, str) else None
    return Version(int(match[1]), int(match[2])) if match else None


KIOSK_VERSION = parse_version(SCHEMA_VERSION)


def version_problem(raw: Any) -> str:
    """Why ``raw`` (pack.json's schema_version as written) is not a version."""
    shown = f"'{raw}'" if isinstance(raw, str) else repr(raw)
    return (
        f"{shown} is not a content schema version; write it as text \"MAJOR.MINOR\", "
        f"like \"{SCHEMA_VERSION}\" (the version of this kiosk's schema)"
    )


def refusal(pack: Version) -> str:
    """The plain reason a pack of another major version cannot be read here."""
    understood = f"this kiosk understands content schema {KIOSK_VERSION.major}.x"
    if pack.major > KIOSK_VERSION.major:
        return (
            f"{understood}, and this pack is content schema {pack}, made for newer kiosks. "
            "The kiosk keeps its current content. Update the kiosk software to show this pack."
        )
    return (
        f"{understood}, and this pack is content schema {pack}, made for older kiosks. "
        "The kiosk keeps its current content. Publish the pack again with current server software."
    )


def unknown_field_message(pack: Version) -> str:
    """For strict checks (publishing, validating): a field the schema does not have."""
    if pack > KIOSK_VERSION:
        return (
            f"not known to content schema {SCHEMA_VERSION} (the pack says {pack}); "
            "update this software, or remove the field"
        )
    return f"unknown field; check its spelling (content schema {SCHEMA_VERSION} has no field by this name)"


def ignored_note(pack: Version) -> str:
    return f"not known to this kiosk (content schema {SCHEMA_VERSION}, pack {pack}); ignored"


def without_unknown_fields(raw: Any, annotation: Any) -> tuple[Any, list[tuple[Any, ...]]]:
    """``raw`` with every field the schema type ``annotation`` does not know left out.

    Returns the cleaned data and the location of each field left out, in the form pydantic
    gives error locations ((index,) field names), so they are named like any other problem.
    Data of the wrong shape is passed on as it is, for validation to report.
    """
    removed: list[tuple[Any, ...]] = []
    return _clean(raw, annotation, (), removed), removed


def _clean(raw: Any, annotation: Any, loc: tuple[Any, ...], removed: list[tuple[Any, ...]]) -> Any:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _clean(raw, args[0], loc, removed)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not isinstance(raw, dict):
            return raw
        fields = annotation.model_fields
        cleaned = {}
        for key, value in raw.items():
            if key in fields:
                cleaned[key] = _clean(value, fields[key].annotation, (*loc, key), removed)
            else:
                removed.append((*loc, key))
        return cleaned
    if origin in (typing.Union, types.UnionType):
        models = [arg for arg in args if _holds_models(arg)]
        return _clean(raw, models[0], loc, removed) if len(models) == 1 else raw
    if origin in (list, tuple) and isinstance(raw, list):
        if origin is tuple and args and args[-1] is not Ellipsis:
            return [
                _clean(item, args[index], (*loc, index), removed) if index < len(args) else item
                for index, item in enumerate(raw)
            ]
        item_type = args[0] if args else Any
        return [_clean(item, item_type, (*loc, index), removed) for index, item in enumerate(raw)]
    if origin is dict and isinstance(raw, dict) and len(args) == 2:
        return {key: _clean(value, args[1], (*loc, key), removed) for key, value in raw.items()}
    return raw


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)
