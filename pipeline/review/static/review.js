// mtreview web review: keyboard, text selection for missed errors, claim heartbeat.
// Plain script, no build step, no third-party code. Every form also works without it.
(function () {
  "use strict";
  const page = document.body.dataset.page;
  const dataEl = document.getElementById("page-data");
  const data = dataEl ? JSON.parse(dataEl.textContent) : {};
  const help = document.getElementById("help");
  const csrf = (document.querySelector('input[name="csrf_token"]') || {}).value || "";

  function typing(target) {
    if (!target || !target.closest) return false;
    const field = target.closest("textarea, select, [contenteditable]");
    if (field) return true;
    const input = target.closest("input");
    return !!input && !["radio", "checkbox", "button", "submit"].includes(input.type);
  }

  function toggleHelp(show) {
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
  }
  document.querySelectorAll("[data-help]").forEach((b) => b.addEventListener("click", () => toggleHelp()));
  if (help) help.addEventListener("click", (e) => { if (e.target === help) toggleHelp(false); });

  // Category pickers show the definition of the chosen category.
  document.querySelectorAll("select[data-category]").forEach((select) => {
    const show = () => {
      const label = select.closest(".picker");
      const def = label && label.parentElement.querySelector("[data-definition]");
      const option = select.options[select.selectedIndex];
      if (def) def.textContent = (option && option.title) || "Pick the kind of error; its definition appears here.";
    };
    select.addEventListener("change", show);
  });

  // ------------------------------------------------------------------ queue
  let rows = [];
  let current = -1;
  function selectRow(i) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, j) => r.classList.toggle("sel", j === current));
    rows[current].scrollIntoView({ block: "nearest" });
  }
  if (page === "queue") {
    rows = Array.from(document.querySelectorAll("tr.qrow"));
    rows.forEach((row, i) => {
      row.addEventListener("click", (e) => {
        if (e.target.closest("a")) return;
        selectRow(i);
        location.href = row.dataset.href;
      });
    });
    // arriving from the previous page (j) or the next one (k) selects the row next to it
    const firstOpen = rows.findIndex((r) => !r.classList.contains("st-done"));
    if (location.hash === "#first") selectRow(0);
    else if (location.hash === "#last") selectRow(rows.length - 1);
    else selectRow(firstOpen < 0 ? 0 : firstOpen);
  }
  // j on the last row goes on to the next page, k on the first row back to the previous one
  function moveRow(step) {
    const pages = data.page || {};
    if (step > 0 && current === rows.length - 1 && pages.next) location.href = pages.next + "#first";
    else if (step < 0 && current <= 0 && pages.previous) location.href = pages.previous + "#last";
    else selectRow(current + step);
  }

  // ------------------------------------------------------------------ passage
  let cards = [];
  let sel = -1;
  const passageEl = document.getElementById("passage-text");
  function selectCard(i, scroll) {
    if (!cards.length) return;
    sel = Math.max(0, Math.min(cards.length - 1, i));
    cards.forEach((c, j) => c.classList.toggle("sel", j === sel));
    const number = cards[sel].dataset.number;
    document.querySelectorAll("mark.hl").forEach((m) => {
      m.classList.toggle("active", m.dataset.f.split(" ").includes(number));
    });
    if (scroll !== false) cards[sel].scrollIntoView({ block: "nearest", behavior: "auto" });
  }
  // a decided finding keeps its form folded under "Change the decision"
  function reveal(card) {
    const change = card && card.querySelector("details.change");
    if (change) change.open = true;
  }
  function click(selector) {
    const card = cards[sel];
    const button = card && card.querySelector(selector);
    if (button && !button.disabled && !button.closest("fieldset[disabled]")) button.click();
  }

  // Offsets: Python counts code points, JS counts UTF-16 units, and the HTML parser turns
  // CR LF into LF. Map a position in the rendered text to one in the stored passage text.
  const passageText = (data.passage && data.passage.text) || "";
  const points = Array.from(passageText);
  function domToPython(domOffset) {
    let dom = 0;
    let i = 0;
    while (i < points.length && dom < domOffset) {
      if (points[i] === "\r" && points[i + 1] === "\n") { i += 2; dom += 1; continue; }
      dom += points[i].length;
      i += 1;
    }
    return i;
  }
  function pythonToJs(text, n) { return Array.from(text).slice(0, n).join("").length; }

  function openEditor() {
    const card = cards[sel];
    if (!card) return;
    const details = card.querySelector("details.edit");
    const area = details && details.querySelector("textarea");
    if (!area || area.disabled || area.closest("fieldset[disabled]")) return;
    reveal(card);
    details.open = true;
    area.focus();
    // put the cursor on the error: select its words in the editor
    const text = card.dataset.text || "";
    const normalized = passageText.replace(/\r\n?/g, "\n");
    let start = -1;
    if (area.value === normalized) {
      start = pythonToJs(normalized, storedToNormalized(parseInt(card.dataset.offset, 10)));
    }
    if (start < 0 || area.value.substr(start, text.length) !== text) start = area.value.indexOf(text);
    if (start >= 0) area.setSelectionRange(start, start + text.length);
  }
  // a code-point offset in the stored text -> the same place once CR LF became LF
  function storedToNormalized(n) {
    let out = 0;
    for (let i = 0; i < n && i < points.length; i++) {
      if (points[i] === "\r" && points[i + 1] === "\n") continue;
      out += 1;
    }
    return out;
  }

  const missed = document.getElementById("missed-form");
  function updateSelection() {
    if (!missed || !passageEl) return;
    const s = window.getSelection();
    if (!s || s.rangeCount === 0 || s.isCollapsed) return;
    const range = s.getRangeAt(0);
    if (!passageEl.contains(range.startContainer) || !passageEl.contains(range.endContainer)) return;
    const before = document.createRange();
    before.selectNodeContents(passageEl);
    before.setEnd(range.startContainer, range.startOffset);
    let a = domToPython(before.toString().length);
    let b = domToPython(before.toString().length + range.toString().length);
    while (a < b && /\s/.test(points[a])) a++;
    while (b > a && /\s/.test(points[b - 1])) b--;
    if (a >= b) return;
    const base = parseInt(passageEl.dataset.start, 10);
    missed.querySelector("[data-start]").value = String(base + a);
    missed.querySelector("[data-end]").value = String(base + b);
    missed.querySelector("[data-selected]").textContent = points.slice(a, b).join("");
  }
  if (missed) {
    document.addEventListener("selectionchange", updateSelection);
    missed.addEventListener("submit", (e) => {
      if (!missed.querySelector("[data-start]").value) {
        e.preventDefault();
        missed.querySelector("[data-selected]").textContent = "select the words of the error in the English passage first";
      }
    });
  }

  if (page === "passage") {
    cards = Array.from(document.querySelectorAll("article.finding"));
    cards.forEach((card, i) => card.addEventListener("click", () => selectCard(i, false)));
    document.querySelectorAll("mark.hl").forEach((m) => {
      m.addEventListener("click", () => {
        const number = m.dataset.f.split(" ")[0];
        const i = cards.findIndex((c) => c.dataset.number === number);
        if (i >= 0 && window.getSelection().isCollapsed) selectCard(i);
      });
    });
    const firstOpen = cards.findIndex((c) => c.classList.contains("st-open"));
    if (cards.length) selectCard(firstOpen < 0 ? 0 : firstOpen, false);

    // Keep the claim while the page is open (a decision also renews it), and give it up
    // when the page is closed or left, so the next reviewer need not wait for it to expire.
    const canDecide = document.querySelector("form.decide fieldset:not([disabled]), #missed-form fieldset:not([disabled])");
    if (canDecide && data.document && data.claim) {
      const passage = { document_id: String(data.document.id), passage_id: data.passage.passage_id };
      let since = data.claim.since; // when this page took (or last renewed) the claim
      const renew = () => {
        fetch("/claim", {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify(passage),
        }).then((r) => r.json()).then((body) => {
          if (body.since) since = body.since;
          if (body.error) {
            const note = document.querySelector(".claim-note");
            if (note) { note.textContent = body.error; note.classList.add("flash", "error"); }
          }
        }).catch(() => {});
      };
      setInterval(renew, 4 * 60 * 1000);
      // A beacon cannot set headers: the CSRF token goes in the form body. The server
      // releases the claim only if it still carries this page's stamp (a reload or a
      // decision has taken it anew by then, and keeps it).
      window.addEventListener("pagehide", () => {
        const body = new URLSearchParams({ csrf_token: csrf, since: since, ...passage });
        navigator.sendBeacon("/leave", body);
      });
      // back to this page from the browser's cache: take the claim again
      window.addEventListener("pageshow", (e) => { if (e.persisted) renew(); });
    }
  }

  function go(selector) {
    const link = document.querySelector(selector);
    if (link) location.href = link.getAttribute("href");
  }

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      toggleHelp(false);
      if (typing(e.target)) {
        const details = e.target.closest("details.edit");
        if (details) details.open = false;
        e.target.blur();
      }
      return;
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.tagName === "TEXTAREA") {
      e.preventDefault();
      const form = e.target.form;
      const save = form && form.querySelector('button[value="correct"], [data-add-missed]');
      if (save) save.click();
      return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "?") { toggleHelp(); e.preventDefault(); return; }
    if (help && !help.hidden) return;
    if (page === "queue") {
      if (e.key === "j") moveRow(1);
      else if (e.key === "k") moveRow(-1);
      else if ((e.key === "Enter" || e.key === "o") && rows[current]) location.href = rows[current].dataset.href;
      else return;
      e.preventDefault();
      return;
    }
    if (page !== "passage") return;
    const severities = { 1: 0, 2: 1, 3: 2, 4: 3 };
    if (e.key === "j") selectCard(sel + 1);
    else if (e.key === "k") selectCard(sel - 1);
    else if (e.key === "a") click('button[value="accept"]');
    else if (e.key === "d") click('button[value="dismiss"]');
    else if (e.key === "e") openEditor();
    else if (e.key === "u") click('button[value="undo"]');
    else if (e.key in severities) {
      const card = cards[sel];
      const radios = card ? card.querySelectorAll('input[name="severity"]') : [];
      const radio = radios[severities[e.key]];
      if (radio && !radio.disabled) { reveal(card); radio.checked = true; }
    } else if (e.key === "m") {
      const box = document.getElementById("missed");
      if (box) { box.scrollIntoView({ block: "center" }); document.getElementById("missed-category").focus(); }
    } else if (e.key === "n") go("[data-next]");
    else if (e.key === "p") go("[data-prev]");
    else if (e.key === "q") location.href = (data.queue && data.queue.page) || "/";
    else return;
    e.preventDefault();
  });
})();
