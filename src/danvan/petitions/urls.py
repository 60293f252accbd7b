"""Petition addresses under the commune workspace: /lam-viec/<code>/don-thu/..."""

from django.urls import path

from danvan.petitions import views
from danvan.petitions.views import dialogue, letters

app_name = "petitions"

urlpatterns = [
    path("don-thu/", views.petition_list, name="list"),
    path("don-thu/han-xu-ly/", views.petition_deadlines, name="deadlines"),
    path("don-thu/ghi-nhan/", views.petition_record, name="record"),
    path("don-thu/quy-trinh/", views.petition_workflow, name="workflow"),
    path("don-thu/<int:pk>/", views.petition_detail, name="detail"),
    path("don-thu/diem-nong/", views.hotspot_list, name="hotspots"),
    path("don-thu/diem-nong/<int:pk>/<slug:action>/", views.hotspot_action, name="hotspot_action"),
    path("don-thu/<int:pk>/trung/<int:other>/gop/", views.duplicate_link, name="duplicate_link"),
    path("don-thu/<int:pk>/trung/<int:other>/bo-qua/", views.duplicate_dismiss, name="duplicate_dismiss"),
    path("don-thu/<int:pk>/bo-gop/", views.duplicate_unlink, name="duplicate_unlink"),
    path("don-thu/<int:pk>/nguoi-gui/", views.petition_identity, name="identity"),
    path("don-thu/<int:pk>/tep/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("don-thu/<int:pk>/doi-thoai/moi/", dialogue.dialogue_new, name="dialogue_new"),
    path("don-thu/<int:pk>/doi-thoai/<int:dialogue_id>/", dialogue.dialogue_record, name="dialogue_record"),
    path(
        "don-thu/<int:pk>/doi-thoai/<int:dialogue_id>/thong-bao.docx",
        dialogue.dialogue_notice,
        name="dialogue_notice",
    ),
    path(
        "don-thu/<int:pk>/doi-thoai/<int:dialogue_id>/bien-ban.docx",
        dialogue.dialogue_minutes,
        name="dialogue_minutes",
    ),
    path("don-thu/<int:pk>/van-ban/", letters.letter_list, name="letters"),
    path("don-thu/<int:pk>/van-ban/<slug:key>/", letters.letter_new, name="letter_new"),
    path("don-thu/<int:pk>/<slug:action>/", views.petition_action, name="action"),
]
