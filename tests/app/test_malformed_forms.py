"""Forms whose values have the wrong type (issue 28, item 10): of 4,302 public test PDFs only
qpdf's `form-bad-fields-array.pdf` (/Fields is the name /potato) left `active_content` at
「這項檢查無法完成」. Every such form must still be judged — active content found or not —
whatever /Fields, /Kids, /AcroForm or a field's /AA hold. The files are built here."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from app.pdfcheck import Status, check_pdf
from tests.pdf_factory import Builder

COULD_NOT = "這項檢查無法完成"
NULL_MARK = String("NULL-PLACEHOLDER")
"""An indirect object rewritten to `null` after saving (pikepdf cannot make an indirect null)."""


def js(code: str = "app.alert(1)") -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(code))


def widget(b: Builder, **entries: object) -> pikepdf.Object:
    return b.pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx,
                                          Rect=Array([0, 0, 10, 10]), **entries))


def save(b: Builder, path: Path) -> Path:
    """Save plainly; each NULL_MARK object becomes an indirect null (same length: the
    cross-reference offsets stay right)."""
    with warnings.catch_warnings():  # a widget outside /Fields is the point of some cases
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        b.save(path, compress_streams=False,
               object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = path.read_bytes()
    marked = b"(NULL-PLACEHOLDER)"
    path.write_bytes(data.replace(marked, b"null".ljust(len(marked))))
    return path


# --- what /Fields holds ---------------------------------------------------------------------

def fields_name(b: Builder) -> None:  # qpdf's form-bad-fields-array.pdf
    field = widget(b, T=String("Text Box 1"))
    b.page(b"", Annots=Array([field]))
    b.pdf.Root.AcroForm = Dictionary(Fields=Name("/potato"), Potatoes=Array([field]),
                                     NeedAppearances=True)


def fields_integer(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Dictionary(Fields=42)


def fields_string(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Dictionary(Fields=String("fields"))


def fields_null_reference(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Dictionary(Fields=b.pdf.make_indirect(NULL_MARK))


def fields_missing(b: Builder) -> None:
    b.page(b"", Annots=Array([widget(b, T=String("orphan"))]))
    b.pdf.Root.AcroForm = Dictionary(NeedAppearances=True)


def fields_dict_with_javascript(b: Builder) -> None:
    # one field where an array belongs: a reader that takes it as the one field runs its script
    b.page(b"")
    b.pdf.Root.AcroForm = Dictionary(Fields=Dictionary(
        FT=Name.Tx, T=String("alone"), AA=Dictionary(K=js("event.rc = true"))))


def fields_array_of_wrong_things(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Dictionary(Fields=Array(
        [1, Name("/x"), String("y"), Array([]), b.pdf.make_indirect(NULL_MARK),
         b.pdf.make_indirect(Dictionary(T=String("ok"), A=js()))]))


# --- what /Kids holds -----------------------------------------------------------------------

def kids_loop(b: Builder) -> None:
    b.page(b"")
    first = b.pdf.make_indirect(Dictionary(T=String("a")))
    second = b.pdf.make_indirect(Dictionary(T=String("b"), Kids=Array([first])))
    first.Kids = Array([second])
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([first]))


def kids_loop_with_javascript(b: Builder) -> None:
    kids_loop(b)
    b.pdf.Root.AcroForm.Fields[0].Kids[0].AA = Dictionary(Bl=js("this.print()"))


def kids_self(b: Builder) -> None:
    b.page(b"")
    field = b.pdf.make_indirect(Dictionary(T=String("me")))
    field.Kids = Array([field, field])
    field.Parent = field
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


def kids_not_an_array(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([
        b.pdf.make_indirect(Dictionary(T=String("int"), Kids=7)),
        b.pdf.make_indirect(Dictionary(T=String("name"), Kids=Name.Kids)),
        b.pdf.make_indirect(Dictionary(T=String("null"), Kids=b.pdf.make_indirect(NULL_MARK))),
    ]))


def kids_dict_with_javascript(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([b.pdf.make_indirect(Dictionary(
        T=String("parent"), Kids=Dictionary(T=String("kid"), A=js())))]))


# --- /AcroForm itself -----------------------------------------------------------------------

def acroform_array(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Array([Dictionary(Fields=Array([]))])


def acroform_integer(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = 0


def acroform_name(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Name.AcroForm


def acroform_null_reference(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = b.pdf.make_indirect(NULL_MARK)


def acroform_stream(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = b.stream(b"<< /Fields [] >>")


def acroform_xfa_wrong_types(b: Builder) -> None:
    b.page(b"")
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=Array([String("template"), 3]))


# --- JavaScript in a field with a malformed /AA ---------------------------------------------

def aa_array_javascript_in_a(b: Builder) -> None:
    b.page(b"")
    field = b.pdf.make_indirect(Dictionary(T=String("f"), AA=Array([1, 2]), A=js()))
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


def aa_integer_javascript_in_kid(b: Builder) -> None:
    b.page(b"")
    kid = b.pdf.make_indirect(Dictionary(T=String("kid"), AA=Dictionary(K=js())))
    field = b.pdf.make_indirect(Dictionary(T=String("f"), AA=5, Kids=Array([kid])))
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


def aa_values_of_every_type(b: Builder) -> None:
    b.page(b"")
    field = b.pdf.make_indirect(Dictionary(T=String("f"), AA=Dictionary(
        K=1, F=Name.JavaScript, V=String("app.alert(3)"), C=Array([String("x")]),
        Fo=b.pdf.make_indirect(NULL_MARK), Bl=js())))
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


def aa_array_of_actions(b: Builder) -> None:
    # an array where a dictionary of triggers belongs: its actions are judged all the same
    b.page(b"")
    field = b.pdf.make_indirect(Dictionary(T=String("f"), AA=Array([js()])))
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


def aa_javascript_with_wrong_typed_parts(b: Builder) -> None:
    b.page(b"")
    action = Dictionary(S=Name.JavaScript, JS=42, Next=String("next"))
    field = b.pdf.make_indirect(Dictionary(T=String("f"), AA=Dictionary(K=action)))
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


def widget_aa_on_page_without_fields(b: Builder) -> None:
    b.page(b"", Annots=Array([widget(b, T=String("w"), AA=Dictionary(Fo=js()))]))
    b.pdf.Root.AcroForm = Dictionary(Fields=Name.potato)


def action_type_not_a_name(b: Builder) -> None:
    b.page(b"")
    field = b.pdf.make_indirect(Dictionary(T=String("f"), A=Dictionary(S=7, JS=String("x")),
                                           AA=Dictionary(K=Dictionary(S=Array([]), Next=3))))
    b.pdf.Root.AcroForm = Dictionary(Fields=Array([field]))


CLEAN = [fields_name, fields_integer, fields_string, fields_null_reference, fields_missing,
         kids_loop, kids_self, kids_not_an_array, acroform_array, acroform_integer,
         acroform_name, acroform_null_reference, acroform_stream, action_type_not_a_name]
"""Nothing runs in these: the verdict is that no active content was found."""
SCRIPTED = [fields_dict_with_javascript, fields_array_of_wrong_things,
            kids_loop_with_javascript, kids_dict_with_javascript, aa_array_javascript_in_a,
            aa_integer_javascript_in_kid, aa_values_of_every_type, aa_array_of_actions,
            aa_javascript_with_wrong_typed_parts, widget_aa_on_page_without_fields]
"""JavaScript a reader would find: the verdict is a failure naming it."""


def _checked(tmp_path: Path, build: Callable[[Builder], None]):  # type: ignore[no-untyped-def]
    builder = Builder()
    build(builder)
    report = check_pdf(save(builder, tmp_path / f"{build.__name__}.pdf"))
    assert report.opened, report.error
    for check_id, result in report.checks.items():  # every check ends in a verdict
        assert COULD_NOT not in result.message, (check_id, result.evidence)
    return report.checks["active_content"]


@pytest.mark.parametrize("build", CLEAN, ids=lambda f: f.__name__)
def test_a_malformed_form_without_scripts_is_judged_clean(
        tmp_path: Path, build: Callable[[Builder], None]) -> None:
    result = _checked(tmp_path, build)
    assert result.status is Status.PASS, result.message
    assert not result.evidence.get("incomplete")


@pytest.mark.parametrize("build", SCRIPTED, ids=lambda f: f.__name__)
def test_a_malformed_form_with_a_script_is_judged_to_have_one(
        tmp_path: Path, build: Callable[[Builder], None]) -> None:
    result = _checked(tmp_path, build)
    assert result.status is Status.FAIL, result.message
    assert "JavaScript" in result.message


def test_the_null_placeholder_really_becomes_a_null(tmp_path: Path) -> None:
    builder = Builder()
    fields_null_reference(builder)
    with pikepdf.open(save(builder, tmp_path / "null.pdf")) as pdf:
        assert pdf.Root.AcroForm.get("/Fields") is None
        assert not pdf.get_warnings()
