"""The saved page first: what `quick` renders is what the full build writes."""

from __future__ import annotations

from pelican import signals
from perlen.commands.preview.quick import Snapshot


def build_keeping_generators(site) -> Snapshot:
    kept = []
    with signals.all_generators_finalized.connected_to(kept.extend):
        site.build()
    return Snapshot(list(kept))


def test_a_changed_post_and_page_render_as_the_full_build_writes_them(site, make_post):
    site.write("posts/a.md", make_post("Vorher", Titel="Erster Beitrag"))
    site.write(
        "posts/b.md",
        make_post(
            "Text", Titel="Zweiter Beitrag", Datum="29.09.2021", Schlagwörter="Kunden"
        ),
    )
    site.write(
        "posts/c.md", make_post("Text", Titel="Dritter Beitrag", Schlagwörter="Kunden")
    )
    page = site.write("pages/ueber.md", "Titel: Über uns\n\nVorher.\n")
    post = site.content / "posts/a.md"
    snapshot = build_keeping_generators(site)

    post.write_text(
        make_post("Nachher, mit „Zitat“ :wink:", Titel="Erster Beitrag"),
        encoding="utf-8",
    )
    page.write_text("Titel: Über uns\n\nNachher.\n", encoding="utf-8")
    rendered = snapshot.render({str(post), str(page), str(site.content / "a.md.tmp")})
    assert sorted(r.save_as for r in rendered) == [
        "2021/erster-beitrag/index.html",
        "ueber-uns/index.html",
    ]
    site.build()
    for page_ahead in rendered:
        assert page_ahead.html == (site.output / page_ahead.save_as).read_bytes()
    assert "Nachher" in site.html("2021/erster-beitrag/index.html")


def test_changes_the_last_build_cannot_take_in_place_wait_for_the_full_build(
    site, make_post
):
    post = site.write("posts/a.md", make_post("Text", Titel="Erster Beitrag"))
    snapshot = build_keeping_generators(site)
    new = site.write("posts/neu.md", make_post("Text", Titel="Neu"))
    assert snapshot.render({str(new)}) is None  # a new post
    for changed in (
        make_post("Text", Titel="Anderer Titel"),  # another address
        make_post("Text", Titel="Erster Beitrag", Status="Entwurf"),  # another status
        make_post("Text", Titel="Erster Beitrag", Titelbild="bild.png"),
        make_post("Text", Titel="Erster Beitrag", Datum="gestern"),  # an error
    ):
        post.write_text(changed, encoding="utf-8")
        assert snapshot.render({str(post)}) is None, changed
    post.unlink()
    assert snapshot.render({str(post)}) is None  # a deleted post
    assert snapshot.render({str(site.content / "weg.md.tmp")}) == []
