"""Hashed asset names are written into pages in place: only the changed
attribute value is replaced, every other byte of the page stays."""

import html
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from perlen.publish.asset_hashes import hash_assets

words = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
others = st.lists(
    st.tuples(st.sampled_from(["title", "media", "data-x", "class"]), words),
    max_size=3,
    unique_by=lambda a: a[0],
)


@settings(max_examples=40, deadline=None)
@given(
    before=others,
    after=others,
    quote=st.sampled_from(['"', "'", ""]),
    prose=words,
)
def test_only_the_renamed_url_changes(before, after, quote, prose):
    def attributes(pairs):
        return "".join(f' {n}="{html.escape(v, quote=True)}"' for n, v in pairs)

    href = "/theme/css/site.css"
    head = f"<!DOCTYPE html>\n<p>{html.escape(prose)}</p>\n<link rel=stylesheet"
    tail = f"{attributes(after)}>\n<pre>&lt;link href={href}&gt;</pre>\n"
    page = f"{head}{attributes(before)} href={quote}{href}{quote}{tail}"
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        (site / "theme/css").mkdir(parents=True)
        (site / "theme/css/site.css").write_text("p { color: red }")
        (site / "index.html").write_text(page, encoding="utf-8")
        renamed = hash_assets(site, {"THEME_STATIC_DIR": "theme", "SITEURL": ""})
        written = (site / "index.html").read_text(encoding="utf-8")
    new = "/" + renamed["theme/css/site.css"]
    assert written == f'{head}{attributes(before)} href="{new}"{tail}'
