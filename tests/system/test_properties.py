"""Property tests: models survive a write-then-read round trip; `verify` accepts appended legal
transitions and refuses any history with an entry removed or changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from conftest import git, write_yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sobreg.models import Nomination
from sobreg.store import editing, yamlio
from sobreg.store.registry import Registry
from sobreg.validation.commits import verify

# Text as people type it: any printable character, line breaks and tabs, never control codes.
_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs")) | st.sampled_from("\n\t"),
    min_size=1,
    max_size=60,
)
_short = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40)
_email = st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8})?@[a-z]{2,8}\.se", fullmatch=True)
_day = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
_flag = st.none() | st.booleans()


def _optional(**fields: Any) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=fields)


nominations = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"N-20[0-9]{2}-[0-9]{3,4}", fullmatch=True),
        "created": _day,
        "title": _short,
        "step": st.sampled_from("abcde"),
        "status": st.sampled_from(["open", "rejected", "withdrawn", "decided"]),
        "history": st.lists(
            st.fixed_dictionaries(
                {
                    "at": _day,
                    "action": st.sampled_from(["nominate", "advance", "skip"]),
                    "actor": _email,
                },
                optional={"to": st.sampled_from("abcde"), "reason": _text, "note": _text},
            ),
            min_size=1,
            max_size=4,
        ),
    },
    optional={
        "kind": st.sampled_from(["stod", "behandling"]),
        "request": st.sampled_from(["new", "purchase"]),
        "need": _text,
        "usage": _text,
        "nominator": st.fixed_dictionaries(
            {"name": _short, "email": _email}, optional={"unit": _short}
        ),
        "target_group": _optional(description=_text, children=_flag),
        "costs": _optional(development_sek=st.integers(0, 10**9), other_sek=st.integers(0, 10**9)),
        "screening": _optional(similar_programs=st.lists(_short, max_size=3)),
    },
)


@settings(max_examples=150, deadline=None)
@given(nominations)
def test_any_accepted_item_survives_write_then_read(data: dict[str, Any]) -> None:
    model = Nomination.model_validate(data)
    text = editing.dump_new(data, "../../schemas/nomination.schema.json")
    back = yamlio.load_safe(text, "x.yaml")
    assert back == data
    assert Nomination.model_validate(back) == model
    # And the round-trip writer leaves it byte-identical when nothing changes.
    assert yamlio.dump_roundtrip(yamlio.load_roundtrip(text, "x")) == text


STEPS = "abcde"


def _entry(i: int, src: str | None, dst: str, action: str) -> dict[str, Any]:
    entry = {"at": dt.date(2026, 1, 1) + dt.timedelta(days=i), "action": action, "from": src,
             "to": dst, "status": "open", "actor": "admin@vgregion.se"}  # fmt: skip
    return {k: v for k, v in entry.items() if v is not None}


def _history(length: int) -> list[dict[str, Any]]:
    found = [_entry(0, None, "a", "nominate")]
    for i in range(1, length):
        found.append(_entry(i, STEPS[i - 1], STEPS[i], "advance"))
    return found


def _write(repo: Path, history: list[dict[str, Any]]) -> Path:
    data = {"id": "N-2026-001", "created": dt.date(2026, 1, 1), "title": "Idé", "kind": "stod"}
    data |= {"step": history[-1]["to"], "status": "open", "history": history}
    return write_yaml(repo / "registry" / "nominations" / "N-2026-001.yaml", data)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    length=st.integers(1, 3),
    victim=st.integers(0, 10),
    change=st.sampled_from(["remove", "at", "action", "to", "actor", "swap"]),
)
def test_verify_accepts_appends_and_refuses_rewrites(
    repo: Path, length: int, victim: int, change: str
) -> None:
    history = _history(length)
    _write(repo, history)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", "base")
    registry = Registry(repo / "registry")
    assert verify(registry) == []
    # One legal transition appended: still accepted.
    appended = [*history, _entry(length, STEPS[length - 1], STEPS[length], "advance")]
    _write(repo, appended)
    assert verify(registry) == []
    # Any committed entry removed or changed: refused.
    rewritten = [dict(e) for e in history]
    i = victim % len(rewritten)
    if change == "remove":
        del rewritten[i]
        if not rewritten:
            rewritten = [_entry(5, None, "a", "nominate")]
    elif change == "swap" and len(rewritten) > 1:
        rewritten[0], rewritten[-1] = rewritten[-1], rewritten[0]
    elif change == "at":
        rewritten[i]["at"] = rewritten[i]["at"] + dt.timedelta(days=100)
    elif change == "action":
        rewritten[i]["action"] = "skip" if rewritten[i]["action"] != "skip" else "advance"
    elif change == "to":
        rewritten[i]["to"] = "e" if rewritten[i]["to"] != "e" else "a"
    else:
        rewritten[i]["actor"] = "someone.else@vgregion.se"
    if rewritten != history:
        _write(repo, [*rewritten, *appended[length:]])
        assert verify(registry) != []
    git(repo, "checkout", "-q", "--", ".")
