"""Two gunicorn nodes behind Debian's nginx on loopback, sharing PostgreSQL and Redis: check that what
one node knows, the other knows (docs/DEPLOY.md, "Beyond one machine").

    python bench/bench_nodes.py [--database-url postgres://postgres@127.0.0.1:5432/danvan_bench_nodes]
                                [--redis-url redis://127.0.0.1:6379/12] [--keep]

It creates (and afterwards drops) its own PostgreSQL database, migrates it, adds one commune with a unit
officer, collects the static files, starts node A and node B (gunicorn with the project's own
`gunicorn_conf.py`) and nginx with the configuration of docs/DEPLOY.md (upstream of the two nodes,
`proxy_request_buffering on`, static files from disk, X-Forwarded-For set by nginx and trusted only from
it), then checks, as a browser would (cookies, CSRF tokens):

1. a session opened on node A (the officer signs in there) opens a staff page on node B;
2. the public form's limit (5 petitions per address per 10 minutes) holds across the nodes: six posts
   through nginx, served by both nodes in turn, give five petitions and one refusal (429);
3. a client that talks to a node directly cannot pick the address it is counted under: the node trusts
   X-Forwarded-For only from nginx's address (DANVAN_TRUSTED_PROXIES);
4. nginx serves `/static/` itself, with a long cache lifetime.

Exit status 0 when every check passes, 1 otherwise. Needs nginx (`apt-get install nginx`), a running
PostgreSQL and Redis. Nothing here is timed: it checks behaviour, not speed.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PASSWORD = "Mat-khau-nut-2026"  # noqa: S105 - a throw-away account in a throw-away database
SETUP = """
from danvan.geo.models import Commune, Province
from danvan.org.models import Role, Unit
from danvan.org.services import commune_activate, membership_grant
from django.contrib.auth import get_user_model

province = Province.objects.create(code="68", name="Lâm Đồng", division_type="tỉnh", slug="lam-dong")
commune = Commune.objects.create(code="24637", name="Xã Tà Đùng", province=province, division_type="xã",
                                 slug="ta-dung", is_active=False)
commune_activate(commune=commune, by=None)
user = get_user_model().objects.create_user(username="canbo", password="%s", first_name="Ba",
                                            last_name="Nguyễn Văn")
membership_grant(user=user, role=Role.UNIT_OFFICER, commune=commune,
                 unit=Unit.objects.get(commune=commune, name="Phòng Kinh tế"), by=None)
"""

NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  log_format nodes '$remote_addr "$request" $status $upstream_addr';
  access_log {tmp}/nginx-access.log nodes;
{server}
}}
"""


def site_block(*, port: int, nodes: list[int], static_root: Path) -> str:
    """The `upstream` and `server` blocks of docs/DEPLOY.md, with this run's ports and folders."""
    upstream = "\n".join(f"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;" for p in nodes)
    return f"""
  upstream danvan {{
{upstream}
    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{port};
    server_name _;
    client_max_body_size 55m;
    client_body_timeout 120s;
    client_body_buffer_size 1m;
    proxy_request_buffering on;
    location /static/ {{
      alias {static_root}/;
      add_header Cache-Control "public, max-age=31536000, immutable";  # hashed names: never stale
      access_log off;
    }}
    location / {{
      proxy_pass http://danvan;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
      proxy_send_timeout 120s;
      proxy_next_upstream error timeout;
    }}
  }}"""


class Browser:
    """Cookies and CSRF tokens, as a browser keeps them."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def get(self, url: str, headers: dict | None = None):
        return self._open(urllib.request.Request(url, headers=headers or {}))  # noqa: S310 - loopback

    def post(self, url: str, data: dict, headers: dict | None = None):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST")  # noqa: S310
        return self._open(request)

    def _open(self, request):
        try:
            with self.opener.open(request, timeout=30) as r:
                return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read().decode("utf-8", "replace")

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def share_cookies_with(self, other: Browser) -> None:
        for c in self.jar:
            other.jar.set_cookie(c)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to check, not to follow


def _token(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', html)
    if not found:
        raise RuntimeError(f"no {name} in the page")
    return found.group(1)


def _wait(url: str, proc: subprocess.Popen, what: str) -> None:
    for _ in range(120):
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()  # noqa: S310 - our own loopback URL
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{what} did not answer at {url}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/danvan_bench_nodes")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--port", type=int, default=18100, help="nginx; the nodes take the next two ports")
    parser.add_argument("--keep", action="store_true", help="keep the database and the temporary folder")
    args = parser.parse_args()
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        print("nginx không có: apt-get install nginx", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="danvan-nodes-"))
    tmp.chmod(0o755)  # nginx's workers (www-data) read the static files under it
    db = urllib.parse.urlparse(args.database_url)
    db_name = db.path.lstrip("/")
    pg = ["-h", db.hostname or "127.0.0.1", "-p", str(db.port or 5432), "-U", db.username or "postgres"]
    prefix = f"bench-nodes-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DATABASE_URL": args.database_url,
        "DANVAN_DATA_DIR": str(tmp / "data"),
        "DANVAN_SECRET_KEY": uuid.uuid4().hex * 2,  # one key for every node
        "DANVAN_REDIS_CACHE_URL": args.redis_url,
        "DANVAN_CACHE_KEY_PREFIX": prefix,
        "DANVAN_TRUST_X_FORWARDED_FOR": "1",
        "DANVAN_TRUSTED_PROXIES": "127.0.0.2",  # nginx talks to the nodes from this loopback address
        "DANVAN_LOG_LEVEL": "WARNING",
        "WEB_CONCURRENCY": "1",
    }
    env.pop("DANVAN_REPLICA_URL", None)
    manage = [PYTHON, "-m", "danvan.manage"]
    procs: list[subprocess.Popen] = []
    failures: list[str] = []

    def check(ok: bool, text: str) -> None:
        print(("ĐẠT   " if ok else "KHÔNG ") + text)
        if not ok:
            failures.append(text)

    try:
        subprocess.run(["dropdb", "--if-exists", *pg, db_name], check=True)  # noqa: S603, S607
        subprocess.run(["createdb", *pg, db_name], check=True)  # noqa: S603, S607
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603
        subprocess.run([*manage, "shell", "-c", SETUP % PASSWORD], env=env, check=True)  # noqa: S603
        subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603
        ports = [args.port + 1, args.port + 2]
        for name, port in zip("AB", ports, strict=True):
            log = open(tmp / f"node-{name}.log", "w")  # noqa: SIM115 - closed with the process
            procs.append(
                subprocess.Popen(  # noqa: S603
                    [
                        PYTHON,
                        "-m",
                        "gunicorn",
                        "-c",
                        "python:danvan.gunicorn_conf",
                        "danvan.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                    ],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        conf = tmp / "nginx.conf"
        server = site_block(
            port=args.port, nodes=ports, static_root=Path(env["DANVAN_DATA_DIR"]) / "staticfiles"
        )
        # From 127.0.0.2: the nodes can tell nginx from a client that reaches them directly (127.0.0.1).
        server = server.replace(
            "proxy_pass http://danvan;", "proxy_pass http://danvan;\n      proxy_bind 127.0.0.2;"
        )
        conf.write_text(NGINX_CONF.format(tmp=tmp, server=server))
        procs.append(
            subprocess.Popen(  # noqa: S603
                [nginx, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"], start_new_session=True
            )
        )
        front = f"http://127.0.0.1:{args.port}"
        for port, proc in zip(ports, procs, strict=False):
            _wait(f"http://127.0.0.1:{port}/", proc, f"gunicorn :{port}")
        _wait(front + "/", procs[-1], "nginx")

        # 1. A session opened on node A opens a staff page on node B.
        node_a, node_b = (f"http://127.0.0.1:{p}" for p in ports)
        officer = Browser()
        _, _, page = officer.get(node_a + "/dang-nhap/")
        status, headers, _ = officer.post(
            node_a + "/dang-nhap/",
            {
                "csrfmiddlewaretoken": _token(page, "csrfmiddlewaretoken"),
                "username": "canbo",
                "password": PASSWORD,
            },
        )
        check(status == 302 and officer.cookie("sessionid") is not None, f"đăng nhập ở nút A: {status}")
        other = Browser()
        officer.share_cookies_with(other)
        status, _, html = other.get(node_b + "/lam-viec/24637/")
        check(
            status == 200 and "Tà Đùng" in html,
            f"phiên mở ở nút A dùng được ở nút B (trang cán bộ): {status}",
        )
        status, headers, _ = Browser().get(node_b + "/lam-viec/24637/")
        check(
            status == 302 and "/dang-nhap/" in headers.get("Location", ""),
            "không có phiên: nút B chuyển về đăng nhập",
        )

        # 2. Six posts through nginx, served by both nodes in turn: five petitions, one refusal.
        resident = Browser()
        answers = []
        _, _, form = resident.get(front + "/xa/ta-dung/phan-anh/")
        for _ in range(6):  # one after another: nginx's round robin sends them to A, B, A, B…
            status, _, _ = resident.post(
                front + "/xa/ta-dung/phan-anh/",
                {
                    "csrfmiddlewaretoken": _token(form, "csrfmiddlewaretoken"),
                    "client_token": uuid.uuid4().hex,  # a new petition each time, not a retry
                    "content": "Đèn đường đầu thôn 1 hỏng, tối đi lại nguy hiểm.",
                    "kind_hint": "feedback",
                    "village": "",
                    "address": "Đầu thôn 1",
                },
            )
            answers.append(status)
        time.sleep(0.5)  # nginx writes its log line just after the answer
        served = re.findall(
            r'"POST /xa/ta-dung/phan-anh/ HTTP/1.1" \d+ (\S+)', (tmp / "nginx-access.log").read_text()
        )
        check(answers == [200] * 5 + [429], f"giới hạn 5 đơn/10 phút chung cho hai nút qua nginx: {answers}")
        check(len(set(served)) == 2, f"nginx chia các lần gửi cho cả hai nút: {served}")

        # 3. Talking to a node directly with a made-up X-Forwarded-For does not give a fresh budget.
        direct = Browser()
        _, _, form = direct.get(node_a + "/xa/ta-dung/phan-anh/")
        status, _, _ = direct.post(
            node_a + "/xa/ta-dung/phan-anh/",
            {
                "csrfmiddlewaretoken": _token(form, "csrfmiddlewaretoken"),
                "client_token": _token(form, "client_token"),
                "content": "Gửi thẳng vào nút, tự khai địa chỉ khác.",
                "kind_hint": "feedback",
                "village": "",
                "address": "",
            },
            headers={"X-Forwarded-For": "203.0.113.99"},
        )
        check(status == 429, f"X-Forwarded-For chỉ được tin khi do nginx gửi: {status}")

        # 4. Static files come from nginx, cached for a year.
        css = next(
            iter(sorted((Path(env["DANVAN_DATA_DIR"]) / "staticfiles" / "web").glob("site.*.css"))), None
        )
        if css is not None:
            status, headers, _ = Browser().get(f"{front}/static/web/{css.name}")
            check(
                status == 200 and "immutable" in headers.get("Cache-Control", ""),
                f"nginx phục vụ /static/ với thời hạn dài: {status} {headers.get('Cache-Control')}",
            )
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        _forget_redis(args.redis_url, prefix)
        if not args.keep:
            subprocess.run(["dropdb", "--if-exists", *pg, db_name], check=False)  # noqa: S603, S607
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"giữ lại: cơ sở dữ liệu {db_name}, thư mục {tmp}")
    print("Tất cả đạt." if not failures else f"{len(failures)} kiểm tra không đạt.")
    return 1 if failures else 0


def _forget_redis(url: str, prefix: str) -> None:
    try:
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    except Exception as exc:
        print(f"(không dọn được khóa Redis {prefix}: {exc})", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
