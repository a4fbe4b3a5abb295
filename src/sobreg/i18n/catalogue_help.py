"""Catalogue part: `--help` texts. Each command's help ends with an example (a test checks it)."""

from __future__ import annotations


def _help(sv: str, en: str, example: str) -> tuple[str, str]:
    # "\b" keeps click from re-flowing the example lines.
    return (f"{sv}\n\n\b\nExempel:\n  {example}", f"{en}\n\n\b\nExample:\n  {example}")


MESSAGES: dict[str, tuple[str, str]] = {
    "help.app": (
        "sobreg: register och process för internetbaserade stöd- och behandlingsprogram (1177 Stöd och behandling, VGR). Varje ändring är en git-commit.",
        "sobreg: registry and process for internet-based support and treatment programs (1177 Stöd och behandling, VGR). Every change is a git commit.",
    ),
    "help.init": _help(
        "Gör KATALOG till ett git-förråd med ett nytt register: process.yaml, evaluation.yaml, mapparna nominations/ och programs/, JSON-scheman och .pre-commit-config.yaml. Gör en commit.",
        "Make DIR a git repository with a new registry: process.yaml, evaluation.yaml, the nominations/ and programs/ folders, JSON Schemas and .pre-commit-config.yaml. Commits.",
        "sobreg init mitt-register --as anna.berg@vgregion.se",
    ),
    "help.validate": _help(
        "Validera registerfiler (utan SÖKVÄG: hela registret, även process.yaml och evaluation.yaml). Fel skrivs som sökväg:rad:kolumn: fält: meddelande. Slutkod 1 vid fel.",
        "Validate registry files (no PATH: the whole registry, process.yaml and evaluation.yaml included). Errors read path:line:col: field: message. Exit 1 on any error.",
        "sobreg validate --format github registry/nominations/N-2026-001.yaml",
    ),
    "help.nominate": _help(
        "Nominera en programidé: frågar efter nomineringsmallens fält ett i taget, visar liknande program och öppna nomineringar, ber om bekräftelse, sparar nominations/N-ÅÅÅÅ-NNN.yaml i steg a och gör en commit. Med --from-file FIL (YAML eller JSON) frågas inget. Utan terminal och utan --from-file: slutkod 2.",
        "Nominate a program idea: asks for the nomination form's fields one at a time, shows similar programs and open nominations, asks to confirm, saves nominations/N-YYYY-NNN.yaml at step a and commits. With --from-file F (YAML or JSON) nothing is asked. With no terminal and no --from-file: exit 2.",
        "sobreg nominate --from-file idé.yaml --json",
    ),
    "help.search": _help(
        "Sök program och nomineringar som liknar TEXT (id, namn, behov, målgrupp), bäst först. Tål stavfel och saknade å, ä, ö.",
        "Search programs and nominations like TEXT (id, name, need, target group), best first. Tolerates typos and missing accents.",
        "sobreg search sömn --json",
    ),
    "help.report": _help(
        "Årlig uppföljning: producerade program, nomineringar efter utfall, tid till beslut, försenade inventeringar, avpublicerade och aktiva program, granskningar som förfaller. Räknas från datumen i filerna. Format: text (tabeller i terminal), md, html (en fristående sida med diagram), json, csv.",
        "Annual follow-up: programs produced, nominations by outcome, time to decision, overdue inventories, deactivated and active programs, reviews due. Counted from the dates in the files. Formats: text (tables in a terminal), md, html (one self-contained page with charts), json, csv.",
        "sobreg report --year 2026 --format html -o uppfoljning-2026.html",
    ),
    "help.status": _help(
        "Läget i dag: ärenden per steg, öppna nomineringar med dagar i steget, försenade inventeringar och program som ska granskas om.",
        "Where everything stands today: items per step, open nominations with days in their step, overdue inventories and programs due for review.",
        "sobreg status --json",
    ),
    "help.sync": _help(
        "Hämta det delade registret, lägg dina lokala commits ovanpå, numrera om lokala nomineringar vars id redan finns uppströms, validera och verifiera mot uppströmsgrenen och skicka. Försöker igen om någon hann skicka före.",
        "Fetch the shared registry, replay your local commits on it, renumber local nominations whose id exists upstream, validate and verify against the upstream branch, and push. Retries when someone pushed first.",
        "sobreg sync --json",
    ),
    "opt.limit": ("Högst så här många träffar.", "At most this many matches."),
    "help.schema": _help(
        "Skriv JSON-scheman för registrets filer (standard: schemas/ bredvid registret). Med --check: slutkod 1 om de är inaktuella.",
        "Write the JSON Schemas of the registry files (default: schemas/ beside the registry). With --check: exit 1 when they are stale.",
        "sobreg schema --check",
    ),
    "help.list": _help(
        "Lista nomineringar och program, filtrerat på steg och status.",
        "List nominations and programs, filtered by step and status.",
        "sobreg list nominations --step b --json",
    ),
    "help.show": _help(
        "Visa ett ärende (nominering eller program).",
        "Show an item (nomination or program).",
        "sobreg show N-2026-001 --json",
    ),
    "help.check": _help(
        "Checklistan för ärendets nuvarande steg: vad som saknas innan det kan lämnas. Slutkod 0 om klart, 1 annars.",
        "The checklist of the item's current step: what is missing before it can be left. Exit 0 when ready, 1 when not.",
        "sobreg check N-2026-001",
    ),
    "help.set": _help(
        "Sätt fält (punktade sökvägar; VÄRDE läses som YAML), validera, skriv och gör en commit. id, step, status och history kan inte sättas.",
        "Set fields (dotted paths; VALUE read as YAML), validate, write and commit. id, step, status and history cannot be set.",
        "sobreg set N-2026-001 inventory.regional_need='Lång väntetid i hela regionen'",
    ),
    "help.advance": _help(
        "För ärendet vidare: tillämpa --set/--from-file, kontrollera stegets checklista, gå till nästa steg enligt process.yaml och gör en commit. --to STEG --reason TEXT hoppar framåt eller öppnar igen bakåt.",
        "Move the item on: apply --set/--from-file, check the step's checklist, move to the next step that process.yaml gives, and commit. --to STEP --reason TEXT skips forward or reopens backwards.",
        "sobreg advance N-2026-001 --set council_position.decision=support --set council_position.date=2026-05-04",
    ),
    "help.withdraw": _help(
        "Återta en öppen nominering (steg a–e).",
        "Withdraw an open nomination (steps a–e).",
        "sobreg withdraw N-2026-001 --reason 'Behovet täcks av Sömnhjälpen'",
    ),
    "help.log": _help(
        "Ärendets spår i git: dess commits, nyast först.",
        "The item's audit trail from git: its commits, newest first.",
        "sobreg log N-2026-001 --json",
    ),
    "help.verify": _help(
        "Jämför arbetskatalogen med REF: historik bara tillagd, varje ny övergång tillåten av process.yaml, och (med roles.yaml) rätt roll. Slutkod 1 vid fel.",
        "Compare the working tree with REF: history only appended to, every new transition allowed by process.yaml, and (with roles.yaml) the right role. Exit 1 on a violation.",
        "sobreg verify --base origin/main",
    ),
    "opt.registry": (
        "Registrets katalog (den som innehåller process.yaml).",
        "The registry folder (the one holding process.yaml).",
    ),
    "opt.actor": ("Vem som utför ändringen (e-post).", "Who makes the change (e-mail)."),
    "opt.lang": ("Språk: sv (standard) eller en.", "Language: sv (default) or en."),
    "opt.json": ("Skriv maskinläsbar JSON.", "Print machine-readable JSON."),
    "opt.version": ("Visa versionen.", "Show the version."),
    "opt.format": ("Utdataformat.", "Output format."),
    "opt.schema_out": ("Katalog för schemana.", "Folder for the schemas."),
    "opt.schema_check": (
        "Kontrollera bara att schemana är aktuella.",
        "Only check that the schemas are up to date.",
    ),
    "opt.step": ("Bara ärenden i detta steg.", "Only items at this step."),
    "opt.status": ("Bara ärenden med denna status.", "Only items with this status."),
    "opt.from_file": (
        "YAML- eller JSON-fil med fält att slå ihop.",
        "YAML or JSON file with fields to merge in.",
    ),
    "opt.set": (
        "Sätt ett fält innan steget kontrolleras (kan upprepas).",
        "Set a field before the step is checked (repeatable).",
    ),
    "opt.to": (
        "Gå till detta steg (framåt: hoppa över, bakåt: öppna igen).",
        "Go to this step (forward: skip, back: reopen).",
    ),
    "opt.reason": ("Skälet, sparas i historiken.", "The reason, kept in the history."),
    "opt.note": ("En anteckning i historiken.", "A note in the history."),
    "opt.base": ("Jämför med denna ref (standard HEAD).", "Compare with this ref (default HEAD)."),
}
