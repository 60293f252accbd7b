// The public map of published cases: the list works alone; this shows the same cases as pins on a small
// Leaflet map (our own static copy), loaded only when the resident asks for it.
(function () {
  "use strict";
  var box = document.querySelector("[data-pins-map]");
  if (!box) return;
  var button = box.querySelector("[data-show-map]");
  var area = box.querySelector("[data-map]");
  var pins = JSON.parse(document.getElementById(box.getAttribute("data-pins-id")).textContent || "[]");
  if (!button || !area || !pins.length) return;
  button.hidden = false;
  function load() {
    return new Promise(function (resolve, reject) {
      if (window.L) return resolve(window.L);
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = box.getAttribute("data-leaflet-css");
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = box.getAttribute("data-leaflet-js");
      js.onload = function () { resolve(window.L); };
      js.onerror = reject;
      document.head.appendChild(js);
    });
  }
  button.addEventListener("click", function () {
    button.disabled = true;
    load().then(function (L) {
      area.hidden = false;
      var map = L.map(area, { scrollWheelZoom: false });
      var tiles = box.getAttribute("data-map-tiles");
      if (tiles) L.tileLayer(tiles, { maxZoom: 19, attribution: box.getAttribute("data-map-attribution") || "" }).addTo(map);
      var group = L.featureGroup(pins.map(function (p) {
        return L.circleMarker([p.lat, p.lng], { radius: 8, weight: 2 }).bindTooltip(p.label);
      })).addTo(map);
      map.fitBounds(group.getBounds().pad(0.2), { maxZoom: 16 });
      button.hidden = true;
    }, function () {
      button.disabled = false;
      button.textContent = "Không tải được bản đồ; thử lại";
    });
  });
})();
