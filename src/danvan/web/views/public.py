"""The public side: the home page with commune search, and each commune's portal."""

from django.shortcuts import render

from danvan.announcements.selectors import latest_posts
from danvan.geo.selectors import active_communes, commune_by_slug, communes_search, villages_of
from danvan.org.selectors import units_of


def home(request):
    query = request.GET.get("q", "").strip()[:100]
    results = communes_search(query) if query else None
    return render(
        request,
        "web/home.html",
        {"communes": active_communes(), "query": query, "results": results},
    )


def commune_portal(request, slug: str):
    commune = commune_by_slug(slug)
    return render(
        request,
        "web/portal/commune.html",
        {
            "commune": commune,
            "units": units_of(commune).filter(is_active=True),
            "villages": villages_of(commune).filter(is_active=True),
            "posts": latest_posts(commune),
        },
    )
