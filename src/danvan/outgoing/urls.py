"""The register of outgoing documents under the commune workspace: /lam-viec/<code>/van-ban-di/..."""

from django.urls import path

from danvan.outgoing import views

app_name = "outgoing"

urlpatterns = [
    path("van-ban-di/", views.register_page, name="register"),
    path("van-ban-di/<int:pk>.docx", views.document_docx, name="docx"),
    path("van-ban-di/<int:pk>.pdf", views.document_pdf, name="pdf"),
]
