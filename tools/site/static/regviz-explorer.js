/* The course site's explorers: swap pre-rendered frames as the reader moves a control.
 *
 * Each <figure class="regviz-explorer"> holds its controls (hidden until this script runs), the
 * explorer's first picture, a transparent overlay <img> and the caption. Frame k (row-major over the
 * controls, the last varying fastest) is the first picture with overlay file k on top (none: the
 * first picture itself). Frames are fetched once the page has loaded and the figure comes near the
 * screen, or a control gets focus, so a page's first load stays small. The frames next to the one
 * shown (one step along each control) are decoded ahead, so that a move only swaps a picture that is
 * ready; the figure's data-regviz-frame attribute changes when the new picture is in place.
 */
(function () {
  "use strict";

  var DECODED_LIMIT = 32; // decoded overlays kept per explorer (about 1.5 MB each)

  function plainText(markup) {
    var tmp = document.createElement("div");
    tmp.innerHTML = markup;
    return (tmp.textContent || "").replace(/\s+/g, " ").trim();
  }

  function later(task) {
    if ("requestIdleCallback" in window) {
      window.requestIdleCallback(task, { timeout: 200 });
    } else {
      window.setTimeout(task, 0);
    }
  }

  function setup(figure) {
    var data = JSON.parse(figure.querySelector("script.regviz-explorer-data").textContent);
    var root = figure.getAttribute("data-regviz-frames");
    var base = figure.querySelector("img.regviz-base");
    var overlay = figure.querySelector("img.regviz-overlay");
    var caption = figure.querySelector(".regviz-caption");
    var inputs = data.shape.map(function (_, j) {
      return document.getElementById(figure.id + "-c" + j);
    });
    var fetched = null;
    var decoded = new Map(); // frame index -> <img> whose decode was asked for
    var current = data.initial;

    function preload() {
      if (fetched) return;
      fetched = data.files.map(function (file) {
        if (!file) return null;
        var image = new Image();
        image.src = root + file;
        return image;
      });
      neighbours(current).forEach(overlayFor);
    }

    function overlayFor(k) {
      var file = data.files[k];
      if (!file) return null;
      var image = decoded.get(k);
      if (image) {
        decoded.delete(k); // most recently used last
        decoded.set(k, image);
        return image;
      }
      image = new Image(overlay.width, overlay.height);
      image.className = "regviz-overlay";
      image.alt = "";
      image.setAttribute("aria-hidden", "true");
      image.decoding = "async";
      image.src = root + file;
      image.ready = image.decode().catch(function () {});
      decoded.set(k, image);
      while (decoded.size > DECODED_LIMIT) {
        var oldest = decoded.keys().next().value;
        if (oldest === current) break;
        decoded.delete(oldest);
      }
      return image;
    }

    function frameIndex() {
      var k = 0;
      for (var j = 0; j < inputs.length; j += 1) {
        k = k * data.shape[j] + Number(inputs[j].value);
      }
      return k;
    }

    function neighbours(k) {
      var found = [];
      var stride = 1;
      for (var j = data.shape.length - 1; j >= 0; j -= 1) {
        var position = Math.floor(k / stride) % data.shape[j];
        if (position > 0) found.push(k - stride);
        if (position < data.shape[j] - 1) found.push(k + stride);
        stride *= data.shape[j];
      }
      return found;
    }

    function place(k, image) {
      if (k !== current) return; // the reader moved on meanwhile
      if (image) {
        if (image !== overlay) {
          overlay.replaceWith(image);
          overlay = image;
        }
        overlay.hidden = false;
      } else {
        overlay.hidden = true;
      }
      caption.innerHTML = data.captions[k];
      base.alt = plainText(data.captions[k]) || base.alt;
      figure.setAttribute("data-regviz-frame", String(k));
      later(function () {
        if (k === current) neighbours(k).forEach(overlayFor);
      });
    }

    function show() {
      var k = frameIndex();
      current = k;
      inputs.forEach(function (input, j) {
        var text = data.labels[j][Number(input.value)];
        if (input.type === "range") {
          input.setAttribute("aria-valuetext", text);
          var output = figure.querySelector('output[for="' + input.id + '"]');
          if (output) output.textContent = text;
        }
      });
      var image = overlayFor(k);
      if (!image) {
        place(k, null);
      } else {
        image.ready.then(function () {
          place(k, image);
        });
      }
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", show);
    });
    figure.addEventListener("focusin", preload);
    figure.addEventListener("pointerenter", preload);

    function watch() {
      if (!("IntersectionObserver" in window)) return;
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          preload();
          observer.disconnect();
        }
      }, { rootMargin: "300px" });
      observer.observe(figure);
    }
    // frames are fetched after the page has loaded, and only for an explorer near the screen
    if (document.readyState === "complete") {
      watch();
    } else {
      window.addEventListener("load", watch, { once: true });
    }
    figure.querySelector(".regviz-controls").hidden = false;
    figure.setAttribute("data-regviz-frame", String(data.initial));
    figure.setAttribute("data-regviz-ready", "true");
  }

  function start() {
    document.querySelectorAll("figure.regviz-explorer").forEach(function (figure) {
      try {
        setup(figure);
      } catch (err) {
        figure.setAttribute("data-regviz-error", String(err));
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
