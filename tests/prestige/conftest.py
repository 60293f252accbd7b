from __future__ import annotations

import pytest
from django.utils import timezone

from danvan.geo.models import Village
from danvan.prestige import services
from danvan.prestige.models import Contact, Organisation, Person

TODAY = timezone.localdate


@pytest.fixture
def parish(people, commune):
    return services.organisation_save(
        by=people.coordinator,
        commune=commune,
        name="Giáo họ Thôn 1",
        religion=Organisation.Religion.CATHOLIC,
        status=Organisation.Status.AFFILIATE,
    )


@pytest.fixture
def priest(people, commune, parish):
    return services.person_save(
        by=people.coordinator,
        commune=commune,
        full_name="Giuse Trần Văn An",
        kind=Person.Kind.DIGNITARY,
        title="Linh mục",
        organisation=parish,
        village=Village.objects.get(commune=commune, name="Thôn 1"),
    )


def visit(people, commune, person, **kw) -> Contact:
    args = {
        "by": people.leader,
        "commune": commune,
        "person": person,
        "kind": Contact.Kind.HOLIDAY,
        "on": TODAY(),
        "occasion": "Lễ Giáng sinh",
        "officials": "Chủ tịch UBND xã",
        "raised": "Đề nghị sửa đoạn đường trước nhà thờ bị ngập khi mưa.",
    }
    return services.contact_record(**{**args, **kw})
