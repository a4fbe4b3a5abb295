"""The validator without the control-character pattern accepts and refuses data holding no
control character exactly as its model does, with the same errors; and bytes that `control_free`
lets through give no text holding one, whichever reader reads them."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import pytest
from conftest import REPO_ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from sobreg.models.layout import model_for
from sobreg.models.validators import without_control_pattern
from sobreg.store import yamlfast, yamlio

_EXAMPLES = REPO_ROOT / "tests" / "examples" / "valid" / "registry"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _example(kind: str) -> dict[str, Any]:
    path = next((_EXAMPLES / f"{kind}s").glob("*.yaml"))
    data: dict[str, Any] = yamlio.load_safe(path.read_text(encoding="utf-8"), path.name)
    return data


def _outcome(validate: Any, data: Any) -> Any:
    try:
        found: BaseModel = validate(data)
    except ValidationError as exc:
        return ("refused", repr(exc.errors(include_url=False)))
    return ("accepted", found.__class__, found.model_dump())


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a document: keys of mappings, indexes of lists."""
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _places(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _places(inner, (*path, index))
    return found


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 300_000),
    st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)),
    st.sampled_from(["", "x", "x" * 501, "N-2026-001", "open", "2026-01-01", " 2026-01-01 "]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
    # Made anew each time: a later change may land inside one (`st.just` would share it).
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: {"name": "Anna"}),
)  # fmt: skip


@pytest.mark.parametrize("kind", ["nomination", "program"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_data_without_control_characters_is_judged_as_by_the_model(kind: str, data: Any) -> None:
    document = copy.deepcopy(_example(kind))
    for _ in range(data.draw(st.integers(0, 3))):
        place = data.draw(st.sampled_from(_places(document)[1:]))
        *parent_path, last = place
        parent = document
        for step in parent_path:
            parent = parent[step]
        how = data.draw(st.sampled_from(["replace", "remove", "add"]))
        if how == "remove":
            del parent[last]
        elif how == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["unknown", "notes", "id"]))] = data.draw(_VALUES)
        else:
            parent[last] = data.draw(_VALUES)
    model = model_for(kind)
    assert _outcome(without_control_pattern(model).validate_python, document) == _outcome(
        model.model_validate, document
    )


@pytest.mark.parametrize(
    ("kind", "place"),
    [("nomination", ("title",)), ("nomination", ("nominator", "name")), ("program", ("name",))],
)
def test_only_the_control_character_pattern_is_left_out(kind: str, place: tuple[str, ...]) -> None:
    """A control character the model refuses, at the top or in a nested model's text, is let
    through: so the pattern is really left out everywhere, and nothing else is."""
    document = _example(kind)
    parent = document
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = "Sömn\x1bhjälpen"
    model = model_for(kind)
    with pytest.raises(ValidationError, match=r"string_pattern_mismatch|pattern"):
        model.model_validate(document)
    assert without_control_pattern(model).validate_python(document) is not None


_PIECES = st.sampled_from(
    ["a", "é", "§", " ", ":", "#", "'", '"', "\\", "x1b", "x7f", "x85", "u0085", "e", "N", "0",
     "\x1b", "\x7f", "\x85", "\xa7", "\t", "\n  "]
)  # fmt: skip
_STYLES = st.sampled_from(['a: "{}"\n', "a: '{}'\n", "a: {}\n", "a: |\n  {}\n", "- {}\n"])


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=8), _STYLES)
def test_bytes_let_through_give_no_text_with_a_control_character(
    pieces: list[str], style: str
) -> None:
    written = style.format("".join(pieces))
    raw = written.encode("utf-8")
    try:
        data, _, plain = yamlio.load_bytes(raw, "x")
    except yamlio.YamlProblem:
        return
    assert plain == yamlfast.control_free(raw)
    if plain:
        assert not any(_CONTROL.search(text) for text in _texts(data)), written
    assert yamlfast.control_free('a: "Sömnhjälpen"\n'.encode())
    assert not yamlfast.control_free(b'a: "x\\x1b"\n')
