"""Public-opinion log addresses under the commune workspace: /lam-viec/<code>/du-luan/…"""

from django.urls import path

from danvan.opinion import views

app_name = "opinion"

urlpatterns = [
    path("du-luan/", views.entry_list, name="list"),
    path("du-luan/ghi/", views.entry_new, name="new"),
    path("du-luan/noi/", views.place, name="place"),
    path("du-luan/canh-bao/<int:pk>/", views.alert_detail, name="alert"),
    path("du-luan/canh-bao/<int:pk>/chi-dao/", views.alert_acknowledge, name="acknowledge"),
    path("du-luan/bao-cao/", views.summary_list, name="summaries"),
    path("du-luan/bao-cao/<str:start>/<str:end>/", views.summary_edit, name="summary_edit"),
    path("du-luan/bao-cao/so/<int:pk>/ban-hanh/", views.summary_issue, name="summary_issue"),
    path("du-luan/bao-cao/so/<int:pk>/tai-ve/", views.summary_download, name="summary_download"),
]
