"""Staff addresses of the disclosure register, /lam-viec/<code>/cong-khai/… (composed into the
`democracy` namespace by `democracy/urls.py`)."""

from django.urls import path

from danvan.democracy.disclosures import views

urlpatterns = [
    path("cong-khai/", views.disclosures, name="disclosures"),
    path("cong-khai/dang/", views.disclosure_publish, name="disclosure_publish"),
    path("cong-khai/ra-soat/", views.compliance, name="compliance"),
    path("cong-khai/<int:pk>/", views.disclosure_detail, name="disclosure_detail"),
    path("cong-khai/<int:pk>/tep/", views.disclosure_file, name="disclosure_file"),
    path("cong-khai/<int:pk>/dinh-chinh/", views.disclosure_correct, name="disclosure_correct"),
    path("cong-khai/danh-sach-theo-quy/", views.disclosure_quarterly, name="disclosure_quarterly"),
]

public_urlpatterns = [
    path("cong-khai/", views.public_disclosure_list, name="disclosures"),
    path("cong-khai/<int:pk>/", views.public_disclosure_detail, name="disclosure"),
    path("cong-khai/<int:pk>/tep/", views.public_disclosure_file, name="disclosure_file"),
]
