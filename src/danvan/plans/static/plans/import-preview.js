// Import preview: "only tasks that need attention" filter. The page works without it (all cards shown).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("only-attention");
    if (!box) return;
    box.closest(".import-filter").hidden = false;
    box.addEventListener("change", function () {
      document.querySelectorAll(".task-card").forEach(function (card) {
        card.hidden = box.checked && !card.classList.contains("needs-attention");
      });
    });
  });
})();
