"""Engagement addresses under the commune workspace: /lam-viec/<code>/tiep-dan/, /doi-thoai/,
/kien-nghi-cu-tri/, /cam-ket/."""

from django.urls import path

from danvan.engagement import views

app_name = "engagement"

urlpatterns = [
    path("tiep-dan/", views.schedule, name="schedule"),
    path("tiep-dan/xep-lich/", views.session_add, name="session_add"),
    path("tiep-dan/<int:pk>/huy/", views.session_cancel, name="session_cancel"),
    path("tiep-dan/so/", views.register, name="register"),
    path("tiep-dan/so/ghi/", views.entry_add, name="entry_add"),
    path("tiep-dan/so/xuat.xlsx", views.register_xlsx, name="register_xlsx"),
    path("tiep-dan/so/xuat.docx", views.register_docx, name="register_docx"),
    path("tiep-dan/so/<int:pk>/", views.entry_detail, name="entry"),
    path("doi-thoai/", views.dialogues, name="dialogues"),
    path("doi-thoai/moi/", views.dialogue_add, name="dialogue_add"),
    path("doi-thoai/<int:pk>/", views.dialogue_detail, name="dialogue"),
    path("doi-thoai/<int:pk>/cau-hoi/", views.question_add, name="question_add"),
    path("doi-thoai/<int:pk>/gui-moi/", views.invitation_send, name="invitation_send"),
    path("doi-thoai/<int:pk>/cau-hoi/<int:qid>/duyet/", views.question_moderate, name="question_moderate"),
    path("doi-thoai/<int:pk>/cau-hoi/<int:qid>/tra-loi/", views.question_answer, name="question_answer"),
    path("doi-thoai/<int:pk>/bien-ban/", views.minutes, name="minutes"),
    path("doi-thoai/<int:pk>/cam-ket/", views.dialogue_commitment, name="dialogue_commitment"),
    path("kien-nghi-cu-tri/", views.voters, name="voters"),
    path("kien-nghi-cu-tri/<int:pk>/", views.voter_meeting, name="voter_meeting"),
    path(
        "kien-nghi-cu-tri/kien-nghi/<int:pk>/<slug:action>/",
        views.voter_petition_action,
        name="voter_petition_action",
    ),
    path("cam-ket/", views.commitments, name="commitments"),
    path("cam-ket/<int:pk>/", views.commitment_detail, name="commitment"),
    path("cam-ket/<int:pk>/tien-do/", views.commitment_progress, name="commitment_progress"),
    path("cam-ket/<int:pk>/trang-thai/", views.commitment_status, name="commitment_status"),
    path("cam-ket/<int:pk>/minh-chung/", views.commitment_evidence, name="commitment_evidence"),
]
