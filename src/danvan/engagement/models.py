"""Meeting citizens: reception days and their register, dialogues, voters' petitions, and the promises
made there (commitments), followed until they are kept."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ReceptionSession(models.Model):
    """Buổi tiếp công dân: a day (and hours) when a leader or a unit receives citizens."""

    class HostRole(models.TextChoices):
        CHAIRMAN = "chairman", "Chủ tịch UBND xã"
        VICE_CHAIRMAN = "vice_chairman", "Phó Chủ tịch UBND xã"
        OTHER = "other", "Lãnh đạo, đơn vị khác"

    class Kind(models.TextChoices):
        SCHEDULED = "scheduled", "Định kỳ (theo lịch)"
        UNSCHEDULED = "unscheduled", "Đột xuất"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="reception_sessions"
    )
    on = models.DateField("ngày tiếp")
    start_time = models.TimeField("từ giờ")
    end_time = models.TimeField("đến giờ")
    place = models.CharField("địa điểm", max_length=200)
    host_role = models.CharField("người chủ trì", max_length=20, choices=HostRole.choices)
    host_name = models.CharField("họ tên người tiếp", max_length=150, blank=True)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("loại buổi tiếp", max_length=20, choices=Kind.choices, default=Kind.SCHEDULED)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "buổi tiếp công dân"
        verbose_name_plural = "lịch tiếp công dân"
        ordering = ["on", "start_time"]
        constraints = [
            models.CheckConstraint(
                name="reception_session_hours_ordered", condition=Q(end_time__gt=F("start_time"))
            )
        ]
        indexes = [models.Index(fields=["commune", "on"], name="reception_commune_on")]

    def __str__(self) -> str:
        return f"Tiếp công dân {self.on:%d/%m/%Y}"


class ReceptionEntry(models.Model):
    """Một dòng Sổ tiếp công dân (TT 04/2021/TT-TTCP, Mẫu 03). Personal data: staff only, never public."""

    class CaseType(models.TextChoices):
        COMPLAINT = "complaint", "Khiếu nại"
        DENUNCIATION = "denunciation", "Tố cáo"
        RECOMMENDATION = "recommendation", "Kiến nghị"
        FEEDBACK = "feedback", "Phản ánh"

    class Handling(models.TextChoices):
        ACCEPT = "accept", "Tiếp nhận đơn để xử lý"
        GUIDE = "guide", "Trả lại đơn và hướng dẫn"
        FORWARD = "forward", "Chuyển đơn đến cơ quan có thẩm quyền"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="reception_entries"
    )
    session = models.ForeignKey(
        ReceptionSession,
        verbose_name="buổi tiếp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
    )
    received_on = models.DateField("ngày tiếp")
    visitor_name = models.CharField("họ tên", max_length=150)
    visitor_address = models.CharField("địa chỉ", max_length=300, blank=True)
    id_number = models.CharField("số CCCD/CMND", max_length=20, blank=True)
    content = models.TextField("nội dung vụ việc")
    case_type = models.CharField("phân loại đơn/vụ việc", max_length=20, choices=CaseType.choices)
    people_count = models.PositiveIntegerField("số người", default=1)
    handled_before_by = models.CharField("cơ quan đã giải quyết", max_length=300, blank=True)
    handling = models.CharField("hướng xử lý", max_length=20, choices=Handling.choices)
    forwarded_to = models.CharField("chuyển đến / hướng dẫn đến", max_length=300, blank=True)
    follow_up = models.TextField("theo dõi kết quả giải quyết", blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)
    petition = models.OneToOneField(
        "petitions.Petition",
        verbose_name="đơn thư",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "dòng sổ tiếp công dân"
        verbose_name_plural = "sổ tiếp công dân"
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(name="reception_entry_people_positive", condition=Q(people_count__gte=1)),
            models.CheckConstraint(
                name="reception_entry_petition_only_when_accepted",
                condition=Q(petition__isnull=True) | Q(handling="accept"),
            ),
        ]
        indexes = [models.Index(fields=["commune", "received_on"], name="reception_entry_commune_on")]

    def __str__(self) -> str:
        # No name: the audit log shows this text to many staff.
        return f"Sổ tiếp công dân #{self.pk}"

    @property
    def is_group(self) -> bool:
        from danvan.engagement.rules import is_group_visit

        return is_group_visit(self.people_count)


class Dialogue(models.Model):
    """Đối thoại: a leader's meeting with residents on a topic; produces answers and commitments."""

    class Status(models.TextChoices):
        OPEN = "open", "Đang nhận câu hỏi"
        HELD = "held", "Đã tổ chức"
        CANCELLED = "cancelled", "Đã hủy"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="dialogues"
    )
    on = models.DateField("ngày đối thoại")
    start_time = models.TimeField("giờ bắt đầu")
    place = models.CharField("địa điểm", max_length=200)
    chair_name = models.CharField("lãnh đạo chủ trì", max_length=150)
    topic = models.CharField("chủ đề", max_length=300)
    description = models.TextField("nội dung mời", blank=True)
    villages = models.ManyToManyField(
        "geo.Village", verbose_name="thôn được mời", blank=True, related_name="+"
    )
    invited_groups = models.CharField("đối tượng, tổ chức được mời", max_length=300, blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.OPEN)
    minutes_summary = models.TextField("biên bản: kết luận chung", blank=True)
    held_on = models.DateField("ngày ghi biên bản", null=True, blank=True)
    # The invitation relayed to village heads and the Mặt trận, who read it on the village loudspeaker
    # and post it in the villages' Zalo groups.
    invitation_sent_at = models.DateTimeField("gửi giấy mời lần cuối", null=True, blank=True)
    invitation_sent_to = models.PositiveIntegerField("số người nhận giấy mời", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hội nghị đối thoại"
        verbose_name_plural = "hội nghị đối thoại"
        ordering = ["-on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="dialogue_held_has_date", condition=~Q(status="held") | Q(held_on__isnull=False)
            )
        ]

    def __str__(self) -> str:
        return f"Đối thoại {self.on:%d/%m/%Y}: {self.topic[:80]}"


class DialogueQuestion(models.Model):
    """Câu hỏi của người dân tại đối thoại: sent ahead from the portal (moderated) or raised on the day."""

    class Source(models.TextChoices):
        PORTAL = "portal", "Gửi trước qua cổng thông tin"
        ON_THE_DAY = "on_the_day", "Nêu tại hội nghị"

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ duyệt"
        APPROVED = "approved", "Đã duyệt"
        REJECTED = "rejected", "Không đưa vào đối thoại"

    dialogue = models.ForeignKey(
        Dialogue, verbose_name="đối thoại", on_delete=models.CASCADE, related_name="questions"
    )
    source = models.CharField("nguồn", max_length=20, choices=Source.choices)
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.PENDING)
    asker_name = models.CharField("người hỏi", max_length=150, blank=True)  # never shown on the portal
    village = models.ForeignKey(
        "geo.Village", verbose_name="thôn", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField("nội dung câu hỏi")
    answer = models.TextField("trả lời", blank=True)
    answered_by = models.CharField("người trả lời", max_length=150, blank=True)
    client_token = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "câu hỏi đối thoại"
        verbose_name_plural = "câu hỏi đối thoại"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "client_token"], name="dialogue_question_token_once")
        ]

    def __str__(self) -> str:
        return f"Câu hỏi #{self.pk}"


class VoterMeeting(models.Model):
    """Hội nghị tiếp xúc cử tri, where voters' petitions are collected; or a phiên chất vấn at a session
    of the commune's HĐND, where delegates question the People's Committee and its answers hold
    promises: the same items (a question, the unit that answers, the answer) and the same commitments."""

    class Kind(models.TextChoices):
        VOTERS = "voters", "Tiếp xúc cử tri"
        QUESTIONING = "questioning", "Chất vấn tại kỳ họp HĐND xã"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="voter_meetings"
    )
    kind = models.CharField("loại", max_length=12, choices=Kind.choices, default=Kind.VOTERS)
    on = models.DateField("ngày tiếp xúc")
    place = models.CharField("địa điểm", max_length=200)
    delegates = models.CharField("đại biểu HĐND tiếp xúc", max_length=300, blank=True)
    villages = models.ManyToManyField("geo.Village", verbose_name="thôn", blank=True, related_name="+")
    voters_count = models.PositiveIntegerField("số cử tri dự", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hội nghị tiếp xúc cử tri"
        verbose_name_plural = "hội nghị tiếp xúc cử tri"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"


class VoterPetition(models.Model):
    """Kiến nghị cử tri: collected at a voter meeting, grouped by content, assigned, answered, published."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Đã tổng hợp"
        ASSIGNED = "assigned", "Đã giao đơn vị"
        ANSWERED = "answered", "Đã trả lời"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="voter_petitions"
    )
    meeting = models.ForeignKey(
        VoterMeeting, verbose_name="hội nghị", on_delete=models.PROTECT, related_name="petitions"
    )
    topic = models.CharField("nhóm nội dung", max_length=120)
    content = models.TextField("nội dung kiến nghị")
    voters_raising = models.PositiveIntegerField("số cử tri nêu", default=1)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="đơn vị tham mưu trả lời",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    answer = models.TextField("nội dung trả lời", blank=True)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    answer_published = models.BooleanField("đã công khai trả lời", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kiến nghị cử tri"
        verbose_name_plural = "kiến nghị cử tri"
        ordering = ["topic", "id"]
        constraints = [
            models.CheckConstraint(
                name="voter_petition_answered_has_answer",
                condition=~Q(status="answered") | (Q(answered_on__isnull=False) & ~Q(answer="")),
            ),
            models.CheckConstraint(name="voter_petition_voters_positive", condition=Q(voters_raising__gte=1)),
        ]

    def __str__(self) -> str:
        return f"Kiến nghị cử tri #{self.pk}"


class Commitment(models.Model):
    """Lời hứa, cam kết của chính quyền với dân: from a dialogue, a voters' petition or citizen reception,
    with a responsible unit and a due date, followed until done."""

    class Source(models.TextChoices):
        DIALOGUE = "dialogue", "Đối thoại"
        VOTER_PETITION = "voter_petition", "Kiến nghị cử tri"
        RECEPTION = "reception", "Tiếp công dân"
        COUNCIL_QUESTION = "council_question", "Chất vấn tại kỳ họp HĐND"

    class Status(models.TextChoices):
        OPEN = "open", "Đang thực hiện"
        DONE = "done", "Đã hoàn thành"
        CANCELLED = "cancelled", "Không thực hiện (có giải trình)"

    commune = models.ForeignKey(
        "geo.Commune", verbose_name="xã", on_delete=models.PROTECT, related_name="commitments"
    )
    source = models.CharField("nguồn", max_length=20, choices=Source.choices)
    dialogue = models.ForeignKey(
        Dialogue,
        verbose_name="đối thoại",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    question = models.ForeignKey(
        DialogueQuestion,
        verbose_name="câu hỏi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    voter_petition = models.ForeignKey(
        VoterPetition,
        verbose_name="kiến nghị cử tri",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    reception_entry = models.ForeignKey(
        ReceptionEntry,
        verbose_name="dòng sổ tiếp công dân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    content = models.TextField("nội dung cam kết")
    unit = models.ForeignKey(
        "org.Unit", verbose_name="đơn vị chịu trách nhiệm", on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField("hạn hoàn thành")
    status = models.CharField("trạng thái", max_length=20, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    result = models.TextField("kết quả", blank=True)
    evidence = models.FileField("minh chứng", upload_to="engagement/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_sha256 = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cam kết"
        verbose_name_plural = "cam kết"
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="commitment_source_matches_link",
                condition=Q(source="dialogue", dialogue__isnull=False)
                | Q(source__in=["voter_petition", "council_question"], voter_petition__isnull=False)
                | Q(source="reception", reception_entry__isnull=False),
            ),
            models.CheckConstraint(
                name="commitment_done_has_date", condition=~Q(status="done") | Q(done_on__isnull=False)
            ),
        ]
        indexes = [models.Index(fields=["commune", "status", "due_on"], name="commitment_commune_due")]

    def __str__(self) -> str:
        return f"Cam kết #{self.pk}"


class CommitmentProgress(models.Model):
    """Tiến độ thực hiện cam kết: a dated note by the responsible unit."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="progress")
    on = models.DateField("ngày")
    note = models.TextField("tiến độ")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tiến độ cam kết"
        verbose_name_plural = "tiến độ cam kết"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"Tiến độ cam kết #{self.commitment_id}"
