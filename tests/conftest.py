"""Shared fixtures: isolated git identity, real registries in tmp folders, CLI drivers."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sobreg.i18n import set_language
from sobreg.store import yamlio

ADMIN = "admin@vgregion.se"
REPO_ROOT = Path(__file__).resolve().parents[1]

# What each step needs, as `--from-file` content (docs/cli.md §Fields).
NOMINATION_A: dict[str, Any] = {
    "title": "Internetbaserad KBT vid sömnbesvär för unga vuxna",
    "kind": "behandling",
    "request": "new",
    "nominator": {
        "name": "Anna Berg",
        "email": "anna.berg@vgregion.se",
        "unit": "Psykiatri Nordost",
        "role": "employee",
    },
    "anchoring": {"head_of_unit": True, "sob_contact": None},
    "need": "Långa väntetider på KBT för sömnbesvär",
    "target_group": {"description": "Unga vuxna 18–25 år", "children": False},
    "usage": "Som första steg i behandlingen",
    "costs": {"development_sek": 250000, "other_sek": 40000},
}
SCREENING = {
    "screening": {
        "feasible_in_sob": True,
        "kind_confirmed": True,
        "catalogue_searched": True,
        "similar_programs": [],
        "councils": ["Samordningsråd psykiatri"],
        "design_network": True,
    }
}
INVENTORY = {
    "inventory": {
        "regional_need": "Stort behov",
        "alternatives": [],
        "evidence": {"level": "moderate", "summary": "Flera RCT"},
        "practitioner_requirements": "Legitimerad psykolog",
        "national_guidelines": "I linje",
        "other_regions": "Skåne",
        "cost_effectiveness": "God",
    }
}
COUNCIL = {
    "council_position": {
        "decision": "support",
        "rationale": "Bra",
        "date": "2026-04-01",
        "council": "Samordningsråd psykiatri",
        "to_ppr": False,
        "ordered_introduction": False,
    }
}
DECISION = {
    "decision": {
        "outcome": "build",
        "rationale": "Beslut",
        "date": "2026-04-10",
        "program_id": "somnhjalpen",
    }
}
PROJECT = {
    "project": {
        "group": [{"name": "Anna Berg", "role": "innehåll"}],
        "plan": {"development": "2026", "evaluation": "ISI", "management": "Nordost"},
        "cost_calculation_sek": 300000,
    }
}
PRODUCTION = {
    "production": {
        "name": "Sömnhjälpen",
        "languages": ["sv"],
        "language_reviewed": True,
        "wcag21_checked": True,
        "design_guide_considered": True,
        "medical_device": {"is_device": "no", "basis": "Ingen diagnostisk funktion"},
    }
}
REVIEW = {
    "content_review": {
        "reviewer": {"name": "Eva Lund"},
        "independent": True,
        "date": "2026-06-01",
        "outcome": "approved",
    }
}
TESTING = {
    "testing": {
        "functional": {"date": "2026-06-10", "result": "passed"},
        "clinical": {"date": "2026-07-01", "result": "passed"},
    }
}
IMPLEMENTATION = {
    "implementation": {
        "published": "2026-09-01",
        "units": ["Psykiatri Nordost"],
        "follow_up_plan": "Årlig uppföljning",
        "owner": "Psykiatri Nordost",
    }
}


@pytest.fixture(autouse=True)
def both_forms_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write in every test seals what it writes: an item edited in two forms
    (`store.editing.Edited`, converted once and changed together) must hold the same data in
    both when its history is sealed, or the chain would seal other data than the file's."""
    from sobreg.engine import chain
    from sobreg.store import editing, yamlio

    made: list[editing.Edited] = []
    # Taken now: a test that counts the conversions sobreg makes does not count this check's.
    init, seal, to_plain = editing.Edited.__init__, chain.seal, yamlio.to_plain

    def tracked(self: editing.Edited, doc: Any) -> None:
        init(self, doc)
        made.append(self)

    def checked(item: dict[str, Any], count: int) -> list[tuple[str, str]]:
        for edited in made:
            if edited.data is item:
                assert to_plain(edited.doc) == item, "the document and its data differ"
        return seal(item, count)

    monkeypatch.setattr(editing.Edited, "__init__", tracked)
    monkeypatch.setattr(chain, "seal", checked)


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test sees the developer's git config or sobreg variables; commits have an identity."""
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text(
        "[user]\n\tname = Test Admin\n\temail = admin@vgregion.se\n[init]\n\tdefaultBranch = main\n"
    )
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("SOBREG_LOG_DIR", str(home / "logs"))
    for name in list(os.environ):
        if (name.startswith("SOBREG_") and name != "SOBREG_LOG_DIR") or name in (
            "GIT_DIR",
            "GIT_INDEX_FILE",
        ):
            monkeypatch.delenv(name, raising=False)
    set_language("sv")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh git repository with a registry made by `sobreg init`; the current folder."""
    from sobreg.operations.init import init

    init(tmp_path, ADMIN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@dataclass
class Ran:
    code: int
    stdout: str
    stderr: str


def cli(*args: str, lang: str = "sv") -> Ran:
    """Drive the app through Typer's CliRunner."""
    from sobreg.cli.app import build_app

    set_language(lang)
    result = CliRunner().invoke(build_app(list(args)), list(args), catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)


def sobreg(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None
) -> Ran:
    """Run sobreg as a user types it, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "sobreg", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.strip()


def write_yaml(path: Path, data: dict[str, Any], header: str = "") -> Path:
    from sobreg.store import yamlio
    from sobreg.store.editing import document

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + yamlio.dump_roundtrip(document(data)), encoding="utf-8")
    return path


def add_nomination(
    repo: Path, item_id: str = "N-2026-001", commit: bool = True, **extra: Any
) -> Path:
    """A nomination at step a with the form filled in, committed as a nominator would."""
    data: dict[str, Any] = {
        "id": item_id,
        "created": dt.date(2026, 3, 1),
        **NOMINATION_A,
        "step": "a",
        "status": "open",
    }
    data.update(extra)
    data["history"] = [
        {
            "at": dt.date(2026, 3, 1),
            "action": "nominate",
            "from": None,
            "to": "a",
            "status": "open",
            "actor": "anna.berg@vgregion.se",
        }
    ]
    path = write_yaml(
        repo / "registry" / "nominations" / f"{item_id}.yaml",
        data,
        "# yaml-language-server: $schema=../../schemas/nomination.schema.json\n",
    )
    if commit:
        commit_as_sobreg(repo, path, item_id, "nominate", "-", "a", "anna.berg@vgregion.se")
    return path


def commit_as_sobreg(
    repo: Path, path: Path, item_id: str, action: str, src: str, dst: str, actor: str
) -> None:
    """Commit a file as sobreg commits an action: its trailers, the actor as the author."""
    git(repo, "add", str(path))
    message = (f"{item_id}: {action}\n\nSobreg-Id: {item_id}\nSobreg-Action: {action}\n"
               f"Sobreg-From: {src}\nSobreg-To: {dst}\n")  # fmt: skip
    git(repo, "commit", "-q", f"--author={actor} <{actor}>", "-m", message)


@pytest.fixture
def data_file(tmp_path: Path) -> Iterator[Any]:
    """Write a mapping to a YAML file for --from-file."""
    counter = iter(range(10_000))

    def write(data: dict[str, Any]) -> str:
        path = tmp_path / "input" / f"data-{next(counter)}.yaml"
        write_yaml(path, data)
        return str(path)

    yield write


def input_file(tmp_path: Path, data: dict[str, Any], name: str = "a.yaml") -> Path:
    folder = tmp_path.parent / f"{tmp_path.name}-input"
    folder.mkdir(exist_ok=True)
    path = folder / name
    if name.endswith(".json"):
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yamlio.dump_roundtrip(data), encoding="utf-8")
    return path


def assessment(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": "2026-05-31",
        "assessors": [
            {
                "name": "Karin Ek",
                "role": "Hälsoekonom",
                "organisation": "Region Skåne",
                "email": "karin.ek@skane.se",
            },
            {"name": "Per Ås", "role": "Leg. psykolog", "organisation": "Region Stockholm"},
        ],
        "parts": {
            "questionnaire": {"date": "2026-04-01"},
            "scientific_review": {"date": "2026-05-01", "summary": "Två RCT i primärvård."},
            "demo_review": {"date": "2026-05-15"},
        },
        "scores": {
            "effect": {"score": "moderate", "note": "Två randomiserade studier."},
            **{
                c: {"score": "good"}
                for c in (
                    "health_economics",
                    "ethics",
                    "pedagogy_usability",
                    "accessibility",
                    "data_protection",
                    "clinical_safety",
                )
            },
        },
        "evidence_grade": "moderate",
        "recommendation": "recommended",
        "statement": "Programmet rekommenderas för vuxna med insomni.\n\nUppföljning behövs.",
    }
    data.update(changes)
    return data


def active_program(repo: Path, item_id: str = "somnhjalpen", **extra: Any) -> Path:
    data = {
        "id": item_id,
        "created": "2025-01-01",
        "name": "Sömnhjälpen",
        "kind": "behandling",
        "step": "j",
        "status": "active",
        "origin": "nomination",
        "project": {"group": [{"name": "Eva Lund", "role": "innehåll"}]},
        "content_review": {
            "reviewer": {"name": "Olle Berg", "email": "olle.berg@vgregion.se"},
            "independent": True,
            "date": "2025-03-01",
            "outcome": "approved",
        },
        "implementation": {"published": "2025-06-01", "units": ["Psykiatri"]},
        **extra,
        "history": [
            {
                "at": "2025-06-01",
                "action": "activate",
                "from": "j",
                "to": "j",
                "status": "active",
                "actor": ADMIN,
            }
        ],
    }
    path = write_yaml(repo / "registry" / "programs" / f"{item_id}.yaml", data)
    commit_as_sobreg(repo, path, item_id, "activate", "j", "j", ADMIN)
    return path


def write_doc(repo: Path, values: dict[str, Any]) -> str:
    from conftest import write_yaml

    folder = repo.parent / f"{repo.name}-input"
    path = folder / f"{len(list(folder.glob('*.yaml'))) if folder.exists() else 0}.yaml"
    write_yaml(path, values)
    return str(path)


def write_inventoried(repo: Path, program_id: str, name: str = "Sova bättre") -> Path:
    """A program of the national inventory (its name only), written, not committed."""
    return write_yaml(
        repo / "registry/programs" / f"{program_id}.yaml",
        {
            "id": program_id,
            "created": dt.date(2024, 1, 1),
            "name": name,
            "step": None,
            "status": "inventoried",
            "origin": "national_inventory",
            "history": [
                {
                    "at": dt.date(2024, 1, 1),
                    "action": "inventory",
                    "from": None,
                    "to": None,
                    "status": "inventoried",
                    "actor": "admin@vgregion.se",
                }
            ],
        },
    )


def add_inventoried(repo: Path, program_id: str) -> None:
    """`write_inventoried`, committed."""
    path = write_inventoried(repo, program_id)
    git(repo, "add", str(path))
    git(repo, "commit", "-q", "-m", "inventory")


def _browser(performance: bool = False) -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        if os.environ.get("SOBREG_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromedriver are required (SOBREG_REQUIRE_BROWSER)")
        pytest.skip("chromium/chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"):  # fmt: skip
        options.add_argument(flag)
    logs = {"browser": "ALL", **({"performance": "ALL"} if performance else {})}
    options.set_capability("goog:loggingPrefs", logs)
    # Chromium leaves its singleton socket's folder in TMPDIR after it quits: its own, removed.
    scratch = tempfile.mkdtemp(prefix="sobreg-chromium-")
    service = Service(driver_path, env={**os.environ, "TMPDIR": scratch})
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(scratch, ignore_errors=True)


@pytest.fixture
def browser() -> Iterator[Any]:
    yield from _browser()


# The fixture of several registries connected through git (tests/worlds.py).
# A bare shared remote that clones sync with (tests/clones.py).
from clones import remote  # noqa: E402, F401
from worlds import world  # noqa: E402, F401
