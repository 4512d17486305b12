// The tappable region of a practice screen, drawn on its picture with a mouse or a finger.
//
//   <div class="region-editor" data-field="screens.0"><img src="..." alt="..."></div>
// and, in the same form, number inputs screens.0.target.x / .y / .width / .height (the
// region) and screens.0.picture_size.0 / .1 (the picture's own coordinate space, which the
// kiosk maps onto the picture wherever it draws it). A drag draws the rectangle over the picture
// and writes it into the inputs in picture coordinates (scaled from the size it is shown at,
// rounded, kept inside the picture); typing the numbers by hand (the keyboard's way) moves the
// rectangle. A tap shorter than MIN_DRAG_PX is taken as an accident and changes nothing.
// An empty picture_size is filled from the picture's own size (an SVG's viewBox). A new picture
// chosen in the form's upload:screens.0.picture input is shown at once (img-src blob:), and the
// region is kept at the same place on it (its picture_size becomes the new picture's).
(function () {
  "use strict";

  var MIN_DRAG_PX = 8;

  function number(input) {
    var value = input ? parseFloat(input.value) : NaN;
    return isFinite(value) ? value : NaN;
  }

  function clamp(value, low, high) {
    return Math.max(low, Math.min(high, value));
  }

  function setUp(root) {
    var form = root.closest("form");
    var field = root.dataset.field;
    var image = root.querySelector("img");
    if (!form || !field || !image) {
      return;
    }
    function named(suffix) {
      return form.elements.namedItem(field + suffix);
    }
    var inputs = { x: named(".target.x"), y: named(".target.y"), width: named(".target.width"),
      height: named(".target.height") };
    var size = [named(".picture_size.0"), named(".picture_size.1")];
    if (!inputs.x || !inputs.y || !inputs.width || !inputs.height) {
      return;
    }

    // The picture in a frame of its own size, the rectangle drawn over it.
    var frame = document.createElement("span");
    frame.className = "region-frame";
    frame.style.position = "relative";
    frame.style.display = "inline-block";
    frame.style.lineHeight = "0";
    frame.style.touchAction = "none"; // a finger draws instead of scrolling the page
    frame.style.userSelect = "none";
    frame.style.webkitUserSelect = "none";
    frame.style.cursor = "crosshair";
    image.parentNode.insertBefore(frame, image);
    frame.appendChild(image);
    image.draggable = false;
    frame.style.maxWidth = "100%";
    image.style.display = "block";
    if (getComputedStyle(image).maxWidth === "none") {
      image.style.maxWidth = "100%"; // the page may set its own
    }
    image.style.touchAction = "none";
    image.addEventListener("dragstart", function (event) {
      event.preventDefault();
    });

    var box = document.createElement("div");
    box.className = "region-box";
    box.setAttribute("aria-hidden", "true"); // the number inputs say the same to a screen reader
    // Visible on any picture, light or dark: a thick yellow ring between two black lines.
    box.style.position = "absolute";
    box.style.boxSizing = "border-box";
    box.style.border = "4px solid #ffd400";
    box.style.boxShadow = "0 0 0 2px #000, inset 0 0 0 2px #000";
    box.style.background = "rgba(255, 212, 0, 0.18)";
    box.style.pointerEvents = "none";
    box.style.display = "none";
    frame.appendChild(box);

    // The picture's coordinate space: picture_size as written, else the picture's own size (an
    // SVG's viewBox, as the server reads it: a browser gives a viewBox-only SVG 300 x 150).
    var ownSize = null;

    function space() {
      var width = number(size[0]);
      var height = number(size[1]);
      if (width > 0 && height > 0) {
        return { width: width, height: height };
      }
      return ownSize;
    }

    function svgSize(text) {
      var root = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
      if (!root || root.localName !== "svg") {
        return null;
      }
      var box = (root.getAttribute("viewBox") || "").trim().split(/[\s,]+/).map(Number);
      if (box.length === 4 && box[2] > 0 && box[3] > 0) {
        return { width: Math.round(box[2]), height: Math.round(box[3]) };
      }
      var width = parseFloat(root.getAttribute("width")), height = parseFloat(root.getAttribute("height"));
      return width > 0 && height > 0 ? { width: Math.round(width), height: Math.round(height) } : null;
    }

    function isSvg(file) {
      return file ? file.type === "image/svg+xml" : /\.svg(\?|#|$)/i.test(image.currentSrc || image.src);
    }

    // The size of the picture shown now (``file``: one just chosen, not yet uploaded).
    function measure(file) {
      if (!isSvg(file)) {
        return Promise.resolve(image.naturalWidth > 0 ? { width: image.naturalWidth, height: image.naturalHeight } : null);
      }
      var text = file ? file.text() : fetch(image.currentSrc || image.src, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : "";
        });
      return text.then(svgSize).catch(function () {
        return null;
      });
    }

    function fillSize() {
      if (size[0] && size[1] && !(number(size[0]) > 0 && number(size[1]) > 0) && ownSize) {
        size[0].value = String(ownSize.width);
        size[1].value = String(ownSize.height);
      }
    }

    function loaded() {
      measure(null).then(function (measured) {
        ownSize = measured;
        fillSize();
        redraw();
      });
    }

    function drawShown(left, top, width, height) {
      box.style.left = left + "px";
      box.style.top = top + "px";
      box.style.width = width + "px";
      box.style.height = height + "px";
      box.style.display = "block";
    }

    // The rectangle the inputs hold, drawn where it is on the picture as shown.
    function redraw() {
      var coords = space();
      var shownWidth = image.clientWidth;
      var shownHeight = image.clientHeight;
      var x = number(inputs.x), y = number(inputs.y), width = number(inputs.width), height = number(inputs.height);
      if (!coords || !shownWidth || !shownHeight || !(width > 0) || !(height > 0) || isNaN(x) || isNaN(y)) {
        box.style.display = "none";
        return;
      }
      var scaleX = shownWidth / coords.width;
      var scaleY = shownHeight / coords.height;
      var left = clamp(x, 0, coords.width), top = clamp(y, 0, coords.height);
      drawShown(left * scaleX, top * scaleY, (clamp(x + width, 0, coords.width) - left) * scaleX,
        (clamp(y + height, 0, coords.height) - top) * scaleY);
    }

    function write(input, value) {
      input.value = String(value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // Dragging --------------------------------------------------------------------------------
    var drag = null;

    function pointIn(event) {
      var rect = image.getBoundingClientRect();
      return { x: clamp(event.clientX - rect.left, 0, rect.width), y: clamp(event.clientY - rect.top, 0, rect.height),
        width: rect.width, height: rect.height };
    }

    function shownRect(a, b) {
      return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), width: Math.abs(a.x - b.x),
        height: Math.abs(a.y - b.y) };
    }

    frame.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" && event.button !== 0) {
        return;
      }
      if (!space()) {
        return; // the picture has not loaded: nothing to draw on
      }
      event.preventDefault();
      drag = { id: event.pointerId, start: pointIn(event) };
      if (frame.setPointerCapture) {
        frame.setPointerCapture(event.pointerId);
      }
    });

    frame.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.id) {
        return;
      }
      var rect = shownRect(drag.start, pointIn(event));
      if (rect.width >= MIN_DRAG_PX || rect.height >= MIN_DRAG_PX) {
        drawShown(rect.left, rect.top, rect.width, rect.height);
      }
    });

    function finish(event, keep) {
      if (!drag || event.pointerId !== drag.id) {
        return;
      }
      var last = pointIn(event);
      var rect = shownRect(drag.start, last);
      drag = null;
      if (!keep || (rect.width < MIN_DRAG_PX && rect.height < MIN_DRAG_PX)) {
        redraw(); // a tap, or the drag was taken away: the region as it was
        return;
      }
      var coords = space();
      fillSize();
      var scaleX = coords.width / last.width;
      var scaleY = coords.height / last.height;
      var x = clamp(Math.round(rect.left * scaleX), 0, coords.width - 1);
      var y = clamp(Math.round(rect.top * scaleY), 0, coords.height - 1);
      write(inputs.x, x);
      write(inputs.y, y);
      write(inputs.width, Math.max(1, Math.min(Math.round((rect.left + rect.width) * scaleX), coords.width) - x));
      write(inputs.height, Math.max(1, Math.min(Math.round((rect.top + rect.height) * scaleY), coords.height) - y));
      redraw();
    }

    frame.addEventListener("pointerup", function (event) {
      finish(event, true);
    });
    frame.addEventListener("pointercancel", function (event) {
      finish(event, false);
    });

    // A new picture chosen for this screen: shown now, the region kept at the same place on it
    // (the server shrinks a big photo and says its final size; it moves the region with it).
    var upload = form.elements.namedItem("upload:" + field + ".picture");
    var previewUrl = null;
    var choosing = false;
    if (upload && upload.files !== undefined && window.URL && URL.createObjectURL) {
      upload.addEventListener("change", function () {
        var file = upload.files && upload.files[0];
        if (!file || !/^image\//.test(file.type)) {
          return;
        }
        var before = space();
        if (previewUrl) {
          URL.revokeObjectURL(previewUrl);
        }
        previewUrl = URL.createObjectURL(file);
        choosing = true;
        image.addEventListener("load", function moved() {
          image.removeEventListener("load", moved);
          measure(file).then(function (after) {
            choosing = false;
            ownSize = after;
            if (before && after && size[0] && size[1]) {
              var scaleX = after.width / before.width, scaleY = after.height / before.height;
              [["x", scaleX], ["y", scaleY], ["width", scaleX], ["height", scaleY]].forEach(function (pair) {
                var value = number(inputs[pair[0]]);
                if (!isNaN(value) && inputs[pair[0]].value !== "") {
                  write(inputs[pair[0]], Math.round(value * pair[1]));
                }
              });
              write(size[0], after.width);
              write(size[1], after.height);
            }
            fillSize();
            redraw();
          });
        });
        image.src = previewUrl;
      });
    }

    [inputs.x, inputs.y, inputs.width, inputs.height, size[0], size[1]].forEach(function (input) {
      if (input) {
        input.addEventListener("input", redraw);
        input.addEventListener("change", redraw);
      }
    });
    if (window.ResizeObserver) {
      new ResizeObserver(redraw).observe(image);
    } else {
      window.addEventListener("resize", redraw);
    }
    image.addEventListener("load", function () {
      if (!choosing) {
        loaded();
      }
    });
    if (image.complete && image.naturalWidth > 0) {
      loaded();
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".region-editor"), setUp);
})();
