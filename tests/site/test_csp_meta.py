"""Every page carries the site's CSP in a meta element, for hosts such as
GitHub Pages that ignore `_headers`."""

import html
import re

from perlen.site.csp import content_security_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_meta_policy_is_the_header_policy_without_header_only_directives(
    publish_site, make_post
):
    publish_site.write("posts/x.md", make_post())
    publish_site.build(
        "publishconf.py",
        PERLEN_ALLOWED_HOSTS={"frame-src": ["v.example"]},
        PERLEN_HOST_PURPOSES={"v.example": "Eingebettete Videos."},
    )
    headers = (publish_site.output / "_headers").read_text(encoding="utf-8")
    header_policy = re.search(r"Content-Security-Policy: (.*)", headers)[1]
    meta_policy = html.unescape(META.search(publish_site.html("index.html"))[1])
    assert "frame-ancestors 'none'" in header_policy
    assert meta_policy == header_policy.replace("; frame-ancestors 'none'", "")
    assert "frame-src 'self' https://v.example" in meta_policy


def test_meta_policy_leaves_out_what_a_meta_element_may_not_set():
    settings = {
        "PERLEN_CSP": {
            "default-src": ["'self'"],
            "frame-ancestors": ["'none'"],
            "report-uri": ["/r"],
            "sandbox": [],
        }
    }
    assert content_security_policy(settings, meta=True) == "default-src 'self'"
    assert "frame-ancestors" in content_security_policy(settings)
