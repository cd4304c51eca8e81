// capdo: importing an inventory (templates/html/import.html). The form is sent with a
// progress bar and the answer replaces the page's main part, so that the file previewed is
// kept and sent again by «Áp dụng» without choosing it a second time. The server binds the
// commit to the preview by the file's SHA-256. Without JavaScript both forms post as usual.
(function () {
  "use strict";
  var kept = null; // the file of the last preview

  function bind(root) {
    root.querySelectorAll("form[data-import]").forEach(function (form) {
      var input = form.querySelector('input[type="file"]');
      if (form.hasAttribute("data-apply") && kept && input) {
        try {
          var dt = new DataTransfer();
          dt.items.add(kept);
          input.files = dt.files;
        } catch (e) { /* an older browser: the user chooses the file again */ }
        var again = form.querySelector(".import-refile");
        if (again && input.files && input.files.length === 1) { again.hidden = true; }
      }
      form.addEventListener("submit", function (ev) {
        if (!window.FormData || !window.XMLHttpRequest || !window.DOMParser) { return; }
        ev.preventDefault();
        if (!form.hasAttribute("data-apply") && input && input.files && input.files[0]) { kept = input.files[0]; }
        send(form);
      });
    });
  }

  function send(form) {
    var box = form.querySelector(".import-progress");
    var bar = box.querySelector("progress");
    var text = box.querySelector(".import-progress-text");
    var buttons = form.querySelectorAll("button");
    var enable = function (on) { buttons.forEach(function (b) { b.disabled = !on; }); };
    enable(false);
    box.hidden = false;
    bar.value = 0;
    text.textContent = "Đang tải tệp lên…";
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "text/html");
    xhr.upload.onprogress = function (e) {
      if (!e.lengthComputable) { return; }
      var pct = Math.floor(e.loaded * 100 / e.total);
      bar.value = pct;
      text.textContent = "Đang tải tệp lên: " + pct + "%";
    };
    xhr.upload.onload = function () {
      bar.removeAttribute("value"); // indeterminate while the server reads every row
      text.textContent = form.hasAttribute("data-apply") ? "Đang ghi vào sổ…" : "Đang kiểm tra từng dòng…";
    };
    xhr.onload = function () {
      if (!show(xhr.responseText)) {
        text.textContent = "Máy chủ trả lời " + xhr.status + "; hãy tải lại trang.";
        enable(true);
      }
    };
    xhr.onerror = function () {
      text.textContent = "Không gửi được tệp (mất kết nối?). Hãy thử lại.";
      enable(true);
    };
    xhr.send(new FormData(form));
  }

  // show puts the answer's main part in place of the page's.
  function show(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("main");
    var main = document.querySelector("main");
    if (!fresh || !main) { return false; }
    main.replaceWith(document.adoptNode(fresh));
    bind(fresh);
    var first = document.getElementById("import-problems") || document.getElementById("import-result");
    if (first) { first.scrollIntoView({ block: "start" }); }
    return true;
  }

  bind(document);
})();
