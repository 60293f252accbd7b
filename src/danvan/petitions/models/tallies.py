"""Running counts of petitions per commune and month, kept by database triggers (see `petitions.tallies`)."""

from __future__ import annotations

from django.db import models


class PetitionTally(models.Model):
    """Số liệu đơn thư cộng dồn theo xã, tháng nhận đơn và lĩnh vực hoặc thôn.

    One row per commune, month of `received_on`, and dimension: `month` (the commune's whole month),
    `field` (one `Field` id, 0 = not classified yet) or `village` (one `Village` id, 0 = none). Its
    counters are what the public statistics and the report figures add up: received (a split đơn counts
    through its parts, never itself), resolved, and of those judged, on time or late. Never written by
    Python: triggers on the petitions table change it in the same statement as the petition, and
    `tallies.tallies_rebuild` recomputes it from the petitions."""

    class Dimension(models.TextChoices):
        MONTH = "m", "cả tháng"
        FIELD = "f", "lĩnh vực"
        VILLAGE = "v", "thôn"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    month = models.DateField("tháng (ngày đầu tháng)")
    dimension = models.CharField("chiều", max_length=1, choices=Dimension.choices)
    # A `Field` or `Village` id, 0 for none: a plain integer so the unique key never holds a NULL
    # (NULLs are distinct in a unique index, and the triggers' upsert needs one row per key).
    key = models.IntegerField("mã lĩnh vực hoặc thôn", default=0)
    received = models.IntegerField("đơn nhận", default=0)
    resolved = models.IntegerField("đơn đã giải quyết", default=0)
    on_time = models.IntegerField("giải quyết đúng hạn", default=0)
    late = models.IntegerField("giải quyết trễ hạn", default=0)

    class Meta:
        verbose_name = "số liệu đơn thư theo tháng"
        verbose_name_plural = "số liệu đơn thư theo tháng"
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "month", "dimension", "key"], name="petition_tally_one_row_per_key"
            ),
        ]
        indexes = [
            # The whole-month rows with their counters, so a province's or the nation's months are read
            # from this small index alone (index-only), not from the field and village rows around them.
            models.Index(
                fields=["commune", "month", "received", "resolved", "on_time", "late"],
                name="petition_tally_months",
                condition=models.Q(dimension="m"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.month:%m/%Y} {self.dimension}:{self.key}"
