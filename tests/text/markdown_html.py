"""Markdown to HTML as the agency's reader converts it, for text-pipeline tests."""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG
from perlen.text import pipeline as textpipeline
from perlen.text.headings import HeadingsExtension
from perlen.text.scroll_regions import ScrollRegionsExtension

_PELICAN = DEFAULT_CONFIG["MARKDOWN"]


def converter(pipeline: bool = True, **settings: Any) -> Markdown:
    """Pelican's Markdown (codehilite, extra) plus our headings (toc with
    German anchors and permalinks), with or without our text pipeline.

    `settings` are PERLEN_* overrides, e.g. `PERLEN_EMOTICONS=True`.
    """
    extensions: list[Any] = [
        e for e in _PELICAN["extension_configs"] if e != "markdown.extensions.meta"
    ]
    if pipeline:
        extensions += textpipeline.markdown_extensions(settings)
    else:
        extensions += [HeadingsExtension(), ScrollRegionsExtension()]
    return Markdown(
        extensions=extensions,
        extension_configs=_PELICAN["extension_configs"],
        output_format=_PELICAN["output_format"],
    )


def render(text: str, **settings: Any) -> str:
    """HTML of `text` with the pipeline configured by `settings`."""
    return converter(**settings).convert(text)


def inline(text: str, **settings: Any) -> str:
    """HTML of a one-paragraph `text`, without the `<p>` around it."""
    html = render(text, **settings)
    assert html.startswith("<p>") and html.endswith("</p>"), html
    return html[3:-4]
