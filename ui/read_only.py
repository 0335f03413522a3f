"""檢視者 — a viewer's window is read only from the start (issue #27), not only when a save is
refused (`app.db.engine.Database.read_only`: signed in with a viewer's login).

Each page marks, where it builds them, what writes to the database: `writes(...)` takes the
buttons, menu actions and shortcuts that save, create, delete, import or record, the fields that
edit a record (or feed only such an action), and whole forms. For a read-only database the main
window calls `lock(page)` once, as it builds each page (a dialog that writes calls it on
itself), and shows why once, in a banner. Locked:

- a button, action, shortcut, choice (combo, check box) is disabled and stays disabled, whatever
  the page's own logic enables later (a selection, a modified form);
- a text or number field is read only, on the window's colour: the viewer can still select
  and copy it;
- a table or tree cannot be edited, and a cell widget it gets later (a row added on the next
  record shown) is locked as it appears.

Everything not marked — choosing, searching, previewing, exporting, printing, the settings kept
on this PC — stays as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

WRITES = "pubdeskWrites"
"""The dynamic property `writes` sets."""
LOCKED = "pubdeskLocked"
"""Set once an object is locked, so locking twice changes nothing."""


def writes(*things: QObject) -> None:
    """Mark buttons, actions, shortcuts, fields or whole forms as writing to the database."""
    for thing in things:
        thing.setProperty(WRITES, True)


def lock(root: QWidget) -> None:
    """Make everything under `root` that is marked by `writes` inert (see the module)."""
    keeper = root.findChild(_Keeper)
    if keeper is None:
        keeper = _Keeper(root)
    for thing in [root, *root.findChildren(QObject)]:
        if thing.property(WRITES):
            _lock(thing, keeper)


def _lock(thing: QObject, keeper: _Keeper) -> None:
    if isinstance(thing, QAction):
        if not thing.property(LOCKED):
            thing.setProperty(LOCKED, True)
            thing.setEnabled(False)
            thing.enabledChanged.connect(lambda on, action=thing: on and action.setEnabled(False))
        return
    if isinstance(thing, QShortcut):
        thing.setEnabled(False)
        return
    if isinstance(thing, QWidget):
        for widget in [thing, *thing.findChildren(QWidget)]:
            _lock_widget(widget, keeper)


def _lock_widget(widget: QWidget, keeper: _Keeper) -> None:
    if widget.property(LOCKED) or isinstance(widget.parentWidget(), QTabBar):
        return  # a tab bar's scroll arrows: moving between tabs is looking, not writing
    widget.setProperty(LOCKED, True)
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox):
        widget.setReadOnly(True)
        # on the window's colour, not the white of a field waiting to be typed in
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        widget.setPalette(palette)
    elif isinstance(widget, QAbstractButton | QComboBox):
        widget.setEnabled(False)
        widget.installEventFilter(keeper)
    elif isinstance(widget, QAbstractItemView):
        widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        widget.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        widget.viewport().installEventFilter(keeper)


class _Keeper(QObject):
    """Keeps a locked page locked: disables again a control the page enables, and locks the
    cell widgets a locked table gets later."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.EnabledChange:
            if isinstance(watched, QWidget) and watched.isEnabled():
                watched.setEnabled(False)
        elif kind == QEvent.Type.ChildPolished:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                for widget in [child, *child.findChildren(QWidget)]:
                    _lock_widget(widget, self)
        return False
