"""連續性出版品 — issues (卷/期, year-month) of a serial and the articles in each issue."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, ValidationError
from app.models import Article, PublicationType, SerialIssue
from app.services.guard import check_version, touch
from app.services.publications import load_publication
from app.text_rules import control_character_problems


@dataclass(frozen=True)
class IssueData:
    """One issue: 卷 and 期 as printed (may be 特刊), year-month (AD year, shown in ROC)."""

    volume: str
    number: str
    year: int
    month: int
    title: str = ""


@dataclass(frozen=True)
class ArticleData:
    """One article: 篇名, authors, printed page range."""

    title: str
    authors: str = ""
    page_start: str = ""
    page_end: str = ""


def _validate_issue(data: IssueData) -> IssueData:
    clean = IssueData(data.volume.strip(), data.number.strip(), data.year, data.month,
                      data.title.strip())
    problems = []
    if not clean.volume:
        problems.append(("volume", "請填寫卷次。"))
    if not clean.number:
        problems.append(("number", "請填寫期次。"))
    if not 1 <= clean.month <= 12:
        problems.append(("month", "月份必須在 1 到 12 之間。"))
    if not 1912 <= clean.year <= 2200:
        problems.append(("year", f"出版年 {clean.year} 不合理。"))
    if problems:
        from app.errors import FieldProblem

        raise ValidationError([FieldProblem(f, m) for f, m in problems])
    return clean


def load_issue(session: Session, issue_id: int) -> SerialIssue:
    """The issue, or NotFoundError."""
    issue = session.get(SerialIssue, issue_id)
    if issue is None:
        raise NotFoundError(f"找不到編號 {issue_id} 的期別，可能已被刪除。")
    return issue


def _check_unique(session: Session, publication_id: int, data: IssueData,
                  except_id: int | None = None) -> None:
    clash = session.scalar(select(SerialIssue.id).where(
        SerialIssue.publication_id == publication_id, SerialIssue.volume == data.volume,
        SerialIssue.number == data.number))
    if clash is not None and clash != except_id:
        raise ValidationError.single("number", f"{data.volume}卷{data.number}期已經存在。")


def add_issue(session: Session, publication_id: int, data: IssueData) -> int:
    """Add an issue to a serial; returns its id."""
    pub = load_publication(session, publication_id)
    if pub.pub_type is not PublicationType.SERIAL:
        raise ValidationError.single("pub_type", "只有連續性出版品可以新增期別。")
    clean = _validate_issue(data)
    _check_unique(session, publication_id, clean)
    issue = SerialIssue(volume=clean.volume, number=clean.number, year=clean.year,
                        month=clean.month, title=clean.title)
    pub.issues.append(issue)
    session.flush()
    return issue.id


def issue_version(session: Session, issue_id: int) -> int:
    """The version to pass back to `update_issue` / `set_articles`."""
    return load_issue(session, issue_id).row_version


def update_issue(session: Session, issue_id: int, data: IssueData, *,
                 expected_version: int) -> None:
    """Change an issue's numbering or date (refused if saved elsewhere since `expected_version`)."""
    issue = load_issue(session, issue_id)
    check_version(issue, expected_version, f"第 {issue.number} 期")
    touch(issue)
    clean = _validate_issue(data)
    _check_unique(session, issue.publication_id, clean, except_id=issue_id)
    issue.volume, issue.number, issue.year = clean.volume, clean.number, clean.year
    issue.month, issue.title = clean.month, clean.title
    session.flush()


def delete_issue(session: Session, issue_id: int) -> None:
    """Delete an issue with its articles."""
    session.delete(load_issue(session, issue_id))
    session.flush()


def list_issues(session: Session, publication_id: int) -> list[tuple[int, IssueData]]:
    """(id, data) of every issue, in order of entry."""
    pub = load_publication(session, publication_id)
    return [(i.id, IssueData(i.volume, i.number, i.year, i.month, i.title)) for i in pub.issues]


def _validate_article(data: ArticleData) -> ArticleData:
    clean = ArticleData(data.title.strip(), data.authors.strip(), data.page_start.strip(),
                        data.page_end.strip())
    if not clean.title:
        raise ValidationError.single("title", "請填寫篇名。")
    problems = control_character_problems(clean, {"title": "篇名", "authors": "作者"})
    if problems:
        raise ValidationError(problems)
    if clean.page_start.isdigit() and clean.page_end.isdigit() and \
            int(clean.page_end) < int(clean.page_start):
        raise ValidationError.single("page_end", "結束頁碼不能小於起始頁碼。")
    return clean


def set_articles(session: Session, issue_id: int, articles: list[ArticleData], *,
                 expected_version: int) -> int:
    """Replace an issue's article list (in order); unchanged rows are kept. Returns the issue's
    new version (refused if saved elsewhere since `expected_version`)."""
    issue = load_issue(session, issue_id)
    check_version(issue, expected_version, f"第 {issue.number} 期")
    touch(issue)
    cleaned = [_validate_article(a) for a in articles]
    existing = list(issue.articles)
    for position, data in enumerate(cleaned, start=1):
        if position <= len(existing):
            row = existing[position - 1]
        else:
            row = Article(position=position, title=data.title)
            issue.articles.append(row)
        row.position, row.title, row.authors = position, data.title, data.authors
        row.page_start, row.page_end = data.page_start, data.page_end
    for row in existing[len(cleaned):]:
        issue.articles.remove(row)
    session.flush()
    return issue.row_version


def list_articles(session: Session, issue_id: int) -> list[ArticleData]:
    """The articles of an issue, in order."""
    return [ArticleData(a.title, a.authors, a.page_start, a.page_end)
            for a in load_issue(session, issue_id).articles]
