"""Pull requests get a preview: the site with drafts, every page noindex and
with relative links (vorschauconf.py), attached to the run and never
deployed; `perlen pruefen`'s findings are the run's summary."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

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


class _Links(HTMLParser):
    """Every address a reader can follow or the page loads."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in {"href", "src"}:
                self.links.append(value)


def test_every_link_of_the_preview_opens_a_page_from_disk(project):
    """Opened from disk (file://), a link to a folder shows a directory
    listing: in the preview every local link names a file."""
    shutil.copy(ROOT / "vorschauconf.py", project.root / "vorschauconf.py")
    project.write("pages/ueber-uns.md", "Titel: Über uns\n\nWir.\n")
    for number in range(12):  # more than one page of the listings
        project.write(
            f"posts/2021/beitrag-{number}.md",
            f"Titel: Beitrag {number}\nDatum: {number + 1}.09.2021\n"
            f"Kategorie: Haltung\nSchlagwörter: Perlen, Büro\n\n"
            f"Text mit [Verweis](beitrag-{(number + 1) % 12}.md).\n",
        )
    project.write(
        "posts/2021/entwurf.md",
        "Titel: Entwurf\nDatum: 1.10.2021\nStatus: Entwurf\nKategorie: Haltung\n\n"
        "Text.\n",
    )
    code, _, err = project.run(
        "bauen", "-s", "vorschauconf.py", "--ausgabe", "vorschau"
    )
    assert code == 0, err
    output = project.root / "vorschau"
    followed = 0
    for page in output.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            address = urlsplit(link)
            if address.scheme or address.netloc or not address.path:
                continue  # another site, mailto:, or an anchor on this page
            target = (page.parent / unquote(address.path)).resolve()
            assert target.is_file(), f"{page.relative_to(output)}: {link}"
            followed += 1
    assert followed > 100
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="./2021/beitrag-11/index.html"' in home
    # The menu still marks the page a reader is on.
    assert 'href="./index.html" aria-current="page"' in home
    archive = (output / "archiv" / "index.html").read_text(encoding="utf-8")
    assert 'href="../archiv/index.html" aria-current="page"' in archive
