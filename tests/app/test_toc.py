import pytest

from app.db import Database
from app.errors import ValidationError
from app.models import TocKind
from app.services.toc_service import get_toc, import_toc_text, save_toc, toc_for_edit
from app.toc import (
    TocLine,
    check_levels,
    delete_line,
    indent_line,
    insert_line,
    move_line,
    outdent_line,
    parse_toc_text,
    to_tree,
)
from tests.app.factories import add_book


def outline(*spec: str) -> list[TocLine]:
    """'1 A' → level 1, title A."""
    return [TocLine(int(s.split()[0]), s.split()[1]) for s in spec]


def shape(lines: list[TocLine]) -> list[str]:
    return [f"{line.level} {line.title}" for line in lines]


SAMPLE = outline("1 A", "2 A1", "2 A2", "3 A2a", "1 B", "2 B1")


def test_levels_may_not_jump() -> None:
    check_levels(SAMPLE)
    with pytest.raises(ValidationError, match="跳級"):
        check_levels(outline("1 A", "3 X"))
    with pytest.raises(ValidationError, match="跳級"):
        check_levels(outline("2 A"))


def test_move_takes_the_subtree_along() -> None:
    moved, index = move_line(SAMPLE, 4, up=True)
    assert shape(moved) == ["1 B", "2 B1", "1 A", "2 A1", "2 A2", "3 A2a"]
    assert index == 0
    moved, index = move_line(SAMPLE, 1, up=False)
    assert shape(moved) == ["1 A", "2 A2", "3 A2a", "2 A1", "1 B", "2 B1"]
    assert index == 3
    assert move_line(SAMPLE, 0, up=True) == (SAMPLE, 0)
    assert move_line(SAMPLE, 5, up=False) == (SAMPLE, 5)
    # A child cannot leave its parent by moving.
    assert move_line(SAMPLE, 1, up=True) == (SAMPLE, 1)


def test_indent_and_outdent_move_children_too() -> None:
    indented = indent_line(SAMPLE, 2)
    assert shape(indented) == ["1 A", "2 A1", "3 A2", "4 A2a", "1 B", "2 B1"]
    check_levels(indented)
    assert shape(outdent_line(indented, 2)) == shape(SAMPLE)
    with pytest.raises(ValidationError):
        indent_line(SAMPLE, 0)
    with pytest.raises(ValidationError):
        indent_line(SAMPLE, 1)  # first child: no sibling before it
    with pytest.raises(ValidationError):
        outdent_line(SAMPLE, 0)


def test_delete_keeps_children_one_level_up() -> None:
    assert shape(delete_line(SAMPLE, 2)) == ["1 A", "2 A1", "2 A2a", "1 B", "2 B1"]


def test_insert_clamps_level() -> None:
    inserted = insert_line(SAMPLE, 1, TocLine(5, "new"))
    assert shape(inserted)[1] == "2 new"
    check_levels(inserted)


def test_tree() -> None:
    tree = to_tree(SAMPLE)
    assert [n.title for n in tree] == ["A", "B"]
    assert [n.title for n in tree[0].children] == ["A1", "A2"]
    assert tree[0].children[1].children[0].title == "A2a"


PASTED = """序……………………………………i
圖目次………………………………iii
表目次………………………………v
第一章　緒論………………………1
　第一節　研究背景………………1
　第二節　研究方法………………5
　　一、文獻回顧……………………6
　　二、訪談………………………8
第二章　產業現況 .......... 11
第一節 製造業	13
參考文獻 ...... 120
"""


def test_parse_pasted_toc_with_levels_pages_and_kinds() -> None:
    lines = parse_toc_text(PASTED)
    assert [(x.level, x.title, x.page) for x in lines] == [
        (1, "序", "i"), (1, "圖目次", "iii"), (1, "表目次", "v"),
        (1, "第一章 緒論", "1"), (2, "第一節 研究背景", "1"), (2, "第二節 研究方法", "5"),
        (3, "一、文獻回顧", "6"), (3, "二、訪談", "8"), (1, "第二章 產業現況", "11"),
        (2, "第一節 製造業", "13"), (1, "參考文獻", "120"),
    ]
    assert lines[1].kind is TocKind.FIGURE_LIST
    assert lines[2].kind is TocKind.TABLE_LIST
    assert lines[3].kind is TocKind.CHAPTER


def test_parse_dotted_numbers_and_fullwidth_pages() -> None:
    lines = parse_toc_text("1 前言 ..... １\n1.1 目的 .... 2\n1.1.1 範圍 3\n2 方法 …… 10\n附錄")
    assert [(x.level, x.page) for x in lines] == [(1, "1"), (2, "2"), (3, "3"), (1, "10"),
                                                  (1, "")]


def test_parse_indentation_when_unnumbered() -> None:
    lines = parse_toc_text("總論 1\n    背景 2\n    目的 3\n結論 9")
    assert [x.level for x in lines] == [1, 2, 2, 1]


def test_toc_saved_and_replaced_in_database(db: Database, unit_id: int) -> None:
    pub_id = add_book(db, unit_id)
    with db.session() as session:
        import_toc_text(session, pub_id, PASTED, expected_version=toc_for_edit(session, pub_id)[1])
    with db.session() as session:
        lines, version = toc_for_edit(session, pub_id)
        assert len(lines) == 11
        save_toc(session, pub_id, lines[:3], expected_version=version)
    with db.session() as session:
        assert [x.title for x in get_toc(session, pub_id)] == ["序", "圖目次", "表目次"]
        with pytest.raises(ValidationError):
            save_toc(session, pub_id, outline("1 A", "3 B"),
                     expected_version=toc_for_edit(session, pub_id)[1])
    with db.session() as session:
        assert len(get_toc(session, pub_id)) == 3
