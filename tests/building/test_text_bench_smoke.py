"""The text pipeline benchmark runs (untimed, on a few posts)."""

from benchmarks import text_pipeline


def test_the_text_benchmark_reports_markdown_typogrify_and_ours():
    text, share = text_pipeline.report(3, 1)
    assert "| + typogrify (Text, Titel, Zusammenfassung) |" in text
    assert "| + perlenmädchen-Textpipeline und Überschriften |" in text
    assert f"{share:.2f}× der Kosten von typogrify" in text
