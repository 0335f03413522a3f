"""One way to reach the files in `resources/` — from a checkout, an installed wheel, or the
frozen Windows bundle (PyInstaller puts them under `sys._MEIPASS/resources`)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def resources_root() -> Path:
    """The folder that holds `data/`, `fonts/`, `translations/`."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    spec = importlib.util.find_spec("pubdesk_resources")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one resource file, e.g. `resource_path("data", "stores.json")`."""
    return resources_root().joinpath(*parts)
