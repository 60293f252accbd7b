"""Scoring addresses under the commune workspace: /lam-viec/<code>/cham-diem/…"""

from django.urls import path

from danvan.scoring import criteria_views, views

app_name = "scoring"

urlpatterns = [
    path("cham-diem/", views.index, name="index"),
    path("cham-diem/lap/", views.framework_create, name="create"),
    path("cham-diem/ap-dung/<int:pk>/", views.framework_adopt, name="adopt"),
    path("cham-diem/<int:pk>/nguong/", views.bands, name="bands"),
    path("cham-diem/<int:pk>/tieu-chi/", criteria_views.commune_criteria, name="criteria"),
    path(
        "cham-diem/<int:pk>/tieu-chi/<int:criterion_id>/bo/",
        criteria_views.commune_criterion_delete,
        name="criterion_delete",
    ),
    path("cham-diem/<int:pk>/xep-loai.<str:fmt>", views.export, name="export"),
    path("cham-diem/<int:pk>/don-vi/<int:unit_id>/", views.open_sheet, name="open_unit"),
    path("cham-diem/<int:pk>/cua-xa/", views.open_sheet, name="open_commune"),
    path("cham-diem/phieu/<int:pk>/", views.sheet, name="sheet"),
    path("cham-diem/phieu/<int:pk>/tieu-chi/<int:criterion_id>/", views.score, name="score"),
    path("cham-diem/phieu/<int:pk>/gui/", views.submit, name="submit"),
    path("cham-diem/phieu/<int:pk>/tham-dinh/", views.review, name="review"),
    path("cham-diem/phieu/<int:pk>/tra-lai/", views.send_back, name="send_back"),
    path("cham-diem/phieu/<int:pk>/mo-lai/", views.reopen, name="reopen"),
    path("cham-diem/phieu/<int:pk>/minh-chung/<int:criterion_id>/", views.evidence, name="evidence"),
]
