"""機關/單位 and 承辦人 — the letterhead data every document uses."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any, overload

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import FieldProblem, NotFoundError, PubDeskError, ValidationError
from app.models import Contact, Publication, PublishingUnit
from app.services.agency_codes import clean_code
from app.services.guard import check_version, require_version, touch
from app.text_rules import control_character_problems


@dataclass
class UnitData:
    """A publishing unit's letterhead data."""

    full_name: str
    short_name: str = ""
    postcode: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    website: str = ""
    doc_code: str = ""
    agency_code: str = ""
    """機關代碼 for the DI files (app.services.agency_codes)."""
    agency_code_source: str = ""
    """Where the code was looked up."""
    review_required: bool = False
    """§16: the unit records a review before print."""
    deposit_contact_name: str = ""
    """NCL 五: the deposit contact and how NCL's notices reach them."""
    deposit_contact_phone: str = ""
    deposit_contact_email: str = ""
    deposit_notice: str = ""


@dataclass
class ContactData:
    """A contact person of a unit."""

    name: str
    job_title: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""
    is_default: bool = False


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _validate_unit(data: UnitData) -> UnitData:
    clean = UnitData(**{f.name: _stripped(getattr(data, f.name)) for f in fields(UnitData)})
    problems = control_character_problems(clean)
    if not clean.full_name:
        problems.append(FieldProblem("full_name", "請填寫機關全銜。"))
    if clean.email and not _EMAIL.match(clean.email):
        problems.append(FieldProblem("email", f"電子信箱「{clean.email}」格式不正確。"))
    if clean.deposit_contact_email and not _EMAIL.match(clean.deposit_contact_email):
        problems.append(FieldProblem("deposit_contact_email",
                                     f"電子信箱「{clean.deposit_contact_email}」格式不正確。"))
    if clean.doc_code.endswith("字"):
        clean.doc_code = clean.doc_code[:-1]
    try:
        clean.agency_code = clean_code(clean.agency_code)
    except ValidationError as exc:
        problems += exc.problems
    if problems:
        raise ValidationError(problems)
    return clean


def load_unit(session: Session, unit_id: int) -> PublishingUnit:
    """The unit, or NotFoundError."""
    unit = session.get(PublishingUnit, unit_id)
    if unit is None:
        raise NotFoundError(f"找不到編號 {unit_id} 的機關，可能已被刪除。")
    return unit


def _check_unique(session: Session, name: str, except_id: int | None) -> None:
    clash = session.scalar(select(PublishingUnit.id).where(PublishingUnit.full_name == name))
    if clash is not None and clash != except_id:
        raise ValidationError.single("full_name", f"機關「{name}」已經存在。")


@overload
def save_unit(session: Session, data: UnitData) -> int: ...
@overload
def save_unit(session: Session, data: UnitData, unit_id: int, *,
              expected_version: int) -> int: ...
def save_unit(session: Session, data: UnitData, unit_id: int | None = None, *,
              expected_version: int | None = None) -> int:
    """Create (no id) or update a unit; returns its id. An update is refused if the unit or
    its contacts were saved since `expected_version`, which it requires (app.services.guard)."""
    require_version("save_unit", unit_id, expected_version)
    clean = _validate_unit(data)
    _check_unique(session, clean.full_name, unit_id)
    unit = PublishingUnit() if unit_id is None else load_unit(session, unit_id)
    if expected_version is not None:
        check_version(unit, expected_version, unit.full_name)
        touch(unit)
    for f in fields(UnitData):
        setattr(unit, f.name, getattr(clean, f.name))
    session.add(unit)
    session.flush()
    return unit.id


def unit_data(session: Session, unit_id: int) -> UnitData:
    """A unit's editable data."""
    unit = load_unit(session, unit_id)
    return UnitData(**{f.name: getattr(unit, f.name) for f in fields(UnitData)})


def unit_version(session: Session, unit_id: int) -> int:
    """The version to pass back to `save_unit` (contacts included)."""
    return load_unit(session, unit_id).row_version


def list_units(session: Session) -> list[tuple[int, str]]:
    """(id, full name) of every unit, by name."""
    return [(u.id, u.full_name) for u in
            session.scalars(select(PublishingUnit).order_by(PublishingUnit.full_name))]


def delete_unit(session: Session, unit_id: int) -> None:
    """Delete a unit that has no publications."""
    unit = load_unit(session, unit_id)
    used = session.scalar(select(Publication.id).where(Publication.unit_id == unit_id).limit(1))
    if used is not None:
        raise PubDeskError(f"「{unit.full_name}」仍有出版品，無法刪除。請先將出版品改到其他機關。")
    session.delete(unit)
    session.flush()


def save_contacts(session: Session, unit_id: int, contacts: list[ContactData], *,
                  expected_version: int) -> int:
    """Replace a unit's contacts; at most one is the default (the first marked one). The unit
    counts as saved (its version rises): the contacts are part of its letterhead, so the save
    is refused like `save_unit` if the unit was saved since `expected_version`. Returns the
    unit's new version."""
    unit = load_unit(session, unit_id)
    check_version(unit, expected_version, unit.full_name)
    touch(unit)
    cleaned = []
    for index, contact in enumerate(contacts, start=1):
        name = contact.name.strip()
        if not name:
            raise ValidationError.single("contacts", f"第 {index} 位承辦人沒有姓名。")
        if contact.email.strip() and not _EMAIL.match(contact.email.strip()):
            raise ValidationError.single("contacts", f"承辦人 {name} 的電子信箱格式不正確。")
        cleaned.append(contact)
    default_seen = False
    existing = list(unit.contacts)
    for position, data in enumerate(cleaned):
        row = existing[position] if position < len(existing) else Contact(name=data.name)
        if position >= len(existing):
            unit.contacts.append(row)
        row.name, row.job_title, row.phone = data.name.strip(), data.job_title.strip(), \
            data.phone.strip()
        row.fax, row.email = data.fax.strip(), data.email.strip()
        row.is_default = data.is_default and not default_seen
        default_seen = default_seen or data.is_default
    for row in existing[len(cleaned):]:
        unit.contacts.remove(row)
    session.flush()
    return unit.row_version


def list_contacts(session: Session, unit_id: int) -> list[ContactData]:
    """A unit's contacts in order."""
    return [ContactData(c.name, c.job_title, c.phone, c.fax, c.email, c.is_default)
            for c in load_unit(session, unit_id).contacts]


def contact_choices(session: Session, unit_id: int) -> list[tuple[int, str, bool]]:
    """(id, name, is default) of a unit's contacts, for pickers."""
    return [(c.id, c.name, c.is_default) for c in load_unit(session, unit_id).contacts]
