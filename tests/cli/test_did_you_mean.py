"""Messages that say how to fix it (issue 34, items 7 and 8): the nearest valid id, step, field
or value; a wrong `--set` named at the option, not at a line of the file; what the form takes
(ja/nej, a label) taken by `--set` too; raw codes shown as their labels."""

from __future__ import annotations

from pathlib import Path

from conftest import add_nomination, cli, git, write_yaml

from sobreg.store import yamlio


def _data(repo: Path, item_id: str = "N-2026-001") -> dict:
    path = repo / "registry" / "nominations" / f"{item_id}.yaml"
    return yamlio.load_safe(path.read_text(encoding="utf-8"), "x")


def test_an_unknown_id_names_the_nearest(repo: Path) -> None:
    add_nomination(repo)
    ran = cli("show", "N-2026-0001")
    assert ran.code == 1
    assert "Menade du N-2026-001?" in ran.stderr


def test_an_unknown_step_lists_the_steps_and_the_nearest(repo: Path) -> None:
    add_nomination(repo)
    ran = cli("advance", "N-2026-001", "--to", "B")
    assert ran.code == 2
    assert "a, b, c, d, e, f, g, h, i, j eller k" in ran.stderr
    assert "Menade du b?" in ran.stderr
    ran = cli("list", "--step", "x")
    assert ran.code == 2 and "--step x" in ran.stderr  # not an empty table with exit 0
    assert cli("list", "--step", "a").code == 0


def test_set_takes_what_the_form_takes(repo: Path) -> None:
    add_nomination(repo)
    for answer, stored in [("ja", True), ("n", False), ("J", True), ("nej", False)]:
        assert cli("set", "N-2026-001", f"target_group.children={answer}").code == 0
        assert _data(repo)["target_group"]["children"] is stored, answer
    assert cli("set", "N-2026-001", "kind=behandling").code == 0
    assert cli("set", "N-2026-001", "kind=stöd").code == 0  # the label, as the form shows it
    assert _data(repo)["kind"] == "stod"
    assert cli("set", "N-2026-001", "nominator.role=forskargrupp").code == 0
    assert _data(repo)["nominator"]["role"] == "research_group"


def test_a_wrong_set_is_named_at_the_option_with_the_nearest_and_writes_nothing(
    repo: Path,
) -> None:
    add_nomination(repo)
    head = git(repo, "rev-parse", "HEAD")
    cases = [
        ("kind=behandlng", "--set kind=behandlng:", "Menade du behandling?"),
        ("target_group.childrn=ja", "--set target_group.childrn:", "target_group.children"),
        ("target_group.children=kanske", "--set target_group.children=kanske:", "ja eller nej"),
        ("screening.councils=psykiatri", "--set screening.councils=psykiatri:", "'[första"),
        ("nominator.email=foo", "--set nominator.email=foo:", "anna.berg@vgregion.se"),
        ("nominator=Anna", "--set nominator=Anna:", "nominator='{name: …, email: …}'"),
    ]
    for given, start, hint in cases:
        ran = cli("set", "N-2026-001", given)
        assert ran.code == 1, given
        assert start in ran.stderr and hint in ran.stderr, (given, ran.stderr)
        assert ".yaml:" not in ran.stderr  # not placed at a line of the file
        assert "^[" not in ran.stderr  # no raw pattern
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


def test_a_files_unknown_field_and_wrong_value_name_the_nearest(repo: Path) -> None:
    add_nomination(repo)
    path = repo / "registry" / "nominations" / "N-2026-001.yaml"
    data = _data(repo)
    data["kind"] = "stöd"
    data["nominator"]["rle"] = "employee"
    write_yaml(path, data)
    ran = cli("validate", str(path))
    assert ran.code == 1
    assert "kind: måste vara ett av: 'stod' eller 'behandling'. Menade du stod?" in ran.stdout
    assert "nominator.rle: okänt fält. Menade du role?" in ran.stdout


def test_show_says_values_as_labels_not_codes(repo: Path) -> None:
    add_nomination(repo, request="purchase", existing_program={"name": "Sömnappen"})
    shown = cli("show", "N-2026-001").stdout
    assert "Nytt program eller inköp: inköp av befintligt program" in shown
    assert "Händelse: nominerad" in shown
    assert "Status efter: öppen" in shown
    for raw in (": purchase", ": nominate", ": open", ": stod", ": employee"):
        assert raw not in shown, raw
    english = cli("show", "N-2026-001", "--lang", "en").stdout
    assert ": purchase of an existing program" in english
    assert ": nominated" in english
