"""People of prestige and religious life (người có uy tín, già làng, chức sắc, chức việc), the religious
organisations and places of worship of the commune, and the contacts the commune keeps with them (visits,
greetings on Tết and religious holidays, meetings, what was raised).

A person's ethnic group and religion are sensitive personal data (Nghị định 13/2023/NĐ-CP, Điều 2 khoản 4):
they are stored apart in `SensitiveDetails`, with no reverse accessor, and read only through
`prestige.services.sensitive_for`, which checks the permission and audits every read."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Organisation(models.Model):
    """Tổ chức tôn giáo, tổ chức tôn giáo trực thuộc, or a registered group (nhóm sinh hoạt tôn giáo tập
    trung) active in the commune."""

    class Religion(models.TextChoices):
        BUDDHISM = "buddhism", "Phật giáo"
        CATHOLIC = "catholic", "Công giáo"
        PROTESTANT = "protestant", "Tin lành"
        CAODAI = "caodai", "Cao Đài"
        HOAHAO = "hoahao", "Phật giáo Hòa Hảo"
        ISLAM = "islam", "Hồi giáo"
        OTHER = "other", "Tôn giáo khác"

    class Status(models.TextChoices):
        RECOGNISED = "recognised", "Tổ chức tôn giáo được công nhận"
        AFFILIATE = "affiliate", "Tổ chức tôn giáo trực thuộc"
        REGISTERED_GROUP = "registered_group", "Nhóm sinh hoạt tôn giáo tập trung đã đăng ký"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("tên tổ chức", max_length=200)
    religion = models.CharField("tôn giáo", max_length=12, choices=Religion.choices)
    status = models.CharField("tư cách pháp lý", max_length=16, choices=Status.choices)
    followers = models.PositiveIntegerField("số tín đồ (ước tính)", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "tổ chức tôn giáo"
        verbose_name_plural = "tổ chức tôn giáo"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="prestige_organisation_once")]

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    """Cơ sở tôn giáo, cơ sở tín ngưỡng: chùa, nhà thờ, nhà nguyện, thánh thất, đình, miếu, điểm nhóm."""

    class Kind(models.TextChoices):
        PAGODA = "pagoda", "Chùa, tịnh xá, niệm phật đường"
        CHURCH = "church", "Nhà thờ, nhà nguyện"
        TEMPLE = "temple", "Thánh thất, thánh đường"
        COMMUNAL = "communal", "Đình, đền, miếu (tín ngưỡng)"
        GATHERING = "gathering", "Địa điểm sinh hoạt tôn giáo tập trung"
        OTHER = "other", "Khác"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("tên cơ sở", max_length=200)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="places"
    )
    village = models.ForeignKey(
        "geo.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address = models.CharField("địa chỉ", max_length=300, blank=True)

    class Meta:
        verbose_name = "cơ sở tôn giáo, tín ngưỡng"
        verbose_name_plural = "cơ sở tôn giáo, tín ngưỡng"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Người có uy tín, già làng, trưởng dòng họ, chức sắc, chức việc, nhà tu hành."""

    class Kind(models.TextChoices):
        PRESTIGE = "prestige", "Người có uy tín trong đồng bào dân tộc thiểu số"
        ELDER = "elder", "Già làng"
        CLAN_HEAD = "clan_head", "Trưởng dòng họ"
        DIGNITARY = "dignitary", "Chức sắc tôn giáo"
        OFFICIAL = "official", "Chức việc tôn giáo"
        OTHER = "other", "Người có uy tín khác trong cộng đồng"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    full_name = models.CharField("họ và tên", max_length=150)
    kind = models.CharField("là", max_length=10, choices=Kind.choices)
    title = models.CharField("chức danh, phẩm vị", max_length=150, blank=True)
    village = models.ForeignKey(
        "geo.Village", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    phone = models.CharField("số điện thoại", max_length=20, blank=True)
    recognised_on = models.DateField("ngày được bình chọn, công nhận", null=True, blank=True)
    is_active = models.BooleanField("còn theo dõi", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "người có uy tín"
        verbose_name_plural = "người có uy tín"
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name


class SensitiveDetails(models.Model):
    """Dân tộc, tôn giáo of a person: optional, recorded only with a purpose, read only by those entitled
    (org/rules.py `prestige.view_sensitive`), each read audited. No reverse accessor."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="+", primary_key=True)
    ethnic_group = models.CharField("dân tộc", max_length=50, blank=True)
    religion = models.CharField("tôn giáo", max_length=50, blank=True)
    purpose = models.CharField("mục đích xử lý", max_length=300)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "thông tin dân tộc, tôn giáo"
        verbose_name_plural = "thông tin dân tộc, tôn giáo"

    def __str__(self) -> str:
        return "thông tin dân tộc, tôn giáo"  # never the values themselves


class Contact(models.Model):
    """Lần tiếp xúc: a visit, a greeting on Tết or a religious holiday, a meeting; what was raised and
    what the commune answered; what was raised may become a petition (`petition`)."""

    class Kind(models.TextChoices):
        VISIT = "visit", "Thăm hỏi"
        TET = "tet", "Thăm, chúc Tết"
        HOLIDAY = "holiday", "Chúc mừng lễ tôn giáo"
        MEETING = "meeting", "Gặp mặt, hội nghị, đối thoại"
        CALL = "call", "Trao đổi qua điện thoại"
        OTHER = "other", "Khác"

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    kind = models.CharField("hình thức", max_length=8, choices=Kind.choices)
    on = models.DateField("ngày")
    occasion = models.CharField("dịp", max_length=200, blank=True)
    officials = models.CharField("cán bộ tham gia", max_length=300)
    raised = models.TextField("nội dung được nêu, đề đạt", blank=True)
    answer = models.TextField("ý kiến trả lời, tiếp thu của xã", blank=True)
    petition = models.ForeignKey(
        "petitions.Petition", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lần tiếp xúc"
        verbose_name_plural = "lần tiếp xúc"
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["commune", "on"], name="prestige_contact_on")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="prestige_contact_with_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"
