"""Publishing: absolute URLs from SITE_URL, a meta description per page in its language, and
the CI workflow (linted with actionlint, calling the README's commands)."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml

from harness.blocks import ROOT
from harness.build import SAMPLE_PATH, SAMPLE_URL, built_site
from harness.nav import site_pages
from harness.site import load_hook

HAN = re.compile(r"[\u4e00-\u9fff]")
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()  # built with SITE_URL=SAMPLE_URL


def _head(site: Path, path: str) -> str:
    html = (site / path / "index.html").read_text("utf-8")
    return html[: html.index("</head>")]


@pytest.mark.parametrize(("lang", "path"), site_pages(), ids=[p or "home" for _, p in site_pages()])
def test_canonical_and_hreflang_are_absolute_urls_of_the_twins(site, lang, path):
    head = _head(site, path)
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)"', head)
    assert canonical == [SAMPLE_URL + path]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', head))
    page = path.removeprefix("en/")
    assert alternates == {
        "zh": SAMPLE_URL + page,
        "en": SAMPLE_URL + "en/" + page,
        "x-default": SAMPLE_URL + page,
    }, alternates
    for url in alternates.values():  # each alternate is a page of the build
        assert (site / url.removeprefix(SAMPLE_URL) / "index.html").exists(), url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sitemaps_list_every_page_at_the_site_url(site, lang):
    root = site if lang == "zh" else site / "en"
    locs = re.findall(r"<loc>([^<]+)</loc>", (root / "sitemap.xml").read_text("utf-8"))
    expected = {SAMPLE_URL + p for lng, p in site_pages() if lng == lang}
    assert set(locs) == expected


@pytest.mark.parametrize(
    ("page", "order"), [("404.html", ["zh", "en"]), ("en/404.html", ["en", "zh"])]
)
def test_the_404_page_speaks_both_languages_with_links_under_the_site_path(site, page, order):
    """A static host serves the root 404.html for every missing path, /en/... included (and
    some hosts the nearest one, en/404.html): both languages' text, each with its home page and
    its search, as absolute paths under the site's path, since the page is served at any depth."""
    html = (site / page).read_text("utf-8")
    sections = re.findall(
        r'<section class="mp-404__text" lang="(\w+)"[^>]*>(.*?)</section>', html, re.S
    )
    assert [lang for lang, _ in sections] == order
    headings = {"zh": "404 - 页面不存在", "en": "404 - Page not found"}
    for lang, body in sections:
        assert re.findall(r"<h1>(.*?)</h1>", body) == [headings[lang]]
        home = SAMPLE_PATH + ("en/" if lang == "en" else "")
        assert re.findall(r'<a href="([^"]*)"', body) == [home, home + "?q="]
        assert (site / home.removeprefix(SAMPLE_PATH) / "index.html").exists()
    # every other address on the page too: under the site's path, no "//" (the switcher's)
    for url in re.findall(r'(?:href|src)="([^"#]+)"', html):
        assert url.startswith(SAMPLE_PATH) and "//" not in url, url


@pytest.mark.parametrize(("lang", "path"), site_pages(), ids=[p or "home" for _, p in site_pages()])
def test_every_page_has_a_description_in_its_language(site, lang, path):
    head = _head(site, path)
    found = re.findall(r'<meta name="description" content="([^"]*)"', head)
    assert len(found) == 1, f"/{path}: {len(found)} meta descriptions"
    text = unescape(found[0])
    defaults = [
        yaml.safe_load((ROOT / c).read_text("utf-8"))["site_description"]
        for c in ("mkdocs.yml", "mkdocs.en.yml")
    ]
    assert text not in defaults, (
        f"/{path}: no `description:` in the page's front matter (the site's default is used)"
    )
    assert 40 <= len(text) <= 200, f"/{path}: description of {len(text)} characters"
    if lang == "zh":
        assert HAN.search(text), f"/{path}: the zh description is not in Chinese: {text}"
    else:
        assert not HAN.search(text), f"/{path}: the en description has Chinese: {text}"


def test_site_url_defaults_to_the_local_preview():
    """Without SITE_URL the config's own address (make serve's) is used."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    assert config["site_url"] == "http://127.0.0.1:8000/"
    hook = (ROOT / "docs" / "hooks" / "publish.py").read_text("utf-8")
    assert 'os.environ.get("SITE_URL")' in hook


def _workflow(path: Path = WORKFLOW) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_passes_actionlint(workflow):
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "actionlint"), "-no-color", str(workflow)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """The lint is real: an unknown key and a bad expression fail it."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    stepz: []\n"
        "    steps:\n      - run: echo ${{ github.nope.x }}\n"
    )
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "actionlint"), "-no-color", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job.get("steps", []) if "run" in step]


def test_workflow_runs_the_readme_commands():
    """CI calls `make test` and `make site` (the commands README.md and CONTRIBUTING.md give),
    not a copy of what they do; deploys to GitHub Pages only from main, with SITE_URL set."""
    readme = (ROOT / "README.md").read_text("utf-8") + (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    wf = _workflow()
    on = wf.get(True, wf.get("on"))  # YAML 1.1 reads the key `on` as True
    assert "push" in on
    test_runs = "\n".join(_runs(wf["jobs"]["test"]))
    assert re.search(r"^make test$", test_runs, re.M), test_runs
    deploy = wf["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"]
    assert "test" in deploy["needs"]
    deploy_runs = "\n".join(_runs(deploy))
    assert re.search(r"^make site$", deploy_runs, re.M), deploy_runs
    site_url = [s for s in deploy["steps"] if "run" in s and "make site" in s["run"]][0]
    assert "SITE_URL" in site_url.get("env", {}), "the deploy build sets SITE_URL"
    uses = [s.get("uses", "") for s in deploy["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    for command in ("make test", "make site"):
        assert f"{command}" in readme, f"README.md does not give `{command}`"


def test_the_full_matrix_runs_weekly_and_by_hand():
    """`make test-all` (CONTRIBUTING.md) on a schedule and on demand, on every Python."""
    wf = _workflow(ROOT / ".github" / "workflows" / "test-all.yml")
    on = wf.get(True, wf.get("on"))
    assert "workflow_dispatch" in on and on["schedule"][0]["cron"]
    job = wf["jobs"]["test-all"]
    assert re.search(r"^make test-all$", "\n".join(_runs(job)), re.M)
    assert any(s.get("uses") == "./.github/actions/pythons" for s in job["steps"])
    assert "make test-all" in (ROOT / "CONTRIBUTING.md").read_text("utf-8")


def test_notebook_images_are_addressed_from_the_page_and_must_exist():
    """benchmark.ipynb shows benchmark-plots/x.png; its page is benchmark/, one folder down."""
    from mkdocs.exceptions import PluginError

    hook = load_hook("publish")
    html = '<p><img alt="A" src="benchmark-plots/x.png" width="4"/><img src="data:image/png;b"></p>'
    fixed = hook.notebook_images(
        html, "benchmark.ipynb", "benchmark/", {"benchmark-plots/x.png"}.__contains__
    )
    assert fixed == html.replace('src="benchmark-plots/', 'src="../benchmark-plots/')
    nested = hook.notebook_images(
        '<img src="p/y.png">', "guide/nb.ipynb", "guide/nb/", {"guide/p/y.png"}.__contains__
    )
    assert nested == '<img src="../p/y.png">'
    with pytest.raises(
        PluginError, match=r"benchmark\.ipynb: image 'benchmark-plots/x\.png' not found"
    ):
        hook.notebook_images(html, "benchmark.ipynb", "benchmark/", lambda path: False)
