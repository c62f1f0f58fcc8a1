"""Code colours: generated into the stylesheet, current, and readable."""

import re
from pathlib import Path

import pytest

from tools import code_style

STYLESHEET = Path(__file__).resolve().parents[2] / "theme/static/css/code.css"


def test_the_stylesheets_code_colours_are_current():
    css = STYLESHEET.read_text("utf-8")
    assert code_style.update(css) == css, "tools/update_generated.py ausführen"


@pytest.mark.parametrize(("style", "background"), [code_style.LIGHT, code_style.DARK])
def test_every_code_colour_reaches_aa_contrast(style, background):
    rules = "\n".join(code_style._rules(style, background))
    colours = re.findall(r"color: (#[0-9a-f]{6})", rules)
    assert len(set(colours)) >= 6
    assert all(code_style.contrast(c, background) >= 4.5 for c in colours)


def test_readable_darkens_a_pale_colour_on_light_ground():
    assert code_style.contrast("#aaaaaa", "#ffffff") < 4.5
    darker = code_style.readable("#aaaaaa", "#ffffff")
    assert code_style.contrast(darker, "#ffffff") >= 4.5
    assert code_style.readable("#000000", "#ffffff") == "#000000"


def test_update_appends_the_section_to_a_stylesheet_without_one():
    assert code_style.update("a {}\n").startswith("a {}\n\n" + code_style.BEGIN)
