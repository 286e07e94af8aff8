"""Who may use the review server, and that a form came from its own pages.

* Host: without a token, only requests addressed to a loopback name are answered (a page on
  another site cannot reach 127.0.0.1 through DNS rebinding).
* Token: when set, every request needs it: ``?token=`` once (then an HttpOnly cookie, and
  the token is taken out of the address bar) or ``Authorization: Bearer <token>``.
* CSRF: a random session cookie; every POST must carry its HMAC (hidden ``csrf_token``
  field, ``X-CSRF-Token`` header, or ``csrf_token`` in a JSON body).
* Headers: a Content-Security-Policy that runs scripts only from ``/static``, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

SESSION_COOKIE = "mtreview_session"

REVIEWER_COOKIE = "mtreview_reviewer"

TOKEN_COOKIE = "mtreview_token"

FLASH_COOKIE = "mtreview_flash"

CSRF_FIELD = "csrf_token"

CSRF_HEADER = "x-csrf-token"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class CsrfError(Exception):
    pass


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    host = host.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    if header.startswith("["):  # [::1]:8000
        return header[1 : header.find("]")]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def same(supplied: object, expected: str) -> bool:
    """Constant-time comparison of a supplied secret (any text, or not text at all)."""
    if not isinstance(supplied, str):
        return False
    return hmac.compare_digest(supplied.encode("utf-8"), expected.encode("utf-8"))


def token_ok(request: Request, token: str) -> bool:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer ") and same(auth[7:].strip(), token):
        return True
    return same(request.cookies.get(TOKEN_COOKIE), token)


def set_cookie(response: Response, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite="lax", secure=False
    )


def safe_next(url: str | None, default: str = "/") -> str:
    """A local path to go back to (never another site)."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return default
    return url


def wants_json(request: Request, path: str) -> bool:
    if path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def csrf_for(secret: bytes, session: str) -> str:
    """The CSRF token of a session: an HMAC, so a page of another site cannot make one."""
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def guard(token: str | None, secret: bytes):
    """The HTTP middleware: loopback host or token, session cookie and CSRF token, headers."""

    async def middleware(request: Request, call_next):
        host = host_name(request.headers.get("host", ""))
        if token is None and not is_loopback(host):
            return Response(
                "This review server only answers requests to 127.0.0.1 or localhost "
                "(start it with a token to serve other hosts).",
                status_code=400,
                media_type="text/plain",
            )
        set_token_cookie = False
        if token is not None:
            ok = token_ok(request, token)
            supplied = request.query_params.get("token")
            if not ok and supplied is not None and same(supplied, token):
                if request.method == "GET":  # take the token out of the address bar
                    rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                    target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
                    response = RedirectResponse(target, status_code=303)
                    set_cookie(response, TOKEN_COOKIE, token)
                    return response
                ok = set_token_cookie = True
            if not ok:
                message = (
                    "This review server needs its access token: open the link you were given "
                    "(…?token=…) or send 'Authorization: Bearer <token>'."
                )
                if wants_json(request, request.url.path):
                    return JSONResponse({"error": message}, status_code=401)
                return Response(message, status_code=401, media_type="text/plain")
        session = request.cookies.get(SESSION_COOKIE) or ""
        new_session = None
        if len(session) < 20:
            session = new_session = secrets.token_urlsafe(32)
        request.state.session = session
        request.state.csrf = csrf_for(secret, session)
        response = await call_next(request)
        if new_session:
            set_cookie(response, SESSION_COOKIE, new_session)
        if set_token_cookie:
            set_cookie(response, TOKEN_COOKIE, token)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-CSRF-Token"] = request.state.csrf
        if "cache-control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response

    return middleware


async def post_data(request: Request) -> dict[str, Any]:
    """The body (form or JSON) of a POST whose CSRF token is right; else CsrfError."""
    if request.headers.get("content-type", "").startswith("application/json"):
        try:
            body = await request.json()
        except ValueError:
            body = None
        data = dict(body) if isinstance(body, dict) else {}
    else:
        form = await request.form()
        data = {k: v for k, v in form.items() if isinstance(v, str)}
    supplied = request.headers.get(CSRF_HEADER) or data.pop(CSRF_FIELD, None) or ""
    if not same(supplied, request.state.csrf):
        raise CsrfError(
            "Refused: this form did not come from a page of this review session (missing "
            "or wrong CSRF token). Reload the page and try again."
        )
    return data
