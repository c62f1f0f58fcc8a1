"""Atom feeds have what RFC 4287 requires, and absolute, working URLs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from perlen.publish.findings import Findings
from perlen.publish.pages import existing_file
from perlen.site.references import site_path

_ATOM = "{http://www.w3.org/2005/Atom}"


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
