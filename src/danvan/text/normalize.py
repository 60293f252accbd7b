"""Fold Vietnamese text so that names written with or without accents, case or dash variants match."""

from __future__ import annotations

import re
import unicodedata

# "đ" is a letter of its own in Unicode, not "d" plus a combining mark, so NFD alone keeps it.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})
# Word processors turn "-" into en/em dashes and minus signs; a unit name must match either way.
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Compose decomposed (NFD) Vietnamese, as some crawled or macOS-made files hold it."""
    return unicodedata.normalize("NFC", text)


def _slow_strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Every precomposed Latin letter (Vietnamese lives in Latin-1, Latin Extended-A/B and Latin Extended
# Additional) mapped to its bare letters once, so stripping a long text is one str.translate in C.
_STRIP_TABLE = {
    cp: _slow_strip(chr(cp))
    for rng in (range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for cp in rng
    if _slow_strip(chr(cp)) != chr(cp)
}
_COMBINING = re.compile(r"[\u0300-\u036f]")


def strip_accents(text: str) -> str:
    """'Tà Đùng' -> 'Ta Dung'."""
    stripped = _COMBINING.sub("", unicodedata.normalize("NFC", text).translate(_STRIP_TABLE))
    if stripped.isascii():
        return stripped
    # Letters outside the table (other scripts' marks): the general, slower way.
    return _slow_strip(stripped)


def fold(text: str) -> str:
    """A matching key: no accents, lower case, one kind of dash, single spaces, trimmed."""
    text = strip_accents(nfc(text)).lower()
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def slugify_vi(text: str) -> str:
    """A readable URL part: 'Xã Tà Đùng' -> 'xa-ta-dung'."""
    folded = fold(text)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
