"""XML of outside files parsed as a stream, without a document type: no DTD, so no entity
can expand (the 'billion laughs') and nothing external is fetched — what defusedxml does,
done with the standard expat parser. Names arrive without their namespace prefix."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NoReturn
from xml.parsers import expat

from app.intake.limits import LimitExceeded
from app.intake.messages import (
    BAD_XML,
    DOCTYPE,
    XML_CONTROL_CHARACTER,
    XML_INVALID_CHARACTER,
    XML_OTHER,
    XML_TAG_MISMATCH,
    XML_TRUNCATED,
    XML_UNDEFINED_ENTITY,
)

Start = Callable[[str, dict[str, str]], None]
End = Callable[[str], None]
Text = Callable[[str], None]


_PROBLEMS = {
    expat.errors.XML_ERROR_BAD_CHAR_REF: XML_CONTROL_CHARACTER,
    expat.errors.XML_ERROR_INVALID_TOKEN: XML_INVALID_CHARACTER,
    expat.errors.XML_ERROR_NO_ELEMENTS: XML_TRUNCATED,
    expat.errors.XML_ERROR_UNCLOSED_TOKEN: XML_TRUNCATED,
    expat.errors.XML_ERROR_PARTIAL_CHAR: XML_TRUNCATED,
    expat.errors.XML_ERROR_TAG_MISMATCH: XML_TAG_MISMATCH,
    expat.errors.XML_ERROR_UNDEFINED_ENTITY: XML_UNDEFINED_ENTITY,
}


def _problem(code: int) -> str:
    """expat's error, said in the officer's words (its own text is English)."""
    for name, sentence in _PROBLEMS.items():
        if expat.errors.codes.get(name) == code:
            return sentence
    return XML_OTHER.format(code=code)


def local(name: str) -> str:
    """`uri local` (expat's namespace form) → `local`."""
    return name.rpartition(" ")[2]


class XmlStream:
    """One part of a file, fed chunk by chunk to handlers that see local names."""

    def __init__(self, file_name: str, part: str, start: Start, end: End, text: Text):
        self.file_name, self.part = file_name, part
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._refuse_doctype
        parser.EntityDeclHandler = self._refuse_doctype
        parser.ExternalEntityRefHandler = self._refuse_external
        parser.StartElementHandler = lambda name, attrs: start(
            local(name), {local(k): v for k, v in attrs.items()})
        parser.EndElementHandler = lambda name: end(local(name))
        parser.CharacterDataHandler = text
        self.parser = parser

    def _refuse_doctype(self, *_args: object) -> NoReturn:
        raise LimitExceeded(DOCTYPE.format(name=self.file_name, part=self.part),
                            limit="doctype", path=self.file_name)

    def _refuse_external(self, *_args: object) -> int:
        self._refuse_doctype()

    def feed(self, chunk: bytes, final: bool = False) -> None:
        """Parse `chunk`; a malformed document ends in a sentence naming the line."""
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            raise LimitExceeded(BAD_XML.format(
                name=self.file_name, part=self.part, line=exc.lineno,
                problem=_problem(exc.code)),
                limit="xml", path=self.file_name) from exc

    def feed_all(self, chunks: Iterable[bytes]) -> None:
        """Parse a whole part."""
        for chunk in chunks:
            self.feed(chunk)
        self.feed(b"", final=True)
