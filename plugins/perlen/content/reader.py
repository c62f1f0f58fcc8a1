"""A Markdown reader that understands German metadata and reports problems.

Pelican glue: the pure work happens in `metadata`, `dates` and `slugs`; this
module turns their results into Pelican metadata and places the problems
they raise (`ProblemError`) in the post's file, which the build reports
together (`building.checked`).
"""

from __future__ import annotations

import html
import os
from datetime import UTC, datetime
from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import URLWrapper

from perlen.content.dates import parse_date
from perlen.content.disk_names import link_on_disk
from perlen.content.encoding import forbidden_controls, read_text
from perlen.content.links import LocalLinksExtension
from perlen.content.metadata import (
    KNOWN_KEYS,
    Header,
    canonical_key,
    map_flag,
    map_language,
    map_status,
    split_header,
    suggest_key,
)
from perlen.content.reading_time import WORD_COUNT, count_words
from perlen.content.slugs import german_slug
from perlen.images import markdown as image_markdown
from perlen.problems import Problem, ProblemError, Severity
from perlen.settings import setting
from perlen.text import characters, comments, headings, pipeline, structure
from perlen.text.document import document_state, writer_html
from perlen.text.table_align import TableAlignExtension

LIST_KEYS = {"tags", "authors"}
# Metadata key of the problems the reader found in a post (`reader_warnings`):
# its warnings, and the errors of a post read only to be checked.
WARNINGS = "perlen_warnings"
# The date of a post whose Datum is wrong, read only to be checked: long past,
# so that it counts as published and is checked like one.
STAND_IN_DATE = datetime(1970, 1, 1, tzinfo=UTC)
# Metadata key set when Markdown passed HTML through (raw, entities, code).
RAW_HTML = "perlen_raw_html"


class GermanMarkdownReader(MarkdownReader):
    """Reads `.md` posts with German (or English) metadata.

    Problems of every file are kept in `self.problems`; a file that cannot
    be read raises `ProblemError`, one with wrong header values is read to the
    end (so every problem is reported at once) and fails the build.
    """

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self.problems: list[Problem] = []
        config = dict(self.settings["MARKDOWN"])
        # MARKDOWN holds Pelican's own extensions (the German header replaces
        # `meta`); the plugin's are all registered here, in this order.
        extensions = [
            e for e in config.pop("extensions") if e != "markdown.extensions.meta"
        ]
        extensions += [
            LocalLinksExtension(static_paths=self.settings["STATIC_PATHS"]),
            TableAlignExtension(),
        ]
        extensions += pipeline.markdown_extensions(self.settings)
        extensions += image_markdown.markdown_extensions(self.settings)
        self._md = Markdown(extensions=extensions, **config)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        self._source_path = source_path
        try:
            text = characters.nfc(read_text(source_path))
            header = split_header(text)
        except ProblemError as error:
            self._fail([error.problem.placed(source_path)])
        metadata, problems, mentioned = self._metadata(header.fields, header.fenced)
        problems += self._layout_problems(text, header)
        if "title" not in mentioned:
            problems.append(
                self._problem(
                    1,
                    "Der Titel fehlt.",
                    "Bitte als erste Zeile „Titel: …“ mit dem Titel "
                    "des Beitrags schreiben.",
                )
            )
        if self._is_article(source_path) and "date" not in mentioned:
            problems.append(
                self._problem(
                    1,
                    "Das Datum fehlt.",
                    "Bitte eine Zeile wie „Datum: Dienstag, 28. September 2021“ "
                    "ergänzen.",
                )
            )
        if any(p.severity is Severity.ERROR for p in problems):
            # Read the body anyway, so that its broken links and missing
            # images are reported in the same run. The errors fail every
            # build (`checked`), also from the content cache (they travel
            # in WARNINGS); the stand-ins only let the post be checked.
            self.problems.extend(problems)
            metadata.setdefault(
                "title", os.path.splitext(os.path.basename(source_path))[0]
            )
            if self._is_article(source_path):
                metadata.setdefault("date", STAND_IN_DATE)
        # Title and summary are typeset in the post's language, which may be
        # named on any line of the header.
        lang = metadata.get("lang")
        title = metadata["title"]
        metadata["title"] = self._typeset(title, lang)
        if "subtitle" in metadata:
            metadata["subtitle"] = self._typeset(metadata["subtitle"], lang)
        metadata.setdefault("slug", german_slug(title))
        if isinstance(metadata.get("image"), str):
            metadata["image"] = link_on_disk(metadata["image"], source_path)
        # Pelican would slug the default author its own way: two author pages.
        named = "author" in metadata or "authors" in metadata
        if not named and self.settings.get("AUTHOR"):
            metadata["author"] = self.process_metadata(
                "author", self.settings["AUTHOR"]
            )
        raw_html = False
        document = image_markdown.Document(
            source_path, lang, metadata.get("credit", ""), bool(metadata.get("image"))
        )
        if "summary" in metadata:
            metadata["summary"] = self._convert(metadata["summary"], document)
            raw_html = writer_html(self._md)
        content = self._convert(header.body, document)
        if raw_html or writer_html(self._md):
            # Only such posts can hold broken HTML (`site/check_broken_html`).
            metadata[RAW_HTML] = True
        # Counted here so that the content cache keeps it (`reading_time`).
        metadata[WORD_COUNT] = count_words(content)
        metadata[image_markdown.USED] = tuple(document.used)
        problems += self._long_post(header, metadata)
        if problems:
            # Warnings travel with the post, so a cached post still has them.
            metadata[WARNINGS] = tuple(problems)
        return content, metadata

    def _typeset(self, text: str, lang: str | None) -> str:
        return pipeline.typeset_inline(
            html.escape(text, quote=False), self.settings, lang
        )

    def _layout_problems(self, text: str, header: Header) -> list[Problem]:
        """What is wrong with the file's layout rather than a value: control
        characters, a header ended early, a missing blank line."""
        problems = [
            self._problem(
                control.line,
                f"Hier steht ein unsichtbares Steuerzeichen ({control.name}), "
                "das auf einer Webseite nicht vorkommen darf.",
                "Bitte das Zeichen löschen; es kommt meist mit kopiertem Text. "
                "Am einfachsten die Zeile neu tippen.",
            )
            for control in forbidden_controls(text)
        ]
        for field in header.stray:
            problems.append(
                self._problem(
                    field.line,
                    f"„{field.name}: …“ steht im Text, nicht im Kopf: Der Kopf "
                    f"endet vor Zeile {header.body_line}, und alles danach "
                    "erscheint als Text des Beitrags.",
                    "Gehört die Zeile vor dieser Angabe noch zur Angabe darüber, "
                    "bitte sie mit vier Leerzeichen einrücken; Leerzeilen gehören "
                    "erst zwischen Kopf und Text.",
                )
            )
        if header.unseparated and not header.stray:
            problems.append(
                self._problem(
                    header.unseparated,
                    "Zwischen dem Kopf und dem Text fehlt die Leerzeile; ab hier "
                    "wird die Zeile als Text gelesen.",
                    "Bitte eine Leerzeile davor setzen – oder die Zeile mit vier "
                    "Leerzeichen einrücken, wenn sie die Angabe darüber fortsetzt.",
                    Severity.WARNING,
                )
            )
        for line in header.separators:
            problems.append(
                self._problem(
                    line,
                    "Hier steht ein unsichtbarer Zeilenumbruch (U+2028, U+2029 "
                    "oder ein Seitenumbruch), meist aus Word oder einer Webseite "
                    "kopiert.",
                    "Bitte ihn löschen und jede Angabe in eine eigene Zeile schreiben.",
                    Severity.WARNING,
                )
            )
        return problems

    def _long_post(self, header: Header, metadata: dict[str, Any]) -> list[Problem]:
        """The table of contents the post shows (`toc`), and warnings: for
        each `#` heading, which would be a second title, and for the lines
        Markdown would read as a structure the writer did not mean
        (`structure`) or a note it would show (`comments`)."""
        shown = headings.show_toc(
            metadata.get("toc"),
            metadata[WORD_COUNT],
            document_state(self._md).toc_entries,
            setting(self.settings, "PERLEN_TOC_MIN_WORDS"),
        )
        metadata["toc"] = document_state(self._md).toc if shown else ""
        unmeant = structure.structure_warnings(header.body)
        unmeant += comments.comment_warnings(header.body)
        return [
            self._problem(
                header.body_line + line - 1,
                "Eine Überschrift mit „#“ ist so groß wie der Titel.",
                "Überschriften im Text beginnen mit „##“ (Unterpunkte „###“).",
                Severity.WARNING,
            )
            for line in headings.title_heading_lines(header.body)
        ] + [
            self._problem(header.body_line + line - 1, message, fix, Severity.WARNING)
            for line, message, fix in unmeant
        ]

    def _convert(self, markdown: str, document: image_markdown.Document) -> str:
        """One document: `reset()` clears the extensions' state of the last
        one, then this one's language and images are set."""
        self._md.reset()
        document_state(self._md).lang = document.lang
        image_markdown.picture_extension(self._md).document = document
        return self._md.convert(markdown)

    def _metadata(
        self, fields, fenced: bool
    ) -> tuple[dict[str, Any], list[Problem], set[str]]:
        """Pelican metadata, the problems found, and every key the writer meant."""
        metadata: dict[str, Any] = {}
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        for field in fields:
            key = canonical_key(field.name)
            if key is None:
                suggestion = suggest_key(field.name)
                if suggestion:
                    seen.setdefault(canonical_key(suggestion), field.line)
                    problems.append(
                        self._problem(
                            field.line,
                            f"Unbekannter Schlüssel „{field.name}“ – "
                            f"meinten Sie „{suggestion}“?",
                            f"Bitte „{suggestion}:“ schreiben.",
                        )
                    )
                else:
                    problems.append(self._unknown_key(field, fenced))
                continue
            if key in seen:
                problems.append(
                    self._problem(
                        field.line,
                        f"„{field.name}“ steht doppelt (schon in Zeile {seen[key]}).",
                        "Bitte nur eine der beiden Zeilen behalten.",
                    )
                )
                continue
            seen[key] = field.line
            if key == "summary" and not field.value.strip():
                continue  # as `perlen neu` writes it: the start of the text
            try:
                metadata[key] = self._value(key, field)
            except ProblemError as error:
                problems.append(error.problem.placed(self._source_path, field.line))
        if metadata.pop("draft", False) or metadata.pop("published", True) is False:
            metadata["status"] = "draft"
        return metadata, problems, set(seen)

    def _unknown_key(self, field, fenced: bool) -> Problem:
        """An unknown key; where the header ends depends on its style."""
        if fenced:  # YAML front matter, or `Key: value` lines between `---`
            hint = (
                "Gehört die Zeile zum Text, bitte sie unter die Zeile „---“ "
                "setzen, die den Kopf beendet; sonst kann sie weg."
            )
        else:
            hint = "Gehört die Zeile schon zum Text, bitte eine Leerzeile davor setzen."
        return self._problem(
            field.line,
            f"Den Schlüssel „{field.name}“ kennt der Blog nicht; "
            "die Zeile wird nicht angezeigt.",
            f"Bekannt sind: {KNOWN_KEYS}. {hint}",
            Severity.WARNING,
        )

    def _value(self, key: str, field) -> Any:
        value, line = field.value, field.line
        if field.items is not None and key not in LIST_KEYS:
            if len(field.items) != 1:
                raise ProblemError.at(
                    line,
                    f"„{field.name}“ hat hier {len(field.items)} Werte, "
                    "erlaubt ist einer.",
                    "Bitte nur einen Wert angeben.",
                )
            value = field.items[0]
        if key not in LIST_KEYS and key != "summary":
            value = value.replace("\n", " ")
        if not value.strip() and key in {"title", "date", "modified", "status"}:
            raise ProblemError.at(
                line, "Hier fehlt der Wert.", "Bitte hinter dem Doppelpunkt ergänzen."
            )
        if key in {"date", "modified"}:
            return parse_date(value, locale=setting(self.settings, "PERLEN_LOCALE"))
        if key == "status":
            return map_status(value, line)
        if key in {"draft", "published"} or key == "toc":
            return map_flag(value, line)
        if key == "lang":
            return map_language(
                value, line, locale=setting(self.settings, "PERLEN_LOCALE")
            )
        if key in {"title", "subtitle", "summary"}:
            return value
        if key in LIST_KEYS:
            if field.items is not None:
                return [
                    wrapper
                    for item in field.items
                    for wrapper in self.process_metadata(key, item)
                ]
            value = value.replace("\n", ",")
        return self.process_metadata(key, value)

    def process_metadata(self, name: str, value: Any) -> Any:
        """Pelican's processing, with German slugs for categories, tags, authors."""
        result = super().process_metadata(name, value)
        for wrapper in result if isinstance(result, list) else [result]:
            if isinstance(wrapper, URLWrapper):
                wrapper.slug = german_slug(wrapper.name)
        return result

    def _is_article(self, source_path: str) -> bool:
        relative = os.path.relpath(source_path, self.settings["PATH"])
        return any(
            relative == path or relative.startswith(path.rstrip("/") + os.sep)
            for path in self.settings["ARTICLE_PATHS"]
        )

    def _problem(
        self,
        line: int | None,
        message: str,
        fix: str,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        return Problem(self._source_path, line, message, fix, severity)

    def _fail(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)
        raise ProblemError(*problems)


def add_reader(readers) -> None:
    """`readers_init` handler: read Markdown with German metadata."""
    for extension in GermanMarkdownReader.file_extensions:
        readers.reader_classes[extension] = GermanMarkdownReader
