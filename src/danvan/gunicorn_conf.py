"""gunicorn settings for phones on slow networks: `gunicorn -c python:danvan.gunicorn_conf danvan.wsgi`.

With gunicorn's default sync worker, a worker reading a slow upload cannot tell the master it is alive;
after `timeout` (30 s) the master kills it and the resident gets an English "Internal Server Error" with
everything typed lost (issue 16: a 2 MB photo at 400 kbps takes 40 s). Threaded workers (gthread) keep
their heartbeat while a thread reads the body, so a slow upload is never killed; behind nginx, nginx
takes the whole body first (`proxy_request_buffering on`, README) and gunicorn gets it at once.

Measured (docs/BENCHMARKS.md, "gunicorn: worker class and count", 10,000,000 petitions, 2 cores): on
the citizen mix gthread also serves more than sync workers (41-88 req/s against 21-22 for 3 sync
workers), because those pages wait on PostgreSQL and threads overlap the waits; 3 workers x 4 threads
beat 2 x 8 in both runs (49 and 88 req/s against 41 and 48; p95 605 and 312 ms against 1,443 and
1,037 ms): hence 3 x 4 on 2 cores (WEB_CONCURRENCY, DANVAN_THREADS change it).
"""

import os

bind = os.environ.get("DANVAN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("DANVAN_THREADS", "4"))
# The master's patience with a worker that stops answering (not a request's limit under gthread).
timeout = int(os.environ.get("DANVAN_WORKER_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 10  # phones on 3G: a kept connection saves a 400 ms handshake per request
accesslog = "-"
