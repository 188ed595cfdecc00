"""After the zh site is built, build the en site (mkdocs.en.yml) into <site_dir>/en.

One `mkdocs build` or `mkdocs serve` then gives both languages.  Strictness follows the
zh build, so a warning on an en page fails the whole build too.
"""

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

EN_CONFIG = Path(__file__).resolve().parents[2] / "mkdocs.en.yml"


def on_post_build(config, **kwargs):
    en = load_config(
        str(EN_CONFIG),
        site_dir=str(Path(config.site_dir) / "en"),
        site_url=config.site_url.rstrip("/") + "/en/",
        strict=config.strict,
    )
    en.plugins.on_startup(command="build", dirty=False)
    try:
        build(en)
    finally:
        en.plugins.on_shutdown()
