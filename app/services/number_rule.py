"""§4(二): one GPN, ISBN, ISSN and ISRC per independent publication and form — the one place that
says when two records may carry the same number, for the form, the list import, a number
application's assignment and the CLI alike (the database's own triggers, app.db.number_triggers,
say the same in SQL).

Two records may share a number only when one is a reprint of the other: recorded as such (linked
REPRINT_OF, within two links — the original, its reprints and their reprints: ids, not titles,
so correcting a title on both never deadlocks), or, for records without links (history imported
from Excel), the same work in another printing (`publication_rules.may_share_numbers`). A
serial's issues share its ISSN and GPN by being issues of one publication record, so they never
meet this rule. The same work in the same printing twice is the same publication entered twice."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import FieldProblem, ValidationError
from app.messages import NUMBER_HELD_BY_OTHER, NUMBER_HELD_BY_SAME
from app.models import Publication, PublicationRelation, RelationKind
from app.services.publication_rules import may_share_numbers, same_work_key

NUMBER_FIELDS: tuple[tuple[str, str], ...] = (("gpn", "GPN"), ("isbn", "ISBN"),
                                                ("issn", "ISSN"), ("isrc", "ISRC"))
"""The numbers the rule covers, with the name the officer reads."""

KEY_FIELDS = ("title", "subtitle", "pub_type", "form", "edition", "printing")
"""The fields `may_share_numbers` reads besides the numbers: a change of any may make a
shared number wrong."""


class Clash(Enum):
    """How a record holding a number stands to a record that wants it."""

    SAME_PUBLICATION = "same"
    """The same work in the same printing: this publication entered twice."""
    UNRELATED = "unrelated"
    """Another work, edition or form: it needs a number of its own."""


def clash(holder: Any, candidate: Any) -> Clash | None:
    """None when `candidate` may carry the number `holder` has (a reprint of it)."""
    if may_share_numbers(holder, candidate):
        return None
    if same_work_key(holder) == same_work_key(candidate):
        return Clash.SAME_PUBLICATION
    return Clash.UNRELATED


@dataclass(frozen=True)
class Holder:
    """A record that holds a number, as much of it as the rule and the message need."""

    id: int
    title: str
    subtitle: str
    pub_type: Any
    form: Any
    edition: int
    printing: int
    gpn: str | None
    unit_id: int


def holder_label(holder: Holder) -> str:
    from app.services.publications import publication_label

    return publication_label(holder.id, holder.title, holder.form, holder.edition,
                             holder.printing, None)  # named by its record number: the
    # number in question is in the sentence already


def clash_sentence(label: str, value: str, kind: Clash, holder: Holder) -> str:
    """The sentence naming the record that holds the number, and what the officer can do."""
    template = NUMBER_HELD_BY_SAME if kind is Clash.SAME_PUBLICATION else NUMBER_HELD_BY_OTHER
    return template.format(label=label, value=value, holder=holder_label(holder))


_HOLDER_COLUMNS = (Publication.id, Publication.title, Publication.subtitle, Publication.pub_type,
                   Publication.form, Publication.edition, Publication.printing, Publication.gpn,
                   Publication.unit_id)


def linked_reprints(session: Session, publication_id: int | None) -> set[int]:
    """The records within two REPRINT_OF links of `publication_id` (either direction) — the
    same reach as the database's triggers (app.db.number_triggers)."""
    if publication_id is None:
        return set()
    found: set[int] = set()
    frontier = {publication_id}
    for _step in range(2):
        rows = session.execute(select(PublicationRelation.source_id, PublicationRelation.target_id)
                               .where(PublicationRelation.kind == RelationKind.REPRINT_OF,
                                      or_(PublicationRelation.source_id.in_(frontier),
                                          PublicationRelation.target_id.in_(frontier)))).all()
        reached = {b if a in frontier else a for a, b in rows} - found - {publication_id}
        found |= reached
        frontier = reached
        if not frontier:
            break
    return found


def holders(session: Session, field: str, value: str, *,
            exclude_id: int | None = None) -> list[Holder]:
    """The records holding `value` as their `field` (an indexed lookup or a short scan)."""
    query = select(*_HOLDER_COLUMNS).where(getattr(Publication, field) == value)
    if exclude_id is not None:
        query = query.where(Publication.id != exclude_id)
    return [Holder(*row) for row in session.execute(query.order_by(Publication.id))]


def number_problems(session: Session, candidate: Any, *, exclude_id: int | None = None,
                    fields: tuple[str, ...] | None = None,
                    problem_field: str | None = None) -> list[FieldProblem]:
    """One problem per number of `candidate` another record holds against the rule, naming
    that record. `fields` limits the numbers looked at; `problem_field` puts every problem on
    one form field (a number application's 「核發號碼」)."""
    problems = []
    family = linked_reprints(session, exclude_id)
    for field, label in NUMBER_FIELDS:
        if fields is not None and field not in fields:
            continue
        value = getattr(candidate, field)
        if not value:
            continue
        for holder in holders(session, field, value, exclude_id=exclude_id):
            kind = None if holder.id in family else clash(holder, candidate)
            if kind is not None:
                problems.append(FieldProblem(problem_field or field,
                                             clash_sentence(label, value, kind, holder)))
                break
    return problems


def changed_numbers(stored: Publication, candidate: Any) -> tuple[str, ...]:
    """The numbers whose sharing may have changed by this edit: every number when a key field
    changed, else only the numbers that changed — so a record that already shared a number
    before the rule was enforced can still be edited in its other fields (the duplicates list
    shows it until it is resolved)."""
    if any(_comparable(getattr(stored, f)) != _comparable(getattr(candidate, f))
           for f in KEY_FIELDS):
        return tuple(f for f, _ in NUMBER_FIELDS)
    return tuple(f for f, _ in NUMBER_FIELDS if getattr(stored, f) != getattr(candidate, f))


def _comparable(value: Any) -> Any:
    return str(value).strip() if not isinstance(value, int) else value


def check_numbers(session: Session, candidate: Any, *, stored: Publication | None = None,
                  all_numbers: bool = False) -> None:
    """Raise ValidationError when `candidate` (PublicationData, normalised) would share a
    number against the rule; `stored` is the record being edited (None for a new one);
    `all_numbers`: judge every number, not only those this edit changes."""
    fields = None if stored is None or all_numbers else changed_numbers(stored, candidate)
    if fields == ():
        return
    problems = number_problems(session, candidate, exclude_id=None if stored is None
                               else stored.id, fields=fields)
    if problems:
        raise ValidationError(problems)


@dataclass(frozen=True)
class SharedNumber:
    """A number held by records that may not share it (stored before the rule held)."""

    field: str
    label: str
    value: str
    holders: tuple[Holder, ...]


def shared_numbers(session: Session, limit: int = 500) -> list[SharedNumber]:
    """Every number two or more records share against the rule (at most `limit` numbers): what
    the 待辦 items and `pubdesk numbers-shared` list. Three queries a number kind whatever the
    size of the history (the duplicated values' holders in one, the reprint links among them
    in one), then the rule in memory: a catalogue of reprints shares thousands of numbers
    legitimately, and the 待辦 page reads this on every reload."""
    found: list[SharedNumber] = []
    for field, label in NUMBER_FIELDS:
        column = getattr(Publication, field)
        duplicated = select(column).where(column.is_not(None)).group_by(column) \
            .having(func.count() > 1)
        rows = session.execute(select(column, *_HOLDER_COLUMNS).where(column.in_(duplicated))
                               .order_by(column, Publication.id)).all()
        if not rows:
            continue
        groups: dict[str, list[Holder]] = {}
        for value, *holder in rows:
            groups.setdefault(value, []).append(Holder(*holder))
        reach = _reprint_reach(session, {h.id for g in groups.values() for h in g})
        for value, group in groups.items():
            if any(b.id not in reach.get(a.id, set()) and clash(a, b) is not None
                   for i, a in enumerate(group) for b in group[i + 1:]):
                found.append(SharedNumber(field, label, value, tuple(group)))
                if len(found) >= limit:
                    return found
    return found


def _reprint_reach(session: Session, ids: set[int]) -> dict[int, set[int]]:
    """For each of `ids`, the records within two REPRINT_OF links (as `linked_reprints`), from
    the links touching them and their neighbours: two queries for the whole set."""
    edges: dict[int, set[int]] = {}

    def add_links(among: set[int]) -> set[int]:
        reached: set[int] = set()
        for chunk in _chunks(sorted(among)):
            for a, b in session.execute(
                    select(PublicationRelation.source_id, PublicationRelation.target_id)
                    .where(PublicationRelation.kind == RelationKind.REPRINT_OF,
                           or_(PublicationRelation.source_id.in_(chunk),
                               PublicationRelation.target_id.in_(chunk)))):
                edges.setdefault(a, set()).add(b)
                edges.setdefault(b, set()).add(a)
                reached |= {a, b}
        return reached

    neighbours = add_links(ids) - ids
    if neighbours:
        add_links(neighbours)
    return {i: ({n for m in edges.get(i, ()) for n in edges.get(m, ())} | edges.get(i, set()))
            - {i} for i in ids}


def _chunks(ids: list[int], size: int = 900) -> list[list[int]]:
    """IN lists SQLite accepts (its variable limit)."""
    return [ids[i:i + size] for i in range(0, len(ids), size)]
