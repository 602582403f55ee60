/* compare/<year>.html: sort any column (within each group), filter by level and parent, search by
   name; the URL keeps the view (?level=…&parent=…&q=…&sort=…&dir=…). Without it the page is complete. */
(function () {
  "use strict";
  var doc = document;
  var table = doc.getElementById("compare");
  if (!table) { return; }
  var all = function (sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); };
  var level = doc.getElementById("c-level"), parent = doc.getElementById("c-parent"), q = doc.getElementById("c-q");
  var shown = doc.getElementById("c-shown"), empty = doc.getElementById("c-empty");
  var groups = all("tbody.group", table);
  var state = read();

  function norm(s) { return String(s || "").toLowerCase().replace(/\s+/g, ""); }
  function read() {
    var p = new URLSearchParams(location.search), h = location.hash.slice(1);
    if (h.indexOf("=") >= 0) { new URLSearchParams(h).forEach(function (v, k) { p.set(k, v); }); }
    return { level: p.get("level") || "", parent: p.get("parent") || "", q: p.get("q") || "",
             sort: p.get("sort") || "", dir: p.get("dir") || "" };
  }
  function write() {
    var p = new URLSearchParams();
    ["level", "parent", "q", "sort", "dir"].forEach(function (k) { if (state[k]) { p.set(k, state[k]); } });
    var query = p.toString();
    try { history.replaceState(null, "", location.pathname + (query ? "?" + query : "")); }
    catch (e) { location.hash = query; }
  }
  function apply() {
    var n = 0, needle = norm(state.q);
    groups.forEach(function (g) {
      var ok = (!state.level || g.getAttribute("data-level") === state.level) &&
               (!state.parent || g.getAttribute("data-parent") === state.parent);
      var any = false;
      all("tr.row", g).forEach(function (tr) {
        var hit = ok && (!needle || norm(tr.getAttribute("data-name")).indexOf(needle) >= 0);
        tr.hidden = !hit;
        if (hit) { n += 1; any = true; }
      });
      g.hidden = !any;
    });
    if (shown) { shown.textContent = String(n); }
    if (empty) { empty.hidden = n > 0; }
  }
  function value(tr, key) {
    var cell = tr.children[key];
    return cell ? cell.getAttribute("data-v") || "" : "";
  }
  function sort() {
    var key = parseInt(state.sort, 10), dir = state.dir === "desc" ? -1 : 1;
    groups.forEach(function (g) {
      var rows = all("tr.row", g);
      if (!isNaN(key)) {
        rows.sort(function (a, b) {
          var x = value(a, key), y = value(b, key);
          if (x === "" || y === "") { return x === y ? 0 : (x === "" ? 1 : -1); }
          var nx = parseFloat(x), ny = parseFloat(y);
          return dir * (isNaN(nx) || isNaN(ny) ? x.localeCompare(y, "zh") : nx - ny);
        });
      }
      rows.forEach(function (tr) { g.appendChild(tr); });
    });
    all("thead th[data-key]", table).forEach(function (th) {
      var on = th.getAttribute("data-key") === state.sort;
      th.setAttribute("aria-sort", on ? (state.dir === "desc" ? "descending" : "ascending") : "none");
    });
  }
  all("thead th[data-key] .sort", table).forEach(function (btn) {
    btn.addEventListener("click", function () {
      var key = btn.parentNode.getAttribute("data-key");
      state.dir = state.sort === key && state.dir !== "desc" ? "desc" : "asc";
      state.sort = key;
      sort(); write();
    });
  });
  if (level) { level.value = state.level; level.addEventListener("change", function () { state.level = level.value; apply(); write(); }); }
  if (parent) { parent.value = state.parent; parent.addEventListener("change", function () { state.parent = parent.value; apply(); write(); }); }
  if (q) { q.value = state.q; q.addEventListener("input", function () { state.q = q.value; apply(); write(); }); }
  sort(); apply();
})();
