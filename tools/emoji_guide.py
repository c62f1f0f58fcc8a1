"""The table of common German emoji shortcodes in the writers' guide.

`docs/schreiben.md` lists what a writer types (`:rotes_herz:`), the emoji a
reader sees and the name a screen reader says. The table is made here from
the same data the pipeline uses, so it cannot promise a shortcode that does
not work; `tools/update_generated.py` writes it between the markers, and a
test keeps it current.
"""

from __future__ import annotations

from perlen.text import emojis

# The emoji a blog post needs most, in the order the guide lists them.
COMMON = (
    "😀", "🙂", "😉", "😂", "😅", "😍", "🥰", "😘", "😎", "🤔", "🤗", "🥳", "😢",
    "😭", "🙈", "👍", "👎", "👏", "🙏", "💪", "🙌", "👋", "🤝", "❤️", "💔", "💕",
    "💖", "✨", "🎉", "🎂", "🎁", "☕", "🍰", "🌸", "🌻", "☀️", "🌈", "⭐", "🔥",
    "💡", "📷", "📚", "✏️", "💬", "💯", "✅", "❌", "⚠️", "🚀",
)  # fmt: skip
BEGIN = "<!-- Emoji-Tabelle: erzeugt von tools/update_generated.py -->"
END = "<!-- Ende der Emoji-Tabelle -->"


def german_shortcode(char: str) -> str:
    """The German shortcode of an emoji, as a writer types it: `:rotes_herz:`."""
    return emojis._data()[char]["de"]


def table() -> str:
    """The Markdown table, markers included."""
    rows = [
        "| Sie schreiben | Im Blog steht | Vorgelesen als |",
        "|---|---|---|",
        *(
            f"| `{german_shortcode(c)}` | {c} | {emojis.german_name(c)} |"
            for c in COMMON
        ),
    ]
    return "\n".join([BEGIN, *rows, END])


def update(text: str) -> str:
    """`text` with the table between the markers replaced by `table()`."""
    head, rest = text.split(BEGIN, 1)
    return head + table() + rest.split(END, 1)[1]
