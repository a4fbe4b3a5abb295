"""The fast reader (yaml-rs) reads every document exactly as the reference (ruamel, YAML 1.2)
does, or leaves it to the reference; the two give the reference's result or error on every
input, with the Rust reader installed and without it."""

from __future__ import annotations

import math
import os
import re
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
    '"2026-01-01"', '"\\u0032026-01-01"', "'10:00:00'", "10:00:00", "'2026-01-01T10:00:00Z'",
    "' 2026-01-01'", "2026-01-01 # note", ".1e3", "9" * 30, "'x\n  2026-01-01'", "b\x85c",
    "b\u2028c", "\x01", "'\x01'", "[x: y]", "{x, y}", "-", "'it''s'", '"\\x41\\N\\_"',
    # Quoted near misses of a date or time, which the Rust reader is now asked to read.
    '"2023-0013.1"', "'2026-1-1'", '"2026-01"', "'2026-01-011'", '"2026-01-01x"', "'1:2:3'",
    '"10:00"', "'1:02:03'", '"2026-01-01T10:00"', "'2026-13-01'", '" 10:00:00"', "'9:00:00'",
]  # fmt: skip
READERS = {
    "rust": yamlfast.load_rust,
    # As `validate` reads a file: its bytes, which the guard searches and yaml-rs decodes.
    "rust bytes": lambda text: yamlfast.load_bytes(text.encode("utf-8"))[0],
}


# CI's second run of these tests, in a virtual environment where yaml-rs was uninstalled (it is
# optional off CPython): the runs with it are the first run's.
WITHOUT_YAML_RS = os.environ.get("CI_WITHOUT_YAML_RS") == "1"


@pytest.fixture(params=["with yaml-rs", "without yaml-rs"], autouse=True)
def rust_installed(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Every test runs with the Rust reader and as where it is not installable."""
    if request.param == "with yaml-rs":
        if WITHOUT_YAML_RS:
            assert yamlfast.rust_reader() is None, "CI_WITHOUT_YAML_RS, yet yaml-rs is installed"
            pytest.skip("yaml-rs uninstalled for this run; the first run reads with it")
        assert yamlfast.rust_reader() is not None, "yaml-rs is a dependency on CPython"
        return True
    monkeypatch.setattr(yamlfast, "_RUST", False)
    return False


def _fast(reader: str, text: str) -> Any:
    try:
        return ("ok", READERS[reader](text))
    except yamlfast.Divergent:
        return ("divergent",)


def _agrees(reader: str, text: str) -> bool:
    """A fast reader either leaves `text` to the next one or reads exactly what the reference
    reads (never a value where the reference refuses)."""
    fast = _fast(reader, text)
    if fast[0] == "divergent":
        return True
    ref = _reference(text)
    return ref[0] == "ok" and repr(fast[1]) == repr(ref[1]) and _same_types(fast[1], ref[1])


def _same_types(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same_types(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_types(x, y) for x, y in zip(a, b, strict=True))
    return _same(a, b)


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


def _ours_from_bytes(raw: bytes) -> Any:
    """As `validate` reads a file: from its bytes, decoded only when the Rust reader leaves
    them."""
    try:
        data, text, _ = yamlio.load_bytes(raw, "x")
    except yamlio.YamlProblem as exc:
        return ("error", exc.key, exc.line, exc.col)
    assert text is None or text.encode("utf-8") == raw
    return ("ok", data)


def _reference_from_bytes(raw: bytes) -> Any:
    try:
        text = yamlio.decode(raw, "x")
    except yamlio.YamlProblem as exc:
        return ("error", exc.key, exc.line, exc.col)
    return _reference(text)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("scalar", TRICKY)
def test_each_fast_reader_reads_tricky_scalars_as_the_reference_or_leaves_them(
    reader: str, scalar: str
) -> None:
    for text in (f"key: {scalar}\n", f"- {scalar}\n", f"{scalar}\n", f"a: [{scalar}]\n"):
        assert _agrees(reader, text), text


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


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n---\nb: 2\n",  # a second document: yaml-rs gives a list of both
        "a: 1\n---\n",
        "a: 1\n...\nb: 2\n",
        "a: 1\n--- # c\n",
        "...\na: 1\n",  # an end marker before any document, which yaml-rs skips
        "# c\n\n... # c\na: 1\n",
        "a: 1\n\t\n",  # a tab opening a line, even a blank one, which yaml-rs allows
        "\t# c\na: 1\n",
        "a: |\n  text",  # a block scalar at the end of a text without a line break: "text\n"
        "- a\n- b\n",  # not one mapping
        "# c\n" * 60 + "a: 1\n",  # more lines before the content than are looked through
    ],
)
def test_what_the_rust_reader_reads_unlike_the_reference_it_leaves(
    text: str, rust_installed: bool
) -> None:
    if rust_installed:
        with pytest.raises(yamlfast.Divergent):
            yamlfast.load_rust(text)
    assert _ours(text) == _reference(text)


def test_the_rust_reader_reads_registry_files(rust_installed: bool) -> None:
    """The speed comes from the Rust reader actually reading the files a registry holds; where
    it is not installed (or switched off), it reads none of them and leaves each to the next."""
    files = sorted((REPO_ROOT / "registry").glob("*/*.yaml"))  # the items, not the settings
    files += sorted((REPO_ROOT / "tests" / "examples" / "valid").glob("registry/*/*.yaml"))
    read = [p for p in files if _fast("rust bytes", p.read_text(encoding="utf-8"))[0] == "ok"]
    if not rust_installed:
        assert read == []
        return
    assert len(read) >= 0.9 * len(files), sorted(set(files) - set(read))


def _files() -> list[Path]:
    found = sorted((REPO_ROOT / "registry").rglob("*.yaml"))
    return found + sorted((REPO_ROOT / "tests" / "examples").rglob("*.yaml"))


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_registry_and_example_file_reads_the_same(path: Path) -> None:
    raw = path.read_bytes()
    assert repr(_ours_from_bytes(raw)) == repr(_reference_from_bytes(raw))
    try:
        text = yamlio.decode(raw, path.name)
    except yamlio.YamlProblem:
        return  # refused before any parser runs, whichever it is
    ours, ref = _ours(text), _reference(text)
    assert repr(ours) == repr(ref)
    assert all(_agrees(reader, text) for reader in READERS)


@pytest.mark.parametrize(
    "raw",
    [
        b"a: \xff\n",  # not UTF-8, which yaml-rs would read with a replacement character
        b"a: 1\nb: \xc3\n",
        b"\xef\xbb\xbfa: 1\n",  # a byte order mark
        b"a: 1\x00\n",
        b"a: '" + b"x" * yamlio.MAX_FILE_BYTES + b"'\n",
        "a: 'Sömn\u2028hjälpen'\n".encode(),  # a line separator the reference refuses
        "namn: Sömnhjälpen\n".encode(),
    ],
)
def test_bytes_read_as_they_are_give_the_reference_result_or_its_refusal(raw: bytes) -> None:
    assert repr(_ours_from_bytes(raw)) == repr(_reference_from_bytes(raw))


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


# Raw YAML text as people write it, not as sobreg dumps it: tricky scalars in every quoting style,
# block and flow collections, comments, CRLF line ends, odd indentation.
_plain_words = st.sampled_from([*TRICKY, "Sömnhjälpen", "KBT för ångest", "a b", "x: y"])
_styles = st.sampled_from(
    ["{}", "'{}'", '"{}"', "|\n    {}", "|-\n    {}", ">+\n    {}", "|2\n    {}", ">-\n    {}",
     "|+\n    {}\n", "|", ">", "[{}]", "{{k: {}}}", "{}  # c", "'{}\n    more'",
     '"{}\n\n    more"', "{}\n    more", "[{}, [{}]]", "{{k: [{}], l: x}}", ""]
)  # fmt: skip
_scalar_text = st.builds(lambda style, word: style.format(word, word), _styles, _plain_words)
# Document markers, which the Rust reader is asked to read: a second document must leave it.
_markers = st.sampled_from(
    [
        "---",
        "...",
        "--- # c",
        "... # c",
        "---\t",
        "--- x",
        "... x",
        "---x",
        "....",
        "--- |",
        "--- []",
    ]
)
_keys = st.sampled_from(["id", "name", "a", "b_c", "yes", "1", "'q'", '"2026-01-01"', "<<"])


@st.composite
def _yaml_text(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(_keys)
        shape = draw(st.sampled_from(["scalar", "list", "map", "comment", "marker"]))
        if shape == "scalar":
            lines.append(f"{key}: {draw(_scalar_text)}")
        elif shape == "list":
            lines.append(f"{key}:")
            indent = draw(st.sampled_from(["", "  "]))
            lines += [f"{indent}- {draw(_scalar_text)}" for _ in range(draw(st.integers(0, 3)))]
        elif shape == "map":
            lines.append(f"{key}:")
            lines += [
                f"  {draw(_keys)}: {draw(_scalar_text)}" for _ in range(draw(st.integers(1, 3)))
            ]
        elif shape == "marker":
            lines.append(draw(_markers))
        else:
            lines.append(f"# {draw(_plain_words)}")
    end = draw(st.sampled_from(["\n", "\r\n"]))
    return end.join(lines) + draw(st.sampled_from([end, ""]))  # editors may leave out the last


@settings(max_examples=600, deadline=None)
@given(_yaml_text())
def test_hand_written_text_reads_as_the_reference_on_every_path(text: str) -> None:
    for reader in READERS:
        assert _agrees(reader, text), (reader, text)
    assert repr(_ours(text)) == repr(_reference(text))
    assert repr(_ours_from_bytes(text.encode("utf-8"))) == repr(_reference(text))


# Every character the guards look at, and others around them.
_GUARDED = st.text(
    st.sampled_from([*"[]{}:!&*%-.' \"\t\n\r|>a0é\\", "\x00", "\x1b", "\x7f", "\x85", "\x9f",
                     "\xa0", "\u2028", "\u2029", "\ufeff", "\u20ac", "\u3000", "\U0001f600"]),
    max_size=40,
)  # fmt: skip


# The plain searches over the text that the guards shorten; an end marker after nothing but
# blank lines and comments (which yaml-rs skips).
_END_MARKER_FIRST = re.compile(r"(?:[ \t\r]*(?:#[^\n]*)?\n)*\.\.\.")
_QUOTED_DATE = re.compile(r"""['"]\s*(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|\\)""")
_STRIP_BLOCK = re.compile(r"[|>][1-9]?-[1-9]?[ \t]*(?:#[^\n]*)?\n(?:[ \t]*\n)*[ \t]*[0-9]")
_FLOW_COLON = re.compile(r"[\[{][^\]}]*:\S")


@settings(max_examples=2000, deadline=None)
@given(_GUARDED)
def test_the_guards_shortcuts_decide_as_their_regexes(text: str) -> None:
    """The bytes left by the prefilter before each search, the searches over bytes and the
    bracket walk instead of the flow-colon regex decide as the plain searches over the text they
    shorten (which the differential tests above hold to the reference): exactly, for ASCII; a
    text with other characters may be left where the plain searches would not (a byte from 0x80
    is taken for a possible space or word character), never the other way."""
    plain = (
        bool(yamlfast._RUST_CHARS.search(text))
        or bool(re.search(r"(?:\A|\n)%", text))  # a directive
        or bool(_QUOTED_DATE.search(text))
        or bool(_STRIP_BLOCK.search(text))
        or text.count("[") + text.count("{") > 64
        or "\n" + " " * 100 in text
        or bool(_FLOW_COLON.search(text))
        or bool(_END_MARKER_FIRST.match(text))
        or bool(re.search(r"(?:\A|\n)\t", text))
        or (("|" in text or ">" in text) and not text.endswith("\n"))
    )
    raw = text.encode("utf-8")
    guard = yamlfast._not_for_rust(raw)
    assert yamlfast._not_for_rust(raw, text) == guard
    assert guard == plain or (guard and not text.isascii())
    assert yamlfast.flow_colon(raw) == bool(yamlfast._FLOW_COLON.search(raw))
    assert yamlfast.quoted_date(raw) == bool(yamlfast._QUOTED_DATE.search(raw))


def test_keys_judged_before_never_let_an_odd_key_through(rust_installed: bool) -> None:
    """The walk remembers keys it judged alike; a mapping with one key it has not judged (or
    judged odd) is still walked key by key, however often its other keys were met."""
    if not rust_installed:
        # Without the Rust reader nothing is read by it: every text is left to the next one.
        with pytest.raises(yamlfast.Divergent):
            yamlfast.load_rust("title: a\nstep: b\n")
        return
    yamlfast.load_rust("title: a\nstep: b\n")
    for odd in ("2026-01-01", "<<", "=", "1"):
        with pytest.raises(yamlfast.Divergent):
            yamlfast.load_rust(f"title: a\nstep: b\n{odd}: c\n")
        with pytest.raises(yamlfast.Divergent):
            yamlfast.load_rust(f"title: a\n{odd}: c\n")


def test_sobreg_reads_without_pyyaml_whether_yaml_rs_is_there_or_not(tmp_path: Path) -> None:
    # Issue 32: PyYAML left the dependencies; every file yaml-rs leaves (or every file, where it
    # is not installed or switched off) is read by ruamel, and PyYAML is never imported.
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from sobreg.store import yamlio\n"
        "for path in sys.argv[1:]:\n"
        "    yamlio.load_bytes(open(path, 'rb').read(), path)\n"
        "print('yaml' in sys.modules, 'ruamel.yaml' in sys.modules)\n"
    )
    files = [str(p) for p in sorted((REPO_ROOT / "registry").rglob("*.yaml"))]
    for switch, ruamel in (("1", ("False", "True")), ("0", ("True",))):
        env = {**os.environ, "SOBREG_YAML_RS": switch}
        done = subprocess.run([sys.executable, "-c", script, *files], capture_output=True,
                              text=True, check=True, env=env)  # fmt: skip
        pyyaml, reference = done.stdout.split()
        assert pyyaml == "False" and reference in ruamel, (switch, done.stdout, done.stderr)
