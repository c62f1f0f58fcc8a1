"""The image pipeline's pure functions, directly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from image_files import phone_photo
from perlen.images.markdown import content_path, split_credit, written_source
from perlen.images.source import SourceImage, read_source
from perlen.images.variants import plan, widths
from perlen.problems import ProblemError

STEPS = (480, 960, 1440, 2000)


@given(st.integers(min_value=1, max_value=20_000))
def test_widths_never_upscale_and_end_at_the_largest(width):
    result = widths(width, STEPS)
    assert list(result) == sorted(set(result))
    assert result[-1] == min(width, 2000)
    assert all(w <= width for w in result)


def test_plan_names_variants_beside_the_source():
    source = SourceImage("posts/2021/krone.jpg", 1000, 750)
    names = [v.path for v in plan(source, STEPS).variants]
    assert names[:3] == [
        "posts/2021/krone-jpg-480.avif",
        "posts/2021/krone-jpg-960.avif",
        "posts/2021/krone-jpg-1000.avif",
    ]
    assert names[-1] == "posts/2021/krone-jpg-1000.jpg"
    alpha = SourceImage("images/logo.png", 600, 300, alpha=True)
    assert plan(alpha, STEPS).fallback == "png"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Am Strand.", ("Am Strand.", "")),
        ("Am Strand. Bildnachweis: Anna Muster", ("Am Strand.", "Anna Muster")),
        ("Bildnachweis: Anna", ("", "Anna")),
        ("am Strand bildnachweis:  Berta ", ("am Strand", "Berta")),
    ],
)
def test_split_credit(title, expected):
    assert split_credit(title) == expected


def test_content_path_and_written_source(tmp_path):
    post = tmp_path / "posts/2021/x.md"
    assert content_path("{static}krone.jpg", str(post), str(tmp_path)) == (
        "posts/2021/krone.jpg"
    )
    assert content_path("/images/logo.png", str(post), str(tmp_path)) == (
        "images/logo.png"
    )
    assert content_path("https://example.org/a.jpg", str(post), str(tmp_path)) is None
    used = ("posts/2021/krone.jpg", "images/logo.png")
    assert written_source("/posts/2021/krone-jpg-960.jpg", used, "posts/2021") == (
        "krone.jpg"
    )
    assert written_source(
        "https://blog.example.org/images/logo-png-480.png", used, "posts/2021"
    ) == ("../../images/logo.png")
    assert written_source("/images/other-480.png", used, "posts") is None


def test_limits_in_megabytes_and_megapixels(tmp_path):
    phone_photo(tmp_path / "foto.jpg", (1600, 1200))
    source = read_source(tmp_path, "foto.jpg", 10**9, 10**9)
    assert (source.width, source.height) == (1200, 1600)  # EXIF orientation 6
    with pytest.raises(ProblemError, match="erlaubt sind höchstens 0 MB"):
        read_source(tmp_path, "foto.jpg", 1, 10**9)
    with pytest.raises(ProblemError, match=r"2 Megapixel; erlaubt sind höchstens 1\."):
        read_source(tmp_path, "foto.jpg", 10**9, 1_000_000)


def test_svg_size_from_attributes_or_viewbox(tmp_path):
    (tmp_path / "a.svg").write_text('<svg width="120px" height="40"></svg>')
    (tmp_path / "b.svg").write_text('<svg viewBox="0 0 64 32"></svg>')
    (tmp_path / "c.svg").write_text('<svg><a href="javascript:alert(1)">x</a></svg>')
    assert read_source(tmp_path, "a.svg", 10**6, 10**6).width == 120
    assert read_source(tmp_path, "b.svg", 10**6, 10**6).height == 32
    with pytest.raises(ProblemError, match="Programmcode"):
        read_source(tmp_path, "c.svg", 10**6, 10**6)


def test_an_image_header_is_read_once_until_the_file_changes(tmp_path, monkeypatch):
    from perlen.images import source as source_module
    from PIL import Image

    opened = []
    real_open = Image.open
    monkeypatch.setattr(
        source_module.Image, "open", lambda file: opened.append(file) or real_open(file)
    )
    photo = phone_photo(tmp_path / "foto.jpg", (1600, 1200))
    first = read_source(tmp_path, "foto.jpg", 10**9, 10**9)
    assert read_source(tmp_path, "foto.jpg", 10**9, 10**9) == first
    assert len(opened) == 1
    # Replaced by a landscape photo of another size: read anew.
    phone_photo(photo, (900, 1500))
    assert (read_source(tmp_path, "foto.jpg", 10**9, 10**9).width) == 1500
    assert len(opened) == 2
    # Limits still apply to a header read before.
    with pytest.raises(ProblemError, match="erlaubt sind höchstens 0 MB"):
        read_source(tmp_path, "foto.jpg", 1, 10**9)


def test_an_svg_that_turns_unsafe_is_refused(tmp_path):
    svg = tmp_path / "logo.svg"
    svg.write_text('<svg width="120" height="40"></svg>')
    assert read_source(tmp_path, "logo.svg", 10**6, 10**6).width == 120
    svg.write_text('<svg width="120" height="40"><script>alert(1)</script></svg>')
    with pytest.raises(ProblemError):
        read_source(tmp_path, "logo.svg", 10**6, 10**6)
