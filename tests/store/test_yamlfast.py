"""The fast loader reads every document exactly as the reference (ruamel, YAML 1.2) does."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from sobreg.store import yamlfast, yamlio, yamlrt

TRICKY = [
    "yes", "no", "on", "off", "y", "n", "true", "True", "TRUE", "tRue", "false", "~", "null",
    "Null", "NULL", "", "0", "-0", "+1", "017", "0o17", "0x1F", "0b101", "1_000", "1:20",
    "3.", ".5", "1e3", "1.0e+3", "-2.5E-2", ".inf", "-.inf", ".NaN", "2026-01-01",
    "2026-02-30", "2026-1-1", "2026-01-01T10:00:00", "2026-01-01 10:00", "!!str 1",
    "!!binary aGVq", "!custom x", "&a 1", "<<", "=", "'quoted'", '"\\u00e9"', "é", "[1, 2]",
    "{a: 1}", "a: b", "- x", "'2026-01-01'", "12:30", "0.1.2", "1,000", "+.5", "-1_0",
]  # fmt: skip


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def _reference(text: str) -> Any:
    try:
        return ("ok", yamlrt.load_safe(text, "x"))
    except yamlio.YamlProblem as exc:
        return ("error", exc.key, exc.line, exc.col)


def _ours(text: str) -> Any:
    try:
        return ("ok", yamlio.load_safe(text, "x"))
    except yamlio.YamlProblem as exc:
        return ("error", exc.key, exc.line, exc.col)


@pytest.mark.parametrize("scalar", TRICKY)
def test_tricky_scalars_read_as_the_reference(scalar: str) -> None:
    for text in (f"key: {scalar}\n", f"- {scalar}\n", f"{scalar}\n"):
        ours, ref = _ours(text), _reference(text)
        assert ours[0] == ref[0], text
        if ours[0] == "ok":
            assert repr(ours[1]) == repr(ref[1]), text
        else:
            assert ours == ref, text


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: &x [1]\nb: *x\n",  # alias
        "<<: {a: 1}\n",
        "%YAML 1.1\n---\na: yes\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "a:\n\tb: 1\n",
        "? [1, 2]\n: x\n",
        "[" * 2000 + "]" * 2000 + "\n",
    ],
)
def test_what_the_fast_loader_leaves_to_the_reference(text: str) -> None:
    with pytest.raises(yamlfast.Divergent):
        yamlfast.load(text)
    assert _ours(text) == _reference(text)


def _files() -> list[Path]:
    found = sorted((REPO_ROOT / "registry").rglob("*.yaml"))
    return found + sorted((REPO_ROOT / "tests" / "examples").rglob("*.yaml"))


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_registry_and_example_file_reads_the_same(path: Path) -> None:
    try:
        text = yamlio.decode(path.read_bytes(), path.name)
    except yamlio.YamlProblem:
        return  # refused before any parser runs, whichever it is
    ours, ref = _ours(text), _reference(text)
    assert repr(ours) == repr(ref)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(),
    # Control characters are refused by the models (they do not survive a YAML round trip).
    st.text(
        st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t"), max_size=30
    ),
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text("abcdefgh_", min_size=1, max_size=12), inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.text("abcdefgh_", min_size=1, max_size=12), _documents, min_size=1, max_size=5
    )
)
def test_any_document_written_by_sobreg_reads_back_the_same(data: dict[str, Any]) -> None:
    text = yamlio.dump_roundtrip(data)
    assert repr(_ours(text)) == repr(_reference(text))
    assert _ours(text)[1] == data
