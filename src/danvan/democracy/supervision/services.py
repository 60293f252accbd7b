"""Supervision boards (Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng): members, the projects a
community-investment board watches, and recommendations (kiến nghị giám sát) tracked to an answer.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.democracy.guards import Refused, audited_refusals, by_actor
from danvan.democracy.supervision import rules
from danvan.democracy.supervision.models import (
    BoardMember,
    InvestmentProject,
    Recommendation,
    SupervisionBoard,
)
from danvan.democracy.supervision.rules import BoardKind, RecommendationStatus
from danvan.org.access import can
from danvan.org.models import Membership, Role

REC_FIELDS = ["subject", "status", "sent_on", "due_on", "answered_on"]


def answer_days(on: dt.date | None = None) -> int:
    """Days the commune has to answer: 15 from receipt, by law (Luật THDCCS 2022, Điều 40(1)(c),
    Điều 45(2)(c)); no setting changes it."""
    return (rules.recommendation_answer_due(on or timezone.localdate()) - (on or timezone.localdate())).days


def _require(by, permission: str, commune, message: str, *, obj=None) -> None:
    if not can(by, permission, commune):
        raise Refused(message, code="forbidden", obj=obj, commune=commune)


def _require_boards(by, commune, *, obj=None) -> None:
    _require(
        by,
        "democracy.manage_boards",
        commune,
        "Bạn không có quyền quản lý các ban giám sát của xã này.",
        obj=obj,
    )


@audited_refusals("board_create", by_actor)
def board_create(*, by, commune, kind: str, name: str, term: str = "") -> SupervisionBoard:
    """Ghi nhận một Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư của cộng đồng của xã."""
    _require_boards(by, commune)
    if kind not in BoardKind.values:
        raise Refused("Chọn loại ban.", code="bad_kind", field="kind", commune=commune)
    name = (name or "").strip() or BoardKind(kind).label
    with transaction.atomic():
        board = SupervisionBoard.objects.create(
            commune=commune, kind=kind, name=name[:200], term=(term or "")[:60]
        )
        audit_record(
            actor=by,
            action="democracy.board_created",
            obj=board,
            after=snapshot(board, ["kind", "name", "term"]),
        )
    return board


def _is_supervisor_in(user, commune) -> bool:
    return Membership.objects.filter(
        user=user, commune=commune, role=Role.SUPERVISOR, is_active=True
    ).exists()


@audited_refusals("board_member_add", by_actor)
def board_member_add(
    *, by, board: SupervisionBoard, user, position: str = "Thành viên", village=None
) -> BoardMember:
    """Thêm thành viên: a user who holds the supervisor role in the board's commune."""
    with transaction.atomic():
        board = SupervisionBoard.objects.select_for_update().select_related("commune").get(pk=board.pk)
        _require_boards(by, board.commune, obj=board)
        if user is None or not _is_supervisor_in(user, board.commune):
            raise Refused(
                "Thành viên ban phải là tài khoản có vai trò giám sát (Mặt trận, Ban TTND) của xã.",
                code="not_supervisor",
                field="user",
                obj=board,
            )
        if village is not None and village.commune_id != board.commune_id:
            raise Refused("Thôn không thuộc xã này.", code="bad_village", field="village", obj=board)
        active = board.members.filter(is_active=True)
        if active.filter(user=user).exists():
            raise Refused("Người này đã là thành viên của ban.", code="duplicate", field="user", obj=board)
        if (
            board.kind == BoardKind.COMMUNITY_INVESTMENT
            and active.count() >= rules.COMMUNITY_INVESTMENT_MAX_MEMBERS
        ):
            raise Refused(
                "Ban Giám sát đầu tư của cộng đồng có tối đa "
                f"{rules.COMMUNITY_INVESTMENT_MAX_MEMBERS} thành viên (Nghị định 59/2023/NĐ-CP, Điều 17).",
                code="too_many",
                obj=board,
            )
        member, _ = BoardMember.objects.update_or_create(
            board=board,
            user=user,
            defaults={"position": (position or "Thành viên")[:60], "village": village, "is_active": True},
        )
        audit_record(
            actor=by,
            action="democracy.board_member_added",
            obj=board,
            after={"user": user.pk, "position": member.position, "village": village.pk if village else None},
        )
    return member


@audited_refusals("board_member_remove", by_actor)
def board_member_remove(*, by, member: BoardMember) -> BoardMember:
    with transaction.atomic():
        member = BoardMember.objects.select_for_update().select_related("board__commune").get(pk=member.pk)
        _require_boards(by, member.board.commune, obj=member.board)
        member.is_active = False
        member.save(update_fields=["is_active"])
        audit_record(
            actor=by,
            action="democracy.board_member_removed",
            obj=member.board,
            before={"user": member.user_id},
        )
    return member


@audited_refusals("project_create", by_actor)
def project_create(
    *,
    by,
    commune,
    name: str,
    board: SupervisionBoard | None = None,
    investor: str = "",
    location: str = "",
    total_investment: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    description: str = "",
) -> InvestmentProject:
    """Ghi nhận một dự án đầu tư trên địa bàn và ban giám sát đầu tư của cộng đồng giám sát nó."""
    _require_boards(by, commune)
    name = (name or "").strip()
    if not name:
        raise Refused("Nhập tên dự án, công trình.", code="no_name", field="name", commune=commune)
    if board is not None and (board.commune_id != commune.pk or board.kind != BoardKind.COMMUNITY_INVESTMENT):
        raise Refused(
            "Dự án chỉ giao cho một Ban Giám sát đầu tư của cộng đồng của xã.",
            code="bad_board",
            field="board",
            commune=commune,
        )
    if starts_on and ends_on and ends_on < starts_on:
        raise Refused(
            "Ngày hoàn thành không được trước ngày khởi công.",
            code="ends_before_start",
            field="ends_on",
            commune=commune,
        )
    with transaction.atomic():
        project = InvestmentProject.objects.create(
            commune=commune,
            board=board,
            name=name[:300],
            investor=(investor or "")[:200],
            location=(location or "")[:300],
            total_investment=(total_investment or "")[:100],
            starts_on=starts_on,
            ends_on=ends_on,
            description=(description or "").strip(),
        )
        audit_record(
            actor=by,
            action="democracy.project_created",
            obj=project,
            after=snapshot(project, ["name", "board", "investor"]),
        )
    return project


def is_member(user, board: SupervisionBoard) -> bool:
    return BoardMember.objects.filter(board=board, user=user, is_active=True).exists()


@audited_refusals("recommendation_send", by_actor)
def recommendation_send(
    *,
    by,
    board: SupervisionBoard,
    subject: str,
    content: str,
    project: InvestmentProject | None = None,
    due_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Recommendation:
    """Gửi kiến nghị giám sát: by an active member of the board, to the commune, with a date to answer by."""
    today = today or timezone.localdate()
    commune = board.commune
    _require(by, "democracy.recommend", commune, "Bạn không có quyền gửi kiến nghị giám sát.", obj=board)
    if not board.is_active or not is_member(by, board):
        raise Refused(
            f"Chỉ thành viên của {board.name} gửi được kiến nghị của ban.", code="not_member", obj=board
        )
    subject = (subject or "").strip()
    content = (content or "").strip()
    if not subject:
        raise Refused("Nhập vấn đề kiến nghị.", code="no_subject", field="subject", obj=board)
    if not content:
        raise Refused("Nhập nội dung kiến nghị.", code="no_content", field="content", obj=board)
    if project is not None and project.board_id != board.pk:
        raise Refused("Dự án này không do ban giám sát.", code="bad_project", field="project", obj=board)
    legal_due = rules.recommendation_answer_due(today)
    due = due_on or legal_due
    if due < today:
        raise Refused("Hạn trả lời không được trước ngày gửi.", code="bad_due", field="due_on", obj=board)
    if due > legal_due:
        raise Refused(
            f"UBND xã phải trả lời kiến nghị trong {answer_days(today)} ngày kể từ ngày nhận (Luật Thực hiện "
            f"dân chủ ở cơ sở 2022, Điều 40, Điều 45): hạn trả lời chậm nhất là {legal_due:%d/%m/%Y}.",
            code="bad_due",
            field="due_on",
            obj=board,
        )
    with transaction.atomic():
        rec = Recommendation.objects.create(
            commune=commune,
            board=board,
            project=project,
            subject=subject[:300],
            content=content,
            sent_by=by,
            sent_on=today,
            due_on=due,
        )
        audit_record(
            actor=by, action="democracy.recommendation_sent", obj=rec, after=snapshot(rec, REC_FIELDS)
        )
    return rec


@audited_refusals("recommendation_answer", by_actor)
def recommendation_answer(
    *, by, recommendation: Recommendation, answer: str, today: dt.date | None = None
) -> Recommendation:
    """UBND xã trả lời kiến nghị giám sát (lãnh đạo hoặc công chức đầu mối)."""
    with transaction.atomic():
        rec = Recommendation.objects.select_for_update().select_related("commune").get(pk=recommendation.pk)
        _require(
            by,
            "democracy.answer_recommendations",
            rec.commune,
            "Bạn không có quyền trả lời kiến nghị giám sát.",
            obj=rec,
        )
        if rec.status != RecommendationStatus.OPEN:
            raise Refused("Kiến nghị này đã được trả lời.", code="bad_status", obj=rec)
        text = (answer or "").strip()
        if not text:
            raise Refused("Nhập nội dung trả lời.", code="no_answer", field="answer", obj=rec)
        before = snapshot(rec, REC_FIELDS)
        rec.answer = text
        rec.status = RecommendationStatus.ANSWERED
        rec.answered_by = by
        rec.answered_on = today or timezone.localdate()
        rec.save(update_fields=["answer", "status", "answered_by", "answered_on"])
        audit_record(
            actor=by,
            action="democracy.recommendation_answered",
            obj=rec,
            before=before,
            after=snapshot(rec, REC_FIELDS),
        )
    return rec


# --- reads ----------------------------------------------------------------------------------------------


def boards_of(user, commune) -> QuerySet[SupervisionBoard]:
    """The active boards of the commune in which the user sits."""
    return SupervisionBoard.objects.filter(
        commune=commune, is_active=True, members__user=user, members__is_active=True
    ).distinct()


def recommendations_of(commune, *, boards=None) -> QuerySet[Recommendation]:
    qs = Recommendation.objects.filter(commune=commune)
    if boards is not None:
        qs = qs.filter(board__in=boards)
    return qs.select_related("board", "project", "sent_by", "answered_by").order_by("status", "due_on", "-id")
