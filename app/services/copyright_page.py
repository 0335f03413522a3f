"""版權頁 — the copyright-page block of a government publication, from the data: title,
people, publisher, contact, ROC year-month, edition, other formats, price, 展售處 from the
stores, GPN, ISBN with binding, the CIP block as pasted, and the rights notice."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.document_set import document_set
from app.documents.editable import EditableFormats, write_lines
from app.documents.files import atomic_output
from app.documents.pdf_writer import write_lines_pdf
from app.identifiers import validate_isbn, validate_issn
from app.models import Binding, Publication, RelationKind, SalesStore
from app.rocdate import format_roc_year_month
from app.services.publications import edition_text, load_publication, related_publications


def _people(pub: Publication) -> str:
    return "；".join(f"{c.name}{c.role.label}" for c in pub.contributors)


def copyright_page_lines(session: Session, publication_id: int) -> list[str]:
    """The 版權頁 as lines of text (empty lines separate the blocks)."""
    pub = load_publication(session, publication_id)
    unit = pub.unit
    title = pub.title + (f"：{pub.subtitle}" if pub.subtitle else "")
    lines = [f"書名：{title}"]
    if pub.series:
        lines.append(f"叢書名：{pub.series}")
    if pub.contributors:
        lines.append(f"著作者：{_people(pub)}")
    lines += [f"出版機關：{unit.full_name}"]
    if unit.address:
        lines.append(f"地址：{unit.postcode}{unit.address}")
    if unit.phone:
        lines.append(f"電話：{unit.phone}")
    if unit.website:
        lines.append(f"網址：{unit.website}")
    if pub.published_year and pub.published_month:
        lines.append("出版年月：" + format_roc_year_month(pub.published_year,
                                                      pub.published_month, prefix=True))
    lines.append(f"版次：{edition_text(pub.edition, pub.printing)}")
    others = [link for link in related_publications(session, publication_id)
              if link.kind is RelationKind.OTHER_FORM]
    notes = []
    for link in others:
        other = load_publication(session, link.other_id)
        notes.append(f"本書另有{other.form.label}版本" + (f"，網址：{other.online_url}"
                                                     if other.online_url else ""))
    if pub.online_url:
        notes.append(f"本書同時登載於{pub.online_url}")
    if notes:
        lines.append("其他類型版本說明：" + "；".join(notes))
    lines.append(f"定價：新臺幣{pub.price_ntd}元" if pub.price_ntd is not None else "定價：非賣品")
    stores = session.scalars(select(SalesStore).where(SalesStore.active.is_(True))
                             .order_by(SalesStore.id)).all()
    if stores and pub.price_ntd is not None:
        lines.append("展售處：")
        for store in stores:
            parts = [store.name, f"{store.postcode}{store.address}".strip(), store.phone,
                     store.url]
            lines.append("　" + "　".join(p for p in parts if p))
    lines.append("")
    if pub.gpn:
        lines.append(f"GPN：{pub.gpn}")
    if pub.isbn:
        binding = {Binding.HARDCOVER: "精裝", Binding.PAPERBACK: "平裝"}.get(pub.binding, "")
        lines.append(f"ISBN：{validate_isbn(pub.isbn).formatted}"
                     + (f"（{binding}）" if binding else ""))
    if pub.issn:
        lines.append(f"ISSN：{validate_issn(pub.issn).formatted}")
    if pub.cip_text.strip():
        lines += ["", *pub.cip_text.strip().splitlines()]
    contact = f"（電話：{unit.phone}）" if unit.phone else ""
    lines += ["", f"著作權利管理資訊：{unit.full_name}保有所有權利。欲利用本書全部或部分內容者，"
                  f"須徵求著作財產權人同意或書面授權。請洽{unit.full_name}{contact}。"]
    return lines


def write_copyright_page(session: Session, publication_id: int, folder: Path,
                         formats: EditableFormats | None = None) -> list[Path]:
    """The block as plain text, PDF, and ODT and/or DOCX as Settings asks."""

    lines = copyright_page_lines(session, publication_id)
    title = f"版權頁－{load_publication(session, publication_id).title}"
    # All or nothing, the PDF first (app.documents.document_set).
    with document_set(folder, "版權頁") as written:
        pdf = write_lines_pdf(lines, written.stage / "版權頁.pdf", title)
        text_path = written.stage / "版權頁.txt"
        with atomic_output(text_path) as partial:
            partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
        editables = write_lines(lines, written.stage / "版權頁", formats or EditableFormats(), title)
    return written.finals([text_path, pdf, *editables])
