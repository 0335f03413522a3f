"""What text the officer may type: no control characters. A pasted title can carry invisible
characters (a vertical tab from a Word file, a NUL from a damaged export) that Word files
cannot hold at all and that print as boxes; they are refused at input, where the officer can
still see and fix them, rather than met later inside a document writer."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import Any

from app.errors import FieldProblem

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def control_character_problem(field_name: str, label: str, text: str, *,
                              multiline: bool = False) -> FieldProblem | None:
    """A problem naming where the first control character is, or None. Line breaks and tabs
    are allowed only in multi-line fields."""
    found = (_CONTROL if multiline else _CONTROL_ONE_LINE).search(text)
    if found is None:
        return None
    return FieldProblem(field_name, f"{label}的第 {found.start() + 1} 個字元是看不見的控制字元"
                                    f"（U+{ord(found.group()):04X}），可能是從其他檔案貼上時帶進來的。"
                                    "請刪除該字元後再儲存。")


def control_character_problems(data: Any, labels: dict[str, str] | None = None,
                               multiline: frozenset[str] = frozenset()) -> list[FieldProblem]:
    """Every text field of a dataclass checked (`labels` names the fields for the message)."""
    assert is_dataclass(data)
    problems = []
    for f in fields(data):
        value = getattr(data, f.name)
        if isinstance(value, str):
            problem = control_character_problem(
                f.name, (labels or {}).get(f.name, "這個欄位"), value,
                multiline=f.name in multiline)
            if problem:
                problems.append(problem)
    return problems
