"""Demo register of people of prestige and religious life for the demo commune: a parish and a pagoda
with their places and dignitaries, a village elder of Bon Đắk Mai, contacts on Tết and religious holidays
whose concerns wait to be recorded as petitions. Our own invented people; written through the services;
a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.geo.models import Commune, Village
from danvan.prestige import services
from danvan.prestige.models import Contact, Organisation, Person, Place


def demo_prestige(commune: Commune) -> None:
    if Person.objects.filter(commune=commune).exists():
        return
    by = get_user_model().objects.get(username="dieuphoi")
    today = timezone.localdate()
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    parish = services.organisation_save(
        by=by,
        commune=commune,
        name="Giáo họ Tà Đùng",
        religion=Organisation.Religion.CATHOLIC,
        status=Organisation.Status.AFFILIATE,
        followers=420,
    )
    services.place_save(
        by=by,
        commune=commune,
        name="Nhà thờ giáo họ Tà Đùng",
        kind=Place.Kind.CHURCH,
        organisation=parish,
        village=villages.get("Thôn 2"),
    )
    pagoda = services.organisation_save(
        by=by,
        commune=commune,
        name="Niệm Phật đường Thôn 3",
        religion=Organisation.Religion.BUDDHISM,
        status=Organisation.Status.AFFILIATE,
        followers=150,
    )
    services.place_save(
        by=by,
        commune=commune,
        name="Niệm Phật đường Thôn 3",
        kind=Place.Kind.PAGODA,
        organisation=pagoda,
        village=villages.get("Thôn 3"),
    )
    priest = services.person_save(
        by=by,
        commune=commune,
        full_name="Phêrô Nguyễn Văn Hiền",
        kind=Person.Kind.DIGNITARY,
        title="Linh mục quản nhiệm",
        village=villages.get("Thôn 2"),
        organisation=parish,
    )
    services.person_save(
        by=by,
        commune=commune,
        full_name="Đại đức Thích Minh Tâm",
        kind=Person.Kind.DIGNITARY,
        title="Trụ trì",
        village=villages.get("Thôn 3"),
        organisation=pagoda,
    )
    elder = services.person_save(
        by=by,
        commune=commune,
        full_name="K'Điểu",
        kind=Person.Kind.ELDER,
        title="Già làng Bon Đắk Mai",
        village=villages.get("Bon Đắk Mai"),
        recognised_on=dt.date(today.year - 1, 3, 1),
    )
    services.sensitive_save(
        by=by, person=elder, ethnic_group="M'Nông", purpose="Thực hiện chính sách đối với người có uy tín"
    )
    services.contact_record(
        by=by,
        commune=commune,
        person=elder,
        kind=Contact.Kind.TET,
        on=today - dt.timedelta(days=60),
        occasion="Tết Nguyên đán",
        officials="Chủ tịch UBND xã, công chức Văn hóa – Xã hội",
        raised="Đường vào khu sản xuất của bon bị sạt lở sau mùa mưa, xe chở nông sản không qua được.",
        answer="Xã ghi nhận, sẽ kiểm tra hiện trường và báo cáo phương án sửa chữa.",
    )
    services.contact_record(
        by=by,
        commune=commune,
        person=priest,
        kind=Contact.Kind.HOLIDAY,
        on=today - dt.timedelta(days=20),
        occasion="Lễ Giáng sinh",
        officials="Phó Chủ tịch UBND xã, Ủy ban MTTQ Việt Nam xã",
        raised="Đề nghị xã hỗ trợ thủ tục xin phép sửa chữa mái nhà nguyện trước mùa mưa.",
        answer="Xã hướng dẫn hồ sơ đề nghị theo Luật Tín ngưỡng, tôn giáo.",
    )
