"""Public portal and staff workspace addresses (Vietnamese, readable, stable)."""

from django.urls import path

from danvan.web.views import account, auth, language, messages, public, rules, workspace

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("xa/<slug:slug>/", public.commune_portal, name="portal"),
    path("ngon-ngu/<str:language>/", language.choose_language, name="language"),
    path("dang-nhap/", auth.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth.logout_view, name="logout"),
    path("tai-khoan/mat-khau/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("dang-nhap/ma-xac-thuc/", account.otp_verify, name="otp_verify"),
    path("tai-khoan/", account.account, name="account"),
    path("tai-khoan/xac-thuc-hai-buoc/", account.otp_enrol, name="otp_enrol"),
    path("tai-khoan/ma-du-phong/", account.recovery_codes_new, name="recovery_codes_new"),
    path("tai-khoan/phien/dang-xuat-cac-phien-khac/", account.end_other_sessions, name="end_other_sessions"),
    path("lam-viec/", workspace.choose, name="workspace"),
    path("lam-viec/<str:code>/", workspace.home, name="ws_home"),
    path("lam-viec/<str:code>/don-vi/", workspace.units, name="ws_units"),
    path("lam-viec/<str:code>/thong-bao/da-doc/", workspace.notifications_read, name="ws_notifications_read"),
    path("lam-viec/<str:code>/don-vi/<int:unit_id>/", workspace.unit_edit, name="ws_unit_edit"),
    path("lam-viec/<str:code>/thon/", workspace.villages, name="ws_villages"),
    path("lam-viec/<str:code>/thon/<int:village_id>/", workspace.village_edit, name="ws_village_edit"),
    path("lam-viec/<str:code>/lich/", workspace.calendar, name="ws_calendar"),
    path("lam-viec/<str:code>/can-cu-phap-ly/", rules.rules_page, name="ws_rules"),
    path("lam-viec/<str:code>/nhat-ky/", workspace.audit, name="ws_audit"),
    path("lam-viec/<str:code>/tin-nhan/", messages.message_log_page, name="ws_messages"),
    path("lam-viec/<str:code>/tin-nhan/<int:pk>/gui-lai/", messages.message_resend, name="ws_message_resend"),
]
