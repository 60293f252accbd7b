"""Who is in charge: /lam-viec/<code>/phu-trach/..."""

from django.urls import path

from danvan.assignments import views

app_name = "assignments"

urlpatterns = [
    path("phu-trach/", views.overview, name="overview"),
    path("phu-trach/phan-cong/", views.assign, name="assign"),
    path("phu-trach/phan-cong/<int:pk>/thoi/", views.assignment_end, name="assignment_end"),
    path("phu-trach/ban-chi-dao/", views.member_add, name="member_add"),
    path("phu-trach/ban-chi-dao/<int:pk>/thoi/", views.member_end, name="member_end"),
    path("phu-trach/hop/", views.meeting_add, name="meeting_add"),
    path("phu-trach/ket-luan/<int:pk>/nhiem-vu/", views.conclusion_to_task, name="conclusion_to_task"),
    path("phu-trach/quyet-dinh-phan-cong.docx", views.assignment_docx, name="assignment_docx"),
    path("phu-trach/quyet-dinh-ban-chi-dao.docx", views.committee_docx, name="committee_docx"),
]
