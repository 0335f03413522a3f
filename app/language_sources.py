"""Which core texts need an English entry in resources/translations/app_en.po: read from the
source (for the catalogue test and its maintainers), never at run time — app.language only
looks texts up."""

from __future__ import annotations

import ast
from pathlib import Path

from app.language import SCREEN_SOURCES, cjk


def marked_texts() -> set[str]:
    """Every core text that reaches the screen: the literal first argument of each `t(…)` in
    app/ (and ui/, which uses `t` where it shows core text), the names of every LabelledEnum
    member, and the agenda's kinds."""
    import app.models
    import app.services.consent_texts  # noqa: F401
    from app.models.enums import LabelledEnum
    from app.services import agenda

    texts: set[str] = set()
    root = Path(__file__).resolve().parent.parent
    for path in [*(root / "app").rglob("*.py"), *(root / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id == "t" and node.args and \
                    isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                texts.add(node.args[0].value)
    pending: list[type[LabelledEnum]] = [LabelledEnum]
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        texts |= {member.label for member in cls}
    return (texts | set(agenda.KINDS.values()) | screen_templates(root / "app")
            | message_templates(root / "app"))





def _template_of(node: ast.JoinedStr) -> str:
    """An f-string as a template: literal parts kept, each field {0}, {1} …"""
    parts, index = [], 0
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
        else:
            parts.append("{" + str(index) + "}")
            index += 1
    return "".join(parts)


MESSAGE_CALLS = frozenset({"problem", "single", "FieldProblem", "control_character_problem"})
"""Calls whose text arguments are messages for the officer (besides raising an error)."""


def _name_of(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else \
        func.attr if isinstance(func, ast.Attribute) else ""


def _texts_under(root: ast.AST) -> set[str]:
    found: set[str] = set()
    inner = {id(value) for node in ast.walk(root) if isinstance(node, ast.JoinedStr)
             for value in node.values}
    for node in ast.walk(root):
        if isinstance(node, ast.JoinedStr) and any(
                isinstance(v, ast.Constant) and cjk().search(str(v.value)) for v in node.values):
            found.add(_template_of(node))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                id(node) not in inner and cjk().search(node.value):
            found.add(node.value)
    return found


def message_templates(app_folder: Path) -> set[str]:
    """The messages of the rest of app/: the Chinese text in every `raise`, in calls of an
    …Error class or of MESSAGE_CALLS, and in `warnings.append(…)` — what validation and
    errors say to the officer (the UI shows them through `shown`)."""
    found: set[str] = set()
    for path in sorted(app_folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and node.exc is not None:
                found |= _texts_under(node.exc)
            elif isinstance(node, ast.Call):
                name = _name_of(node.func)
                warning = name == "append" and isinstance(node.func, ast.Attribute) and \
                    _name_of(node.func.value) == "warnings"
                if name in MESSAGE_CALLS or name.endswith("Error") or warning:
                    for argument in node.args:
                        found |= _texts_under(argument)
    return found


def screen_templates(app_folder: Path) -> set[str]:
    """The Chinese texts of SCREEN_SOURCES: literals and f-strings (not docstrings)."""
    found: set[str] = set()
    for source in SCREEN_SOURCES:
        target = app_folder / source
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(node.value) for node in ast.walk(tree)
                          if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
            inner = {id(value) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                     for value in node.values}
            for node in ast.walk(tree):
                if isinstance(node, ast.JoinedStr) and any(
                        isinstance(v, ast.Constant) and cjk().search(str(v.value))
                        for v in node.values):
                    found.add(_template_of(node))
                elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                        id(node) not in docstrings and id(node) not in inner and \
                        cjk().search(node.value):
                    found.add(node.value)
    return found
