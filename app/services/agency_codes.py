"""機關代碼: how the agency's 公文系統 names an agency (the sender and each recipient of a DI
file). Entered by the officer with where it was looked up — PubDesk never guesses one: a code
not known leaves the DI file's 機關代碼 empty, for the document system to fill in.

A unit's and a library's code are kept on the record; a recipient that is not a record of its
own (文化部, the consent letters' recipient) is kept in app_meta under `agency_codes`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app import messages
from app.errors import FieldProblem, ValidationError
from app.models import AppMeta

KEY = "agency_codes"
_CODE = re.compile(r"[0-9A-Z]{1,20}")


@dataclass(frozen=True)
class AgencyCode:
    """A code and where it was found."""

    code: str = ""
    source: str = ""


def clean_code(code: str, field: str = "agency_code") -> str:
    """`code` upper-cased and trimmed; ValidationError unless letters and digits (≤ 20)."""
    value = code.strip().upper()
    if value and not _CODE.fullmatch(value):
        raise ValidationError([FieldProblem(
            field, messages.AGENCY_CODE_INVALID.format(code=code.strip()))])
    return value


def recipient_code(session: Session, name: str) -> AgencyCode:
    """The code kept for recipient `name` (empty when none was entered)."""
    row = session.get(AppMeta, KEY)
    kept = json.loads(row.value) if row is not None and row.value else {}
    entry = kept.get(name) or {}
    return AgencyCode(str(entry.get("code", "")), str(entry.get("source", "")))


def set_recipient_code(session: Session, name: str, code: AgencyCode) -> AgencyCode:
    """Keep `code` for recipient `name` (an empty code forgets it)."""
    clean = AgencyCode(clean_code(code.code), code.source.strip())
    row = session.get(AppMeta, KEY) or AppMeta(key=KEY, value="{}")
    kept = json.loads(row.value or "{}")
    if clean.code:
        kept[name] = {"code": clean.code, "source": clean.source}
    else:
        kept.pop(name, None)
    row.value = json.dumps(kept, ensure_ascii=False, sort_keys=True)
    session.add(row)
    session.flush()
    return clean
