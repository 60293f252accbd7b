"""The public side: the home page with commune search, and each commune's portal."""

from django.shortcuts import render

from danvan.announcements.selectors import latest_posts, next_portal_change
from danvan.core.pagecache import expires_at, public_page
from danvan.geo.selectors import active_communes, commune_by_slug, communes_search, villages_of
from danvan.org.selectors import units_of


@public_page()  # the list of communes: invalidated by a change to any commune's row
def home(request):
    query = request.GET.get("q", "").strip()[:100]
    results = communes_search(query) if query else None
    return render(
        request,
        "web/home.html",
        {"communes": active_communes(), "query": query, "results": results},
    )


@public_page("org", "announcements")
def commune_portal(request, slug: str):
    commune = commune_by_slug(slug)
    expires_at(request, next_portal_change(commune))  # a scheduled post appears on time
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
