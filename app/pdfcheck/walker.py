"""One pass over everything a PDF draws: page content, Form XObjects (nested), annotation
appearances, Type3 glyph procedures, tiling patterns and inline images — with the graphics
state (CTM stack, colour spaces, font) kept exactly, so every check reads the same facts.

Image data is never decoded: sizes come from the image dictionaries.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from app.pdfcheck.bounds import BOUNDS, BoundExceeded
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
from app.pdfcheck.pdfnames import name_text

MAX_DEPTH = BOUNDS.nesting_depth
PLACEMENT_BUDGET = BOUNDS.form_placements
"""Form placements walked per file at most (each distinct form and scale counts once)."""


def _scale_class(length: float) -> int:
    """Scales within about 3 % of each other are one class (ppi judged the same)."""
    import math

    return round(math.log(length, 1.03)) if length > 1e-9 else -10_000
# Only the operators the checks read are handed to Python (qpdf filters the rest in C++);
# BI ID EI must all be listed for inline images to come through whole.
OPERATORS = ("q Q cm Do Tf Tj TJ ' \" BT Tm Tr rg RG k K g G cs CS scn SCN sh BI ID EI "
             "gs BDC BMC EMC")
_KEPT = re.compile(rb"(?<![^\s()<>\[\]{}/%])(?:" +
                   b"|".join(re.escape(op.encode()) for op in OPERATORS.split()) +
                   rb")(?=[\s()<>\[\]{}/%]|\Z)")
"""An operator the checks read, as a word of the content: counts a large stream's
instructions before qpdf holds them all (a string that happens to contain one counts too)."""
DRAWING = frozenset({"Do", "Tj", "TJ", "'", '"', "sh"})
"""Operators that put something on the page: skipped inside a layer hidden by default."""


class WalkCancelled(Exception):
    """The officer cancelled the check."""


@dataclass
class FontUse:
    """A font dictionary and where it showed text."""

    font: pikepdf.Dictionary
    pages: set[int] = field(default_factory=set)
    """Pages where it showed text that is drawn (render mode other than 3)."""
    strings: list[tuple[int, bytes]] = field(default_factory=list)
    invisible_pages: set[int] = field(default_factory=set)
    """Pages where it showed only invisible text (`3 Tr`: the OCR layer of a scan), which
    needs no embedded font (as veraPDF judges it)."""


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
    unreadable: list[str] = field(default_factory=list)
    """Content that could not be read at all: the checks that pass on it saw nothing, so the
    file fails (app.pdfcheck.checks.structure)."""
    hidden_pages: set[int] = field(default_factory=set)
    """Pages with content in a layer hidden by default (optional content): not printed, so
    not judged, and reported apart."""
    skipped_values: int = 0
    """Single bad values skipped (an operator inside a TJ array, a name in a foreign
    encoding); the rest of the page was walked."""
    too_large: list[str] = field(default_factory=list)
    """Content not walked because it is beyond a bound (app.pdfcheck.bounds), each with the
    limit in words: too large to check fully, which is not damage."""
    bounds_hit: list[str] = field(default_factory=list)
    """The bounds reached (`CheckerBounds` field names), each once."""

    def exceeded(self, where: str, exc: BoundExceeded) -> None:
        """Content at `where` was beyond a bound: kept apart from what is unreadable."""
        self.too_large.append(f"{where}（{exc.words}）")
        if exc.bound not in self.bounds_hit:
            self.bounds_hit.append(exc.bound)


@dataclass
class _Frame:
    """One content stream being walked."""

    resources: Any
    state: _State
    page: int
    where: str
    base_ctm: Matrix
    stack: list[_State] = field(default_factory=list)
    fonts: dict[Any, pikepdf.Dictionary | None] = field(default_factory=dict)
    marked: list[bool] = field(default_factory=list)
    """Marked-content sections open in this stream: True for one hiding its content."""
    hidden: int = 0


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: ColourSpace = field(default_factory=lambda: ColourSpace("DeviceGray"))
    stroke: ColourSpace = field(default_factory=lambda: ColourSpace("DeviceGray"))
    font: pikepdf.Dictionary | None = None
    font_size: float = 1.0
    text_matrix: Any = IDENTITY
    """A Matrix, or the raw Tm operands until something needs the numbers."""
    render_mode: int = 0
    """`Tr`: 3 is invisible text."""

    def copy(self) -> _State:
        return _State(self.ctm, self.fill, self.stroke, self.font, self.font_size,
                      self.text_matrix, self.render_mode)


def _hidden_layers(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """The optional-content groups (layers) off in the default configuration: /OFF, or all
    but /ON when the base state is OFF. Their content is not printed."""
    properties = _get(pdf.Root, "/OCProperties")
    default = _get(properties, "/D")
    if not isinstance(default, pikepdf.Dictionary):
        return set()
    groups = _get(properties, "/OCGs")
    everything = [g for g in groups if isinstance(g, pikepdf.Dictionary)] \
        if isinstance(groups, pikepdf.Array) else []

    def keys(entry: Any) -> set[tuple[int, int]]:
        return {_key(g) for g in entry if isinstance(g, pikepdf.Dictionary)} \
            if isinstance(entry, pikepdf.Array) else set()

    if name_text(default.get("/BaseState", "/ON")) == "/OFF":
        return {_key(g) for g in everything} - keys(default.get("/ON"))
    return keys(default.get("/OFF"))


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


def _matrix(value: object) -> Matrix:
    """A /Matrix or /FontMatrix; identity when it is not an array of six numbers."""
    return from_operands(list(value)) if isinstance(value, pikepdf.Array) else IDENTITY


def _box(value: object, default: tuple[float, ...] = (0.0, 0.0, 1.0, 1.0)) -> list[float]:
    """A rectangle (/BBox, /Rect) as four numbers; the default when it is not an array of
    four (a number, a name, two values: the appearance is placed as if it had none)."""
    if isinstance(value, pikepdf.Array) and len(value) == 4:
        return [_number(v) for v in value]
    return list(default)


def _get(dictionary: object, *keys: Any) -> Any:
    if not isinstance(dictionary, pikepdf.Dictionary | pikepdf.Stream):
        return None
    for key in keys:
        if key in dictionary:
            return dictionary[key]
    return None


class _StrayOperators(pikepdf.TokenFilter):
    """Drops operators written inside an array or dictionary, counting them."""

    VALUES = (b"true", b"false", b"null")

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.dropped = 0
        self.first = ""
        """The first operator dropped, as written."""

    def handle_token(self, token: pikepdf.Token) -> pikepdf.Token | None:  # type: ignore[override]
        kind = token.type_
        if kind in (pikepdf.TokenType.array_open, pikepdf.TokenType.dict_open):
            self.depth += 1
        elif kind in (pikepdf.TokenType.array_close, pikepdf.TokenType.dict_close):
            self.depth = max(0, self.depth - 1)
        elif kind == pikepdf.TokenType.word and self.depth and \
                bytes(token.raw_value) not in self.VALUES:
            self.dropped += 1
            self.first = self.first or bytes(token.raw_value).decode("latin-1")
            return None
        return token


def _without_stray_operators(owner: Any) -> tuple[list[Any], int, str]:
    """The instructions of a content stream that has operators inside arrays, without them
    (a rare, damaged stream: a scratch PDF holds the cleaned copy)."""
    scratch = pikepdf.new()
    scratch.add_blank_page()
    contents = owner if isinstance(owner, pikepdf.Stream) else owner.get("/Contents")
    parts = contents if isinstance(contents, pikepdf.Array) else [contents]
    data = b"\n".join(part.read_bytes() for part in parts if isinstance(part, pikepdf.Stream))
    scratch.pages[0].Contents = scratch.make_stream(data)
    stray = _StrayOperators()
    cleaned = scratch.pages[0].get_filtered_contents(stray)
    instructions = list(pikepdf.parse_content_stream(scratch.make_stream(cleaned), OPERATORS))
    return instructions, stray.dropped, stray.first


def _filters(stream: pikepdf.Stream) -> list[str]:
    value = stream.get("/Filter")
    values = list(value) if isinstance(value, pikepdf.Array) else [] if value is None else [value]
    return [name_text(v) for v in values]


def _decoded_within(stream: pikepdf.Stream, room: int) -> bytes:
    """A stream's decoded bytes, `room` at most (BoundExceeded past it). Flate — nearly every
    content stream — is inflated here, in steps, so a bomb stops at the bound; other filters
    are decoded by qpdf (the child's memory bound covers those rare ones)."""
    filters = _filters(stream)
    if not filters:
        data = stream.read_raw_bytes()
    elif filters in (["/FlateDecode"], ["/Fl"]):
        inflate = zlib.decompressobj()
        try:
            data = inflate.decompress(stream.read_raw_bytes(), room + 1)
        except zlib.error:
            data = b""  # qpdf reads what it can of it, and says what it repaired
    else:
        data = stream.read_bytes()
    if len(data) > room:
        raise BoundExceeded("content_bytes")
    return data


def _small(parts: Any) -> bool:
    """Whether the streams are written in fewer than `measure_from_raw_bytes`, each plain or
    with one Flate filter: too little to be beyond a bound, so not decoded to be measured."""
    written = 0
    for part in parts:
        if not isinstance(part, pikepdf.Stream):
            continue
        length = part.stream_dict.get("/Length")
        if not isinstance(length, int) or _filters(part) not in ([], ["/FlateDecode"], ["/Fl"]):
            return False
        written += length
    return written < BOUNDS.measure_from_raw_bytes


def within_bounds(owner: Any) -> None:
    """Raise BoundExceeded when a content stream (a page's, with all its parts) is larger
    than the checker can hold: decoded bytes first, then the instructions the walk keeps,
    counted in the bytes before qpdf builds them (each costs about 270 bytes of memory)."""
    contents = owner if isinstance(owner, pikepdf.Stream) else _get(owner, "/Contents")
    parts = contents if isinstance(contents, pikepdf.Array) else [contents]
    if _small(parts):
        return
    room = BOUNDS.content_bytes
    data: list[bytes] = []
    for part in parts:
        if isinstance(part, pikepdf.Stream):
            data.append(_decoded_within(part, room))
            room -= len(data[-1])
    if BOUNDS.content_bytes - room < BOUNDS.count_from_bytes:
        return
    count = 0
    for chunk in data:
        for _match in _KEPT.finditer(chunk):
            count += 1
            if count > BOUNDS.content_instructions:
                raise BoundExceeded("content_instructions")


def _text_matrix(state: _State) -> Matrix:
    value = state.text_matrix
    return value if isinstance(value, tuple) else from_operands(list(value))


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
        self._wants: dict[tuple[int, int], bool] = {}
        self._active: list[tuple[int, int]] = []
        self._placed: set[tuple[tuple[int, int], int, int, str]] = set()
        self.form_placements = 0
        self.first_skip: tuple[int, str] | None = None
        """The first value skipped (page, operator): named once in the notes."""
        self._hidden_layers = _hidden_layers(pdf)

    # --- entry ---------------------------------------------------------------------------------

    def walk_pages(self, first: int, stop: int) -> None:
        """Walk pages first..stop-1 (0-based), in order; `finish` completes the usage. Two
        walkers can take the halves of a book (app.pdfcheck.parallel)."""
        pages = self.pdf.pages
        total = len(pages)
        self.usage.page_count = total
        # Iterated, not indexed: `pages[i]` costs as much as the whole iteration (2.6 s for
        # 10,000 pages).
        for index, page in enumerate(itertools.islice(pages, first, stop), start=first + 1):
            if self.cancelled is not None and self.cancelled():
                raise WalkCancelled
            try:
                self._walk_page(page, index)
            except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError,
                    IndexError) as exc:
                self.usage.problems.append(f"第 {index} 頁無法完整讀取：{exc}")
            if self.progress is not None:
                self.progress(index, total, f"第 {index}/{total} 頁")

    def finish(self) -> Usage:
        """The notes that sum up the whole walk, once every page is in."""
        if self.first_skip is not None:
            page, operator = self.first_skip
            self.usage.problems.append(
                f"第 {page} 頁有無法解讀的值（{operator}），已略過該指令，其餘照常檢查。")
        if self.usage.hidden_pages:
            hidden = sorted(self.usage.hidden_pages)
            shown = "、".join(str(p) for p in hidden[:12]) + (" 等" if len(hidden) > 12 else "")
            self.usage.problems.append(
                f"第 {shown} 頁有預設隱藏的圖層（選擇性內容），不會印出，未列入字型、影像與色彩的判斷。")
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

    # --- what a second walker must know (app.pdfcheck.parallel) ---------------------------------

    def placed_keys(self) -> set[tuple[tuple[int, int], int, int, str]]:
        """The form placements walked (form, scale classes, fill)."""
        return set(self._placed)

    def type3_keys(self) -> set[tuple[int, int]]:
        """The Type3 fonts whose glyph procedures were walked."""
        return set(self._type3_done)

    def adopt(self, placed: set[tuple[tuple[int, int], int, int, str]],
              type3_done: set[tuple[int, int]], form_placements: int) -> None:
        """Take over what another walker of the same file walked (its findings merged)."""
        self._placed |= placed
        self._type3_done |= type3_done
        self.form_placements += form_placements

    # --- content streams -------------------------------------------------------------------------

    def _content(self, owner: Any, resources: Any, state: _State, page: int, where: str,
                 base_ctm: Matrix) -> None:
        key = _key(owner)
        if key in self._active:
            self.usage.problems.append(f"第 {page} 頁的{where}有循環引用，已略過。")
            return
        if len(self._active) > MAX_DEPTH:
            self.usage.problems.append(
                f"第 {page} 頁的{where}巢狀超過 {MAX_DEPTH} 層，更深的內容未檢查。")
            return
        self._active.append(key)
        try:
            try:
                within_bounds(owner)
                instructions = pikepdf.parse_content_stream(owner, OPERATORS)
            except TypeError:
                # An operator inside an array or dictionary (`[(a) /F1 3 Tf] TJ`): pikepdf
                # refuses the whole stream. Drop the stray operators and read the rest.
                instructions, dropped, first = _without_stray_operators(owner)
                if dropped and self.first_skip is None:
                    self.first_skip = (page, first)
                self.usage.skipped_values += dropped
        except BoundExceeded as exc:
            self.usage.exceeded(f"第 {page} 頁的{where}", exc)
            self._active.pop()
            return
        except MemoryError:  # within the bounds, yet more than this child's memory
            self.usage.exceeded(f"第 {page} 頁的{where}", BoundExceeded("memory_mb"))
            self._active.pop()
            return
        except pikepdf.PdfError as exc:
            self.usage.problems.append(f"第 {page} 頁的{where}內容無法解析：{exc}")
            self.usage.unreadable.append(f"第 {page} 頁的{where}")
            self._active.pop()
            return
        frame = _Frame(resources, state, page, where, base_ctm)
        handlers = self._handlers
        inline_type = pikepdf.ContentStreamInlineImage
        try:
            for instruction in instructions:
                if type(instruction) is inline_type:
                    self._image(instruction.iimage.obj, resources, frame.state, page, where,
                                inline=True)
                    continue
                operator = name_text(instruction.operator)
                handler = handlers.get(operator)
                if frame.hidden and operator in DRAWING:
                    self.usage.hidden_pages.add(page)
                    continue
                if handler is not None:
                    try:
                        handler(instruction.operands, frame)
                    except (ValueError, TypeError, KeyError, AttributeError, IndexError,
                            pikepdf.PdfError):
                        # One bad value loses one instruction, not the page.
                        if self.first_skip is None:
                            self.first_skip = (page, name_text(instruction.operator))
                        self.usage.skipped_values += 1
        finally:
            self._active.pop()

    # One small method per operator, dispatched by name (the hot loop of the whole check).

    def _op_q(self, _operands: Any, frame: _Frame) -> None:
        frame.stack.append(frame.state.copy())

    def _op_Q(self, _operands: Any, frame: _Frame) -> None:
        if frame.stack:
            restored = frame.stack.pop()
            state = frame.state
            state.ctm, state.fill, state.stroke = restored.ctm, restored.fill, restored.stroke
            state.font, state.font_size = restored.font, restored.font_size

    def _op_cm(self, operands: Any, frame: _Frame) -> None:
        frame.state.ctm = multiply(from_operands(list(operands)), frame.state.ctm)

    def _op_device_colour(self, operator: str) -> Callable[[Any, _Frame], None]:
        family = {"r": "DeviceRGB", "k": "DeviceCMYK", "g": "DeviceGray"}[operator[0].lower()]
        space = ColourSpace(family)
        fill = operator.islower()
        what = f"填色（{operator}）" if fill else f"線條色（{operator}）"

        def handle(_operands: Any, frame: _Frame) -> None:
            self._colour(space, frame.page, f"{frame.where}：{what}")
            if fill:
                frame.state.fill = space
            else:
                frame.state.stroke = space

        return handle

    def _op_cs(self, operands: Any, frame: _Frame, fill: bool = True) -> None:
        if not operands:
            return
        space = resolve(operands[0], frame.resources)
        operator = "cs" if fill else "CS"
        what = f"填色（{operator}）" if fill else f"線條色（{operator}）"
        self._colour(space, frame.page, f"{frame.where}：{what}")
        if fill:
            frame.state.fill = space
        else:
            frame.state.stroke = space

    def _op_CS(self, operands: Any, frame: _Frame) -> None:
        self._op_cs(operands, frame, fill=False)

    def _op_scn(self, operands: Any, frame: _Frame) -> None:
        if operands and isinstance(operands[-1], pikepdf.Name):
            self._pattern(operands[-1], frame.resources, frame.state, frame.page, frame.where,
                          frame.base_ctm)

    def _op_sh(self, operands: Any, frame: _Frame) -> None:
        if operands:
            shading = _get(_get(frame.resources, "/Shading"), operands[0])
            self._colour(resolve(_get(shading, "/ColorSpace"), frame.resources), frame.page,
                         f"{frame.where}：漸層（sh）")

    def _op_Do(self, operands: Any, frame: _Frame) -> None:
        if operands:
            self._xobject(operands[0], frame.resources, frame.state, frame.page, frame.where)

    def _op_Tf(self, operands: Any, frame: _Frame) -> None:
        if len(operands) < 2:
            return
        name = operands[0]  # the name object itself: its bytes need not be UTF-8
        if not isinstance(name, pikepdf.Name):
            return
        if name not in frame.fonts:
            font = _get(_get(frame.resources, "/Font"), name)
            frame.fonts[name] = font if isinstance(font, pikepdf.Dictionary) else None
        frame.state.font = frame.fonts[name]
        frame.state.font_size = _number(operands[1], 1.0)

    def _op_BT(self, _operands: Any, frame: _Frame) -> None:
        frame.state.text_matrix = IDENTITY

    def _op_Tm(self, operands: Any, frame: _Frame) -> None:
        frame.state.text_matrix = operands  # converted only when a Type3 glyph needs it

    def _op_BDC(self, operands: Any, frame: _Frame) -> None:
        hides = False
        if len(operands) >= 2 and name_text(operands[0]) == "/OC":
            properties = operands[1]
            if isinstance(properties, pikepdf.Name):
                properties = _get(_get(frame.resources, "/Properties"), properties)
            hides = self._hidden(properties)
        frame.marked.append(hides)
        frame.hidden += hides

    def _op_BMC(self, _operands: Any, frame: _Frame) -> None:
        frame.marked.append(False)

    def _op_EMC(self, _operands: Any, frame: _Frame) -> None:
        if frame.marked:
            frame.hidden -= frame.marked.pop()

    def _hidden(self, group: Any) -> bool:
        """Whether an optional-content group (or membership dictionary) is off by default."""
        if not isinstance(group, pikepdf.Dictionary):
            return False
        if name_text(group.get("/Type", "")) == "/OCMD":
            listed = group.get("/OCGs")
            members: list[Any] = list(listed) if isinstance(listed, pikepdf.Array) else [listed]
            groups = [m for m in members if isinstance(m, pikepdf.Dictionary)]
            return bool(groups) and all(_key(m) in self._hidden_layers for m in groups)
        return _key(group) in self._hidden_layers

    def _op_gs(self, operands: Any, frame: _Frame) -> None:
        """A soft mask set by an ExtGState draws its group form: images inside it count."""
        if not operands:
            return
        state = _get(_get(frame.resources, "/ExtGState"), operands[0])
        mask = _get(state, "/SMask")
        group = _get(mask, "/G")
        if isinstance(group, pikepdf.Stream) and _key(group) not in self._active and \
                self._first_placement(group, frame.state, frame.page):
            inner = frame.state.copy()
            self._content(group, group.get("/Resources") or frame.resources, inner, frame.page,
                          "軟遮罩（soft mask）", base_ctm=inner.ctm)

    def _op_Tr(self, operands: Any, frame: _Frame) -> None:
        if operands:
            frame.state.render_mode = int(_number(operands[0]))

    def _op_text(self, operands: Any, frame: _Frame) -> None:
        self._text(operands, frame.state, frame.resources, frame.page, frame.where)

    @property
    def _handlers(self) -> dict[str, Callable[[Any, _Frame], None]]:
        handlers = self.__dict__.get("_handler_table")
        if handlers is None:
            handlers = {"q": self._op_q, "Q": self._op_Q, "cm": self._op_cm, "cs": self._op_cs,
                        "CS": self._op_CS, "scn": self._op_scn, "SCN": self._op_scn,
                        "sh": self._op_sh, "Do": self._op_Do, "Tf": self._op_Tf,
                        "BT": self._op_BT, "Tm": self._op_Tm, "Tj": self._op_text,
                        "TJ": self._op_text, "'": self._op_text, '"': self._op_text,
                        "Tr": self._op_Tr, "BDC": self._op_BDC, "BMC": self._op_BMC,
                        "EMC": self._op_EMC, "gs": self._op_gs}
            for operator in ("rg", "RG", "k", "K", "g", "G"):
                handlers[operator] = self._op_device_colour(operator)
            self.__dict__["_handler_table"] = handlers
        return handlers

    def _colour(self, space: ColourSpace, page: int, what: str) -> None:
        self.usage.colours.append(ColourUse(space, page, what))

    # --- text and fonts --------------------------------------------------------------------------

    def _text(self, operands: Any, state: _State, resources: Any, page: int, where: str) -> None:
        font = state.font
        if font is None:
            said = f"第 {page} 頁的{where}在未選字型時顯示文字。"
            if said not in self.usage.problems[-20:]:  # once, not once per string
                self.usage.problems.append(said)
            return
        key = _key(font)
        use = self.usage.fonts.setdefault(key, FontUse(font))
        (use.invisible_pages if state.render_mode == 3 else use.pages).add(page)
        wants = self._wants.get(key)
        if wants is None:
            wants = self._wants[key] = self.want_strings(font)
        if wants:
            for operand in operands:
                values = operand if isinstance(operand, pikepdf.Array) else [operand]
                for value in values:
                    if isinstance(value, pikepdf.String):
                        use.strings.append((page, bytes(value)))
        if key not in self._type3_done and name_text(font.get("/Subtype", "")) == "/Type3":
            self._type3_done.add(key)
            glyph_matrix = multiply(_matrix(font.get("/FontMatrix")),
                                    multiply((state.font_size, 0, 0, state.font_size, 0, 0),
                                             multiply(_text_matrix(state), state.ctm)))
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
        xobject = _get(_get(resources, "/XObject"), name)
        if not isinstance(xobject, pikepdf.Stream):
            self.usage.problems.append(f"第 {page} 頁引用了不存在的物件 {name_text(name)}。")
            return
        subtype = name_text(xobject.get("/Subtype", ""))
        if self._hidden(xobject.get("/OC")):
            self.usage.hidden_pages.add(page)
            return
        if subtype == "/Image":
            self._image(xobject, resources, state, page, where, inline=False)
        elif subtype == "/Form":
            matrix = _matrix(xobject.get("/Matrix"))
            inner = state.copy()
            inner.ctm = multiply(matrix, state.ctm)
            if _key(xobject) in self._active:
                self.usage.problems.append(f"第 {page} 頁的表單物件（Form XObject）有循環引用，已略過。")
                return
            if not self._first_placement(xobject, inner, page):
                return
            form_resources = xobject.get("/Resources") or resources
            self._declare_fonts(form_resources, page)
            self._content(xobject, form_resources, inner, page, "表單物件（Form XObject）",
                          base_ctm=inner.ctm)

    def _first_placement(self, form: Any, state: _State, page: int) -> bool:
        """Whether to walk this placement of a form: once per form and scale class (fonts and
        colours do not change with placement; an image's ppi changes with scale only), and
        no more after PLACEMENT_BUDGET placements — a file with a form placed 32 times in
        each of 6 levels (a billion placements) used to walk every one of them."""
        x_len, y_len = axis_lengths(state.ctm)
        # The fill colour too: an image mask inside paints with the colour it inherits.
        scale = (_key(form), _scale_class(x_len), _scale_class(y_len), repr(state.fill))
        if scale in self._placed:
            return False
        self.form_placements += 1
        if self.form_placements > PLACEMENT_BUDGET:
            if self.form_placements == PLACEMENT_BUDGET + 1:
                self.usage.problems.append(
                    f"第 {page} 頁起表單物件的擺放超過 {PLACEMENT_BUDGET:,} 次，其餘未逐一檢查"
                    "（檔案過於複雜）。")
            return False
        self._placed.add(scale)
        return True

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
                if "JPXDecode" in name_text(filters):
                    space = ColourSpace("JPX")
            self._colour(space, page, f"{where}：{'內嵌影像' if inline else '影像'}")
        x_len, y_len = axis_lengths(state.ctm)
        x_ppi = width * 72 / x_len if x_len > 1e-9 else float("inf")
        y_ppi = height * 72 / y_len if y_len > 1e-9 else float("inf")
        self.usage.images.append(ImagePlacement(page, width, height, x_ppi, y_ppi, space.label,
                                                bits, inline, mask, where))

    def _pattern(self, name: Any, resources: Any, state: _State, page: int, where: str,
                 base_ctm: Matrix) -> None:
        pattern = _get(_get(resources, "/Pattern"), name)
        if pattern is None:
            return
        matrix = multiply(_matrix(_get(pattern, "/Matrix")), base_ctm)
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
            # Only the state shown: an unchecked box whose "off" state has no appearance
            # shows nothing (its "on" glyph in ZapfDingbats is not used).
            state_name = _get(annotation, "/AS")
            chosen = appearance.get(state_name) if isinstance(state_name, pikepdf.Name) else None
            streams = [chosen] if isinstance(chosen, pikepdf.Stream) else []
        rect = _box(_get(annotation, "/Rect"), (0.0, 0.0, 0.0, 0.0))
        for stream in streams:
            matrix = _matrix(stream.get("/Matrix"))
            bbox = _box(stream.get("/BBox"))
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
