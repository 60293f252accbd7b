// The petition form on a cheap phone and a slow network (issue 16). Without this script the form still
// works: it posts the full-size files and the server answers with a page.
// With it: photos are made small on the phone before they leave it (long side 1600 px, about 300 KB;
// the server still checks every file by its content), the upload shows its progress, a dropped
// connection is retried with the same client token (the server never makes a second petition), a
// refusal keeps everything typed and every file chosen, "Dùng vị trí của tôi" and a small map (Leaflet,
// from our own static files, loaded only when asked for) fill the coordinates, and a photo's own GPS is
// offered as the place.
(function () {
  "use strict";
  var form = document.querySelector("form[data-report]");
  if (!form || !window.FormData || !window.XMLHttpRequest || !window.HTMLCanvasElement) return;

  var MAX_SIDE = 1600;
  var TARGET_BYTES = 400 * 1024;
  var MAX_FILES = 5;
  var RETRY_DELAYS = [2, 4, 8, 15, 30, 30, 60];
  var STALL_MS = 45000;
  var chosen = []; // {blob, name, before, place}
  var working = Promise.resolve();
  var photoPlace = null;
  var map = null;
  var marker = null;
  var leaflet = null;

  function $(sel) { return form.querySelector(sel); }
  function size(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1).replace(".", ",") + " MB";
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }
  function say(sel, text) { var el = $(sel); if (el) el.textContent = text; }

  // --- EXIF GPS of a JPEG (read before the picture is redrawn, which drops every metadata) ---------------
  function readPlace(file) {
    if (!/jpe?g$/i.test(file.type) || !file.slice || !window.DataView) return Promise.resolve(null);
    return file.slice(0, 262144).arrayBuffer().then(function (buf) {
      var v = new DataView(buf), off = 2;
      if (v.byteLength < 4 || v.getUint16(0) !== 0xFFD8) return null;
      while (off + 4 < v.byteLength) {
        var marker = v.getUint16(off), len = v.getUint16(off + 2);
        if (marker === 0xFFE1 && v.getUint32(off + 4) === 0x45786966) return gpsOf(v, off + 10);
        if ((marker & 0xFF00) !== 0xFF00) return null;
        off += 2 + len;
      }
      return null;
    }).catch(function () { return null; });
  }
  function gpsOf(v, tiff) {
    var le = v.getUint16(tiff) === 0x4949;
    function u16(o) { return v.getUint16(tiff + o, le); }
    function u32(o) { return v.getUint32(tiff + o, le); }
    function entries(ifd) {
      var out = {}, n = u16(ifd);
      for (var i = 0; i < n; i++) {
        var e = ifd + 2 + i * 12;
        out[u16(e)] = { type: u16(e + 2), count: u32(e + 4), at: e + 8 };
      }
      return out;
    }
    var ifd0 = entries(u32(4));
    if (!ifd0[0x8825]) return null;
    var gps = entries(u32(ifd0[0x8825].at));
    function ref(tag) { return gps[tag] ? String.fromCharCode(v.getUint8(tiff + gps[tag].at)) : ""; }
    function dms(tag) {
      if (!gps[tag] || gps[tag].type !== 5 || gps[tag].count !== 3) return null;
      var at = u32(gps[tag].at), parts = [];
      for (var i = 0; i < 3; i++) {
        var den = u32(at + i * 8 + 4);
        parts.push(den ? u32(at + i * 8) / den : 0);
      }
      return parts[0] + parts[1] / 60 + parts[2] / 3600;
    }
    var lat = dms(2), lng = dms(4);
    if (lat === null || lng === null || (lat === 0 && lng === 0)) return null;
    if (ref(1) === "S") lat = -lat;
    if (ref(3) === "W") lng = -lng;
    return { lat: lat, lng: lng };
  }

  // --- shrink a photo on the phone ------------------------------------------------------------------------
  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" }).catch(function () { return viaImg(file); });
    }
    return viaImg(file);
  }
  function viaImg(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file), img = new Image();
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error("decode")); };
      img.src = url;
    });
  }
  function encode(canvas, quality) {
    return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", quality); });
  }
  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return Promise.resolve(null);
    return decode(file).then(function (img) {
      var w = img.width, h = img.height, scale = Math.min(1, MAX_SIDE / Math.max(w, h));
      if (scale === 1 && file.size <= TARGET_BYTES) return null; // small already: send as it is
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff"; // a transparent PNG becomes a JPEG on white
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      if (img.close) img.close();
      var tries = [0.82, 0.7, 0.6];
      function next(i) {
        return encode(canvas, tries[i]).then(function (blob) {
          if (blob && blob.size > TARGET_BYTES && i + 1 < tries.length) return next(i + 1);
          return blob;
        });
      }
      return next(0);
    }).then(function (blob) {
      return blob && blob.size < file.size ? blob : null;
    }).catch(function () { return null; });
  }

  function add(files) {
    var list = Array.prototype.slice.call(files);
    list.forEach(function (file) {
      working = working.then(function () {
        if (chosen.length >= MAX_FILES) {
          say("[data-locate-status]", "");
          showFilesNote("Chỉ gửi kèm tối đa " + MAX_FILES + " tệp; tệp “" + file.name + "” chưa được thêm.");
          return;
        }
        var item = { blob: file, name: file.name, before: file.size, place: null, busy: true };
        chosen.push(item);
        render();
        return readPlace(file).then(function (place) {
          item.place = place;
          return shrink(file);
        }).then(function (small) {
          if (small) {
            item.blob = small;
            item.name = file.name.replace(/\.(png|webp|jpe?g)$/i, "") + ".jpg";
          }
          item.busy = false;
          if (item.place && !photoPlace) photoPlace = item.place;
          render();
        });
      });
    });
    return working;
  }

  function showFilesNote(text) {
    var ul = $("[data-picked]");
    if (!ul) return;
    var li = document.createElement("li");
    li.className = "field-error";
    li.textContent = text;
    ul.appendChild(li);
  }

  function render() {
    var ul = $("[data-picked]");
    if (!ul) return;
    ul.textContent = "";
    chosen.forEach(function (item, i) {
      var li = document.createElement("li");
      var text = item.name + " — " + (item.busy ? "đang thu nhỏ…" :
        (item.blob.size < item.before ? size(item.before) + " → " + size(item.blob.size) : size(item.blob.size)));
      li.appendChild(document.createTextNode(text + " "));
      var drop = document.createElement("button");
      drop.type = "button";
      drop.className = "link";
      drop.setAttribute("data-drop", String(i));
      drop.textContent = "Bỏ tệp này";
      li.appendChild(drop);
      ul.appendChild(li);
    });
    var offer = $("[data-photo-place]");
    var lat = form.elements.lat;
    if (offer) offer.hidden = !(photoPlace && lat && !lat.value);
    // The picker's line names the files this script will send (the input itself is emptied after each
    // choice so that choosing again adds more).
    var name = form.querySelector("[data-file-picker] .file-picker-name");
    if (name) {
      name.textContent = chosen.length ?
        chosen.map(function (item) { return item.name; }).join(", ") : name.getAttribute("data-empty");
    }
  }

  // --- where ------------------------------------------------------------------------------------------------
  function setPlace(lat, lng, note) {
    form.elements.lat.value = lat.toFixed(6);
    form.elements.lng.value = lng.toFixed(6);
    var details = form.elements.lat.closest("details");
    if (details) details.open = true;
    if (note) say("[data-locate-status]", note);
    render();
    showMap(lat, lng, 17);
  }

  function loadLeaflet() {
    if (window.L) return Promise.resolve(window.L);
    if (leaflet) return leaflet;
    leaflet = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = form.getAttribute("data-leaflet-css");
      document.head.appendChild(css);
      var js = document.createElement("script");
      js.src = form.getAttribute("data-leaflet-js");
      js.onload = function () { resolve(window.L); };
      js.onerror = function () { leaflet = null; reject(new Error("leaflet")); };
      document.head.appendChild(js);
    });
    return leaflet;
  }

  function showMap(lat, lng, zoom) {
    var box = $("[data-map]");
    if (!box) return Promise.resolve();
    return loadLeaflet().then(function (L) {
      box.hidden = false;
      if (!map || map.getContainer() !== box) {
        map = L.map(box, { scrollWheelZoom: false });
        var tiles = form.getAttribute("data-map-tiles");
        if (tiles) {
          var layer = L.tileLayer(tiles, { maxZoom: 19, attribution: form.getAttribute("data-map-attribution") || "" });
          var warned = false;
          layer.on("tileerror", function () {
            if (warned) return;
            warned = true;
            say("[data-locate-status]", "Không tải được bản đồ nền; vị trí vẫn được ghi theo tọa độ của ghim.");
          });
          layer.addTo(map);
        } else {
          var note = document.createElement("p");
          note.className = "muted";
          note.textContent = "Chưa có bản đồ nền: chạm vào khung để đặt ghim, hoặc chọn thôn và ghi địa điểm.";
          box.parentNode.insertBefore(note, box.nextSibling);
        }
        marker = null;
        map.on("click", function (e) { pin(e.latlng.lat, e.latlng.lng); });
      }
      map.setView([lat, lng], zoom);
      if (form.elements.lat.value) pin(lat, lng, true);
      setTimeout(function () { map.invalidateSize(); }, 0);
    }, function () {
      say("[data-locate-status]", "Không tải được bản đồ. Hãy chọn thôn và ghi địa điểm cụ thể.");
    });
  }

  function pin(lat, lng, quiet) {
    var L = window.L;
    if (!marker) {
      // Our own icon's addresses: Leaflet guesses them from its CSS, which fails once names are hashed.
      var icon = L.icon({
        iconUrl: form.getAttribute("data-marker-icon"),
        iconRetinaUrl: form.getAttribute("data-marker-icon-2x"),
        shadowUrl: form.getAttribute("data-marker-shadow"),
        iconSize: [25, 41], iconAnchor: [12, 41], shadowSize: [41, 41]
      });
      marker = L.marker([lat, lng], { icon: icon, draggable: true, keyboard: true, title: "Vị trí sự việc", alt: "Ghim vị trí sự việc" }).addTo(map);
      marker.on("dragend", function () { var p = marker.getLatLng(); pin(p.lat, p.lng); });
    } else {
      marker.setLatLng([lat, lng]);
    }
    if (!quiet) {
      form.elements.lat.value = lat.toFixed(6);
      form.elements.lng.value = lng.toFixed(6);
      say("[data-locate-status]", "Đã đặt ghim: " + lat.toFixed(5) + ", " + lng.toFixed(5) + ".");
      render();
    }
  }

  function locate() {
    if (!navigator.geolocation) {
      say("[data-locate-status]", "Điện thoại này không cho lấy vị trí. Hãy chọn thôn và ghi địa điểm, hoặc chọn trên bản đồ.");
      return;
    }
    say("[data-locate-status]", "Đang lấy vị trí…");
    navigator.geolocation.getCurrentPosition(function (pos) {
      setPlace(pos.coords.latitude, pos.coords.longitude,
        "Đã lấy vị trí của bạn (sai số khoảng " + Math.round(pos.coords.accuracy || 0) + " m). Kéo ghim nếu cần chỉnh.");
    }, function (err) {
      say("[data-locate-status]", err && err.code === 1
        ? "Bạn chưa cho phép lấy vị trí. Hãy chọn thôn và ghi địa điểm, hoặc chọn trên bản đồ."
        : "Chưa lấy được vị trí. Hãy thử lại ngoài trời, hoặc chọn thôn và ghi địa điểm.");
    }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
  }

  function openMap() {
    var lat = parseFloat(form.elements.lat.value), lng = parseFloat(form.elements.lng.value);
    if (!isNaN(lat) && !isNaN(lng)) return showMap(lat, lng, 17);
    var c = [parseFloat(form.getAttribute("data-map-lat")), parseFloat(form.getAttribute("data-map-lng"))];
    return showMap(c[0], c[1], 6).then(function () {
      if (map) say("[data-locate-status]", "Chạm vào bản đồ để đặt ghim ở nơi xảy ra sự việc.");
    });
  }

  // --- send ---------------------------------------------------------------------------------------------------
  function busy(on) {
    var button = $("[data-submit]");
    if (button) button.disabled = on;
    var box = $("[data-progress]");
    if (box) box.hidden = false;
  }
  function progress(percent, text) {
    var bar = $("[data-progress] progress");
    if (bar) bar.value = percent;
    say("[data-progress-text]", text);
  }

  function payload() {
    var data = new FormData(form);
    data.delete("attachments");
    chosen.forEach(function (item) { data.append("attachments", item.blob, item.name); });
    return data;
  }

  function send(data, attempt) {
    var xhr = new XMLHttpRequest();
    var last = Date.now(), uploaded = false, finished = false;
    xhr.open("POST", form.getAttribute("action") || window.location.href);
    xhr.setRequestHeader("X-Danvan-Upload", "1");
    xhr.upload.onprogress = function (e) {
      last = Date.now();
      if (e.lengthComputable) {
        var pct = Math.round((100 * e.loaded) / e.total);
        progress(pct, "Đang gửi… " + pct + "% (" + size(e.loaded) + " / " + size(e.total) + ")");
      }
    };
    xhr.upload.onload = function () { uploaded = true; last = Date.now(); progress(100, "Đã gửi xong, đang chờ xã xác nhận…"); };
    var watch = setInterval(function () {
      if (finished) return clearInterval(watch);
      if (Date.now() - last > (uploaded ? 2 * STALL_MS : STALL_MS)) xhr.abort();
    }, 5000);
    function retry() {
      finished = true;
      clearInterval(watch);
      if (attempt >= RETRY_DELAYS.length) {
        busy(false);
        progress(0, "Chưa gửi được vì mạng yếu hoặc mất kết nối. Mọi thứ bạn nhập vẫn còn: hãy bấm “Gửi” lại khi có sóng.");
        return;
      }
      var wait = RETRY_DELAYS[attempt];
      progress(0, "Mất kết nối. Tự gửi lại sau " + wait + " giây (lần " + (attempt + 2) + "); đơn sẽ không bị gửi trùng.");
      setTimeout(function () {
        if (navigator.onLine === false) {
          progress(0, "Đang chờ có mạng để gửi lại…");
          window.addEventListener("online", function once() {
            window.removeEventListener("online", once);
            send(data, attempt + 1);
          });
        } else {
          send(data, attempt + 1);
        }
      }, wait * 1000);
    }
    xhr.onerror = retry;
    xhr.onabort = retry;
    xhr.ontimeout = retry;
    xhr.onload = function () {
      finished = true;
      clearInterval(watch);
      var type = xhr.getResponseHeader("Content-Type") || "";
      var done = xhr.getResponseHeader("X-Danvan-Done");
      if (xhr.status === 200 && done) {
        // The page with the tracking code, shown in place: no second request on a shaky network.
        var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
        var main = document.querySelector("main"), fresh = page.querySelector("main");
        if (main && fresh) {
          main.innerHTML = fresh.innerHTML;
          document.title = page.title;
          if (window.history && history.replaceState) history.replaceState(null, "", done);
          window.scrollTo(0, 0);
          var h1 = main.querySelector("h1");
          if (h1) { h1.setAttribute("tabindex", "-1"); h1.focus(); }
        } else {
          window.location.assign(done);
        }
        return;
      }
      if ((xhr.status === 400 || xhr.status === 429) && type.indexOf("html") !== -1) {
        refused(xhr.responseText);
        return;
      }
      if (xhr.status === 413) {
        busy(false);
        progress(0, "Tệp gửi kèm quá lớn so với giới hạn của máy chủ. Hãy bỏ bớt tệp rồi gửi lại.");
        return;
      }
      if (xhr.status === 403) {
        busy(false);
        progress(0, "Phiên làm việc đã hết hạn. Hãy tải lại trang rồi gửi lại (nội dung cần nhập lại).");
        return;
      }
      retry(); // 5xx or a proxy's page: the same token makes a retry safe
    };
    xhr.send(data);
  }

  function refused(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("form[data-report]");
    if (!fresh) { busy(false); progress(0, "Chưa gửi được. Hãy kiểm tra lại rồi bấm “Gửi”."); return; }
    var mapWasOpen = map !== null;
    form.innerHTML = fresh.innerHTML; // the server kept what was typed; the files stay in `chosen`
    map = null;
    marker = null;
    prepare();
    render();
    if (mapWasOpen && form.elements.lat.value) openMap();
    var first = form.querySelector(".has-error, .error");
    if (first) {
      first.scrollIntoView({ block: "center" });
      var input = first.querySelector("input, textarea, select");
      if (input) input.focus();
    }
    var box = $("[data-progress]");
    if (box) box.hidden = true;
  }

  function prepare() {
    var buttons = $("[data-locate-buttons]");
    if (buttons) buttons.hidden = false;
    // The Vietnamese file picker (site.js), also after a refusal redrew the form; its line is written by
    // render() from `chosen`, so site.js leaves this input alone.
    var pickers = form.querySelectorAll("[data-file-picker]");
    for (var i = 0; i < pickers.length; i++) {
      pickers[i].classList.add("is-ready");
      pickers[i].setAttribute("data-file-picker", "script");
    }
  }

  form.addEventListener("change", function (e) {
    if (e.target.name === "attachments" && e.target.files && e.target.files.length) {
      add(e.target.files);
      e.target.value = ""; // the script sends the (smaller) copies; choosing again adds more
    }
    if ((e.target.name === "lat" || e.target.name === "lng") && map) {
      var lat = parseFloat(form.elements.lat.value), lng = parseFloat(form.elements.lng.value);
      if (!isNaN(lat) && !isNaN(lng)) { pin(lat, lng, true); map.setView([lat, lng]); }
    }
  });
  form.addEventListener("click", function (e) {
    var t = e.target;
    if (t.closest("[data-locate]")) { locate(); return; }
    if (t.closest("[data-open-map]")) { openMap(); return; }
    if (t.closest("[data-use-photo-place]") && photoPlace) {
      setPlace(photoPlace.lat, photoPlace.lng, "Đã dùng vị trí ghi trong ảnh. Kéo ghim nếu cần chỉnh.");
      return;
    }
    var drop = t.closest("[data-drop]");
    if (drop) {
      chosen.splice(parseInt(drop.getAttribute("data-drop"), 10), 1);
      photoPlace = null;
      chosen.forEach(function (item) { if (item.place && !photoPlace) photoPlace = item.place; });
      render();
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    busy(true);
    progress(0, "Đang chuẩn bị ảnh…");
    working.then(function () { send(payload(), 0); });
  });
  prepare();
})();
