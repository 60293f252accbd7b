"""Shared helpers of the public-opinion log tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.geo.models import Village
from danvan.opinion import services
from danvan.petitions.models import Field


def today() -> dt.date:
    return timezone.localdate()


def field(name: str = "Đất đai") -> Field:
    return Field.objects.filter(commune=None, name__icontains=name).first() or Field.objects.create(name=name)


def village_1(commune) -> Village:
    return Village.objects.get(commune=commune, name="Thôn 1")


def record(by, commune, *, village=None, fld=None, level="stable", source="meeting", days_ago=0, **kw):
    return services.entry_record(
        by=by,
        commune=commune,
        data=services.EntryInput(
            observed_on=today() - dt.timedelta(days=days_ago),
            village=village,
            field=fld,
            summary=kw.pop("summary", "Bà con hỏi về tiến độ làm đường liên thôn."),
            level=level,
            source=source,
            **kw,
        ),
    )
