"""What a conversion knows about the one document it converts.

Python-Markdown keeps per-document state in the extension that owns it,
registered with `md.registerExtension`, and `md.reset()` clears it between
documents (as `toc` and `footnotes` do). The document's language (read by the
typography, the permalinks' and the scroll regions' labels) and the table of
contents the headings collect are that state here, so nothing is hung on the
`Markdown` object with a silent default, and nothing of one post leaks into
the next one converted with the same `Markdown`.

The state also counts the raw HTML the conversion itself put into Markdown's
stash (highlighted fenced code, image captions): only a document whose stash
holds more than that has HTML the writer typed (`writer_html`), which the
build checks for broken tags.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# After `fenced_code_block` (25), which stashes each highlighted block, and
# before `html_block` (20), which stashes the writer's blocks of HTML.
_COUNT_FENCED_CODE = 24


class DocumentState(Extension):
    """The language of the document being converted (set after `md.reset()`),
    its table of contents (set by `headings`) and how many of the stash's
    entries are the conversion's own."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.reset()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(
            _CountFencedCode(md, self), "perlen_count_fenced_code", _COUNT_FENCED_CODE
        )

    def reset(self) -> None:
        self.lang: str | None = None
        self.toc = ""
        self.toc_entries = 0
        self.own_html = 0


class _CountFencedCode(Preprocessor):
    """Until here only fenced code was stashed: all of it is the build's own."""

    def __init__(self, md: Markdown, state: DocumentState):
        super().__init__(md)
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.own_html += len(self.md.htmlStash.rawHtmlBlocks)
        return lines


def writer_html(md: Markdown) -> bool:
    """Whether the document just converted holds HTML the writer typed: stashed
    entries beyond the conversion's own (a highlighted indented code block
    also counts as typed, which only means one check more)."""
    return len(md.htmlStash.rawHtmlBlocks) > document_state(md).own_html


def document_state(md: Markdown) -> DocumentState:
    """The state of `md`'s document; registered by the first extension that
    asks, so each instance of `Markdown` has exactly one."""
    for extension in md.registeredExtensions:
        if isinstance(extension, DocumentState):
            return extension
    state = DocumentState()
    state.extendMarkdown(md)
    return state
