"""The pages the load bench measures: the probes for the query counts, the paths and sessions wrk
uses, and a check of one request of each by hand.

The citizen mix (issue 21): the commune portal's home 40 %, tracking by code 30 %, the public
statistics 10 %, the published results 10 %, a submission of the public form 10 %. The staff mix:
the workspace home, the petition list, the overdue list, a petition's detail and the plan overview,
20 % each, every request with the session of the commune's own coordinator (second factor given).
"""

from __future__ import annotations

import http.client
import random
import re
import urllib.parse
import uuid

SUBMIT_TEXTS = [
    "Cống thoát nước đầu thôn bị tắc, nước tràn lên mặt đường mỗi khi mưa, đề nghị xã nạo vét.",
    "Đề nghị xã lắp thêm biển báo giảm tốc độ trước cổng trường tiểu học vào giờ tan học.",
    "Cây xanh ven đường bị nghiêng sau bão, có nguy cơ đổ vào nhà dân, đề nghị cắt tỉa sớm.",
]
CITIZEN_WEIGHTS = {"home": 40, "tracking": 30, "statistics": 10, "results": 10, "submit": 10}
STAFF_PAGES = ["staff home", "petition list", "overdue", "detail", "plan overview"]


def citizen_path(page: str, slug: str, code: str = "") -> str:
    return {
        "home": f"/xa/{slug}/",
        "tracking": f"/xa/{slug}/tra-cuu/?ma={code}",
        "statistics": f"/xa/{slug}/thong-ke/",
        "results": f"/xa/{slug}/ket-qua/",
        "submit": f"/xa/{slug}/phan-anh/",
    }[page]


def staff_path(page: str, code: str, petition: int | None = None, plan: int | None = None) -> str:
    return {
        "staff home": f"/lam-viec/{code}/",
        "petition list": f"/lam-viec/{code}/don-thu/",
        "overdue": f"/lam-viec/{code}/don-thu/han-xu-ly/",
        "detail": f"/lam-viec/{code}/don-thu/{petition}/",
        "plan overview": f"/lam-viec/{code}/ke-hoach/{plan}/",
    }[page]


def signed_in_client(user):
    """A test client signed in as `user` with the second factor given, the way the code page does it
    (django-otp's `login` with the person's own confirmed key)."""
    from django.http import HttpRequest
    from django.test import Client
    from django_otp import login as otp_login
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        request = HttpRequest()
        request.session = client.session
        request.user = user
        otp_login(request, device)
        request.session.save()
    return client


# --- probes and query counts ------------------------------------------------------------------------


def probe(commune) -> dict:
    """One commune's answered petition (tracking page) and one petition for the detail page."""
    from danvan.petitions.models import Petition

    mine = Petition.objects.filter(commune_id=commune.pk)
    closed = (
        mine.filter(status=Petition.Status.CLOSED).order_by("id").values_list("tracking_code", "pk").first()
    )
    code, pk = closed or mine.order_by("id").values_list("tracking_code", "pk").first()
    return {"commune": commune, "tracking_code": code, "petition": pk}


def query_counts(p: dict) -> dict:
    """SQL queries of one request of each page for the probe's commune, through Django's test client
    against the bench database (warmed once, then counted: a cache filled by the first request is
    what the load sees too). The public pages are counted with the page cache off: a hit reads
    nothing, and what a miss costs is what grows with the data."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from danvan.geo.models import Commune
    from danvan.petitions import selectors
    from danvan.petitions.models import Petition

    c = p["commune"]
    staff = signed_in_client(get_user_model().objects.get(pk=c.staff_id))
    public = Client()
    pages = {"minimal": (public, "/bench/minimal/")}
    for page in CITIZEN_WEIGHTS:
        pages[page if page != "submit" else "submit (form)"] = (
            public,
            citizen_path(page, c.slug, p["tracking_code"]),
        )
    pages["submit (post)"] = (public, None)
    for page in STAFF_PAGES:
        if page == "plan overview" and not c.plan_id:
            continue
        pages[page] = (staff, staff_path(page, c.code, p["petition"], c.plan_id))
    out = {}
    for name, (client, url) in pages.items():
        for _ in range(2):
            with CaptureQueriesContext(connection) as ctx, override_settings(DANVAN_PUBLIC_CACHE_SECONDS=0):
                if url is None:
                    response = client.post(
                        citizen_path("submit", c.slug),
                        {
                            "content": SUBMIT_TEXTS[0],
                            "kind_hint": "feedback",
                            "client_token": uuid.uuid4().hex,
                        },
                        REMOTE_ADDR=f"10.9.{uuid.uuid4().int % 250}.1",
                    )
                else:
                    response = client.get(url)
            n = len(ctx.captured_queries)
        if response.status_code != 200:
            raise RuntimeError(f"{name}: {url} answered {response.status_code}")
        out[name] = n
    out["rows on the overdue list (not queries)"] = len(
        selectors.overdue(commune=Commune.objects.get(pk=c.pk), today=timezone.localdate())
    )
    out["petitions in the commune (not queries)"] = Petition.objects.filter(commune_id=c.pk).count()
    return out


# --- what wrk requests ------------------------------------------------------------------------------


def random_petitions(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """(commune slug, tracking code) of about `n` random existing petitions, by random ids (no
    ORDER BY random() over ten million rows)."""
    from django.db.models import Max

    from danvan.petitions.models import Petition

    top = Petition.objects.aggregate(m=Max("id"))["m"] or 0
    ids = {rng.randint(1, top) for _ in range(n)}
    return list(Petition.objects.filter(id__in=ids).values_list("commune__slug", "tracking_code"))


def wrk_inputs(setup, staff_communes, rng: random.Random) -> dict:
    """Paths for wrk: the citizen pages of every commune and 10,000 random tracking codes; the staff
    pages of `staff_communes`, each with its coordinator's session cookie; 20 petitions per commune
    for the detail page."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from danvan.petitions.models import Petition

    out: dict[str, list] = {}
    for page in ("home", "statistics", "results", "submit"):
        out[page] = [(citizen_path(page, c.slug), None) for c in setup.communes]
    out["tracking"] = [
        (citizen_path("tracking", slug, code), None) for slug, code in random_petitions(10_000, rng)
    ]
    users = get_user_model().objects.in_bulk([c.staff_id for c in staff_communes])
    for page in STAFF_PAGES:
        out[page] = []
    for c in staff_communes:
        client = signed_in_client(users[c.staff_id])
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        for page in ("staff home", "petition list", "overdue"):
            out[page].append((staff_path(page, c.code), cookie))
        if c.plan_id:
            out["plan overview"].append((staff_path("plan overview", c.code, plan=c.plan_id), cookie))
        pks = list(Petition.objects.filter(commune_id=c.pk).values_list("pk", flat=True)[:2000])
        for pk in rng.sample(pks, min(20, len(pks))):
            out["detail"].append((staff_path("detail", c.code, petition=pk), cookie))
    return out


# --- one request of each by hand --------------------------------------------------------------------


def fetch(port: int, path: str, headers=None, body=None) -> tuple[int, str]:
    """One request on loopback without following redirects (a 302 to the log-in page must not pass)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST" if body else "GET", path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.read().decode(errors="replace"), r.getheader("Set-Cookie") or ""
    finally:
        conn.close()


def fetch_csrf(port: int, path: str) -> tuple[str, str]:
    """The CSRF cookie and the form's token, from one GET of the public form."""
    status, html, cookie = fetch(port, path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    match = re.search(r"csrftoken=([^;]+)", cookie)
    if status != 200 or not token or not match:
        raise RuntimeError(f"the public form {path} gave no CSRF token (status {status})")
    return match.group(1), token.group(1)


MARKERS = {
    "tracking": None,  # the code itself, below
    "overdue": "Đơn thư quá hạn",
}


def check_pages(port: int, inputs: dict, csrf: tuple[str, str]) -> None:
    """One request of each page by hand: a 200 with the page we mean (not a login page)."""
    for page, entries in inputs.items():
        if page == "submit" or not entries:
            continue
        path, cookie = entries[0]
        status, html, _ = fetch(port, path, {"Cookie": cookie} if cookie else None)
        if status != 200:
            raise RuntimeError(f"{page}: {path} answered {status}")
        if page == "tracking" and path.rsplit("=", 1)[1] not in html:
            raise RuntimeError(f"tracking: {path} does not show the code")
        if cookie and "dang-nhap" in path:
            raise RuntimeError(f"{page}: {path} is the log-in page")
        if page in MARKERS and MARKERS[page] and MARKERS[page] not in html:
            raise RuntimeError(f"{page}: {path} is not the page meant")
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf[1],
            "content": SUBMIT_TEXTS[0],
            "kind_hint": "feedback",
            "client_token": f"bench-check-{uuid.uuid4().hex}",
        }
    )
    headers = {
        "Cookie": f"csrftoken={csrf[0]}",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": "10.255.255.1",
    }
    status, html, _ = fetch(port, inputs["submit"][0][0], headers, body)
    if status != 200 or not re.search(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{4}", html):
        raise RuntimeError(f"submission answered {status} without a tracking code")
