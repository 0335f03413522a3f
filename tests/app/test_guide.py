"""The built-in user guide: a section for every page in both languages, each citing its rules."""

from __future__ import annotations

import re

import pytest

from app.guide import load_guide, parse_guide, search, section_for

PAGES = ("agenda", "publications", "numbering", "deposit", "consignment", "consent",
         "checks", "packages", "viewer", "settings")
"""ui.mainwindow.PAGE_KEYS (the core does not import ui; tests/ui checks the two agree)."""
RULE = re.compile(r"§\d|附件[一二三]|NCL")


@pytest.mark.parametrize("language", ["zh_TW", "en"])
def test_every_page_has_a_section(language: str) -> None:
    sections = load_guide(language)
    assert [s.page for s in sections] == ["overview", *PAGES]
    assert all(len(s.body) > 80 for s in sections)


@pytest.mark.parametrize("language", ["zh_TW", "en"])
@pytest.mark.parametrize("page", ["agenda", "publications", "numbering", "deposit",
                                  "consignment", "consent", "checks", "packages"])
def test_workflow_sections_cite_their_rules(language: str, page: str) -> None:
    assert RULE.search(section_for(load_guide(language), page).body)


def test_english_guide_is_english() -> None:
    for section in load_guide("en"):
        assert section.title.isascii()
        # Chinese appears only as quoted names of rules, forms and file names
        prose = re.sub(r"「[^」]*」|發文字號|(§\d+|附件|NCL)[\s一二三四五註()\d/–]*", "",
                       section.body)
        assert not re.search(r"[\u4e00-\u9fff]", prose), section.page


def test_search_ranks_and_filters() -> None:
    sections = load_guide("zh_TW")
    assert search(sections, "CIP")[0].page == "numbering"
    assert search(sections, "40%")[0].page == "consignment"
    assert search(sections, "寄存 回執")[0].page == "deposit"
    assert search(sections, "沒有這個字串") == []
    assert len(search(sections, "   ")) == len(sections)


def test_unknown_page_opens_the_overview() -> None:
    assert section_for(load_guide("en"), "nowhere").page == "overview"


def test_parse_keeps_text_between_sections() -> None:
    text = "## A\n<!-- page: one -->\nfirst\n\n## B\n<!-- page: two -->\nsecond\n"
    first, second = parse_guide(text)
    assert (first.page, first.title, first.body) == ("one", "A", "first")
    assert second.markdown == "## B\n\nsecond"


def test_unknown_language_falls_back_to_chinese() -> None:
    assert load_guide("fr")[0].title == load_guide("zh_TW")[0].title
