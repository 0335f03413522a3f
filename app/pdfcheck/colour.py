"""Colour spaces: resolve what a content stream or image names into the families of the PDF
specification (DeviceCMYK, ICCBased with its N, Indexed with its base, Separation, …)."""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

from app.pdfcheck.pdfnames import name_text

DEVICE_NAMES = {"/DeviceRGB": "DeviceRGB", "/DeviceCMYK": "DeviceCMYK",
                "/DeviceGray": "DeviceGray", "/RGB": "DeviceRGB", "/CMYK": "DeviceCMYK",
                "/G": "DeviceGray", "/Pattern": "Pattern"}
"""Names usable directly; the short forms are the inline-image abbreviations."""


@dataclass(frozen=True)
class ColourSpace:
    """A resolved space: family, components (ICC N), and for Indexed/Pattern the base."""

    family: str
    components: int | None = None
    base: ColourSpace | None = None
    spot_names: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """As written in reports: ICCBased(N=4), Indexed(DeviceRGB), Separation(PANTONE …)."""
        if self.family == "ICCBased":
            return f"ICCBased(N={self.components})"
        if self.family == "Indexed" and self.base is not None:
            return f"Indexed({self.base.label})"
        if self.spot_names:
            return f"{self.family}({', '.join(self.spot_names)})"
        return self.family

    def families(self) -> list[str]:
        """Itself and the spaces it is built on (Indexed adds its base)."""
        return [self.family, *(self.base.families() if self.base else [])]

    def is_cmyk(self) -> bool:
        """DeviceCMYK, ICCBased N=4, or an Indexed space over one of those."""
        if self.family == "DeviceCMYK":
            return True
        if self.family == "ICCBased":
            return self.components == 4
        if self.family == "Indexed":
            return self.base is not None and self.base.is_cmyk()
        return False

    def is_spot(self) -> bool:
        """Separation / DeviceN (spot colours)."""
        return self.family in ("Separation", "DeviceN")


UNKNOWN = ColourSpace("Unknown")


def _name(value: object) -> str:
    return name_text(value) if isinstance(value, pikepdf.Name) else ""


def resolve(value: object, resources: pikepdf.Dictionary | None, depth: int = 0) -> ColourSpace:
    """Resolve a colour space operand, image /ColorSpace entry or resource name."""
    if depth > 8 or value is None:
        return UNKNOWN
    name = _name(value)
    if name:
        if name in DEVICE_NAMES:
            return ColourSpace(DEVICE_NAMES[name])
        named = None
        if resources is not None:
            spaces = resources.get("/ColorSpace")
            if isinstance(spaces, pikepdf.Dictionary):
                named = spaces.get(name)
        return resolve(named, None, depth + 1) if named is not None else ColourSpace(
            f"Unresolved{name}")
    if isinstance(value, pikepdf.Array) and len(value) > 0:
        family = _name(value[0]).lstrip("/")
        if family == "ICCBased" and len(value) > 1:
            stream = value[1]
            components = int(stream.get("/N", 0)) if isinstance(stream, pikepdf.Stream) else 0
            return ColourSpace("ICCBased", components or None)
        if family in ("Indexed", "I") and len(value) > 1:
            return ColourSpace("Indexed", base=resolve(value[1], resources, depth + 1))
        if family == "Pattern":
            base = resolve(value[1], resources, depth + 1) if len(value) > 1 else None
            return ColourSpace("Pattern", base=base)
        if family == "Separation" and len(value) > 1:
            return ColourSpace("Separation", spot_names=(_name(value[1]).lstrip("/"),))
        if family == "DeviceN" and len(value) > 1 and isinstance(value[1], pikepdf.Array):
            return ColourSpace("DeviceN", spot_names=tuple(_name(v).lstrip("/")
                                                           for v in value[1]))
        if family in ("CalRGB", "CalGray", "Lab", "CalCMYK"):
            return ColourSpace(family)
        if family in ("DeviceRGB", "DeviceCMYK", "DeviceGray"):
            return ColourSpace(family)
    return UNKNOWN
