"""`sobreg check`, `set`, `advance` and `withdraw`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from sobreg.cli.common import (
    ActorOpt,
    JsonOpt,
    LangOpt,
    RegistryOpt,
    command_help,
    echo,
    echo_json,
    open_item,
)
from sobreg.errors import EXIT_OK, EXIT_REFUSED, RefusedError, UsageError
from sobreg.i18n import local, t

FromFileOpt = Annotated[
    Path | None, typer.Option("--from-file", metavar=t("metavar.f"), help=t("opt.from_file"))
]


def read_mapping(path: Path) -> dict[str, Any]:
    """A YAML or JSON mapping from a file given on the command line."""
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.store import yamlio

    if not path.exists() or path.is_dir():
        raise UsageError("file.missing", path=str(path))
    if not path.is_file():
        # A device or a FIFO (/dev/null, /dev/zero): never read, it may never end.
        raise RefusedError("file.not_regular", path=str(path))
    text = yamlio.read_text(path, str(path))
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise yamlio.YamlProblem(
                "file.bad_json", path=str(path), line=exc.lineno, col=exc.colno, detail=exc.msg
            ) from None
    else:
        data = yamlio.load_safe(text, str(path))
    if not isinstance(data, dict):
        # The file is there but holds no mapping (empty, null, a list): refused, like bad data.
        raise RefusedError("file.not_mapping", path=str(path))
    return data


def _assignments(values: list[str] | None) -> list[tuple[str, Any]]:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.store.editing import parse_assignment

    return [parse_assignment(v) for v in values or []]


def check(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy (here and below): the engine loads the models, which `--help` must not pay for.
    from sobreg.cli import otherregistries
    from sobreg.cli.checklist import missing_lines, recommendation_lines
    from sobreg.engine.life import pending
    from sobreg.engine.process import applicable_after, missing, recommendations

    reg, item, _ = open_item(item_id, lang, registry)
    item_type = item.type
    data = reg.load_data(item_id)
    process = reg.process
    step = data.get("step")
    if not step or not process.has_step(step):
        raise RefusedError("process.not_in_process", id=item_id)
    lacking = missing(process, data, reg.exists)
    if process.life is not None and data.get("status") in process.life.statuses:
        # In use: what the latest version's kind of change still demands.
        lacking += pending(process.life, data)
    nxt = applicable_after(process, data, step) if step and process.has_step(step) else None
    ready = (
        not lacking and bool(step) and data.get("status") in process.rules(item_type).open_statuses
    )
    recommended = recommendations(process, data, step)
    # At the step that asks whether other regions have the same need: their open nominations.
    compared = otherregistries.compares_regions(reg, data)
    others = otherregistries.other_regions(reg, data) if compared else None
    if as_json:
        found = {
            "id": item_id,
            "step": step,
            "ready": ready,
            "missing": [m.field for m in lacking],
            "next": nxt.id if nxt else None,
            "recommended": recommended,
        }
        if others is not None:
            found["other_regions"] = otherregistries.other_regions_json(others)
        echo_json(found)
        return EXIT_OK if ready else EXIT_REFUSED
    name = local(process.step(step).name.model_dump()) if step and process.has_step(step) else "–"
    echo(
        t(
            "check.header",
            id=item_id,
            step=step or "–",
            name=name,
            status=t(f"status.{data.get('status')}"),
        )
    )
    for line in missing_lines(item_id, lacking):
        echo(line)
    for line in recommendation_lines(item_type, recommended):
        echo(line)
    if others is not None:
        for line in otherregistries.other_regions_lines(others):
            echo(line)
    echo(t("check.ready") if ready else t("check.not_ready", count=len(lacking)))
    return EXIT_OK if ready else EXIT_REFUSED


def set_(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    values: Annotated[
        list[str] | None, typer.Argument(metavar=t("metavar.key_values"), show_default=False)
    ] = None,
    from_file: FromFileOpt = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", metavar=t("metavar.text"), help=t("opt.set_reason")),
    ] = None,
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.operations.advance import set_fields

    reg, item, who = open_item(item_id, lang, registry, actor, writes=True)
    assignments = _assignments(values)
    merged = read_mapping(from_file) if from_file else None
    if not assignments and not merged:
        raise UsageError("set.nothing")
    result = set_fields(reg, item, assignments, merged, who, reason)
    if as_json:
        echo_json({"id": item_id, "commit": result.commit})
    else:
        echo(
            t("set.done", id=item_id, commit=(result.commit or "")[:10])
            if result.commit
            else t("set.unchanged", id=item_id)
        )
    return EXIT_OK


def advance(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", metavar=t("metavar.key_value"), help=t("opt.set")),
    ] = None,
    from_file: FromFileOpt = None,
    to: Annotated[
        str | None, typer.Option("--to", metavar=t("metavar.step"), help=t("opt.to"))
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", metavar=t("metavar.text"), help=t("opt.reason"))
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar=t("metavar.text"), help=t("opt.note"))
    ] = None,
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.engine.process import require_step
    from sobreg.operations.advance import move

    reg, item, who = open_item(item_id, lang, registry, actor, writes=True)
    if to:
        require_step(reg.process, to)
    if to and not reason:
        raise UsageError("process.reason_required")
    assignments = _assignments(sets)
    merged = read_mapping(from_file) if from_file else None
    result = move(
        reg,
        item,
        who,
        assignments=assignments,
        merged=merged,
        to=to,
        reason=reason,
        note=note,
    )
    if as_json:
        payload: dict[str, Any] = {
            "id": item_id,
            "from": result.from_step,
            "to": result.to_step,
            "status": result.status,
            "commit": result.commit,
        }
        if result.program:
            payload["program"] = result.program
        echo_json(payload)
    else:
        echo(_moved(reg, result))
    return EXIT_OK


def withdraw(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    reason: Annotated[
        str, typer.Option("--reason", metavar=t("metavar.text"), help=t("opt.reason"))
    ],
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    actor: ActorOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.operations.advance import move

    reg, item, who = open_item(item_id, lang, registry, actor, writes=True)
    result = move(reg, item, who, reason=reason, withdraw=True)
    if as_json:
        echo_json({"id": item_id, "commit": result.commit})
    else:
        echo(t("withdraw.done", id=item_id, commit=(result.commit or "")[:10]))
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("check", help=command_help("check"))(check)
    app.command("set", help=command_help("set"))(set_)
    app.command("advance", help=command_help("advance"))(advance)
    app.command("withdraw", help=command_help("withdraw"))(withdraw)


def _moved(reg: Any, result: Any) -> str:
    process = reg.process
    name = local(process.step(result.to_step).name.model_dump()) if result.to_step else ""
    lines = [
        t(
            "advance.done",
            id=result.id,
            src=result.from_step or "–",
            dst=result.to_step or "–",
            name=name,
            status=t(f"status.{result.status}"),
            commit=(result.commit or "")[:10],
        )
    ]
    for hist in result.entries:
        if hist.get("action") == "skip":
            lines.append(
                "  " + t("advance.skipped", step=hist.get("from"), reason=hist.get("reason"))
            )
    if result.program:
        lines.append("  " + t("advance.program", program=result.program))
    return "\n".join(lines)
