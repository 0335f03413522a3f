"""User settings — declared once, typed, with defaults; stored as JSON in the data folder.

Unknown keys from a newer version are kept (not lost on save); a damaged file falls back to
the defaults and is kept aside as `settings.json.damaged`, so the app always starts.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.errors import PubDeskError

LANGUAGES = ("zh_TW", "en")


@dataclass
class Settings:
    """Everything the officer can set outside the database."""

    language: str = "zh_TW"
    backups_kept: int = 14
    """Automatic backups kept (the oldest go first; manual ones are never removed)."""
    application_reply_days: int = 14
    """待辦: an application submitted this many days ago without a reply is followed up."""
    deposit_ack_days: int = 30
    """待辦: deposit copies sent this many days ago without an acknowledgement."""
    settlement_warning_days: int = 14
    agenda_history_years: int = 0
    """待辦 lists publications published in the last this many years only (0: all): years of
    history imported from Excel need not drown today's work — the page says how much it
    leaves out, and shows it all at a click."""
    """待辦: a settlement period ending within this many days is announced."""
    window_geometry: str = ""
    """Qt's saved geometry, hex-encoded."""
    window_state: str = ""
    splitter_state: str = ""
    last_page: str = "agenda"
    ui_font_pt: int = 0
    """Interface text size in points; 0: the system's (at least 10 pt). Used from the next
    start. Documents keep the sizes the rules and templates set."""
    write_odf: bool = True
    """Editable documents as ODT/ODS (CNS 15251, the government's standard format)."""
    write_ooxml: bool = True
    """Editable documents as DOCX/XLSX (Word, Excel). At least one of the two is on."""
    office_server: str = ""
    """The office PostgreSQL database (URL without the password, which is kept in the OS
    credential store); empty: the database file in the data folder. `--db` and `PUBDESK_DB`
    come first."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Keys this version does not know (from a newer PubDesk), kept as they were."""


def load_settings(path: Path) -> Settings:
    """Read the settings; missing or damaged files give the defaults."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("not an object")
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.replace(path, path.with_name(path.name + ".damaged"))
        return Settings()
    known = {f.name: f for f in fields(Settings) if f.name != "extra"}
    defaults = Settings()
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in raw.items():
        if key in known and isinstance(value, type(getattr(defaults, key))):
            values[key] = value
        elif key not in known:
            extra[key] = value
    settings = Settings(**values, extra=extra)
    if settings.language not in LANGUAGES:
        settings.language = defaults.language
    settings.backups_kept = min(365, max(1, settings.backups_kept))
    if settings.ui_font_pt:
        settings.ui_font_pt = min(20, max(8, settings.ui_font_pt))
    if not (settings.write_odf or settings.write_ooxml):
        settings.write_odf = settings.write_ooxml = True
    for name in ("application_reply_days", "deposit_ack_days", "settlement_warning_days"):
        setattr(settings, name, min(365, max(1, getattr(settings, name))))
    settings.agenda_history_years = min(50, max(0, settings.agenda_history_years))
    return settings


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically (temporary file, then rename); a failure is a PubDeskError saying
    why (app.os_errors), and leaves no temporary file behind."""
    data = asdict(settings)
    extra = data.pop("extra")
    payload = {**extra, **data}
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        from app.os_errors import sentence

        raise PubDeskError(sentence(exc, path), path=str(path)) from exc
