"""Resolving a number unrelated records share (stored before the rule held, §4(二)): the two
ways out the 號碼重複 page offers, each one write the audit trail records.

- The records are one work in two printings: record the one as a reprint of the other, so they
  share by the link (app.services.number_rule) — allowed only in the same form and edition,
  for a revision or another form needs numbers of its own.
- One record holds the number wrongly: take the number off it — only while it still holds
  that number, so an officer who corrected it meanwhile is not overwritten; the officer then
  applies for its own number."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.messages import (
    NUMBER_CHANGED_MEANWHILE,
    REPRINT_LINK_EXISTS,
    REPRINT_NEEDS_SAME_EDITION,
    REPRINT_NEEDS_SAME_FORM,
    REPRINT_OF_ITSELF,
    REPRINT_SAME_PRINTING,
)
from app.models import Publication, PublicationRelation, RelationKind
from app.services.number_rule import NUMBER_FIELDS
from app.services.publications import (
    Saved,
    load_publication,
    publication_data,
    publication_label,
    update_publication,
)


def _named(pub: Publication) -> str:
    """A record named by its record number: the records in question share their GPN."""
    return publication_label(pub.id, pub.title, pub.form, pub.edition, pub.printing, None)


def record_reprint(session: Session, reprint_id: int, original_id: int) -> None:
    """Record `reprint_id` as a reprint of `original_id` (a REPRINT_OF link), so that the
    numbers they share are theirs by the rule. Refused with the reason when they cannot be
    one work in two printings."""
    if reprint_id == original_id:
        raise ValidationError.single("original", REPRINT_OF_ITSELF)
    reprint = load_publication(session, reprint_id)
    original = load_publication(session, original_id)
    if reprint.form is not original.form:
        raise ValidationError.single("original", REPRINT_NEEDS_SAME_FORM.format(
            reprint=_named(reprint), original=_named(original)))
    if reprint.edition != original.edition:
        raise ValidationError.single("original", REPRINT_NEEDS_SAME_EDITION.format(
            reprint=_named(reprint), original=_named(original)))
    if reprint.printing == original.printing:
        raise ValidationError.single("original", REPRINT_SAME_PRINTING.format(
            reprint=_named(reprint), original=_named(original)))
    linked = session.scalar(select(PublicationRelation.id).where(
        PublicationRelation.kind == RelationKind.REPRINT_OF,
        ((PublicationRelation.source_id == reprint_id)
         & (PublicationRelation.target_id == original_id))
        | ((PublicationRelation.source_id == original_id)
           & (PublicationRelation.target_id == reprint_id))))
    if linked is not None:
        raise ValidationError.single("original", REPRINT_LINK_EXISTS.format(
            reprint=_named(reprint), original=_named(original)))
    session.add(PublicationRelation(source_id=reprint_id, target_id=original_id,
                                    kind=RelationKind.REPRINT_OF))
    session.flush()


def clear_number(session: Session, publication_id: int, field: str, value: str) -> Saved:
    """Take `field` (gpn, isbn, issn, isrc) holding `value` off a record that holds it
    wrongly: saved as an edit of the record (validated, versioned, audited), so its status
    follows the number. Refused when the record no longer holds `value` (someone corrected it
    meanwhile): nothing else is taken off."""
    labels = dict(NUMBER_FIELDS)
    if field not in labels:
        raise ValueError(f"not a number field: {field}")
    pub: Publication = load_publication(session, publication_id)
    if getattr(pub, field) != value:
        raise ValidationError.single(field, NUMBER_CHANGED_MEANWHILE.format(
            publication=_named(pub), label=labels[field], value=value,
            now=getattr(pub, field) or "—"))
    data, version = publication_data(session, publication_id)
    setattr(data, field, None)
    return update_publication(session, publication_id, data, expected_version=version)
