"""The web review: FastAPI + Jinja2, plain forms and one small script (no build step).

Pages: ``/`` (the queue, 50 passages a page: ``?page=2``, ``?per_page=100`` or ``all``; the
filters are parameters too), ``/passage/{document_id}/{passage_id}``,
``/document/{document_id}`` and ``/taxonomy``; each has a JSON twin (add ``.json``, or send
``Accept: application/json``) that holds what the page shows.
Writes: ``POST /decide`` (form or JSON), ``/claim``, ``/release``, ``/leave`` (the page's
beacon when it is closed or left), ``/reviewer``.
``POST /claim`` with ``next_passage`` set (and optionally ``batch``) hands out the next queued
passage with open findings that nobody holds. A decision may carry ``request_id``: a retry
with the same id (after an answer that never came) is answered from the stored decision
(``"replayed": true``) and stores nothing twice.

Password: with one (``mtreview serve --password-file`` or ``$MTREVIEW_PASSWORD``), pages
ask to log in on ``/login`` first (``login.py``); a token keeps working beside it.

Security: every POST carries a CSRF token (hidden ``csrf_token`` field, ``X-CSRF-Token``
header or ``csrf_token`` in a JSON body) that is an HMAC of the session cookie; all corpus
text is escaped by Jinja2's autoescape (highlights are built from escaped pieces); scripts
only come from ``/static`` (Content-Security-Policy). Without a token the app only answers
requests addressed to a loopback host (no DNS rebinding); with one, every request needs it
(``?token=`` once, then a cookie, or ``Authorization: Bearer``).
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from urllib.parse import quote, unquote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from pipeline.review import actions, render, security, views
from pipeline.review import decisions as dec
from pipeline.review.login import add_login_routes
from pipeline.review.render import diff_html, highlight
from pipeline.review.security import (
    FLASH_COOKIE,
    REVIEWER_COOKIE,
    CsrfError,
    is_loopback,
    post_data,
    safe_next,
    set_cookie,
    wants_json,
)

HERE = Path(__file__).parent


# --------------------------------------------------------------------------- helpers


# --------------------------------------------------------------------------- app


def create_app(
    engine: Engine,
    token: str | None = None,
    reviewer: str | None = None,
    secret: bytes | None = None,
    password: str | None = None,
) -> FastAPI:
    """The review app on ``engine``.

    ``token``: required on every request when set (``?token=`` once, then a cookie, or
    ``Authorization: Bearer``). ``password``: when set, a reviewer logs in on ``/login``
    (either one is enough when both are set). ``reviewer``: the reviewer name used until
    one is set in the page. ``secret``: the key CSRF tokens and login cookies are signed
    with (random per app by default, so a restart logs everyone out).
    """
    app = FastAPI(title="mtreview", docs_url=None, redoc_url=None, openapi_url=None)
    secret = secret or secrets.token_bytes(32)
    env = render.environment(HERE / "templates", views.taxonomy())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.middleware("http")(security.guard(token, secret, password))

    # ----------------------------------------------------------------- rendering

    def current_reviewer(request: Request) -> str | None:
        raw = request.cookies.get(REVIEWER_COOKIE)
        name = unquote(raw).strip() if raw else ""
        return name[:120] or reviewer

    def show(
        request: Request,
        template: str,
        data: dict,
        *,
        title: str,
        status_code: int = 200,
        extra: dict | None = None,
        script_data: dict | None = None,
    ) -> Response:
        """``data`` as JSON when asked for, else rendered with ``template``; the page's
        script reads ``script_data`` (default: ``data``)."""
        if wants_json(request, request.url.path):
            return JSONResponse(data, status_code=status_code)
        flash = None
        raw = request.cookies.get(FLASH_COOKIE)
        if raw:
            try:
                flash = json.loads(unquote(raw))
            except ValueError:
                flash = None
        html = env.get_template(template).render(
            data=data,
            title=title,
            reviewer=current_reviewer(request),
            csrf=request.state.csrf,
            here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
            flash=flash,
            logged_in=request.state.logged_in,
            page_data=data if script_data is None else script_data,
            **(extra or {}),
        )
        response = HTMLResponse(html, status_code=status_code)
        if raw:
            response.delete_cookie(FLASH_COOKIE, path="/")
        return response

    def error(request: Request, status_code: int, message: str) -> Response:
        if wants_json(request, request.url.path) or request.headers.get(
            "content-type", ""
        ).startswith("application/json"):
            return JSONResponse({"error": message}, status_code=status_code)
        return show(
            request,
            "error.html",
            {"error": message, "status": status_code},
            title="Error",
            status_code=status_code,
        )

    if password is not None:
        add_login_routes(app, password, secret, show, error)

    # ----------------------------------------------------------------- pages

    @app.get("/")
    @app.get("/queue")
    @app.get("/queue.json")
    @app.get("/.json")
    def queue_page(
        request: Request,
        batch: str | None = None,
        document: str | None = None,
        check: str | None = None,
        category: str | None = None,
        severity: str | None = None,
        status: str | None = None,
        reviewer: str | None = None,
        page: str | None = None,
        per_page: str | None = None,
    ) -> Response:
        filters = views.QueueFilters(batch, document, check, category, severity, status, reviewer)
        try:
            which = views.QueuePage.parse(page, per_page)
        except ValueError as exc:
            return error(request, 400, str(exc))
        data = views.queue_view(engine, filters, which)
        return show(
            request, "queue.html", data, title="Review queue", script_data={"page": data["page"]}
        )

    @app.get("/taxonomy")
    @app.get("/taxonomy.json")
    def taxonomy_page(request: Request) -> Response:
        return show(request, "taxonomy.html", views.taxonomy(), title="MQM categories")

    @app.get("/passage/{document_id}/{passage_id}")
    def passage_page(request: Request, document_id: str, passage_id: str) -> Response:
        as_json = passage_id.endswith(".json")
        passage_id = passage_id.removesuffix(".json")
        if not document_id.isdigit():
            return error(request, 404, f"no document {document_id!r}")
        name = current_reviewer(request)
        try:
            data = views.passage_view(engine, int(document_id), passage_id, name)
        except dec.NotFound as exc:
            return error(request, 404, str(exc))
        conflict = None
        if not as_json and not wants_json(request, request.url.path) and name:
            ref = dec.PassageRef(data["passage"]["batch"], data["document"]["document"], passage_id)
            try:
                held = dec.claim(engine, ref, name)
                dec.release_all(engine, name, keep=ref)
                data["claim"] = views.claim_dict(held)
            except dec.ClaimConflict as exc:
                conflict = (
                    f"This passage is being reviewed by {exc.holder} until "
                    f"{dec.clock(exc.expires_at)}."
                )
        claim = data["claim"]
        can_decide = bool(name) and (claim is None or claim["reviewer"] == name)
        if not can_decide and name and claim and not conflict:
            conflict = (
                f"This passage is being reviewed by {claim['reviewer']} until "
                f"{dec.clock(claim['until'])}."
            )
        spans = [
            {**f, "length": f["end"] - f["start"]}
            for f in data["findings"]
            if f["end"] > f["start"]
        ]
        extra = {
            "highlighted": highlight(data["passage"]["text"], spans),
            "changes": diff_html(data["passage"]["text"], data["passage"]["current_text"]),
            "can_decide": can_decide,
            "conflict": conflict,
        }
        document = data["document"]
        title = f"¶{data['passage']['paragraph']} · {document['title'] or document['document']}"
        return show(request, "passage.html", data, title=title, extra=extra)

    @app.get("/document/{document_id}")
    def document_page(request: Request, document_id: str) -> Response:
        document_id = document_id.removesuffix(".json")
        if not document_id.isdigit():
            return error(request, 404, f"no document {document_id!r}")
        try:
            data = views.document_view(engine, int(document_id))
        except dec.NotFound as exc:
            return error(request, 404, str(exc))
        doc = data["document"]
        return show(request, "document.html", data, title=doc["title"] or doc["document"])

    # ----------------------------------------------------------------- writes

    def done(request: Request, data: dict, payload: dict, message: str, kind: str = "ok"):
        if request.headers.get("content-type", "").startswith("application/json"):
            status_code = payload.pop("status_code", 200)
            return JSONResponse(payload, status_code=status_code)
        response = RedirectResponse(safe_next(data.get("next")), status_code=303)
        set_cookie(response, FLASH_COOKIE, quote(json.dumps({"kind": kind, "text": message})))
        return response

    @app.post("/reviewer")
    async def set_reviewer(request: Request) -> Response:
        try:
            data = await post_data(request)
        except CsrfError as exc:
            return error(request, 403, str(exc))
        name = str(data.get("reviewer") or "").strip()
        if not name or len(name) > 120:
            return error(request, 400, "give a reviewer name of 1 to 120 characters")
        response = done(
            request, data, {"reviewer": name}, f"You review as {name}. Your decisions carry it."
        )
        set_cookie(response, REVIEWER_COOKIE, quote(name), max_age=365 * 86400)
        return response

    @app.post("/decide")
    async def decide(request: Request) -> Response:
        try:
            data = await post_data(request)
        except CsrfError as exc:
            return error(request, 403, str(exc))
        name = current_reviewer(request)
        if isinstance(data.get("reviewer"), str) and data["reviewer"].strip():
            name = data["reviewer"].strip()  # JSON clients may say who they are
        try:
            payload, message = await run_in_threadpool(actions.decide, engine, data, name)
        except dec.ReviewError as exc:
            status_code = {
                dec.ClaimConflict: 409,
                dec.StaleWrite: 409,
                dec.NotFound: 404,
            }.get(type(exc), 400)
            message = str(exc)
            if isinstance(exc, dec.ClaimConflict):
                message = (
                    f"Not saved: this passage is being reviewed by {exc.holder} until "
                    f"{dec.clock(exc.expires_at)}."
                )
            return done(
                request,
                data,
                {"error": message, "status_code": status_code},
                message[0].upper() + message[1:],
                kind="error",
            )
        return done(request, data, {"ok": True, **payload}, message)

    @app.post("/claim")
    async def claim_passage(request: Request) -> Response:
        try:
            data = await post_data(request)
        except CsrfError as exc:
            return error(request, 403, str(exc))
        name = current_reviewer(request)
        if data.get("next_passage") not in (None, "", False):
            return await claim_next(request, data, name)
        try:
            _doc, ref = await run_in_threadpool(actions.passage_ref, engine, data)
            held = await run_in_threadpool(dec.claim, engine, ref, name or "")
        except dec.ClaimConflict as exc:
            message = (
                f"This passage is being reviewed by {exc.holder} until {dec.clock(exc.expires_at)}."
            )
            return done(
                request, data, {"error": message, "status_code": 409}, message, kind="error"
            )
        except dec.ReviewError as exc:
            return done(request, data, {"error": str(exc), "status_code": 400}, str(exc), "error")
        return done(
            request,
            data,
            {"ok": True, **views.claim_dict(held)},
            f"You hold this passage until {dec.clock(held.expires_at)}.",
        )

    async def claim_next(request: Request, data: dict, name: str | None) -> Response:
        batch = str(data.get("batch") or "") or None
        try:
            found = await run_in_threadpool(dec.claim_next, engine, name or "", batch=batch)
        except dec.ReviewError as exc:
            return done(request, data, {"error": str(exc), "status_code": 400}, str(exc), "error")
        if found is None:
            data["next"] = "/"
            message = "Nothing left to review: every queued passage is decided or held."
            return done(request, data, {"ok": True, "passage": None}, message)
        held, document_id = found
        url = f"/passage/{document_id}/{held.passage.passage_id}"
        data["next"] = url
        passage = {
            "document_id": document_id,
            "batch": held.passage.batch,
            "document": held.passage.document,
            "passage_id": held.passage.passage_id,
            "url": url,
        }
        return done(
            request,
            data,
            {"ok": True, "passage": passage, "reviewer": held.reviewer, "until": held.expires_at},
            f"You hold this passage until {dec.clock(held.expires_at)}.",
        )

    @app.post("/release")
    async def release_passage(request: Request) -> Response:
        try:
            data = await post_data(request)
        except CsrfError as exc:
            return error(request, 403, str(exc))
        name = current_reviewer(request) or ""
        try:
            _doc, ref = await run_in_threadpool(actions.passage_ref, engine, data)
        except dec.ReviewError as exc:
            return done(request, data, {"error": str(exc), "status_code": 404}, str(exc), "error")
        released = await run_in_threadpool(dec.release, engine, ref, name)
        return done(request, data, {"ok": True, "released": released}, "Passage released.")

    @app.post("/leave")
    async def leave_passage(request: Request) -> Response:
        """The passage page was closed or left (``navigator.sendBeacon`` on ``pagehide``,
        a form with the CSRF token): give up the reviewer's claim if it is still the one
        that page took (``since``), so another tab or a reload of it keeps its own."""
        try:
            data = await post_data(request)
        except CsrfError as exc:
            return error(request, 403, str(exc))
        since = str(data.get("since") or "")
        if not since:
            return error(request, 400, "say which claim to give up: since (when it was taken)")
        try:
            _doc, ref = await run_in_threadpool(actions.passage_ref, engine, data)
        except dec.ReviewError as exc:
            return error(request, 404, str(exc))
        name = current_reviewer(request) or ""
        await run_in_threadpool(dec.release, engine, ref, name, since)
        return Response(status_code=204)

    return app


def serve(
    engine: Engine,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    reviewer: str | None = None,
    password: str | None = None,
) -> None:
    """Run the review app with uvicorn until interrupted.

    A host other than a loopback address needs ``token`` or ``password`` (else ValueError):
    anyone who can reach the port could read the corpus and write decisions.
    """
    if not is_loopback(host) and not token and not password:
        raise ValueError(
            f"refusing to serve on {host}: other machines could reach it. Bind 127.0.0.1 "
            "(the default), or give a password (--password-file or $MTREVIEW_PASSWORD) or "
            "a token that every reviewer must send."
        )
    import uvicorn

    app = create_app(engine, token=token, reviewer=reviewer, password=password)
    uvicorn.run(app, host=host, port=port, log_level="warning")
