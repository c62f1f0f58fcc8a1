"""What a conversion knows about the one document it converts.

Python-Markdown keeps per-document state in the extension that owns it,
registered with `md.registerExtension`, and `md.reset()` clears it between
documents (as `toc` and `footnotes` do). The document's language (read by the
typography, the permalinks' and the scroll regions' labels) and the table of
contents the headings collect are that state here, so nothing is hung on the
`Markdown` object with a silent default, and nothing of one post leaks into
the next one converted with the same `Markdown`.
"""

from __future__ import annotations

from markdown import Extension, Markdown


class DocumentState(Extension):
    """The language of the document being converted (set after `md.reset()`)
    and its table of contents (set by `headings`)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.reset()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)

    def reset(self) -> None:
        self.lang: str | None = None
        self.toc = ""
        self.toc_entries = 0


def document_state(md: Markdown) -> DocumentState:
    """The state of `md`'s document; registered by the first extension that
    asks, so each instance of `Markdown` has exactly one."""
    for extension in md.registeredExtensions:
        if isinstance(extension, DocumentState):
            return extension
    state = DocumentState()
    state.extendMarkdown(md)
    return state
