"""The Front's voice under the commune workspace: /lam-viec/<code>/mat-tran/..."""

from django.urls import path

from danvan.front import views

app_name = "front"

urlpatterns = [
    path("mat-tran/", views.recommendation_list, name="list"),
    path("mat-tran/moi/", views.recommendation_new, name="new"),
    path("mat-tran/<int:pk>/", views.recommendation_detail, name="item"),
    path("mat-tran/quy-che/", views.regulation_list, name="regulations"),
    path("mat-tran/quy-che/<int:pk>/ra-soat/", views.regulation_review, name="review"),
    path("mat-tran/lich/", views.activity_list, name="activities"),
    path("mat-tran/lich/<int:pk>/huy/", views.activity_cancel, name="activity_cancel"),
]
