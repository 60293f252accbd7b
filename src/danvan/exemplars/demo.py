"""Demo “Dân vận khéo” models at every stage, written through the services: one recognised and
replicated (with its replica just registered), one evaluated and waiting for the leaders' decision, one
being built, one just registered by a mass organisation. Our own invented text; idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.exemplars import services
from danvan.exemplars.models import Exemplar, ExemplarField, RegistrationCall
from danvan.geo.models import Commune, Village
from danvan.org.models import Unit

T = services.TargetInput
LIGHTS = "Tổ tự quản “Đường sáng, đường hoa” Thôn 1"
LIGHTS_COPY = "“Đường sáng, đường hoa” Thôn 3"
ONE_STOP = "Hẹn trả kết quả thủ tục hành chính qua tin nhắn Zalo"
COFFEE = "Tổ hợp tác trồng cà phê xen cây ăn trái ở Bon Đắk Mai"
HOMES = "“Nhà sạch, vườn đẹp, ngõ xanh” của chi hội phụ nữ"


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _field(name: str) -> ExemplarField:
    return ExemplarField.objects.get(commune__isnull=True, name=name)


def demo_exemplars(commune: Commune) -> None:
    """A second call adds nothing: each model is written only when its name is not there yet."""
    today = timezone.localdate()
    start = min(today, dt.date(today.year, 1, 5))
    review = dt.date(today.year, 11, 30) if today < dt.date(today.year, 11, 30) else today
    coordinator, leader, front = _user("dieuphoi"), _user("chutich"), _user("mattran")
    village_head, economy_officer = _user("truongthon1"), _user("kinhte")
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    units = {u.name: u for u in Unit.objects.filter(commune=commune)}
    existing = set(Exemplar.objects.filter(commune=commune).values_list("name", flat=True))

    if not RegistrationCall.objects.filter(commune=commune, year=start.year).exists():
        services.registration_call_set(
            by=coordinator,
            commune=commune,
            year=start.year,
            deadline=dt.date(start.year, 2, 28),
            note="Theo kế hoạch dân vận chính quyền của UBND xã",
        )

    def register(by, name, **kwargs) -> Exemplar:
        return services.exemplar_register(
            by=by, commune=commune, name=name, start_on=start, review_on=review, **kwargs
        )

    def score(exemplar, member, points, comment=""):
        keys = ("effect", "participation", "creativity", "spread", "sustainability")
        services.council_score_submit(
            by=member, exemplar=exemplar, points=dict(zip(keys, points, strict=True)), comment=comment
        )

    if LIGHTS not in existing:
        lights = register(
            village_head,
            LIGHTS,
            field=_field("Nông thôn mới, đô thị văn minh"),
            registrant_kind="village",
            village=villages["Thôn 1"],
            builders="Ban nhân dân Thôn 1 và tổ tự quản 12 hộ dọc trục đường chính",
            partners="Chi đoàn thanh niên, Chi hội Cựu chiến binh thôn",
            villages=[villages["Thôn 1"]],
            content=(
                "Các hộ dọc đường tự góp tiền và ngày công lắp đèn năng lượng mặt trời, trồng hoa hai bên "
                "đường; tổ tự quản phân công hộ chăm hoa theo đoạn, họp tháng một lần ở nhà văn hóa."
            ),
            targets=[T("Đèn năng lượng mặt trời được lắp", "bộ", 40), T("Hộ tham gia góp công", "hộ", 60)],
            public_consent=True,
        )
        services.exemplar_start(by=coordinator, exemplar=lights)
        services.exemplar_progress_add(
            by=village_head,
            exemplar=lights,
            note="Đã lắp 42 bộ đèn, 65 hộ góp ngày công; hoa trồng kín 1,2 km đường.",
            figures={t.pk: v for t, v in zip(lights.targets.all(), (42, 65), strict=True)},
        )
        score(lights, leader, (28, 23, 13, 14, 13), "Cách làm dễ học, người dân tự nguyện.")
        score(lights, front, (27, 24, 14, 13, 12))
        services.exemplar_evaluate(
            by=coordinator,
            exemplar=lights,
            conclusion="Mô hình vượt chỉ tiêu, được Nhân dân đồng tình; đề nghị tỉnh xem xét công nhận.",
        )
        services.exemplar_recognise(
            by=leader,
            exemplar=lights,
            kind="award",
            level="province",
            decision_number="125/QĐ-UBND",
            decision_on=today,
            issuer=f"UBND {commune.name}",
            reward="Giấy khen của Chủ tịch UBND xã",
        )
        existing.add(LIGHTS)

    if LIGHTS_COPY not in existing:
        origin = Exemplar.objects.get(commune=commune, name=LIGHTS)
        register(
            coordinator,
            LIGHTS_COPY,
            field=origin.field,
            registrant_kind="village",
            village=villages["Thôn 3"],
            builders="Ban nhân dân Thôn 3",
            villages=[villages["Thôn 3"]],
            content="Học cách làm của Thôn 1: tổ tự quản lắp đèn và trồng hoa trên đường liên xóm.",
            targets=[T("Đèn năng lượng mặt trời được lắp", "bộ", 25)],
            origin=origin,
        )

    if ONE_STOP not in existing:
        one_stop = register(
            coordinator,
            ONE_STOP,
            field=_field("Cải cách hành chính"),
            registrant_kind="unit",
            unit=units["Trung tâm Phục vụ hành chính công"],
            builders="Trung tâm Phục vụ hành chính công xã",
            partners="Văn phòng HĐND và UBND",
            content=(
                "Người nộp hồ sơ được nhắn lịch hẹn và nhắc khi có kết quả, không phải đến hỏi nhiều lần."
            ),
            targets=[T("Hồ sơ được nhắn hẹn trả kết quả", "%", 90), T("Hồ sơ trả đúng hẹn", "%", 98)],
        )
        services.exemplar_start(by=coordinator, exemplar=one_stop)
        services.exemplar_progress_add(
            by=coordinator,
            exemplar=one_stop,
            note="Tháng đầu: 71% hồ sơ đã được nhắn hẹn; đang hướng dẫn người dân cài Zalo.",
            figures={one_stop.targets.first().pk: 71},
        )

    if COFFEE not in existing:
        coffee = register(
            economy_officer,
            COFFEE,
            field=_field("Kinh tế"),
            registrant_kind="unit",
            unit=units["Phòng Kinh tế"],
            builders="Phòng Kinh tế cùng 18 hộ đồng bào dân tộc thiểu số",
            partners="Hội Nông dân xã",
            villages=[villages["Bon Đắk Mai"]],
            content=(
                "Cán bộ “cầm tay chỉ việc” ghép cây ăn trái vào vườn cà phê già, "
                "tổ hợp tác bao tiêu sản phẩm."
            ),
            targets=[T("Hộ tham gia tổ hợp tác", "hộ", 18), T("Diện tích trồng xen", "ha", 12)],
            public_consent=True,
        )
        services.exemplar_start(by=coordinator, exemplar=coffee)
        services.exemplar_progress_add(
            by=economy_officer,
            exemplar=coffee,
            note="18 hộ đã vào tổ hợp tác, trồng xen được 9,5 ha.",
            figures={t.pk: v for t, v in zip(coffee.targets.all(), ("18", "9.5"), strict=True)},
        )
        score(coffee, leader, (22, 20, 12, 11, 10))
        score(coffee, front, (23, 21, 11, 10, 11))
        services.exemplar_evaluate(
            by=coordinator,
            exemplar=coffee,
            conclusion="Mô hình có hiệu quả, cần theo dõi thêm một vụ thu hoạch để đánh giá tính bền vững.",
        )

    if HOMES not in existing:
        register(
            front,
            HOMES,
            field=_field("Văn hóa – xã hội"),
            registrant_kind="organisation",
            registrant_name="Hội Liên hiệp Phụ nữ xã",
            builders="Chi hội Phụ nữ các thôn",
            villages=[villages["Thôn 2"], villages["Thôn 3"]],
            content="Mỗi chi hội nhận một tuyến ngõ, hội viên thi đua giữ nhà sạch, vườn đẹp, phân loại rác.",
            targets=[T("Hộ hội viên đăng ký thực hiện", "hộ", 120)],
        )
