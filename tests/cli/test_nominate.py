"""`sobreg nominate`: the form in a real pseudo-terminal, from a file, with no terminal, at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
from conftest import add_nomination, cli, git, sobreg
from terminal import interrupt, reply, spawn_form

from sobreg.store import yamlio


def _saved(child: pexpect.spawn, repo: Path) -> dict[str, Any]:
    """The form ended, saved as N-2026-001: the nomination as written."""
    child.expect_exact("N-2026-001")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    path = repo / "registry" / "nominations" / "N-2026-001.yaml"
    data: dict[str, Any] = yamlio.load_safe(path.read_text(encoding="utf-8"), "x")
    return data


def _fill_in_to_children(child: pexpect.spawn) -> None:
    reply(child, "Programidé", "Sömnskolan för tonåringar")
    reply(child, "Stöd eller behandling", "7")  # not an option: asked again
    child.expect_exact("Välj ett av alternativen")
    child.expect_exact("› ")
    child.sendline("2")
    reply(child, "Nytt program eller inköp", "1")
    reply(child, "Namn", "")  # git's user.name is the default
    reply(child, "E-post", "inte-en-adress")  # refused, asked again with the reason
    child.expect_exact("✗")
    child.expect_exact("› ")
    child.sendline("")  # the default from git's user.email
    reply(child, "Verksamhet", "BUP Göteborg")
    reply(child, "Roll", "forskargrupp")
    reply(child, "Behov", "Tonåringar med sömnbesvär väntar länge på behandling.")
    reply(child, "Målgrupp", "Tonåringar 13–17 år med insomni")
    reply(child, "Riktar sig till barn", "ja")


def test_the_form_asks_re_asks_branches_and_saves(repo: Path) -> None:
    child = spawn_form(repo)
    _fill_in_to_children(child)
    # Children: the child-safety guideline is asked about, by its name.
    reply(child, "Barnsäkring av digitala invånartjänster", "kanske")
    child.expect_exact("Svara ja eller nej")
    child.expect_exact("› ")
    child.sendline("j")
    reply(child, "Användning i verksamheten", "Som första insats vid BUP.")
    # A research group's idea is not anchored with a head of unit (routine a): not asked.
    reply(child, "Finns en SoB-kontaktperson", "nej")
    child.expect_exact("regionala SoB-förvaltningen")
    reply(child, "Utvecklingskostnad (kr)", "-5")
    child.expect_exact("Ska vara minst 0.")  # a sentence of its own, with its full stop
    child.expect_exact("› ")
    child.sendline("250 000")
    reply(child, "Övriga kostnader (kr)", "40000")
    reply(child, "Finansiering", "")
    reply(child, "Patient- och brukarmedverkan", "")
    reply(child, "Plan för utvärdering", "")
    child.expect_exact("iknande program")
    child.expect_exact("Sammanfattning")
    reply(child, "Spara nomineringen?", "j")
    data = _saved(child, repo)
    assert data["title"] == "Sömnskolan för tonåringar"
    assert data["kind"] == "behandling"
    assert data["nominator"] == {
        "name": "Test Admin",
        "email": "admin@vgregion.se",
        "unit": "BUP Göteborg",
        "role": "research_group",
    }
    assert data["target_group"]["children"] is True
    assert data["target_group"]["child_safety_considered"] is True
    assert data["anchoring"] == {"sob_contact": None}
    assert data["costs"] == {"development_sek": 250000, "other_sek": 40000}
    assert data["step"] == "a" and data["status"] == "open"
    assert data["history"][0]["action"] == "nominate"
    assert git(repo, "show", "--name-only", "--format=%an <%ae>", "HEAD").splitlines() == [
        "Test Admin <admin@vgregion.se>",
        "",
        "registry/nominations/N-2026-001.yaml",
    ]
    assert cli("validate").code == 0


def test_the_form_shows_similar_programs_before_saving(repo: Path) -> None:
    add_nomination(repo, "N-2026-001", title="Sömnskola för tonåringar med insomni")
    child = spawn_form(repo, "--lang", "en")
    for question, answer in [
        ("Program idea", "Somnskola tonaringar"),
        ("Support or treatment", "support"),
        ("New program or purchase", "purchase"),
        ("Program name", "Sömnappen"),
        ("Supplier", ""),
        ("Name", "Bo Ek"),
        ("E-mail", "bo.ek@vgregion.se"),
        ("Unit", "Vårdcentral Hisingen"),
        ("Role", "1"),
        ("Need", "Sleep problems"),
        ("Target group", "Teenagers"),
        ("Aimed at children", "no"),
        ("Usage in the unit", "First step"),
        ("Anchored with the head of unit", "yes"),
        ("SoB contact person", "y"),
        ("Name", "Eva Lund"),
        ("E-mail", ""),
        # A purchase is not asked for a development cost.
        ("Other costs", "0"),
        ("Financing", ""),
        ("Patient involvement", ""),
        ("Evaluation plan", ""),
    ]:
        reply(child, question, answer)
    child.expect_exact("Similar programs and open nominations (1)")
    child.expect_exact("N-2026-001")
    child.expect_exact("Summary")
    reply(child, "Save the nomination?", "n")
    reply(child, "Every answer will be lost. Quit anyway?", "y")
    child.expect_exact("not saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert not (repo / "registry" / "nominations" / "N-2026-002.yaml").exists()
    assert git(repo, "status", "--porcelain") == ""


def _number_of(child: pexpect.spawn, title: str) -> str:
    """The number the summary gives the answer to `title`."""
    child.expect(rf"(\d+)\. {title}:")
    return str(child.match.group(1))


def test_an_answer_is_changed_before_saving_and_a_blocking_answer_is_said_at_once(
    repo: Path,
) -> None:
    child = spawn_form(repo)
    reply(child, "Programidé", "Sömnskolan")
    reply(child, "Stöd eller behandling", "stöd")
    reply(child, "Nytt program eller inköp", "nytt")
    reply(child, "Namn", "")
    reply(child, "E-post", "")
    reply(child, "Verksamhet", "Vårdcentral Hisingen")
    reply(child, "Roll", "1")  # an employee: the idea is anchored with the head of unit
    reply(child, "Behov", "Sömnbesvär")
    reply(child, "Målgrupp", "Vuxna")
    reply(child, "Riktar sig till barn", "n")
    reply(child, "Användning i verksamheten", "Första insats")
    reply(child, "Förankrad hos verksamhetschef", "n")
    # Said at once, not later by `check`: this answer keeps the nomination at step a.
    child.expect_exact("kan nomineringen inte lämna steg a")
    reply(child, "Finns en SoB-kontaktperson", "n")
    reply(child, "Utvecklingskostnad (kr)", "100000")
    reply(child, "Övriga kostnader (kr)", "0")
    reply(child, "Finansiering", "")
    reply(child, "Patient- och brukarmedverkan", "")
    reply(child, "Plan för utvärdering", "")
    child.expect_exact("Sammanfattning")
    anchoring = _number_of(child, "Förankrad hos verksamhetschef")
    child.expect_exact("⚠")  # the blocking answer marked in the summary
    reply(child, "Spara nomineringen?", "2")  # change an answer
    reply(child, "Vilket svar vill du ändra?", anchoring)
    reply(child, "Förankrad hos verksamhetschef", "j")
    child.expect_exact("Sammanfattning")
    request = _number_of(child, "Nytt program eller inköp")
    reply(child, "Spara nomineringen?", "ändra ett svar")
    reply(child, "Vilket svar vill du ändra?", "99")  # not a number of the summary
    child.expect_exact("Ange ett nummer från 1 till")
    child.expect_exact("› ")
    child.sendline(request)
    # A purchase now: its program is asked, its development cost no longer applies.
    reply(child, "Nytt program eller inköp", "inköp")
    reply(child, "Programmets namn", "Sömnappen")
    reply(child, "Leverantör", "")
    child.expect_exact("Sammanfattning")
    reply(child, "Spara nomineringen?", "n")
    reply(child, "Alla svar går förlorade. Avsluta ändå?", "n")  # back to the summary
    child.expect_exact("Sammanfattning")
    reply(child, "Spara nomineringen?", "1")
    data = _saved(child, repo)
    assert data["request"] == "purchase"
    assert data["existing_program"] == {"name": "Sömnappen"}
    assert data["anchoring"]["head_of_unit"] is True
    assert data["costs"] == {"other_sek": 0}  # the new program's cost left with the answer
    assert "anchoring.head_of_unit" not in cli("check", "N-2026-001").stdout


def test_ctrl_c_leaves_nothing_behind(repo: Path) -> None:
    head = git(repo, "rev-parse", "HEAD")
    child = spawn_form(repo)
    _fill_in_to_children(child)
    child.expect_exact("Barnsäkring")
    child.expect_exact("› ")
    interrupt(child)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_without_a_terminal_it_exits_2_at_once(repo: Path) -> None:
    ran = sobreg("nominate", cwd=repo, stdin="")
    assert ran.code == 2
    assert "--from-file" in ran.stderr
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""


def test_from_file_json_and_yaml(repo: Path, tmp_path: Path) -> None:
    form = {
        "title": "Stöd vid oro",
        "kind": "stod",
        "request": "new",
        "nominator": {"name": "Anna Berg", "email": "anna.berg@vgregion.se"},
    }
    source = tmp_path / "form.json"
    source.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    ran = sobreg("nominate", "--from-file", str(source), "--json", cwd=repo, stdin="")
    assert ran.code == 0, ran.stderr
    out = json.loads(ran.stdout)
    assert set(out) == {"id", "path"}
    assert out["path"] == f"registry/nominations/{out['id']}.yaml"
    data = yamlio.load_safe((repo / out["path"]).read_text(encoding="utf-8"), "x")
    assert data["title"] == "Stöd vid oro" and data["step"] == "a"
    assert git(repo, "log", "-1", "--format=%s") == f"{out['id']}: ny nominering, Stöd vid oro"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title: x\nstep: c\n", "step"),
        ("title: x\ncosts: {development_sek: -1}\n", "bad.yaml:2:"),
        ("kind: stod\n", "title"),
        ("- a list\n", "mappning"),
        ("title: [unclosed\n", "bad.yaml:"),
    ],
)
def test_from_file_refuses_bad_forms_with_positions(
    repo: Path, tmp_path: Path, content: str, expected: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    head = git(repo, "rev-parse", "HEAD")
    ran = cli("nominate", "--from-file", str(bad))
    assert ran.code in (1, 2)
    assert expected in ran.stderr
    assert "Traceback" not in ran.stderr
    assert git(repo, "rev-parse", "HEAD") == head
    assert not list((repo / "registry" / "nominations").glob("N-*.yaml"))


def test_three_nominations_at_the_same_moment_get_three_ids(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "form.yaml"
    source.write_text("title: Samtidig idé\nkind: stod\n", encoding="utf-8")
    command = [sys.executable, "-m", "sobreg", "nominate", "--from-file", str(source), "--json"]
    procs = [
        subprocess.Popen(command, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [e for _, e in outs]
    ids = sorted(json.loads(out)["id"] for out, _ in outs)
    year = git(repo, "log", "-1", "--format=%ad", "--date=format:%Y")
    assert ids == [f"N-{year}-001", f"N-{year}-002", f"N-{year}-003"]
    subjects = git(repo, "log", "-3", "--format=%s").splitlines()
    assert sorted(s.split(":")[0] for s in subjects) == ids
    for sha in git(repo, "log", "-3", "--format=%H").splitlines():
        assert len(git(repo, "show", "--name-only", "--format=", sha).splitlines()) == 1
    assert cli("validate").code == 0
