from pathlib import Path

import pytest
from pikepdf import Array, Dictionary, Name, String

from app.pdfcheck import Profile, Status, check_pdf
from tests.pdf_factory import Builder, xobjects


def placements(path: Path, profile: Profile = Profile.PRINT) -> tuple[Status, list[dict], float]:
    result = check_pdf(path, profile).checks["image_resolution"]
    return result.status, result.evidence["images"], result.evidence["min_ppi"]


def single(tmp_path: Path, content: bytes, image_size: int = 1200, **image: object) -> Path:
    builder = Builder()
    builder.page(content, xobjects(Im=builder.image(image_size, image_size, **image)))
    return builder.save(tmp_path / "i.pdf")


@pytest.mark.parametrize(("content", "ppi"), [
    (b"q 144 0 0 144 100 100 cm /Im Do Q", 600),
    (b"q 2 0 0 2 0 0 cm q 72 0 0 72 50 50 cm /Im Do Q Q", 600),
    (b"q 0 144 -144 0 300 300 cm /Im Do Q", 600),             # rotated 90 degrees
    (b"q 101.82 101.82 -101.82 101.82 300 300 cm /Im Do Q", 600),  # rotated 45 degrees
    (b"q 144 0 72 144 0 0 cm /Im Do Q", 536.7),               # sheared: y axis is longer
    (b"q 288 0 0 288 0 0 cm /Im Do Q", 300),
])
def test_effective_ppi_under_the_ctm(tmp_path: Path, content: bytes, ppi: float) -> None:
    _status, images, minimum = placements(single(tmp_path, content))
    assert minimum == pytest.approx(ppi, abs=0.2)
    assert images[0]["width_px"] == 1200


def test_q_restores_the_matrix(tmp_path: Path) -> None:
    path = single(tmp_path, b"q 10 0 0 10 0 0 cm Q q 144 0 0 144 0 0 cm /Im Do Q")
    assert placements(path)[2] == pytest.approx(600)


def test_a_real_600_dpi_scan_measuring_599_9_passes(tmp_path: Path) -> None:
    path = single(tmp_path, b"q 144.024 0 0 144.024 0 0 cm /Im Do Q")
    status, _images, minimum = placements(path)
    assert minimum == pytest.approx(599.9, abs=0.05)
    assert status is Status.PASS


def test_the_same_image_at_two_sizes_counts_the_lowest(tmp_path: Path) -> None:
    path = single(tmp_path, b"q 144 0 0 144 0 0 cm /Im Do Q q 288 0 0 288 0 300 cm /Im Do Q")
    status, images, minimum = placements(path)
    assert status is Status.FAIL
    assert len(images) == 2
    assert minimum == pytest.approx(300)


def test_form_matrix_and_inline_images(tmp_path: Path) -> None:
    builder = Builder()
    inline = (b"q 72 0 0 72 0 0 cm BI /W 100 /H 100 /BPC 8 /CS /G ID \x00\x00 EI Q")
    form = builder.form(b"q 144 0 0 144 0 0 cm /Im Do Q",
                        xobjects(Im=builder.image(1200, 1200)), matrix=[0.5, 0, 0, 0.5, 0, 0])
    builder.page(inline + b" /Fm Do", xobjects(Fm=form))
    status, images, _minimum = placements(builder.save(tmp_path / "fi.pdf"))
    by_kind = {image["inline"]: image for image in images}
    assert by_kind[True]["x_ppi"] == pytest.approx(100)
    assert by_kind[True]["colour_space"] == "DeviceGray"
    assert by_kind[False]["x_ppi"] == pytest.approx(1200), "form /Matrix halves the size"
    assert status is Status.FAIL


def test_image_inside_a_tiling_pattern(tmp_path: Path) -> None:
    builder = Builder()
    pattern = builder.stream(b"q 144 0 0 144 0 0 cm /Im Do Q", Type=Name.Pattern,
                             PatternType=1, PaintType=1, TilingType=1,
                             BBox=Array([0, 0, 144, 144]), XStep=144, YStep=144,
                             Matrix=Array([2, 0, 0, 2, 0, 0]),
                             Resources=xobjects(Im=builder.image(1200, 1200)))
    builder.page(b"/Pattern cs /P1 scn 0 0 612 792 re f",
                 Dictionary(Pattern=Dictionary(P1=pattern)))
    _status, images, minimum = placements(builder.save(tmp_path / "p.pdf"))
    assert images[0]["where"].startswith("拼貼圖樣")
    assert minimum == pytest.approx(300), "the pattern matrix doubles the size"


def test_scan_profile_rules(tmp_path: Path) -> None:
    def scan(**image: object) -> Status:
        return placements(single(tmp_path, b"q 288 0 0 288 0 0 cm /Im Do Q", **image),
                          Profile.SCAN)[0]

    assert scan(colour=Name.DeviceRGB) is Status.PASS          # colour at 300
    assert scan(colour=Name.DeviceGray) is Status.FAIL         # greyscale needs 600
    assert scan(mask=True) is Status.FAIL                      # bitonal needs 600


def colours(path: Path, profile: Profile = Profile.PRINT) -> tuple[Status, dict]:
    result = check_pdf(path, profile).checks["colour_space"]
    return result.status, result.evidence


def test_rgb_operators_fail_print_with_page_and_what(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"0 0 0 1 k 0 0 10 10 re f")
    builder.page(b"1 0 0 rg 0 0 10 10 re f")
    status, evidence = colours(builder.save(tmp_path / "c.pdf"))
    assert status is Status.FAIL
    assert evidence["non_cmyk"] == [{"space": "DeviceRGB", "page": 2,
                                     "what": "頁面內容：填色（rg）", "status": "fail"}]
    assert {u["label"] for u in evidence["used"]} == {"DeviceCMYK", "DeviceRGB"}


def test_cmyk_only_passes(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"0 0 0 1 k 0 0 0 1 K q 144 0 0 144 0 0 cm /Im Do Q",
                 xobjects(Im=builder.image(1200, 1200)))
    assert colours(builder.save(tmp_path / "k.pdf"))[0] is Status.PASS


def icc(builder: Builder, n: int) -> Array:
    return Array([Name.ICCBased, builder.stream(b"\x00", N=n)])


def test_icc_n3_fails_and_n4_passes(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"q 144 0 0 144 0 0 cm /Im Do Q", xobjects(Im=builder.image(
        1200, 1200, colour=icc(builder, 3))))
    status, evidence = colours(builder.save(tmp_path / "n3.pdf"))
    assert status is Status.FAIL
    assert evidence["used"][0]["label"] == "ICCBased(N=3)"
    builder = Builder()
    builder.page(b"/CS0 cs 0 0 0 1 scn 0 0 5 5 re f",
                 Dictionary(ColorSpace=Dictionary(CS0=icc(builder, 4))))
    status, evidence = colours(builder.save(tmp_path / "n4.pdf"))
    assert status is Status.PASS
    assert evidence["used"][0]["label"] == "ICCBased(N=4)"


def test_indexed_adds_its_base(tmp_path: Path) -> None:
    builder = Builder()
    indexed = Array([Name.Indexed, Name.DeviceRGB, 1, b"\x00\x00\x00\xff\xff\xff"])
    builder.page(b"q 144 0 0 144 0 0 cm /Im Do Q",
                 xobjects(Im=builder.image(1200, 1200, colour=indexed)))
    status, evidence = colours(builder.save(tmp_path / "ix.pdf"))
    assert status is Status.FAIL
    assert evidence["used"][0]["families"] == ["Indexed", "DeviceRGB"]


def test_separation_is_a_spot_colour_warning(tmp_path: Path) -> None:
    builder = Builder()
    tint = builder.stream(b"{0 0 0}", FunctionType=4, Domain=Array([0, 1]),
                          Range=Array([0, 1, 0, 1, 0, 1, 0, 1]))
    spot = Array([Name.Separation, Name("/PANTONE 185 C"), Name.DeviceCMYK, tint])
    builder.page(b"/Spot cs 1 scn 0 0 5 5 re f",
                 Dictionary(ColorSpace=Dictionary(Spot=spot)))
    status, evidence = colours(builder.save(tmp_path / "sep.pdf"))
    assert status is Status.WARN
    assert evidence["used"][0]["label"] == "Separation(PANTONE 185 C)"


def test_stencil_mask_paints_in_the_fill_colour(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"0 0 1 rg q 576 0 0 576 0 0 cm /M Do Q",
                 xobjects(M=builder.image(4800, 4800, mask=True)))
    status, evidence = colours(builder.save(tmp_path / "mask.pdf"))
    assert status is Status.FAIL
    assert any(o["what"].endswith("遮罩影像（以填色繪製）") for o in evidence["non_cmyk"])


def test_scan_profile_accepts_rgb(tmp_path: Path) -> None:
    builder = Builder()
    builder.page(b"q 288 0 0 288 0 0 cm /Im Do Q",
                 xobjects(Im=builder.image(1200, 1200, colour=Name.DeviceRGB)))
    assert colours(builder.save(tmp_path / "s.pdf"), Profile.SCAN)[0] is Status.PASS


def test_forms_fanned_out_a_billion_times_are_walked_once_per_scale(tmp_path: Path) -> None:
    """Issue 17 (2): 32 placements per form, 6 levels deep — about a billion placements —
    were each walked; the file now gets its verdicts at once, the image's ppi included."""
    import time

    builder = Builder()
    image = builder.image(300, 300)
    inner = builder.form(b"q 100 0 0 100 0 0 cm /Im Do Q",
                         Dictionary(XObject=Dictionary(Im=image)))
    for _level in range(6):
        content = b"".join(b"q 1 0 0 1 %d 0 cm /F Do Q " % (i * 3) for i in range(32))
        inner = builder.form(content, Dictionary(XObject=Dictionary(F=inner)))
    builder.page(b"/Top Do", Dictionary(XObject=Dictionary(Top=inner)))
    path = builder.save(tmp_path / "fan-out.pdf")
    started = time.monotonic()
    report = check_pdf(path)
    assert time.monotonic() - started < 20
    result = report.checks["image_resolution"]
    assert result.evidence["min_ppi"] == pytest.approx(216, rel=0.01)


def test_circular_forms_and_deep_nesting_are_told_apart(tmp_path: Path) -> None:
    builder = Builder()
    first = builder.form(b"/B Do")
    second = builder.form(b"/A Do", Dictionary(XObject=Dictionary(A=first)))
    first.Resources = Dictionary(XObject=Dictionary(B=second))
    builder.page(b"/A Do", Dictionary(XObject=Dictionary(A=first)))
    looped = check_pdf(builder.save(tmp_path / "loop.pdf"))
    assert any("循環引用" in note for note in looped.notes)
    builder = Builder()
    form = builder.form(b"")
    for _ in range(30):
        form = builder.form(b"/X Do", Dictionary(XObject=Dictionary(X=form)))
    builder.page(b"/X Do", Dictionary(XObject=Dictionary(X=form)))
    deep = check_pdf(builder.save(tmp_path / "deep.pdf"))
    assert any("巢狀超過" in note for note in deep.notes)
    assert not any("循環引用" in note for note in deep.notes)


def test_images_inside_a_soft_mask_are_walked(tmp_path: Path) -> None:
    """Issue 17 (7): images in a soft mask's group (`gs` with /SMask) were never seen."""
    builder = Builder()
    low = builder.image(50, 50)
    group = builder.form(b"q 500 0 0 500 0 0 cm /Low Do Q",
                         Dictionary(XObject=Dictionary(Low=low)))
    state = Dictionary(Type=Name.ExtGState, SMask=Dictionary(S=Name.Luminosity, G=group))
    builder.page(b"/Mask gs 0 0 1 rg 0 0 100 100 re f",
                 Dictionary(ExtGState=Dictionary(Mask=state)))
    result = check_pdf(builder.save(tmp_path / "smask.pdf")).checks["image_resolution"]
    assert result.evidence["min_ppi"] == pytest.approx(7.2, rel=0.01)
    assert result.status is Status.FAIL


def test_a_layer_hidden_by_default_is_reported_apart_not_judged(tmp_path: Path) -> None:
    """Issue 17 (7): a hidden layer (optional content, off by default) was judged as printed."""
    builder = Builder()
    draft = builder.pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("草稿")))
    builder.pdf.Root.OCProperties = Dictionary(
        OCGs=Array([draft]), D=Dictionary(OFF=Array([draft])))
    low = builder.image(50, 50, colour=Name.DeviceRGB)
    builder.page(b"/OC /Draft BDC q 500 0 0 500 0 0 cm /Low Do Q EMC",
                 Dictionary(XObject=Dictionary(Low=low), Properties=Dictionary(Draft=draft)))
    report = check_pdf(builder.save(tmp_path / "hidden.pdf"))
    assert report.checks["image_resolution"].status is Status.PASS
    assert report.checks["colour_space"].status is Status.PASS
    assert any("預設隱藏的圖層" in note for note in report.notes)
    builder.pdf.Root.OCProperties.D = Dictionary(OFF=Array([]))
    shown = check_pdf(builder.save(tmp_path / "shown.pdf"))
    assert shown.checks["image_resolution"].status is Status.FAIL


@pytest.mark.parametrize(("scale", "expected"), [(b"144", Status.PASS), (b"288", Status.FAIL)])
def test_jbig2_images_are_judged_from_their_dictionary(tmp_path: Path, scale: bytes,
                                                       expected: Status) -> None:
    """A JBIG2 scan (bitonal, 1 bit) is measured from /Width and /Height — nothing is decoded,
    so no JBIG2 decoder is needed — and judged by the bitonal rule (600 ppi)."""
    builder = Builder()
    image = builder.image(1200, 1200, colour=Name.DeviceGray, bits=1)
    image.Filter = Name.JBIG2Decode
    image.DecodeParms = Dictionary(JBIG2Globals=builder.stream(b"\x00\x01"))
    image.write(b"\x97\x4a\x42\x32\x0d\x0a\x1a\x0a garbage, never decoded",
                filter=Name.JBIG2Decode)
    builder.page(b"q " + scale + b" 0 0 " + scale + b" 0 0 cm /Im Do Q", xobjects(Im=image))
    status, images, minimum = placements(builder.save(tmp_path / "jbig2.pdf"), Profile.SCAN)
    assert status is expected
    assert images[0]["width_px"] == 1200
    assert minimum == pytest.approx(600 if scale == b"144" else 300)
