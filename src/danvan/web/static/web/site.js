// Small progressive helpers; every page works without them.
// A button with data-copy="<element id>" copies that element's text (an announcement to paste into
// a Zalo group) and says so on the button for a moment.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source) return;
  var text = source.value !== undefined ? source.value : source.textContent;
  var label = button.textContent;
  function done(message) {
    button.textContent = message;
    setTimeout(function () { button.textContent = label; }, 2000);
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(function () { done("Đã sao chép"); }, function () { source.select(); done("Hãy nhấn Ctrl+C"); });
  } else {
    source.select();
    try { document.execCommand("copy"); done("Đã sao chép"); } catch (e) { done("Hãy nhấn Ctrl+C"); }
  }
});
