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
