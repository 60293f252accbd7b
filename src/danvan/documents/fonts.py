"""Which installed serif font can write Vietnamese, for the PDF and the chart images.

Nghị định 30/2020 asks for Times New Roman. Where it is not installed, a font with the same metrics
(Liberation Serif, Tinos, TeX Gyre Termes) keeps the page breaks an official sees in Word. Debian 12's
`fonts-liberation2` package keeps Liberation Serif 2.x (with every Vietnamese letter) in
`/usr/share/fonts/truetype/liberation2/`, while the older `fonts-liberation` (1.x, without them) uses
`liberation/`; other systems keep fonts elsewhere. So each family is looked for in the folders we
know and then through fontconfig (`fc-match`), and chosen only when its regular face has every
precomposed Vietnamese letter (ậ, ơ, ữ...). DejaVu Serif, shipped inside matplotlib, always does and
is the last resort.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib.ft2font import FT2Font

VIETNAMESE_LETTERS = (
    "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹĂăĐđĨĩŨũƠơƯư"
)
STYLES = ("Regular", "Bold", "Italic", "Bold Italic")
# Families with the metrics of Times New Roman, best first.
TIMES_METRIC = ("Times New Roman", "Liberation Serif", "Tinos", "TeX Gyre Termes")
# (family name, folders, file pattern, file name of each style); Times-metric families first.
CANDIDATES = [
    (
        "Times New Roman",
        [Path("/usr/share/fonts/truetype/msttcorefonts"), Path("/usr/share/fonts/TTF")],
        "Times_New_Roman{}.ttf",
        ("", "_Bold", "_Italic", "_Bold_Italic"),
    ),
    (
        "Liberation Serif",
        [
            Path("/usr/share/fonts/truetype/liberation2"),  # Debian 12, Ubuntu: fonts-liberation2
            Path("/usr/share/fonts/liberation-serif"),  # Fedora
            Path("/usr/share/fonts/liberation"),  # Arch
            Path("/usr/share/fonts/TTF"),
            Path("/usr/share/fonts/truetype/liberation"),  # fonts-liberation 1.x: usually lacks Vietnamese
        ],
        "LiberationSerif-{}.ttf",
        ("Regular", "Bold", "Italic", "BoldItalic"),
    ),
    (
        "Tinos",
        [Path("/usr/share/fonts/truetype/croscore"), Path("/usr/share/fonts/google-crosextra-tinos")],
        "Tinos-{}.ttf",
        ("Regular", "Bold", "Italic", "BoldItalic"),
    ),
]
DEJAVU = [
    (
        "DejaVu Serif",
        [Path("/usr/share/fonts/truetype/dejavu"), Path(matplotlib.get_data_path()) / "fonts" / "ttf"],
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


def _fontconfig(family: str) -> tuple[Path, Path, Path, Path] | None:
    """The four faces of `family` as fontconfig finds them, wherever the system keeps them."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    paths = []
    for style in STYLES:
        try:
            out = subprocess.run(  # noqa: S603 (fc-match from PATH, a fixed family name)
                [fc_match, "-f", "%{family}\n%{file}", f"{family}:style={style}"],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        names, _, file = out.partition("\n")
        # fc-match always answers; a substitute family is not the one asked for.
        if family not in names.split(",") or not file:
            return None
        paths.append(Path(file))
    return tuple(paths)  # type: ignore[return-value]


def _complete(paths) -> bool:
    return all(p.exists() for p in paths) and _writes_vietnamese(paths[0])


@cache
def serif_family() -> tuple[str, tuple[Path, Path, Path, Path]]:
    """(family name, four face files) of the first complete family that writes Vietnamese."""
    for name, folders, pattern, styles in CANDIDATES:
        for folder in folders:
            paths = tuple(folder / pattern.format(s) for s in styles)
            if _complete(paths):
                return name, paths  # type: ignore[return-value]
        found = _fontconfig(name)
        if found and _complete(found):
            return name, found
    found = _fontconfig("TeX Gyre Termes")
    if found and _complete(found):
        return "TeX Gyre Termes", found
    for name, folders, pattern, styles in DEJAVU:
        for folder in folders:
            paths = tuple(folder / pattern.format(s) for s in styles)
            if _complete(paths):
                return name, paths  # type: ignore[return-value]
    raise RuntimeError("Không tìm thấy phông chữ có dấu tiếng Việt.")


def is_times_metric(family: str) -> bool:
    """Whether text set in `family` breaks lines and pages as in Times New Roman."""
    return any(family.replace(" ", "").lower().startswith(t.replace(" ", "").lower()) for t in TIMES_METRIC)
