"""Democracy addresses under the commune workspace: disclosures, consultations, supervision."""

from django.urls import path

from danvan.democracy import views

app_name = "democracy"

urlpatterns = [
    path("cong-khai/", views.disclosures, name="disclosures"),
    path("cong-khai/dang/", views.disclosure_publish, name="disclosure_publish"),
    path("cong-khai/ra-soat/", views.compliance, name="compliance"),
    path("cong-khai/<int:pk>/", views.disclosure_detail, name="disclosure_detail"),
    path("cong-khai/<int:pk>/tep/", views.disclosure_file, name="disclosure_file"),
    path("cong-khai/<int:pk>/dinh-chinh/", views.disclosure_correct, name="disclosure_correct"),
    path("lay-y-kien/", views.consultations, name="consultations"),
    path("lay-y-kien/moi/", views.consultation_create, name="consultation_create"),
    path("lay-y-kien/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:pk>/tep/", views.consultation_file, name="consultation_file"),
    path("lay-y-kien/<int:pk>/dang/", views.consultation_publish, name="consultation_publish"),
    path("lay-y-kien/<int:pk>/ghi-y-kien/", views.comment_record, name="comment_record"),
    path("lay-y-kien/<int:pk>/nhom/", views.group_save, name="group_save"),
    path("lay-y-kien/<int:pk>/ket-luan/", views.consultation_conclude, name="consultation_conclude"),
    path(
        "lay-y-kien/<int:pk>/y-kien/<int:comment_id>/duyet/", views.comment_moderate, name="comment_moderate"
    ),
    path("lay-y-kien/<int:pk>/y-kien/<int:comment_id>/nhom/", views.comment_assign, name="comment_assign"),
    path("giam-sat/", views.supervision, name="supervision"),
    path("giam-sat/ban/moi/", views.board_create, name="board_create"),
    path("giam-sat/ban/<int:pk>/", views.board_detail, name="board_detail"),
    path("giam-sat/kien-nghi/gui/", views.recommendation_send, name="recommendation_send"),
    path("giam-sat/kien-nghi/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
]
