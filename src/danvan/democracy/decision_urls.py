"""Village decisions and household registers under the commune workspace: /lam-viec/<code>/..."""

from django.urls import path

from danvan.democracy import decision_views as views

app_name = "decisions"

urlpatterns = [
    path("ho-gia-dinh/", views.registers, name="registers"),
    path("ho-gia-dinh/mau-so-ho.xlsx", views.household_template, name="household_template"),
    path("thon/<int:village_id>/ho-gia-dinh/", views.household_list, name="households"),
    path("thon/<int:village_id>/ho-gia-dinh/them/", views.household_add, name="household_add"),
    path("thon/<int:village_id>/ho-gia-dinh/nhap-tep/", views.household_import, name="household_import"),
    path("thon/<int:village_id>/ho-gia-dinh/<int:pk>/sua/", views.household_edit, name="household_edit"),
    path("ban-quyet-dinh/", views.decision_list, name="list"),
    path("ban-quyet-dinh/tao-moi/", views.decision_create, name="create"),
    path("ban-quyet-dinh/hinh-thuc/", views.decision_methods, name="methods"),
    path("ban-quyet-dinh/<int:pk>/", views.decision_detail, name="detail"),
    path("ban-quyet-dinh/<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("ban-quyet-dinh/<int:pk>/diem-danh/dem/", views.attendance_count, name="attendance_count"),
    path("ban-quyet-dinh/<int:pk>/phieu/", views.ballots, name="ballots"),
    path("ban-quyet-dinh/<int:pk>/bien-ban.docx", views.document, name="document"),
    path("ban-quyet-dinh/<int:pk>/<slug:action>/", views.decision_action, name="action"),
]
