"""Read built pages the way a browser's parser does, for theme tests.

Python's `html.parser` treats `<script>` content as raw text up to the first
`</script`, like a browser, so a title that breaks out of JSON-LD shows up
here as broken JSON.
"""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {
    "meta",
    "link",
    "br",
    "img",
    "input",
    "hr",
    "source",
    "wbr",
    "area",
    "base",
    "col",
}


class Doc(HTMLParser):
    """Start tags with their attributes, and the text inside each element."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._texts: list[list[str]] = []
        self._open: list[int] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))
        self._texts.append([])
        if tag not in VOID:
            self._open.append(len(self.elements) - 1)

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, -1, -1):
            if self.elements[self._open[depth]][0] == tag:
                del self._open[depth:]
                return

    def handle_data(self, data):
        for index in self._open:
            self._texts[index].append(data)

    def find_all(self, tag: str, **attrs: str) -> list[tuple[dict[str, str], str]]:
        """Attributes and text of every `tag` whose attributes include `attrs`.

        Text as a reader sees it: whitespace (also the typography's no-break
        spaces) collapsed to single spaces. Script content stays raw.
        """
        return [
            (found, self._text(index, raw=name == "script"))
            for index, (name, found) in enumerate(self.elements)
            if name == tag
            and all(found.get(key) == value for key, value in attrs.items())
        ]

    def text(self, tag: str, **attrs: str) -> str:
        """Text of the only `tag` matching `attrs`."""
        (found,) = self.find_all(tag, **attrs)
        return found[1]

    def _text(self, index: int, raw: bool = False) -> str:
        text = "".join(self._texts[index])
        return text if raw else " ".join(text.split())

    def meta(self, key: str) -> str:
        """`content` of the `<meta>` with this `name` or `property`."""
        values = [
            attrs["content"]
            for attrs, _ in self.find_all("meta")
            if key in (attrs.get("name"), attrs.get("property"))
        ]
        (value,) = values
        return value

    def outline(self) -> list[tuple[int, str]]:
        """Level and text of every heading (without its permalink ¶), in
        document order."""
        return [
            (int(name[1]), self._text(index).removesuffix("¶"))
            for index, (name, _) in enumerate(self.elements)
            if name in {"h1", "h2", "h3", "h4", "h5", "h6"}
        ]
