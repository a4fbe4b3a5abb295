"""The plain form of the definitions answers as the pydantic models do, and reading a kept
definition does not import pydantic (the reason the plain form exists)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sobreg.models.plain import Plain, PlainProcess, PlainRoles, plain
from sobreg.models.process import ProcessDefinition
from sobreg.models.roles import RolesFile
from sobreg.store import yamlio

ROOT = Path(__file__).resolve().parents[2] / "registry"


def _validated(name: str, model: type[ProcessDefinition]) -> ProcessDefinition:
    path = ROOT / name
    return model.model_validate(yamlio.load_safe(path.read_text(encoding="utf-8"), name))


def test_the_plain_process_dumps_and_answers_as_the_model() -> None:
    model = _validated("process.yaml", ProcessDefinition)
    view = plain(model)
    assert isinstance(model, ProcessDefinition) and isinstance(view, PlainProcess)
    assert view.model_dump() == model.model_dump()
    for step in model.steps:
        assert view.step(step.id).model_dump() == step.model_dump()
        assert view.has_step(step.id) and view.index(step.id) == model.index(step.id)
        assert view.step(step.id).name.model_dump() == step.name.model_dump()
    assert not view.has_step("z") and not view.has_step(None)
    for item in ("nomination", "program"):
        assert view.rules(item).model_dump() == model.rules(item).model_dump()
        assert [s.id for s in view.steps_of(item)] == [s.id for s in model.steps_of(item)]


def test_the_plain_roles_answer_as_the_model() -> None:
    data = {"people": {"Anna@VGregion.se": {"roles": ["sob_admin"]}}}
    model = RolesFile.model_validate(data)
    view = plain(model)
    assert isinstance(view, PlainRoles)
    for email in ("anna@vgregion.se", "ANNA@vgregion.se", "other@vgregion.se"):
        assert view.roles_of(email) == model.roles_of(email)


def test_plain_objects_compare_by_their_fields() -> None:
    assert Plain({"sv": "a", "en": None}) == Plain({"sv": "a", "en": None})
    assert Plain({"sv": "a"}) != Plain({"sv": "b"})
    assert Plain({"sv": "a"}) != PlainProcess({"sv": "a"})
    assert "sv='a'" in repr(Plain({"sv": "a"}))


def test_a_kept_process_is_read_without_pydantic(repo: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\nfrom sobreg.store.registry import Registry\n"
        f"process = Registry(Path({str(repo / 'registry')!r})).process\n"
        "print(process.step(process.steps[0].id).name.sv)\n"
        "print('pydantic' in sys.modules)\n"
    )
    kept = repo / ".git" / "sobreg" / "cache" / "definitions"
    for old in kept.glob("*.pickle"):
        old.unlink()
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert first.stdout.splitlines()[0] == again.stdout.splitlines()[0]
    assert first.stdout.splitlines()[1] == "True"  # validated the first time
    assert again.stdout.splitlines()[1] == "False"  # kept: plain objects only
