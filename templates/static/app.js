// capdo: what the pages do better with JavaScript. Served as a file because the
// Content-Security-Policy forbids inline scripts. Without JavaScript every page still works:
// the server classifies on save, the component rows' buttons and the refresh button post
// the form, and links sort and export the lists.
(function () {
  "use strict";

  // Printing: a document's link shows its full address on paper (static/print.css).
  document.querySelectorAll('#documents td a[href], main td a[href^="/dossiers/"], #approved a[href]').forEach(function (a) {
    a.setAttribute("data-print-url", a.href);
  });

  var form = document.getElementById("profile-form");
  var out = document.getElementById("preview-body");
  if (!form || !out) { return; }
  document.documentElement.classList.add("js");

  // The facts, described by the server from its table (levels.Fields) in the form's
  // data-facts: key, kind, label and when the fact matters (server/profile_form.go,
  // relevanceOf): for some system types, or some kinds of information or flags.
  var facts = JSON.parse(form.getAttribute("data-facts") || "[]");
  var when = Object.create(null);
  facts.forEach(function (f) { if (f.when) { when[f.key] = f.when; } });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function levelText(l) { return l === 0 ? "Chưa xác định" : "Cấp độ " + l; }

  // --- Only the fields that matter -------------------------------------------------
  // A field is hidden when what it depends on is chosen and excludes it, and it is empty;
  // the server applies the same rule when it draws the form.
  function valuesOf(scope, prefix) {
    var v = { type: "", infos: [], flags: Object.create(null) };
    var t = scope.querySelector('[name="' + prefix + 'system_type"]');
    if (t) { v.type = t.value; }
    scope.querySelectorAll('[name="' + prefix + 'info_types"]').forEach(function (c) { if (c.checked) { v.infos.push(c.value); } });
    scope.querySelectorAll('input[type=checkbox][name^="' + prefix + '"]').forEach(function (c) {
      if (c.checked) { v.flags[c.name.slice(prefix.length)] = true; }
    });
    return v;
  }
  function holds(r, v) {
    if (r.types && r.types.length && v.type && r.types.indexOf(v.type) < 0) { return false; }
    var infos = r.infos || [], flags = r.flags || [];
    if (!infos.length && !flags.length) { return true; }
    for (var i = 0; i < flags.length; i++) { if (v.flags[flags[i]]) { return true; } }
    if (!v.infos.length) { return true; }
    for (var j = 0; j < v.infos.length; j++) { if (infos.indexOf(v.infos[j]) >= 0) { return true; } }
    return false;
  }
  function filled(box) {
    var any = false;
    box.querySelectorAll("input, select, textarea").forEach(function (e) {
      if (e.type === "checkbox") { any = any || e.checked; } else if (e.value.trim()) { any = true; }
    });
    return any;
  }
  function relevanceIn(scope, prefix, boxes) {
    var v = valuesOf(scope, prefix);
    boxes.forEach(function (box) {
      var r = when[box.getAttribute("data-key")];
      if (!r) { return; }
      box.hidden = !holds(r, v) && !filled(box) && !box.classList.contains("has-problem");
    });
  }
  function relevance() {
    var main = Array.prototype.filter.call(form.querySelectorAll(".field[data-key]"), function (b) { return !b.closest(".component"); });
    relevanceIn(form, "", main);
    form.querySelectorAll("fieldset.section").forEach(function (fs) {
      var boxes = fs.querySelectorAll(".field[data-key]");
      fs.hidden = boxes.length > 0 && Array.prototype.every.call(boxes, function (b) { return b.hidden; });
    });
    form.querySelectorAll("fieldset.component").forEach(function (row) {
      relevanceIn(row, row.getAttribute("data-prefix"), row.querySelectorAll(".field[data-key]"));
    });
  }

  // --- Component rows -------------------------------------------------------------
  var rows = document.getElementById("component-rows");
  var tpl = document.getElementById("component-template");
  function nextIndex() {
    var n = 0;
    rows.querySelectorAll("fieldset.component").forEach(function (r) {
      var m = /^components\.(\d+)\.$/.exec(r.getAttribute("data-prefix") || "");
      if (m) { n = Math.max(n, Number(m[1]) + 1); }
    });
    return n;
  }
  function renumber() {
    rows.querySelectorAll("fieldset.component").forEach(function (r, i) {
      var lg = r.querySelector("legend");
      if (lg) { lg.textContent = "Thành phần " + (i + 1); }
      var b = r.querySelector(".remove-component");
      if (b) { b.textContent = "Xóa thành phần " + (i + 1); }
    });
  }
  form.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b || b.name !== "_form") { return; }
    if (b.value === "add" && tpl && rows) {
      e.preventDefault();
      var i = String(nextIndex());
      var html = tpl.innerHTML.replace(/__NUM__/g, String(rows.children.length + 1)).replace(/__N__/g, i);
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.firstElementChild;
      rows.appendChild(row);
      renumber();
      relevance();
      var first = row.querySelector("input:not([type=hidden]), select");
      if (first) { first.focus(); }
      changed();
    } else if (b.value.indexOf("remove-") === 0) {
      e.preventDefault();
      var r = b.closest("fieldset.component");
      if (r) { r.remove(); }
      renumber();
      document.getElementById("add-component").focus();
      changed();
    } else if (b.value === "refresh") {
      e.preventDefault();
      relevance();
    }
  });

  // --- Problems: shown under a field once it was touched, or after a save was tried ---
  var attempted = form.hasAttribute("data-attempted");
  var touched = Object.create(null);
  function touch(e) { if (e.target && e.target.name) { touched[e.target.name] = true; } }
  form.addEventListener("change", touch);
  form.addEventListener("focusout", function (e) { if (e.target && e.target.name && e.target.value) { touched[e.target.name] = true; } });

  function markFields(problems) {
    form.querySelectorAll(".field[id^='f-']").forEach(function (box) {
      box.classList.remove("has-problem");
      box.querySelectorAll(".problem").forEach(function (p) { p.remove(); });
      box.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    });
    var by = Object.create(null);
    problems.forEach(function (p) {
      if (!p.id || !(attempted || touched[p.field])) { return; }
      (by[p.id] = by[p.id] || []).push(p.message);
    });
    Object.keys(by).forEach(function (id) {
      var box = document.getElementById("f-" + id);
      if (!box) { return; }
      box.classList.add("has-problem");
      box.hidden = false;
      var span = el("span", "problem", by[id].join(" · "));
      span.id = "p-" + id;
      box.appendChild(span);
      var input = document.getElementById("in-" + id);
      if (input) {
        input.setAttribute("aria-invalid", "true");
        var d = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== span.id; });
        d.push(span.id);
        input.setAttribute("aria-describedby", d.join(" "));
      }
    });
  }

  // --- Live preview ---------------------------------------------------------------
  var sticky = document.getElementById("sticky-summary");
  var stickyLevel = document.getElementById("sticky-level");
  if (sticky) { sticky.hidden = false; }
  function showSticky(text, level) {
    if (!stickyLevel) { return; }
    stickyLevel.textContent = text;
    stickyLevel.className = "level lv" + (level || 0);
  }

  function showDecision(d) {
    out.replaceChildren();
    var badge = el("span", "level big lv" + d.level, levelText(d.level));
    badge.id = "preview-level";
    out.appendChild(badge);
    showSticky(levelText(d.level), d.level);
    if (d.reasons && d.reasons.length) {
      var ol = el("ol", "reasons");
      d.reasons.forEach(function (r) {
        var li = el("li", r.level === d.level ? "decisive" : "");
        li.appendChild(el("span", "level lv" + r.level, levelText(r.level)));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("b", "", r.citation));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("code", "", r.rule));
        li.appendChild(el("p", "", r.message));
        if (r.component) { li.appendChild(el("p", "muted", "Hệ thống thành phần «" + r.component + "»")); }
        ol.appendChild(li);
      });
      out.appendChild(ol);
    }
    if (d.warnings && d.warnings.length) {
      out.appendChild(el("h3", "", "Cảnh báo"));
      var ul = el("ul", "warnings");
      d.warnings.forEach(function (w) { ul.appendChild(el("li", "", w)); });
      out.appendChild(ul);
    }
    out.appendChild(el("p", "muted", "Xem trước — cấp độ chính thức được lưu khi bấm «Lưu và xác định cấp độ»."));
  }

  function showProblems(body) {
    var problems = body.problems || [];
    out.replaceChildren();
    out.appendChild(el("p", "muted", "Chưa xác định được cấp độ — hồ sơ còn thiếu hoặc sai:"));
    var ul = el("ul", "problems");
    problems.forEach(function (p) {
      ul.appendChild(el("li", "problem", (p.label ? p.label + ": " : "") + p.message));
    });
    out.appendChild(ul);
    showSticky("Chưa xác định", 0);
    markFields(problems);
  }

  function empty() {
    var typed = false;
    form.querySelectorAll("input, select, textarea").forEach(function (e) {
      if (e.type === "hidden" || e.name === "org_id" || !e.name) { return; }
      if (e.type === "checkbox") { typed = typed || e.checked; } else if (e.value.trim()) { typed = true; }
    });
    return !typed;
  }

  var timer = null, seq = 0;
  function update() {
    var mine = ++seq;
    if (empty()) { // nothing typed yet: nothing to classify, nothing wrong either
      out.replaceChildren(el("p", "muted", "Nhập thông tin hệ thống để xem trước cấp độ và căn cứ."));
      showSticky("Chưa xác định", 0);
      markFields([]);
      return;
    }
    var body = new URLSearchParams(new FormData(form));
    fetch("/profile/preview", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
      body: body
    }).then(function (r) {
      return r.json().then(function (b) { return { ok: r.ok, body: b }; });
    }).then(function (res) {
      if (mine !== seq) { return; } // a newer request is on its way
      if (res.ok) { showDecision(res.body); markFields([]); } else { showProblems(res.body); }
    }).catch(function () {
      if (mine === seq) { out.replaceChildren(el("p", "muted", "Không kết nối được máy chủ để xem trước.")); }
    });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(update, 350); }

  // --- Unsaved changes --------------------------------------------------------------
  var dirty = attempted, leaving = false; // a refused save left unsaved input
  function changed() { dirty = true; schedule(); }
  form.addEventListener("input", function () { dirty = true; schedule(); });
  form.addEventListener("change", function () { dirty = true; relevance(); schedule(); });
  form.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty && !leaving) { e.preventDefault(); e.returnValue = ""; }
  });

  // After a refused save the summary takes the focus, so that it is read first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  relevance();
  update();
})();
