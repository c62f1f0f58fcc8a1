"""Pull requests get a preview: the site with drafts, every page noindex and
with relative links (vorschauconf.py), attached to the run and never
deployed; `perlen pruefen`'s findings are the run's summary."""

from __future__ import annotations

import re
import shutil

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "vorschau.yml"


def test_the_preview_has_drafts_noindex_everywhere_and_relative_links(project):
    shutil.copy(ROOT / "vorschauconf.py", project.root / "vorschauconf.py")
    project.write("posts/2021/fertig.md", "Titel: Fertig\nDatum: 28.09.2021\n\nText.\n")
    project.write(
        "posts/2021/neu.md",
        "Titel: Noch nicht fertig\nDatum: 1.10.2021\nStatus: Entwurf\n\nText.\n",
    )
    code, _, err = project.run(
        "bauen", "-s", "vorschauconf.py", "--ausgabe", "vorschau"
    )
    assert code == 0, err
    output = project.root / "vorschau"
    assert (output / "entwuerfe" / "noch-nicht-fertig" / "index.html").is_file()
    pages = sorted(output.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html, page
        assert 'rel="canonical"' not in html, page
        # Opened from disk, a link starting with "/" would lead off the copy.
        assert not re.findall(r'(?:href|src)="/(?!/)', html), page


def test_the_pull_request_workflow_checks_like_publishing_and_attaches_the_preview():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert re.search(r"^on:\n  pull_request:", text, re.MULTILINE)
    # Strict like the publish build, and the publish build itself.
    assert "perlen pruefen --streng -s vorschauconf.py" in text
    assert "perlen veroeffentlichen --ausgabe pruefbau" in text
    assert "perlen bauen -s vorschauconf.py --ausgabe vorschau" in text
    assert re.search(r"actions/upload-artifact@[0-9a-f]{40} # v7", text)
    assert "path: vorschau" in text
    assert '.ci/vorschau-zusammenfassung >> "$GITHUB_STEP_SUMMARY"' in text
    assert "secrets.NETLIFY_AUTH_TOKEN" in text  # the optional preview host
    assert ".ci/run" in text  # the tests run before merging, too
    assert "deploy-pages" not in text
    assert "pages: write" not in text
