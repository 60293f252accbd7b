"""Staff pages of announcements, under /lam-viec/<code>/."""

from django.urls import path

from danvan.announcements import language_views as langs
from danvan.announcements import loudspeaker_views as loa
from danvan.announcements import views

app_name = "announcements"

urlpatterns = [
    path("tin-tuc/", views.post_list, name="list"),
    path("tin-tuc/moi/", views.post_edit, name="new"),
    path("tin-tuc/<int:pk>/", views.post_detail, name="detail"),
    path("tin-tuc/<int:pk>/sua/", views.post_edit, name="edit"),
    path("tin-tuc/<int:pk>/gui/", views.post_send, name="send"),
    path("tin-tuc/<int:pk>/ban-in.docx", views.post_notice, name="notice"),
    path("tin-tuc/<int:pk>/ban-in.pdf", views.post_notice_as_pdf, name="notice_pdf"),
    path("loa/", loa.bulletins, name="bulletins"),
    path("loa/<int:pk>/", loa.bulletin_detail, name="bulletin"),
    path("loa/<int:pk>/muc/", loa.item_add, name="bulletin_item"),
    path("loa/<int:pk>/lich-phat/", loa.broadcast_add, name="broadcast_add"),
    path("loa/<int:pk>/lich-phat/<int:broadcast_id>/da-phat/", loa.broadcast_aired, name="broadcast_aired"),
    path("loa/<int:pk>/doc-thu/", loa.draft_audio, name="draft_audio"),
    path("ngon-ngu/", langs.language_list, name="languages"),
    path("ngon-ngu/<int:pk>/thoi-dung/", langs.language_stop, name="language_stop"),
    path("tin-tuc/<int:pk>/ban-dich/", langs.post_versions, name="post_versions"),
    path("tin-tuc/<int:pk>/ban-dich/<int:vid>/xoa/", langs.post_version_remove, name="post_version_remove"),
    path("loa/<int:pk>/ngon-ngu/", langs.bulletin_versions, name="bulletin_versions"),
    path(
        "loa/<int:pk>/ngon-ngu/<int:vid>/ghi-am/", langs.bulletin_version_audio, name="bulletin_version_audio"
    ),
    path(
        "loa/<int:pk>/ngon-ngu/<int:vid>/xoa/", langs.bulletin_version_remove, name="bulletin_version_remove"
    ),
]
