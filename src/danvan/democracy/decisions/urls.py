"""Village decisions and household registers under the commune workspace: /lam-viec/<code>/..."""

from django.urls import path

from danvan.democracy.decisions.views import commune_wide, decisions, households

app_name = "decisions"

urlpatterns = [
    path("ho-gia-dinh/", households.registers, name="registers"),
    path("ho-gia-dinh/mau-so-ho.xlsx", households.household_template, name="household_template"),
    path("thon/<int:village_id>/ho-gia-dinh/", households.household_list, name="households"),
    path("thon/<int:village_id>/ho-gia-dinh/them/", households.household_add, name="household_add"),
    path("thon/<int:village_id>/ho-gia-dinh/nhap-tep/", households.household_import, name="household_import"),
    path("thon/<int:village_id>/ho-gia-dinh/<int:pk>/sua/", households.household_edit, name="household_edit"),
    path("ban-quyet-dinh/", decisions.decision_list, name="list"),
    path("ban-quyet-dinh/toan-xa/", commune_wide.commune_decisions, name="commune_list"),
    path("ban-quyet-dinh/toan-xa/<int:pk>/", commune_wide.commune_decision_detail, name="commune_detail"),
    path(
        "ban-quyet-dinh/toan-xa/<int:pk>/tong-hop/",
        commune_wide.commune_decision_conclude,
        name="commune_conclude",
    ),
    path("ban-quyet-dinh/tao-moi/", decisions.decision_create, name="create"),
    path("ban-quyet-dinh/hinh-thuc/", decisions.decision_methods, name="methods"),
    path("ban-quyet-dinh/<int:pk>/", decisions.decision_detail, name="detail"),
    path("ban-quyet-dinh/<int:pk>/diem-danh/", decisions.attendance, name="attendance"),
    path("ban-quyet-dinh/<int:pk>/diem-danh/dem/", decisions.attendance_count, name="attendance_count"),
    path("ban-quyet-dinh/<int:pk>/phieu/", decisions.ballots, name="ballots"),
    path("ban-quyet-dinh/<int:pk>/bien-ban.docx", decisions.document, name="document"),
    path("ban-quyet-dinh/<int:pk>/<slug:action>/", decisions.decision_action, name="action"),
]
