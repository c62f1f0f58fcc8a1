"""The German text pipeline: emoji, hearts and typography inside Markdown.

Text rules run inside Python-Markdown, where code spans, code blocks and raw
HTML are already set apart, so they never touch code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markdown import Extension


def markdown_extensions(settings: Mapping[str, Any]) -> list[Extension]:
    """The Markdown extensions that set German text, configured from settings."""
    return []


def typeset_inline(html: str, settings: Mapping[str, Any]) -> str:
    """Apply the text rules to an inline HTML fragment such as a title."""
    return html
