"""Hostile SVGs: parsed as XML, refused in any namespace and any spelling."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st
from perlen.images.svg import Svg, check_svg
from perlen.problems import BuildFailed, Problem

SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def _svg(body: str, attributes: str = "") -> bytes:
    return f'<svg {SVG} viewBox="0 0 10 10"{attributes}>{body}</svg>'.encode()


HOSTILE = {
    "script": _svg("<script>alert(1)</script>"),
    "SCRIPT in XHTML": _svg(
        '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'
    ),
    "script in another namespace": _svg(
        '<x:script xmlns:x="urn:x">alert(1)</x:script>'
    ),
    "XHTML iframe": _svg('<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="/x"/>'),
    "handler": _svg('<handler type="application/ecmascript">alert(1)</handler>'),
    "foreignObject": _svg("<foreignObject><div>x</div></foreignObject>"),
    "onload": _svg("", ' onload="alert(1)"'),
    "namespaced onclick": _svg(
        '<g xmlns:ev="http://www.w3.org/2001/xml-events" ev:onclick="alert(1)"/>'
    ),
    "OnMouseOver deep": _svg('<g><g><rect OnMouseOver="alert(1)"/></g></g>'),
    "javascript href": _svg('<a href="javascript:alert(1)"><text>x</text></a>'),
    "javascript xlink:href with spaces": _svg(
        '<a xlink:href=" java&#x09;script:alert(1)"><text>x</text></a>'
    ),
    "character references": _svg(
        '<a href="&#106;avascript:alert(1)"><text>x</text></a>'
    ),
    "data: HTML": _svg('<a href="data:text/html,&lt;script&gt;">x</a>'),
    "data: SVG image": _svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'),
    "animated href": _svg(
        '<a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'
    ),
    "animate values": _svg(
        '<a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>'
    ),
    "other host image": _svg('<image href="https://tracker.example/p.png"/>'),
    "protocol-relative": _svg('<image xlink:href="//tracker.example/p.png"/>'),
    "style attribute url": _svg(
        '<rect style="fill: url(https://tracker.example/x.svg#p)"/>'
    ),
    "presentation attribute url": _svg(
        '<rect filter="url(https://tracker.example/f.svg#f)"/>'
    ),
    "style element url": _svg(
        "<style>rect { background: url('//tracker.example/x.png') }</style>"
    ),
    "style element import": _svg('<style>@import "https://x.example/a.css";</style>'),
    "xml-stylesheet": b'<?xml-stylesheet type="text/xsl" href="x.xsl"?>'
    + _svg("<rect/>"),
    "entity bomb": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + _svg("<text>&b;</text>"),
    "external entity": b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    + _svg("<text>&x;</text>"),
    "not XML": b"<svg><script>alert(1)</svg>",
    "not an SVG": b"<html><body>x</body></html>",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_svgs_are_refused_with_a_fix(name):
    result = check_svg(HOSTILE[name])
    assert isinstance(result, Problem), name
    assert result.message and result.fix.startswith("Bitte")


@pytest.mark.parametrize(
    "data",
    [
        _svg('<rect width="10" height="10" fill="url(#verlauf)"/>'),
        _svg('<use href="#perle"/><a href="/ueber-uns/"><text>Über uns</text></a>'),
        _svg('<image href="data:image/png;base64,iVBORw0KGgo="/>'),
        _svg("<style>rect { fill: #c0ffee }</style><desc>onload: javascript</desc>"),
        b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + _svg("<rect/>"),
    ],
)
def test_ordinary_svgs_pass(data):
    assert isinstance(check_svg(data), Svg)


@given(
    name=st.sampled_from(["script", "handler", "foreignObject", "listener"]),
    flips=st.lists(st.booleans(), min_size=13, max_size=13),
    prefix=st.from_regex(r"[a-z]{1,5}", fullmatch=True),
    namespace=st.sampled_from(
        ["http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg", "urn:x"]
    ),
)
def test_code_elements_are_refused_in_any_namespace_and_case(
    name, flips, prefix, namespace
):
    spelled = "".join(c.upper() if f else c for c, f in zip(name, flips, strict=False))
    element = f'<{prefix}:{spelled} xmlns:{prefix}="{namespace}">x</{prefix}:{spelled}>'
    assert isinstance(check_svg(_svg(f"<g>{element}</g>")), Problem)


@given(
    event=st.from_regex(r"on[a-zA-Z]{1,12}", fullmatch=True),
    element=st.sampled_from(["svg", "g", "rect", "a", "text"]),
)
def test_every_event_handler_attribute_is_refused(event, element):
    if element == "svg":
        data = _svg("", f' {event}="x()"')
    else:
        data = _svg(f'<{element} {event}="x()"/>')
    assert isinstance(check_svg(data), Problem)


@pytest.mark.parametrize("folder", ["images", "posts"])
def test_an_svg_a_post_only_links_is_checked(site, make_post, folder):
    (site.content / folder).mkdir(exist_ok=True)
    (site.content / folder / "plan.svg").write_bytes(HOSTILE["SCRIPT in XHTML"])
    link = "/images/plan.svg" if folder == "images" else "{static}plan.svg"
    site.write("posts/x.md", make_post(f"Der [Lageplan]({link})."))
    with pytest.raises(BuildFailed) as failure:
        site.build()
    text = str(failure.value)
    assert f"{folder}/plan.svg" in text and "Programmcode" in text, text


def test_an_svg_in_images_that_no_post_names_is_checked(site, make_post):
    (site.content / "images").mkdir()
    (site.content / "images/logo.svg").write_bytes(HOSTILE["other host image"])
    site.write("posts/x.md", make_post())
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert "images/logo.svg" in str(failure.value)
    assert "andere Website" in str(failure.value)


def test_a_compressed_svg_is_refused(site, make_post):
    (site.content / "images").mkdir()
    (site.content / "images/logo.svgz").write_bytes(gzip.compress(_svg("<rect/>")))
    site.write("posts/x.md", make_post())
    with pytest.raises(BuildFailed) as failure:
        site.build()
    assert "„images/logo.svgz“ ist eine Datei, die der Browser" in str(failure.value)
