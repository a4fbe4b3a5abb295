"""Validate registry files: collect every problem, keyed by file, with line and column.

Parsing uses the fast safe loader; only a file that fails is parsed again in round-trip mode to
find where each problem stands. Rules that span files (ids, links) run after every file is read.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sobreg.engine import chain, life
from sobreg.engine.summary import links, summary
from sobreg.errors import Issue, RefusedError
from sobreg.models.ids import is_nomination_id, is_program_id
from sobreg.models.layout import FOLDER_KINDS, FOLDERS, SPECIAL_FILES, kind_of_rel, model_for
from sobreg.store import cache, yamlio
from sobreg.store.itemcache import scan, unchanged_keys
from sobreg.store.registry import Registry, git_dir, item_type_of_path, printable

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sobreg.models import ProcessDefinition


CACHED_RESULTS = 4  # whole-registry results remembered: a few folders they were shown from
WARNINGS = frozenset(
    {"chain.unchained", "chain.content_changed", "validate.ignored", "form.file_blocks"}
)


@dataclass
class CheckResult:
    valid: list[str] = dc_field(default_factory=list)
    errors: list[Issue] = dc_field(default_factory=list)
    # Not invalid: an item not yet sealed into its chain, content changed after its last entry.
    warnings: list[Issue] = dc_field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(slots=True)
class _Parsed:
    path: Path | str
    shown: str
    kind: str
    text: str | None = None
    data: Any = None
    issues: list[Issue] = dc_field(default_factory=list)
    doc: Any = None  # the round-trip document, when the caller has it in memory
    raw: bytes | None = None  # the bytes read, when the file was read from them (`_text`)
    plain: bool = False  # no text in it can hold a control character (`yamlfast.control_free`)


def _text(parsed: _Parsed) -> str | None:
    """The text parsed, decoded from its bytes only when a problem's position is looked for
    (the Rust reader read them as UTF-8 already)."""
    if parsed.text is None and parsed.raw is not None:
        parsed.text = parsed.raw.decode("utf-8")
    return parsed.text


def _issue(parsed: _Parsed, field_path: str, key: str, **params: Any) -> Issue:
    line, col = 1, 1
    if parsed.doc is not None:
        line, col = yamlio.position(parsed.doc, [_part(p) for p in field_path.split(".")])
        return Issue(parsed.shown, line, col, field_path, key, params)
    if _text(parsed) is None and field_path:  # a cached verdict: read the file for the position
        try:
            parsed.text = yamlio.read_text(Path(parsed.path), parsed.shown)
        except yamlio.YamlProblem:
            parsed.text = None
    if parsed.text is not None and field_path:
        try:
            doc = yamlio.load_roundtrip(parsed.text, parsed.shown)
            line, col = yamlio.position(doc, [_part(p) for p in field_path.split(".")])
        except yamlio.YamlProblem:
            pass
    return Issue(parsed.shown, line, col, field_path, key, params)


def _part(part: str) -> str | int:
    return int(part) if part.isdigit() else part


def _parse(path: str, shown: str, kind: str, raw: bytes | None) -> _Parsed:
    """A file's data from its bytes (`raw`, None when they could not be read: read again here,
    to say why), or the problem of reading it."""
    parsed = _Parsed(path=path, shown=shown, kind=kind)
    try:
        if raw is None:
            parsed.text = yamlio.read_text(Path(path), shown)
            parsed.data = yamlio.load_safe(parsed.text, shown)
        else:
            parsed.data, parsed.text, parsed.plain = yamlio.load_bytes(raw, shown)
            parsed.raw = raw
    except yamlio.YamlProblem as exc:
        parsed.issues.append(Issue(exc.path, exc.line, exc.col, "", exc.key, dict(exc.params)))
        return parsed
    if not isinstance(parsed.data, dict):
        parsed.issues.append(Issue(parsed.shown, 1, 1, "", "validate.not_mapping", {}))
        parsed.data = None
    return parsed


def _validate_model(parsed: _Parsed, kind: str) -> BaseModel | None:
    try:
        found: BaseModel = _validator(kind, parsed.plain)(parsed.data)
        return found
    except Exception as exc:
        # Lazy: a warm `validate` answers from the cache and never loads pydantic.
        from pydantic import ValidationError

        from sobreg.validation.modelissues import pydantic_issues

        if not isinstance(exc, ValidationError):
            raise
        issues = pydantic_issues(parsed.shown, _text(parsed), exc, parsed.doc, model_for(kind))
        parsed.issues.extend(issues)
        return None


@functools.cache
def _validator(kind: str, plain: bool) -> Callable[[Any], Any]:
    """What validates the data of a `kind` of file, looked up once a process (it is asked for
    every file validated). `plain`: its texts cannot hold a control character, so the model's
    check of each is left out (`without_control_pattern`)."""
    model = model_for(kind)
    if not plain:
        return model.model_validate
    # Lazy: as in `_validate_model`.
    from sobreg.models.validators import without_control_pattern

    validator: Callable[[Any], Any] = without_control_pattern(model).validate_python
    return validator


def _item_rules(parsed: _Parsed, process: ProcessDefinition | None) -> None:
    data = parsed.data
    stem, suffix = _stem_suffix(str(parsed.path))
    item_id = data.get("id")
    if isinstance(item_id, str) and item_id != stem:
        parsed.issues.append(
            _issue(parsed, "id", "validate.id_mismatch", id=item_id, stem=printable(stem))
        )
    if suffix != ".yaml":
        parsed.issues.append(_issue(parsed, "", "validate.suffix"))
    step = data.get("step")
    if process is not None and step is not None and isinstance(step, str):
        owner = next((s for s in process.steps if s.id == step), None)
        if owner is None or owner.item != parsed.kind:
            allowed = ", ".join(s.id for s in process.steps_of(parsed.kind))
            parsed.issues.append(
                _issue(parsed, "step", "validate.step_unknown", step=step, allowed=allowed)
            )
    if process is not None and process.life is not None and parsed.kind == process.life.item:
        # The year's bound needs today, which a cached verdict cannot: it is checked at writing.
        for index, record in enumerate(data.get("follow_up") or []):
            if isinstance(record, dict):
                for field, key, params in life.follow_up_problems(process.life, record, 9999):
                    where = f"follow_up.{index}" + (f".{field}" if field else "")
                    parsed.issues.append(_issue(parsed, where, key, **params))
    try:
        broken, warned = chain.problems(data)
    except ValueError:
        # A number past Python's 4,300-digit conversion limit: no digest can be made of it
        # (and no model takes it); said, never a crash.
        parsed.issues.append(_issue(parsed, "", "validate.number_too_large"))
        return
    for number, key in broken:
        parsed.issues.append(_issue(parsed, f"history.{number - 1}", key, index=number))
    # Warnings are placed at the file's start: finding the key's position costs a round-trip
    # parse, which 10,000 not-yet-sealed items cannot afford.
    parsed.issues += [Issue(parsed.shown, 1, 1, "history", key, {}) for key in warned]


def _stem_suffix(path: str) -> tuple[str, str]:
    """`Path(path).stem` and `.suffix`, by string work: run for every file validated, where
    building a Path cost more than the rule."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        return name[:dot], name[dot:]
    return name, ""


def _link_rules(registry: Registry, items: dict[str, _Parsed], whole: bool) -> None:
    def find(item_id: str) -> dict[str, Any] | None:
        if item_id in items:
            return items[item_id].data
        if whole or not registry.exists(item_id):
            return None
        try:
            return registry.load_data(item_id)
        except Exception:
            return None

    for item_id, parsed in items.items():
        data = parsed.data
        if parsed.kind == "nomination" and data.get("program"):
            target = find(data["program"])
            if target is None:
                parsed.issues.append(
                    _issue(parsed, "program", "validate.link_missing", target=data["program"])
                )
            elif target.get("nomination") != item_id:
                parsed.issues.append(
                    _issue(parsed, "program", "validate.link_one_way", target=data["program"])
                )
        if parsed.kind == "program":
            if data.get("nomination"):
                target = find(data["nomination"])
                if target is None:
                    parsed.issues.append(
                        _issue(
                            parsed, "nomination", "validate.link_missing", target=data["nomination"]
                        )
                    )
                elif target.get("program") != item_id:
                    parsed.issues.append(
                        _issue(
                            parsed, "nomination", "validate.link_one_way", target=data["nomination"]
                        )
                    )
            national = data.get("national")
            source = national.get("source") if isinstance(national, dict) else None
            if source and source not in national_sources(registry):
                parsed.issues.append(
                    _issue(parsed, "national.source", "validate.national_source",
                           source=str(source)[:60])
                )  # fmt: skip
            replaced_by = (data.get("deactivation") or {}).get("replaced_by")
            # Another registry's SOURCE:ID names a source of sources.yaml; {name} is outside both.
            if isinstance(replaced_by, str) and (
                registry_sources(registry).isdisjoint([replaced_by.split(":")[0]])
                if ":" in replaced_by
                else find(replaced_by) is None
            ):
                parsed.issues.append(
                    _issue(
                        parsed,
                        "deactivation.replaced_by",
                        "validate.link_missing",
                        target=replaced_by,
                    )
                )


def national_sources(registry: Registry) -> set[str]:
    """The names sources.yaml gives to national registries (none when it is missing or invalid:
    sources.yaml's own problems are reported on it)."""
    return registry_sources(registry, "national")


def registry_sources(registry: Registry, kind: str | None = None) -> set[str]:
    """The names of the sources in sources.yaml (of `kind` when given)."""
    # Lazy: sources.yaml is read only when a program names another registry.
    from sobreg.store.sourcelist import listed

    try:
        found = listed(registry)["sources"]
    except (RefusedError, yamlio.YamlProblem, OSError):
        return set()
    return {s["name"] for s in found if kind is None or s["kind"] == kind}


def verdict(registry: Registry, path: str, kind: str, raw: bytes | None) -> Any:
    """One file's own problems and its links, as plain values (cached by `itemcache`)."""
    if kind == "outside":
        shown = registry.rel(registry.root)
        return ([(1, 1, "", "validate.outside", {"root": shown})], None)
    # The path a problem is placed at is left out of what is kept (`_issues_to_cache`): `check`
    # shows each file as seen from where it runs. So the file's own path stands in for it here,
    # not one made relative to the current folder for each of 10,000 files.
    parsed = _parse(path, path, kind, raw)
    if parsed.data is not None:
        _validate_model(parsed, kind)
        if kind in FOLDERS:
            try:
                process: ProcessDefinition | None = registry.process
            except Exception:  # process.yaml's own problems are reported on it
                process = None
            _item_rules(parsed, process)
        elif kind == "roles.yaml" and not parsed.issues:
            _role_rules(parsed, registry)
    return (_issues_to_cache(parsed), links(kind, parsed.data))


def _role_rules(parsed: _Parsed, registry: Registry) -> None:
    """Every role roles.yaml gives someone is one process.yaml defines (a misspelt role would
    otherwise lock its holder out, or hide a mistake, without a word)."""
    try:
        known = registry.process.roles
    except Exception:  # process.yaml's own problems are reported on it
        return
    for address, person in (parsed.data.get("people") or {}).items():
        for index, role in enumerate(person.get("roles") or []):
            if role not in known:
                parsed.issues.append(
                    _issue(parsed, f"people.{address}.roles.{index}", "validate.role_unknown",
                           role=str(role)[:60], allowed=", ".join(known))
                )  # fmt: skip


def _issues_to_cache(parsed: _Parsed) -> list[tuple[int, int, str, str, dict[str, Any]]]:
    """A file's issues as the item cache keeps them: without their path, which is shown as
    seen from where each command runs."""
    return [(i.line, i.col, i.field, i.key, i.params) for i in parsed.issues]


def summarised(registry: Registry, path: str, kind: str, raw: bytes | None) -> Any:
    """One item file's summary for the reports, and the problem of reading it when it could
    not be read (cached by `itemcache`). Not validated: a report counts what the files say,
    valid or not (validation is `validate`'s, in CI and pre-commit), so a report after an edit
    does not load the models."""
    parsed = _parse(path, path, kind, raw)  # the path shown is not kept, as in `verdict`
    return (_issues_to_cache(parsed), summary(kind, parsed.data))


def _named_as(parsed: _Parsed, item_id: str) -> bool:
    """The file's name is the item's id (`N-2026-001.yaml` holding `N-2026-001`)."""
    name = str(parsed.path).rsplit(os.sep, 1)[-1]
    return name.rsplit(".", 1)[0] == item_id


def _with_stray(registry: Registry, result: CheckResult) -> CheckResult:
    """The whole registry's result with a warning for each entry of the item folders that no
    command reads (listed by `item_paths`): never ignored in silence."""
    stray = [Issue(registry.rel(p), 1, 1, "", "validate.ignored", {}) for p in registry.stray]
    if not stray:
        return result
    return CheckResult(result.valid, result.errors, [*result.warnings, *stray])


def check(registry: Registry, paths: list[Path] | None = None, progress: Any = None) -> CheckResult:
    """Validate `paths` (default: the whole registry, definitions included)."""
    whole = not paths
    if whole:
        targets = [str(registry.root / n) for n in SPECIAL_FILES if (registry.root / n).is_file()]
        targets += registry.item_paths()
    else:
        # Where a path stands, its folders resolved but not the file: a link in the registry is
        # judged (and refused) as the registry's entry it is, not as the file it points to.
        root = str(registry.root.resolve()) + os.sep
        inside = {p: os.path.realpath(p.parent).rstrip(os.sep) + os.sep for p in paths or []}
        targets = [str(p) for p, folder in inside.items() if folder.startswith(root)]
        apart = [p for p, folder in inside.items() if not folder.startswith(root)]
    here = os.getcwd().rstrip(os.sep) + os.sep
    if whole:
        keys = unchanged_keys(registry, targets)
        cached_result = _cached_result(registry, here, keys) if keys is not None else None
        if cached_result is not None:
            return _with_stray(registry, cached_result)
    result = CheckResult()
    scanned = scan(registry, targets, verdict, progress, listing="all" if whole else "files")
    parsed_all: list[_Parsed] = []
    items: dict[str, _Parsed] = {}
    seen: dict[str, str] = {}
    for found in scanned:
        # Plain attribute work only: this loop runs over every file on every warm validate.
        path = found.path
        shown = printable(path[len(here) :]) if path.startswith(here) else registry.rel(path)
        parsed = _Parsed(path, shown, found.kind, None, found.summary)
        if found.issues:
            parsed.issues = [Issue(parsed.shown, *entry) for entry in found.issues]
            if found.kind == "outside":
                parsed.issues[0].path = parsed.shown
        parsed_all.append(parsed)
        data = found.summary
        if data is not None and found.kind in FOLDERS:
            item_id = data.get("id")
            if item_id.__class__ is not str or not (
                is_nomination_id(item_id) or is_program_id(item_id)
            ):
                continue
            if item_id in seen:
                first = items[item_id]
                if _named_as(first, item_id) or not _named_as(parsed, item_id):
                    parsed.issues.append(_issue(parsed, "id", "validate.duplicate_id",
                                                id=item_id, other=seen[item_id]))  # fmt: skip
                    continue
                # The copy seen first is the one whose name is not its id: it is the duplicate.
                first.issues.append(_issue(first, "id", "validate.duplicate_id", id=item_id,
                                           other=parsed.shown))  # fmt: skip
            seen[item_id] = parsed.shown
            items[item_id] = parsed
    _link_rules(registry, items, whole)
    if not whole:
        parsed_all += [_apart(registry, path, here) for path in apart]
    for parsed in parsed_all:
        if not parsed.issues:  # most files: nothing to sort into errors and warnings
            result.valid.append(parsed.shown)
            continue
        errors = [i for i in parsed.issues if i.key not in WARNINGS]
        result.warnings += [i for i in parsed.issues if i.key in WARNINGS]
        if errors:
            result.errors.extend(errors)
        else:
            result.valid.append(parsed.shown)
    if whole and all(found.key is not None for found in scanned):
        _cache_result(registry, here, [found.key for found in scanned if found.key], result)
    return _with_stray(registry, result) if whole else result


# A whole-registry check depends on nothing but its files' contents (their keys), sobreg's code
# and process.yaml (the fingerprint, in every cache key) and, for the paths shown, the current
# folder: a warm `validate` with nothing changed is answered from the last result.
def _result_file(registry: Registry, here: str, keys: list[str]) -> Path | None:
    return cache.answer_file(git_dir(registry.root), registry.root, "validate", here,
                             "\0".join(keys))  # fmt: skip


def _cached_result(registry: Registry, here: str, keys: list[str]) -> CheckResult | None:
    data = cache.load_answer(_result_file(registry, here, keys), "validate")
    if data is None:
        return None
    try:
        found = data[0]
        return CheckResult(
            list(found["valid"]),
            [Issue(*entry) for entry in found["errors"]],
            [Issue(*entry) for entry in found["warnings"]],
        )
    except (KeyError, TypeError):
        return None  # foreign or corrupt: checked anew


def _cache_result(registry: Registry, here: str, keys: list[str], result: CheckResult) -> None:
    place = _result_file(registry, here, keys)
    issues = {
        name: [(i.path, i.line, i.col, i.field, i.key, i.params) for i in found]
        for name, found in (("errors", result.errors), ("warnings", result.warnings))
    }
    cache.keep_answer(place, "validate", {"valid": result.valid, **issues}, CACHED_RESULTS)


def _apart(registry: Registry, path: Path, here: str) -> _Parsed:
    """A file outside the registry (a copy sent by e-mail, a draft, another region's file),
    judged by this registry's process as an item of the kind its folder or its id says: its
    own rules, not its links to other items, which are not here to be read."""
    full = str(path)
    shown = printable(full[len(here) :]) if full.startswith(here) else printable(full)
    kind = FOLDER_KINDS.get(path.parent.name) or kind_of_rel(path.name) or ""
    parsed = _Parsed(full, shown, kind or "program", None)
    try:
        parsed.text = yamlio.read_text(path, shown)
        parsed.doc = yamlio.load_roundtrip(parsed.text, shown)
    except yamlio.YamlProblem as exc:
        parsed.issues.append(Issue(shown, exc.line, exc.col, "", exc.key, dict(exc.params)))
        return parsed
    parsed.data = yamlio.to_plain(parsed.doc)
    if not isinstance(parsed.data, dict):
        parsed.issues.append(Issue(shown, 1, 1, "", "validate.not_mapping", {}))
        return parsed
    if not kind and "id" not in parsed.data:
        # Lazy: only a file outside the registry may be a filled-in form.
        from sobreg.validation import nominationform

        if nominationform.is_form_file(parsed.data):
            parsed.kind = "nomination"
            parsed.issues += nominationform.form_issues(
                registry.process, parsed.data, shown, parsed.text, parsed.doc
            )
            return parsed
    if not kind:  # by its id: N-YYYY-NNN is a nomination, anything else a program
        kind = "nomination" if is_nomination_id(str(parsed.data.get("id"))) else "program"
        parsed.kind = kind
    if _validate_model(parsed, kind) is not None and kind in FOLDERS:
        _item_rules(parsed, registry.process)
    return parsed


def check_document(
    registry: Registry, path: Path, doc: Any, data: Any = None, kind: str | None = None
) -> list[Issue]:
    """Validate an item's would-be content, in memory as the round-trip document that will be
    written (positions come from the document; nothing is parsed again). `data`: the document
    as plain data, when the caller has it already; `kind`: the item's type, likewise."""
    kind = kind or item_type_of_path(registry.root, path) or "program"
    data = yamlio.to_plain(doc) if data is None else data
    parsed = _Parsed(path=path, shown=registry.rel(path), kind=kind, data=data, doc=doc)
    if not isinstance(data, dict):
        return [Issue(parsed.shown, 1, 1, "", "validate.not_mapping", {})]
    if _validate_model(parsed, kind) is not None and kind in FOLDERS:
        _item_rules(parsed, registry.process)
    return [i for i in parsed.issues if i.key not in WARNINGS]
