"""A save while the build reads a post is never hidden by the content cache."""

from __future__ import annotations

from perlen.content.reader import GermanMarkdownReader


def test_a_save_during_the_read_is_read_by_the_next_build(site, make_post, monkeypatch):
    path = site.write("posts/a.md", make_post("Erstfassung"))
    read = GermanMarkdownReader.read

    def read_then_save(self, source_path):
        result = read(self, source_path)
        if "Zweitfassung" not in path.read_text(encoding="utf-8"):
            # The writer saves while the build converts the old text; the
            # new file is newer than anything the build saw.
            path.write_text(make_post("Zweitfassung"), encoding="utf-8")
        return result

    monkeypatch.setattr(GermanMarkdownReader, "read", read_then_save)
    site.build()
    assert "<p>Erstfassung</p>" in site.html("2021/monarchie-im-perlenbuero/index.html")
    monkeypatch.setattr(GermanMarkdownReader, "read", read)
    site.build()
    assert "<p>Zweitfassung</p>" in site.html(
        "2021/monarchie-im-perlenbuero/index.html"
    )


def test_an_unchanged_post_still_comes_from_the_cache(site, make_post, monkeypatch):
    site.write("posts/a.md", make_post("Text"))
    site.build()
    reads = []
    read = GermanMarkdownReader.read
    monkeypatch.setattr(
        GermanMarkdownReader,
        "read",
        lambda self, source_path: reads.append(source_path) or read(self, source_path),
    )
    site.build()
    assert reads == []
