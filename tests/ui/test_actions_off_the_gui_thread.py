"""`run_action` runs its action in a worker thread (ui.worker.wait_for): the action may not read
a widget — Qt's widgets belong to the GUI thread, and a reload running in the nested event loop
could change them under it. Every value is read into a local before the call (found by the
review of the change that moved saves off the GUI thread)."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

from PySide6.QtWidgets import QLineEdit

from ui.pages.common import run_action
from ui.widgets import ErrorLabel

UI = Path(__file__).resolve().parents[2] / "ui"
RUNNERS = {"run_action", "_run", "_run_correctable", "wait_for"}


def lambdas_reading_self(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else \
            getattr(call.func, "id", "")
        if name not in RUNNERS:
            continue
        for argument in call.args:
            if not isinstance(argument, ast.Lambda):
                continue
            for node in ast.walk(argument.body):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                        node.value.id == "self":
                    found.append(f"{path.name}:{node.lineno} self.{node.attr}")
    return found


def test_no_action_reads_the_page_from_the_worker() -> None:
    found = [hit for path in UI.rglob("*.py") for hit in lambdas_reading_self(path)]
    assert found == []


def test_the_action_runs_off_the_gui_thread(db, qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QLineEdit()
    qtbot.addWidget(parent)
    seen: list[bool] = []
    assert run_action(parent, db, ErrorLabel(),
                      lambda _s: seen.append(threading.current_thread() is
                                             threading.main_thread()))
    assert seen == [False]
