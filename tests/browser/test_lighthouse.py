"""Lighthouse budgets on the home page, a post, a post with a 12-megapixel
photo, a long post with code and a table, the search page and a tag page, as
a phone sees them.

Lighthouse (npm, pinned in package-lock.json) runs Debian's chromium in its
default mobile emulation with simulated throttling. Every category must score
at least 98 (accessibility and SEO 100), with no layout shift (CLS 0). Reports land in
`test-artifacts/lighthouse-*.report.html`. `make lighthouse` runs only these.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from browser_site import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PHOTO_POST,
    ROOT,
    published_site,
    require,
)

# Chromium against the published site: the slow tier (`make test` runs each
# file on one worker, `--dist loadfile`, so its chromium starts once).
pytestmark = pytest.mark.langsam

LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
BUDGETS = {
    "accessibility": 1.0,
    "seo": 1.0,
    "performance": 0.98,
    "best-practices": 0.98,
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    require(CHROMIUM.is_file(), f"{CHROMIUM} fehlt (apt-get install chromium)")
    require(
        LIGHTHOUSE.is_file(),
        f"Lighthouse fehlt ({LIGHTHOUSE}); „make test“ installiert es mit npm ci",
    )
    return published_site(tmp_path_factory)


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("startseite", ""),
        ("beitrag", "2021/monarchie-im-perlenbuero/"),
        ("foto", PHOTO_POST),  # a 12-megapixel phone photo in the text
        ("code-und-tabelle", "2020/tauchen-nach-perlen/"),
        ("suche", "suche/"),
        ("schlagwort", "schlagwort/kunden/"),
    ],
)
def test_lighthouse_budgets(site_url, name, path):
    ARTIFACTS.mkdir(exist_ok=True)
    report = ARTIFACTS / f"lighthouse-{name}"
    flags = " ".join(
        arg.replace("--headless", "--headless=new") for arg in CHROMIUM_ARGS
    )
    subprocess.run(
        [
            str(LIGHTHOUSE),
            f"{site_url}/{path}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--output=json",
            "--output=html",
            f"--output-path={report}",
            f"--chrome-flags={flags}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        check=True,
        timeout=300,
    )
    result = json.loads(report.with_suffix(".report.json").read_text(encoding="utf-8"))
    scores = {key: category["score"] for key, category in result["categories"].items()}
    weak = [
        f"{key}: {audit_id} ({result['audits'][audit_id]['title']})"
        for key, category in result["categories"].items()
        for ref in category["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and result["audits"][audit_id]["score"] is not None
        and result["audits"][audit_id]["score"] < 1
    ]
    assert all(scores[key] >= minimum for key, minimum in BUDGETS.items()), (
        scores,
        weak,
    )
    assert result["audits"]["cumulative-layout-shift"]["numericValue"] < 0.001
