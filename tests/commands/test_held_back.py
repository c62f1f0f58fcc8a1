"""The publish summary names the posts held back for their date (`schedule`)."""

from __future__ import annotations


def post(title: str, date: str, **fields: str) -> str:
    header = {"Titel": title, "Datum": date, **fields}
    return "".join(f"{k}: {v}\n" for k, v in header.items()) + "\nText.\n"


def after_summary(out: str) -> list[str]:
    lines = out.splitlines()
    done = next(i for i, line in enumerate(lines) if line.startswith("Gebaut und"))
    return lines[done + 1 :]


def test_publish_names_posts_held_back_and_until_when(project, monkeypatch, java):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    project.write("pages/ueber-uns.md", "Titel: Über uns\n\nWir.\n")
    project.write("posts/2021/a.md", post("Erschienen", "28.09.2021"))
    project.write("posts/2021/tippfehler.md", post("Tippfehler", "28.09.2201"))
    project.write("posts/2021/bald.md", post("Bald „da“", "1. Januar 2199"))
    project.write(
        "posts/2021/entwurf.md", post("Entwurf", "28.09.2201", Status="Entwurf")
    )
    code, out, err = project.run("veroeffentlichen")
    assert code == 0, err
    assert after_summary(out) == [
        "Noch nicht veröffentlicht, weil ihr Datum in der Zukunft liegt:",
        "  • „Bald\u00a0„da““ erscheint ab dem 1. Januar 2199.",
        "  • „Tippfehler“ erscheint ab dem 28. September 2201.",
    ]


def test_nothing_held_back_says_nothing(project, monkeypatch, java):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    project.write("pages/ueber-uns.md", "Titel: Über uns\n\nWir.\n")
    project.write("posts/2021/a.md", post("Erschienen", "28.09.2021"))
    code, out, err = project.run("veroeffentlichen")
    assert code == 0, err
    assert after_summary(out) == []
