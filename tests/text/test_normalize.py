"""Folding Vietnamese text: the fast accent stripping gives what full decomposition gives."""


def test_fast_accent_stripping_agrees_with_decomposition_on_every_vietnamese_letter():
    from danvan.text.normalize import _slow_strip, strip_accents

    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    for text in (letters, letters.upper(), "Tà Đùng", "Hoà – Hòa", "e\u0301 (NFD)", "naïve ñ ç"):
        assert strip_accents(text) == _slow_strip(text)
