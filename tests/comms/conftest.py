"""A local fake HTTP server standing in for an SMS gateway or Zalo: it records each request and answers
from a script the test sets. It listens on 127.0.0.1 only; no test reaches a real service."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Request:
    path: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class FakeServer:
    url: str
    # path -> list of (status, body dict); the last answer repeats once the list is used up.
    script: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)

    def answer(self, path: str, *answers: tuple[int, dict]) -> None:
        self.script[path] = list(answers)

    def on(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


@pytest.fixture
def fake_server():
    state = FakeServer(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.requests.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
            answers = state.script.get(self.path) or [(404, {"error": "not found"})]
            status, payload = answers.pop(0) if len(answers) > 1 else answers[0]
            raw = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
