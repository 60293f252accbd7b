"""Driving wrk (https://github.com/wg/wrk, Debian package `wrk`) from Python: one Lua script per scenario.

Every script counts the answers by status (a 302 to the login page or a 429 must not pass for a
success) and prints one `BENCH_RESULT {json}` line from wrk's `done` hook with the request count and
the latency percentiles wrk recorded (microseconds).
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote

COMMON = r"""
local threads = {}
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end
function init(args)
  ok = 0
  bad = 0
  n = 0
  math.randomseed(id * 7919 + os.time())
end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  local okc, badc = 0, 0
  for _, t in ipairs(threads) do
    okc = okc + t:get("ok")
    badc = badc + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "ok": %d, "bad": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_us": %d, ' ..
    '"p90_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d}\n',
    summary.requests, summary.duration, okc, badc, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
end
"""


def _lua_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def script_get(paths: list[str]) -> str:
    """GET one of `paths` at random per request."""
    table = ",\n".join(_lua_str(p) for p in paths)
    return (
        COMMON
        + f"local paths = {{\n{table}\n}}\n"
        + "function request()\n  return wrk.format('GET', paths[math.random(#paths)])\nend\n"
    )


def script_get_with_cookie(pairs: list[tuple[str, str]]) -> str:
    """GET (path, cookie) pairs at random: each staff user's own page with their session."""
    table = ",\n".join(f"{{{_lua_str(p)}, {_lua_str(c)}}}" for p, c in pairs)
    return (
        COMMON
        + f"local pairs_ = {{\n{table}\n}}\n"
        + "function request()\n"
        + "  local e = pairs_[math.random(#pairs_)]\n"
        + "  return wrk.format('GET', e[1], {Cookie = e[2]})\n"
        + "end\n"
    )


def script_submit(paths: list[str], csrf_cookie: str, csrf_token: str, contents: list[str]) -> str:
    """POST the public form: a fresh client token and a different client address per request (the
    per-client rate limit counts each one as a new citizen), the CSRF cookie and token fetched once."""
    return (
        COMMON
        + _submit_lua(paths, csrf_cookie, csrf_token, contents)
        + "function request()\n  return post()\nend\n"
    )


def script_mix(groups: list[tuple[float, list[tuple[str, str | None]]]], submit: tuple | None = None) -> str:
    """A mix: each request picks a group by weight, then one (path, cookie or None) of it at random;
    `submit` = (_weight, paths, csrf_cookie, csrf_token, contents) adds the public form's POST (as in
    `script_submit`) as one more group. The weights need not add up to 1."""
    total = sum(w for w, _ in groups) + (submit[0] if submit else 0)
    lines, cum = [], 0.0
    for i, (w, entries) in enumerate(groups):
        cum += w / total
        table = ",\n".join(f"{{{_lua_str(p)}, {_lua_str(c) if c else 'nil'}}}" for p, c in entries)
        lines.append(f"local g{i} = {{\n{table}\n}}\n")
    out = COMMON + "".join(lines)
    cum = 0.0
    picks = []
    for i, (w, _) in enumerate(groups):
        cum += w / total
        picks.append(f"  if r < {cum:.6f} then return get(g{i}) end\n")
    if submit:
        _weight, paths, csrf_cookie, csrf_token, contents = submit
        out += _submit_lua(paths, csrf_cookie, csrf_token, contents)
        picks.append("  return post()\n")
    else:
        picks[-1] = f"  return get(g{len(groups) - 1})\n"
    return (
        out
        + "local function get(g)\n"
        + "  local e = g[math.random(#g)]\n"
        + "  if e[2] then return wrk.format('GET', e[1], {Cookie = e[2]}) end\n"
        + "  return wrk.format('GET', e[1])\n"
        + "end\n"
        + "function request()\n  local r = math.random()\n"
        + "".join(picks)
        + "end\n"
    )


def _submit_lua(paths: list[str], csrf_cookie: str, csrf_token: str, contents: list[str]) -> str:
    """Lua defining `post()`: the public form's POST with a fresh client token and client address."""
    ptable = ",\n".join(_lua_str(p) for p in paths)
    ctable = ",\n".join(_lua_str(quote(c, safe="")) for c in contents)
    ktable = ", ".join(_lua_str(k) for k in ["feedback", "feedback", "recommendation"])
    return (
        f"local submit_paths = {{\n{ptable}\n}}\n"
        + f"local contents = {{\n{ctable}\n}}\n"
        + f"local kinds = {{{ktable}}}\n"
        + f"local token = {_lua_str(quote(csrf_token, safe=''))}\n"
        + f"local cookie = {_lua_str('csrftoken=' + csrf_cookie)}\n"
        + f"local run = {_lua_str(f'{random.randrange(16**8):08x}')}\n"
        + r"""
local function post()
  n = n + 1
  local body = "csrfmiddlewaretoken=" .. token
    .. "&content=" .. contents[math.random(#contents)]
    .. "&kind_hint=" .. kinds[math.random(#kinds)]
    .. "&client_token=bench-" .. run .. "-" .. id .. "-" .. n .. "-" .. math.random(1, 1000000000)
    .. "&publish_consent=on"
  -- A random address per submission: the warm-up and each server's run are separate wrk processes
  -- whose counters start again at 1, so an address built from the counter came back in every run and
  -- the form's rate limit (5 per 10 minutes) answered 429 from the sixth run on.
  local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", submit_paths[math.random(#submit_paths)], {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["X-Forwarded-For"] = address,
  }, body)
end
"""
    )


def wrk_binary() -> str | None:
    return shutil.which("wrk")


def run(base_url: str, script: str, path: Path, *, seconds: int, connections: int, threads: int = 1) -> dict:
    """One bounded wrk run; returns the parsed result plus the computed requests/s."""
    path.write_text(script, encoding="utf-8")
    cmd = [
        wrk_binary() or "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(path),
        base_url,
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            result = json.loads(line.removeprefix("BENCH_RESULT "))
            result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
            return result
    raise RuntimeError(f"wrk gave no result (rc {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
