"""The web review in Debian Chromium (Playwright) against a live server on 127.0.0.1.

One flow on SQLite (keyboard, accept, dismiss, correct, missed error, reload, XSS, CSRF),
and two browser contexts on PostgreSQL that cannot hold the same passage. Screenshots of
the queue and passage pages go to test-artifacts/.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import pytest
import realparts
from batches import make_batch

from pipeline.review.web import create_app
from pipeline.runner import run_batch
from pipeline.store.engine import open_store

pytestmark = pytest.mark.browser

XSS = "<script>alert(1)</script>"
XSS_COLUMN = f"""Minister visits {XSS} farm

The the minister said {XSS} and <img src=x onerror=alert(2)> at noon in Seoul on Monday.

Farmers were not convinced by the plan , he said.
"""

SELECT_WORD = """(word) => {
  const root = document.getElementById("passage-text");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
  }
  return false;
}"""


@contextlib.contextmanager
def live_server(engine, **options) -> Iterator[str]:
    """The review app (``create_app(engine, **options)``) served by uvicorn from a thread on
    a free 127.0.0.1 port."""
    import uvicorn

    port = realparts.free_port()
    app = create_app(engine, **options)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the review server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sign_in(page, base: str, name: str) -> None:
    page.goto(base + "/")
    page.fill("header input[name=reviewer]", name)
    page.click("header button[type=submit]")
    page.wait_for_selector(f"text=You review as {name}")
    page.wait_for_load_state("load")


def ann_and_bob(first, second, base: str) -> tuple[object, object, dict]:
    """Reviewers ann and bob signed in, each in a browser context of their own, and the
    first passage of the queue."""
    ann, bob = first.new_page(), second.new_page()
    sign_in(ann, base, "ann")
    sign_in(bob, base, "bob")
    return ann, bob, ann.request.get(base + "/queue.json").json()["items"][0]


def saved(page, message: str) -> None:
    """Wait for the page a decision led to: its message shown and its script ready (keys
    pressed while the rest of the page is still loading would go nowhere)."""
    from playwright.sync_api import expect

    expect(page.locator(".flash.ok")).to_contain_text(message)
    page.wait_for_load_state("load")


def statuses(page) -> list[str]:
    return page.locator("article.finding header .badge.status").all_inner_texts()


def test_review_by_keyboard_is_saved_and_survives_a_reload(page, artifacts_dir, tmp_path):
    from playwright.sync_api import expect

    batch = make_batch(tmp_path)
    (batch / "xss.en.txt").write_text(XSS_COLUMN, encoding="utf-8")
    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    run_batch(batch, engine)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        with live_server(engine) as base:
            sign_in(page, base, "mina")
            items = page.request.get(base + "/queue.json").json()["items"]
            target = max(range(len(items)), key=lambda i: len(items[i]["findings"]))
            assert len(items[target]["findings"]) >= 4

            # the queue: j/k move the selection, Enter opens it
            selected = page.locator("tr.qrow.sel")
            expect(selected).to_have_attribute("data-href", items[0]["url"])
            page.keyboard.press("j")
            expect(selected).to_have_attribute("data-href", items[1]["url"])
            page.keyboard.press("k")
            expect(selected).to_have_attribute("data-href", items[0]["url"])
            page.keyboard.press("?")
            expect(page.locator("#help")).to_be_visible()
            page.keyboard.press("Escape")
            expect(page.locator("#help")).to_be_hidden()
            page.screenshot(path=str(artifacts_dir / "review-queue.png"), full_page=True)
            for _ in range(target):
                page.keyboard.press("j")
            page.keyboard.press("Enter")
            page.wait_for_url(base + items[target]["url"])

            # accept the first finding as major, dismiss the next, correct the third
            cards = page.locator("article.finding")
            expect(cards.nth(0)).to_have_class("finding st-open sel")
            page.keyboard.press("4")
            page.keyboard.press("3")
            page.keyboard.press("a")
            saved(page, "Confirmed as an error")
            expect(cards.nth(1)).to_have_class("finding st-open sel")  # the next open one
            page.keyboard.press("d")
            saved(page, "Dismissed as a false alarm")
            wrong = cards.nth(2).get_attribute("data-text")
            page.keyboard.press("e")
            editor = cards.nth(2).locator("textarea")
            expect(editor).to_be_focused()
            assert (
                page.evaluate(
                    "() => { const t = document.activeElement;"
                    " return t.value.slice(t.selectionStart, t.selectionEnd); }"
                )
                == wrong
            )  # the editor opens with the error's words selected
            page.keyboard.type("Kursk region")
            page.keyboard.press("Control+Enter")
            saved(page, "Saved your correction")

            # add a missed error: select words in the English, pick category and severity
            word = (
                "Kremlin"
                if "Kremlin" in items[target]["text"]
                else items[target]["text"].split()[2]
            )
            assert page.evaluate(SELECT_WORD, word)
            expect(page.locator("[data-selected]")).to_have_text(word)
            page.select_option("#missed-category", "style/awkward style")
            expect(page.locator("#missed-form [data-definition]")).to_contain_text("not fluent")
            page.check("#missed-form input[name=severity][value=major]")
            page.click("[data-add-missed]")
            saved(page, f"Added a missed error on “{word}”")

            page.reload()
            found = statuses(page)
            assert sorted(found) == sorted(
                ["error confirmed", "false alarm", "corrected", "missed error"]
                + ["to decide"] * (len(found) - 4)
            )
            expect(page.locator(".passage.corrected del")).to_have_text("Peninsula")
            expect(page.locator(".passage.corrected ins")).to_have_text("region")
            data = page.request.get(page.url + ".json").json()
            assert "violently on the Kursk region." in data["passage"]["current_text"]
            by_status = {f["status"]: f for f in data["findings"]}
            assert by_status["accepted"]["decision"]["severity"] == "major"
            assert by_status["missed"]["text"] == word
            assert by_status["missed"]["decision"]["reviewer"] == "mina"
            dismissed = cards.filter(has=page.locator(".badge.status", has_text="false alarm"))
            dismissed.locator("header").click()  # select the dismissed finding; u undoes it
            page.keyboard.press("u")
            saved(page, "Undone")
            assert "false alarm" not in statuses(page)
            page.screenshot(path=str(artifacts_dir / "review-passage.png"), full_page=True)

            # a POST without the CSRF token is refused, even with the session cookie
            refused = page.request.post(
                base + "/decide",
                form={
                    "document_id": str(data["document"]["id"]),
                    "action": "accept",
                    "passage_id": data["passage"]["passage_id"],
                    "finding_key": data["findings"][0]["key"],
                },
            )
            assert refused.status == 403 and "CSRF" in refused.text()

            # corpus text with a script in it is shown as text, and nothing runs
            xss = next(i for i in items if i["document"] == "xss.en.txt")
            page.goto(base + xss["url"])
            expect(page.locator("#passage-text")).to_contain_text(XSS)
            expect(page.locator("h1")).to_contain_text(XSS)
            page.goto(base + "/")
            expect(page.locator("table.queue")).to_contain_text(XSS)
            page.screenshot(path=str(artifacts_dir / "review-queue-after.png"), full_page=True)
            page.goto(base + f"/document/{xss['document_id']}")
            expect(page.locator("h1")).to_contain_text(XSS)
            assert dialogs == []
    finally:
        engine.dispose()


def test_j_and_k_move_across_the_pages_of_the_queue(page, tmp_path, artifacts_dir):
    from playwright.sync_api import expect
    from test_review_web import long_store

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    long_store(engine, passages=60)
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        with live_server(engine) as base:
            sign_in(page, base, "mina")
            rank = page.locator("tr.qrow.sel td.rank")
            expect(rank).to_have_text("1")
            page.keyboard.press("k")  # nothing comes before the first passage
            expect(rank).to_have_text("1")
            for _ in range(49):
                page.keyboard.press("j")
            expect(rank).to_have_text("50")
            page.screenshot(path=str(artifacts_dir / "review-queue-page-1.png"), full_page=True)
            page.keyboard.press("j")  # on to the next page, its first passage selected
            page.wait_for_url(base + "/?page=2#first")
            expect(rank).to_have_text("51")
            expect(page.locator("p.count")).to_contain_text("Passages 51–60 of 60")
            page.keyboard.press("k")  # back to the previous page, its last passage selected
            page.wait_for_url(base + "/#last")
            expect(rank).to_have_text("50")
            page.click("a[data-page-next] >> nth=0")
            page.wait_for_url(base + "/?page=2")
            expect(rank).to_have_text("51")
            for _ in range(4):
                page.keyboard.press("j")
            expect(rank).to_have_text("55")
            page.keyboard.press("Enter")
            expect(page.locator(".queue-nav")).to_contain_text("passage 55 of 60")
            page.wait_for_load_state("load")
            page.keyboard.press("q")  # back to the page that lists it
            page.wait_for_url(base + "/?page=2")
    finally:
        engine.dispose()


def test_a_reviewer_logs_in_with_the_password_and_out_again(page, tmp_path, artifacts_dir):
    from playwright.sync_api import expect

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    run_batch(make_batch(tmp_path, with_seeds=False), engine)
    try:
        with live_server(engine, password="correct horse battery") as base:
            page.goto(base + "/?status=open")
            page.wait_for_url(base + "/login?next=%2F%3Fstatus%3Dopen")
            expect(page.locator("input[name=password]")).to_be_focused()
            page.fill("input[name=password]", "Correct Horse Battery")
            page.click("button[type=submit]")
            expect(page.locator(".flash.error")).to_contain_text("Wrong password")
            page.screenshot(path=str(artifacts_dir / "review-login.png"), full_page=True)
            page.fill("input[name=password]", "correct horse battery")
            page.fill("input[name=reviewer]", "mina")
            page.click("button[type=submit]")
            page.wait_for_url(base + "/?status=open")
            expect(page.locator(".flash.ok")).to_have_text("Logged in. You review as mina.")
            expect(page.locator("header input[name=reviewer]")).to_have_value("mina")
            expect(page.locator("table.queue tr.qrow").first).to_be_visible()
            page.click("header .logout button")
            page.wait_for_url(base + "/login")
            expect(page.locator(".flash.ok")).to_have_text("You are logged out.")
            page.goto(base + "/")
            page.wait_for_url(base + "/login")
    finally:
        engine.dispose()


def wait_until(condition, seconds: float = 10.0) -> bool:
    """Poll ``condition`` until it holds (True) or ``seconds`` pass (False)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_closing_or_leaving_a_passage_gives_its_claim_up_at_once(browser, tmp_path, artifacts_dir):
    from playwright.sync_api import expect

    from pipeline.review import decisions as dec

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    run_batch(make_batch(tmp_path, with_seeds=False), engine)
    first, second = browser.new_context(), browser.new_context()
    try:
        with live_server(engine) as base:
            ann, bob, item = ann_and_bob(first, second, base)
            ref = dec.PassageRef(item["batch"], item["document"], item["passage_id"])

            def holder() -> str:
                claim = dec.claim_of(engine, ref)
                return claim.reviewer if claim else ""

            ann.goto(base + item["url"])
            expect(ann.locator(".claim-note")).to_contain_text("You hold this passage")
            ann.keyboard.press("a")  # a decision reloads the page; the claim stays with ann
            expect(ann.locator(".flash.ok")).to_contain_text("Confirmed as an error")
            time.sleep(1)  # time for a wrong beacon from the page before the decision
            assert holder() == "ann"
            bob.goto(base + item["url"])
            expect(bob.locator(".claim-conflict")).to_contain_text("being reviewed by ann")

            ann.close(run_before_unload=True)  # ann closes the tab
            assert wait_until(lambda: holder() == ""), "closing the tab kept the claim"
            bob.reload()
            expect(bob.locator(".claim-note")).to_contain_text("You hold this passage")
            expect(bob.locator("button[value=dismiss]").first).to_be_enabled()
            bob.screenshot(path=str(artifacts_dir / "review-claim-after-close.png"))

            bob.goto(base + "/")  # leaving for the queue gives it up too
            assert wait_until(lambda: holder() == ""), "leaving the page kept the claim"
    finally:
        first.close()
        second.close()
        engine.dispose()


@pytest.mark.postgres
def test_two_reviewers_cannot_hold_the_same_passage(
    browser, fresh_postgres_url, tmp_path, artifacts_dir
):
    from playwright.sync_api import expect

    engine = open_store(fresh_postgres_url)
    run_batch(make_batch(tmp_path, with_seeds=False), engine)
    first, second = browser.new_context(), browser.new_context()
    try:
        with live_server(engine) as base:
            ann, bob, item = ann_and_bob(first, second, base)
            url = base + item["url"]
            ann.goto(url)
            expect(ann.locator(".claim-note")).to_contain_text("You hold this passage")
            bob.goto(url)
            expect(bob.locator(".claim-conflict")).to_contain_text("being reviewed by ann until")
            expect(bob.locator("button[value=accept]").first).to_be_disabled()
            # even when bob re-enables the form by hand, the server refuses the write
            bob.evaluate("document.querySelectorAll('fieldset').forEach(f => f.disabled = false)")
            bob.locator("button[value=accept]").first.click()
            expect(bob.locator(".flash.error")).to_contain_text(
                "Not saved: this passage is being reviewed by ann until"
            )
            bob.screenshot(path=str(artifacts_dir / "review-claim-conflict.png"), full_page=True)
            ann.keyboard.press("a")  # the holder still can
            expect(ann.locator(".flash.ok")).to_contain_text("Confirmed as an error")
    finally:
        first.close()
        second.close()
        engine.dispose()


NAME_XSS = "<img src=x onerror=alert(3)>"


def test_file_names_with_markup_render_as_text_in_pages_and_report(page, tmp_path):
    """A scraped file whose name carries markup is shown as text in the queue, passage and
    document pages and in the exported report, and nothing in it runs."""
    from playwright.sync_api import expect

    from pipeline.export.formats import run_export

    batch = tmp_path / "batch"
    batch.mkdir()
    name = f"{NAME_XSS}.en.txt"
    (batch / name).write_text(
        "Rice prices\n\nThe the ministry said prices rose , again on Monday.\n", encoding="utf-8"
    )
    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    run_batch(batch, engine)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        with live_server(engine) as base:
            sign_in(page, base, "mina")
            (item,) = page.request.get(base + "/queue.json").json()["items"]
            assert item["document"] == name
            page.goto(base + "/")
            expect(page.locator("table.queue")).to_contain_text(NAME_XSS)
            page.goto(base + item["url"])
            expect(page.locator("body")).to_contain_text(NAME_XSS)
            page.goto(base + f"/document/{item['document_id']}")
            expect(page.locator("body")).to_contain_text(NAME_XSS)
            assert page.locator("img[src=x]").count() == 0
        report = tmp_path / "report.html"
        run_export(engine, "report", report)
        page.goto(report.as_uri())
        expect(page.locator("body")).to_contain_text(NAME_XSS)
        assert page.locator("img[src=x]").count() == 0
        assert dialogs == []
    finally:
        engine.dispose()
