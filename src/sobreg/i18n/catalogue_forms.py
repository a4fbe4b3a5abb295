"""Catalogue part: the nomination form, `nominate` and `search`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Closed sets of the form (kind.* is in the process part)
    "request.new": ("nytt program", "new program"),
    "request.purchase": ("inköp av befintligt program", "purchase of an existing program"),
    "nominator_role.employee": ("medarbetare i VGR", "VGR employee"),
    "nominator_role.contracted_provider": (
        "anställd hos vårdgivare med vårdavtal",
        "employee of a contracted care provider",
    ),
    "nominator_role.research_group": ("forskargrupp", "research group"),
    "nominator_role.sob_contact": ("SoB-kontaktperson", "SoB contact person"),
    "nominator_role.sob_administration": (
        "regionala SoB-förvaltningen",
        "regional SoB administration",
    ),
    "nominator_role.council": ("samordningsråd", "coordination council"),
    # The form in a terminal
    "form.intro": (
        "Nomineringsmall för ett internetbaserat stöd- eller behandlingsprogram. Svara på frågorna; Ctrl-C avbryter utan att något sparas.",
        "Nomination form for an internet-based support or treatment program. Answer the questions; Ctrl-C stops without saving anything.",
    ),
    "form.optional": ("valfritt, Enter hoppar över", "optional, Enter skips"),
    "form.required": ("Ett svar behövs här.", "An answer is needed here."),
    "form.yes_no": ("Svara ja eller nej (j/n).", "Answer yes or no (y/n)."),
    "form.email": (
        "Skriv en e-postadress, t.ex. anna.berg@vgregion.se.",
        "Write an e-mail address, e.g. anna.berg@vgregion.se.",
    ),
    "form.yes_no_hint": ("j/n", "y/n"),
    "form.choice": (
        "Välj ett av alternativen med dess nummer (1–{count}) eller namn.",
        "Pick one of the options by its number (1–{count}) or name.",
    ),
    "form.has_sob_contact": (
        "Finns en SoB-kontaktperson i verksamheten?",
        "Does the unit have an SoB contact person?",
    ),
    "form.no_sob_contact": (
        "Utan SoB-kontaktperson kontaktas regionala SoB-förvaltningen, som tar emot nomineringen.",
        "Without an SoB contact person the regional SoB administration is contacted and receives the nomination.",
    ),
    "form.similar": (
        "Liknande program och öppna nomineringar ({count}) – finns idén redan?",
        "Similar programs and open nominations ({count}) – does the idea exist already?",
    ),
    "form.no_similar": (
        "Inga liknande program eller öppna nomineringar hittades.",
        "No similar programs or open nominations were found.",
    ),
    "form.summary": ("Sammanfattning", "Summary"),
    "form.confirm": ("Spara nomineringen?", "Save the nomination?"),
    "form.not_saved": ("Nomineringen sparades inte.", "The nomination was not saved."),
    # nominate
    "nominate.no_terminal": (
        "Ingen terminal att fråga i: ange fälten med --from-file FIL (YAML eller JSON).",
        "No terminal to ask in: give the fields with --from-file F (YAML or JSON).",
    ),
    "nominate.unknown_fields": (
        "{path}: fälten {fields} hör inte till nomineringsmallen (tillåtna: {allowed}). Id, steg, status och historik sätts av sobreg.",
        "{path}: the fields {fields} are not part of the nomination form (allowed: {allowed}). Id, step, status and history are set by sobreg.",
    ),
    "nominate.invalid": (
        "{path} är ingen giltig nomineringsmall; inget har skrivits:",
        "{path} is not a valid nomination form; nothing was written:",
    ),
    "nominate.title_missing": (
        "{path}: title (programidé) saknas.",
        "{path}: title (program idea) is missing.",
    ),
    "nominate.done": (
        "Nominering {id} sparad i {path} (commit {commit}). Regionala SoB-förvaltningen bedömer den; 'sobreg check {id}' visar vad som återstår i steg a.",
        "Nomination {id} saved in {path} (commit {commit}). The regional SoB administration screens it; 'sobreg check {id}' shows what remains at step a.",
    ),
    "commit.nominate": ("{id}: ny nominering, {title}", "{id}: new nomination, {title}"),
    # sync
    "sync.detached": (
        "HEAD pekar inte på en gren; byt till en gren innan sync.",
        "HEAD is not on a branch; switch to a branch before sync.",
    ),
    "sync.no_remote": (
        "Ingen delad fjärrkatalog: grenen har ingen uppströmsgren och det finns ingen 'origin'. Lägg till en med 'git remote add origin URL'.",
        "No shared remote: the branch has no upstream and there is no 'origin'. Add one with 'git remote add origin URL'.",
    ),
    "sync.dirty": (
        "Det finns ändringar som inte är committade; committa dem (eller 'git stash') innan sync.",
        "There are uncommitted changes; commit them (or 'git stash') before sync.",
    ),
    "sync.conflict": (
        "Sync stoppad: samma ärende ändrades både här och uppströms och git kan inte slå ihop ändringarna. Inget har ändrats här; se README, 'Working together', för hur man slutför:",
        "Sync stopped: the same item was changed both here and upstream and git cannot merge the changes. Nothing was changed here; see the README, 'Working together', for how to finish:",
    ),
    "sync.conflict_item": (
        "  {item}: här av {local}, uppströms av {remote}",
        "  {item}: here by {local}, upstream by {remote}",
    ),
    "sync.invalid": (
        "Efter sammanslagningen är registret ogiltigt ({count} fel); inget har skickats. Kör 'sobreg validate'.",
        "After the merge the registry is invalid ({count} errors); nothing was pushed. Run 'sobreg validate'.",
    ),
    "sync.unverified": (
        "Lokala ändringar skriver om historik uppströms ({count} fel); inget har skickats. Kör 'sobreg verify --base' med uppströmsgrenen.",
        "Local changes rewrite upstream history ({count} violations); nothing was pushed. Run 'sobreg verify --base' with the upstream branch.",
    ),
    "sync.push_failed": (
        "Kunde inte skicka efter {attempts} försök (andra skickar samtidigt, eller behörighet saknas).",
        "Could not push after {attempts} attempts (others are pushing at the same time, or permission is missing).",
    ),
    "sync.renumbered": (
        "{old} fanns redan uppströms; din nominering heter nu {new}.",
        "{old} existed upstream already; your nomination is now {new}.",
    ),
    "sync.done": (
        "Synkat: {pulled} commits hämtade, {pushed} skickade.",
        "Synced: {pulled} commits pulled, {pushed} pushed.",
    ),
    "commit.renumber": (
        "{new}: omnumrerad från {old} (numret var redan taget uppströms)",
        "{new}: renumbered from {old} (the id was taken upstream)",
    ),
    # search
    "search.empty": ("Ange en söktext.", "Give a text to search for."),
    "search.none": ("Inget liknar '{text}'.", "Nothing is like '{text}'."),
    "search.title": ("Träffar ({count})", "Matches ({count})"),
    "search.type.nomination": ("nominering", "nomination"),
    "search.type.program": ("program", "program"),
    "col.type": ("Slag", "Type"),
    "col.score": ("Likhet", "Score"),
}
