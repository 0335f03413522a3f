"""The built-in user guide: Markdown files in resources/guide, one section per page.

A section starts with `## Title` followed by `<!-- page: key -->` (the page's key, as in the
main window; `overview` for the introduction). People edit the Markdown; the app shows one
section at a time, opens the current page's with F1 and searches the whole guide."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.resources import resource_path

_SECTION = re.compile(r"^## (?P<title>.+)\n<!-- page: (?P<page>[a-z_]+) -->\n", re.MULTILINE)


@dataclass(frozen=True)
class GuideSection:
    """One page's part of the guide."""

    page: str
    title: str
    body: str

    @property
    def markdown(self) -> str:
        """The section with its heading, ready for a Markdown viewer."""
        return f"## {self.title}\n\n{self.body}"


def parse_guide(text: str) -> list[GuideSection]:
    """The sections of a guide file, in order."""
    marks = list(_SECTION.finditer(text))
    return [GuideSection(mark.group("page"), mark.group("title").strip(),
                         text[mark.end():marks[i + 1].start() if i + 1 < len(marks)
                              else len(text)].strip())
            for i, mark in enumerate(marks)]


def load_guide(language: str) -> list[GuideSection]:
    """The guide in `language` ("zh_TW" or "en"), falling back to Traditional Chinese."""
    path = resource_path("guide", f"guide_{language}.md")
    if not path.exists():
        path = resource_path("guide", "guide_zh_TW.md")
    return parse_guide(path.read_text(encoding="utf-8"))


def section_for(sections: list[GuideSection], page: str) -> GuideSection:
    """The section of `page`, or the overview when the page has none."""
    return next((s for s in sections if s.page == page), sections[0])


def search(sections: list[GuideSection], query: str) -> list[GuideSection]:
    """Sections containing every word of `query` (case-insensitive), most mentions first."""
    words = [w.casefold() for w in query.split()]
    if not words:
        return list(sections)
    scored = []
    for order, section in enumerate(sections):
        text = f"{section.title}\n{section.body}".casefold()
        if all(word in text for word in words):
            scored.append((-sum(text.count(w) for w in words), order, section))
    return [section for _score, _order, section in sorted(scored, key=lambda t: t[:2])]
