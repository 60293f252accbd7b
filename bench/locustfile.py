"""The citizen and staff mixes of issue 21 for locust, against any Dân Vận Số server.

Run it through `bench/load_test.py` (which makes its own virtualenv with locust, bounded in time);
configured by environment variables, all set by that script:

- DANVAN_LOAD_COMMUNES: commune slugs, comma-separated (the citizen pages of each);
- DANVAN_LOAD_CODES: a file of existing `slug<TAB>tracking code` lines (optional: the citizens also
  track the codes their own submissions got);
- DANVAN_LOAD_STAFF: a file of `username<TAB>password<TAB>TOTP key (hex)<TAB>commune code` lines;
  each staff user signs in through the log-in page and the code page with the next account;
- DANVAN_LOAD_FORWARDED_FOR=1: send a different X-Forwarded-For with each submission (only a server
  that trusts the header, like the bench settings, then sees many citizens instead of one load
  generator; a production server behind nginx rate-limits them, and a 429 counts as a failure).

Citizen mix: portal home 40 %, tracking by code 30 %, public statistics 10 %, published results
10 %, a submission of the public form 10 %. Staff mix: workspace home, petition list, overdue list,
a petition's detail, plan overview, 20 % each. A 200 is a success; anything else (a redirect to the
log-in page, a 429) is a failure with its status in the name.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import threading
import time
import uuid

from locust import HttpUser, between, constant, events, task
from petitions_load.totp import totp  # bench/ is on the path: locust adds the locustfile's folder

CONTENTS = [
    "Cống thoát nước đầu thôn bị tắc, nước tràn lên mặt đường mỗi khi mưa, đề nghị xã nạo vét.",
    "Đề nghị xã lắp thêm biển báo giảm tốc độ trước cổng trường tiểu học vào giờ tan học.",
    "Cây xanh ven đường bị nghiêng sau bão, có nguy cơ đổ vào nhà dân, đề nghị cắt tỉa sớm.",
]
CODE = re.compile(r"[2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{4}")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _lines(var: str) -> list[list[str]]:
    path = os.environ.get(var)
    if not path:
        return []
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


COMMUNES = [s for s in os.environ.get("DANVAN_LOAD_COMMUNES", "").split(",") if s]
CODES: list[tuple[str, str]] = [(r[0], r[1]) for r in _lines("DANVAN_LOAD_CODES")]
STAFF = _lines("DANVAN_LOAD_STAFF")
FORWARDED = os.environ.get("DANVAN_LOAD_FORWARDED_FOR") == "1"
# DANVAN_LOAD_NO_WAIT=1: every user sends its next request at once (throughput, as wrk does) instead of
# pausing like a person reading the page.
NO_WAIT = os.environ.get("DANVAN_LOAD_NO_WAIT") == "1"
_lock = threading.Lock()
_accounts = itertools.cycle(range(len(STAFF))) if STAFF else None
_last_step: dict[int, int] = {}


@events.test_start.add_listener
def _check(environment, **_):
    if not COMMUNES and any(c.__name__ == "Citizen" for c in environment.user_classes):
        raise SystemExit("DANVAN_LOAD_COMMUNES is empty: which communes' pages to load?")


def _ok(response, name: str) -> None:
    if response.status_code != 200:
        response.failure(f"{name}: {response.status_code}")
    else:
        response.success()


class Citizen(HttpUser):
    """A resident on a phone: the commune portal, tracking, statistics, results, the form."""

    wait_time = constant(0) if NO_WAIT else between(0.5, 2)
    weight = 10

    def on_start(self):
        self.slug = random.choice(COMMUNES)
        self.codes: list[tuple[str, str]] = []
        self.token = None

    def _get(self, path: str, name: str):
        with self.client.get(path, name=name, catch_response=True) as r:
            _ok(r, name)
            return r

    @task(40)
    def home(self):
        self._get(f"/xa/{random.choice(COMMUNES)}/", "citizen: portal home")

    @task(30)
    def tracking(self):
        pool = self.codes or CODES
        if not pool:
            return self.submit()
        slug, code = random.choice(pool)
        with self.client.get(
            f"/xa/{slug}/tra-cuu/?ma={code}", name="citizen: tracking", catch_response=True
        ) as r:
            if r.status_code == 200 and code not in r.text:
                r.failure("tracking: the page does not show the code")
            else:
                _ok(r, "tracking")

    @task(10)
    def statistics(self):
        self._get(f"/xa/{random.choice(COMMUNES)}/thong-ke/", "citizen: statistics")

    @task(10)
    def results(self):
        self._get(f"/xa/{random.choice(COMMUNES)}/ket-qua/", "citizen: results")

    @task(10)
    def submit(self):
        path = f"/xa/{self.slug}/phan-anh/"
        if self.token is None:
            r = self._get(path, "citizen: submit form")
            match = CSRF.search(r.text or "")
            if not match:
                return
            self.token = match.group(1)
        headers = {"Referer": self.host.rstrip("/") + path}
        if FORWARDED:
            headers["X-Forwarded-For"] = (
                f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(256)}"
            )
        data = {
            "csrfmiddlewaretoken": self.token,
            "content": random.choice(CONTENTS),
            "kind_hint": "feedback",
            "client_token": uuid.uuid4().hex,
            "publish_consent": "on",
        }
        with self.client.post(
            path, data=data, headers=headers, name="citizen: submit", catch_response=True
        ) as r:
            match = CODE.search(r.text or "") if r.status_code == 200 else None
            if match:
                self.codes.append((self.slug, match.group(0)))
                r.success()
            else:
                r.failure(f"submit: {r.status_code} without a tracking code")


class Staff(HttpUser):
    """A commune coordinator at a desk: signs in once (password, then the authenticator code)."""

    wait_time = constant(0) if NO_WAIT else between(1, 3)
    weight = 1
    # bench/load_test.py --staff N: exactly N staff users, the rest citizens.
    fixed_count = int(os.environ.get("DANVAN_LOAD_STAFF_COUNT") or 0)

    def on_start(self):
        if not STAFF:
            raise SystemExit("DANVAN_LOAD_STAFF is empty: no staff accounts for the staff mix")
        with _lock:
            index = next(_accounts)
        username, password, key, self.code = STAFF[index][:4]
        r = self.client.get("/dang-nhap/", name="staff: sign-in page")
        token = CSRF.search(r.text).group(1)
        r = self.client.post(
            "/dang-nhap/",
            data={"csrfmiddlewaretoken": token, "username": username, "password": password},
            headers={"Referer": self.host.rstrip("/") + "/dang-nhap/"},
            name="staff: sign in",
        )
        if "ma-xac-thuc" in r.url:
            token = CSRF.search(r.text).group(1)
            # django-otp accepts each time step once per key: two users on one account wait for the next.
            with _lock:
                step = max(int(time.time()) // 30, _last_step.get(index, -1) + 1)
                _last_step[index] = step
            time.sleep(max(0.0, step * 30 - time.time()))
            r = self.client.post(
                r.url,
                data={"csrfmiddlewaretoken": token, "token": totp(key, step)},
                headers={"Referer": r.url},
                name="staff: second factor",
            )
        petitions = self.client.get(f"/lam-viec/{self.code}/don-thu/", name="staff: petition list").text
        self.petitions = sorted(set(re.findall(rf"/lam-viec/{self.code}/don-thu/(\d+)/", petitions)))
        plans = self.client.get(f"/lam-viec/{self.code}/ke-hoach/", name="staff: plan list").text
        self.plans = sorted(set(re.findall(rf"/lam-viec/{self.code}/ke-hoach/(\d+)/", plans)))

    def _get(self, path: str, name: str):
        with self.client.get(path, name=name, catch_response=True, allow_redirects=False) as r:
            _ok(r, name)

    @task
    def home(self):
        self._get(f"/lam-viec/{self.code}/", "staff: home")

    @task
    def petition_list(self):
        self._get(f"/lam-viec/{self.code}/don-thu/", "staff: petition list")

    @task
    def overdue(self):
        self._get(f"/lam-viec/{self.code}/don-thu/han-xu-ly/", "staff: overdue list")

    @task
    def detail(self):
        if self.petitions:
            self._get(
                f"/lam-viec/{self.code}/don-thu/{random.choice(self.petitions)}/", "staff: petition detail"
            )

    @task
    def plan(self):
        if self.plans:
            self._get(f"/lam-viec/{self.code}/ke-hoach/{random.choice(self.plans)}/", "staff: plan overview")
