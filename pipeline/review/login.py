"""Password login for a review server reached from other machines: ``/login``, ``/logout``.

The form posts the password with the page's CSRF token; the right one gets a signed login
cookie (see ``security.py``) and a fresh session, a wrong one waits ``FAILURE_DELAY``
seconds and says so, and an address that keeps guessing is locked out for a while.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from pipeline.review import security
from pipeline.review.security import (
    FLASH_COOKIE,
    LOGIN_COOKIE,
    REVIEWER_COOKIE,
    SESSION_COOKIE,
    CsrfError,
    Throttle,
    login_value,
    password_matches,
    post_data,
    safe_next,
    set_cookie,
)

WRONG = (
    "Wrong password: you are not logged in. Check it (capital letters count) and try "
    "again, or ask whoever runs the review server for it."
)


def add_login_routes(
    app: FastAPI, password: str, secret: bytes, show: Callable, error: Callable
) -> None:
    """The login form, its POST and the logout POST; ``show`` and ``error`` render pages."""
    throttle = Throttle()

    def form(request: Request, next_url: str, message: str | None, status_code: int = 200, name=""):
        data = {"next": next_url, "error": message, "reviewer": name}
        return show(
            request,
            "login.html",
            data,
            title="Log in",
            status_code=status_code,
            extra={"bare": True},
        )

    @app.get("/login")
    def login_page(request: Request, next: str | None = None) -> Response:
        next_url = safe_next(next)
        if request.state.logged_in:
            return RedirectResponse(next_url, status_code=303)
        return form(request, next_url, None)

    @app.post("/login")
    async def log_in(request: Request) -> Response:
        try:
            data = await post_data(request)
        except CsrfError as exc:
            return error(request, 403, str(exc))
        next_url = safe_next(str(data.get("next") or ""))
        name = str(data.get("reviewer") or "").strip()[:120]
        address = request.client.host if request.client else "unknown"
        wait = throttle.wait(address)
        if wait:
            message = (
                f"Too many wrong passwords from your address: wait {wait} seconds, then try again."
            )
            return form(request, next_url, message, 429, name)
        if not password_matches(data.get("password"), password):
            throttle.failed(address)
            await asyncio.sleep(security.FAILURE_DELAY)
            return form(request, next_url, WRONG, 401, name)
        throttle.succeeded(address)
        return _logged_in(next_url, secret, name)

    @app.post("/logout")
    async def log_out(request: Request) -> Response:
        try:
            await post_data(request)
        except CsrfError as exc:
            return error(request, 403, str(exc))
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(LOGIN_COOKIE, path="/")
        _flash(response, "You are logged out.")
        return response


def _logged_in(next_url: str, secret: bytes, reviewer: str) -> Response:
    """Back to the page asked for, with the login cookie, a new session and the name."""
    response = RedirectResponse(next_url, status_code=303)
    hours = security.LOGIN_HOURS
    set_cookie(response, LOGIN_COOKIE, login_value(secret), hours * 3600, samesite="strict")
    set_cookie(response, SESSION_COOKIE, secrets.token_urlsafe(32))  # a new CSRF session
    if reviewer:
        set_cookie(response, REVIEWER_COOKIE, quote(reviewer), max_age=365 * 86400)
        _flash(response, f"Logged in. You review as {reviewer}.")
    else:
        _flash(response, "Logged in.")
    return response


def _flash(response: Response, text: str) -> None:
    set_cookie(response, FLASH_COOKIE, quote(json.dumps({"kind": "ok", "text": text})))
