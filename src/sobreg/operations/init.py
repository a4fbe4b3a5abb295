"""Lay out a new registry: git repository, process and method, folders, schemas, pre-commit."""

from __future__ import annotations

from pathlib import Path

from sobreg.audit import repo as audit
from sobreg.audit.transaction import commit_files
from sobreg.errors import RefusedError
from sobreg.i18n import t
from sobreg.models.process import ProcessDefinition
from sobreg.reporting.templates import render
from sobreg.store import yamlio
from sobreg.store.files import make_folder, read_text
from sobreg.store.resources import resource
from sobreg.validation import schemas

# The registry files sobreg governs; also the `files` pattern of the pre-commit hooks.
FILES_PATTERN = (
    r"(^|/)registry/((nominations|programs)/[^/]+\.ya?ml"
    r"|(process|evaluation|roles|sources)\.ya?ml)$"
)


def init(folder: Path, actor: str) -> tuple[Path, str]:
    """Make `folder` a git repository holding a registry; returns the registry and the commit."""
    folder = folder.resolve()
    registry = folder / "registry"
    if (registry / "process.yaml").exists():
        raise RefusedError("init.exists", path=str(registry))
    make_folder(folder)
    audit.init_repository(folder)
    repo = audit.Git(folder)
    files: dict[Path, str] = {
        registry / "process.yaml": read_text(resource("defaults/process.yaml")),
        registry / "evaluation.yaml": read_text(resource("defaults/evaluation.yaml")),
        registry / "nominations" / ".gitkeep": "",
        registry / "programs" / ".gitkeep": "",
    }
    process = ProcessDefinition.model_validate(
        yamlio.load_safe(files[registry / "process.yaml"], "process.yaml")
    )
    for name, text in schemas.texts(process).items():
        files[folder / "schemas" / f"{name}.schema.json"] = text
    hooks = folder / ".pre-commit-config.yaml"
    if not hooks.exists():
        files[hooks] = render("init/pre-commit-config.yaml.j2", files_pattern=FILES_PATTERN)
    lint = folder / ".yamllint.yaml"
    if not lint.exists():  # yamllint's defaults, fitted to files people write prose in
        files[lint] = render("init/yamllint.yaml.j2")
    message = audit.message(t("commit.init"), "registry", "init", None, None)
    sha = commit_files(repo, files, message, actor)
    return registry, sha
