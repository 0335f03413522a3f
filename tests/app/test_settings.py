import json
from pathlib import Path

from app.settings import Settings, load_settings, save_settings


def test_defaults_when_missing(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == Settings()


def test_round_trip_keeps_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "en", "future_option": [1, 2]}))
    settings = load_settings(path)
    assert settings.language == "en"
    settings.window_geometry = "01ff"
    save_settings(settings, path)
    saved = json.loads(path.read_text())
    assert saved["future_option"] == [1, 2]
    assert saved["window_geometry"] == "01ff"


def test_damaged_file_gives_defaults_and_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert load_settings(path) == Settings()
    assert (tmp_path / "settings.json.damaged").read_text() == "{not json"


def test_wrong_types_and_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "klingon", "backups_kept": "many"}))
    settings = load_settings(path)
    assert settings.language == "zh_TW"
    assert settings.backups_kept == 14


def test_waiting_periods_are_settings_and_reach_the_agenda(tmp_path: Path) -> None:
    from app.services.agenda import Thresholds

    path = tmp_path / "settings.json"
    path.write_text('{"deposit_ack_days": 7, "application_reply_days": 0, '
                    '"settlement_warning_days": 9999}', encoding="utf-8")
    settings = load_settings(path)
    assert settings.deposit_ack_days == 7
    assert settings.application_reply_days == 1  # at least a day
    assert settings.settlement_warning_days == 365  # at most a year
    assert Thresholds.of(settings) == Thresholds(1, 7, 365)
