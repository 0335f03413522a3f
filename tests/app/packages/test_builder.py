import errno
import hashlib
import json
import unicodedata
import zipfile
from pathlib import Path

import pytest

from app.errors import PubDeskError
from app.packages.builder import PackageBuilder, PackageCancelled
from app.packages.names import safe_name, safe_relative


@pytest.mark.parametrize(("name", "expected"), [
    ("CON", "_CON"), ("con.txt", "_con.txt"), ("LPT1.pdf", "_LPT1.pdf"), ("Com9", "_Com9"),
    ("...", "_"), ("", "_"), ("  . ", "_"), ("報告. ", "報告"), ('a<b>c:d"e|f?g*h', "a_b_c_d_e_f_g_h"),
    ("CONSOLE.pdf", "CONSOLE.pdf"),
])
def test_safe_names(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_names_are_nfc_and_bounded() -> None:
    decomposed = unicodedata.normalize("NFD", "Café 臺灣.pdf")
    assert safe_name(decomposed) == unicodedata.normalize("NFC", "Café 臺灣.pdf")
    long = safe_name("字" * 300 + ".pdf")
    assert len(long) == 120
    assert long.endswith(".pdf")
    assert safe_relative("../a/./CON/b.pdf") == "a/_CON/b.pdf"
    with pytest.raises(PubDeskError, match="路徑太長"):
        safe_relative("/".join(["資料夾" * 30] * 4))


def source_files(tmp_path: Path, count: int = 3) -> list[Path]:
    files = []
    for index in range(count):
        path = tmp_path / "src" / f"第{index}章.pdf"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(bytes([index]) * (3_000_000 + index))
        files.append(path)
    return files


def test_folder_package_with_manifest(tmp_path: Path) -> None:
    files = source_files(tmp_path)
    target = tmp_path / "out" / "送交包"
    with PackageBuilder(target, "moc") as builder:
        for path in files:
            builder.add_file(path, f"書/{path.name}", "印製用PDF檔（內文）", "出版品 1")
        builder.add_bytes("備註".encode(), "說明.txt", "說明")
        builder.commit()
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kind"] == "moc"
    for entry in manifest["files"]:
        data = (target / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert len(data) == entry["size"]
    assert (target / "目錄.html").read_text(encoding="utf-8").count("<tr>") == 5
    assert [p.name for p in target.parent.iterdir()] == ["送交包"], "no temporary left"


def test_zip_keeps_chinese_names(tmp_path: Path) -> None:
    files = source_files(tmp_path, 1)
    with PackageBuilder(tmp_path / "送交包", "moc", as_zip=True) as builder:
        builder.add_file(files[0], "12卷3期/12卷3期_版權頁.pdf", "版權頁")
        target = builder.commit()
    assert target.suffix == ".zip"
    with zipfile.ZipFile(target) as archive:
        info = archive.getinfo("12卷3期/12卷3期_版權頁.pdf")
        assert info.flag_bits & 0x800, "UTF-8 name flag"
        assert archive.read(info) == files[0].read_bytes()
        # issue 26: a PDF is stored, not deflated again (print files are compressed already:
        # deflating them took 4.7× a folder copy and made the package larger); the
        # manifest and the index, text, are deflated
        assert info.compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("manifest.json").compress_type == zipfile.ZIP_DEFLATED
        assert archive.getinfo("目錄.html").compress_type == zipfile.ZIP_DEFLATED
        assert archive.testzip() is None


def test_a_zip_is_written_once_straight_from_the_sources(tmp_path: Path) -> None:
    """Issue 26: each source goes into the archive as it is added — no folder copy first
    (that second write made a ZIP 1.3× a folder package); the archive holds exactly the
    manifest's files, each with the manifest's hash."""
    files = source_files(tmp_path, 3)
    with PackageBuilder(tmp_path / "zipped", "moc", as_zip=True) as builder:
        for path in files:
            builder.add_file(path, f"電子檔/{path.name}", "x")
        assert not any(p.is_file() for p in builder.root.rglob("*")), "nothing in a folder"
        assert builder.packed(f"電子檔/{files[0].name}") is None
        target = builder.commit()
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for entry in manifest["files"]:
            assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
        assert sorted(archive.namelist()) == sorted(
            [f["path"] for f in manifest["files"]] + ["manifest.json", "目錄.html"])


def test_a_zip_source_rewritten_before_its_backup_refuses_the_package(tmp_path: Path) -> None:
    """A ZIP's e-files are kept from their sources (there is no folder copy): a source some
    program rewrote after it was packed differs from the package's hash, and nothing is
    built rather than a backup that is not what was sent."""
    from app.packages import backup

    files = source_files(tmp_path, 2)
    with PackageBuilder(tmp_path / "out" / "zipped", "moc", as_zip=True) as builder:
        names = {builder.add_file(path, path.name, "x"): path for path in files}
        files[1].write_bytes(b"rewritten by another program")
        with pytest.raises(PubDeskError, match="被其他程式改寫"):
            backup.keep_files(builder, names, tmp_path / "kept")
    assert not (tmp_path / "out" / "zipped.zip").exists()
    kept = tmp_path / "kept" / backup.EFILES
    assert [p.name for p in kept.iterdir()] == [
        f"{hashlib.sha256(files[0].read_bytes()).hexdigest()}{files[0].suffix}"]


def build_all(target: Path, files: list[Path], **options: object) -> Path:
    with PackageBuilder(target, "moc", **options) as builder:  # type: ignore[arg-type]
        for path in files:
            builder.add_file(path, path.name, "x")
        return builder.commit()


def leaves_nothing(tmp_path: Path) -> bool:
    out = tmp_path / "out"
    return not out.exists() or not any(out.iterdir())


def test_cancel_leaves_nothing(tmp_path: Path) -> None:
    files = source_files(tmp_path)
    calls = {"n": 0}

    def cancel_on_second() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(PackageCancelled):
        build_all(tmp_path / "out" / "p", files, cancelled=cancel_on_second)
    assert leaves_nothing(tmp_path)


@pytest.mark.parametrize("failure_at", ["copy", "manifest", "rename"])
def test_full_disk_at_several_points_leaves_nothing(tmp_path: Path, failure_at: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    files = source_files(tmp_path)
    full = OSError(errno.ENOSPC, "No space left on device")
    if failure_at == "copy":
        real_open = Path.open

        def failing_open(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            if "w" in mode and self.name == files[1].name:
                raise full
            return real_open(self, mode, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "open", failing_open)
    elif failure_at == "manifest":
        monkeypatch.setattr(Path, "write_text", lambda *_a, **_k: (_ for _ in ()).throw(full))
    else:
        monkeypatch.setattr("app.packages.builder.os.replace",
                            lambda *_a: (_ for _ in ()).throw(full))
    with pytest.raises(PubDeskError, match="磁碟空間不足"):
        build_all(tmp_path / "out" / "p", files)
    assert leaves_nothing(tmp_path)


def test_a_file_that_disappears_midway(tmp_path: Path) -> None:
    files = source_files(tmp_path)
    files[1].unlink()
    with pytest.raises(PubDeskError, match="消失"):
        build_all(tmp_path / "out" / "p", files)
    assert leaves_nothing(tmp_path)


def test_an_existing_target_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "out" / "p").mkdir(parents=True)
    with pytest.raises(PubDeskError, match="已經存在"):
        PackageBuilder(tmp_path / "out" / "p", "moc")


def test_leftovers_of_a_crash_are_cleared_on_the_next_export(tmp_path: Path) -> None:
    files = source_files(tmp_path, 1)
    stale = tmp_path / "out" / ".p.abc123.partial"
    (stale / "package").mkdir(parents=True)
    (stale / "package" / "half.pdf").write_bytes(b"half")
    build_all(tmp_path / "out" / "p", files)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["p"]


def test_names_that_collide_get_numbered_and_the_manifest_matches(tmp_path: Path) -> None:
    """「a:b」 and 「a?b」 both become 「a_b」, and Windows ignores case: no file may overwrite
    another, and a package whose files differ from its manifest is never built."""
    from app.errors import PubDeskError
    from app.packages.builder import PackageBuilder

    with PackageBuilder(tmp_path / "pkg", "moc") as builder:
        names = [builder.add_bytes(text.encode(), name, "test") for text, name in
                 (("1", "a:b/x.pdf"), ("2", "a?b/x.pdf"), ("3", "A_B/X.pdf"), ("4", "a_b/x.pdf"))]
        assert names == ["a_b/x.pdf", "a_b/x_2.pdf", "A_B/X_3.pdf", "a_b/x_4.pdf"]
        (builder.root / "a_b" / "x.pdf").write_bytes(b"overwritten later")
        with pytest.raises(PubDeskError, match="大小不符"):
            builder.commit()
    assert not (tmp_path / "pkg").exists()


def test_a_full_disk_while_a_zip_is_written_leaves_nothing(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The ZIP is written straight from the sources now: a disk that fills in the middle of
    an entry is said in words, and neither the archive nor its temporary folder stays."""
    import zipfile as zf

    files = source_files(tmp_path)
    real_open = zf.ZipFile.open
    calls = {"n": 0}

    def filling(self, name, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        handle = real_open(self, name, mode, *args, **kwargs)
        if mode == "w":
            calls["n"] += 1
            if calls["n"] == 2:
                def full(_data: bytes) -> int:
                    raise OSError(errno.ENOSPC, "No space left on device")
                handle.write = full  # type: ignore[method-assign]
        return handle

    monkeypatch.setattr(zf.ZipFile, "open", filling)
    with pytest.raises(PubDeskError, match="磁碟空間不足"):
        build_all(tmp_path / "out" / "p", files, as_zip=True)
    assert leaves_nothing(tmp_path)


def test_a_source_dated_before_1980_goes_into_a_zip(tmp_path: Path) -> None:
    """Review finding: ZIP dates start in 1980; a file dated 1970 stopped the package with a
    raw ValueError. It gets the nearest date ZIP can hold."""
    import os

    files = source_files(tmp_path, 1)
    os.utime(files[0], (0, 0))
    target = build_all(tmp_path / "out" / "p", files, as_zip=True)
    with zipfile.ZipFile(target) as archive:
        assert archive.getinfo(files[0].name).date_time[0] == 1980
