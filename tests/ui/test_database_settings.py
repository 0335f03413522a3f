"""Settings → Database: test the office server, keep the choice, and at the next start open
it with the password from the credential store or asked for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app.paths import resolve_locations
from app.settings import Settings
from ui.main import office_locations
from ui.pages.database_settings import DatabaseSettings


def test_an_unreachable_server_is_said_and_not_kept(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = Settings()
    box = DatabaseSettings(settings)
    qtbot.addWidget(box)
    box.office.setChecked(True)
    box.server.setText("127.0.0.1:9/pubdesk")
    box.login.setText("lin")
    box.save()
    assert "無法連線到辦公室資料庫伺服器" in box.result.text(), "the core's message, in Chinese"
    assert settings.office_server == "", "a server that cannot be reached is not chosen"


def test_the_office_server_is_tested_kept_and_opened(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = os.environ.get("PUBDESK_TEST_POSTGRES")
    if not server:
        pytest.skip("needs the test PostgreSQL server (dev.py test starts one)")
    from app.db.office import init_server
    from tests.postgres import create_database, drop_database

    name = f"pubdesk_settings_{os.getpid()}"
    url = create_database(server, name)
    try:
        init_server(url)
        settings = Settings()
        box = DatabaseSettings(settings)
        qtbot.addWidget(box)
        box.office.setChecked(True)
        parsed = make_url(url)
        box.server.setText(f"{parsed.host}:{parsed.port}/{name}")
        box.login.setText(parsed.username or "")
        box.password.setText("not-needed-with-trust")
        monkeypatch.setattr("ui.pages.database_settings.remember_password", lambda *_a: False)
        box.save()
        said = box.result.text()  # English alone, or Chinese after another test loaded it
        assert "Connected as postgres" in said or "已以 postgres 連線" in said
        assert "ask for the password" in said or "詢問密碼" in said
        assert settings.office_server.endswith(f"@{parsed.host}:{parsed.port}/{name}")
        assert box.password.text() == "", "the password is not left in the form"

        locations = resolve_locations(tmp_path / "ws", environ={})
        monkeypatch.setattr("app.db.office.stored_password", lambda _url: None)
        monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText",
                            lambda *_a, **_k: ("secret", True))
        chosen = office_locations(locations, settings)
        assert chosen is not None
        assert make_url(chosen.database_url).database == name
        assert make_url(chosen.database_url).password == "secret"
        monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText", lambda *_a, **_k: ("", False))
        assert office_locations(locations, settings) is None, "cancelled: not this PC's file"
        forced = resolve_locations(tmp_path / "ws", "sqlite:///" + (tmp_path / "x.db").as_posix(),
                                   environ={})
        assert office_locations(forced, settings) is forced, "--db comes first"
    finally:
        drop_database(server, name)
