"""What an app that issues documents tells the register: who may open one of its documents and how to
fill its per-reader placeholders (the petitions app fills the sender's name only for those entitled to
it, and lets only those who may see a denunciation's content open its letters). Registered at start-up
from the app's `ready()`; a document without a registered source opens for every staff member of its
commune and has nothing to fill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from danvan.documents import nd30
from danvan.outgoing.models import OutgoingDocument


@dataclass(frozen=True)
class Source:
    may_open: Callable[[object, OutgoingDocument], bool]
    fill: Callable[[object, OutgoingDocument], dict[str, str]]


_SOURCES: dict[str, Source] = {}


def register(name: str, *, may_open, fill) -> None:
    _SOURCES[name] = Source(may_open=may_open, fill=fill)


def may_open(user, document: OutgoingDocument) -> bool:
    source = _SOURCES.get(document.source)
    return True if source is None else bool(source.may_open(user, document))


def _filled(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def as_nd30(document: OutgoingDocument, user) -> nd30.Document:
    """The issued document for this reader: its number, date, the commune's header and its text with
    the placeholders filled as this reader may see them."""
    source = _SOURCES.get(document.source)
    values = source.fill(user, document) if source else {}
    content = document.content
    parent, issuer = nd30.issuer_lines(document.commune)
    header = nd30.Header(
        issuer=issuer,
        issuer_parent=parent,
        number=nd30.number_line(document.number, document.symbol),
        place_date=nd30.date_line(document.commune.short_name, document.issued_on),
    )
    return nd30.Document(
        header=header,
        title=content["title"],
        subtitle=_filled(content.get("subtitle", ""), values),
        blocks=[nd30.Block(heading="", paragraphs=[_filled(p, values) for p in content["paragraphs"]])],
        recipients=[_filled(r, values) for r in content["recipients"]],
        signature=nd30.Signature(lines=list(content["signature_lines"]), name=content["signer_name"]),
    )
