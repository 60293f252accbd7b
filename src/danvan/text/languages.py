"""Languages by code, named in Vietnamese (no Django): ISO 639-3 for the minority languages a commune's
content may carry, and the interface languages a translation can be compiled for."""

from __future__ import annotations

# ISO 639-3 codes of languages spoken in Vietnamese communes, with the names residents use. Codes
# checked against SIL's ISO 639-3 register; add a language here, or a commune types its own name.
MINORITY_LANGUAGES = {
    "kpm": "Tiếng K'Ho",
    "cma": "Tiếng Mạ",
    "cmo": "Tiếng M'Nông",
    "rad": "Tiếng Ê Đê",
    "jra": "Tiếng Gia Rai",
    "bdq": "Tiếng Ba Na",
    "khm": "Tiếng Khmer",
    "hmn": "Tiếng H'Mông",
    "tyz": "Tiếng Tày",
    "nut": "Tiếng Nùng",
    "mtq": "Tiếng Mường",
}

# How the interface language chooser names each language: in that language where it has a common
# written name, else in Vietnamese (a resident reading K'Ho reads Vietnamese too).
INTERFACE_NAMES = {"vi": "Tiếng Việt", "en": "English", **MINORITY_LANGUAGES}


def interface_name(code: str) -> str:
    return INTERFACE_NAMES.get(code, code)
