"""Field and unit suggestions: the keywords, a commune's trained model, each petition's suggestion."""

from __future__ import annotations

from django.db import models

from danvan.petitions.models.core import Field, Petition


class FieldKeyword(models.Model):
    """Từ khóa gợi ý lĩnh vực: a word or phrase that, found in a petition, suggests its field and, if
    given, the unit that usually handles it. Edited in the admin; a suggestion only, never a decision."""

    field = models.ForeignKey(
        Field, verbose_name="lĩnh vực", on_delete=models.CASCADE, related_name="keywords"
    )
    keyword = models.CharField("từ khóa", max_length=80)
    unit_name = models.CharField(
        "đơn vị thường xử lý",
        max_length=120,
        blank=True,
        help_text="Tên đơn vị của xã (so khớp không dấu); để trống nếu không gợi ý đơn vị.",
    )
    weight = models.PositiveSmallIntegerField(
        "trọng số",
        default=2,
        choices=[
            (1, "1 – chung, hay dùng cho việc khác"),
            (2, "2 – thường"),
            (3, "3 – đặc trưng của lĩnh vực"),
        ],
        help_text=(
            "Từ khóa nêu đúng việc của lĩnh vực (ví dụ “ổ gà”, “trạm y tế”) đặt 3; "
            "từ chung (“đường”, “hỗ trợ”) đặt 1."
        ),
    )

    class Meta:
        verbose_name = "từ khóa gợi ý lĩnh vực"
        verbose_name_plural = "từ khóa gợi ý lĩnh vực"
        ordering = ["field__sort_order", "keyword"]
        constraints = [models.UniqueConstraint(fields=["field", "keyword"], name="field_keyword_once")]

    def __str__(self) -> str:
        return self.keyword


class SuggestionModel(models.Model):
    """Mô hình gợi ý lĩnh vực, đơn vị: trained on one commune's own handled cases, with its accuracy
    measured on cases held back from training."""

    commune = models.OneToOneField(
        "geo.Commune", verbose_name="xã", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    trained_at = models.DateTimeField("thời điểm huấn luyện")
    cases = models.PositiveIntegerField("số đơn dùng để huấn luyện")
    tested = models.PositiveIntegerField("số đơn để kiểm tra")
    field_accuracy = models.FloatField("độ chính xác gợi ý lĩnh vực", null=True)
    unit_accuracy = models.FloatField("độ chính xác gợi ý đơn vị", null=True)
    keyword_accuracy = models.FloatField(
        "độ chính xác của từ khóa trên cùng các đơn kiểm tra",
        null=True,
        help_text="Mô hình chỉ được dùng khi đúng nhiều hơn từ khóa trên các đơn để kiểm tra.",
    )
    blob = models.BinaryField(editable=False)

    class Meta:
        verbose_name = "mô hình gợi ý"
        verbose_name_plural = "mô hình gợi ý"

    def __str__(self) -> str:
        return f"mô hình gợi ý của xã {self.commune_id}"

    @property
    def in_use(self) -> bool:
        """Whether suggestions come from this model: only when it beat the keywords on held-back cases."""
        if self.field_accuracy is None:
            return False
        return self.keyword_accuracy is None or self.field_accuracy > self.keyword_accuracy


class PetitionSuggestion(models.Model):
    """Gợi ý lĩnh vực và đơn vị cho một đơn, and whether the staff who classified it took it."""

    class Source(models.TextChoices):
        KEYWORDS = "keywords", "Từ khóa"
        MODEL = "model", "Mô hình học từ đơn đã xử lý"

    petition = models.OneToOneField(
        Petition, on_delete=models.CASCADE, related_name="suggestion", primary_key=True
    )
    source = models.CharField("nguồn gợi ý", max_length=10, choices=Source.choices)
    field = models.ForeignKey(
        Field,
        verbose_name="lĩnh vực gợi ý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị gợi ý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField("căn cứ gợi ý", max_length=200, blank=True)
    confidence = models.FloatField("độ tin cậy (0–1)", null=True, blank=True)
    alternatives = models.JSONField("các lĩnh vực có thể (tối đa 3, mã lĩnh vực)", default=list, blank=True)
    kind = models.CharField("loại đơn gợi ý", max_length=20, blank=True)
    kind_confidence = models.FloatField("độ tin cậy loại đơn", null=True, blank=True)
    kind_reason = models.CharField("căn cứ gợi ý loại đơn", max_length=200, blank=True)
    kind_accepted = models.BooleanField("nhận gợi ý loại đơn", null=True, blank=True)
    field_accepted = models.BooleanField("nhận gợi ý lĩnh vực", null=True, blank=True)
    unit_accepted = models.BooleanField("nhận gợi ý đơn vị", null=True, blank=True)

    class Meta:
        verbose_name = "gợi ý phân loại"
        verbose_name_plural = "gợi ý phân loại"

    def __str__(self) -> str:
        return f"gợi ý cho đơn #{self.petition_id}"

    @property
    def confidence_percent(self) -> int | None:
        return None if self.confidence is None else round(100 * self.confidence)

    @property
    def kind_label(self) -> str:
        from danvan.petitions.kinds import LABELS

        return LABELS.get(self.kind, "")

    @property
    def alternative_fields(self) -> list[Field]:
        """The likely fields other than the one suggested, in order (for the page)."""
        ids = [fid for fid in self.alternatives if fid != self.field_id]
        found = {f.pk: f for f in Field.objects.filter(pk__in=ids)}
        return [found[fid] for fid in ids if fid in found]
