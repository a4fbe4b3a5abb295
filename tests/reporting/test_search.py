"""Search and similar programs: accent- and typo-tolerant ranking on a fixture registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import add_nomination, cli, write_inventoried

from sobreg.reporting.search import fold, search, similar
from sobreg.store.registry import Registry


@pytest.fixture
def catalogue(repo: Path) -> Registry:
    for program_id, name in [
        ("somnhjalpen", "Sömnhjälpen"),
        ("insomni", "Insomni"),
        ("depression", "Depression"),
        ("smarta-och-angest", "Smärta och ångest"),
        ("angest", "Ångest"),
        ("parkinson", "Parkinson"),
        ("tinnitus", "Tinnitus"),
    ]:
        write_inventoried(repo, program_id, name)
    add_nomination(
        repo,
        "N-2026-001",
        title="Internetbaserad KBT vid sömnbesvär för unga vuxna",
        need="Unga vuxna med sömnbesvär väntar länge på behandling",
    )
    add_nomination(repo, "N-2026-002", title="Stöd till anhöriga vid demens", status="withdrawn")
    return Registry(repo / "registry")


def test_fold_drops_case_accents_and_punctuation() -> None:
    assert fold("Sömnhjälpen!") == "somnhjalpen"
    assert fold("ÅNGEST, oro").split() == ["angest", "oro"]


@pytest.mark.parametrize("query", ["sömn", "somn", "SÖMN", "Sömnhjälpen", "somnhjalpan"])
def test_somn_finds_somnhjalpen_first(catalogue: Registry, query: str) -> None:
    hits = search(catalogue, query)
    assert hits[0].id == "somnhjalpen"
    assert "parkinson" not in [h.id for h in hits]


def test_a_word_inside_a_compound_is_found(catalogue: Registry) -> None:
    hits = search(catalogue, "besvär")
    assert hits[0].id == "N-2026-001"
    assert hits[0].field == "title"
    assert all(h.type == "nomination" for h in hits)


@pytest.mark.parametrize(
    ("query", "first"),
    [("depresion", "depression"), ("tinitus", "tinnitus"), ("angst", "angest")],
)
def test_typos_are_forgiven(catalogue: Registry, query: str, first: str) -> None:
    assert search(catalogue, query)[0].id == first


def test_ranking_exact_before_partial_and_every_word_counts(catalogue: Registry) -> None:
    hits = search(catalogue, "ångest")
    assert [h.id for h in hits[:2]] == ["angest", "smarta-och-angest"]
    assert search(catalogue, "smärta ångest")[0].id == "smarta-och-angest"
    assert search(catalogue, "xyzzy") == []
    assert search(catalogue, "   ") == []


def test_need_and_ids_are_searched(catalogue: Registry) -> None:
    # Every nomination here waits long (the default need); only N-2026-001 for young adults.
    assert search(catalogue, "vuxna väntar länge")[0].id == "N-2026-001"
    assert search(catalogue, "N-2026-002")[0].id == "N-2026-002"


def test_similar_leaves_closed_nominations_out(catalogue: Registry) -> None:
    found = similar(catalogue, {"title": "Anhörigstöd vid demens"})
    assert "N-2026-002" not in [h.id for h in found]
    found = similar(catalogue, {"title": "KBT vid sömnbesvär", "need": "Sömnhjälp för unga"})
    assert found[0].id == "N-2026-001"


def test_search_command_json_and_text(catalogue: Registry) -> None:
    ran = cli("search", "somn", "--json")
    assert ran.code == 0
    rows = json.loads(ran.stdout)
    assert rows[0]["id"] == "somnhjalpen"
    assert set(rows[0]) == {"id", "title", "score", "source", "fetched_at"}
    assert rows[0]["source"] is None and rows[0]["fetched_at"] is None
    assert all(0 < r["score"] <= 100 for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    ran = cli("search", "somn", "--lang", "en")
    assert "Sömnhjälpen" in ran.stdout
    assert cli("search", "   ").code == 2
    assert cli("search", "xyzzy").stdout.strip() == "Inget liknar 'xyzzy'."


def _brute(query: str, fields: dict[str, str], known: frozenset[str]) -> float:
    """The field score by its definition, per query word and field word, nothing shared; a
    compound query word's first part (one of `known`) beginning a field word meets it at 90."""
    from rapidfuzz import fuzz

    from sobreg.engine.compounds import compound_parts
    from sobreg.reporting.search import subjects, words

    best_field = 0.0
    for name, text in fields.items():
        tokens = text.split()
        total = 0.0
        for word in words(query):
            parts = compound_parts(word, [known], subjects())
            per = [100.0 if t.startswith(word) else 95.0 if len(word) >= 4 and word in t
                   else max(fuzz.ratio(word, t), 90.0 if any(map(t.startswith, parts)) else 0.0)
                   for t in tokens]  # fmt: skip
            # A word that begins a field word scores 100 even if another one is closer still.
            starts = [t for t in tokens if t.startswith(word)]
            inside = [t for t in tokens if len(word) >= 4 and word in t]
            total += 100.0 if starts else 95.0 if inside else max(per, default=0.0)
        weight = {"id": 1.0, "title": 1.0, "need": 0.9, "target_group": 0.9}[name]
        value = total / max(1, len(words(query))) * weight if tokens else 0.0
        best_field = max(best_field, value)
    return best_field


@pytest.mark.parametrize("seed", range(5))
def test_the_indexed_lookup_finds_exactly_what_scoring_every_item_finds(seed: int) -> None:
    # The national catalogue asks thousands of questions of the same nominations through an
    # index by word; it must neither lose an item scoring every item would find, nor score
    # differently.
    import random

    from sobreg.reporting.search import SIMILAR_CUTOFF, Candidates, subjects

    rng = random.Random(seed)
    vocabulary = ["somn", "somnbesvar", "angest", "angestsyndrom", "depression", "depresion",
                  "kbt", "unga", "vuxna", "barn", "smarta", "langvarig", "stod", "internet",
                  "behandling", "insomni", "oro", "tinnitus", "somnskola", "vuxen"]  # fmt: skip
    items: list[tuple[int, dict[str, Any]]] = []
    for number in range(300):
        fields = {key: " ".join(rng.choices(vocabulary, k=rng.randint(1, 6)))
                  for key in ("title", "need", "target_group")}  # fmt: skip
        items.append((number, {"id": f"N-2026-{number:03d}", "status": "open", "_words": fields}))
    index = Candidates(items, common_share=1.0)
    known = subjects() | frozenset(w for _, data in items for t in data["_words"].values()
                                   for w in t.split())  # fmt: skip
    for _ in range(40):
        query = " ".join(
            rng.choices([*vocabulary, "somnhjalp", "angst", "xyz"], k=rng.randint(1, 3))
        )
        found = {tag: round(score, 6) for (tag, _), score in index.like(query, 10_000)}
        scores = {tag: _brute(query, data["_words"], known) for tag, data in items}
        expected = {tag: round(v, 6) for tag, v in scores.items() if v >= SIMILAR_CUTOFF}
        assert found == expected, query


def test_words_most_items_hold_nominate_nothing_in_the_index() -> None:
    from sobreg.reporting.search import Candidates

    items = [(n, {"id": f"N-2026-{n:03d}", "_words": {"title": f"internetbaserad behandling {n}"}})
             for n in range(100)]  # fmt: skip
    items.append((100, {"id": "N-2026-100", "_words": {"title": "behandling vid somnbesvar"}}))
    index = Candidates(items)
    assert index.like("internetbaserad behandling", 10) == []  # in every item: not a need
    assert [tag for (tag, _), _ in index.like("somnbesvar behandling", 10)] == [100]
    assert index.like("42", 10) == []  # numbers are not needs
