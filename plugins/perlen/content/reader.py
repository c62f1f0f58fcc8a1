"""A Markdown reader that understands German metadata and reports problems.

Pelican glue: the pure work happens in `metadata`, `dates` and `slugs`; this
module turns their results into Pelican metadata and their errors into
`Problem`s, which the build reports together (see `build_problems`).
"""

from __future__ import annotations

import html
import os
from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import URLWrapper
from pelican.utils import pelican_open

from perlen.content.dates import DateError, parse_date
from perlen.content.metadata import (
    MetadataError,
    canonical_key,
    map_language,
    map_status,
    split_header,
    suggest_key,
)
from perlen.content.reading_time import WORD_COUNT, count_words
from perlen.content.slugs import german_slug
from perlen.images import markdown as image_markdown
from perlen.problems import Problem, ProblemError
from perlen.settings import setting
from perlen.text import pipeline

LIST_KEYS = {"tags", "authors"}


class GermanMarkdownReader(MarkdownReader):
    """Reads `.md` posts with German (or English) metadata.

    Problems of every file are kept in `self.problems`; a file with errors
    raises `ProblemError` so that Pelican does not publish it half-read.
    """

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self.problems: list[Problem] = []
        config = dict(self.settings["MARKDOWN"])
        extensions = [
            e for e in config.pop("extensions") if e != "markdown.extensions.meta"
        ]
        extensions += pipeline.markdown_extensions(self.settings)
        extensions += image_markdown.markdown_extensions(self.settings)
        self._md = Markdown(extensions=extensions, **config)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        self._source_path = source_path
        with pelican_open(source_path) as text:
            try:
                header = split_header(text)
            except MetadataError as error:
                self._fail([self._problem(error.line, error.message, error.fix)])
        metadata, problems, mentioned = self._metadata(header.fields)
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
        if problems:
            self._fail(problems)
        # Title and summary are typeset in the post's language, which may be
        # named on any line of the header.
        lang = metadata.get("lang")
        self._md.perlen_lang = lang
        title = metadata["title"]
        metadata["title"] = pipeline.typeset_inline(
            html.escape(title, quote=False), self.settings, lang
        )
        metadata.setdefault("slug", german_slug(title))
        document = image_markdown.Document(
            source_path, lang, metadata.get("credit", ""), bool(metadata.get("image"))
        )
        self._md.perlen_document = document
        if "summary" in metadata:
            metadata["summary"] = self._convert(metadata["summary"])
        content = self._convert(header.body)
        # Counted here so that the content cache keeps it (`reading_time`).
        metadata[WORD_COUNT] = count_words(content)
        metadata[image_markdown.USED] = tuple(document.used)
        return content, metadata

    def _convert(self, markdown: str) -> str:
        self._md.reset()
        return self._md.convert(markdown)

    def _metadata(self, fields) -> tuple[dict[str, Any], list[Problem], set[str]]:
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
                    continue
                key = field.name.lower()
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
            try:
                metadata[key] = self._value(key, field.value, field.line)
            except (DateError, MetadataError) as error:
                problems.append(self._problem(field.line, error.message, error.fix))
        return metadata, problems, set(seen)

    def _value(self, key: str, value: str, line: int) -> Any:
        if not value.strip() and key in {"title", "date", "modified", "status"}:
            raise MetadataError(
                line, "Hier fehlt der Wert.", "Bitte hinter dem Doppelpunkt ergänzen."
            )
        if key in {"date", "modified"}:
            return parse_date(value, locale=setting(self.settings, "PERLEN_LOCALE"))
        if key == "status":
            return map_status(value, line)
        if key == "lang":
            return map_language(
                value, line, locale=setting(self.settings, "PERLEN_LOCALE")
            )
        if key in {"title", "summary"}:
            return value.replace("\n", " ") if key == "title" else value
        if key in LIST_KEYS:
            value = value.replace("\n", ",")
        elif key not in {"slug", "image"}:
            value = value.replace("\n", " ")
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

    def _problem(self, line: int | None, message: str, fix: str) -> Problem:
        return Problem(self._source_path, line, message, fix)

    def _fail(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)
        raise ProblemError(problems)


def add_reader(readers) -> None:
    """`readers_init` handler: read Markdown with German metadata."""
    for extension in GermanMarkdownReader.file_extensions:
        readers.reader_classes[extension] = GermanMarkdownReader
