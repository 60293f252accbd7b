"""The benchmark's data: communes activated through the project's services, then petitions by COPY.

Everything small (divisions, communes, units, villages, staff accounts) goes through the services the
application itself uses. The petitions and their public steps are too many for that: they are
generated here with the same rules (`petitions.rules` deadlines, `petitions.tracking` codes) and
written with PostgreSQL COPY, with the foreign-key triggers off for the load
(`session_replication_role = replica`; every key written points at a row created above).
Identities, attachments and audit records of the generated petitions are not written: none of the
measured pages reads them.
"""

from __future__ import annotations

import copy
import functools
import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import psycopg
from psycopg import sql

# Lâm Đồng has 124 communes and wards since 1 July 2025: exactly the size the issue asks for.
PROVINCES = ["68", "66", "52", "56"]
VILLAGES = [
    "Thôn Đồng Tâm",
    "Thôn Tân Hòa",
    "Thôn Phú Thịnh",
    "Thôn Hòa Bình",
    "Tổ dân phố 1",
    "Tổ dân phố 2",
]
HISTORY_DAYS = 730  # received dates spread over the last two years
LOCAL_OFFSET = timedelta(hours=7)  # Asia/Ho_Chi_Minh, no daylight saving

CONTENTS = [
    "Đường liên thôn {v} bị sụt lún sau mưa lớn, xe máy đi lại rất nguy hiểm, đề nghị xã sửa chữa sớm.",
    "Đèn chiếu sáng công cộng trên đường vào {v} hỏng đã hơn hai tuần, buổi tối đi lại khó khăn.",
    "Rác thải tập kết cạnh chợ {v} không được thu gom đúng lịch, bốc mùi ảnh hưởng các hộ xung quanh.",
    "Đề nghị xã xem xét bố trí thêm giờ tiếp nhận hồ sơ vào sáng thứ Bảy cho người đi làm xa.",
    "Hộ gia đình tôi chưa nhận được tiền hỗ trợ theo chính sách, đề nghị xã kiểm tra lại danh sách.",
    "Một cơ sở sản xuất tại {v} xả nước thải ra mương thủy lợi, làm chết cá và ảnh hưởng ruộng lúa.",
    "Việc xây dựng lấn chiếm hành lang đường tại {v} chưa được xử lý dứt điểm, đề nghị kiểm tra.",
    "Khiếu nại việc xác định ranh giới thửa đất của gia đình khi đo đạc lại, chưa đúng với thực tế.",
    "Đề nghị sửa chữa phòng học bị dột tại điểm trường {v} trước mùa mưa để đảm bảo an toàn cho học sinh.",
    "Tiếng ồn từ quán karaoke tại {v} kéo dài sau 23 giờ, ảnh hưởng sinh hoạt của người dân.",
]
ANSWER = (
    "UBND xã đã kiểm tra thực tế, làm việc với các bên liên quan và giao đơn vị chuyên môn khắc phục. "
    "Kết quả đã được thông báo cho người gửi đơn."
)
LETTER = "UBND xã đã có văn bản trả lời, hướng dẫn người gửi đơn theo quy định."
STEP_NOTES = {
    "received": "Đơn đã được tiếp nhận.",
    "classified": "Đơn đã được phân loại.",
    "forwarded": "Đơn đã được chuyển đến cơ quan có thẩm quyền giải quyết.",
    "guided": "Người gửi đã được hướng dẫn gửi đơn đến cơ quan có thẩm quyền.",
    "returned": "Đơn đã được trả lại cho người gửi, kèm lý do.",
    "accepted": "Đơn đã được thụ lý.",
    "verifying": "Đang xác minh nội dung đơn.",
    "resolved": "Đơn đã có kết quả giải quyết.",
    "closed": "Đã kết thúc xử lý đơn.",
    "reopened": "Đơn được xem xét lại.",
}
# The statuses a petition went through to reach each status (for its public steps).
PATHS = {
    "received": ["received"],
    "classified": ["received", "classified"],
    "forwarded": ["received", "classified", "forwarded"],
    "guided": ["received", "classified", "guided"],
    "returned": ["received", "classified", "returned"],
    "accepted": ["received", "classified", "accepted"],
    "verifying": ["received", "classified", "accepted", "verifying"],
    "resolved": ["received", "classified", "accepted", "verifying", "resolved"],
    "closed": ["received", "classified", "accepted", "verifying", "resolved", "closed"],
    "reopened": ["received", "classified", "accepted", "verifying", "resolved", "reopened"],
}
# Status by age of the petition: recent ones are mostly open, old ones mostly answered; a few old ones
# were forgotten (they are what the overdue list shows).
STATUS_BY_AGE = [
    (14, {"received": 45, "classified": 25, "accepted": 15, "verifying": 10, "resolved": 5}),
    (
        60,
        {
            "received": 2,
            "classified": 3,
            "accepted": 8,
            "verifying": 15,
            "resolved": 30,
            "closed": 25,
            "forwarded": 7,
            "guided": 6,
            "returned": 4,
        },
    ),
    (
        10**6,
        {
            "received": 0.2,
            "classified": 0.3,
            "accepted": 0.3,
            "verifying": 0.7,
            "reopened": 0.2,
            "resolved": 25,
            "closed": 58.3,
            "forwarded": 7,
            "guided": 5,
            "returned": 3,
        },
    ),
]
KINDS = {"feedback": 45, "recommendation": 30, "complaint": 17, "denunciation": 8}
CHANNELS = {"portal": 40, "in_person": 25, "phone": 10, "post": 10, "reception": 10, "email": 5}
COMPLEXITY = {"normal": 90, "complex": 8, "especially_complex": 2}


def _picker(weights: dict[str, float]):
    names, cum, total = [], [], 0.0
    for name, w in weights.items():
        total += w
        names.append(name)
        cum.append(total)
    return lambda rng: rng.choices(names, cum_weights=cum)[0]


# --- database -----------------------------------------------------------------------------------------


def recreate_database(host: str, port: int, name: str) -> None:
    with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(host: str, port: int, name: str) -> None:
    with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


# --- communes, staff ----------------------------------------------------------------------------------


@dataclass
class CommuneInfo:
    code: str
    slug: str
    pk: str
    remote: bool
    units: list[int]
    villages: list[tuple[int, str]]
    staff_id: int
    plan_id: int | None = None


@dataclass
class Setup:
    communes: list[CommuneInfo]
    fields: list[int]
    staff_password: str = field(repr=False)


STAFF_PREFIX = "do-tai-"


def choose_communes(n_communes: int) -> list:
    """`n_communes` real communes: Lâm Đồng's 124 first (the issue-4 bench), then the other provinces
    in PROVINCES, then every other province by code; all 3,321 when asked for that many."""
    from danvan.geo.models import Commune

    order = {code: i for i, code in enumerate(PROVINCES)}
    communes = sorted(
        Commune.objects.all(), key=lambda c: (order.get(c.province_id, len(order)), c.province_id, c.code)
    )
    return communes[:n_communes]


def setup_communes(
    n_communes: int, *, plans: int = 0, batch: int = 250, timings: dict | None = None
) -> Setup:
    """Load the official divisions and activate `n_communes` real communes through the project's
    service `commune_activate` (their standard units and audit record), with six villages each and one
    coordinator account each (a confirmed authenticator key: the staff pages want the second factor);
    the first `plans` communes also import and issue the demo plan (the plan overview page).

    What is batched, and why it is safe: `batch` communes per transaction (the services' own
    transactions become savepoints) with commits not waited for on disk (`synchronous_commit = off`;
    a crash loses the whole bench database anyway). The villages, accounts and roles of a batch are
    written with `bulk_create`, with the same rows and the same audit records as `village_create`,
    `staff_user_create` and `membership_grant` write: their checks (a name not taken, a free username,
    a strong password) cannot fail on this fresh data, and the services' one-row-at-a-time round trips
    were most of the time (3,321 communes × 40 queries). The password is hashed once for all accounts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.rules import TOTP_DEVICE_NAME
    from danvan.core.audit import snapshot
    from danvan.core.models import AuditEvent
    from danvan.geo.models import Village
    from danvan.geo.services import divisions_load
    from danvan.org.models import Membership, Role
    from danvan.org.services import commune_activate

    user_model = get_user_model()
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    divisions_load(by=None)
    timings["divisions"] = time.perf_counter() - t0
    chosen = choose_communes(n_communes)
    password = secrets.token_urlsafe(18)
    hashed = make_password(password)
    with connection.cursor() as cur:
        cur.execute("SET synchronous_commit = off")
    t0 = time.perf_counter()

    def audit(action, obj, commune, after):
        return AuditEvent(
            actor=None,
            actor_name="hệ thống",
            commune=commune,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:255],
            after=after,
        )

    for start in range(0, len(chosen), batch):
        part = chosen[start : start + batch]
        with transaction.atomic():
            for commune in part:
                commune_activate(commune=commune, by=None)
            villages = Village.objects.bulk_create(
                [Village(commune=c, name=name, kind=Village.Kind.THON) for c in part for name in VILLAGES]
            )
            users = user_model.objects.bulk_create(
                [
                    user_model(
                        username=f"{STAFF_PREFIX}{c.code}",
                        first_name="Tải",
                        last_name="Cán bộ Đo",
                        password=hashed,
                    )
                    for c in part
                ]
            )
            roles = Membership.objects.bulk_create(
                [
                    Membership(user=u, role=Role.COORDINATOR, commune=c)
                    for u, c in zip(users, part, strict=True)
                ]
            )
            events = [
                audit("geo.village_create", v, v.commune, snapshot(v, _VILLAGE_FIELDS)) for v in villages
            ]
            events += [
                audit(
                    "org.staff_user_create", u, None, {"username": u.username, "full_name": "Cán bộ Đo Tải"}
                )
                for u in users
            ]
            events += [
                audit(
                    "org.membership_grant",
                    m,
                    m.commune,
                    {"user": m.user.username, "role": m.role, "title": ""},
                )
                for m in roles
            ]
            AuditEvent.objects.bulk_create(events)
            # The key an authenticator app would hold, confirmed, as after enrolment (no service enrols
            # without a code typed from a phone).
            TOTPDevice.objects.bulk_create(
                [TOTPDevice(user=u, name=TOTP_DEVICE_NAME, confirmed=True) for u in users]
            )
    timings["communes"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    create_plans(chosen[:plans])
    timings["plans"] = time.perf_counter() - t0
    setup = load_setup()
    setup.staff_password = password
    return setup


_VILLAGE_FIELDS = ["name", "kind", "households", "is_active"]  # as geo.services writes them


def create_plans(communes) -> None:
    """Import and issue the demo plan in each commune, as its coordinator would through the preview."""
    import hashlib

    from django.contrib.auth import get_user_model

    from danvan.demo.services import DEMO_PLAN
    from danvan.plans.importer import import_plan
    from danvan.plans.services import plan_import, plan_issue, unit_map_default, unit_names_in

    if not communes:
        return
    raw = DEMO_PLAN.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    parsed = import_plan(raw, DEMO_PLAN.name)
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith=STAFF_PREFIX)}
    for commune in communes:
        coordinator = users[f"{STAFF_PREFIX}{commune.code}"]
        data = copy.deepcopy(parsed)
        unit_map = unit_map_default(commune=commune, names=unit_names_in(data))
        plan = plan_import(
            commune=commune,
            data=data,
            unit_map=unit_map,
            by=coordinator,
            source_name=DEMO_PLAN.name,
            source_sha256=digest,
        )
        issued = date.fromisoformat(data["issued_on"]) if data.get("issued_on") else None
        plan_issue(plan=plan, number=data.get("number") or "18/KH-UBND", issued_on=issued, by=coordinator)


def load_setup() -> Setup:
    """The bench's communes as they are in the database (after `setup_communes`, or in a kept
    database for `--reuse`): every active commune with a bench coordinator, in the order chosen."""
    from collections import defaultdict

    from django.contrib.auth import get_user_model

    from danvan.geo.models import Commune, Village
    from danvan.org.models import Unit
    from danvan.petitions.models import Field
    from danvan.plans.models import Plan

    staff = dict(
        get_user_model().objects.filter(username__startswith=STAFF_PREFIX).values_list("username", "pk")
    )
    units, villages, plans = defaultdict(list), defaultdict(list), {}
    for commune_id, pk in Unit.objects.order_by("pk").values_list("commune_id", "pk"):
        units[commune_id].append(pk)
    for commune_id, pk, name in (
        Village.objects.filter(name__in=VILLAGES).order_by("pk").values_list("commune_id", "pk", "name")
    ):
        villages[commune_id].append((pk, name))
    for commune_id, pk in (
        Plan.objects.filter(parent__isnull=True).order_by("-pk").values_list("commune_id", "pk")
    ):
        plans[commune_id] = pk
    active = {c.pk: c for c in Commune.objects.filter(is_active=True)}
    out = []
    for c in choose_communes(len(active) + 10_000):
        if c.pk in active and f"{STAFF_PREFIX}{c.code}" in staff:
            out.append(
                CommuneInfo(
                    code=c.code,
                    slug=c.slug,
                    pk=c.pk,
                    remote=c.is_remote_area,
                    units=units[c.pk],
                    villages=villages[c.pk],
                    staff_id=staff[f"{STAFF_PREFIX}{c.code}"],
                    plan_id=plans.get(c.pk),
                )
            )
    fields = list(Field.objects.filter(commune__isnull=True).values_list("pk", flat=True))
    return Setup(out, fields, "")


# --- petitions ------------------------------------------------------------------------------------------


class Generator:
    """Petition rows with deadlines computed by `petitions.rules`, as the services would have set them."""

    def __init__(self, setup: Setup, today: date, seed: int = 4):
        from danvan.legaltime.calendar import current_calendar
        from danvan.petitions import rules
        from danvan.petitions.models import Petition, PetitionStep

        self.setup, self.today, self.rng = setup, today, random.Random(seed)
        self.rules, self.cal = rules, current_calendar()
        self.petition_fields = Petition._meta.concrete_fields
        self.step_fields = PetitionStep._meta.concrete_fields
        self.codes: set[str] = set()
        self.status_pickers = [(age, _picker(w)) for age, w in STATUS_BY_AGE]
        self.kind, self.channel, self.complexity = _picker(KINDS), _picker(CHANNELS), _picker(COMPLEXITY)
        self.process_due = functools.cache(lambda d, kind: rules.process_due(d, self.cal, kind=kind))
        self.accept_due = functools.cache(lambda d, kind: rules.accept_due(d, self.cal, kind=kind))
        self.resolve_due = functools.cache(
            lambda kind, d, rnd, cx, remote: rules.resolve_due(
                kind, d, round=rnd, complex_level=cx, remote=remote, cal=self.cal
            )
        )
        self.notify_due = functools.cache(lambda d: rules.notify_due(d, self.cal))

    def _code(self) -> str:
        from danvan.petitions.tracking import new_tracking_code

        while True:
            code = new_tracking_code()
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _stamp(self, day: date) -> datetime:
        local = datetime(day.year, day.month, day.day, 7, 30) + timedelta(minutes=self.rng.randrange(600))
        return (local - LOCAL_OFFSET).replace(tzinfo=UTC)

    def petition(self, pk: int, commune: CommuneInfo) -> tuple[dict, list[dict]]:
        rng, today = self.rng, self.today
        age = rng.randrange(HISTORY_DAYS)
        received = today - timedelta(days=age)
        status = next(pick for limit, pick in self.status_pickers if age <= limit)(rng)
        kind = self.kind(rng)
        channel = self.channel(rng)
        hint = kind if rng.random() < 0.85 else ("unclassified" if channel != "portal" else "feedback")
        village = rng.choice(commune.villages) if rng.random() < 0.8 else (None, "thôn")
        created = self._stamp(received)
        row = {
            "id": pk,
            "commune_id": commune.pk,
            "tracking_code": self._code(),
            "client_token": secrets.token_hex(16) if channel == "portal" else None,
            "channel": channel,
            "received_on": received,
            "kind_hint": hint,
            "kind": "unclassified",
            "complaint_round": None,
            "status": status,
            "content": rng.choice(CONTENTS).format(v=village[1]),
            "village_id": village[0],
            "address": "",
            "latitude": None,
            "longitude": None,
            "field_id": None,
            "unit_id": None,
            "eligible": None,
            "ineligible_reason": "",
            "complexity": "normal",
            "checks_in_several_places": False,
            "signers_count": 1 if rng.random() < 0.98 else rng.randrange(5, 30),
            "publish_consent": rng.random() < 0.4,
            "decision_known_on": None,
            "process_due": self.process_due(received, hint),
            "accept_due": None,
            "notify_due": None,
            "resolve_due": None,
            "extensions": 0,
            "accepted_on": None,
            "accepted_by_id": None,
            "recorded_by_id": None if channel == "portal" else commune.staff_id,
            "outcome_letter": "",
            "answer": "",
            "answered_on": None,
            "answer_published": False,
            "rating": None,
            "rated_at": None,
            "parent_id": None,
            "duplicate_of_id": None,
            "created_at": created,
            "updated_at": created,
        }
        if rng.random() < 0.1:
            row["latitude"] = Decimal("11.940000") + Decimal(rng.randrange(10000)) / 100000
            row["longitude"] = Decimal("108.430000") + Decimal(rng.randrange(10000)) / 100000
        path = PATHS[status]
        when = {"received": received}
        if len(path) > 1:  # classified
            rnd = (1 if rng.random() < 0.9 else 2) if kind == "complaint" else None
            if kind == "complaint":
                row["decision_known_on"] = received - timedelta(days=rng.randrange(1, 80))
            row.update(
                kind=kind,
                complaint_round=rnd,
                field_id=rng.choice(self.setup.fields),
                unit_id=rng.choice(commune.units),
                eligible=status != "returned",
                ineligible_reason="Đơn không đủ điều kiện xử lý." if status == "returned" else "",
                complexity=self.complexity(rng) if kind in ("complaint", "denunciation") else "normal",
                process_due=self.process_due(received, kind),
                accept_due=self.accept_due(received, kind),
            )
            when["classified"] = min(today, received + timedelta(days=rng.randrange(1, 4)))
            if status in ("forwarded", "guided", "returned"):
                when[status] = min(today, when["classified"] + timedelta(days=rng.randrange(0, 5)))
                row["outcome_letter"] = LETTER
        if "accepted" in path:
            accepted = min(today, when["classified"] + timedelta(days=rng.randrange(0, 6)))
            when["accepted"] = accepted
            if kind == "complaint" and row["complaint_round"] is None:
                row["complaint_round"] = 1
            row.update(
                accepted_on=accepted,
                accepted_by_id=commune.staff_id,
                resolve_due=self.resolve_due(
                    kind, accepted, row["complaint_round"], row["complexity"], commune.remote
                ),
            )
            if kind == "denunciation":
                row["notify_due"] = self.notify_due(accepted)
            if "verifying" in path:
                when["verifying"] = min(today, accepted + timedelta(days=rng.randrange(1, 4)))
            if "resolved" in path:
                answered = min(today, when["verifying"] + timedelta(days=rng.randrange(3, 40)))
                when["resolved"] = answered
                row.update(
                    answer=ANSWER,
                    answered_on=answered,
                    answer_published=row["publish_consent"] and rng.random() < 0.8,
                )
            if status == "closed":
                when["closed"] = min(today, when["resolved"] + timedelta(days=rng.randrange(5, 20)))
                if rng.random() < 0.5:
                    row["rating"] = rng.randrange(1, 6)
                    row["rated_at"] = self._stamp(when["closed"])
            if status == "reopened":
                when["reopened"] = min(today, when["resolved"] + timedelta(days=rng.randrange(5, 20)))
                row["resolve_due"] = self.resolve_due(
                    kind, when["reopened"], row["complaint_round"], row["complexity"], commune.remote
                )
        row["updated_at"] = max(created, self._stamp(when[path[-1]]))
        steps = []
        for st in path:
            at = self._stamp(when[st])
            steps.append(
                {
                    "petition_id": pk,
                    "at": max(at, steps[-1]["at"]) if steps else created,
                    "status": st,
                    "public_note": STEP_NOTES[st],
                    "by_id": None if st == "received" and channel == "portal" else commune.staff_id,
                }
            )
        return row, steps


def _text(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _columns(fields, sample: dict) -> list[tuple[str, str, object]]:
    """(column, key in the generated row, value when the row has none) for every concrete field: a
    field added to the model after this script was written gets its default."""
    out = []
    for f in fields:
        if f.attname in sample or f.name == "id":
            out.append((f.column, f.attname, None))
        elif f.has_default():
            out.append((f.column, f.attname, f.get_default()))
        elif f.null:
            out.append((f.column, f.attname, None))
        else:
            out.append((f.column, f.attname, ""))
    return out


# The placeholder commune the shapes are drawn for: its ids are replaced row by row.
_SENTINEL = CommuneInfo(code="", slug="", pk="", remote=False, units=[-1], villages=[(-2, "")], staff_id=-3)


@dataclass
class Shape:
    """One generated petition without what belongs to its commune, pre-rendered as COPY text."""

    cells: list[str]
    token: bool
    village: bool
    unit: bool
    accepted_by: bool
    recorded_by: bool
    steps: list[tuple[list[str], bool]]


class Renderer:
    """Turns petitions into COPY lines fast: a pool of shapes drawn by `Generator.petition` (the same
    distribution), each reused with its own id, commune, tracking code, client token, village, unit,
    staff and content. Drawing each petition anew takes ~0.5 ms on this loaded 2-core machine
    (8 minutes for a million); this is several times faster."""

    def __init__(self, gen: Generator, pool: int = 20_000, first_chars: str | None = None):
        from danvan.petitions.tracking import ALPHABET

        self.gen, self.rng = gen, random.Random(gen.rng.random())
        # Loaders running side by side draw codes starting with different characters: unique across them.
        self.first_chars = first_chars or ALPHABET
        row, steps = gen.petition(0, _SENTINEL)
        self.p_cols = _columns(gen.petition_fields, row)
        self.s_cols = _columns(gen.step_fields, steps[0])
        pos = {key: i for i, (_, key, _) in enumerate(self.p_cols)}
        self.i = {k: pos[k] for k in ("id", "commune_id", "tracking_code", "client_token", "content")}
        self.i |= {k: pos[k] for k in ("village_id", "unit_id", "accepted_by_id", "recorded_by_id")}
        spos = {key: i for i, (_, key, _) in enumerate(self.s_cols)}
        self.si = (spos["id"], spos["petition_id"], spos["by_id"])
        self.shapes = [self._shape(*gen.petition(0, _SENTINEL)) for _ in range(pool)]
        # Content with each village's name (or none), escaped once per commune.
        self.contents = {
            c.pk: [[_text(t.format(v=name)) for t in CONTENTS] for _, name in [*c.villages, (None, "thôn")]]
            for c in gen.setup.communes
        }

    def _shape(self, row: dict, steps: list[dict]) -> Shape:
        cells = [_text(row.get(key, default)) for _, key, default in self.p_cols]
        step_cells = [
            ([_text(st.get(key, d)) for _, key, d in self.s_cols], st["by_id"] is not None) for st in steps
        ]
        return Shape(
            cells,
            row["client_token"] is not None,
            row["village_id"] is not None,
            row["unit_id"] is not None,
            row["accepted_by_id"] is not None,
            row["recorded_by_id"] is not None,
            step_cells,
        )

    def lines(self, pk: int, step_pk: int, commune: CommuneInfo, p_out: list[str], s_out: list[str]) -> int:
        """Append one petition's line and its steps' lines; returns the number of steps."""
        rng, i = self.rng, self.i
        shape = self.shapes[rng.randrange(len(self.shapes))]
        cells = shape.cells.copy()
        staff = str(commune.staff_id)
        cells[i["id"]] = str(pk)
        cells[i["commune_id"]] = commune.pk
        cells[i["tracking_code"]] = self._code()
        cells[i["client_token"]] = f"{rng.getrandbits(128):032x}" if shape.token else "\\N"
        v = rng.randrange(len(commune.villages)) if shape.village else len(commune.villages)
        cells[i["village_id"]] = str(commune.villages[v][0]) if shape.village else "\\N"
        cells[i["content"]] = self.contents[commune.pk][v][rng.randrange(len(CONTENTS))]
        if shape.unit:
            cells[i["unit_id"]] = str(commune.units[rng.randrange(len(commune.units))])
        if shape.accepted_by:
            cells[i["accepted_by_id"]] = staff
        if shape.recorded_by:
            cells[i["recorded_by_id"]] = staff
        p_out.append("\t".join(cells))
        sid, spid, sby = self.si
        spk = str(pk)
        for n, (tpl, by) in enumerate(shape.steps):
            st = tpl.copy()
            st[sid], st[spid] = str(step_pk + n), spk
            if by:
                st[sby] = staff
            s_out.append("\t".join(st))
        return len(shape.steps)

    def _code(self) -> str:
        """A code of `petitions.tracking`'s alphabet and length, put in its shape by its own
        `normalize_tracking_code`; drawn with a seeded PRNG rather than `secrets` (3 µs instead of 60 on
        this loaded machine), unique within the run."""
        from danvan.petitions.tracking import ALPHABET, LENGTH, normalize_tracking_code

        codes, rng = self.gen.codes, self.rng
        while True:
            code = normalize_tracking_code(
                rng.choice(self.first_chars) + "".join(rng.choices(ALPHABET, k=LENGTH - 1))
            )
            if code not in codes:
                codes.add(code)
                return code


def load_petitions(
    conn_info: dict,
    renderer: Renderer,
    count: int,
    *,
    communes: list[CommuneInfo] | None = None,
    batch: int = 20_000,
    first_ids: tuple[int, int] | None = None,
) -> tuple[int, int, float]:
    """COPY `count` more petitions (spread evenly over `communes`, by default all) and their steps;
    returns (petitions, steps, seconds). With `first_ids` (petition id, step id) the rows take ids
    from there and the id sequences are left for the caller to set (loaders side by side)."""
    from danvan.petitions.models import Petition, PetitionStep

    communes = communes or renderer.gen.setup.communes
    started = time.perf_counter()
    n_steps = 0
    with psycopg.connect(**conn_info) as conn:
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET synchronous_commit = off")
        pk, step_pk = first_ids or next_ids(conn)
        done = 0
        while done < count:
            p_lines: list[str] = []
            s_lines: list[str] = []
            for _ in range(min(batch, count - done)):
                step_pk += renderer.lines(pk, step_pk, communes[pk % len(communes)], p_lines, s_lines)
                pk += 1
            done += len(p_lines)
            n_steps += len(s_lines)
            _copy(conn, Petition._meta.db_table, renderer.p_cols, p_lines)
            _copy(conn, PetitionStep._meta.db_table, renderer.s_cols, s_lines)
            conn.commit()
        if first_ids is None:
            set_sequences(conn)
    return count, n_steps, time.perf_counter() - started


def next_ids(conn) -> tuple[int, int]:
    from danvan.petitions.models import Petition, PetitionStep

    first_free = sql.SQL("SELECT COALESCE(MAX(id), 0) + 1 FROM {}")
    pk = conn.execute(first_free.format(sql.Identifier(Petition._meta.db_table))).fetchone()[0]
    step_pk = conn.execute(first_free.format(sql.Identifier(PetitionStep._meta.db_table))).fetchone()[0]
    return pk, step_pk


def set_sequences(conn) -> None:
    from danvan.petitions.models import Petition, PetitionStep

    for model in (Petition, PetitionStep):
        table = model._meta.db_table
        conn.execute(
            sql.SQL("SELECT setval(pg_get_serial_sequence({}, 'id'), (SELECT MAX(id) FROM {}))").format(
                sql.Literal(table), sql.Identifier(table)
            )
        )
    conn.commit()


MAX_STEPS = max(len(p) for p in PATHS.values())


def load_parallel(
    conn_info: dict,
    setup: Setup,
    today: date,
    parts: list[tuple[int, list[CommuneInfo]]],
    *,
    processes: int = 3,
) -> tuple[int, int, float]:
    """Several loaders side by side, one process per part (`count`, communes): each draws its own
    shapes and codes (starting with its own characters, so unique across parts) and COPYs over its
    own connection, so generating the lines in Python and PostgreSQL's COPY both use every core. Ids
    come from disjoint ranges (a part's step ids leave room for MAX_STEPS steps a petition); the id
    sequences are set after."""
    from multiprocessing import get_context

    from django.db import connections

    from danvan.petitions.tracking import ALPHABET

    started = time.perf_counter()
    with psycopg.connect(**conn_info) as conn:
        pk, step_pk = next_ids(conn)
    jobs = []
    for k, (count, communes) in enumerate(parts):
        first = "".join(ch for i, ch in enumerate(ALPHABET) if i % len(parts) == k)
        jobs.append((conn_info, setup, today, count, communes, (pk, step_pk), first, 4 + k))
        pk, step_pk = pk + count, step_pk + count * MAX_STEPS
    connections.close_all()  # no connection shared across fork
    with get_context("fork").Pool(processes) as pool:
        done = pool.map(_load_part, jobs, chunksize=1)
    with psycopg.connect(**conn_info) as conn:
        set_sequences(conn)
    return sum(n for n, _ in done), sum(st for _, st in done), time.perf_counter() - started


def _load_part(job) -> tuple[int, int]:
    conn_info, setup, today, count, communes, first_ids, first, seed = job
    renderer = Renderer(Generator(setup, today, seed=seed), pool=10_000, first_chars=first)
    n, steps, _ = load_petitions(conn_info, renderer, count, communes=communes, first_ids=first_ids)
    return n, steps


def _copy(conn, table: str, cols, lines: list[str]) -> None:
    names = sql.SQL(", ").join(sql.Identifier(c) for c, _, _ in cols)
    stmt = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), names)
    with conn.cursor() as cur, cur.copy(stmt) as copy:
        copy.write(("\n".join(lines) + "\n").encode())


def vacuum_analyze(conn_info: dict) -> float:
    from danvan.petitions.models import Petition, PetitionStep

    started = time.perf_counter()
    with psycopg.connect(**conn_info, autocommit=True) as conn:
        for model in (Petition, PetitionStep):
            conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(sql.Identifier(model._meta.db_table)))
        conn.execute("ANALYZE")
    return time.perf_counter() - started


# --- indexes: dropped before the big COPY, rebuilt after ----------------------------------------------


def drop_indexes(conn_info: dict) -> list[str]:
    """Drop the secondary indexes and unique constraints of the petition and step tables (not the
    primary keys: other tables' foreign keys need them); returns the statements that rebuild them.
    Building an index once over 10 million rows is several times cheaper than keeping it up to date
    row by row."""
    from danvan.petitions.models import Petition, PetitionStep

    tables = [Petition._meta.db_table, PetitionStep._meta.db_table]
    rebuild: list[str] = []
    with psycopg.connect(**conn_info, autocommit=True) as conn:
        constraints = conn.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), conindid "
            "FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s) AND contype IN ('u', 'x')",
            [tables],
        ).fetchall()
        backing = {row[3] for row in constraints}
        indexes = conn.execute(
            "SELECT i.indexrelid, c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid "
            "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary",
            [tables],
        ).fetchall()
        with conn.transaction():
            for table, name, definition, _ in constraints:
                conn.execute(
                    sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(
                        sql.Identifier(table), sql.Identifier(name)
                    )
                )
                rebuild.append(
                    sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} ")
                    .format(sql.Identifier(table), sql.Identifier(name))
                    .as_string(conn)
                    + definition
                )
            for oid, name, definition in indexes:
                if oid in backing:
                    continue
                conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
                rebuild.append(definition)
    return rebuild


def rebuild_indexes(conn_info: dict, statements: list[str]) -> float:
    """Run the statements `drop_indexes` returned, with enough memory to sort in one pass, two at a
    time (one per core; each build is mostly one core of sorting)."""
    from concurrent.futures import ThreadPoolExecutor

    started = time.perf_counter()

    def build(statement: str) -> None:
        with psycopg.connect(**conn_info, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '1GB'")
            conn.execute("SET max_parallel_maintenance_workers = 0")
            conn.execute(statement)

    # The biggest first, so that the two lanes end together.
    ordered = sorted(statements, key=lambda s: ("petitionstep" in s, "UNIQUE" not in s.upper()))
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(build, ordered))
    return time.perf_counter() - started
