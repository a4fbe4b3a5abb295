"""An item's links (what `validate` keeps) are exactly what its summary holds of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from sobreg.engine.summary import links, summary
from sobreg.store import yamlio

ROOT = Path(__file__).resolve().parents[2]


def links_of(found: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the link checks read, picked from a whole summary: ids and references."""
    if found is None:
        return None
    picked: dict[str, Any] = {
        k: found[k] for k in ("id", "program", "nomination", "national") if k in found
    }
    deactivation = found.get("deactivation")
    replaced_by = deactivation.get("replaced_by") if isinstance(deactivation, dict) else None
    if replaced_by:
        picked["deactivation"] = {"replaced_by": replaced_by}
    return picked


_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from(["", "somnhjalpen", "N-2026-001", "nationell"]),
    st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
)
_value = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["replaced_by", "reason", "date", "source"]), inner),
    ),
    max_leaves=6,
)
_keys = ["id", "program", "nomination", "national", "name", "title", "step"]
_item = st.fixed_dictionaries(
    {},
    optional={
        **{key: _value for key in _keys},
        "deactivation": st.one_of(_value, st.fixed_dictionaries({"replaced_by": _leaf})),
    },
)


@example(kind="nomination", data={"deactivation": {"replaced_by": "somnhjalpen"}})
@example(kind="program", data={"deactivation": {"replaced_by": dt.date(2026, 1, 1)}})
@example(kind="program", data={"deactivation": "replaced"})
@given(kind=st.sampled_from(["nomination", "program", "process"]), data=st.one_of(_item, _value))
def test_links_equal_those_picked_from_the_summary(kind: str, data: Any) -> None:
    assert links(kind, data) == links_of(summary(kind, data))


def test_links_of_the_registrys_own_items() -> None:
    files = sorted((ROOT / "registry").glob("*/*.yaml"))
    assert files
    for file in files:
        kind = "nomination" if file.parent.name == "nominations" else "program"
        data = yamlio.load_safe(file.read_text(encoding="utf-8"), str(file))
        assert links(kind, data) == links_of(summary(kind, data)), file
        assert links(kind, data)["id"] == file.stem  # type: ignore[index]
