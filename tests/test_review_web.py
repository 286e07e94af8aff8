"""The web review through FastAPI's TestClient: JSON twins, CSRF, escaping, token, claims."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup
from sqlalchemy import func, select
from test_review_decisions import BATCH, make_store

from pipeline.review import decisions as dec
from pipeline.review import security
from pipeline.review.web import create_app, highlight, serve
from pipeline.store.engine import open_store
from pipeline.store.schema import decisions, documents

XSS = "<script>alert(1)</script>"
XSS_TEXT = (
    f"Title {XSS}\n\n"
    f"The the minister said {XSS} and <img src=x onerror=alert(2)> at noon.\n\n"
    "A closing paragraph."
)


@pytest.fixture
def engine(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    yield engine
    engine.dispose()


@pytest.fixture
def found(engine):
    return make_store(engine)


def client(engine, reviewer: str | None = "mina", **kwargs) -> TestClient:
    return TestClient(create_app(engine, reviewer=reviewer, **kwargs), base_url="http://127.0.0.1")


def doc_id(engine, path: str = "rice.en.txt") -> int:
    with engine.connect() as conn:
        return conn.scalar(select(documents.c.id).where(documents.c.path == path))


def count_decisions(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(decisions))


def csrf(c: TestClient) -> str:
    return c.get("/queue.json").headers["x-csrf-token"]


# --------------------------------------------------------------------------- JSON twins


def test_every_page_has_a_json_twin(engine, found):
    c = client(engine)
    f = found["fluency.doubled_word"]
    queue = c.get("/queue.json").json()
    assert c.get("/", headers={"Accept": "application/json"}).json()["items"] == queue["items"]
    assert queue["total"] == 2 and queue["batches"][0]["findings"] == 3
    item = next(i for i in queue["items"] if i["passage_id"] == f.passage_id)
    assert {x["key"] for x in item["findings"]} >= {f.key}
    assert item["url"] == f"/passage/{doc_id(engine)}/{f.passage_id}"

    passage = c.get(item["url"] + ".json").json()
    assert passage["passage"]["text"] == dec.passage_text(
        engine, dec.PassageRef(BATCH, f.document, f.passage_id)
    )
    assert [x["text"] for x in passage["findings"]] == ["The the", "50,000 tons"]
    assert passage["context"]["previous"]["paragraph"] == 1  # no Korean: the neighbours
    assert c.get(item["url"], headers={"Accept": "application/json"}).json() == passage

    document = c.get(f"/document/{doc_id(engine)}.json").json()
    assert document["mqm"]["words"] > 0 and document["findings"]["open"] == 3
    taxonomy = c.get("/taxonomy.json").json()
    assert any(d["name"] == "accuracy" for d in taxonomy["dimensions"])
    assert c.get("/").headers["content-type"].startswith("text/html")


def test_queue_filters_narrow_the_list(engine, found):
    c = client(engine)
    assert c.get("/queue.json?check=number.mismatch").json()["shown"] == 1
    assert c.get("/queue.json?severity=critical").json()["shown"] == 0
    assert c.get("/queue.json?category=linguistic%20conventions").json()["shown"] == 2
    assert c.get("/queue.json?status=done").json()["shown"] == 0
    assert c.get("/queue.json?batch=batch-1").json()["shown"] == 2


def test_missing_passage_or_document_is_a_clear_404(engine, found):
    c = client(engine)
    r = c.get(f"/passage/{doc_id(engine)}/nope.json")
    assert r.status_code == 404 and "nope" in r.json()["error"]
    assert c.get("/document/999").status_code == 404


# --------------------------------------------------------------------------- queue pages


def long_store(engine, passages: int = 60, batch: str = BATCH) -> dict:
    """One document of ``passages`` paragraphs, each queued with one doubled word."""
    text = "\n\n".join(f"Paragraph {i}: the the council met on Monday." for i in range(passages))
    return make_store(
        engine,
        batch=batch,
        path="council.en.txt",
        text=text,
        title="Council",
        findings=[(i, "the the", "fluency.doubled_word") for i in range(passages)],
    )


def test_the_queue_is_shown_fifty_passages_a_page_with_whole_queue_counts(engine):
    long_store(engine)
    c = client(engine)
    first = c.get("/queue.json").json()
    second = c.get(first["page"]["next"].replace("/", "/queue.json", 1)).json()
    assert [i["rank"] for i in first["items"]] == list(range(1, 51))
    assert [i["rank"] for i in second["items"]] == list(range(51, 61))
    assert first["page"] == {
        "number": 1,
        "pages": 2,
        "per_page": 50,
        "first": 1,
        "last": 50,
        "previous": None,
        "next": "/?page=2",
    }
    assert (second["page"]["previous"], second["page"]["next"]) == ("/", None)
    for data in (first, second):  # progress and counts cover the whole queue on every page
        assert (data["total"], data["shown"], data["batches"][0]["findings"]) == (60, 60, 60)
    html = c.get("/?page=2")
    assert "Passages <strong>51–60</strong> of 60 queued" in html.text
    assert 'href="/" rel="prev"' in html.text and 'rel="next"' not in html.text
    assert c.get("/", headers={"Accept": "application/json"}).json() == first


def test_queue_pages_keep_the_filters_and_other_page_sizes(engine):
    long_store(engine)
    c = client(engine)
    data = c.get("/queue.json?check=fluency.doubled_word&per_page=20&page=2").json()
    assert [i["rank"] for i in data["items"]] == list(range(21, 41))
    assert data["page"]["next"] == "/?check=fluency.doubled_word&page=3&per_page=20"
    assert data["page"]["previous"] == "/?check=fluency.doubled_word&per_page=20"
    assert len(c.get("/queue.json?per_page=all").json()["items"]) == 60
    last = c.get("/queue.json?page=9").json()  # past the end: the last page
    assert last["page"]["number"] == 2 and last["items"][0]["rank"] == 51
    for bad in ("page=0", "page=two", "per_page=5000", "per_page=-1"):
        r = c.get(f"/queue.json?{bad}")
        assert r.status_code == 400, bad
        assert "must be a whole number" in r.json()["error"]
    empty = c.get("/queue.json?status=done").json()
    assert (empty["shown"], empty["items"], empty["page"]["first"]) == (0, [], 0)


def test_a_passage_links_back_to_the_queue_page_that_lists_it(engine):
    long_store(engine)
    c = client(engine)
    items = c.get("/queue.json?per_page=all").json()["items"]
    assert c.get(items[54]["url"] + ".json").json()["queue"]["page"] == "/?page=2"
    assert c.get(items[3]["url"] + ".json").json()["queue"]["page"] == "/"
    assert '<a href="/?page=2">Queue</a>' in c.get(items[54]["url"]).text


def test_a_decision_counts_only_in_its_own_batch(engine):
    """Two batches holding a file of the same name: deciding in one leaves the other open."""
    mine = long_store(engine, passages=2)["fluency.doubled_word"]
    long_store(engine, passages=2, batch="/corpus/batch-2")
    dec.record_decision(engine, BATCH, mine, "accept", "mina")
    batches = {b["name"]: b for b in client(engine).get("/queue.json").json()["batches"]}
    assert (batches["batch-1"]["decided"], batches["batch-2"]["decided"]) == (1, 0)
    done = client(engine).get("/queue.json?status=done").json()["items"]
    assert [(i["batch"], i["passage_id"]) for i in done] == [(BATCH, mine.passage_id)]


# --------------------------------------------------------------------------- decisions


def test_form_decision_redirects_back_with_a_message_and_persists(engine, found):
    c = client(engine)
    f = found["fluency.doubled_word"]
    url = f"/passage/{doc_id(engine)}/{f.passage_id}"
    page = c.get(url)
    token = page.headers["x-csrf-token"]
    assert f'value="{token}"' in page.text
    r = c.post(
        "/decide",
        data={
            "csrf_token": token,
            "document_id": doc_id(engine),
            "passage_id": f.passage_id,
            "finding_key": f.key,
            "action": "accept",
            "severity": "major",
            "next": url,
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == url
    after = c.get(url)
    assert "Confirmed as an error: “The the”" in after.text
    assert dec.states(engine)[f.key].severity == "major"
    assert c.get(url + ".json").json()["findings"][0]["status"] == "accepted"


def test_json_decisions_accept_correct_missed_and_undo(engine, found):
    c = client(engine)
    f = found["fluency.doubled_word"]
    base = {"document_id": doc_id(engine), "passage_id": f.passage_id}
    headers = {"X-CSRF-Token": csrf(c)}
    text = c.get(f"/passage/{doc_id(engine)}/{f.passage_id}.json").json()["passage"]
    fixed = text["current_text"].replace("The the", "The")
    r = c.post(
        "/decide",
        json={
            **base,
            "finding_key": f.key,
            "action": "correct",
            "after_text": fixed,
            "version": text["version"],
        },
        headers=headers,
    )
    assert r.status_code == 200 and r.json()["ok"]
    start = f.start + text["text"].index("reserves")
    r = c.post(
        "/decide",
        json={
            **base,
            "action": "missed",
            "start": start,
            "end": start + 8,
            "category": "accuracy/mistranslation",
            "severity": "minor",
        },
        headers=headers,
    )
    assert r.status_code == 200
    page = c.get(f"/passage/{doc_id(engine)}/{f.passage_id}.json").json()
    assert page["passage"]["current_text"] == fixed
    assert {x["status"] for x in page["findings"]} == {"corrected", "missed", "open"}
    doc = c.get(f"/document/{doc_id(engine)}.json").json()
    assert fixed in doc["corrected_text"]
    assert doc["mqm"]["penalty"] == 1 + 1  # minor correction + minor missed
    r = c.post("/decide", json={**base, "finding_key": f.key, "action": "undo"}, headers=headers)
    assert r.json()["action"] == "reopen"
    assert (
        c.get(f"/passage/{doc_id(engine)}/{f.passage_id}.json").json()["passage"]["corrected"]
        is False
    )


def test_stale_version_is_refused_with_409(engine, found):
    c = client(engine)
    f, g = found["fluency.doubled_word"], found["number.mismatch"]
    base = {"document_id": doc_id(engine), "passage_id": f.passage_id}
    headers = {"X-CSRF-Token": csrf(c)}
    text = c.get(f"/passage/{doc_id(engine)}/{f.passage_id}.json").json()["passage"]
    c.post(
        "/decide",
        json={
            **base,
            "finding_key": f.key,
            "action": "correct",
            "after_text": text["text"].replace("The the", "The"),
        },
        headers=headers,
    )
    r = c.post(
        "/decide",
        json={**base, "finding_key": g.key, "action": "accept", "version": text["version"]},
        headers=headers,
    )
    assert r.status_code == 409 and "after you opened it" in r.json()["error"]


def test_invalid_category_is_refused_with_400(engine, found):
    c = client(engine)
    f = found["fluency.doubled_word"]
    r = c.post(
        "/decide",
        json={
            "document_id": doc_id(engine),
            "passage_id": f.passage_id,
            "finding_key": f.key,
            "action": "accept",
            "category": "accuracy/bogus",
        },
        headers={"X-CSRF-Token": csrf(c)},
    )
    assert r.status_code == 400 and "unknown MQM category" in r.json()["error"]
    assert count_decisions(engine) == 0


def test_without_a_reviewer_name_nothing_is_saved(engine, found):
    c = client(engine, reviewer=None)
    f = found["fluency.doubled_word"]
    page = c.get(f"/passage/{doc_id(engine)}/{f.passage_id}")
    assert "Type your name" in page.text
    r = c.post(
        "/decide",
        json={
            "document_id": doc_id(engine),
            "passage_id": f.passage_id,
            "finding_key": f.key,
            "action": "accept",
        },
        headers={"X-CSRF-Token": page.headers["x-csrf-token"]},
    )
    assert r.status_code == 400 and "reviewer name" in r.json()["error"]
    r = c.post("/reviewer", data={"reviewer": "정민서", "csrf_token": page.headers["x-csrf-token"]})
    assert r.status_code == 200 and "You review as 정민서" in r.text


# --------------------------------------------------------------------------- claims


def test_opening_a_passage_claims_it_and_keeps_a_second_reviewer_out(engine, found):
    f = found["fluency.doubled_word"]
    url = f"/passage/{doc_id(engine)}/{f.passage_id}"
    mina, joon = client(engine, "mina"), client(engine, "joon")
    assert "You hold this passage until" in mina.get(url).text
    page = joon.get(url)
    assert "being reviewed by mina until" in page.text
    assert "<fieldset disabled>" in page.text
    r = joon.post(
        "/decide",
        data={
            "csrf_token": page.headers["x-csrf-token"],
            "document_id": doc_id(engine),
            "passage_id": f.passage_id,
            "finding_key": f.key,
            "action": "accept",
            "next": url,
        },
    )
    assert "Not saved: this passage is being reviewed by mina until" in r.text
    assert count_decisions(engine) == 0
    r = joon.post(
        "/claim",
        json={"document_id": doc_id(engine), "passage_id": f.passage_id},
        headers={"X-CSRF-Token": page.headers["x-csrf-token"]},
    )
    assert r.status_code == 409
    queue = mina.get("/").text
    assert "held by you" in queue


def test_leaving_a_passage_page_releases_only_the_claim_that_page_took(engine, found):
    f = found["fluency.doubled_word"]
    url = f"/passage/{doc_id(engine)}/{f.passage_id}"
    ref = dec.PassageRef(BATCH, f.document, f.passage_id)
    mina, joon = client(engine, "mina"), client(engine, "joon")
    mina.get(url)
    first = mina.get(url + ".json").json()["claim"]["since"]
    leave = {"document_id": str(doc_id(engine)), "passage_id": f.passage_id, "since": first}

    def left(c: TestClient, **changes) -> int:
        form = {**leave, "csrf_token": csrf(c), **changes}
        return c.post("/leave", data=form).status_code

    assert mina.post("/leave", data=leave).status_code == 403  # no CSRF token: refused
    assert left(joon) == 204  # someone else's claim is not theirs to give up
    assert left(mina, since="2000-01-01T00:00:00.000+00:00") == 204  # not this page's claim
    assert left(mina, since="") == 400
    assert dec.claim_of(engine, ref).reviewer == "mina"
    time.sleep(0.01)
    mina.get(url)  # a reload takes the claim anew: the old page's beacon leaves it alone
    assert left(mina) == 204 and dec.claim_of(engine, ref).reviewer == "mina"
    assert left(mina, since=mina.get(url + ".json").json()["claim"]["since"]) == 204
    assert dec.claim_of(engine, ref) is None
    assert "You hold this passage until" in joon.get(url).text  # at once, not in 15 minutes


# --------------------------------------------------------------------------- security


def test_post_without_or_with_a_wrong_csrf_token_is_refused(engine, found):
    c = client(engine)
    f = found["fluency.doubled_word"]
    body = {
        "document_id": doc_id(engine),
        "passage_id": f.passage_id,
        "finding_key": f.key,
        "action": "accept",
    }
    csrf(c)  # the session cookie exists: only the token is missing
    r = c.post("/decide", data=body)
    assert r.status_code == 403 and "CSRF" in r.text
    assert c.post("/decide", json=body).status_code == 403
    r = c.post("/decide", json=body, headers={"X-CSRF-Token": "0" * 64})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]
    other = client(engine)  # a token from another session is no good either
    assert c.post("/decide", json=body, headers={"X-CSRF-Token": csrf(other)}).status_code == 403
    assert count_decisions(engine) == 0


def test_every_post_route_checks_csrf(engine, found):
    app = create_app(engine, reviewer="mina")
    c = TestClient(app, base_url="http://127.0.0.1")
    posts = [r.path for r in app.routes if "POST" in getattr(r, "methods", set())]
    assert set(posts) == {"/decide", "/claim", "/release", "/leave", "/reviewer"}
    for path in posts:
        assert c.post(path, data={"reviewer": "x"}).status_code == 403, path
    app = create_app(engine, reviewer="mina", password=PASSWORD)
    c = TestClient(app, base_url="http://127.0.0.1")
    login(c, PASSWORD)
    posts = [r.path for r in app.routes if "POST" in getattr(r, "methods", set())]
    assert {"/login", "/logout"} <= set(posts)
    for path in posts:
        assert c.post(path, data={"reviewer": "x"}).status_code == 403, path


def test_corpus_text_is_escaped_everywhere(engine):
    found = make_store(
        engine,
        path="xss.en.txt",
        text=XSS_TEXT,
        title=f"Title {XSS}",
        findings=[(1, "The the", "fluency.doubled_word"), (1, XSS, "number.mismatch")],
    )
    c = client(engine)
    f = found["fluency.doubled_word"]
    pages = [
        c.get("/").text,
        c.get(f"/passage/{doc_id(engine, 'xss.en.txt')}/{f.passage_id}").text,
        c.get(f"/document/{doc_id(engine, 'xss.en.txt')}").text,
    ]
    for html in pages:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert XSS not in html and "<img src=x" not in html
        # only our own script tags: the data block and the static script
        assert re.findall(r"<script[^>]*>", html) == [
            '<script type="application/json" id="page-data">',
            '<script src="/static/review.js">',
        ]
    csp = c.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_highlight_escapes_text_and_cuts_overlaps():
    spans = [
        {
            "offset": 0,
            "length": 7,
            "number": 1,
            "status": "open",
            "missed": False,
            "check": "a",
            "category": "x",
        },
        {
            "offset": 4,
            "length": 8,
            "number": 2,
            "status": "accepted",
            "missed": False,
            "check": "b",
            "category": "<y>",
        },
    ]
    html = highlight('<b>&c "d" e', spans)
    assert isinstance(html, Markup)
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count("<mark") == 3  # [0,4) by 1, [4,7) by 1 and 2, [7,12) by 2
    assert 'data-f="1 2"' in html and 'data-label="1"' in html and 'data-label="2"' in html
    assert "&lt;y&gt;" in html  # titles escaped too
    assert re.sub(r"<[^>]+>", "", str(html)) == "&lt;b&gt;&amp;c &#34;d&#34; e"


def test_token_is_required_when_set(engine, found):
    c = client(engine, token="s3cret")
    assert c.get("/").status_code == 401
    assert c.get("/queue.json").json()["error"].startswith("This review server needs")
    assert c.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = c.get("/?token=s3cret&status=open", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/?status=open"  # out of the URL
    assert c.get("/").status_code == 200  # the cookie now carries it
    assert client(engine, token="s3cret").get("/?token=nope").status_code == 401


def test_requests_to_a_foreign_host_name_are_refused_without_a_token(engine, found):
    c = client(engine)
    assert c.get("/", headers={"Host": "evil.example:8000"}).status_code == 400
    assert c.get("/", headers={"Host": "localhost:8000"}).status_code == 200
    with_token = client(engine, token="s3cret")
    r = with_token.get("/", headers={"Host": "review.lan", "Authorization": "Bearer s3cret"})
    assert r.status_code == 200


def test_serve_refuses_a_public_address_without_a_token(engine):
    with pytest.raises(ValueError, match="refusing to serve on 0.0.0.0"):
        serve(engine, host="0.0.0.0", port=0)


PASSWORD = "correct horse battery"


def login(c: TestClient, password: str, next_url: str = "/", **extra) -> httpx.Response:
    """Post the login form as the browser does: the CSRF token of the login page."""
    token = c.get("/login").headers["x-csrf-token"]
    form = {"csrf_token": token, "password": password, "next": next_url, **extra}
    return c.post("/login", data=form, follow_redirects=False)


@pytest.fixture
def fast_failures(monkeypatch):
    """A wrong password waits 0.2 s (not a second) and three lock the address out."""
    monkeypatch.setattr(security, "FAILURE_DELAY", 0.2)
    monkeypatch.setattr(security, "MAX_FAILURES", 3)


def test_pages_ask_to_log_in_and_the_right_password_lets_the_reviewer_in(
    engine, found, fast_failures
):
    c = client(engine, reviewer=None, password=PASSWORD)
    r = c.get("/?status=open", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2F%3Fstatus%3Dopen"
    assert "log in" in c.get("/queue.json").json()["error"]
    assert c.get("/static/review.css").status_code == 200  # the login page needs its style
    page = c.get("/login?next=/%3Fstatus%3Dopen")
    assert 'type="password"' in page.text and 'value="/?status=open"' in page.text

    started = time.monotonic()
    wrong = login(c, PASSWORD.upper())
    assert time.monotonic() - started >= 0.2  # every wrong password costs time
    assert wrong.status_code == 401 and "Wrong password: you are not logged in" in wrong.text
    assert c.get("/", follow_redirects=False).status_code == 303

    r = login(c, PASSWORD, "/?status=open", reviewer="mina")
    assert r.status_code == 303 and r.headers["location"] == "/?status=open"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("mtreview_login="))
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    queue = c.get("/?status=open")
    assert queue.status_code == 200 and "Logged in. You review as mina." in queue.text
    assert 'action="/logout"' in queue.text

    out = c.post("/logout", data={"csrf_token": csrf(c)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert c.get("/", follow_redirects=False).status_code == 303


def test_login_and_logout_without_the_csrf_token_are_refused(engine, found):
    c = client(engine, password=PASSWORD)
    c.get("/login")  # the session cookie exists: only the token is missing
    r = c.post("/login", data={"password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403 and "CSRF" in r.text
    assert c.get("/", follow_redirects=False).status_code == 303  # still not logged in
    login(c, PASSWORD)
    assert c.post("/logout", data={}).status_code == 403
    assert c.get("/").status_code == 200  # still logged in


def test_repeated_wrong_passwords_lock_the_address_out_for_a_while(engine, found, fast_failures):
    c = client(engine, password=PASSWORD)
    for _ in range(3):
        assert login(c, "guess-guess").status_code == 401
    locked = login(c, PASSWORD)  # even the right one, until the window has passed
    assert locked.status_code == 429
    assert re.search(r"Too many wrong passwords from your address: wait \d+ seconds", locked.text)
    assert c.get("/", follow_redirects=False).status_code == 303


def test_a_forged_foreign_or_expired_login_cookie_is_refused(engine, found):
    secret = b"k" * 32
    c = TestClient(
        create_app(engine, password=PASSWORD, secret=secret), base_url="http://127.0.0.1"
    )
    now = time.time()
    for value in (
        "1.2.3",
        security.login_value(b"another server's key"),
        security.login_value(secret, issued=now - security.LOGIN_HOURS * 3600 - 60),
        security.login_value(secret, issued=now + 3600),
    ):
        c.cookies.set(security.LOGIN_COOKIE, value)
        assert c.get("/", follow_redirects=False).status_code == 303, value
    c.cookies.set(security.LOGIN_COOKIE, security.login_value(secret))
    assert c.get("/").status_code == 200


def test_the_token_keeps_working_beside_a_password(engine, found):
    c = client(engine, token="s3cret", password=PASSWORD)
    assert c.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert c.get("/queue.json").status_code == 401
    r = c.get("/", headers={"Host": "review.lan"}, follow_redirects=False)
    assert r.status_code == 303  # another host name is fine: the password guards it
    assert login(c, PASSWORD).status_code == 303
    assert c.get("/queue.json", headers={"Host": "review.lan"}).status_code == 200


def test_the_password_comes_from_a_file_or_the_environment_never_too_short(tmp_path):
    secret_file = tmp_path / "password"
    secret_file.write_text(PASSWORD + "\n", encoding="utf-8")
    env = {"MTREVIEW_PASSWORD": "from the environment"}
    assert security.read_password(secret_file, env) == PASSWORD
    assert security.read_password(None, env) == "from the environment"
    assert security.read_password(None, {}) is None
    secret_file.write_text("short\n", encoding="utf-8")
    with pytest.raises(ValueError, match="has 5 characters: use at least 8"):
        security.read_password(secret_file, {})
    with pytest.raises(ValueError, match="cannot read the password file"):
        security.read_password(tmp_path / "missing", {})


def test_serve_off_loopback_needs_a_password_or_token_and_takes_none_on_the_command_line(
    tmp_path, monkeypatch
):
    from click.testing import CliRunner

    from pipeline.cli import main

    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.delenv("MTREVIEW_PASSWORD", raising=False)
    monkeypatch.delenv("MTREVIEW_TOKEN", raising=False)
    runner = CliRunner()
    r = runner.invoke(main, ["serve", "--db", db, "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "give a password (--password-file" in r.output
    r = runner.invoke(main, ["serve", "--db", db, "--password", PASSWORD])
    assert r.exit_code == 2 and "No such option '--password'" in r.output
    r = runner.invoke(
        main, ["serve", "--db", db, "--host", "0.0.0.0"], env={"MTREVIEW_PASSWORD": "abc"}
    )
    assert r.exit_code == 2 and "$MTREVIEW_PASSWORD has 3 characters" in r.output


def test_the_correction_is_shown_as_removed_and_added_words_escaped():
    from pipeline.review.web import diff_html

    html = diff_html("The the <b>plan", "The <b>plan, he said")
    assert "<del>the </del>" in html or "<del> the</del>" in html
    assert "<ins>, he said</ins>" in html or "<ins>,</ins>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_a_non_ascii_token_or_csrf_value_is_refused_not_a_crash(engine, found):
    c = client(engine, token="s3cret")
    assert c.get("/?token=비밀", follow_redirects=False).status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer été".encode()}).status_code == 401
    plain = client(engine)
    csrf(plain)
    r = plain.post("/decide", data={"csrf_token": "토큰", "action": "accept"})
    assert r.status_code == 403
