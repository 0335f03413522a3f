"""Settings → 收文機關代碼: 文化部's 機關代碼 entered with its source is kept in the database and
goes into every consent letter's DI file; a wrong code is said and nothing is saved."""

from __future__ import annotations

from app.services.agency_codes import AgencyCode, recipient_code


def test_the_ministrys_code_is_kept_and_a_wrong_one_refused(make_window) -> None:  # type: ignore[no-untyped-def]
    window, db, _ = make_window()
    window.show_page("settings")
    box = window.page("settings").recipient_codes
    code, source = box.codes["文化部"]
    code.setText("a09000000e")
    source.setText("公文系統通訊錄，115年12月")
    assert box.save()
    with db.session() as session:
        assert recipient_code(session, "文化部") == AgencyCode("A09000000E",
                                                              "公文系統通訊錄，115年12月")
    assert code.text() == "A09000000E"
    code.setText("A09-000")
    assert not box.save()
    assert "機關代碼" in box.error.text()
    with db.session() as session:
        assert recipient_code(session, "文化部").code == "A09000000E"
