"""OS errors said by their meaning (issue 28, item 11): every error number we know becomes a
Chinese sentence naming the file, with English from the catalogue, and never the system's own
English text; real failures reach the officer that way through the code that meets them."""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import messages
from app.language import cjk, set_language, shown
from app.os_errors import sentence

PATH = Path("D:/公文/115年/出版品清單.xlsx")

ERRNOS = {
    errno.ENOENT: messages.OS_NOT_FOUND,
    errno.EACCES: messages.OS_NO_PERMISSION,
    errno.EPERM: messages.OS_NO_PERMISSION,
    errno.EROFS: messages.OS_READ_ONLY,
    errno.ENOSPC: messages.OS_DISK_FULL,
    errno.EDQUOT: messages.OS_QUOTA,
    errno.EISDIR: messages.OS_IS_FOLDER,
    errno.ENOTDIR: messages.OS_NOT_FOLDER,
    errno.ENAMETOOLONG: messages.OS_NAME_TOO_LONG,
    errno.EEXIST: messages.OS_EXISTS,
    errno.EBUSY: messages.OS_BUSY,
    errno.EIO: messages.OS_IO,
    errno.ENETUNREACH: messages.OS_NETWORK,
    errno.ETIMEDOUT: messages.OS_NETWORK,
    errno.EMFILE: messages.OS_TOO_MANY_FILES,
}

WINERRORS = {
    5: messages.OS_DENIED_OR_IN_USE,  # ERROR_ACCESS_DENIED
    32: messages.OS_IN_USE,  # ERROR_SHARING_VIOLATION
    33: messages.OS_IN_USE,  # ERROR_LOCK_VIOLATION
    19: messages.OS_READ_ONLY,  # ERROR_WRITE_PROTECT
    112: messages.OS_DISK_FULL,  # ERROR_DISK_FULL
    206: messages.OS_NAME_TOO_LONG,  # ERROR_FILENAME_EXCED_RANGE
    53: messages.OS_NETWORK,  # ERROR_BAD_NETPATH
    67: messages.OS_NETWORK,  # ERROR_BAD_NET_NAME
    123: messages.OS_INVALID_NAME,  # ERROR_INVALID_NAME
}
# What Python makes of each Windows code (PC/errmap.h): the errno alone would mislead.
WINERROR_ERRNO = {5: errno.EACCES, 32: errno.EACCES, 33: errno.EACCES, 19: errno.EACCES,
                  112: errno.ENOSPC, 206: errno.ENOENT, 53: errno.ENOENT, 67: errno.ENOENT,
                  123: errno.EINVAL, 1392: errno.EINVAL}
WINDOWS_TEXT = {  # FormatMessage's English, which Windows puts in strerror
    5: "Access is denied",
    32: "The process cannot access the file because it is being used by another process",
    33: "The process cannot access the file because another process has locked a portion "
        "of the file",
    19: "The media is write protected",
    112: "There is not enough space on the disk",
    206: "The filename or extension is too long",
    53: "The network path was not found",
    67: "The network name cannot be found",
    123: "The filename, directory name, or volume label syntax is incorrect",
    1392: "The file or directory is corrupted and unreadable",
}


def english_words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-z]{3,}", text)}


def windows_error(code: int, path: Path) -> OSError:
    """An OSError as Windows raises it (the `winerror` attribute exists there only)."""
    exc = OSError(WINERROR_ERRNO[code], WINDOWS_TEXT[code], str(path))
    exc.winerror = code  # type: ignore[misc]
    return exc


@pytest.fixture
def in_english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh_TW")


def assert_said_well(said: str, exc: OSError, path: Path) -> None:
    assert str(path) in said
    assert cjk().search(said)
    assert not english_words(said) & english_words(exc.strerror or ""), said


@pytest.mark.parametrize("code", sorted(ERRNOS), ids=errno.errorcode.get)
def test_each_errno_is_a_sentence_naming_the_file(code: int) -> None:
    exc = OSError(code, os.strerror(code), str(PATH))
    said = sentence(exc, PATH)
    assert said == ERRNOS[code].format(path=PATH)
    assert_said_well(said, exc, PATH)


@pytest.mark.parametrize("code", sorted(WINERRORS))
def test_windows_codes_are_read_before_the_errno_python_made_of_them(code: int) -> None:
    exc = windows_error(code, PATH)
    said = sentence(exc)
    assert said == WINERRORS[code].format(path=PATH)
    assert_said_well(said, exc, PATH)
    if code in (32, 33):
        assert "另一個程式" in said
        assert "請關閉" in said


def test_on_windows_a_bare_eacces_may_be_a_file_open_elsewhere(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """open() reports Word's hold on a file as EACCES with no Windows code."""
    monkeypatch.setattr(sys, "platform", "win32")
    exc = PermissionError(errno.EACCES, "Permission denied", str(PATH))
    assert sentence(exc) == messages.OS_DENIED_OR_IN_USE.format(path=PATH)
    assert sentence(OSError(errno.EINVAL, "Invalid argument", "a:b")) == \
        messages.OS_INVALID_NAME.format(path="a:b")


def test_an_error_without_words_still_names_the_file_and_gives_its_number() -> None:
    exc = OSError(errno.EPROTO, os.strerror(errno.EPROTO), str(PATH))
    said = sentence(exc, PATH)
    assert_said_well(said, exc, PATH)
    assert f"（錯誤代碼 {errno.EPROTO}）" in said
    unknown_windows = windows_error(1392, PATH)  # ERROR_FILE_CORRUPT
    said = sentence(unknown_windows)
    assert_said_well(said, unknown_windows, PATH)
    assert "（錯誤代碼 Windows 1392）" in said
    assert sentence(OSError("no number at all"), PATH) == \
        messages.OS_FAILED_NO_CODE.format(path=PATH)


def test_the_file_is_the_one_given_else_the_errors_own() -> None:
    exc = FileNotFoundError(errno.ENOENT, "No such file or directory", "/a/b.pdf")
    assert "「/a/b.pdf」" in sentence(exc)
    assert "「C:/c.pdf」" in sentence(exc, "C:/c.pdf")
    assert messages.OS_UNNAMED_FILE in sentence(OSError(errno.EIO, "I/O error"))


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize("template", sorted({*ERRNOS.values(), *WINERRORS.values(),
                                             messages.OS_BLOCKED}), ids=lambda t: t[:12])
def test_every_sentence_has_english(template: str) -> None:
    said = shown(template.format(path=PATH))
    assert str(PATH) in said
    assert not cjk().search(said.replace(str(PATH), "")), said


@pytest.mark.usefixtures("in_english")
def test_english_of_the_fallbacks() -> None:
    assert shown(sentence(OSError(errno.EPROTO, "Protocol error"))) == \
        f"“an unnamed file” cannot be used (error code {errno.EPROTO}). Check the file's " \
        "location and permissions and try again; if it keeps happening, tell IT the error code."


# --- real failures, through the code that meets them --------------------------------------------


def test_a_document_written_over_a_folder_is_refused_in_words(tmp_path: Path) -> None:
    from app.documents.docx_writer import write_letter_docx
    from app.errors import PubDeskError
    from tests.app.test_documents import sample_letter

    folder = tmp_path / "函.docx"
    folder.mkdir()
    with pytest.raises(PubDeskError) as info:
        write_letter_docx(sample_letter(), folder)
    # Linux: os.replace onto a folder is EISDIR; Windows says ERROR_ACCESS_DENIED.
    expected = messages.OS_DENIED_OR_IN_USE if sys.platform == "win32" else messages.OS_IS_FOLDER
    assert info.value.message == expected.format(path=folder)
    assert not list(tmp_path.rglob("*.partial"))


def test_a_package_whose_source_vanished_names_it(tmp_path: Path) -> None:
    from app.errors import PubDeskError
    from app.packages.builder import PackageBuilder

    with PackageBuilder(tmp_path / "送交包", "deposit") as builder, \
            pytest.raises(PubDeskError, match="消失") as info:
        builder.add_file(tmp_path / "不在.pdf", "a.pdf", "內文")
    assert str(tmp_path / "不在.pdf") in info.value.message
    with PackageBuilder(tmp_path / "送交包", "deposit") as builder, \
            pytest.raises(PubDeskError) as info:
        builder.add_file(tmp_path, "a.pdf", "內文")  # a folder where a file should be
    assert info.value.message.startswith(messages.OS_IS_FOLDER.format(path=tmp_path)) or \
        sys.platform == "win32"
    assert info.value.message.endswith("送交包未建立。")


def test_settings_that_cannot_be_saved_say_why(tmp_path: Path) -> None:
    from app.errors import PubDeskError
    from app.settings import Settings, save_settings

    (tmp_path / "settings.json").mkdir()
    with pytest.raises(PubDeskError) as info:
        save_settings(Settings(), tmp_path / "settings.json")
    expected = messages.OS_DENIED_OR_IN_USE if sys.platform == "win32" else messages.OS_IS_FOLDER
    assert info.value.message == expected.format(path=tmp_path / "settings.json")
    assert not (tmp_path / "settings.json.partial").exists()
