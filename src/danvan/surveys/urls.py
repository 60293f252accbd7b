"""Satisfaction survey addresses under the commune workspace: /lam-viec/<code>/khao-sat/…"""

from django.urls import path

from danvan.surveys import views

app_name = "surveys"

urlpatterns = [
    path("khao-sat/", views.survey_list, name="list"),
    path("khao-sat/danh-gia-don/", views.rating_overview, name="ratings"),
    path("khao-sat/danh-gia-don/<int:pk>/tra-loi/", views.rating_review_answer, name="review_answer"),
    path("khao-sat/<int:pk>/", views.survey_detail, name="detail"),
    path("khao-sat/<int:pk>/them-phan/", views.section_add, name="section_add"),
    path("khao-sat/<int:pk>/them-cau-hoi/", views.question_add, name="question_add"),
    path("khao-sat/<int:pk>/cau-hoi/<int:qid>/xoa/", views.question_delete, name="question_delete"),
    path("khao-sat/<int:pk>/trang-thai/<slug:action>/", views.survey_state, name="state"),
    path("khao-sat/<int:pk>/ma-phieu/", views.codes_issue, name="codes"),
    path("khao-sat/<int:pk>/moi-qua-tin-nhan/", views.codes_send, name="invite"),
    path("khao-sat/<int:pk>/ap-phich/", views.poster, name="poster"),
    path("khao-sat/<int:pk>/phieu-giay/", views.paper_entry, name="paper"),
    path("khao-sat/<int:pk>/ket-qua/", views.survey_results, name="results"),
    path("khao-sat/<int:pk>/ket-qua.xlsx", views.survey_export, name="export"),
    path("khao-sat/<int:pk>/ket-qua.docx", views.survey_results_docx, name="results_docx"),
]
