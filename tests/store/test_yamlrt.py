"""`store/yamlrt.py`, ruamel as the reference: what it refuses, where, and round trips that keep
what people wrote."""

from __future__ import annotations

import pytest

from sobreg.errors import YamlProblem
from sobreg.store import yamlrt


@pytest.mark.parametrize(
    ("text", "key", "line"),
    [("a: 1\nb: 2\na: 3\n", "yaml.duplicate_key", 3), ("a: &x [1]\nb: *x\n", "yaml.alias", 1),
     ("a: 1\n---\nb: 2\n", "yaml.many_documents", 2), ("a: [1\n", "yaml.unclosed_list", 2)],
)  # fmt: skip
def test_the_reference_refuses_with_the_reason_and_the_line(text: str, key: str, line: int) -> None:
    with pytest.raises(YamlProblem) as caught:
        yamlrt.load_safe(text, "f.yaml")
    assert caught.value.key == key
    assert caught.value.line >= 1 and abs(caught.value.line - line) <= 1


def test_yaml_1_2_values_as_the_registry_means_them() -> None:
    data = yamlrt.load_safe("a: yes\nb: 0o17\nc: 2026-03-01\nd: '2026-03-01'\ne: null\n", "g")
    assert data["a"] == "yes" and data["b"] == 15 and data["e"] is None
    assert str(data["c"]) == "2026-03-01" and data["d"] == "2026-03-01"


def test_a_round_trip_keeps_comments_order_and_quoting() -> None:
    text = "# top\nb: 'quoted'  # why\na: [1, 2]\n"
    assert yamlrt.dump_roundtrip(yamlrt.load_roundtrip(text, "h")) == text
