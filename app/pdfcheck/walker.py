"""One pass over everything a PDF draws: page content, Form XObjects (nested), annotation
appearances, Type3 glyph procedures, tiling patterns and inline images — with the graphics
state (CTM stack, colour spaces, font) kept exactly, so every check reads the same facts.

Image data is never decoded: sizes come from the image dictionaries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from app.pdfcheck.colour import ColourSpace, resolve
from app.pdfcheck.matrix import (
    IDENTITY,
    Matrix,
    axis_lengths,
    from_operands,
    multiply,
    rect_to_rect,
    transform_point,
)

MAX_DEPTH = 24


class WalkCancelled(Exception):
    """The officer cancelled the check."""


@dataclass
class FontUse:
    """A font dictionary and where it showed text."""

    font: pikepdf.Dictionary
    pages: set[int] = field(default_factory=set)
    strings: list[tuple[int, bytes]] = field(default_factory=list)


@dataclass
class ImagePlacement:
    """One drawing of an image."""

    page: int
    width_px: int
    height_px: int
    x_ppi: float
    y_ppi: float
    colour: str
    bits: int
    inline: bool
    mask: bool
    where: str


@dataclass
class ColourUse:
    """A colour space used, and by what."""

    space: ColourSpace
    page: int
    what: str


@dataclass
class Usage:
    """What the walk found."""

    fonts: dict[tuple[int, int], FontUse] = field(default_factory=dict)
    declared_fonts: dict[tuple[int, int], tuple[pikepdf.Dictionary, set[int]]] = field(
        default_factory=dict)
    images: list[ImagePlacement] = field(default_factory=list)
    colours: list[ColourUse] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    page_count: int = 0


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: ColourSpace = field(default_factory=lambda: ColourSpace("DeviceGray"))
    stroke: ColourSpace = field(default_factory=lambda: ColourSpace("DeviceGray"))
    font: pikepdf.Dictionary | None = None
    font_size: float = 1.0
    text_matrix: Matrix = IDENTITY

    def copy(self) -> _State:
        return _State(self.ctm, self.fill, self.stroke, self.font, self.font_size,
                      self.text_matrix)


def _key(obj: Any) -> tuple[int, int]:
    """A stable identity: the object number, or for a direct object a hash of its text (a
    direct dictionary is a new Python object on every access)."""
    try:
        if obj.objgen != (0, 0):
            return (int(obj.objgen[0]), int(obj.objgen[1]))
        return (-1, hash(bytes(obj.unparse())))
    except (AttributeError, pikepdf.PdfError):
        return (-2, id(obj))


def _number(value: object, default: float = 0.0) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _get(dictionary: object, *keys: str) -> Any:
    if not isinstance(dictionary, pikepdf.Dictionary | pikepdf.Stream):
        return None
    for key in keys:
        if key in dictionary:
            return dictionary[key]
    return None


class Walker:
    """Walks a whole document once; `usage` holds the result."""

    def __init__(self, pdf: pikepdf.Pdf, want_strings: Callable[[pikepdf.Dictionary], bool],
                 progress: Callable[[int, int, str], None] | None = None,
                 cancelled: Callable[[], bool] | None = None):
        self.pdf = pdf
        self.usage = Usage()
        self.want_strings = want_strings
        self.progress = progress
        self.cancelled = cancelled
        self._type3_done: set[tuple[int, int]] = set()
        self._active: list[tuple[int, int]] = []

    # --- entry ---------------------------------------------------------------------------------

    def walk(self) -> Usage:
        """Walk every page."""
        pages = self.pdf.pages
        total = len(pages)
        self.usage.page_count = total
        for index, page in enumerate(pages, start=1):
            if self.cancelled is not None and self.cancelled():
                raise WalkCancelled
            try:
                self._walk_page(page, index)
            except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError) as exc:
                self.usage.problems.append(f"第 {index} 頁無法完整讀取：{exc}")
            if self.progress is not None:
                self.progress(index, total, f"第 {index}/{total} 頁")
        return self.usage

    def _walk_page(self, page: pikepdf.Page, number: int) -> None:
        resources = _get(page.obj, "/Resources")
        if resources is None:
            resources = page.obj.get("/Resources") if hasattr(page.obj, "get") else None
        self._declare_fonts(resources, number)
        self._content(page.obj, resources, _State(), number, "頁面內容", base_ctm=IDENTITY)
        for annotation in page.obj.get("/Annots") or []:
            self._annotation(annotation, number)

    def _declare_fonts(self, resources: object, page: int) -> None:
        fonts = _get(resources, "/Font")
        if isinstance(fonts, pikepdf.Dictionary):
            for font in fonts.values():
                if isinstance(font, pikepdf.Dictionary):
                    entry = self.usage.declared_fonts.setdefault(_key(font), (font, set()))
                    entry[1].add(page)

    # --- content streams -------------------------------------------------------------------------

    def _content(self, owner: Any, resources: Any, state: _State, page: int, where: str,
                 base_ctm: Matrix) -> None:
        key = _key(owner)
        if key in self._active or len(self._active) > MAX_DEPTH:
            self.usage.problems.append(f"第 {page} 頁的{where}有循環引用，已略過。")
            return
        self._active.append(key)
        try:
            instructions = pikepdf.parse_content_stream(owner)
        except pikepdf.PdfError as exc:
            self.usage.problems.append(f"第 {page} 頁的{where}內容無法解析：{exc}")
            self._active.pop()
            return
        stack: list[_State] = []
        try:
            for instruction in instructions:
                self._instruction(instruction, resources, state, stack, page, where, base_ctm)
        finally:
            self._active.pop()

    def _instruction(self, instruction: Any, resources: Any, state: _State,
                     stack: list[_State], page: int, where: str, base_ctm: Matrix) -> None:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            self._inline_image(instruction.iimage, resources, state, page, where)
            return
        operator = str(instruction.operator)
        operands = instruction.operands
        if operator == "q":
            stack.append(state.copy())
        elif operator == "Q":
            if stack:
                restored = stack.pop()
                state.ctm, state.fill, state.stroke = restored.ctm, restored.fill, restored.stroke
                state.font, state.font_size = restored.font, restored.font_size
        elif operator == "cm":
            state.ctm = multiply(from_operands(list(operands)), state.ctm)
        elif operator in ("rg", "RG", "k", "K", "g", "G"):
            family = {"r": "DeviceRGB", "k": "DeviceCMYK", "g": "DeviceGray"}[operator[0].lower()]
            space = ColourSpace(family)
            fill = operator.islower()
            self._colour(space, page, f"{where}：{'填色' if fill else '線條色'}（{operator}）")
            if fill:
                state.fill = space
            else:
                state.stroke = space
        elif operator in ("cs", "CS") and operands:
            space = resolve(operands[0], resources)
            fill = operator == "cs"
            self._colour(space, page, f"{where}：{'填色' if fill else '線條色'}（{operator}）")
            if fill:
                state.fill = space
            else:
                state.stroke = space
        elif operator in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
            self._pattern(operands[-1], resources, state, page, where, base_ctm)
        elif operator == "sh" and operands:
            shading = _get(_get(resources, "/Shading"), str(operands[0]))
            self._colour(resolve(_get(shading, "/ColorSpace"), resources), page,
                         f"{where}：漸層（sh）")
        elif operator == "Do" and operands:
            self._xobject(operands[0], resources, state, page, where)
        elif operator == "Tf" and len(operands) >= 2:
            font = _get(_get(resources, "/Font"), str(operands[0]))
            state.font = font if isinstance(font, pikepdf.Dictionary) else None
            state.font_size = _number(operands[1], 1.0)
        elif operator == "BT":
            state.text_matrix = IDENTITY
        elif operator == "Tm":
            state.text_matrix = from_operands(list(operands))
        elif operator in ("Tj", "TJ", "'", '"'):
            self._text(operands, state, resources, page, where)

    def _colour(self, space: ColourSpace, page: int, what: str) -> None:
        self.usage.colours.append(ColourUse(space, page, what))

    # --- text and fonts --------------------------------------------------------------------------

    def _text(self, operands: Any, state: _State, resources: Any, page: int, where: str) -> None:
        font = state.font
        if font is None:
            self.usage.problems.append(f"第 {page} 頁的{where}在未選字型時顯示文字。")
            return
        use = self.usage.fonts.setdefault(_key(font), FontUse(font))
        use.pages.add(page)
        if self.want_strings(font):
            for operand in operands:
                values = operand if isinstance(operand, pikepdf.Array) else [operand]
                for value in values:
                    if isinstance(value, pikepdf.String):
                        use.strings.append((page, bytes(value)))
        if str(font.get("/Subtype", "")) == "/Type3" and _key(font) not in self._type3_done:
            self._type3_done.add(_key(font))
            glyph_matrix = multiply(from_operands(list(font.get("/FontMatrix") or [])),
                                    multiply((state.font_size, 0, 0, state.font_size, 0, 0),
                                             multiply(state.text_matrix, state.ctm)))
            procs = font.get("/CharProcs")
            glyph_resources = font.get("/Resources") or resources
            if isinstance(procs, pikepdf.Dictionary):
                for proc in procs.values():
                    if isinstance(proc, pikepdf.Stream):
                        glyph_state = state.copy()
                        glyph_state.ctm = glyph_matrix
                        self._content(proc, glyph_resources, glyph_state, page,
                                      "Type3 字形程序", base_ctm=glyph_matrix)

    # --- images and forms ------------------------------------------------------------------------

    def _xobject(self, name: Any, resources: Any, state: _State, page: int, where: str) -> None:
        xobject = _get(_get(resources, "/XObject"), str(name))
        if not isinstance(xobject, pikepdf.Stream):
            self.usage.problems.append(f"第 {page} 頁引用了不存在的物件 {name}。")
            return
        subtype = str(xobject.get("/Subtype", ""))
        if subtype == "/Image":
            self._image(xobject, resources, state, page, where, inline=False)
        elif subtype == "/Form":
            matrix = from_operands(list(xobject.get("/Matrix") or [1, 0, 0, 1, 0, 0]))
            inner = state.copy()
            inner.ctm = multiply(matrix, state.ctm)
            form_resources = xobject.get("/Resources") or resources
            self._declare_fonts(form_resources, page)
            self._content(xobject, form_resources, inner, page, "表單物件（Form XObject）",
                          base_ctm=inner.ctm)

    def _image(self, image: Any, resources: Any, state: _State, page: int, where: str,
               inline: bool) -> None:
        width = int(_number(_get(image, "/Width", "/W")))
        height = int(_number(_get(image, "/Height", "/H")))
        mask = bool(_get(image, "/ImageMask", "/IM"))
        bits = 1 if mask else int(_number(_get(image, "/BitsPerComponent", "/BPC"), 8))
        if mask:
            space = state.fill
            self._colour(space, page, f"{where}：遮罩影像（以填色繪製）")
        else:
            space = resolve(_get(image, "/ColorSpace", "/CS"), resources)
            if _get(image, "/Filter", "/F") is not None and space.family == "Unknown":
                filters = _get(image, "/Filter", "/F")
                if "JPXDecode" in str(filters):
                    space = ColourSpace("JPX")
            self._colour(space, page, f"{where}：{'內嵌影像' if inline else '影像'}")
        x_len, y_len = axis_lengths(state.ctm)
        x_ppi = width * 72 / x_len if x_len > 1e-9 else float("inf")
        y_ppi = height * 72 / y_len if y_len > 1e-9 else float("inf")
        self.usage.images.append(ImagePlacement(page, width, height, x_ppi, y_ppi, space.label,
                                                bits, inline, mask, where))

    def _inline_image(self, image: Any, resources: Any, state: _State, page: int,
                      where: str) -> None:
        self._image(image.obj, resources, state, page, where, inline=True)

    def _pattern(self, name: Any, resources: Any, state: _State, page: int, where: str,
                 base_ctm: Matrix) -> None:
        pattern = _get(_get(resources, "/Pattern"), str(name))
        if pattern is None:
            return
        matrix = multiply(from_operands(list(_get(pattern, "/Matrix") or
                                             [1, 0, 0, 1, 0, 0])), base_ctm)
        if int(_number(_get(pattern, "/PatternType"), 0)) == 2:
            shading = _get(pattern, "/Shading")
            self._colour(resolve(_get(shading, "/ColorSpace"), resources), page,
                         f"{where}：漸層圖樣")
            return
        if isinstance(pattern, pikepdf.Stream):
            inner = _State(ctm=matrix)
            pattern_resources = pattern.get("/Resources") or resources
            self._declare_fonts(pattern_resources, page)
            self._content(pattern, pattern_resources, inner, page, "拼貼圖樣（tiling pattern）",
                          base_ctm=matrix)

    # --- annotations -----------------------------------------------------------------------------

    def _annotation(self, annotation: Any, page: int) -> None:
        appearance = _get(_get(annotation, "/AP"), "/N")
        if appearance is None:
            return
        streams: list[Any] = []
        if isinstance(appearance, pikepdf.Stream):
            streams = [appearance]
        elif isinstance(appearance, pikepdf.Dictionary):
            state_name = _get(annotation, "/AS")
            chosen = appearance.get(str(state_name)) if state_name is not None else None
            streams = [chosen] if isinstance(chosen, pikepdf.Stream) else [
                s for s in appearance.values() if isinstance(s, pikepdf.Stream)]
        rect = [_number(v) for v in (_get(annotation, "/Rect") or [0, 0, 0, 0])]
        for stream in streams:
            matrix = from_operands(list(stream.get("/Matrix") or [1, 0, 0, 1, 0, 0]))
            bbox = [_number(v) for v in (stream.get("/BBox") or [0, 0, 1, 1])]
            corners = [transform_point(matrix, x, y) for x in (bbox[0], bbox[2])
                       for y in (bbox[1], bbox[3])]
            box = (min(c[0] for c in corners), min(c[1] for c in corners),
                   max(c[0] for c in corners), max(c[1] for c in corners))
            if len(rect) == 4:
                fit = rect_to_rect(box, (min(rect[0], rect[2]), min(rect[1], rect[3]),
                                         max(rect[0], rect[2]), max(rect[1], rect[3])))
            else:
                fit = IDENTITY
            state = _State(ctm=multiply(matrix, fit))
            stream_resources = stream.get("/Resources")
            self._declare_fonts(stream_resources, page)
            self._content(stream, stream_resources, state, page, "註解外觀", base_ctm=state.ctm)
