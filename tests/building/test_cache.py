"""The content cache is reused exactly while code, data and settings stay."""

from pathlib import Path

import pytest
from pelican import signals
from perlen.building import cache
from perlen.building.atomic import build
from perlen.content.reader import GermanMarkdownReader
from perlen.problems import BuildFailed


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
    # One process or all cores read every post the same.
    assert cache.fingerprint({**settings, "PERLEN_WORKERS": 1}) == first
    assert cache.fingerprint({**settings, "TYPOGRIFY": True}) != first

    labels.write_text('{"😉": "Zwinkern"}', encoding="utf-8")
    changed_data = cache.fingerprint(settings)
    assert changed_data != first
    (tmp_path / "pipeline.py").write_text("RULES = 2\n", encoding="utf-8")
    assert cache.fingerprint(settings) not in {first, changed_data}


def test_fingerprint_follows_the_installed_packages(tmp_path, monkeypatch):
    import markdown

    site_packages = tmp_path / "site-packages"
    site_packages.mkdir()
    (site_packages / "markdown-3.8.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(site_packages))
    settings = {"TYPOGRIFY": False}
    assert "markdown-3.8.dist-info" in cache.installed_packages()
    # Every package the build imports is listed, as importlib.metadata finds it.
    assert f"markdown-{markdown.__version__}.dist-info" in cache.installed_packages()
    before = cache.fingerprint(settings)

    (site_packages / "markdown-3.8.dist-info").rename(
        site_packages / "markdown-3.9.dist-info"
    )
    assert cache.fingerprint(settings) != before


def test_fingerprint_covers_every_stage_of_the_plugin():
    """The text pipeline, the reader and the image markup change what the
    cache holds, not only the build stage the cache module lives in."""
    import perlen

    root = cache._PACKAGE
    assert root == Path(perlen.__file__).parent
    for stage in ("text", "content", "images", "site"):
        assert (root / stage / "__init__.py").is_file()


# -- A damaged cache never breaks a build ---------------------------------------


def _cache_files(site) -> list:
    return sorted(p for p in (site.root / "cache").rglob("*") if p.is_file())


def _post(title: str) -> str:
    return f"Titel: {title}\nDatum: 28.09.2021\n\nText von {title}.\n"


@pytest.mark.parametrize("keep", [0, 10, -1])
def test_a_truncated_cache_is_rebuilt_with_a_note(site, capsys, keep):
    site.write("posts/a.md", _post("A"))
    site.build()
    files = _cache_files(site)
    assert files
    for path in files:
        data = path.read_bytes()
        path.write_bytes(data[: keep if keep >= 0 else len(data) // 2])
    capsys.readouterr()
    site.write("posts/b.md", _post("B"))
    site.build()
    assert "Text von\u00a0B." in site.html("2021/b/index.html")
    err = capsys.readouterr().err
    assert "Hinweis: Der Zwischenspeicher" in err and "neu aufgebaut" in err
    assert "Traceback" not in err and "EOFError" not in err
    capsys.readouterr()
    site.build()  # the rebuilt cache is whole again
    assert "Zwischenspeicher" not in capsys.readouterr().err


def test_pruefen_survives_a_truncated_cache(project):
    project.write("posts/2021/a.md", _post("A"))
    assert project.run("bauen")[0] == 0
    for path in (project.root / "cache").rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes()[:5])
    code, out, err = project.run("pruefen")
    assert code == 0, err
    assert out.startswith("In Ordnung")


def test_cache_writes_replace_the_file_only_when_complete(tmp_path):
    target = tmp_path / "cache"
    target.write_bytes(b"alt")
    opener = cache._AtomicOpener(open)
    with pytest.raises(KeyboardInterrupt), opener(str(target), "wb") as handle:
        handle.write(b"halb")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"alt"
    assert [p.name for p in tmp_path.iterdir()] == ["cache"]
    with opener(str(target), "wb") as handle:
        handle.write(b"neu")
    assert target.read_bytes() == b"neu"


def test_gzipped_cache_is_written_at_the_fastest_level(site, capsys):
    """Pelican's level 9 costs the build 0.1–0.2 s per 1,000 posts; the
    gzip header's extra flags say which level wrote the file (4: fastest)."""
    site.write("posts/a.md", _post("A"))
    site.build()
    files = _cache_files(site)
    assert files
    for path in files:
        header = path.read_bytes()[:10]
        assert header[:2] == b"\x1f\x8b", path  # gzip, as GZIP_CACHE asks
        assert header[8] == 4, path
    capsys.readouterr()
    site.build()  # Pelican reads it back: no note of an unreadable cache
    assert "Zwischenspeicher" not in capsys.readouterr().err
    assert "Text von\u00a0A." in site.html("2021/a/index.html")


def test_the_first_build_and_a_rebuild_share_one_cache(site):
    site.write("posts/a.md", _post("A"))
    settings = site.settings()
    build(settings)
    build(settings)  # as the preview does, with the same settings
    assert len(list((site.root / "cache").iterdir())) == 1


def test_a_cache_that_cannot_be_saved_is_a_german_note(site, caplog):
    site.write("posts/a.md", _post("A"))
    (site.root / "cache").write_text("kein Ordner")  # the folder cannot be made
    site.build()
    assert "Text von\u00a0A." in site.html("2021/a/index.html")
    notes = [r.getMessage() for r in caplog.records if r.name == "pelican.cache"]
    assert notes and all(
        n.startswith("Hinweis: Der Zwischenspeicher „") and "Could not" not in n
        for n in notes
    )


def _newest_page_ns(site) -> int:
    return max(p.stat().st_mtime_ns for p in site.output.rglob("*.html"))


def test_the_cache_is_saved_when_the_run_ends(site):
    """After the pages, not after reading: pickling it leaves the build's
    process larger, which then no longer adds to what rendering holds."""
    site.write("posts/a.md", _post("A"))
    site.build()
    files = _cache_files(site)
    assert files
    assert min(p.stat().st_mtime_ns for p in files) >= _newest_page_ns(site)


def test_a_failed_build_saves_what_it_read(site, monkeypatch):
    site.write("posts/a.md", _post("A"))
    site.write("posts/b.md", "Datum: 28.09.2021\n\nOhne Titel.\n")
    with pytest.raises(BuildFailed):
        site.build()
    assert _cache_files(site)
    site.write("posts/b.md", _post("B"))
    read = GermanMarkdownReader.read
    reads = []
    monkeypatch.setattr(
        GermanMarkdownReader,
        "read",
        lambda self, path: reads.append(Path(path).name) or read(self, path),
    )
    site.build()
    assert reads == ["b.md"]  # a.md came from the cache the failed build saved
    assert "Text von\u00a0A." in site.html("2021/a/index.html")


def test_an_interrupted_build_saves_no_cache(site):
    site.write("posts/a.md", _post("A"))

    def interrupt(*_, **__):
        raise KeyboardInterrupt

    with (
        signals.article_writer_finalized.connected_to(interrupt),
        pytest.raises(KeyboardInterrupt),
    ):
        site.build()
    assert _cache_files(site) == []
