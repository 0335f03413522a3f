"""The core must run without Qt: importing every module under app/ loads no Qt module."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_every_app_module_loads_no_qt() -> None:
    script = """
import importlib, pkgutil, sys
import app
names = [m.name for m in pkgutil.walk_packages(app.__path__, 'app.')
         if m.name not in ('app.__main__', 'app.db.migrations.env')]
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))
print(len(names), qt)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.strip().split(" ", 1)
    assert int(count) >= 20, "the walk should find every module of app/"
    assert loaded == "[]", f"Qt modules loaded by app/: {loaded}"


def test_the_command_line_is_built_without_the_heavy_libraries() -> None:
    """`pubdesk` builds its parser at every start, the window's included: naming the `check`
    command must not load the checker (pikepdf alone was 0.12 s of start-up)."""
    script = """
import sys
import app.cli
app.cli.build_parser()
import app.pdfcheck as checker
assert sorted(checker.__all__) == sorted(checker._WHERE)
heavy = sorted(m for m in ('pikepdf', 'reportlab', 'openpyxl', 'docx', 'sqlalchemy', 'alembic')
               if m in sys.modules)
print(heavy)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
