"""Find the registry and read its files: fast safe loads for reading, round-trip docs for edits."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sobreg.errors import EnvironmentFailure, Issue, RefusedError, UsageError
from sobreg.i18n import nearest
from sobreg.models.ids import item_type_of
from sobreg.models.layout import FOLDERS, SCHEMA_NAMES, kind_of_rel, model_for
from sobreg.models.plain import plain
from sobreg.store import definitions, yamlio
from sobreg.store.names import printable

if TYPE_CHECKING:
    from sobreg.models import EvaluationMethod, ProcessDefinition, RolesFile


def find_registry(option: str | None = None, start: Path | None = None) -> Path:
    """The registry folder: `--registry`, else `SOBREG_REGISTRY`, else walk up from `start`."""
    explicit = option or os.environ.get("SOBREG_REGISTRY")
    if explicit:
        path = Path(explicit).expanduser()
        if (path / "process.yaml").is_file():
            return path.resolve()
        raise EnvironmentFailure("registry.not_found_at", path=str(path))
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "registry" / "process.yaml").is_file():
            return folder / "registry"
        if (folder / "process.yaml").is_file():
            return folder
    raise EnvironmentFailure("registry.not_found", start=str(here))


def git_dir(start: Path) -> Path | None:
    """The `.git` folder of the repository holding `start`, found without starting git."""
    for folder in (start, *start.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():  # a worktree or submodule: "gitdir: <path>"
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                return (folder / text.split(":", 1)[1].strip()).resolve()
    return None


def regular(path: Path, shown: str) -> None:
    """Refuse an item that is a link, a folder or anything but a regular file: it is never
    followed out of the registry, nor read."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise RefusedError("validate.not_regular", path=shown)


def _cwd_prefix() -> str:
    return os.getcwd().rstrip(os.sep) + os.sep


@dataclass(frozen=True)
class Item:
    """One item as a command names it: its id, checked; its type; its file. Worked out once, when
    the command opens it, and passed down."""

    id: str
    type: str
    path: Path


@dataclass
class Registry:
    """A registry folder and the definitions that govern it."""

    root: Path
    # Read-only commands over the whole registry refuse (exit 1) when a file cannot be read,
    # naming it, unless the user asked to skip such files (--skip-invalid).
    skip_invalid: bool = False
    # What the last `item_paths` found in the item folders that is not an item file.
    stray: list[str] = field(default_factory=list)
    # The commit HEAD named when a writing command started (before it waited for the lock).
    seen_head: str | None = None

    def rel(self, path: Path | str) -> str:
        """A path as shown to users: relative to the current folder when inside it; a name that
        is not UTF-8 is shown with its bytes escaped."""
        text, here = printable(str(path)), _cwd_prefix()
        if text.startswith(here):
            return text[len(here) :]
        try:
            shown = os.path.relpath(path, Path.cwd())
        except ValueError:
            return str(path)
        return str(path) if shown.startswith("..") else shown

    @cached_property
    def process(self) -> ProcessDefinition:
        return self._load_definition("process.yaml")

    @cached_property
    def evaluation(self) -> EvaluationMethod | None:
        if not (self.root / "evaluation.yaml").is_file():
            return None
        return self._load_definition("evaluation.yaml")

    @cached_property
    def roles(self) -> RolesFile | None:
        if not (self.root / "roles.yaml").is_file():
            return None
        return self._load_definition("roles.yaml")

    def _load_definition(self, name: str) -> Any:
        path = self.root / name
        text = yamlio.read_text(path, self.rel(path))
        found = definitions.cached(git_dir(self.root), self.root, name, text)
        if found is not None:
            return found
        # Lazy: only a definition read anew is validated (its model built, ~0.06 s).
        from pydantic import ValidationError

        data = yamlio.load_safe(text, self.rel(path))
        try:
            model = model_for(name).model_validate(data)
        except ValidationError as exc:
            raise RefusedError("registry.definition_invalid", path=self.rel(path)) from exc
        # Plain on every read, first or kept, so no command can come to depend on the form.
        found = plain(model)
        definitions.keep(git_dir(self.root), self.root, name, text, found)
        return found

    def item_path(self, item_id: str) -> Path:
        item_type = item_type_of(item_id)
        return self.root / FOLDERS[item_type] / f"{item_id}.yaml"

    def item(self, item_id: str | Item, item_type: str | None = None) -> Item:
        """The item `item_id` names (refused, exit 2, when it is no id at all); `item_type` when
        the id was already checked and its type worked out; an `Item` is itself."""
        if isinstance(item_id, Item):
            return item_id
        item_type = item_type or item_type_of(item_id)
        return Item(item_id, item_type, self.root / FOLDERS[item_type] / f"{item_id}.yaml")

    def item_files(self, item_type: str | None = None) -> list[Path]:
        return [Path(p) for p in self.item_paths(item_type)]

    def item_paths(self, item_type: str | None = None) -> list[str]:
        """The item files as strings, sorted: Path objects cost ~0.1 s over 10,000 files."""
        types = [item_type] if item_type else list(FOLDERS)
        files: list[str] = []
        self.stray = []
        for kind in types:
            folder = os.path.join(self.root, FOLDERS[kind])
            if os.path.isdir(folder):
                with os.scandir(folder) as entries:
                    # Every entry named like an item, links, folders and FIFOs too: those are
                    # refused by name when scanned, never skipped in silence.
                    every = [e.name for e in entries]
                names = sorted(n for n in every if n.endswith((".yaml", ".yml")))
                prefix = folder + os.sep
                files.extend([prefix + name for name in names])
                # Anything else (`*.YAML`, `x.yaml~`, a subfolder) no command reads: `validate`
                # names it. Hidden files (`.gitkeep`, sobreg's own temporary files) are left.
                self.stray += sorted(
                    prefix + n for n in every if not n.endswith((".yaml", ".yml")) and n[:1] != "."
                )
        return files

    def exists(self, item_id: str) -> bool:
        try:
            return self.item_path(item_id).is_file()
        except RefusedError:
            return False

    def unknown(self, item_id: str) -> RefusedError:
        """The refusal of an id no file holds, with the nearest ids that exist."""
        ids = [p.name[:-5] for folder in FOLDERS.values() if (self.root / folder).is_dir()
               for p in os.scandir(self.root / folder) if p.name.endswith(".yaml")]  # fmt: skip
        return RefusedError("item.unknown", id=item_id, near=nearest(item_id, ids))

    def load_data(self, item_id: str) -> dict[str, Any]:
        """An item's data as plain values (fast path), refusing an unknown id."""
        path = self.item_path(item_id)
        regular(path, self.rel(path))
        if not path.is_file():
            raise self.unknown(item_id)
        data = yamlio.load_safe(yamlio.read_text(path, self.rel(path)), self.rel(path))
        if not isinstance(data, dict):
            raise RefusedError("validate.not_mapping", path=self.rel(path))
        return data

    def items(self, item_type: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
        """(type, data) of every item file, for the catalogue; a file that cannot be read is
        refused at the end, naming it, unless `skip_invalid`."""
        unreadable: list[Issue] = []
        for path in self.item_files(item_type):
            shown = self.rel(path)
            try:
                data = yamlio.load_safe(yamlio.read_text(path, shown), shown)
            except yamlio.YamlProblem as exc:
                unreadable.append(Issue(shown, exc.line, exc.col, "", exc.key, dict(exc.params)))
                continue
            if not isinstance(data, dict):
                unreadable.append(Issue(shown, 1, 1, "", "validate.not_mapping", {}))
                continue
            kind = "nomination" if path.parent.name == FOLDERS["nomination"] else "program"
            yield kind, data
        self.refuse_unreadable(unreadable)

    def refuse_unreadable(self, unreadable: list[Issue]) -> None:
        """A whole-registry answer is never silently wrong about a file it could not read."""
        if unreadable and not self.skip_invalid:
            raise RefusedError("registry.unreadable", count=len(unreadable), issues=unreadable)

    def outside(self, target: Path) -> Path:
        """`target` resolved, refused (exit 2) when it is in or contains the registry or the git
        folder: outputs (`report -o`, `publish --out`) must never land among governed files."""
        resolved = target.expanduser().resolve()
        root = self.root.resolve()
        for forbidden in (root, git_dir(root) or root / ".git"):
            if (
                resolved == forbidden
                or forbidden in resolved.parents
                or resolved in forbidden.parents
            ):
                raise UsageError("output.forbidden", path=str(target), folder=str(forbidden))
        return resolved

    def load_roundtrip(self, item: Item) -> tuple[str, Any]:
        """The original text and round-trip document of an item's file, for an edit."""
        path = item.path
        shown = self.rel(path)
        regular(path, shown)
        if not path.is_file():
            raise self.unknown(item.id)
        text = yamlio.read_text(path, shown)
        doc = yamlio.load_roundtrip(text, shown)
        if not isinstance(doc, dict):
            # Empty, `null` or a list: nothing an edit could build on.
            raise RefusedError("validate.not_mapping", path=shown)
        return text, doc

    def schema_ref(self, kind: str) -> str:
        """The relative `$schema` reference for a file of this kind, from its own folder."""
        return f"../../schemas/{SCHEMA_NAMES[kind]}.schema.json"


def open_registry(option: str | None = None) -> Registry:
    return Registry(find_registry(option))


def item_type_of_path(registry_root: Path, path: Path) -> str | None:
    """'nomination', 'program', a special file name, or None for a file sobreg does not govern."""
    try:
        rel = path.resolve().relative_to(registry_root.resolve())
    except ValueError:
        return None
    return kind_of_rel(rel.as_posix())
