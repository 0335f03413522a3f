"""The "what changed" hub: after a write, a page says what it changed; every page listening
decides for itself whether to refresh. No page reaches into another."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataHub(QObject):
    """Signals about data changes. `entity` is a table name, `record_id` an id or -1 (many)."""

    changed = Signal(str, int)

    def announce(self, entity: str, record_id: int = -1) -> None:
        """Tell every page that `entity` changed."""
        self.changed.emit(entity, record_id)
