"""Sphinx extension for running the book anywhere: the course bundle and the launch buttons.

**The course bundle.** Every chapter links ``_build/course/lanicemine-course.zip`` with the ``{download}``
role, so the built site serves it (offline, under ``_downloads/``). ``make html`` builds the bundle first
(``tools/course.py bundle``); when a build starts without it (``jupyter-book build .`` by hand), this
extension builds it, so the links never dangle.

**Launch buttons.** ``_config.yml`` gives ``html_theme_options`` in full, so Jupyter Book's own ``repository:``
and ``launch_buttons:`` sections would be ignored. One setting turns the buttons on instead:
``html_theme_options.repository_url`` (e.g. ``https://github.com/ORG/REPO``). With it, every notebook page gets
Binder and Colab launch links (``binderhub_url`` and ``colab_url`` default to the public services) and, if
``launch_buttons.jupyterhub_url`` names a hub, an nbgitpuller link to it. Without it, every launch link stays
off (the theme cannot build a launch link without a repository), and a launch URL set on its own is reported.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)

BUNDLE = Path("_build") / "course" / "lanicemine-course.zip"
DEFAULT_LAUNCHERS = {"binderhub_url": "https://mybinder.org", "colab_url": "https://colab.research.google.com"}
LAUNCH_KEYS = ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "jupyterlite_url")


def configure_launch_buttons(app: Sphinx, config: Config) -> None:
    """Derive the launch buttons from the one setting ``html_theme_options.repository_url``."""
    options = dict(config.html_theme_options or {})
    launch = dict(options.get("launch_buttons") or {})
    repository = (options.get("repository_url") or "").strip()
    if repository:
        for key, url in DEFAULT_LAUNCHERS.items():
            launch[key] = launch.get(key) or url
        launch.setdefault("notebook_interface", "jupyterlab")
        options.setdefault("repository_branch", "main")
    else:
        options.pop("repository_url", None)
        stray = [key for key in LAUNCH_KEYS if launch.get(key)]
        if stray:
            LOGGER.warning(
                "launch_buttons %s need html_theme_options.repository_url; the launch buttons stay off", stray
            )
        for key in LAUNCH_KEYS:
            launch[key] = ""
    options["launch_buttons"] = launch
    config.html_theme_options = options


def ensure_bundle(app: Sphinx) -> None:
    """Build the course bundle if it is missing (``make html`` builds it before Sphinx starts)."""
    root = Path(app.srcdir)
    tool = root / "tools" / "course.py"
    if (root / BUNDLE).exists() or not tool.exists():
        return  # present, or a copy of the sources without the tools (it brings its own bundle)
    LOGGER.info("building the course bundle (%s)", BUNDLE)
    subprocess.run([sys.executable, str(tool), "bundle"], cwd=root, check=True)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", configure_launch_buttons)
    app.connect("builder-inited", ensure_bundle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
