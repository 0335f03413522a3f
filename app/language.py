"""The officer's language for what the core says on screen: names of things, messages, dates.

The documents PubDesk writes stay in Chinese whatever the setting — the rules prescribe their
wording — so document code never calls `t`. Core text is written in Traditional Chinese and
marked where it reaches the screen: `t("尚缺 {numbers}", numbers=…)` translates, then fills the
named placeholders; `LabelledEnum.shown` is its name in the officer's language.

Text the core writes for documents and the command line as well as for the screen — the
e-file checker's verdicts and evidence, the core's error messages — stays Chinese where it is
made (the check report in the 文化部 package is a document; the checker may run in a child
process). The screen shows it through `shown(text)`, which finds its template in the
catalogue: the modules in SCREEN_SOURCES have every Chinese literal and f-string taken as a
template (an f-string's fields become {0}, {1} …), and a finished message such as
「字型檔無法解碼（bad zlib）」 matches 「字型檔無法解碼（{0}）」 and takes its English.

English comes from `resources/translations/app_en.po` (msgid: the Chinese, msgstr: the
English), a file any PO editor (Poedit, Qt Linguist's cousin) opens. A test fails on a marked
text with no English, and on an entry nothing uses any more.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

from app.resources import resource_path

SOURCE_LANGUAGE = "zh_TW"
_chosen = {"language": SOURCE_LANGUAGE}
_writing_document: ContextVar[bool] = ContextVar("writing_document", default=False)


def set_language(code: str) -> None:
    """Choose the language (the UI calls this once at start, from Settings)."""
    _chosen["language"] = code if code in ("en", SOURCE_LANGUAGE) else SOURCE_LANGUAGE


def language() -> str:
    """The language chosen: "zh_TW" or "en" — Chinese while a document is written."""
    return SOURCE_LANGUAGE if _writing_document.get() else _chosen["language"]


@contextmanager
def writing_document() -> Iterator[None]:
    """Text made inside is for a document (a report sent with a package): Chinese, whatever
    the screen's language. Per thread and task (a context variable), so a document written
    in the background does not change what the window shows meanwhile."""
    token = _writing_document.set(True)
    try:
        yield
    finally:
        _writing_document.reset(token)


def catalogue_path(code: str = "en") -> Path:
    return resource_path("translations", f"app_{code}.po")


_ESCAPES = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\t": "\t"}


def _unquote(text: str) -> str:
    """A PO string literal's content (the escapes write_po makes: \\\\ \\" \\n \\t)."""
    body = text.strip()[1:-1]
    return re.sub(r'\\[\\"nt]', lambda m: _ESCAPES[m.group(0)], body)


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr of a PO file, read as PO editors write it (issue 32 item 2):

    - an entry marked `#, fuzzy` is left out — Poedit marks entries fuzzy when their source
      changed, exactly when the translation is no longer right;
    - an entry with a `msgctxt` belongs to that context, which `t()` does not ask for: left
      out, never glued onto its neighbour;
    - a plural entry (`msgid_plural`, `msgstr[n]`) gives its singular form, `msgstr[0]`;
    - multi-line strings are joined; an empty msgstr (untranslated) is left out."""
    entries: dict[str, str] = {}
    entry: dict[str, str] = {}
    flags: set[str] = set()
    field = ""

    def finish() -> None:
        source, target = entry.get("msgid", ""), entry.get("msgstr") or entry.get("msgstr[0]")
        if source and target and "fuzzy" not in flags and "msgctxt" not in entry:
            entries[source] = target

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:  # a blank line ends an entry (and the flags of an obsolete one)
            finish()
            entry, flags, field = {}, set(), ""
            continue
        if line.startswith("#"):
            if field in ("msgstr", "msgstr[0]") or field.startswith("msgstr["):
                finish()  # a comment after a complete entry starts the next one
                entry, flags, field = {}, set(), ""
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith('"'):
            if field:
                entry[field] = entry.get(field, "") + _unquote(line)
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and (field.startswith("msgstr")):
            finish()  # the next entry begins
            entry, flags = {}, set()
        if keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr") or \
                re.fullmatch(r"msgstr\[\d+\]", keyword):
            field = keyword
            entry[field] = _unquote(rest)
    finish()
    return entries


@lru_cache(maxsize=2)
def _catalogue(code: str) -> dict[str, str]:
    path = catalogue_path(code)
    return read_po(path) if path.exists() else {}


def t(text: str, /, **values: object) -> str:
    """`text` (Traditional Chinese) in the officer's language, placeholders filled."""
    if language() != SOURCE_LANGUAGE:
        english = _catalogue(language()).get(text, text)
        try:
            return english.format(**values) if values else english
        except (KeyError, IndexError, ValueError):  # a mistranslated entry: say it in Chinese
            pass
    return text.format(**values) if values else text


@lru_cache(maxsize=1)
def cjk() -> re.Pattern[str]:
    """Chinese characters and full-width punctuation (「」、：（）), compiled when first
    needed: 2 ms of every start otherwise, and Chinese text needs no translation."""
    return re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e\U00020000-\U0002ffff]")


SCREEN_SOURCES = ("pdfcheck", "messages.py", "intake", "errors.py", "services/history.py",
                  "services/efiles.py")
"""Modules (under app/) whose Chinese text all reaches the screen through `shown`."""


@lru_cache(maxsize=2)
def _templates(code: str) -> list[tuple[int, re.Pattern[str], str]]:
    """The catalogue's entries with placeholders, as patterns that recognise a finished text
    (longest first: the most specific template wins)."""
    patterns = []
    for source, target in _catalogue(code).items():
        parts = re.split(r"\{(\w*)(?:[:!][^}]*)?\}", source)
        if len(parts) == 1:
            continue
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<p{i // 2}>.*?)"
                        for i, part in enumerate(parts))
        names = [parts[i] or str(i // 2) for i in range(1, len(parts), 2)]
        # the English refers to fields by name or number; map them to our groups
        english = target
        for index, name in enumerate(names):
            english = english.replace("{" + name + "}", "{p" + str(index) + "}")
        literal = sum(len(part) for part in parts[::2])
        patterns.append((literal, re.compile(regex + r"\Z", re.DOTALL), english))
    patterns.sort(key=lambda item: -item[0])  # the most literal text: the most specific
    return patterns


def shown(text: str) -> str:
    """A finished core text in the officer's language (see the module's note): itself in
    Chinese; else its entry; else the template it matches best, its fields shown in turn;
    else, for several sentences, each sentence; else unchanged."""
    if language() == SOURCE_LANGUAGE or not text or not cjk().search(text):
        return text
    return _shown(language(), text, 0)


@lru_cache(maxsize=4096)
def _shown(code: str, text: str, depth: int) -> str:
    if not cjk().search(text) or depth > 3:
        return text
    catalogue = _catalogue(code)
    exact = catalogue.get(text)
    if exact is not None:
        return exact
    best, left = text, len(cjk().findall(text))
    tried = 0
    for literal, pattern, english in _templates(code):
        match = pattern.match(text)
        if not match:
            continue
        values = {name: _shown(code, value, depth + 1).replace("、", ", ")
                  for name, value in match.groupdict().items()}
        try:
            candidate = english.format(**values)
        except (KeyError, IndexError, ValueError):  # a catalogue entry with stray braces
            continue
        remaining = len(cjk().findall(candidate))
        if literal < 3 and remaining and values == match.groupdict():
            continue  # 「序（或部分內容）」 is not 「{0}（{1}）」 with nothing to translate
        if remaining < left:
            best, left = candidate, remaining
        tried += 1
        if left == 0 or tried == 4:  # generic templates ({0}：{1}) can split a text
            break  # several ways: the one that leaves the least Chinese wins
    if best != text:
        return best
    sentences = [part for part in re.split(r"(?<=[。；])", text) if part]
    if len(sentences) > 1:
        return " ".join(_shown(code, part, depth + 1) for part in sentences)
    if text[-1] in "。；":  # a sentence whose template has no full stop
        inner = _shown(code, text[:-1], depth + 1)
        if inner != text[:-1]:
            return inner + (";" if text[-1] == "；" else ".")
    return text


def listed(items: list[str]) -> str:
    """Items in a run: 甲、乙、丙, or A, B, C in English."""
    return (", " if language() == "en" else "、").join(items)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def shown_date(day: date | None) -> str:
    """A date as the officer reads it: 中華民國115年6月30日, or 30 June 2026 (AD) in English."""
    from app.rocdate import format_roc_date

    if day is None:
        return ""
    if language() == "en":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return format_roc_date(day)


def shown_time(moment: datetime) -> str:
    """A stored UTC time in local time: 中華民國115年11月30日 16:40, or 30 November 2026 16:40."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    return f"{shown_date(local.date())} {local:%H:%M}"


def shown_year_month(year: int | None, month: int | None) -> str:
    """A month of publication: 115年6月 (115年 with no month), or June 2026 in English;
    empty with no year."""
    from app.rocdate import format_roc_year_month, to_roc_year

    if not year:
        return ""
    if language() == "en":
        return f"{MONTHS[month - 1]} {year}" if month else str(year)
    return format_roc_year_month(year, month) if month else f"{to_roc_year(year)}年"


def write_po(entries: dict[str, str], path: Path) -> None:
    """Write msgid → msgstr as a PO file, sorted, UTF-8."""
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
             '"Language: en\\n"', ""]
    for source in sorted(entries):
        lines += [f"msgid {quoted(source)}", f"msgstr {quoted(entries[source])}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
