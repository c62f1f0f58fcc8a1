"""The content cache is reused exactly while code, data and settings stay."""

from perlen.build import cache


def test_fingerprint_follows_plugin_files_and_settings(tmp_path, monkeypatch):
    (tmp_path / "data").mkdir()
    labels = tmp_path / "data" / "labels.json"
    labels.write_text('{"😉": "zwinkerndes Gesicht"}', encoding="utf-8")
    (tmp_path / "pipeline.py").write_text("RULES = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path)
    settings = {"TYPOGRIFY": False, "OUTPUT_PATH": "/tmp/a", "CACHE_PATH": "cache"}

    first = cache.fingerprint(settings)
    assert cache.fingerprint(settings) == first
    # A new (atomic) output directory is the same version of the content.
    assert cache.fingerprint({**settings, "OUTPUT_PATH": "/tmp/b"}) == first
    assert cache.fingerprint({**settings, "TYPOGRIFY": True}) != first

    labels.write_text('{"😉": "Zwinkern"}', encoding="utf-8")
    changed_data = cache.fingerprint(settings)
    assert changed_data != first
    (tmp_path / "pipeline.py").write_text("RULES = 2\n", encoding="utf-8")
    assert cache.fingerprint(settings) not in {first, changed_data}
