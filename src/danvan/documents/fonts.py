"""Which installed serif font can write Vietnamese, for the PDF and the chart images.

Some builds of Liberation Serif lack the precomposed Vietnamese letters (ậ, ơ, ữ...), so a family is
chosen only when its regular face has every one of them; DejaVu Serif, shipped inside matplotlib, always
does and is the last resort.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import matplotlib
from matplotlib.ft2font import FT2Font

VIETNAMESE_LETTERS = (
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹĂăĐđĨĩŨũƠơƯư"
)
# (family name, folder, file pattern, styles: regular, bold, italic, bold italic); Times first.
CANDIDATES = [
    (
        "Times New Roman",
        Path("/usr/share/fonts/truetype/msttcorefonts"),
        "Times_New_Roman{}.ttf",
        ("", "_Bold", "_Italic", "_Bold_Italic"),
    ),
    (
        "Liberation Serif",
        Path("/usr/share/fonts/truetype/liberation"),
        "LiberationSerif-{}.ttf",
        ("Regular", "Bold", "Italic", "BoldItalic"),
    ),
    (
        "DejaVu Serif",
        Path("/usr/share/fonts/truetype/dejavu"),
        "DejaVuSerif{}.ttf",
        ("", "-Bold", "-Italic", "-BoldItalic"),
    ),
    (
        "DejaVu Serif",
        Path(matplotlib.get_data_path()) / "fonts" / "ttf",
        "DejaVuSerif{}.ttf",
        ("", "-Bold", "-Italic", "-BoldItalic"),
    ),
]


def _writes_vietnamese(path: Path) -> bool:
    try:
        charmap = FT2Font(str(path)).get_charmap()
    except (OSError, RuntimeError):
        return False
    return all(ord(ch) in charmap for ch in VIETNAMESE_LETTERS)


@cache
def serif_family() -> tuple[str, tuple[Path, Path, Path, Path]]:
    """(family name, four face files) of the first complete family that writes Vietnamese."""
    for name, folder, pattern, styles in CANDIDATES:
        paths = tuple(folder / pattern.format(s) for s in styles)
        if all(p.exists() for p in paths) and _writes_vietnamese(paths[0]):
            return name, paths  # type: ignore[return-value]
    raise RuntimeError("Không tìm thấy phông chữ có dấu tiếng Việt.")
