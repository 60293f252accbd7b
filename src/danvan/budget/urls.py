"""Budget pages under the commune workspace: /lam-viec/<code>/kinh-phi/..."""

from django.urls import path

from danvan.budget import views

app_name = "budget"

urlpatterns = [
    path("kinh-phi/", views.budget_list, name="list"),
    path("kinh-phi/ke-hoach/<int:plan_id>/", views.plan_budget, name="plan"),
    path("kinh-phi/ke-hoach/<int:plan_id>/kinh-phi.xlsx", views.plan_budget_xlsx, name="plan_xlsx"),
    path("kinh-phi/dong/<int:pk>/", views.line_detail, name="line"),
    path("kinh-phi/dong/<int:pk>/dieu-chinh/", views.line_amount, name="line_amount"),
    path("kinh-phi/dong/<int:pk>/xoa/", views.line_remove, name="line_remove"),
    path("kinh-phi/chi/<int:pk>/chung-tu/", views.evidence, name="evidence"),
]
