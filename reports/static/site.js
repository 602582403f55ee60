/* duixian pages: status filter, search, sortable columns; the URL keeps the view (?status=…&q=…).
   Plain ES5-ish JS, no libraries, works from file://. Without it the page is still complete. */
(function () {
  "use strict";
  var doc = document;
  var all = function (sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); };

  // Evidence: open on wide screens, collapsed on phones; always open for printing.
  if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
    all("details.evidence").forEach(function (d) { d.open = false; });
  }
  window.addEventListener("beforeprint", function () { all("details").forEach(function (d) { d.open = true; }); });

  var table = doc.getElementById("scorecard");
  if (!table || !table.tBodies.length) { return; }
  var tbody = table.tBodies[0];
  var rows = all("tr.row", tbody);
  var texts = rows.map(function (tr) { return norm(tr.textContent); });
  var buttons = all("[data-status-filter]");
  var input = doc.getElementById("q");
  var shown = doc.getElementById("shown");
  var empty = doc.getElementById("empty");
  var state = readState();
  var sortKey = "", sortDir = 0;

  function norm(s) { return String(s || "").toLowerCase().replace(/\s+/g, ""); }

  function readState() {
    var params = new URLSearchParams(location.search);
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") >= 0) {
      new URLSearchParams(hash).forEach(function (v, k) { params.set(k, v); });
    }
    return { status: params.get("status") || "", q: params.get("q") || "" };
  }

  function writeState() {
    var params = new URLSearchParams();
    if (state.status) { params.set("status", state.status); }
    if (state.q) { params.set("q", state.q); }
    var query = params.toString();
    var anchor = location.hash.indexOf("=") >= 0 ? "" : location.hash;
    try {
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + anchor);
    } catch (e) {
      // A browser that refuses to rewrite a file:// URL still gets a shareable view in the hash.
      location.hash = query;
    }
  }

  function apply() {
    var q = norm(state.q), n = 0;
    rows.forEach(function (tr, i) {
      var ok = (!state.status || tr.getAttribute("data-status") === state.status) &&
               (!q || texts[i].indexOf(q) >= 0);
      tr.hidden = !ok;
      if (ok) { n += 1; }
    });
    buttons.forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-status-filter") === state.status));
    });
    if (shown) { shown.textContent = String(n); }
    if (empty) { empty.hidden = n !== 0; }
  }

  function compare(a, b) {
    var x = a.getAttribute("data-sort-" + sortKey) || "", y = b.getAttribute("data-sort-" + sortKey) || "";
    var tie = Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    if (x === "" || y === "") { return x === y ? tie : (x === "" ? 1 : -1); }  // blanks last, either way
    var c = sortKey === "indicator" ? x.localeCompare(y, "zh-CN") : parseFloat(x) - parseFloat(y);
    return c * sortDir || tie;
  }

  function sortRows() {
    var sorted = rows.slice();
    if (sortDir) { sorted.sort(compare); }
    else { sorted.sort(function (a, b) { return a.getAttribute("data-order") - b.getAttribute("data-order"); }); }
    sorted.forEach(function (tr) { tbody.appendChild(tr); });
    all("th[data-key]", table).forEach(function (th) {
      var on = sortDir && th.getAttribute("data-key") === sortKey;
      if (on) { th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending"); }
      else { th.removeAttribute("aria-sort"); }
    });
  }

  // A permalink to a row the filter hides: show everything rather than a blank page.
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id || id.indexOf("=") >= 0) { return; }
    var tr = doc.getElementById(id);
    if (tr && tr.hidden) {
      state = { status: "", q: "" };
      if (input) { input.value = ""; }
      apply();
      writeState();
      tr.scrollIntoView();
    }
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      state.status = b.getAttribute("data-status-filter") || "";
      apply();
      writeState();
    });
  });
  if (input) {
    input.value = state.q;
    input.addEventListener("input", function () {
      state.q = input.value.trim();
      apply();
      writeState();
    });
  }
  all("th[data-key] .sort", table).forEach(function (btn) {
    btn.addEventListener("click", function () {
      var key = btn.parentNode.getAttribute("data-key");
      if (key === sortKey) { sortDir = sortDir === 1 ? -1 : (sortDir === -1 ? 0 : 1); }
      else { sortKey = key; sortDir = 1; }
      sortRows();
    });
  });
  window.addEventListener("hashchange", revealTarget);
  apply();
  revealTarget();
})();
