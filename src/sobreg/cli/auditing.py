"""`sobreg log`, `sobreg verify` and `sobreg repair`."""

from __future__ import annotations

from typing import Annotated

import typer

from sobreg.cli.common import (
    JsonOpt,
    LangOpt,
    RegistryOpt,
    apply,
    command_help,
    current_registry,
    echo,
    echo_json,
    open_item,
)
from sobreg.errors import EXIT_OK, EXIT_REFUSED
from sobreg.i18n import catalogue_has, t


def log(
    item_id: Annotated[str, typer.Argument(metavar="ID")],
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.audit.repo import Git, trailers

    reg, item, _ = open_item(item_id, lang, registry)
    path = item.path
    if not path.exists():
        raise reg.unknown(item_id)
    commits = Git(reg.root).log(path)
    if as_json:
        echo_json([c.as_dict() for c in commits])
        return EXIT_OK
    for c in commits:
        echo(f"{c.sha[:10]}  {c.date[:10]}  {c.author}")
        echo(f"    {c.message.splitlines()[0] if c.message else ''}")
        moved = trailers(c.message)
        action = moved.get("Sobreg-Action")
        if action:
            src, dst = moved.get("Sobreg-From"), moved.get("Sobreg-To")
            said = t(f"action.{action}") if catalogue_has(f"action.{action}") else action
            echo(f"    [{said}: {src} → {dst}]")
    return EXIT_OK


def verify(
    base: Annotated[str, typer.Option("--base", metavar="REF", help=t("opt.base"))] = "HEAD",
    signatures: Annotated[bool, typer.Option("--signatures", help=t("opt.signatures"))] = False,
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.validation.commits import verify as run_verify

    apply(lang, registry)
    reg, _ = current_registry()
    violations = run_verify(reg, base, signatures=signatures)
    code = EXIT_REFUSED if violations else EXIT_OK
    if as_json:
        rows = [v.as_json(t(v.key, **v.params)) for v in violations]
        echo_json({"ok": not violations, "violations": rows})
        return code
    for v in violations:
        where = f"{v.commit[:10]} " if v.commit else ""
        field = f"{v.field}: " if v.field else ""
        echo(f"{where}{v.path}: {field}{t(v.key, **v.params)}")
    if violations:
        echo(t("verify.failed", count=len(violations), base=base), err=True)
        return code
    echo(t("verify.ok", base=base))
    return EXIT_OK


def repair(
    as_json: JsonOpt = False,
    registry: RegistryOpt = None,
    lang: LangOpt = None,
) -> int:
    # Lazy: loaded when the command runs, so `sobreg --help` stays fast.
    from sobreg.operations.repair import repair as run_repair

    apply(lang, registry)
    reg, _ = current_registry()
    report = run_repair(reg)
    code = EXIT_REFUSED if report.left else EXIT_OK
    if as_json:
        echo_json(report.as_json())
        return code
    for done in report.repaired:
        echo(t("repair.repaired", path=done["path"], what=t(f"repair.what.{done['what']}")))
    for item in report.left:
        echo(t("repair.left", path=item["path"], why=t(f"repair.why.{item['why']}")))
    if report.left:
        echo(t("repair.inconsistent", count=len(report.left)), err=True)
    else:
        echo(t("repair.consistent"))
    return code


def register(app: typer.Typer) -> None:
    app.command("log", help=command_help("log"))(log)
    app.command("verify", help=command_help("verify"))(verify)
    app.command("repair", help=command_help("repair"))(repair)
