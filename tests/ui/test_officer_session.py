"""A long scripted session: a seeded random walk of officer actions across the pages of the
real main window, over a workspace of 20,000 publications, with invariants checked after
every step (issue 12). Run longer or with other seeds:

    PUBDESK_SESSION_ACTIONS=10000 PUBDESK_SESSION_SEED=7 python3 dev.py test tests/ui/test_officer_session.py
"""

from __future__ import annotations

import os
import random
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import func, insert, select, update

from app.db import make_backup
from app.models import (
    ApplicationKind,
    ConsentEntry,
    ConsentLetter,
    NumberApplication,
    Publication,
    PublicationForm,
    PublicationType,
    SerialIssue,
)
from app.services import number_rule
from app.services.publications import publication_data
from app.services.units import UnitData, save_unit

ACTIONS = int(os.environ.get("PUBDESK_SESSION_ACTIONS", "1000"))
SEED = int(os.environ.get("PUBDESK_SESSION_SEED", "20261130"))
RECORDS = 20_000
TITLES = ["臺灣產業創新白皮書", "中小企業白皮書", "產業經濟季刊", "能源統計年報", "水資源手冊"]


def _seed_workspace(db, unit_id: int) -> None:  # type: ignore[no-untyped-def]
    """20,000 publications sharing a handful of titles (print, e-book, reprints), as an
    agency's catalogue after years: inserted in bulk, as a migration from files would."""
    now = datetime.now(UTC)
    rows = []
    for index in range(RECORDS):
        serial = index % 10 == 0
        rows.append({
            "unit_id": unit_id, "title": f"{TITLES[index % len(TITLES)]}{index // 50}",
            "pub_type": PublicationType.SERIAL if serial else PublicationType.BOOK,
            "form": PublicationForm.EBOOK if index % 3 == 0 and not serial else PublicationForm.PRINT,
            "edition": 1 + index % 2, "printing": 1 + index % 3,
            "gpn": None, "created_at": now, "updated_at": now, "row_version": 1})
    with db.session() as session:
        session.execute(insert(Publication), rows)


def test_officer_session_random_walk(make_window, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window, db, locations = make_window()
    with db.session() as session:
        unit_id = save_unit(session, UnitData("經濟部產業發展署"))
    _seed_workspace(db, unit_id)
    with db.session() as session:  # a second agency: every seventh record is the ministry's
        ministry = save_unit(session, UnitData("經濟部"))
        session.execute(update(Publication).where(Publication.id % 7 == 0)
                        .values(unit_id=ministry))
    window.reload_after_restore()
    rng = random.Random(SEED)
    pubs = window.publications
    expected_total = RECORDS
    issues_of: Counter[int] = Counter()
    applications_of: Counter[int] = Counter()
    backup: Path | None = None
    backup_state: tuple[int, Counter[int], Counter[int], dict[int, tuple[int, int]]] | None = None
    binned: dict[int, tuple[int, int]] = {}
    """Deleted publications in the recycle bin: their issue and application counts."""
    done: Counter[str] = Counter()
    numbers_refused = [0]

    def random_id() -> int:
        with db.session() as session:
            ids = session.scalars(select(Publication.id)).all()
        return rng.choice(ids)

    def act_open() -> None:
        pubs.open_publication(random_id())

    def act_edit_and_save() -> None:
        if pubs.current_id is None:
            return act_open()
        pubs.form.subtitle.setText(f"修訂說明 {rng.randint(1, 999)}")
        pubs._form_edited()
        assert pubs.save()

    def act_new(kind: PublicationType) -> None:
        nonlocal expected_total
        pubs.new_publication()
        assert pubs.current_id is None
        # The issues editor must not offer the serial shown before.
        assert pubs.issues_editor.publication_id is None
        assert pubs.issues_editor.issues.rowCount() == 0
        pubs.form.title.setText(f"{rng.choice(TITLES)}（新）")
        pubs.form.pub_type.set_value(kind)
        pubs._form_edited()
        assert pubs.save()
        expected_total += 1

    def act_add_issue() -> None:
        if pubs.current_id is None:
            return act_open()
        editor = pubs.issues_editor
        editor.volume.setText(str(rng.randint(1, 60)))
        editor.number.setText(str(rng.randint(1, 99999)))
        editor.roc_year.setText("115")
        before = editor.issues.rowCount()
        editor.add_issue()
        is_serial = pubs.form.pub_type.value() is PublicationType.SERIAL
        if editor.issues.rowCount() > before:
            assert is_serial, "an issue was added to a publication that is not a serial"
            issues_of[pubs.current_id] += 1

    def act_copy() -> None:
        nonlocal expected_total
        if pubs.current_id is None:
            return act_open()
        from app.models import RelationKind
        from app.services.publications import copy_publication

        with db.session() as session:
            saved = copy_publication(session, pubs.current_id, RelationKind.REPRINT_OF)
        window.hub.announce("publications", saved.id)
        pubs.open_publication(saved.id)
        expected_total += 1

    def act_delete() -> None:
        nonlocal expected_total
        if pubs.current_id is None:
            return act_open()
        gone = pubs.current_id
        monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                            lambda *_a, **_k: __import__("PySide6.QtWidgets").QtWidgets
                            .QMessageBox.StandardButton.Yes)
        pubs.delete_current()
        assert pubs.current_id is None
        expected_total -= 1
        binned[gone] = (issues_of.pop(gone, 0), applications_of.pop(gone, 0))

    def act_restore_from_bin() -> None:
        nonlocal expected_total
        dialog = pubs.open_recycle_bin()
        try:
            if dialog.table.rowCount() == 0:
                return
            row = rng.randrange(dialog.table.rowCount())
            dialog.table.selectRow(row)
            with db.session() as session:
                from app.models import RecycledPublication

                item = session.get(RecycledPublication, int(dialog.table.item(row, 0).data(
                    Qt.ItemDataRole.UserRole)))
                assert item is not None
                old_id = item.publication_id
            came_back: list[int] = []
            dialog.restored.connect(came_back.append)
            dialog.restore_selected()
            assert len(came_back) == 1
            expected_total += 1
            issues, applications = binned.pop(old_id)
            issues_of[came_back[0]] += issues
            applications_of[came_back[0]] += applications
            assert pubs.current_id == came_back[0], "the restored record is not the one shown"
        finally:
            dialog.close()

    def act_numbering() -> None:
        window.show_page("numbering")
        page = window.numbering
        target = random_id()
        page.publication.set_current(target)
        assert page.publication_id() == target
        # Fields typed for another application never stay on screen.
        assert page.reply.toPlainText() == "" or page.application_id is not None
        page.kind.set_value(rng.choice([ApplicationKind.ISBN_CIP, ApplicationKind.GPN]))
        page.new_application()
        if page.error.text() == "":
            applications_of[target] += 1
        window.show_page("publications")

    def act_number() -> None:
        """Type a GPN from a small pool, so that numbers meet: saved only where §4(二) lets
        two records share it (a reprint), refused naming the holder everywhere else."""
        if pubs.current_id is None:
            return act_open()
        number = f"10115{rng.randint(0, 30):05d}"
        with db.session() as session:
            data = publication_data(session, pubs.current_id)[0]
            clashing = [h for h in number_rule.holders(session, "gpn", number,
                                                       exclude_id=pubs.current_id)
                        if number_rule.clash(h, data) is not None]
        pubs.form.gpn.setText(number)
        pubs._form_edited()
        saved = pubs.save()
        assert saved == (not clashing), f"GPN {number}: saved={saved}, holders {clashing}"
        if not saved:
            assert pubs.notice.text().startswith("尚未儲存"), pubs.notice.text()
            pubs.revert()
            numbers_refused[0] += 1

    def act_consent_book() -> None:
        """Put a random book on a consent letter: 發文機關 follows its unit."""
        window.show_page("consent")
        page = window.consent
        page.books.setRowCount(0)
        target = random_id()
        if page.add_book(target) >= 0:
            with db.session() as session:
                owner = session.get(Publication, target)
                assert owner is not None
                assert page.unit.currentData() == owner.unit_id, "a letter under another unit"
        window.show_page("publications")

    def act_search() -> None:
        window.show_page(rng.choice(["deposit", "consent", "checks", "packages", "consignment"]))
        picker = {"deposit": window.deposit.publication, "consent": window.consent.book_picker,
                  "checks": window.checks.publication, "packages": window.packages.picker,
                  "consignment": window.consignment.list_publication}[window.current_page_key()]
        count = picker.search_now(rng.choice(TITLES))
        assert 0 < count <= 50
        picker.choose_match(rng.randrange(count))
        assert picker.current_id() is not None
        window.show_page("publications")

    def act_backup_or_restore() -> None:
        nonlocal backup, backup_state, expected_total, issues_of, applications_of
        if backup is None:
            backup = make_backup(db, locations.backup_dir)
            backup_state = (expected_total, Counter(issues_of), Counter(applications_of),
                            dict(binned))
            return
        monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                            lambda *_a, **_k: (str(backup), ""))
        monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning",
                            lambda *_a, **_k: __import__("PySide6.QtWidgets").QtWidgets
                            .QMessageBox.StandardButton.Yes)
        pubs._dirty = False
        window.restore_backup()
        qtbot.waitUntil(lambda: pubs.current_id is None and window.numbering.publication_id()
                        is None, timeout=30_000)
        assert backup_state is not None
        expected_total, issues_of, applications_of = (backup_state[0], Counter(backup_state[1]),
                                                      Counter(backup_state[2]))
        binned.clear()
        binned.update(backup_state[3])
        # The form shows nothing from before the restore; saving cannot duplicate a record.
        assert pubs.form.title.text() == ""
        backup = None

    actions = [(act_open, 20), (act_edit_and_save, 15), (lambda: act_new(PublicationType.SERIAL), 6),
               (lambda: act_new(PublicationType.BOOK), 4), (act_add_issue, 15), (act_copy, 4),
               (act_delete, 3), (act_numbering, 8), (act_search, 10), (act_backup_or_restore, 1),
               (act_restore_from_bin, 2), (act_number, 6), (act_consent_book, 3)]
    names = ["open", "edit", "new serial", "new book", "add issue", "copy", "delete", "numbering",
             "choose elsewhere", "backup/restore", "restore from bin", "number", "consent book"]

    for step in range(ACTIONS):
        index = rng.choices(range(len(actions)), weights=[w for _a, w in actions])[0]
        actions[index][0]()
        done[names[index]] += 1
        # --- invariants ------------------------------------------------------------------
        with db.session() as session:
            total = session.scalar(select(func.count()).select_from(Publication))
            issue_counts = Counter(dict(session.execute(
                select(SerialIssue.publication_id, func.count()).group_by(
                    SerialIssue.publication_id)).all()))
            app_counts = Counter(dict(session.execute(
                select(NumberApplication.publication_id, func.count()).group_by(
                    NumberApplication.publication_id)).all()))
            shown = pubs.current_id
            data = publication_data(session, shown)[0] if shown is not None else None
            shared = number_rule.shared_numbers(session)
            letters_astray = session.execute(
                select(ConsentLetter.id).join(ConsentEntry,
                                              ConsentEntry.letter_id == ConsentLetter.id)
                .join(Publication, Publication.id == ConsentEntry.publication_id)
                .where(Publication.unit_id != ConsentLetter.unit_id)).first()
        assert total == expected_total, f"step {step}: record count {total} ≠ {expected_total}"
        assert shared == [], f"step {step}: unrelated publications share {shared[0].value}"
        assert letters_astray is None, f"step {step}: a letter under another unit"
        assert +issue_counts == +issues_of, f"step {step}: an issue went to another serial"
        assert +app_counts == +applications_of, f"step {step}: an application went astray"
        if data is not None and not pubs._dirty:
            assert pubs.form.title.text() == data.title, f"step {step}: form shows another record"
            expected_editor = shown if data.pub_type is PublicationType.SERIAL else None
            assert pubs.issues_editor.publication_id == expected_editor
        numbering = window.numbering
        if numbering.application_id is not None:
            with db.session() as session:
                application = session.get(NumberApplication, numbering.application_id)
                assert application is not None
                assert numbering.registration.text() == application.registration_no
                assert numbering.reply.toPlainText() == application.reply
    assert sum(done.values()) == ACTIONS
    assert numbers_refused[0] or ACTIONS < 200, "the walk never met a number held elsewhere"
    assert all(done[name] for name in names if name != "backup/restore") or ACTIONS < 200, done
