// capdo: live classification preview on the system form. Served as a file because the
// Content-Security-Policy forbids inline scripts. Without JavaScript the form still works:
// the server classifies on save.
(function () {
  "use strict";
  var form = document.getElementById("profile-form");
  var out = document.getElementById("preview-body");
  if (!form || !out) { return; }

  // The inputs, described by the server from its table of facts (levels.Fields) in the
  // form's data-facts: key, kind and label, in the order and with the encoding of the
  // server's formDocument
  // (server/profile_form.go): one "key: <JSON value>" line per filled field, then the
  // components textarea indented.
  var facts = JSON.parse(form.getAttribute("data-facts") || "[]");
  var labels = Object.create(null);
  facts.forEach(function (f) { labels[f.key] = f.label; });

  function documentOf() {
    var lines = [];
    facts.forEach(function (f) {
      var k = f.key;
      var els = form.querySelectorAll('[name="' + k + '"]');
      if (!els.length) { return; }
      var el = els[0];
      if (f.kind === "multi") {
        var xs = [];
        els.forEach(function (e) { if (e.checked && e.value.trim()) { xs.push(e.value.trim()); } });
        if (xs.length) { lines.push(k + ": " + JSON.stringify(xs)); }
      } else if (f.kind === "bool") {
        if (el.checked) { lines.push(k + ": true"); }
      } else {
        var v = el.value.trim();
        if (!v) { return; }
        if (f.kind === "int" && /^-?[0-9]+$/.test(v)) {
          lines.push(k + ": " + v);
        } else {
          lines.push(k + ": " + JSON.stringify(v));
        }
      }
    });
    var comps = (form.elements.components ? form.elements.components.value : "").replace(/\r\n/g, "\n").replace(/[\s]+$/, "");
    if (comps.trim()) {
      lines.push("components:");
      comps.split("\n").forEach(function (l) { lines.push("  " + l); });
    }
    return lines.join("\n") + "\n";
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function levelText(l) { return l === 0 ? "Chưa xác định" : "Cấp độ " + l; }

  function showDecision(d) {
    out.replaceChildren();
    var badge = el("span", "level big lv" + d.level, levelText(d.level));
    badge.id = "preview-level";
    out.appendChild(badge);
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

  // labelOf names a field path ("components[0].system_type") by the form's own labels.
  function labelOf(path) {
    var m = /^components\[(\d+)\]\.(.+)$/.exec(path || "");
    if (m) { return "Hệ thống thành phần " + (Number(m[1]) + 1) + " — " + labelOf(m[2]); }
    var key = String(path || "").replace(/\[\d+\]$/, "");
    if (labels[key]) { return labels[key]; }
    var box = document.getElementById("f-" + key);
    var lbl = box && box.querySelector(".label, label.check");
    if (!lbl) { return path; }
    return lbl.textContent.replace(/\*/g, "").trim();
  }

  // markFields shows each problem under its field, and takes away the ones that no longer
  // hold (also those the server rendered on a failed save), so what is red is always current.
  function markFields(problems) {
    form.querySelectorAll('.field[id^="f-"]').forEach(function (box) {
      box.classList.remove("has-problem");
      box.querySelectorAll(".problem").forEach(function (p) { p.remove(); });
    });
    problems.forEach(function (p) {
      var key = String(p.field || "").replace(/[\[.].*$/, "");
      var box = document.getElementById("f-" + key);
      if (!box) { return; }
      box.classList.add("has-problem");
      box.appendChild(el("span", "problem", p.message));
    });
  }

  function showProblems(body) {
    var problems = body.problems || [];
    out.replaceChildren();
    out.appendChild(el("p", "muted", "Chưa xác định được cấp độ — hồ sơ còn thiếu hoặc sai:"));
    var ul = el("ul", "problems");
    problems.forEach(function (p) {
      var where = p.field && p.field !== "body" ? labelOf(p.field) + ": " : "";
      ul.appendChild(el("li", "problem", where + p.message));
    });
    out.appendChild(ul);
    markFields(problems);
  }

  var timer = null, seq = 0;
  function update() {
    var mine = ++seq;
    var doc = documentOf();
    if (!doc.trim()) { // nothing typed yet: nothing to classify, nothing wrong either
      out.replaceChildren(el("p", "muted", "Nhập thông tin hệ thống để xem trước cấp độ và căn cứ."));
      return;
    }
    fetch("/api/v1/classify", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/yaml", "Accept": "application/json" },
      body: doc
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
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  update();
})();
