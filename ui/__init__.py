"""PubDesk's PySide6 GUI: the main window, one page per workflow, Qt models and dialogs.

Thin by design: pages call `app` services (through the worker helper for anything slow) and
never build a query, open a file for writing or decide a rule.
"""
