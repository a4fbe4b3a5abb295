"""Search that knows Swedish: inflections (Snowball's Swedish stemmer), compounds (their first
part, engine/compounds.py), typos and missing accents meet; unrelated subjects do not.

A catalogue of programs and open nominations as a region writes them; each query is what a
person types, with the item they mean. Every pair is found in the top three; every unrelated
pair not at all.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ADMIN, add_nomination, git, write_inventoried

from sobreg.reporting.search import search, similar
from sobreg.store.registry import Registry

# Programs are searched by their name, as the national inventory names them.
_PROGRAMS = {
    "somnhjalpen": "Sömnhjälpen",
    "angest": "Ångest",
    "oro": "Oro",
    "depression": "Depression",
    "smarta": "Smärta",
    "tinnitus": "Tinnitus",
    "alkohol": "Alkohol",
    "spelberoende": "Spelberoende",
    "paniksyndrom": "Paniksyndrom",
    "stress": "Stress",
    "huvudvark": "Huvudvärk",
    "atstorningar": "Ätstörningar",
    "battre-sjalvkansla": "Bättre självkänsla",
    "parkinson": "Parkinson",
}

# Open nominations: their title and need.
_NOMINATIONS = {
    "N-2026-001": ("Sömnskola för unga vuxna", "Unga vuxna med sömnproblem"),
    "N-2026-002": ("Föräldrastöd i tonåren", "Föräldrar till tonåringar med utagerande beteende"),
    "N-2026-003": ("Rökfri", "Vuxna som vill sluta röka eller snusa"),
    "N-2026-004": ("Egenvård vid diabetes", "Personer med diabetes typ 2"),
    "N-2026-005": ("Att leva med sorg", "Efterlevande efter ett dödsfall"),
    "N-2026-006": ("Tvångssyndrom", "Vuxna med tvångstankar och tvångshandlingar"),
    "N-2026-007": ("Magen i fokus", "Vuxna med känslig tarm och magsmärtor"),
    "N-2026-008": ("Migränskola", "Återkommande huvudvärk och migrän"),
}

# (query, the item meant): inflections, compounds, typos, missing accents.
_PAIRS = [
    ("sömnproblem", "somnhjalpen"),  # compound: sömn|problem meets Sömn|hjälpen
    ("sömnsvårigheter", "somnhjalpen"),
    ("sömnlöshet", "somnhjalpen"),
    ("sömn", "somnhjalpen"),
    ("somn", "somnhjalpen"),  # no accents
    ("sömnproblem unga vuxna", "N-2026-001"),
    ("ångestbesvär", "angest"),
    ("angest", "angest"),
    ("ångesten", "angest"),  # definite form
    ("orolig", "oro"),  # oro / orolig, one stem
    ("depressioner", "depression"),  # plural
    ("depresion", "depression"),  # typo
    ("tonårsdepression", "depression"),  # the subject at the end, a linking s
    ("smärtor", "smarta"),  # smärta / smärtor, one stem
    ("ryggsmärta", "smarta"),
    ("smärtbehandling", "smarta"),
    ("tinitus", "tinnitus"),  # typo
    ("tinnitusproblem", "tinnitus"),
    ("alkoholproblem", "alkohol"),
    ("spelproblem", "spelberoende"),
    ("föräldraskap tonåring", "N-2026-002"),
    ("tonåringar", "N-2026-002"),
    ("stressad", "stress"),
    ("stressymtom", "stress"),
    ("panikattacker", "paniksyndrom"),
    ("tarmbesvär", "N-2026-007"),
    ("diabetiker", "N-2026-004"),
    ("snusberoende", "N-2026-003"),
    ("sorgbearbetning", "N-2026-005"),
    ("tvångsbeteende", "N-2026-006"),
    ("ätstörningarna", "atstorningar"),
    ("migränanfall", "N-2026-008"),
    ("huvudvärken", "huvudvark"),
    ("självkänslan", "battre-sjalvkansla"),
]

# (query, an item it must not find): subjects that share letters, not meaning.
_UNRELATED = [
    ("parkering", "parkinson"),
    ("sömn", "spelberoende"),
    ("alkohol", "angest"),
    ("tinnitus", "somnhjalpen"),
    ("smärta", "stress"),
    ("diabetes", "N-2026-008"),
    ("migrän", "N-2026-003"),
    ("rökning", "N-2026-006"),
    ("spelberoende", "alkohol"),
    ("stressymtom", "N-2026-001"),
    ("panikångest", "N-2026-004"),
    ("depression", "N-2026-001"),
]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    from sobreg.operations.init import init

    home = tmp_path_factory.mktemp("home")
    (home / "gitconfig").write_text("[user]\n\tname = Test\n\temail = admin@vgregion.se\n")
    with pytest.MonkeyPatch.context() as patch:  # built once for the module's 45 tests
        patch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
        repo = tmp_path_factory.mktemp("swedish")
        init(repo, ADMIN)
        for program_id, name in _PROGRAMS.items():
            write_inventoried(repo, program_id, name)
        for nomination_id, (title, need) in _NOMINATIONS.items():
            add_nomination(repo, nomination_id, commit=False, title=title, need=need)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "the catalogue")
        yield Registry(repo / "registry")


@pytest.mark.parametrize(("query", "meant"), _PAIRS, ids=[q for q, _ in _PAIRS])
def test_a_swedish_query_finds_the_item_meant_in_the_top_three(
    catalogue: Registry, query: str, meant: str
) -> None:
    assert meant in [hit.id for hit in search(catalogue, query, limit=3)]


@pytest.mark.parametrize(("query", "other"), _UNRELATED, ids=[q for q, _ in _UNRELATED])
def test_an_unrelated_item_is_not_found(catalogue: Registry, query: str, other: str) -> None:
    assert other not in [hit.id for hit in search(catalogue, query)]


def test_the_pairs_are_thirty_and_the_unrelated_ten() -> None:
    assert len(_PAIRS) >= 30 and len(_UNRELATED) >= 10


def test_a_new_nomination_on_sleep_for_teenagers_meets_somnhjalpen(catalogue: Registry) -> None:
    # Issue 34, item 4: sömnproblem / sömnbesvär, tonåringar / tonåring.
    found = similar(catalogue, {"title": "Digitalt stöd vid sömnproblem hos tonåringar"})
    assert "somnhjalpen" in [hit.id for hit in found]


def test_a_new_program_for_young_adults_lists_the_open_sleep_nomination(
    catalogue: Registry,
) -> None:
    found = similar(catalogue, {"title": "Sömnhjälpen för unga vuxna"})
    assert "N-2026-001" in [hit.id for hit in found]


def test_compounds_split_only_at_a_known_word() -> None:
    from sobreg.engine.compounds import compound_parts
    from sobreg.reporting.search import subjects, words

    known, ends = [subjects()], subjects()
    assert compound_parts(words("sömnproblem")[0], known, ends) == ["somn"]
    assert compound_parts(words("ryggsmärta")[0], known, ends) == ["rygg", "smart"]
    # The linking s; the first part and the last each a subject.
    assert compound_parts(words("tonårsdepression")[0], known, ends) == ["tonar", "depression"]
    # A first part known from the catalogue's own words, not from the built-in subjects.
    assert compound_parts(words("gruppbehandling")[0], [*known, {"grupp"}], ends) == ["grupp"]
    assert compound_parts(words("parkering")[0], known, ends) == []
    assert compound_parts(words("panik")[0], known, ends) == []  # never its own part
    assert compound_parts(words("smärtbehandling")[0], known, ends) == ["smart"]  # no generic end
