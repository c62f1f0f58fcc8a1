"""The legal pages a German site needs on the day it goes live.

The Impressum (§ 5 DDG) ships with placeholders such as
`[Name der Inhaberin oder des Inhabers]`: the agency fills them in, nobody
else may invent them. Until then, and while it lacks what § 5 DDG requires
(name, street and house number, postcode and town, e-mail address), publishing
fails; the preview and `perlen pruefen` warn, so writers can work before the
legal data exist. The gaps are warnings; that a publish build fails on them is
the one strictness rule's decision (`building.strict.failures`, strict in the
publish profile), as for every other warning.

The privacy policy's section on third-party services is generated from
`PERLEN_ALLOWED_HOSTS`, each host with its purpose from
`PERLEN_HOST_PURPOSES`: the policy names exactly the hosts the site may load
from. A host without a purpose is a problem like a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pelican.contents import Content, Page

from perlen.content.metadata import split_header
from perlen.problems import Problem, Severity
from perlen.settings import setting
from perlen.site.contents import contents_of

# `[Text]` not followed by `(`, `[` or `:` – a link's text or a reference
# definition is no placeholder, nor is a footnote (`[^1]`).
_PLACEHOLDER = re.compile(r"\[(?!\^)(?P<text>[^\]\n]+)\](?![(\[:])")
# The end of a line as Markdown writes a line break: two spaces or a backslash.
_LINE_BREAK = re.compile(r"(?:\s{2,}|\\)$")
_LABEL_ONLY = re.compile(r"^(?P<label>[A-ZÄÖÜ][^:\n]{0,60}):$")


@dataclass(frozen=True)
class Field:
    """A detail § 5 DDG requires, how a filled-in line looks, and the
    placeholders that stand for it (so that one gap is reported once)."""

    name: str
    filled: re.Pattern[str]
    placeholder: re.Pattern[str]
    example: str


REQUIRED = (
    Field(
        "der Name der Inhaberin oder des Inhabers",
        re.compile(
            r"^(?:Inhaber\w*|Vertreten durch|Vertretungsberechtigt\w*|"
            r"Geschäftsführ\w*)\b[^:\n]*:\s*\S",
            re.IGNORECASE,
        ),
        re.compile(r"name|inhaber", re.IGNORECASE),
        "„Inhaberin: Vorname Nachname“ (bei einer GmbH „Vertreten durch: …“)",
    ),
    Field(
        "die Straße mit Hausnummer",
        re.compile(
            r"^(?!Postfach)[^\d\n:]*[^\W\d]\.?\s+\d+\s?[a-z]?(?:\s?[-–/]\s?\d+)?$"
        ),
        re.compile(r"straße|strasse|hausnummer|anschrift", re.IGNORECASE),
        "„Musterstraße 1“",
    ),
    Field(
        "die Postleitzahl mit Ort",
        re.compile(r"^(?:D-)?\d{5}\s+\S"),
        re.compile(r"postleitzahl|ort\b", re.IGNORECASE),
        "„12345 Musterstadt“",
    ),
    Field(
        "die E-Mail-Adresse",
        re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
        re.compile(r"mail", re.IGNORECASE),
        "„E-Mail: kontakt@example.org“",
    ),
)

# What a host is loaded for, by CSP directive, for the privacy policy.
DIRECTIVE_NAMES = {
    "default-src": "Inhalte",
    "script-src": "Skripte",
    "style-src": "Stylesheets",
    "img-src": "Bilder",
    "font-src": "Schriften",
    "media-src": "Audio und Video",
    "frame-src": "eingebettete Inhalte",
    "child-src": "eingebettete Inhalte",
    "connect-src": "Verbindungen",
    "object-src": "eingebettete Objekte",
    "form-action": "Formulare",
}


@dataclass(frozen=True)
class ExternalService:
    """A third-party host as the privacy policy lists it."""

    host: str
    loads: str  # e.g. "eingebettete Inhalte"
    purpose: str


def legal_problems(
    contents: Iterable[Content],
    settings: Mapping[str, Any],
    lines: Callable[[str], list[str]],
) -> list[Problem]:
    """Gaps in the Impressum and third-party hosts without a purpose, as
    warnings (a strict build, such as publishing, fails on them)."""
    slug = setting(settings, "PERLEN_IMPRESSUM")
    problems = []
    for content in contents:
        if slug and isinstance(content, Page) and content.slug == slug:
            german = content.lang == settings["DEFAULT_LANG"]
            problems += impressum_problems(
                content.source_path, lines(content.source_path), german
            )
    return problems + host_problems(settings)


# Every Impressum problem's message starts so (`is_impressum_gap`).
_IMPRESSUM_PREFIX = "Im Impressum "


def is_impressum_gap(problem: Problem) -> bool:
    """Whether `problem` is a gap in the Impressum's legal details: a site-wide
    matter the management fills in, not a writer's mistake."""
    return problem.message.startswith(_IMPRESSUM_PREFIX)


def impressum_problems(path: str, lines: list[str], complete: bool) -> list[Problem]:
    """Placeholders and empty entries in the Impressum at `path`, and (when
    `complete` is asked for) the details of § 5 DDG it lacks."""
    header = split_header("\n".join(lines))
    first = header.body_line
    body = [(number, line) for number, line in enumerate(lines, 1) if number >= first]
    labels = set(re.findall(r"^\[([^\]\n]+)\]:", "\n".join(lines), re.MULTILINE))
    problems = []
    gaps: list[str] = []
    for index, (number, line) in enumerate(body):
        for match in _PLACEHOLDER.finditer(line):
            text = match["text"]
            if text in labels:
                continue
            gaps.append(text)
            problems.append(
                Problem(
                    path,
                    number,
                    f"{_IMPRESSUM_PREFIX}steht noch der Platzhalter „[{text}]“.",
                    f"Bitte die echte Angabe eintragen ({text}) und die eckigen "
                    "Klammern entfernen, oder die Zeile löschen, falls sie nicht "
                    "zutrifft. Solange Platzhalter drinstehen, wird die Website "
                    "nicht veröffentlicht.",
                    Severity.WARNING,
                )
            )
        label = _LABEL_ONLY.match(_LINE_BREAK.sub("", line).strip())
        after = body[index + 1][1].strip() if index + 1 < len(body) else ""
        if label and (not after or after.startswith("#")):
            problems.append(
                Problem(
                    path,
                    number,
                    f"{_IMPRESSUM_PREFIX}ist die Angabe „{label['label']}“ leer.",
                    "Bitte ausfüllen oder die Zeile löschen, "
                    "falls die Angabe nicht zutrifft.",
                    Severity.WARNING,
                )
            )
    if not complete:
        return problems
    section = next(
        (number for number, line in body if "§ 5" in line and line.startswith("#")),
        first,
    )
    texts = [_LINE_BREAK.sub("", line).strip() for _, line in body]
    for field in REQUIRED:
        if any(field.placeholder.search(gap) for gap in gaps):
            continue
        if any(field.filled.search(text) for text in texts):
            continue
        problems.append(
            Problem(
                path,
                section,
                f"{_IMPRESSUM_PREFIX}fehlt eine Angabe, die § 5 DDG verlangt: "
                f"{field.name}.",
                f"Bitte eine Zeile wie {field.example} ergänzen.",
                Severity.WARNING,
            )
        )
    return problems


def external_services(settings: Mapping[str, Any]) -> list[ExternalService]:
    """Every third-party host the site may load from, with its purpose, by
    host; a host allowed for several directives is listed once."""
    purposes = setting(settings, "PERLEN_HOST_PURPOSES")
    loads: dict[str, list[str]] = {}
    for directive, hosts in setting(settings, "PERLEN_ALLOWED_HOSTS").items():
        for host in hosts:
            what = DIRECTIVE_NAMES.get(directive, "Inhalte")
            if what not in loads.setdefault(host, []):
                loads[host].append(what)
    return [
        ExternalService(host, " und ".join(what), purposes.get(host, "").strip())
        for host, what in sorted(loads.items())
    ]


def host_problems(settings: Mapping[str, Any]) -> list[Problem]:
    """A third-party host without a purpose cannot be named in the privacy
    policy."""
    return [
        Problem(
            "pelicanconf.py",
            None,
            f"Der fremde Server „{service.host}“ ist in PERLEN_ALLOWED_HOSTS "
            "erlaubt, aber die Datenschutzerklärung kann nicht sagen, wozu.",
            "Bitte in PERLEN_HOST_PURPOSES eintragen, wer ihn betreibt und "
            f'wozu er geladen wird, z. B. {{"{service.host}": "Eingebettete '
            'Videos von YouTube (Google Ireland Limited)."}.',
            Severity.WARNING,
        )
        for service in external_services(settings)
        if not service.purpose
    ]


def describe_external_services(generator) -> None:
    """`page_generator_finalized` handler: the privacy policy page gets the
    third-party services as `perlen_external_services`, which the theme
    lists in a section of its own."""
    slug = setting(generator.settings, "PERLEN_DATENSCHUTZ")
    services = external_services(generator.settings)
    for page in contents_of([generator]):
        if slug and page.slug == slug:
            page.perlen_external_services = services
