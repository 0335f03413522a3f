"""文件預覽 — any PDF we generate, inside the app: zoom, pages, print, open the DOCX in Word."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.desktop import open_in_system

PRINT_DPI = 300
"""Pages are rasterised for the printer at most at this resolution: sharp on paper, a tenth of
the memory of a 1,200-dpi page image."""


def render_page(document: QPdfDocument, index: int, width: int) -> QImage:
    """Page `index` as an image `width` pixels wide, on white paper (QtPdf renders onto a
    transparent background)."""
    size = document.pagePointSize(index)
    target = QSize(width, max(1, int(width * size.height() / size.width())))
    page = document.render(index, target)
    paper = QImage(target, QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, page)
    painter.end()
    return paper


class DocumentViewerPage(QWidget):
    """Shows one PDF; `status_message` reports what happened."""

    status_message = Signal(str)
    page_key = "viewer"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf_path: Path | None = None
        self.docx_path: Path | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.title = QLabel(self.tr("No document open"))
        self.page = QSpinBox()
        self.page.setMinimum(1)
        self.page.valueChanged.connect(self._go_to_page)
        self.page_total = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (
                ("open", self.tr("Open PDF…"), self.open_file),
                ("previous", self.tr("Previous"), lambda: self.page.setValue(
                    self.page.value() - 1)),
                ("next", self.tr("Next"), lambda: self.page.setValue(self.page.value() + 1)),
                ("zoom_out", self.tr("Zoom out"), lambda: self.zoom(1 / 1.25)),
                ("zoom_in", self.tr("Zoom in"), lambda: self.zoom(1.25)),
                ("fit", self.tr("Fit width"), self.fit_width),
                ("print", self.tr("Print…"), self.print_document),
                ("word", self.tr("Open in Word"), self.open_docx),
                ("folder", self.tr("Open folder"), self.open_folder)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.buttons[key] = button
            bar.addWidget(button)
            if key == "next":
                bar.addWidget(self.page)
                bar.addWidget(self.page_total)
        bar.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self._update()

    def show_document(self, pdf: Path, docx: Path | None = None) -> bool:
        """Open `pdf` (and remember its DOCX for 「以 Word 開啟」). False if it cannot be read."""
        self.document.close()
        error = self.document.load(str(pdf))
        if error != QPdfDocument.Error.None_:
            QMessageBox.warning(self, self.tr("Preview"), self.tr(
                "“%1” cannot be shown: the file is missing or damaged.").replace("%1", str(pdf)))
            self.pdf_path = None
            self._update()
            return False
        self.pdf_path = pdf
        self.docx_path = docx if docx is not None and docx.exists() else None
        self.title.setText(pdf.name)
        self.page.setValue(1)
        self.fit_width()
        self._update()
        return True

    def page_count(self) -> int:
        """Pages of the open document (0 when none)."""
        return self.document.pageCount() if self.pdf_path else 0

    def _update(self) -> None:
        has = self.pdf_path is not None
        for key in ("previous", "next", "zoom_in", "zoom_out", "fit", "print", "folder"):
            self.buttons[key].setEnabled(has)
        self.buttons["word"].setEnabled(self.docx_path is not None)
        self.page.setMaximum(max(1, self.page_count()))
        self.page_total.setText(self.tr("of %1").replace("%1", str(self.page_count())))

    def _go_to_page(self, number: int) -> None:
        if self.pdf_path is not None and 1 <= number <= self.page_count():
            self.view.pageNavigator().jump(number - 1, QPointF(), self.view.zoomFactor())

    def zoom(self, factor: float) -> None:
        """Zoom by `factor`."""
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, self.view.zoomFactor() * factor)))

    def fit_width(self) -> None:
        """Page width fills the view."""
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def open_file(self) -> None:
        """Ask for a PDF and show it."""
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Open PDF"), "",
                                                    self.tr("PDF files (*.pdf)"))
        if name:
            path = Path(name)
            self.show_document(path, path.with_suffix(".docx"))

    def print_document(self) -> None:
        """Print through the system print dialog."""
        if self.pdf_path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)
        self.status_message.emit(self.tr("Sent to the printer."))

    def print_to(self, printer: QPrinter) -> bool:
        """Draw the chosen pages onto `printer`, scaled to the printable area, each rendered
        at no more than `PRINT_DPI` (a 1,200-dpi printer used to get a 560 MB image per page,
        rendered on the GUI thread), with a progress dialog that can cancel between pages.
        Returns whether every page was sent."""
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Print"), self.tr("The printer could not start."))
            return False
        pages = list(range(self.document.pageCount()))
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            pages = pages[printer.fromPage() - 1:printer.toPage() or len(pages)]
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, len(pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        try:
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            for done, index in enumerate(pages):
                progress.setValue(done)
                QApplication.processEvents()
                if progress.wasCanceled():
                    printer.abort()
                    return False
                if done:
                    printer.newPage()
                size = self.document.pagePointSize(index)
                scale = min(area.width() / size.width(), area.height() / size.height())
                target = QRectF(0, 0, size.width() * scale, size.height() * scale)
                width = int(min(target.width(), size.width() / 72 * PRINT_DPI))
                painter.drawImage(target, render_page(self.document, index, width))
            progress.setValue(len(pages))
            return True
        finally:
            painter.end()
            progress.close()

    def open_docx(self) -> None:
        """Open the editable DOCX with the system's word processor."""
        if self.docx_path is not None:
            open_in_system(self.docx_path, self)

    def open_folder(self) -> None:
        """Show the output folder in the file manager."""
        if self.pdf_path is not None:
            open_in_system(self.pdf_path.parent, self)
