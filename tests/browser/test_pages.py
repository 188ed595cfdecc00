"""Every page of both languages (taken from the nav, so a new chapter is covered as soon as it
is listed): axe-core finds no serious or critical violation in the light scheme (every rule
of its WCAG 2.1 A/AA and best-practice tags) and the dark scheme (the rules that depend on
the colours: the markup and layout are the same in both), and at a 390 px wide phone viewport
the page does not scroll sideways and its navigation drawer opens and leads to another page.

axe-core comes from node_modules (npm, pinned in package.json; `make test` installs it) and is
injected into each page; no page loads anything from another host.
"""

from __future__ import annotations

import functools

import pytest
from playwright.sync_api import expect

from harness.blocks import ROOT
from harness.browser import check_requests, close_page, new_page
from harness.nav import site_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PAGES = site_pages()


@pytest.fixture(scope="session")  # kept when other modules' tests run between (conftest.py)
def contexts(browser):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci)")
    pages = {
        "light": new_page(browser, color_scheme="light"),
        "dark": new_page(browser, color_scheme="dark"),
        "phone": new_page(
            browser,
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
        ),
    }
    yield pages
    for pg in pages.values():
        close_page(pg)


@functools.cache
def _axe_source() -> str:
    return AXE.read_text("utf-8")


# the rules whose result depends on the colours (the rest audit the markup and the layout,
# which the colour scheme does not change): the dark scheme is audited with these only
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
RULES = {"light": None, "dark": COLOUR_RULES}  # None: every rule of AXE_TAGS


def _axe(pg, rules: list[str] | None = None) -> list[str]:
    """Serious and critical axe violations on the page: every rule of AXE_TAGS, or only
    ``rules``."""
    # Let the page render twice first: the site's script makes a scrollable code block
    # focusable from a ResizeObserver callback, which runs with the first rendering after
    # load; on a busy machine axe could otherwise look before it (seen once: two blocks
    # on /robustness/ reported as scrollable-region-focusable).
    pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    pg.add_script_tag(content=_axe_source())
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    violations = pg.evaluate(
        """only => axe.run(document, {runOnly: only, resultTypes: ["violations"]})
                  .then(r => r.violations)""",
        only,
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        + "; ".join(
            n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
            for n in v["nodes"][:3]
        )
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_colour_rules_are_axe_rules_of_the_audited_tags(contexts, server):
    """The dark scheme's rules exist in this axe-core and belong to the audited tags (a
    renamed rule would otherwise audit nothing in the dark)."""
    pg = contexts["dark"]
    pg.goto(f"{server}/")
    pg.add_script_tag(content=_axe_source())
    rules = pg.evaluate(
        "tags => axe.getRules(tags).map(r => r.ruleId)",
        AXE_TAGS,
    )
    assert set(COLOUR_RULES) <= set(rules), sorted(set(COLOUR_RULES) - set(rules))


def test_the_dark_audit_finds_a_contrast_failure(contexts, server):
    """The check fails when it should: grey text on the dark background is reported."""
    pg = contexts["dark"]
    pg.goto(f"{server}/")
    expect(pg.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    pg.evaluate(
        """() => { const p = document.querySelector("article p");
                   p.style.color = "#333"; }"""
    )
    found = _axe(pg, COLOUR_RULES)
    assert any("color-contrast" in v for v in found), found


@pytest.mark.parametrize(("lang", "path"), PAGES, ids=[p or "home" for _, p in PAGES])
def test_no_serious_accessibility_violation(contexts, server, record_property, lang, path):
    found = {}
    for scheme in ("light", "dark"):
        pg = contexts[scheme]
        pg.goto(f"{server}/{path}")
        expect(pg.locator("body")).to_have_attribute(
            "data-md-color-scheme", "default" if scheme == "light" else "slate"
        )
        found[scheme] = _axe(pg, RULES[scheme])
        check_requests(pg)
    record_property("axe_violations", sum(len(v) for v in found.values()))
    assert not any(found.values()), "\n".join(
        f"{scheme}: {v}" for scheme, vs in found.items() for v in vs
    )


@pytest.mark.parametrize(("lang", "path"), PAGES, ids=[p or "home" for _, p in PAGES])
def test_phone_viewport_has_no_sideways_scroll_and_a_working_drawer(contexts, server, lang, path):
    pg = contexts["phone"]
    pg.goto(f"{server}/{path}")
    width = pg.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"/{path}: page is {width[0]} px wide in a {width[1]} px viewport"
    drawer = pg.locator("label.md-header__button[for=__drawer]")
    expect(drawer).to_be_visible()
    drawer.click()
    nav = pg.locator("nav.md-nav--primary")
    expect(nav).to_be_in_viewport()
    # the drawer lists the chapters; following one leaves this page
    links = nav.locator("a.md-nav__link:not(.md-nav__link--active)")
    target = links.first
    expect(target).to_be_visible()
    href = target.evaluate("a => a.href")
    target.click()
    # the new address is committed: that is the check; the page itself is checked on its
    # own (every page is in PAGES), so its load is not waited for here
    pg.wait_for_url(href, wait_until="commit")
    assert pg.url == href
    check_requests(pg)


@pytest.mark.parametrize("path", ["no/such/page/", "en/no/such/page/"])
def test_the_404_page_is_accessible_and_fits_a_phone(contexts, server, path):
    """The 404 page is no nav page (not in PAGES): the same checks, on a missing address of
    each language (the root 404.html answers both, docs/overrides/404.html)."""
    found = {}
    for scheme in ("light", "dark"):
        pg = contexts[scheme]
        assert pg.goto(f"{server}/{path}").status == 404
        found[scheme] = _axe(pg, RULES[scheme])
        check_requests(pg)
    assert not any(found.values()), "\n".join(
        f"{scheme}: {v}" for scheme, vs in found.items() for v in vs
    )
    pg = contexts["phone"]
    pg.goto(f"{server}/{path}")
    width = pg.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"/{path}: page is {width[0]} px wide in a {width[1]} px viewport"
    check_requests(pg)
