"""Catalogue part: the process, writes, git and verify messages, and domain words."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "word.yes": ("ja", "yes"),
    "word.no": ("nej", "no"),
    "status.open": ("öppen", "open"),
    "status.rejected": ("avslagen", "rejected"),
    "status.withdrawn": ("återtagen", "withdrawn"),
    "status.decided": ("beslutad", "decided"),
    "status.in_production": ("under produktion", "in production"),
    "status.active": ("aktiv", "active"),
    "status.inactive": ("inaktiverad", "inactive"),
    "status.inventoried": ("inventerad", "inventoried"),
    "status.None": ("–", "–"),
    "kind.stod": ("stöd", "support"),
    "kind.behandling": ("behandling", "treatment"),
    "col.id": ("Id", "Id"),
    "col.title": ("Namn", "Name"),
    "col.kind": ("Typ", "Kind"),
    "col.step": ("Steg", "Step"),
    "col.status": ("Status", "Status"),
    "list.title": ("{count} objekt", "{count} items"),
    "list.what": (
        "'{what}': ange nominations eller programs.",
        "'{what}': give nominations or programs.",
    ),
    # check
    "check.header": (
        "{id}: steg {step} – {name} ({status})",
        "{id}: step {step} – {name} ({status})",
    ),
    "check.ready": ("Klart att gå vidare.", "Ready to move on."),
    "check.not_ready": (
        "{count} saknas innan steget kan lämnas.",
        "{count} missing before the step can be left.",
    ),
    "check.must_be": ("(ska vara {value})", "(must be {value})"),
    "check.must_exist": ("(ska finnas i registret)", "(must exist in the registry)"),
    # process
    "process.missing": (
        "{id} kan inte lämna steg {step}; detta saknas:",
        "{id} cannot leave step {step}; this is missing:",
    ),
    "process.missing_enter": (
        "{id} kan inte gå in i steg {step}; detta saknas:",
        "{id} cannot enter step {step}; this is missing:",
    ),
    "process.closed": ("{id} är stängd (status {status}).", "{id} is closed (status {status})."),
    "process.final": (
        "{id} har status {status} och kan inte öppnas igen.",
        "{id} has status {status} and cannot be reopened.",
    ),
    "process.end": (
        "{id} är i processens sista steg ({step}).",
        "{id} is at the last step of the process ({step}).",
    ),
    "process.not_in_process": (
        "{id} följer inte processen (inget steg).",
        "{id} is not in the process (no step).",
    ),
    "process.enter_status": (
        "steg {step} kan bara nås från status {allowed} (nu {status}).",
        "step {step} can only be entered from status {allowed} (now {status}).",
    ),
    "process.not_applicable": (
        "steg {step} gäller inte detta ärende.",
        "step {step} does not apply to this item.",
    ),
    "process.other_item": (
        "steg {step} hör inte till en {item}.",
        "step {step} does not belong to a {item}.",
    ),
    "process.unknown_step": (
        "steget '{step}' finns inte i processen.",
        "step '{step}' is not in the process.",
    ),
    "process.same_step": ("ärendet är redan i steg {step}.", "the item is already at step {step}."),
    "process.reason_required": ("ange ett skäl med --reason.", "give a reason with --reason."),
    "process.withdraw_not_allowed": ("{id} kan inte återtas.", "{id} cannot be withdrawn."),
    "process.role": (
        "{actor} har inte rollen för steg {step} (krävs: {roles}).",
        "{actor} does not hold the role for step {step} (needed: {roles}).",
    ),
    "advance.done": (
        "{id}: {src} → {dst} {name} ({status}), commit {commit}",
        "{id}: {src} → {dst} {name} ({status}), commit {commit}",
    ),
    "advance.skipped": ("steg {step} hoppades över: {reason}", "step {step} skipped: {reason}"),
    "advance.program": (
        "programmet {program} har skapats i steg f",
        "program {program} was created at step f",
    ),
    "advance.program_exists": (
        "programmet {program} finns redan; ange ett annat id i decision.program_id.",
        "program {program} already exists; give another id in decision.program_id.",
    ),
    "advance.program_id_invalid": (
        "'{id}' duger inte som program-id; ange decision.program_id.",
        "'{id}' cannot be a program id; give decision.program_id.",
    ),
    "withdraw.done": (
        "{id} har återtagits, commit {commit}",
        "{id} was withdrawn, commit {commit}",
    ),
    # set
    "set.done": ("{id} uppdaterad, commit {commit}", "{id} updated, commit {commit}"),
    "set.unchanged": ("{id}: inget ändrades.", "{id}: nothing changed."),
    "set.nothing": ("ange NYCKEL=VÄRDE eller --from-file.", "give KEY=VALUE or --from-file."),
    "set.protected": (
        "'{key}' ändras bara av sobreg (advance, withdraw).",
        "'{key}' is changed only by sobreg (advance, withdraw).",
    ),
    "set.bad_key": ("'{key}' är ingen giltig fältsökväg.", "'{key}' is not a valid field path."),
    "set.bad_value": (
        "värdet för '{key}' går inte att läsa: {value}",
        "the value of '{key}' cannot be read: {value}",
    ),
    "set.bad_index": (
        "'{key}': listindex utanför listan.",
        "'{key}': list index outside the list.",
    ),
    "set.not_mapping": (
        "'{key}': går inte att sätta under ett enkelt värde.",
        "'{key}': cannot set below a plain value.",
    ),
    "write.invalid": (
        "ändringen skulle göra {path} ogiltig; inget har skrivits:",
        "the change would make {path} invalid; nothing was written:",
    ),
    "file.missing": ("filen {path} finns inte.", "the file {path} does not exist."),
    "file.not_mapping": (
        "{path} ska innehålla en mappning (nyckel: värde).",
        "{path} must hold a mapping (key: value).",
    ),
    "file.bad_json": ("ogiltig JSON: {detail}", "invalid JSON: {detail}"),
    # commits
    "commit.init": ("Nytt sobreg-register", "New sobreg registry"),
    "commit.set": ("{id}: ändrar {keys}", "{id}: sets {keys}"),
    "commit.advance": ("{id}: {src} → {dst} ({name})", "{id}: {src} → {dst} ({name})"),
    "commit.skip": (
        "{id}: {src} → {dst} ({name}), steg hoppades över",
        "{id}: {src} → {dst} ({name}), steps skipped",
    ),
    "commit.reopen": (
        "{id}: öppnas igen i steg {dst} ({name})",
        "{id}: reopened at step {dst} ({name})",
    ),
    "commit.close": ("{id}: steg {src} avslutat, {status}", "{id}: step {src} closed, {status}"),
    "commit.activate": ("{id}: aktivt program ({name})", "{id}: program active ({name})"),
    "commit.deactivate": (
        "{id}: {src} → {dst}, programmet inaktiveras",
        "{id}: {src} → {dst}, program deactivated",
    ),
    "commit.withdraw": ("{id}: återtagen i steg {src}", "{id}: withdrawn at step {src}"),
    "commit.program_created": (", program {program} skapat", ", program {program} created"),
    # git and lock
    "git.not_repo": (
        "{path} ligger inte i ett git-förråd; kör 'git init' eller 'sobreg init'.",
        "{path} is not inside a git repository; run 'git init' or 'sobreg init'.",
    ),
    "git.failed": ("git {command} misslyckades: {detail}", "git {command} failed: {detail}"),
    "git.bad_ref": (
        "'{ref}' är ingen commit i detta förråd.",
        "'{ref}' is not a commit in this repository.",
    ),
    "git.index_locked": (
        "{path} finns: en annan git-process arbetar, eller en avbröts. Om ingen git-process körs, ta bort filen och försök igen.",
        "{path} exists: another git process is running, or one was interrupted. If no git process runs, remove the file and try again.",
    ),
    "lock.held": (
        "registret är låst av ett annat sobreg-kommando ({path}); väntade {seconds} s.",
        "the registry is locked by another sobreg command ({path}); waited {seconds} s.",
    ),
    "init.exists": ("{path} är redan ett register.", "{path} is already a registry."),
    "init.done": (
        "Registret {path} skapat, commit {commit}",
        "Registry {path} created, commit {commit}",
    ),
    "schema.written": ("{count} scheman skrivna till {out}", "{count} schemas written to {out}"),
    "schema.stale": (
        "inaktuella scheman i {out}: {names}; kör 'sobreg schema'.",
        "stale schemas in {out}: {names}; run 'sobreg schema'.",
    ),
    "schema.fresh": ("Schemana i {out} är aktuella.", "The schemas in {out} are up to date."),
    "validate.no_such_file": ("filen {path} finns inte.", "the file {path} does not exist."),
    # verify
    "verify.ok": ("Historiken sedan {base} är giltig.", "The history since {base} is valid."),
    "verify.failed": ("{count} fel sedan {base}.", "{count} violations since {base}."),
    "verify.deleted": (
        "filen har tagits bort; ett ärendes historik får inte raderas",
        "the file was deleted; an item's history must not be removed",
    ),
    "verify.unreadable": ("kan inte läsas ({error})", "cannot be read ({error})"),
    "verify.removed": ("historikpost {index} har tagits bort", "history entry {index} was removed"),
    "verify.rewritten": (
        "historikpost {index} har ändrats; historiken får bara läggas till",
        "history entry {index} was changed; history may only be appended to",
    ),
    "verify.no_history": ("historik saknas", "history is missing"),
    "verify.bad_start": (
        "historikpost {index} ({action}) kan inte inleda historiken",
        "history entry {index} ({action}) cannot start the history",
    ),
    "verify.start_again": (
        "historikpost {index}: {action} kan bara stå först",
        "history entry {index}: {action} may only come first",
    ),
    "verify.discontinuous": (
        "historikpost {index} börjar i {src}, men förra slutade på annat steg",
        "history entry {index} starts at {src}, but the previous one ended elsewhere",
    ),
    "verify.unknown_step": (
        "historikpost {index}: okänt steg ({src} → {dst})",
        "history entry {index}: unknown step ({src} → {dst})",
    ),
    "verify.reason_missing": (
        "historikpost {index} ({action}) saknar skäl",
        "history entry {index} ({action}) has no reason",
    ),
    "verify.bad_reopen": (
        "historikpost {index}: otillåten återöppning {src} → {dst}",
        "history entry {index}: illegal reopening {src} → {dst}",
    ),
    "verify.bad_withdraw": (
        "historikpost {index}: otillåtet återtagande",
        "history entry {index}: illegal withdrawal",
    ),
    "verify.closed": (
        "historikpost {index}: ärendet var redan stängt",
        "history entry {index}: the item was already closed",
    ),
    "verify.bad_outcome": (
        "historikpost {index}: processen har inget sådant utfall i steg {src}",
        "history entry {index}: the process has no such outcome at step {src}",
    ),
    "verify.bad_enter": (
        "historikpost {index}: steg {dst} får inte nås så",
        "history entry {index}: step {dst} cannot be entered so",
    ),
    "verify.status_changed": (
        "historikpost {index}: status ändrad utan skäl i processen",
        "history entry {index}: status changed without a process rule",
    ),
    "verify.illegal": (
        "historikpost {index}: processen tillåter inte {action} {src} → {dst}",
        "history entry {index}: the process does not allow {action} {src} → {dst}",
    ),
    "verify.unknown_item": ("okänd typ av ärende", "unknown kind of item"),
    "verify.role": (
        "historikpost {index}: {actor} har inte rollen ({roles})",
        "history entry {index}: {actor} does not hold the role ({roles})",
    ),
    "verify.step_mismatch": (
        "step är {step}, men sista historikposten slutar i {last}",
        "step is {step}, but the last history entry ends at {last}",
    ),
    "verify.status_mismatch": (
        "status är {status}, men sista historikposten säger {last}",
        "status is {status}, but the last history entry says {last}",
    ),
}
