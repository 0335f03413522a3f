import pytest

from app.db import Database
from app.errors import NotFoundError, ValidationError
from app.models import PublicationType
from app.services.serials import (
    ArticleData,
    IssueData,
    add_issue,
    delete_issue,
    issue_version,
    list_articles,
    list_issues,
    set_articles,
    update_issue,
)
from tests.app.factories import add_book


def test_issues_and_articles(db: Database, unit_id: int) -> None:
    serial = add_book(db, unit_id, "產業經濟季刊", pub_type=PublicationType.SERIAL,
                      issn="0317-8471")
    with db.session() as session:
        issue = add_issue(session, serial, IssueData("12", "3", 2026, 9))
        version = set_articles(session, issue, [ArticleData("半導體供應鏈", "李四", "1", "20"),
                                                ArticleData("綠色轉型", "王五", "21", "40")],
                               expected_version=issue_version(session, issue))
    with db.session() as session:
        assert list_issues(session, serial) == [(issue, IssueData("12", "3", 2026, 9))]
        version = set_articles(session, issue, [ArticleData("綠色轉型", "王五", "21", "40")],
                               expected_version=version)
        assert [a.title for a in list_articles(session, issue)] == ["綠色轉型"]
        update_issue(session, issue, IssueData("12", "4", 2026, 12, "特刊"),
                     expected_version=version)
        assert list_issues(session, serial)[0][1].number == "4"
        delete_issue(session, issue)
        assert list_issues(session, serial) == []
        with pytest.raises(NotFoundError):
            list_articles(session, issue)


def test_issue_rules(db: Database, unit_id: int) -> None:
    book = add_book(db, unit_id)
    serial = add_book(db, unit_id, "季刊", pub_type=PublicationType.SERIAL)
    with db.session() as session:
        with pytest.raises(ValidationError, match="連續性出版品"):
            add_issue(session, book, IssueData("1", "1", 2026, 1))
        with pytest.raises(ValidationError) as info:
            add_issue(session, serial, IssueData("", "", 2026, 13))
        assert {p.field for p in info.value.problems} == {"volume", "number", "month"}
        first = add_issue(session, serial, IssueData("1", "1", 2026, 1))
        with pytest.raises(ValidationError, match="已經存在"):
            add_issue(session, serial, IssueData("1", "1", 2026, 2))
        with pytest.raises(ValidationError, match="篇名"):
            set_articles(session, first, [ArticleData(" ")],
                         expected_version=issue_version(session, first))
        with pytest.raises(ValidationError, match="結束頁碼"):
            set_articles(session, first, [ArticleData("篇", "", "20", "3")],
                         expected_version=issue_version(session, first))
