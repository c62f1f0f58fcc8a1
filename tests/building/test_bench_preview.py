"""The benchmark's preview row measures a real preview, untimed here."""

import pytest

from benchmarks import corpus, preview
from benchmarks.run import edit


@pytest.mark.langsam
def test_save_to_served_edits_a_post_and_waits_for_its_page(tmp_path):
    posts = corpus.generate(8)
    paths = corpus.write(posts, tmp_path / "deutsch", german=True)
    page = f"/{posts[4].date:%Y}/{posts[4].slug}/"
    waits = preview.save_to_served(
        tmp_path / "deutsch", paths[4], page, tmp_path, edit, edits=2
    )
    assert len(waits) == 2 and all(0 < wait < 60 for wait in waits)
    assert paths[4].read_text(encoding="utf-8").count("Nachtrag90") == 2
    assert not (tmp_path / "vorschau-blog").exists()


def test_the_report_checks_the_target_for_the_corpus_size():
    assert "✓ Vorschau, Speichern bis Anzeige: 0,50 s (Ziel ≤ 1,0 s)" in (
        preview.report([0.4, 0.5, 0.6], 1000)
    )
    assert "✗" in preview.report([1.5, 1.5, 1.5], 1000)
    assert "(Ziel ≤ 2,0 s)" in preview.report([1.5], 10000)
