"""`pubdesk about`: the facts a support person asks for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.paths import resolve_locations
from ui.launcher import main


def test_about_json_names_fonts_translations_and_data(tmp_path: Path,
                                                      capsysbinary: pytest.CaptureFixture[bytes],
                                                      ) -> None:
    assert main(["--data-dir", str(tmp_path), "about", "--json"]) == 0
    found = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert found["data_dir"] == str(resolve_locations(tmp_path).data_dir)
    assert found["pdf_fonts"]["chinese"] in ("TW-Kai", "DFKai-SB")
    assert found["pubdesk_translation"]["loads"] is True
    assert found["qt_translation"]["loads"] is True
    assert found["frozen"] is False


def test_about_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "about"]) == 0
    said = capsys.readouterr().out
    assert "資料夾：" in said
    assert "PubDesk 中文介面" in said


def test_the_core_alone_says_about_needs_the_window_modules(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main as core_main

    assert core_main(["--data-dir", str(tmp_path), "about"]) == 2
    assert "pubdesk about" in capsys.readouterr().err
