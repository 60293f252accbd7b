"""The page cache's dogpile guard (core/pagecache.py): when a popular page is missing (the home page after
a deploy or an admin change), concurrent visitors cause one render, not one each, and a renderer that
fails or hangs never keeps a visitor from the page. Run on the cache backends a deployment uses: the
in-process one of the tests, the file cache (the default without Redis) and Redis (when it runs here)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from danvan.core import pagecache
from danvan.core.pagecache import HIT_HEADER, PublicPageCacheMiddleware
from tests.core.nodes import redis_settings


@pytest.fixture(params=["locmem", "file", "redis"])
def real_cache(request, tmp_path):
    """The page cache on and empty, on one backend."""
    if request.param == "redis":
        with redis_settings(DANVAN_PUBLIC_CACHE_SECONDS=60):
            yield caches["default"]
        return
    backend = {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dogpile"},
        "file": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)},
    }[request.param]
    with override_settings(CACHES={"default": backend}, DANVAN_PUBLIC_CACHE_SECONDS=60):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


class View:
    """Stands for the page's view (everything below the cache middleware): counts its renders; a request
    with `hang` waits until released, one with `fail` answers an error page."""

    def __init__(self):
        self.renders = 0
        self.entered = threading.Event()
        self.release = threading.Event()
        self._count = threading.Lock()

    def __call__(self, request):
        with self._count:
            self.renders += 1
        self.entered.set()
        if "hang" in request.GET:
            self.release.wait(timeout=30)
        elif "slow" in request.GET:
            self.release.wait(timeout=0.3)
        if "fail" in request.GET:
            return HttpResponse("Lỗi máy chủ", status=500)
        return HttpResponse(f"Trang chủ, lần dựng thứ {self.renders}")


def _get(middleware, query="", out=None):
    response = middleware(RequestFactory().get(f"/?{query}" if query else "/"))
    if out is not None:
        out.append(response)
    return response


def _in_threads(*targets):
    threads = [threading.Thread(target=t) for t in targets]
    for t in threads:
        t.start()
    return threads


def test_concurrent_misses_render_the_page_once(real_cache):
    if isinstance(real_cache, FileBasedCache):
        # Django's file cache has no atomic add (it looks, then writes): two threads can both take the lock
        # or create different versions, so there the guard only makes concurrent renders rarer.
        pytest.skip("the file cache's add is not atomic: one render is not guaranteed there")
    view = View()
    middleware = PublicPageCacheMiddleware(view)
    start = threading.Barrier(6)
    responses = []

    def visit():
        start.wait()
        _get(middleware, "slow", responses)

    for t in _in_threads(*[visit] * 6):
        t.join(timeout=20)
    assert view.renders == 1
    assert len(responses) == 6
    assert {r.status_code for r in responses} == {200}
    assert {r.content for r in responses} == {"Trang chủ, lần dựng thứ 1".encode()}
    assert sorted(r[HIT_HEADER] for r in responses) == ["hit"] * 5 + ["miss"]


def test_a_renderer_that_hangs_never_keeps_the_next_visitor_from_the_page(real_cache):
    # A renderer that hangs or died holding the lock: the next visitor waits a moment, then renders.
    view = View()
    middleware = PublicPageCacheMiddleware(view)
    hung = []
    (holder,) = _in_threads(lambda: _get(middleware, "hang", hung))
    assert view.entered.wait(timeout=10)
    try:
        # The same page (the lock is per page): "hang" only tells this stand-in view to block.
        middleware.get_response = lambda request: HttpResponse("Trang chủ, người sau tự dựng")
        served = _get(middleware, "hang")
        assert served.status_code == 200 and served.content.decode() == "Trang chủ, người sau tự dựng"
        assert holder.is_alive()  # served while the first renderer still hangs
    finally:
        view.release.set()
        holder.join(timeout=10)
    assert hung and hung[0].status_code == 200


def test_a_failed_render_frees_the_page_at_once(real_cache, monkeypatch):
    # An error page is not stored: the next visitor must not wait for an entry that will never come.
    waits = []
    monkeypatch.setattr(pagecache, "time", SimpleNamespace(sleep=waits.append))
    view = View()
    middleware = PublicPageCacheMiddleware(view)
    assert _get(middleware, "fail").status_code == 500
    second = _get(middleware, "fail")
    assert second.status_code == 500 and view.renders == 2
    assert waits == []


def test_a_renderer_that_raises_frees_the_page_at_once(real_cache, monkeypatch):
    waits = []
    monkeypatch.setattr(pagecache, "time", SimpleNamespace(sleep=waits.append))

    def broken(request):
        raise RuntimeError("mất kết nối cơ sở dữ liệu")

    with pytest.raises(RuntimeError):
        PublicPageCacheMiddleware(broken)(RequestFactory().get("/"))
    view = View()
    served = PublicPageCacheMiddleware(view)(RequestFactory().get("/"))
    assert served.status_code == 200 and served[HIT_HEADER] == "miss"
    assert waits == [] and view.renders == 1
