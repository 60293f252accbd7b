"""Administrative units: province, commune (the tenant of almost every record), village."""

from __future__ import annotations

from django.db import models


def _in_sentence(name: str) -> str:
    """Inside a sentence the type of a division is written in lower case: "UBND xã Tà Đùng",
    "UBND tỉnh Lâm Đồng", "thành phố Hà Nội"; the proper name keeps its capitals."""
    for kind in ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu "):
        if name.startswith(kind):
            return kind.lower() + name[len(kind) :]
    return name


class Province(models.Model):
    """Tỉnh / thành phố trực thuộc trung ương (34 từ 01/7/2025, NQ 202/2025/QH15)."""

    # Official 2-digit code (QĐ 19/2025/QĐ-TTg); a code is never reused, so it is the key.
    code = models.CharField("mã", max_length=2, primary_key=True)
    name = models.CharField("tên", max_length=100)
    division_type = models.CharField("loại", max_length=40)
    slug = models.SlugField("địa chỉ", max_length=100, unique=True)

    class Meta:
        verbose_name = "tỉnh/thành phố"
        verbose_name_plural = "tỉnh/thành phố"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        """'Lâm Đồng' -> 'Tỉnh Lâm Đồng'; the official list names the 28 provinces without their type."""
        if self.division_type == "tỉnh" and not self.name.startswith("Tỉnh "):
            return f"Tỉnh {self.name}"
        return self.name

    @property
    def body_word(self) -> str:
        """What the workspace calls this body in a sentence: "xã", "phường", "đặc khu" or "cơ quan"."""
        return self.division_type or "xã"

    @property
    def committee(self) -> str:
        """Who acts for it: "UBND xã" for a commune; an agency acts in its own name."""
        return self.name if self.is_agency else f"UBND {self.body_word}"

    @property
    def in_sentence(self) -> str:
        """'tỉnh Lâm Đồng', 'thành phố Hà Nội': the full name as written inside a sentence."""
        return _in_sentence(self.full_name)

    @property
    def short_name(self) -> str:
        """'Tỉnh Lâm Đồng' -> 'Lâm Đồng'."""
        for prefix in ("Thành phố ", "Tỉnh "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


class Commune(models.Model):
    """Xã / phường / đặc khu (3.321 từ 01/7/2025); chủ thể của hầu hết dữ liệu."""

    class DivisionType(models.TextChoices):
        XA = "xã", "Xã"
        PHUONG = "phường", "Phường"
        DAC_KHU = "đặc khu", "Đặc khu"
        # A provincial agency (sở, Văn phòng UBND tỉnh…) run as a body of its own: code "C" + province
        # code + a number, outside the official 5-digit range, so it never meets an official code.
        AGENCY = "cơ quan", "Cơ quan, đơn vị cấp tỉnh"

    # Official 5-digit code (QĐ 19/2025/QĐ-TTg), kept as the key.
    code = models.CharField("mã", max_length=5, primary_key=True)
    province = models.ForeignKey(
        Province, verbose_name="tỉnh", on_delete=models.PROTECT, related_name="communes"
    )
    name = models.CharField("tên", max_length=100)
    division_type = models.CharField("loại", max_length=10, choices=DivisionType.choices)
    # The portal address /xa/<slug>/. Set once when the commune is first loaded and never changed,
    # so a printed address keeps working after the official list grows.
    slug = models.SlugField("địa chỉ cổng thông tin", max_length=120, unique=True)
    is_active = models.BooleanField("đang dùng hệ thống", default=False)
    activated_at = models.DateTimeField("ngày kích hoạt", null=True, blank=True)
    # Vùng sâu, vùng xa: longer legal deadlines for complaints (Luật Khiếu nại 2011, Điều 28, 37).
    is_remote_area = models.BooleanField("vùng sâu, vùng xa", default=False)

    class Meta:
        verbose_name = "xã/phường"
        verbose_name_plural = "xã/phường"
        ordering = ["province_id", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_agency(self) -> bool:
        """A provincial agency, not a commune: no villages, no public portal, its own internal units."""
        return self.division_type == self.DivisionType.AGENCY

    @property
    def body_word(self) -> str:
        """What the workspace calls this body in a sentence: "xã", "phường", "đặc khu" or "cơ quan"."""
        return self.division_type or "xã"

    @property
    def committee(self) -> str:
        """Who acts for it: "UBND xã" for a commune; an agency acts in its own name."""
        return self.name if self.is_agency else f"UBND {self.body_word}"

    @property
    def in_sentence(self) -> str:
        """'xã Tà Đùng': the name as written inside a sentence ("UBND xã Tà Đùng báo cáo...")."""
        return _in_sentence(self.name)

    @property
    def short_name(self) -> str:
        """'Xã Tà Đùng' -> 'Tà Đùng'."""
        for prefix in ("Đặc khu ", "Phường ", "Xã "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name


class Village(models.Model):
    """Thôn, tổ dân phố, bản, buôn, ấp... do từng xã nhập."""

    class Kind(models.TextChoices):
        THON = "thon", "Thôn"
        TO_DAN_PHO = "to_dan_pho", "Tổ dân phố"
        BAN = "ban", "Bản"
        BUON = "buon", "Buôn/Bon"
        AP = "ap", "Ấp"
        KHU_PHO = "khu_pho", "Khu phố"
        OTHER = "khac", "Khác"

    commune = models.ForeignKey(Commune, verbose_name="xã", on_delete=models.PROTECT, related_name="villages")
    name = models.CharField("tên", max_length=100)
    kind = models.CharField("loại", max_length=20, choices=Kind.choices, default=Kind.THON)
    households = models.PositiveIntegerField("số hộ", null=True, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)

    class Meta:
        verbose_name = "thôn/tổ dân phố"
        verbose_name_plural = "thôn/tổ dân phố"
        ordering = ["commune_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "name"], name="village_unique_name_per_commune"),
        ]

    def __str__(self) -> str:
        return self.name
