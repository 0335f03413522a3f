from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.db import Database
from app.errors import PubDeskError
from app.services.publications import PublicationFilter, publication_ids, rows_for
from tests.app.factories import add_book
from ui.pages.publications.table_model import PublicationTableModel
from ui.worker import JobCancelled, run_job


def test_publication_table_model_passes_the_model_tester(db: Database, unit_id: int,
                                                        qtbot) -> None:  # type: ignore[no-untyped-def]
    for n in range(450):
        add_book(db, unit_id, f"出版品第{n}號", gpn=None)

    def load(ids: list[int]) -> dict[int, object]:
        with db.session() as session:
            return dict(rows_for(session, ids))

    model = PublicationTableModel(load)  # type: ignore[arg-type]
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    with db.session() as session:
        ids = publication_ids(session, PublicationFilter(), "title", descending=False)
    model.set_ids(ids)
    assert model.rowCount() == 450
    assert model.data(model.index(449, 0)) is not None
    assert model.data(model.index(0, 5)) == "規劃中"
    assert model.data(model.index(0, 2)) == "初版"
    assert model.data(model.index(0, 8)) == "115年8月"
    assert model.data(model.index(3, 0), Qt.ItemDataRole.UserRole) == ids[3]
    model.set_ids(ids[:10])
    model.refresh_rows([ids[0]])
    assert model.rowCount() == 10


def test_job_reports_progress_and_result(qtbot) -> None:  # type: ignore[no-untyped-def]
    results: list[object] = []

    def work(progress, cancelled) -> str:  # type: ignore[no-untyped-def]
        for step in range(3):
            progress(step + 1, 3, f"第 {step + 1} 步")
        return "完成"

    run_job(None, "測試", work, on_done=results.append)
    qtbot.waitUntil(lambda: results == ["完成"])


def test_job_cancel_and_failure(qtbot) -> None:  # type: ignore[no-untyped-def]
    cancelled_calls: list[bool] = []
    failures: list[BaseException] = []

    def slow(progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        while not cancelled():
            time.sleep(0.01)
        raise JobCancelled

    job = run_job(None, "取消測試", slow, on_cancelled=lambda: cancelled_calls.append(True))
    job.cancel()
    qtbot.waitUntil(lambda: cancelled_calls == [True])

    def broken(progress, cancelled) -> None:  # type: ignore[no-untyped-def]
        raise PubDeskError("磁碟空間不足")

    run_job(None, "失敗測試", broken, on_failed=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert failures[0].message == "磁碟空間不足"  # type: ignore[attr-defined]


def test_settings_page_shows_errors_next_to_fields(make_window, qtbot,  # type: ignore[no-untyped-def]
                                                   modal_dialogs) -> None:
    window, _db, _ = make_window()
    page = window.settings_page
    page.new_unit()
    page.edits["email"].setText("not an email")
    page.save()
    assert page.errors["full_name"].text()
    assert page.errors["email"].text()
    assert page.units.count() == 0


@pytest.mark.parametrize("language", ["en"])
def test_language_choice_is_saved(make_window, language: str, modal_dialogs) -> None:  # type: ignore[no-untyped-def]
    window, _db, locations = make_window()
    window.settings_page.language.setCurrentIndex(
        window.settings_page.language.findData(language))
    assert any("下次啟動" in text for _kind, text in modal_dialogs)
    from app.settings import load_settings

    assert load_settings(locations.settings_file).language == language


def test_progress_queued_after_the_result_is_harmless(qtbot) -> None:  # type: ignore[no-untyped-def]
    results: list[object] = []

    def chatty(progress, cancelled) -> str:  # type: ignore[no-untyped-def]
        for step in range(2000):
            progress(step, 2000, "…")
        return "done"

    for _ in range(5):
        run_job(None, "多次進度", chatty, on_done=results.append)
    qtbot.waitUntil(lambda: len(results) == 5, timeout=20000)
    qtbot.wait(200)  # let any queued progress signals arrive after the dialogs are gone


def test_a_hidden_page_catches_up_when_shown_not_on_every_save(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStackedWidget, QWidget

    from ui.hub import DataHub, listen_when_shown

    hub = DataHub()
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    shown_page, hidden_page = QWidget(), QWidget()
    stack.addWidget(shown_page)
    stack.addWidget(hidden_page)
    stack.show()
    heard: dict[str, list[tuple[str, int]]] = {"shown": [], "hidden": []}
    listen_when_shown(hub, shown_page, lambda e, i: heard["shown"].append((e, i)))
    listen_when_shown(hub, hidden_page, lambda e, i: heard["hidden"].append((e, i)))
    for _ in range(5):
        hub.announce("publications", 7)
    hub.announce("sales_stores")
    assert len(heard["shown"]) == 6
    assert heard["hidden"] == []
    stack.setCurrentWidget(hidden_page)
    assert heard["hidden"] == [("publications", 7), ("sales_stores", -1)], "once each, in order"
