/* Responses: reactions without a page reload, and a character counter on comment boxes.
   Progressive: without this file the forms post and the page reloads. */
(function () {
  "use strict";

  function toggleReaction(form) {
    var button = form.querySelector("button");
    var state = form.querySelector("input[name=state]");
    var count = form.querySelector("[data-count]");
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      button.setAttribute("aria-pressed", data.on ? "true" : "false");
      state.value = data.on ? "off" : "on";
      if (count) { count.textContent = String(data.count); }
      button.disabled = false;
    }).catch(function () {
      button.disabled = false;
      form.submit();
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("reaction-form") || !window.fetch) { return; }
    event.preventDefault();
    toggleReaction(form);
  });

  function attachCounter(area) {
    var max = parseInt(area.getAttribute("data-maxlength"), 10);
    var counter = document.createElement("p");
    counter.className = "counter hint";
    counter.setAttribute("aria-live", "polite");
    area.parentNode.insertBefore(counter, area.nextSibling);
    var wasOver = false;
    function update() {
      var length = area.value.trim().length;
      var over = length > max;
      counter.textContent = length + " / " + max;
      counter.classList.toggle("counter--over", over);
      // Announce only when crossing the limit, not at every key.
      counter.setAttribute("aria-live", over !== wasOver ? "polite" : "off");
      wasOver = over;
    }
    area.addEventListener("input", update);
    update();
  }

  // A text over the limit is not sent: the counter says so and the box keeps the focus.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("response-form")) { return; }
    var area = form.querySelector("textarea[data-maxlength]");
    if (area && area.value.trim().length > parseInt(area.getAttribute("data-maxlength"), 10)) {
      event.preventDefault();
      area.setAttribute("aria-invalid", "true");
      area.focus();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var areas = document.querySelectorAll("textarea[data-maxlength]");
    for (var i = 0; i < areas.length; i += 1) { attachCounter(areas[i]); }
  });
})();
