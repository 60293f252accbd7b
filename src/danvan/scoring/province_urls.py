"""The province's scoring of its communes: /tinh/<province code>/cham-diem/…"""

from django.urls import path

from danvan.scoring import criteria_views
from danvan.scoring import province_views as views

app_name = "scoring_province"

urlpatterns = [
    path("cham-diem/", views.province_index, name="index"),
    path("cham-diem/lap/<str:subject>/", views.province_create, name="create"),
    path("cham-diem/<int:pk>/nguong/", views.province_bands, name="bands"),
    path("cham-diem/<int:pk>/tieu-chi/", criteria_views.province_criteria, name="criteria"),
    path(
        "cham-diem/<int:pk>/tieu-chi/<int:criterion_id>/bo/",
        criteria_views.province_criterion_delete,
        name="criterion_delete",
    ),
    path("cham-diem/<int:pk>/xep-loai.<str:fmt>", views.province_export, name="export"),
]
