from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.training import services
from danvan.training.models import Topic

TODAY = timezone.localdate


@pytest.fixture
def course(people, commune):
    return services.course_save(
        by=people.coordinator,
        commune=commune,
        title="Tập huấn dân vận khéo",
        topic=Topic.MASS_MOBILISATION,
        organiser="UBND xã",
        starts_on=TODAY() - dt.timedelta(days=3),
        ends_on=TODAY() - dt.timedelta(days=2),
        place="Hội trường UBND xã",
        hours="8",
    )
