"""The repository's own registry, schemas, templates and hook definitions are valid (issue 2)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO_ROOT, cli

from sobreg.models.ids import slugify
from sobreg.reporting.templates import environment
from sobreg.store import yamlio
from sobreg.store.registry import Registry
from sobreg.validation import schemas

SEED_INVENTORY = [
    "Spelberoende",
    "Stress",
    "Sov hjälpen",
    "Smärta",
    "Huvudvärk",
    "Ätstörningar",
    "ADHD",
    "Ångest",
    "MS",
    "Brännskador",
    "Insomning",
    "Oro",
    "Bättre självkänsla",
    "IBS",
    "Paniksyndrom",
    "Depression",
    "Smärta och ångest",
    "Parkinson",
    "Dysmorfofobi",
    "Tinnitus",
    "Pengaspel",
    "Fibromyalgi",
    "Koll på Asperger",
    "Alkohol",
]


def test_own_registry_validates() -> None:
    ran = cli("validate", "--registry", str(REPO_ROOT / "registry"))
    assert ran.code == 0, ran.stdout


def test_registry_holds_the_national_inventory_and_nothing_invented() -> None:
    programs = sorted((REPO_ROOT / "registry" / "programs").glob("*.yaml"))
    assert sorted(p.stem for p in programs) == sorted(slugify(n) for n in SEED_INVENTORY)
    for path in programs:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schemas/program.schema.json")
        data = yamlio.load_safe(text, str(path))
        assert data["origin"] == "national_inventory" and data["status"] == "inventoried"
        assert data["name"] in SEED_INVENTORY
        assert not {"kind", "assessments", "implementation", "project"} & set(data)
    assert not list((REPO_ROOT / "registry" / "nominations").glob("*.yaml"))


def test_process_encodes_steps_a_to_k() -> None:
    from sobreg.store.registry import Registry

    process = Registry(REPO_ROOT / "registry").process
    assert [s.id for s in process.steps] == list("abcdefghijk")
    assert process.step("b").target_days == 30
    assert process.step("d").only_when == {"council_position.to_ppr": True}
    for name in ("process.yaml", "evaluation.yaml"):
        assert (
            (REPO_ROOT / "registry" / name)
            .read_text(encoding="utf-8")
            .startswith("# yaml-language-server:")
        )


def test_schemas_are_fresh_and_draft07() -> None:
    process = Registry(REPO_ROOT / "registry").process
    assert schemas.stale(REPO_ROOT / "schemas", process) == [], "run `sobreg schema`, commit them"
    assert schemas.build("nomination")["$schema"] == schemas.DRAFT_07
    assert "$defs" not in schemas.render("program")
    assert cli("schema", "--check", "--out", str(REPO_ROOT / "schemas")).code == 0


def test_schema_check_fails_when_stale(tmp_path: Path) -> None:
    assert cli("schema", "--check", "--out", str(tmp_path)).code == 1
    assert cli("schema", "--out", str(tmp_path)).code == 0
    assert cli("schema", "--check", "--out", str(tmp_path)).code == 0


def test_templates_parse() -> None:
    env = environment()
    names = env.list_templates()
    assert names
    for name in names:
        env.get_template(name)


def _hook_patterns(path: Path) -> list[str]:
    data = yamlio.load_safe(path.read_text(encoding="utf-8"), str(path))
    hooks = data if isinstance(data, list) else [h for r in data["repos"] for h in r["hooks"]]
    return [
        h["files"] for h in hooks if h["id"].startswith("sobreg-") and h["id"] != "sobreg-schema"
    ]


def test_hook_patterns_match_registry_files_only() -> None:
    for source in (REPO_ROOT / ".pre-commit-hooks.yaml", REPO_ROOT / ".pre-commit-config.yaml"):
        patterns = _hook_patterns(source)
        assert len(patterns) == 3
        for pattern in patterns:
            for path in (
                "registry/nominations/N-2026-001.yaml",
                "registry/programs/sov-hjalpen.yaml",
                "registry/process.yaml",
                "registry/evaluation.yaml",
                "registry/roles.yaml",
                "vgr/registry/programs/adhd.yml",
            ):
                assert re.search(pattern, path), (pattern, path)
            for path in (
                "README.md",
                "schemas/program.schema.json",
                "registry/programs/notes.txt",
                "tests/examples/invalid/tab.yaml",
                "registry/other.yaml",
                "src/sobreg/models/program.py",
            ):
                assert not re.search(pattern, path), (pattern, path)


def test_every_command_has_help_with_an_example() -> None:
    from sobreg.cli.app import build_app

    for lang in ("sv", "en"):
        from sobreg.i18n import set_language

        set_language(lang)
        app = build_app()
        commands = app.registered_commands
        assert len(commands) >= 11
        for command in commands:
            text = command.help or ""
            assert "sobreg " in text and ("Exempel" in text or "Example" in text), command.name
            ran = cli(str(command.name), "--help", lang=lang)
            assert ran.code == 0 and "sobreg " in ran.stdout
        # Groups (`sources`) and their commands too.
        assert [g.name for g in app.registered_groups] == ["sources"]
        for group in app.registered_groups:
            assert group.typer_instance is not None
            for command in group.typer_instance.registered_commands:
                text = command.help or ""
                assert "Exempel" in text or "Example" in text, command.name
                ran = cli(str(group.name), str(command.name), "--help", lang=lang)
                assert ran.code == 0 and f"sobreg {group.name} {command.name}" in ran.stdout
