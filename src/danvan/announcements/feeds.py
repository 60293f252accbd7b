"""The commune's news as an Atom feed (/xa/<slug>/tin-tuc/atom.xml)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from danvan.announcements.selectors import published_posts
from danvan.geo.selectors import commune_by_slug


class CommuneNewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return commune_by_slug(slug)

    def title(self, commune):
        return f"Tin tức, thông báo – UBND {commune.name}"

    def link(self, commune):
        return reverse("announcements_public:list", kwargs={"slug": commune.slug})

    def subtitle(self, commune):
        return f"Thông báo, tin hoạt động của UBND {commune.in_sentence}"

    def items(self, commune):
        return published_posts(commune)[:30]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.body[:1000]

    def item_link(self, post):
        return reverse("announcements_public:detail", kwargs={"slug": post.commune.slug, "pk": post.pk})

    def item_pubdate(self, post):
        return post.publish_at

    def item_updateddate(self, post):
        return post.updated_at

    def item_categories(self, post):
        return [post.get_category_display()]
