/* The report editor: saves every section a moment after typing stops (the same form the "Lưu tất cả"
   button posts, so the page works without this script) and warns before leaving with unsaved edits. */
(function () {
  "use strict";
  var form = document.getElementById("report-editor");
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.getElementById("autosave-status");
  var version = 0, savedVersion = 0, timer = null, saving = false, again = false, submitting = false;

  function say(text) { if (status) status.textContent = text; }
  function dirty() { return version !== savedVersion; }

  function save() {
    if (saving) { again = true; return; }
    saving = true;
    var sent = version;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Autosave": "1" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      saving = false;
      if (result.ok) {
        savedVersion = Math.max(savedVersion, sent);
        say(dirty() ? "Có thay đổi chưa lưu…" : "Đã tự động lưu lúc " + result.body.saved_at + ".");
      } else {
        say((result.body.error || "Chưa lưu được.") + " Các thay đổi vẫn còn trên trang.");
      }
      if (again) { again = false; schedule(); }
    }).catch(function () {
      saving = false;
      say("Mất kết nối: thay đổi chưa được lưu. Bấm “Lưu tất cả các mục” khi có mạng lại.");
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  }

  form.addEventListener("input", function (event) {
    if (event.target.tagName !== "TEXTAREA") return;
    version += 1;
    say("Có thay đổi chưa lưu…");
    schedule();
  });
  form.addEventListener("submit", function () {
    submitting = true;
    window.clearTimeout(timer);
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !dirty()) return undefined;
    event.preventDefault();
    event.returnValue = "";
    return "";
  });
}());
