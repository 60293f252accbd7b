// Small progressive helpers; every page works without them.
// A button with data-copy="<element id>" copies that element's text (an announcement to paste into
// a Zalo group) and says so on the button for a moment. The text is selected first, so where the
// browser refuses to copy the official can still press Ctrl+C (or long-press on a phone).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source) return;
  var label = button.getAttribute("data-label") || button.textContent;
  button.setAttribute("data-label", label);
  function done(message) {
    button.textContent = message;
    setTimeout(function () { button.textContent = label; }, 3000);
  }
  source.focus();
  if (source.select) source.select();
  var copied = false;
  try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
  if (copied) return done("Đã sao chép");
  if (navigator.clipboard && window.isSecureContext) {
    var text = source.value !== undefined ? source.value : source.textContent;
    navigator.clipboard.writeText(text).then(
      function () { done("Đã sao chép"); },
      function () { done("Hãy nhấn Ctrl+C để sao chép"); }
    );
  } else {
    done("Hãy nhấn Ctrl+C để sao chép");
  }
});
// The workspace menu is open in the page (so it works without script); on a phone it starts folded.
(function () {
  if (!window.matchMedia || !window.matchMedia("(max-width: 47.99rem)").matches) return;
  var menus = document.querySelectorAll("details.menu-fold");
  for (var i = 0; i < menus.length; i++) menus[i].removeAttribute("open");
})();
// File pickers (web/widgets/file_picker.html): the native input says "Choose File / No file chosen" in the
// phone's language. Marked ready, CSS hides it (still focusable, still submitted) behind its Vietnamese label,
// and the chosen file's name (or names) replaces "Chưa chọn tệp". Without this script the native one stays.
(function () {
  function show(input) {
    var name = input.parentNode.querySelector(".file-picker-name");
    if (!name) return;
    var chosen = [];
    for (var i = 0; input.files && i < input.files.length; i++) chosen.push(input.files[i].name);
    name.textContent = chosen.length ? chosen.join(", ") : name.getAttribute("data-empty");
  }
  var inputs = document.querySelectorAll("[data-file-picker] > input[type=file]");
  for (var i = 0; i < inputs.length; i++) {
    inputs[i].parentNode.classList.add("is-ready");
    show(inputs[i]);  // a file the browser kept when the page was reloaded or reached with Back
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    // A picker marked "script" is written by the page's own script (petitions/report.js keeps the files).
    if (input.matches && input.matches("[data-file-picker=''] > input[type=file]")) show(input);
  });
})();
