"""“Dân vận khéo” addresses under the commune workspace: /lam-viec/<code>/dan-van-kheo/…"""

from django.urls import path

from danvan.exemplars import views

app_name = "exemplars"

urlpatterns = [
    path("dan-van-kheo/", views.exemplar_list, name="list"),
    path("dan-van-kheo/han-dang-ky/", views.call_set, name="call_set"),
    path("dan-van-kheo/dang-ky/", views.register, name="register"),
    path("dan-van-kheo/<int:pk>/", views.detail, name="detail"),
    path("dan-van-kheo/<int:pk>/tiep-nhan/", views.start, name="start"),
    path("dan-van-kheo/<int:pk>/tien-do/", views.progress, name="progress"),
    path("dan-van-kheo/<int:pk>/cham-diem/", views.score, name="score"),
    path("dan-van-kheo/<int:pk>/ket-luan/", views.evaluate, name="evaluate"),
    path("dan-van-kheo/<int:pk>/danh-gia-lai/", views.reopen, name="reopen"),
    path("dan-van-kheo/<int:pk>/cong-nhan/", views.recognise, name="recognise"),
    path("dan-van-kheo/<int:pk>/minh-chung/<int:pid>/", views.evidence, name="evidence"),
]
