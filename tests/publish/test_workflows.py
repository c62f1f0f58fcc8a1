"""The GitHub workflows: current actions pinned by SHA, least privilege, no
run that displaces a tested one, caches that keep a publish warm, and
zizmor's audit without findings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
NAMES = ("publish.yml", "termine.yml", "vorschau.yml")
SHA_PIN = re.compile(r"^\s*(?:- )?uses: ([\w./-]+)@([0-9a-f]{40}) # v(\d+)\.\d+\.\d+$")

# The majors that run on Node 24 (their action.yml says `using: node24`,
# upload-pages-artifact is a composite around upload-artifact v7).
CURRENT = {
    "actions/checkout": 7,
    "actions/setup-node": 7,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
    "actions/upload-artifact": 7,
    "actions/cache": 5,
}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(flow: dict):
    for job_name, job in flow["jobs"].items():
        for step in job.get("steps", []):
            yield job_name, step


@pytest.mark.parametrize("name", NAMES)
def test_every_action_is_pinned_by_sha_on_its_current_major(name):
    lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        match = SHA_PIN.match(line)
        assert match, f"{name}: not pinned by SHA with its version: {line.strip()}"
        action, _, major = match.groups()
        assert int(major) >= CURRENT[action], line


def test_the_same_action_version_has_the_same_sha_everywhere():
    pins: dict[str, set[str]] = {}
    for name in NAMES:
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines():
            if match := SHA_PIN.match(line):
                pins.setdefault(match[1], set()).add(match[2])
    assert pins.keys() >= {"actions/checkout", "actions/deploy-pages"}
    assert all(len(shas) == 1 for shas in pins.values()), pins


@pytest.mark.parametrize("name", NAMES)
def test_node_is_a_supported_lts_and_containers_are_pinned_by_digest(name):
    flow = workflow(name)
    for _, step in steps(flow):
        if "actions/setup-node" in step.get("uses", ""):
            version = str(step["with"]["node-version"])
            major, minor = (int(part) for part in (*version.split(".")[:2], "99")[:2])
            # Lighthouse 13 needs 22.19 or later; odd majors are never LTS.
            assert major % 2 == 0 and (major, minor) >= (22, 19), version
    for job in flow["jobs"].values():
        if "container" in job:
            image = job["container"]
            image = image["image"] if isinstance(image, dict) else image
            assert re.search(r"@sha256:[0-9a-f]{64}$", image), image


@pytest.mark.parametrize("name", NAMES)
def test_every_checkout_drops_its_credentials_and_rights_are_per_job(name):
    flow = workflow(name)
    assert flow["permissions"] == {}
    checkouts = [s for _, s in steps(flow) if "actions/checkout" in s.get("uses", "")]
    assert checkouts
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)
    for job_name, job in flow["jobs"].items():
        rights = job.get("permissions", {})
        writes = {right for right, level in rights.items() if level == "write"}
        writes_pages = {"pages", "id-token"} & writes
        if name == "publish.yml" and job_name == "deploy":
            assert writes_pages == {"pages", "id-token"}
            assert set(rights) == {"pages", "id-token"}
        else:
            assert not writes_pages, (name, job_name)


def test_only_the_deploy_job_shares_the_pages_group():
    """A workflow-wide group would let a queued termin run cancel a push run
    that waits for its tests, and then deploy that commit untested."""
    publish = workflow("publish.yml")
    assert "concurrency" not in publish
    assert "concurrency" not in publish["jobs"]["build"]
    assert publish["jobs"]["deploy"]["concurrency"] == {
        "group": "pages",
        "cancel-in-progress": False,
    }
    for name in ("termine.yml", "vorschau.yml"):
        assert "pages" not in str(workflow(name).get("concurrency", {}).get("group"))


def test_a_termin_run_publishes_only_a_tested_commit_that_is_still_the_newest():
    build = workflow("publish.yml")["jobs"]["build"]
    named = {step.get("name", step.get("id")): step for step in build["steps"]}
    tested = named["Wurde diese Fassung schon getestet?"]
    assert tested["if"] == "${{ inputs.termin }}"
    assert "event=push&head_sha=$SHA&status=success" in tested["run"]
    tests = named["Tests (mit Browser- und HTML-Prüfung)"]
    assert tests["run"] == ".ci/run"
    # A termin run whose commit has no successful push run tests it itself.
    assert tests["if"] == (
        "${{ !inputs.termin || steps.getestet.outputs.getestet != 'true' }}"
    )
    newest = named["Ist diese Fassung noch die neueste?"]
    assert "commits/$GITHUB_REF_NAME" in newest["run"]
    deploy = workflow("publish.yml")["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "${{ needs.build.outputs.veroeffentlichen == 'true' }}"


def test_a_failed_scheduled_publish_is_retried_a_bounded_number_of_times():
    flow = workflow("termine.yml")
    assert int(flow["env"]["MAX_VERSUCHE"]) <= 3
    job = flow["jobs"]["pruefen"]
    named = {step.get("id", step.get("name")): step for step in job["steps"]}
    # The live site not answering is no red run.
    assert named["faellig"]["continue-on-error"] is True
    limit = named["versuche"]["run"]
    assert "event=workflow_dispatch&head_sha=$SHA&status=failure" in limit
    assert '-ge "$MAX_VERSUCHE"' in limit
    assert 'select(.status != "completed")' in limit  # none while one runs
    start = named["Veröffentlichen starten"]
    assert start["if"] == "steps.versuche.outputs.starten == 'true'"


def test_the_publish_keeps_the_image_and_package_caches():
    build = workflow("publish.yml")["jobs"]["build"]
    caches = {
        step["with"]["path"]: step["with"]
        for step in build["steps"]
        if "actions/cache" in step.get("uses", "")
    }
    images = caches["cache/bilder"]
    # Keyed by every photo (and the code that encodes them): no change, no
    # encoding; a change restores the newest cache and encodes only the new.
    assert "hashFiles('content/**'" in images["key"]
    assert "plugins/perlen/images/**" in images["key"]
    assert images["restore-keys"] == "bilder-"
    assert any("requirements.lock" in c["key"] for c in caches.values())
    node = next(s for s in build["steps"] if "setup-node" in s.get("uses", ""))
    assert node["with"]["cache"] == "npm"


def test_the_pull_request_check_installs_no_browser():
    vorschau = workflow("vorschau.yml")["jobs"]["vorschau"]
    text = json.dumps(vorschau)
    assert "chromium" not in text and ".ci/run" not in text
    assert "playwright" not in text


def test_dependabot_updates_actions_pip_and_npm_with_a_cooldown():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert updates.keys() == {"github-actions", "pip", "npm"}
    assert all(u["cooldown"]["default-days"] >= 3 for u in updates.values())


def zizmor(folder: Path, *options: str) -> subprocess.CompletedProcess:
    """zizmor's offline audit of `folder` as JSON (findings on stdout)."""
    return subprocess.run(
        [
            str(Path(sys.executable).parent / "zizmor"),
            "--offline",
            "--no-progress",
            *options,
            "--format",
            "json",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )


def test_zizmor_finds_nothing_above_informational():
    result = zizmor(GITHUB)
    findings = json.loads(result.stdout)
    serious = [
        (f["ident"], f["locations"][0]["symbolic"]["key"])
        for f in findings
        if f["determinations"]["severity"] != "Informational"
    ]
    assert serious == []
    # It audited all three workflows (and would report a broken file).
    assert result.returncode == 0, result.stderr


def test_zizmor_pedantic_finds_only_what_a_comment_explains():
    """The pedantic audit's one finding is a choice, explained where it is
    made: publish.yml has no workflow-wide concurrency (a group would let a
    queued termin run cancel a push run that waits for its tests)."""
    result = zizmor(GITHUB, "--persona", "pedantic")
    findings = [
        (
            f["ident"],
            Path(f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"]).name,
        )
        for f in json.loads(result.stdout)
    ]
    assert findings == [("concurrency-limits", "publish.yml")], findings
    assert "# No workflow-wide concurrency:" in (WORKFLOWS / "publish.yml").read_text(
        encoding="utf-8"
    )


def test_zizmor_would_report_an_unpinned_action(tmp_path):
    """The audit above can fail: an action by tag with write rights is found."""
    flows = tmp_path / ".github" / "workflows"
    flows.mkdir(parents=True)
    (flows / "x.yml").write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n"
        "    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    result = zizmor(tmp_path / ".github")
    severities = {f["determinations"]["severity"] for f in json.loads(result.stdout)}
    assert severities - {"Informational"}


def test_the_preview_address_reaches_the_web_editor():
    """Decap's GitHub backend reads a draft's preview from the commit status
    whose context contains "deploy" (decap-cms-lib-util `isPreviewContext`)."""
    flow = workflow("vorschau.yml")
    job = flow["jobs"]["vorschau"]
    assert job["permissions"]["statuses"] == "write"
    [report] = [
        s for s in job["steps"] if "statuses" in s.get("env", {}).get("STATUSES", "")
    ]
    assert "deploy" in report["run"].split('"context": "')[1].split('"')[0]
    assert report["env"]["ADRESSE"] == "${{ steps.netlify.outputs.adresse }}"
    assert report["env"]["STATUSES"].endswith(
        "${{ github.event.pull_request.head.sha }}"
    )
