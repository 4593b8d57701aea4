/* StoryHub media: blur rectangles drawn on a picture, and suggested faces to tick; the rows of
   numbers (which work without scripts) follow. Needs media-common.js before it. */
(function () {
  "use strict";

  var shared = window.StoryHub.media;
  var $ = shared.$;
  var $all = shared.$all;
  var el = shared.el;
  var msg = shared.msg;

  function setupBlur(canvas) {
    var form = $("[data-blur-form]");
    var body = $("[data-blur-rows]", form);
    var image = $("img", canvas);
    var add = $("[data-blur-add]", form);
    canvas.hidden = false;
    add.hidden = false;

    function rows() { return $all("[data-blur-row]", body); }
    function inputs(row) { return $all("input", row); }
    function values(row) {
      var numbers = inputs(row).map(function (input) { return parseFloat(input.value); });
      return numbers.every(function (n) { return !isNaN(n); }) ? numbers : null;
    }
    function emptyRow() {
      var free = rows().filter(function (row) { return inputs(row).every(function (i) { return i.value === ""; }); })[0];
      if (free) { return free; }
      var last = rows()[rows().length - 1];
      var index = rows().length;
      var copy = last.cloneNode(true);
      $all("input", copy).forEach(function (input) {
        input.name = input.name.replace(/-\d+-/, "-" + index + "-");
        input.id = input.id.replace(/-\d+-/, "-" + index + "-");
        input.value = "";
        input.setAttribute("aria-label", input.getAttribute("aria-label").replace(/\d+$/, String(index + 1)));
      });
      $("th", copy).textContent = String(index + 1);
      body.appendChild(copy);
      return copy;
    }
    function fill(row, box) {
      inputs(row).forEach(function (input, i) { input.value = box[i].toFixed(2); });
      draw();
    }
    // Suggested faces: dashed until the educator ticks them (clicking the box ticks it too).
    function drawFaces() {
      $all("input[data-face]", form).forEach(function (input) {
        var v = input.getAttribute("data-face").split(" ").map(function (n) { return parseFloat(n) * 100; });
        var box = el("button", "blur__box blur__box--face" + (input.checked ? " is-chosen" : ""));
        box.type = "button";
        box.style.left = v[0] + "%";
        box.style.top = v[1] + "%";
        box.style.width = v[2] + "%";
        box.style.height = v[3] + "%";
        box.setAttribute("aria-pressed", String(input.checked));
        var label = document.querySelector('label[for="' + input.id + '"]');
        box.setAttribute("aria-label", label ? label.textContent : "");
        box.appendChild(el("span", "blur__number", "☺ " + input.getAttribute("data-face-number")));
        box.addEventListener("pointerdown", function (event) { event.stopPropagation(); });
        box.addEventListener("click", function () { input.checked = !input.checked; draw(); });
        canvas.appendChild(box);
      });
    }
    form.addEventListener("change", function (event) { if (event.target.hasAttribute("data-face")) { draw(); } });

    function draw() {
      $all(".blur__box", canvas).forEach(function (box) { box.remove(); });
      drawFaces();
      rows().forEach(function (row, index) {
        var v = values(row);
        if (!v) { return; }
        var box = el("div", "blur__box");
        box.style.left = v[0] + "%";
        box.style.top = v[1] + "%";
        box.style.width = v[2] + "%";
        box.style.height = v[3] + "%";
        var remove = el("button", "blur__remove", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", msg(canvas, "remove").replace("{n}", index + 1));
        remove.addEventListener("click", function () {
          inputs(row).forEach(function (input) { input.value = ""; });
          draw();
        });
        box.appendChild(el("span", "blur__number", String(index + 1)));
        box.appendChild(remove);
        canvas.appendChild(box);
      });
    }
    function percentAt(event) {
      var rect = image.getBoundingClientRect();
      return [
        Math.min(100, Math.max(0, ((event.clientX - rect.left) / rect.width) * 100)),
        Math.min(100, Math.max(0, ((event.clientY - rect.top) / rect.height) * 100))
      ];
    }

    var start = null;
    var ghost = null;
    canvas.addEventListener("pointerdown", function (event) {
      if (event.target.closest(".blur__remove")) { return; }
      event.preventDefault();
      start = percentAt(event);
      ghost = el("div", "blur__box blur__box--drawing");
      canvas.appendChild(ghost);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!start) { return; }
      var now = percentAt(event);
      ghost.style.left = Math.min(start[0], now[0]) + "%";
      ghost.style.top = Math.min(start[1], now[1]) + "%";
      ghost.style.width = Math.abs(now[0] - start[0]) + "%";
      ghost.style.height = Math.abs(now[1] - start[1]) + "%";
    });
    canvas.addEventListener("pointerup", function (event) {
      if (!start) { return; }
      var now = percentAt(event);
      var box = [Math.min(start[0], now[0]), Math.min(start[1], now[1]), Math.abs(now[0] - start[0]), Math.abs(now[1] - start[1])];
      start = null;
      ghost.remove();
      if (box[2] >= 1 && box[3] >= 1) { fill(emptyRow(), box); }
    });
    add.addEventListener("click", function () {
      var row = emptyRow();
      fill(row, [40, 40, 20, 20]);
      inputs(row)[0].focus();
    });
    body.addEventListener("input", draw);
    draw();
  }

  shared.onReady(function () { $all("[data-blur-canvas]").forEach(setupBlur); });
})();
