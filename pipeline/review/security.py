"""Who may use the review server, and that a form came from its own pages.

* Host: without a token, only requests addressed to a loopback name are answered (a page on
  another site cannot reach 127.0.0.1 through DNS rebinding).
* Token: when set, every request needs it: ``?token=`` once (then an HttpOnly cookie, and
  the token is taken out of the address bar) or ``Authorization: Bearer <token>``.
* Password: when set, a reviewer logs in once on ``/login`` (a form with a CSRF token) and
  gets a signed login cookie (HttpOnly, SameSite=Strict, valid for ``LOGIN_HOURS``); pages
  without it redirect to the login page. The password is compared in constant time; every
  wrong one costs ``FAILURE_DELAY`` seconds, and ``MAX_FAILURES`` wrong ones from an address
  within ``FAILURE_WINDOW`` seconds lock that address out for the rest of the window. With
  both a token and a password, either one lets a request in.
* CSRF: a random session cookie; every POST must carry its HMAC (hidden ``csrf_token``
  field, ``X-CSRF-Token`` header, or ``csrf_token`` in a JSON body).
* Headers: a Content-Security-Policy that runs scripts only from ``/static``, no framing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
import time
from collections import defaultdict, deque
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

SESSION_COOKIE = "mtreview_session"

REVIEWER_COOKIE = "mtreview_reviewer"

TOKEN_COOKIE = "mtreview_token"

FLASH_COOKIE = "mtreview_flash"

LOGIN_COOKIE = "mtreview_login"

#: how long a login lasts (a working day and then some)
LOGIN_HOURS = 12

#: seconds every wrong password waits before its answer
FAILURE_DELAY = 1.0

#: wrong passwords from one address within ``FAILURE_WINDOW`` seconds before it is locked out
MAX_FAILURES = 5

FAILURE_WINDOW = 300

#: the shortest password the server accepts
MIN_PASSWORD = 8

PASSWORD_ENV = "MTREVIEW_PASSWORD"

#: paths anyone may open when the server asks for a password (the login form and its style)
PUBLIC_PATHS = ("/login", "/static/")

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


def set_cookie(
    response: Response,
    name: str,
    value: str,
    max_age: int | None = None,
    samesite: str = "lax",
) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite=samesite, secure=False
    )


# --------------------------------------------------------------------------- password


def read_password(path: Path | None, environ: dict | None = None) -> str | None:
    """The server's password: the first line of ``path``, else ``$MTREVIEW_PASSWORD``, else
    None. ValueError (saying what to fix) for a file that cannot be read or a password
    shorter than ``MIN_PASSWORD`` characters."""
    environ = os.environ if environ is None else environ
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the password file {path}: {exc}") from exc
        password, where = (lines[0] if lines else ""), f"the password file {path}"
    elif environ.get(PASSWORD_ENV):
        password, where = environ[PASSWORD_ENV], f"${PASSWORD_ENV}"
    else:
        return None
    if len(password) < MIN_PASSWORD:
        raise ValueError(
            f"the password in {where} has {len(password)} characters: use at least "
            f"{MIN_PASSWORD}, so it cannot be guessed in a few tries"
        )
    return password


def password_matches(supplied: object, password: str) -> bool:
    """Constant-time comparison of digests: neither the content nor the length leaks."""
    if not isinstance(supplied, str):
        return False
    digest = hashlib.sha256(supplied.encode("utf-8", "surrogatepass")).digest()
    return hmac.compare_digest(digest, hashlib.sha256(password.encode("utf-8")).digest())


def login_value(secret: bytes, issued: float | None = None) -> str:
    """A login cookie: when it was issued, a random part, and their HMAC."""
    payload = f"{int(time.time() if issued is None else issued)}.{secrets.token_urlsafe(16)}"
    return f"{payload}.{_login_signature(secret, payload)}"


def _login_signature(secret: bytes, payload: str) -> str:
    return hmac.new(secret, b"login|" + payload.encode(), hashlib.sha256).hexdigest()


def login_ok(secret: bytes, value: str | None) -> bool:
    """True for a login cookie this server signed less than ``LOGIN_HOURS`` ago."""
    payload, _, signature = (value or "").rpartition(".")
    issued = payload.partition(".")[0]
    if not issued.isdigit() or not same(signature, _login_signature(secret, payload)):
        return False
    return 0 <= time.time() - int(issued) < LOGIN_HOURS * 3600


class Throttle:
    """Wrong passwords per client address: how long an address must wait to try again."""

    def __init__(self) -> None:
        self.failures: dict[str, deque[float]] = defaultdict(deque)

    def _recent(self, address: str, now: float) -> deque[float]:
        recent = self.failures[address]
        while recent and now - recent[0] >= FAILURE_WINDOW:
            recent.popleft()
        return recent

    def wait(self, address: str) -> int:
        """Seconds until ``address`` may try again (0: now)."""
        now = time.monotonic()
        recent = self._recent(address, now)
        if len(recent) < MAX_FAILURES:
            return 0
        return max(1, int(FAILURE_WINDOW - (now - recent[0])) + 1)

    def failed(self, address: str) -> None:
        self._recent(address, time.monotonic()).append(time.monotonic())

    def succeeded(self, address: str) -> None:
        self.failures.pop(address, None)


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


def guard(token: str | None, secret: bytes, password: str | None = None):
    """The HTTP middleware: loopback host, token or login; session cookie and CSRF token;
    headers."""

    async def middleware(request: Request, call_next):
        host = host_name(request.headers.get("host", ""))
        if token is None and password is None and not is_loopback(host):
            return Response(
                "This review server only answers requests to 127.0.0.1 or localhost "
                "(start it with a token or a password to serve other hosts).",
                status_code=400,
                media_type="text/plain",
            )
        request.state.logged_in = password is not None and login_ok(
            secret, request.cookies.get(LOGIN_COOKIE)
        )
        set_token_cookie = False
        if token is not None or password is not None:
            ok = request.state.logged_in or (token is not None and token_ok(request, token))
            supplied = request.query_params.get("token")
            if not ok and token is not None and supplied is not None and same(supplied, token):
                if request.method == "GET":  # take the token out of the address bar
                    rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                    target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
                    response = RedirectResponse(target, status_code=303)
                    set_cookie(response, TOKEN_COOKIE, token)
                    return response
                ok = set_token_cookie = True
            if not ok and password is not None and request.url.path.startswith(PUBLIC_PATHS):
                ok = True
            if not ok:
                return _refused(request, token, password)
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


def _refused(request: Request, token: str | None, password: str | None) -> Response:
    """The answer to a request without token or login: a page goes to the login form, the
    rest get 401 with what to send."""
    wants_page = request.method == "GET" and not wants_json(request, request.url.path)
    if password is not None and wants_page:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        target = "/login" + (f"?next={quote(here, safe='')}" if here != "/" else "")
        return RedirectResponse(target, status_code=303)
    if password is not None:
        message = "This review server needs you to log in: open /login in the browser"
        message += " (or send 'Authorization: Bearer <token>')." if token else "."
    else:
        message = (
            "This review server needs its access token: open the link you were given "
            "(…?token=…) or send 'Authorization: Bearer <token>'."
        )
    if wants_json(request, request.url.path) or request.headers.get("content-type", "").startswith(
        "application/json"
    ):
        return JSONResponse({"error": message}, status_code=401)
    return Response(message, status_code=401, media_type="text/plain")


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
