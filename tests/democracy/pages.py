"""Helpers of the democracy page tests: log in, the workspace address, the messages a page shows."""

from __future__ import annotations


def ws(commune) -> str:
    return f"/lam-viec/{commune.code}"


def login(client, user):
    client.force_login(user)
    return client


def msgs(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow_messages(client, response) -> str:
    assert response.status_code == 302
    page = client.get(response["Location"])
    return " ".join(str(m) for m in page.context["messages"])
