"""`sobreg report --year` (the annual follow-up) and `sobreg status` (where everything stands)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from sobreg.cli.common import (
    JsonOpt,
    LangOpt,
    ProgressBar,
    RegistryOpt,
    SkipOpt,
    apply,
    command_help,
    current_registry,
    echo,
    echo_json,
    echo_lines,
    table,
)
from sobreg.errors import EXIT_OK, UsageError
from sobreg.i18n import local, t

OutOpt = Annotated[
    Path | None, typer.Option("-o", "--output", metavar=t("metavar.file"), help=t("opt.output"))
]


def output_path(target: Path, registry: Any) -> Path:
    """Where `-o` may write: a file in an existing folder, outside the registry and `.git`."""
    resolved = registry.outside(target)
    if resolved.is_dir():
        raise UsageError("output.is_dir", path=str(target))
    if not resolved.parent.is_dir():
        raise UsageError("output.no_folder", path=str(target))
    return resolved


def write_output(target: Path, text: str | bytes) -> None:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.store.yamlio import atomic_write

    try:
        atomic_write(target, text)
    except OSError as exc:
        raise UsageError("output.failed", path=str(target), detail=exc.strerror or "") from None


def _terminal_report(data: dict[str, Any]) -> None:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.reporting.render import figures
    from sobreg.reporting.templates import number

    table(
        [t("report.measure"), t("report.count")],
        [[t("report.key." + k), str(v)] for k, v in figures(data)],
        t("report.title", year=data["year"]),
    )
    name, kind, date, days = t("col.title"), t("col.kind"), t("report.date"), t("report.days")
    sections: list[tuple[str, list[str], list[list[str]]]] = [
        ("report.produced", [name, kind, t("report.published")], [
            [p["name"], t(f"kind.{p['kind']}") if p["kind"] else "–", p["published"].isoformat()]
            for p in data["produced"]]),
        ("report.decided", [t("col.id"), name, t("report.outcome"), date, days], [
            [d["id"], d["title"], t(f"outcome.{d['outcome']}"), d["date"].isoformat(),
             str(d["days"] if d["days"] is not None else "–")] for d in data["decided"]]),
        ("report.overdue", [t("col.id"), name, days], [
            [o["id"], o["title"], str(o["days"])] for o in data["overdue"]]),
        ("report.deactivated", [name, date, t("report.reason"), t("report.replaced_by")], [
            [d["name"], d["date"].isoformat(), t(f"reason.{d['reason']}") if d["reason"] else "–",
             d["replaced_by"] or "–"] for d in data["deactivated"]]),
        ("report.reviews_due", [name, t("report.next_review")], [
            [r["name"], (r["next_review"].isoformat() if r["next_review"] else "–")
             + f" ({t('due.reason.' + r['reason'])})"] for r in data["reviews_due"]]),
    ]  # fmt: skip
    for key, headers, rows in sections:
        if rows:
            table(headers, [[str(c) for c in row] for row in rows], t(key))
    waits = data["decision_days"]
    echo(
        t(
            "report.decision_days",
            count=waits["count"],
            median=number(waits["median"]),
            longest=number(waits["longest"]),
        )
    )


def report(
    year: Annotated[
        int,
        typer.Option("--year", min=1900, max=2999, metavar=t("metavar.year"), help=t("opt.year")),
    ],
    fmt: Annotated[
        str,
        typer.Option("--format", metavar="text|md|html|json|csv|xlsx", help=t("opt.format")),
    ] = "text",
    output: OutOpt = None,
    as_json: JsonOpt = False,
    skip_invalid: SkipOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.actor import today
    from sobreg.cli.common import is_terminal
    from sobreg.reporting.answers import annual
    from sobreg.reporting.render import FORMATS, render

    apply(lang, registry)
    fmt = "json" if as_json else fmt  # docs/cli.md: --json is --format json
    if fmt not in (*FORMATS, "xlsx"):
        raise UsageError("report.format", format=fmt, formats=", ".join((*FORMATS, "xlsx")))
    reg, _ = current_registry(skip_invalid=skip_invalid)
    target = output_path(output, reg) if output else None
    with ProgressBar(t("validate.progress")) as progress:
        data = annual(reg, year, today(), progress)
    if fmt == "text" and target is None and is_terminal():
        _terminal_report(data)
        return EXIT_OK
    if fmt == "xlsx":
        # Lazy: the workbook's writer, for this format alone.
        from sobreg.reporting.workbook import workbook

        if target is None:
            raise UsageError("report.xlsx_needs_output")
        write_output(target, workbook(data, reg.process, today()))
        echo(t("report.written", path=str(output)), err=True)
        return EXIT_OK
    text = render(fmt, data, reg, today())
    if target is None:
        typer.echo(text, nl=False)
    else:
        write_output(target, text)
        echo(t("report.written", path=str(output)), err=True)
    return EXIT_OK


def status(
    as_json: JsonOpt = False,
    skip_invalid: SkipOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.actor import today
    from sobreg.reporting.annual import status as status_of
    from sobreg.reporting.answers import cached_answer

    apply(lang, registry)
    reg, _ = current_registry(skip_invalid=skip_invalid)
    method = reg.evaluation
    new_version = method.re_review.on_new_version if method else True
    day = today()
    data = cached_answer(
        reg,
        "status",
        (day.isoformat(), new_version),
        lambda items: status_of(reg.process, items, day, new_version),
    )
    if as_json:
        echo_json(data)
        return EXIT_OK
    steps = [
        [s.id, local(s.name.model_dump()), str(data["by_step"].get(s.id, 0))]
        for s in reg.process.steps
    ]
    table([t("col.step"), t("col.title"), t("report.count")], steps, t("dash.by_step"))
    waiting = [
        [str(r["id"]), str(r["title"]), str(r["step"]), str(r["days"] if r["days"] is not None
         else "–") + (" !" if r["overdue"] else "")]
        for r in data["open_nominations"]
    ]  # fmt: skip
    if waiting:
        headers = [t("col.id"), t("col.title"), t("col.step"), t("dash.days_in_step")]
        table(headers, waiting, t("dash.open", count=len(waiting)))
        if any(r["overdue"] for r in data["open_nominations"]):
            echo(t("dash.overdue_mark"))
    lines = [t("dash.overdue", count=len(data["overdue"]))]
    lines.append(t("dash.reviews_due", count=len(data["reviews_due"])))
    for r in data["reviews_due"]:
        when = f" ({r['next_review'].isoformat()})" if r["next_review"] else ""
        lines.append(f"  {r['id']}  {r['name']}: {t('due.reason.' + r['reason'])}{when}")
    # A program's life after j (process.yaml's life:), when the process defines it.
    for key, line in (
        ("changes_unreviewed", lambda r: f"{r['version']}: {', '.join(r['missing'])}"),
        ("follow_up_missing", lambda r: str(r["year"])),
        ("consider_deactivation", lambda r: str(r["year"])),
    ):
        if key in data:
            lines.append(t(f"dash.{key}", count=len(data[key])))
            lines += [f"  {r['id']}  {r['name']}: {line(r)}" for r in data[key]]
    if data.get("process_expired"):
        lines.append(expired_warning(reg.process))
    echo_lines(lines)
    return EXIT_OK


def register(app: typer.Typer) -> None:
    app.command("report", help=command_help("report"))(report)
    app.command("status", help=command_help("status"))(status)


def expired_warning(process: Any) -> str:
    """The warning that the routine in process.yaml is past its `valid_until`."""
    return t("process.expired", title=local(process.title.model_dump()),
             date=process.valid_until.isoformat())  # fmt: skip
