"""The command line: interactive, route and next, with clear one-line errors."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys

import pytest

from wizard.paths import enumerate_paths

AZURE = ["role=direct-partner", "scope=customer-subscription", "product=azure", "admin_access=yes",
         "azure_role=yes", "topic=break-fix", "impact=moderate"]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wizard", *args], input=stdin, capture_output=True,
                          text=True, timeout=60, check=False)


def test_route_json_gives_the_outcome():
    proc = run("route", *AZURE, "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["outcome"] == "azure-service-request"
    assert (out["severity"], out["first_response"]) == ("B", "PT4H")


def test_next_walks_the_flow_to_an_outcome():
    answers: list[str] = []
    target = dict(a.split("=") for a in AZURE)
    for _ in range(12):
        step = json.loads(run("next", *answers, "--json").stdout)
        if step["status"] == "outcome":
            assert step["outcome"]["outcome"] == "azure-service-request"
            return
        qid = step["question"]["id"]
        assert target[qid] in [o["value"] for o in step["question"]["options"]]
        answers.append(f"{qid}={target[qid]}")
    pytest.fail("never reached an outcome")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_next_in_text_mode_prints_the_questions_help(lang):
    from wizard.flow import QUESTION_BY_ID
    from wizard.i18n import Translator

    proc = run("--lang", lang, "next", "role=direct-partner", "scope=customer-subscription")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    t = Translator(lang)
    assert lines[0] == f"product: {t(QUESTION_BY_ID['product'].prompt)}"
    assert lines[1].strip() == t(QUESTION_BY_ID["product"].help)


@pytest.mark.parametrize(("args", "needle"), [
    (["route", "role=partner", "--json"], "'role'"),
    (["route", "colour=blue", "--json"], "'colour'"),
    (["route", "role=direct-partner", "--json"], "'scope'"),
    (["route", "role=customer", "scope=own-subscription", "--json"], "'scope'"),
    (["route", "role=customer", "topic=billing", "impact=critical", "--json"], "'impact'"),
    (["route", "role=direct-partner", "dynamics_plan=none", "--json"], "'dynamics_plan'"),
    (["next", "role", "--json"], "key=value"),
    (["--lang", "de", "route", "role=customer"], "en, pt-BR, ru, zh"),
])
def test_bad_input_exits_non_zero_with_one_line_naming_the_problem(args, needle):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_value_names_the_allowed_values():
    proc = run("route", "role=direct-partner", "scope=customer-subscription", "product=office",
               "--json")
    assert "azure, microsoft-365, dynamics-365, ems, or marketplace" in proc.stderr


@pytest.mark.parametrize(("lang", "prompt"), [
    ("en", "Who are you?"), ("pt-BR", None), ("ru", None), ("zh", None),
])
def test_interactive_session_in_each_language(lang, prompt):
    # customer -> the customer's result at once (product, kind and impact are optional)
    proc = run("--lang", lang, stdin="1\n")
    assert proc.returncode == 0, proc.stderr
    expected = json.loads(run("--lang", lang, "route", "role=customer", "--json").stdout)
    assert expected["message"]["subject"] in proc.stdout
    assert expected["title"] in proc.stdout
    if prompt:
        assert prompt in proc.stdout


def test_interactive_rejects_bad_choices_and_reasks():
    proc = run(stdin="9\nabc\n2\n2\n5\n")
    assert proc.returncode == 0
    assert proc.stdout.count("Please type a number from the list.") == 2
    assert "Contact the product's publisher" in proc.stdout


def test_interactive_end_of_input_exits_cleanly():
    proc = run(stdin="2\n")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr


def test_cli_json_equals_the_library_for_every_path():
    from wizard import route

    sample = list(enumerate_paths())[::16]
    for answers in sample:
        proc = run("route", *[f"{k}={v}" for k, v in answers.items()], "--json", "--lang", "ru")
        assert json.loads(proc.stdout) == route(answers, "ru")


# --- language, section titles, closed pipes ----------------------------------------------

def test_errors_are_in_the_chosen_language():
    from wizard.cli import ERROR
    from wizard.engine import InvalidAnswerError
    from wizard.i18n import Translator

    proc = run("--lang", "ru", "route", "role=partner")
    assert proc.returncode == 2 and proc.stdout == ""
    t = Translator("ru")
    err = InvalidAnswerError("role", "partner", "unknown-value",
                             ("customer", "direct-partner", "indirect-reseller", "indirect-provider"))
    assert err.describe(t) != err.describe(Translator("en"))
    assert proc.stderr.strip() == t(ERROR, problem=err.describe(t))


def test_the_error_prefix_is_translated_in_every_catalog():
    from wizard.cli import ERROR
    from wizard.i18n import Translator

    missing = [lang for lang in ("pt-BR", "ru", "zh") if not Translator(lang).has(ERROR)]
    assert not missing, f"translate {ERROR!r} in: {', '.join(missing)}"


def test_every_cited_section_has_a_title():
    from wizard.sections import SECTION_TITLES
    from wizard.sources import SOURCES

    untitled = sorted({s for page in SOURCES.values() for s in page.sections} - set(SECTION_TITLES))
    assert not untitled, f"add titles to wizard/sections.py: {untitled}"


@pytest.mark.parametrize("lang", ["en", "pt-BR", "ru", "zh"])
def test_text_output_names_sections_by_title_and_dates_in_words(lang):
    from wizard.sources import SOURCES

    proc = run("--lang", lang, "route", *AZURE)
    assert proc.returncode == 0, proc.stderr
    slugs = {s for page in SOURCES.values() for s in page.sections}
    shown = [s for s in slugs if re.search(rf"(?<![\w-]){re.escape(s)}(?![\w.-])", proc.stdout)]
    assert not shown, shown
    assert not re.search(r"\b20\d\d-\d\d\b", proc.stdout), proc.stdout
    data = json.loads(run("--lang", lang, "route", *AZURE, "--json").stdout)
    for source in data["sources"]:
        assert source["section_title"] and source["date_text"] in proc.stdout


def test_a_closed_pipe_ends_quietly_with_sigpipe():
    # A real pipe whose reading end is closed before the wizard writes its first byte.
    read_end, write_end = os.pipe()
    os.close(read_end)
    proc = subprocess.Popen([sys.executable, "-m", "wizard", "route", *AZURE, "--json"],
                            stdout=write_end, stderr=subprocess.PIPE)
    os.close(write_end)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGPIPE, (proc.returncode, stderr)
    assert stderr == b""


def test_piping_into_head_prints_no_traceback():
    shell = (f"set -o pipefail; {shlex.quote(sys.executable)} -m wizard route {' '.join(AZURE)} --json "
             "| head -1")
    proc = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60, check=False)
    assert proc.stdout == "{\n"
    assert proc.returncode in (0, 128 + signal.SIGPIPE), proc.returncode
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr and proc.stderr == ""


def test_a_later_answer_without_the_first_says_the_answers_are_incomplete():
    from wizard.engine import InvalidAnswerError, validate
    from wizard.i18n import Translator
    with pytest.raises(InvalidAnswerError) as err:
        validate({"product": "azure"})
    assert err.value.reason == "incomplete" and err.value.key == "role"
    zh = err.value.describe(Translator("zh_Hans"))
    assert "customer、direct-partner、indirect-reseller 或 indirect-provider" in zh
    with pytest.raises(InvalidAnswerError) as err:
        validate({"role": "customer", "scope": "customer-subscription", "azure_role": "yes"})
    assert err.value.reason == "not-applicable"


@pytest.mark.parametrize("key, reason", [("dynamics_plan", "support plan"), ("dynamics_area", "same route"),
                                         ("pc_role", "GDAP")])
def test_a_retired_key_gets_its_own_reason_in_the_cli(key, reason):
    proc = subprocess.run([sys.executable, "-m", "wizard", "route", "role=customer", f"{key}=x"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and f"'{key}'" in proc.stderr and reason in proc.stderr
    assert "Traceback" not in proc.stderr
    if key != "pc_role":
        assert "GDAP" not in proc.stderr
