"""Checks of a built site, before it may replace the published one.

Runs on the output of every publish build, and on `output/` with
`perlen veroeffentlichen --nur-pruefen`: internal links, anchors and images
across the whole site; HTML and CSS validity (the Nu HTML Checker from npm,
`vnu-jar`); Atom feeds; the sitemap; third-party hosts and whatever else the site's
Content-Security-Policy would block; no drafts or future posts. A finding names
the page (and the post it was made from); one cause on many pages, typically
in the theme, is reported once.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from pelican.contents import Content

from perlen.problems import Problem, display_path
from perlen.publish.redirects import REDIRECTS_FILE
from perlen.publish.search_index import INDEX_DIR
from perlen.settings import setting
from perlen.site import csp as site_csp
from perlen.site.references import (
    StartTag,
    css_references,
    fragment,
    page_url,
    references,
    site_path,
    site_root,
    start_tags,
)

_ATOM = "{http://www.w3.org/2005/Atom}"
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_SCRIPT_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "text/javascript",
    "application/javascript",
    "text/ecmascript",
    "application/ecmascript",
}
_RESOURCE_NAMES = {
    "img-src": "Das Bild",
    "script-src": "Das Skript",
    "style-src": "Das Stylesheet",
    "font-src": "Die Schrift",
    "media-src": "Die Mediendatei",
    "frame-src": "Die eingebettete Seite",
    "object-src": "Das eingebettete Objekt",
    "manifest-src": "Das Web-App-Manifest",
    "connect-src": "Die Verbindung zu",
    "form-action": "Das Formularziel",
    "default-src": "Die Datei",
}
_INLINE_FIXES = {
    "script": "Bitte Skripte als eigene .js-Datei im Theme ablegen.",
    "style": "Bitte Stile ins Stylesheet des Themes schreiben (per class-Attribut).",
}
_MANY = 3
_SITEMAP_PLUGIN = "pelican.plugins.sitemap"


@dataclass(frozen=True)
class Page:
    """A built HTML page: where it is and what it contains."""

    path: str
    tags: list[StartTag]
    ids: frozenset[str]
    noindex: bool


class Findings:
    """What the checks found, by cause; each cause lists the files it is in."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, str], list[str]] = defaultdict(list)

    def add(self, file: str, message: str, fix: str = "") -> None:
        """Record a finding in `file`: an output path, or a label."""
        files = self._files[(message, fix)]
        if file not in files:
            files.append(file)

    def problems(self, written: Mapping[str, Content]) -> list[Problem]:
        return [
            Problem(_where(files, written), None, message, fix)
            for (message, fix), files in self._files.items()
        ]


def verify_site(
    site: Path,
    settings: Mapping[str, Any],
    written: Mapping[str, Content] | None = None,
) -> list[Problem]:
    """Every problem of the built `site`; `written` maps output files to the
    content they were made from (known during a build, for better messages)."""
    written = written or {}
    root = site_root(settings["SITEURL"])
    csp = site_csp.policy(settings)
    pages = load_pages(site)
    findings = Findings()
    check_references(site, pages, root, csp, findings)
    check_inline_code(pages, csp, findings)
    check_stylesheets(site, root, csp, findings)
    check_feeds(site, root, findings)
    check_redirects(site, pages, root, findings)
    plugins = [getattr(p, "__name__", str(p)) for p in settings.get("PLUGINS") or []]
    check_sitemap(site, pages, root, findings, required=_SITEMAP_PLUGIN in plugins)
    if setting(settings, "PERLEN_PUBLISH"):
        check_unpublished(written, findings)
    check_html(site, findings, written)
    return sorted(findings.problems(written))


def load_pages(site: Path) -> dict[str, Page]:
    """Every HTML page of `site` (Pagefind's own files aside), by path."""
    pages: dict[str, Page] = {}
    for file in sorted(site.rglob("*.html")):
        path = file.relative_to(site).as_posix()
        if path.startswith(f"{INDEX_DIR}/"):
            continue
        tags = start_tags(file.read_text(encoding="utf-8"))
        ids = {t.attrs["id"] for t in tags if "id" in t.attrs}
        ids |= {t.attrs["name"] for t in tags if t.name == "a" and "name" in t.attrs}
        noindex = any(
            t.name == "meta"
            and t.attrs.get("name", "").lower() == "robots"
            and "noindex" in t.attrs.get("content", "").lower()
            for t in tags
        )
        pages[path] = Page(path, tags, frozenset(ids), noindex)
    return pages


def check_references(
    site: Path,
    pages: Mapping[str, Page],
    root: str,
    csp: Mapping[str, list[str]],
    findings: Findings,
) -> None:
    """Internal links, anchors and images exist; nothing loads from a host the
    policy does not allow."""
    for page in pages.values():
        base = page_url(root, page.path)
        for reference in (r for tag in page.tags for r in references(tag)):
            url = reference.url
            target = site_path(url, base, root)
            if target is None and _beside_root(urljoin(base, url), root):
                findings.add(page.path, *_beside(url, root))
                continue
            if target is None:
                if reference.directive is not None:
                    _check_foreign(
                        page.path,
                        url,
                        urljoin(base, url),
                        reference.directive,
                        csp,
                        root,
                        findings,
                    )
                continue
            file = existing_file(site, target)
            if file is None:
                findings.add(page.path, *_missing(url, reference.directive))
                continue
            anchor = fragment(url)
            if (
                anchor
                and anchor.lower() != "top"
                and file in pages
                and anchor not in pages[file].ids
            ):
                where = "dieser Seite" if file == page.path else _page_name(file)
                findings.add(
                    page.path,
                    f"Der Link „{url}“ springt zur Stelle „#{anchor}“, "
                    f"die es auf {where} nicht gibt.",
                    "Bitte die Sprungmarke (das id-Attribut) prüfen.",
                )


def _beside_root(absolute: str, root: str) -> bool:
    """Whether `absolute` is on the site's host but outside its folder (a
    root-relative `/archiv/` when the site lives at `https://…/blog/`)."""
    parts, root_parts = urlsplit(absolute), urlsplit(root)
    return (
        parts.scheme in ("http", "https")
        and parts.netloc == root_parts.netloc
        and not parts.path.startswith(root_parts.path)
    )


def _beside(url: str, root: str) -> tuple[str, str]:
    folder = urlsplit(root).path
    return (
        f"Die Adresse „{url}“ liegt außerhalb der Website, die unter „{folder}“ "
        "liegt; so führt sie ins Leere.",
        "Bitte auf Beiträge mit ihrem Dateinamen verlinken, z. B. "
        "„[…](anderer-beitrag.md)“, auf Bilder mit „{static}/images/…“, "
        f"oder die Adresse mit „{folder}“ beginnen.",
    )


def existing_file(site: Path, target: str) -> str | None:
    """The output file a site path is served from, if there is one."""
    candidates = (
        [target + "index.html"]
        if target == "" or target.endswith("/")
        else [target, target + "/index.html"]
    )
    return next((c for c in candidates if (site / c).is_file()), None)


def _missing(url: str, directive: str | None) -> tuple[str, str]:
    if directive is None:
        return (
            f"Der Link „{url}“ führt ins Leere: Diese Seite gibt es nicht.",
            "Bitte die Adresse prüfen; auf eigene Beiträge verlinkt man am sichersten "
            "mit ihrem Dateinamen, z. B. „[…](anderer-beitrag.md)“.",
        )
    if directive == "img-src":
        return (
            f"Das Bild „{url}“ fehlt.",
            "Bitte die Bilddatei ablegen oder den Pfad korrigieren.",
        )
    return (
        f"{_RESOURCE_NAMES[directive]} „{url}“ fehlt.",
        "Bitte den Pfad korrigieren.",
    )


def _check_foreign(
    file: str,
    url: str,
    absolute: str,
    directive: str,
    csp: Mapping[str, list[str]],
    root: str,
    findings: Findings,
) -> None:
    """A resource from outside the site must be one the policy allows."""
    parts = urlsplit(absolute)
    if parts.netloc == urlsplit(root).netloc or site_csp.allows(
        csp, directive, absolute
    ):
        return
    what = _RESOURCE_NAMES[directive]
    if parts.scheme in ("http", "https"):
        findings.add(
            file,
            f"{what} „{url}“ kommt von einem fremden Server ({parts.hostname}): "
            "Das gibt die IP-Adressen der Leserinnen und Leser an Dritte weiter, "
            "und die Sicherheitsrichtlinie (CSP) der Website blockiert es.",
            "Bitte die Datei mit der Website ausliefern oder den Server in "
            f"PERLEN_ALLOWED_HOSTS unter „{directive}“ erlauben.",
        )
    else:
        findings.add(
            file,
            f"{what} „{url[:60]}“ ist eine {parts.scheme}:-Adresse, die die "
            "Sicherheitsrichtlinie (CSP) der Website blockiert.",
            "Bitte die Datei mit der Website ausliefern.",
        )


def check_inline_code(
    pages: Mapping[str, Page], csp: Mapping[str, list[str]], findings: Findings
) -> None:
    """No inline scripts, event handlers or styles unless the policy allows them."""
    allowed = {
        kind: "'unsafe-inline'" in site_csp.effective_sources(csp, f"{kind}-src")
        for kind in _INLINE_FIXES
    }
    for page in pages.values():
        for tag in page.tags:
            for kind, what in _inline_code(tag):
                if not allowed[kind]:
                    blocked = f"{what} blockiert die Sicherheitsrichtlinie (CSP)"
                    findings.add(
                        page.path, f"{blocked} der Website.", _INLINE_FIXES[kind]
                    )


def _inline_code(tag: StartTag) -> Iterator[tuple[str, str]]:
    """The inline code in `tag`: ("script" or "style", what it is)."""
    if (
        tag.name == "script"
        and "src" not in tag.attrs
        and tag.attrs.get("type", "").lower() in _SCRIPT_TYPES
    ):
        yield "script", "Ein Inline-Skript (<script> ohne src)"
    for name in sorted(a for a in tag.attrs if a.startswith("on")):
        yield "script", f"Das Event-Attribut „{name}“ an <{tag.name}>"
    for attribute in ("href", "src", "action"):
        if tag.attrs.get(attribute, "").strip().lower().startswith("javascript:"):
            yield "script", f"Einen javascript:-Link an <{tag.name}>"
    if tag.name == "style":
        yield "style", "Einen <style>-Block"
    if "style" in tag.attrs:
        yield "style", f"Das style-Attribut an <{tag.name}>"


def check_stylesheets(
    site: Path, root: str, csp: Mapping[str, list[str]], findings: Findings
) -> None:
    """Fonts and images a stylesheet refers to exist and are not third-party."""
    for css in sorted(site.rglob("*.css")):
        path = css.relative_to(site).as_posix()
        base = page_url(root, path)
        for reference in css_references(css.read_text(encoding="utf-8")):
            target = site_path(reference.url, base, root)
            if target is None:
                _check_foreign(
                    path,
                    reference.url,
                    urljoin(base, reference.url),
                    reference.directive,
                    csp,
                    root,
                    findings,
                )
            elif existing_file(site, target) is None:
                findings.add(path, *_missing(reference.url, reference.directive))


def check_redirects(
    site: Path, pages: Mapping[str, Page], root: str, findings: Findings
) -> None:
    """Every rule in `_redirects` leads to a page of the site, and its old
    address has the redirect page that hosts without `_redirects` serve."""
    file = site / REDIRECTS_FILE
    if not file.is_file():
        return
    for line in file.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2 or parts[0].startswith("#"):
            continue
        old, new = parts[:2]
        target = site_path(new, root, root)
        if target is None or existing_file(site, target) is None:
            findings.add(
                REDIRECTS_FILE,
                f"Die Weiterleitung von „{old}“ führt ins Leere: „{new}“ gibt es "
                "nicht.",
                "Bitte „Alte Adressen:“ im umgezogenen Beitrag prüfen.",
            )
        source = site_path(old, root, root)
        page = existing_file(site, source) if source is not None else None
        if page is None:
            findings.add(
                REDIRECTS_FILE,
                f"Für die alte Adresse „{old}“ fehlt die Weiterleitungsseite "
                "(für Server ohne _redirects wie GitHub Pages).",
            )
        elif page in pages and not pages[page].noindex:
            findings.add(
                page,
                f"Die alte Adresse „{old}“ ist eine Seite der Website; die "
                "Weiterleitung verdeckt sie.",
                "Bitte „Alte Adressen:“ im umgezogenen Beitrag prüfen.",
            )


def check_feeds(site: Path, root: str, findings: Findings) -> None:
    """Every Atom feed has what RFC 4287 requires, and absolute, working URLs."""
    for file in sorted(site.rglob("*.xml")):
        path = file.relative_to(site).as_posix()
        try:
            feed = ET.parse(file).getroot()
        except ET.ParseError as error:
            findings.add(path, f"Die Datei ist kein gültiges XML: {error}.")
            continue
        if feed.tag != f"{_ATOM}feed":
            continue
        for problem in _atom_problems(feed, root, site):
            findings.add(
                path, problem, "Bitte SITEURL und die Feed-Einstellungen prüfen."
            )


def _atom_problems(feed: ET.Element, root: str, site: Path) -> Iterable[str]:
    yield from _required(feed, "Der Feed", ("id", "title", "updated"))
    entries = feed.findall(f"{_ATOM}entry")
    if feed.find(f"{_ATOM}author") is None and any(
        e.find(f"{_ATOM}author") is None for e in entries
    ):
        yield "Dem Feed fehlt die Autorin (<author>)."
    for number, entry in enumerate(entries, start=1):
        yield from _required(
            entry, f"Eintrag {number} des Feeds", ("id", "title", "updated")
        )
        if entry.find(f"{_ATOM}content") is None and not _links(entry, "alternate"):
            yield f"Eintrag {number} des Feeds hat weder Inhalt noch Link."
    for element in feed.iter():
        if (
            element.tag == f"{_ATOM}id"
            and not urlsplit((element.text or "").strip()).scheme
        ):
            yield f"Die ID „{element.text}“ im Feed ist keine absolute Adresse."
        if element.tag == f"{_ATOM}link":
            href = element.get("href", "")
            parts = urlsplit(href)
            if parts.scheme not in ("http", "https"):
                yield f"Der Link „{href}“ im Feed ist keine absolute Adresse."
                continue
            target = site_path(href, root, root)
            if target is not None and existing_file(site, target) is None:
                yield f"Der Link „{href}“ im Feed führt ins Leere."
    for element in feed.iter(f"{_ATOM}updated"):
        try:
            datetime.fromisoformat((element.text or "").strip())
        except ValueError:
            yield f"Das Datum „{element.text}“ im Feed ist kein RFC-3339-Zeitpunkt."


def _required(element: ET.Element, name: str, children: Iterable[str]) -> Iterable[str]:
    for child in children:
        count = len(element.findall(f"{_ATOM}{child}"))
        if count != 1:
            yield f"{name} hat {count}-mal <{child}>, verlangt ist genau eines."


def _links(element: ET.Element, rel: str) -> list[ET.Element]:
    return [
        link
        for link in element.findall(f"{_ATOM}link")
        if link.get("rel", "alternate") == rel
    ]


def check_sitemap(
    site: Path,
    pages: Mapping[str, Page],
    root: str,
    findings: Findings,
    required: bool = False,
) -> None:
    """The sitemap lists exactly the pages meant for search engines: every page
    without `noindex`, each once, and nothing else."""
    file = site / "sitemap.xml"
    if not file.is_file():
        if required:
            fix = "Bitte SITEMAP in den Einstellungen prüfen (format: „xml“)."
            findings.add("sitemap.xml", "Die Sitemap fehlt.", fix)
        return
    fix = (
        "Bitte die Sitemap-Einstellungen prüfen oder die Seite mit noindex auszeichnen."
    )
    listed: dict[str, str] = {}
    for loc in ET.parse(file).getroot().iter(f"{_SITEMAP}loc"):
        url = (loc.text or "").strip()
        target = site_path(url, root, root) if urlsplit(url).scheme else None
        page = existing_file(site, target) if target is not None else None
        if page is None or page not in pages:
            findings.add(
                "sitemap.xml",
                f"Die Sitemap nennt „{url}“, aber diese Seite gibt es nicht.",
                fix,
            )
        elif page in listed:
            findings.add(
                "sitemap.xml", f"Die Sitemap nennt {_page_name(page)} doppelt.", fix
            )
        elif pages[page].noindex:
            findings.add(
                "sitemap.xml",
                f"Die Sitemap nennt {_page_name(page)}, "
                "die mit noindex ausgezeichnet ist.",
                fix,
            )
        else:
            listed[page] = url
    for page in pages.values():
        if not page.noindex and page.path not in listed:
            findings.add(page.path, "Die Seite fehlt in der Sitemap.", fix)


def check_unpublished(
    written: Mapping[str, Content], findings: Findings, now: datetime | None = None
) -> None:
    """No draft and no post dated in the future made it into the site."""
    now = now or datetime.now(UTC)
    for path, content in written.items():
        if getattr(content, "status", "published") == "draft":
            findings.add(
                path, "Ein Entwurf ist in der veröffentlichten Website gelandet."
            )
        date = getattr(content, "date", None)
        if date is not None and date.tzinfo is not None and date > now:
            findings.add(
                path,
                f"Ein Beitrag mit Datum in der Zukunft ({date:%d.%m.%Y}) "
                "ist in der veröffentlichten Website gelandet.",
            )


# The Nu HTML Checker from npm (`vnu-jar` in package-lock.json), current
# enough for CSP Level 3 and modern CSS.
VNU_JAR = (
    Path(__file__).resolve().parents[3] / "node_modules/vnu-jar/build/dist/vnu.jar"
)


def check_html(
    site: Path, findings: Findings, written: Mapping[str, Content] | None = None
) -> None:
    """Every page is valid HTML and every stylesheet valid CSS, according to
    the Nu HTML Checker: one Java run for the whole site. A finding on a
    listing comes from a post's summary, which the fix names."""
    java = shutil.which("java")
    if java is None:
        findings.add(
            "HTML-Prüfung",
            "Java fehlt: Die HTML-Prüfung (Nu HTML Checker) "
            "braucht eine Java-Laufzeit.",
            "Bitte installieren, z. B. „apt-get install default-jre-headless“.",
        )
        return
    if not VNU_JAR.is_file():
        findings.add(
            "HTML-Prüfung",
            "Der Nu HTML Checker (npm-Paket „vnu-jar“) ist nicht installiert.",
            "Bitte „make node_modules/.installed“ (npm ci) ausführen.",
        )
        return
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            "--errors-only",
            "--no-langdetect",
            "--skip-non-html",
            "--also-check-css",
            str(site),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        report = (result.stdout + result.stderr).strip()[:500]
        findings.add("HTML-Prüfung", f"Der Nu HTML Checker ist gescheitert: {report}")
        return
    root = site.resolve()
    for message in messages:
        file = Path(unquote(urlsplit(message.get("url", "")).path))
        path = (
            file.relative_to(root).as_posix()
            if file.is_relative_to(root)
            else str(file)
        )
        if path.startswith(f"{INDEX_DIR}/"):
            continue
        text = message.get("message", "").strip()
        if path.endswith(".css"):
            line = message.get("lastLine")
            where = f" (Zeile {line})" if line else ""
            findings.add(
                path,
                f"Ungültiges CSS{where}: {text.removeprefix('CSS: ')}",
                "Bitte das Stylesheet des Themes korrigieren.",
            )
            continue
        source = None if path in (written or {}) else _summary_source(message, written)
        findings.add(
            path,
            f"Ungültiges HTML: {text}",
            f"Bitte das HTML in der Zusammenfassung von „{display_path(source)}“ "
            "korrigieren."
            if source
            else "Bitte das HTML (Theme oder Beitrag) korrigieren.",
        )


def _summary_source(
    message: Mapping[str, Any], written: Mapping[str, Content] | None
) -> str | None:
    """The post whose summary holds the markup the checker highlights."""
    extract = message.get("extract") or ""
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if not written or start is None or not length:
        return None
    markup = extract[start : start + length].strip()
    for content in {id(c): c for c in written.values()}.values():
        summary = content.metadata.get("summary")
        if markup and isinstance(summary, str) and markup in content.summary:
            return content.source_path
    return None


def _page_name(path: str) -> str:
    """How a page is named in messages: by its address on the site."""
    url = (
        path.removesuffix("index.html")
        if path.endswith("/index.html") or path == "index.html"
        else path
    )
    return f"„/{url}“"


def _where(files: list[str], written: Mapping[str, Content]) -> str:
    """The files a finding concerns, named for writers: the posts' source
    files when they are known, then the pages' addresses."""
    files = sorted(files, key=lambda f: f not in written)
    sources = ", ".join(
        dict.fromkeys(
            display_path(written[f].source_path) for f in files if f in written
        )
    )
    if len(files) > 1:
        more = f" und {len(files) - _MANY} weitere" if len(files) > _MANY else ""
        shown = ", ".join(_page_name(f) for f in files[:_MANY])
        pages = f"{len(files)} Seiten: {shown}{more}"
    elif files[0].endswith(".html"):
        pages = f"Seite {_page_name(files[0])}"
    else:
        pages = f"Datei „/{files[0]}“" if "." in files[0] else files[0]
    return f"{sources} ({pages})" if sources else pages
