/* StoryHub: the pair reading view. On narrow screens the two sides become two panes behind a
   real tab list (place names as tabs; arrow keys, Home and End; a horizontal swipe), and the
   reader's place in each pane is kept while switching and on coming back. Without this file,
   or on wide screens, both sides are shown: side by side, or one after the other with headings. */
(function () {
  "use strict";

  var grid = document.querySelector("[data-pair-grid]");
  var bar = document.querySelector("[data-pair-tabs]");
  if (!grid || !bar || !window.matchMedia) { return; }
  var tabs = Array.prototype.slice.call(bar.querySelectorAll("[data-pair-tab]"));
  var panels = tabs.map(function (tab) { return document.getElementById(tab.getAttribute("aria-controls")); });
  var narrow = window.matchMedia("(max-width: 55.99rem)");
  var key = grid.getAttribute("data-pair-key");
  var state = load();
  var current = Math.max(0, panels.findIndex(function (p) { return "#" + p.id === window.location.hash; }));
  if (current === 0 && typeof state.tab === "number" && state.tab < tabs.length && !window.location.hash) {
    current = state.tab;
  }

  function load() {
    try { return JSON.parse(window.sessionStorage.getItem(key)) || { tab: 0, at: {} }; }
    catch (e) { return { tab: 0, at: {} }; }
  }

  function save() {
    try { window.sessionStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function gridTop() { return grid.getBoundingClientRect().top + window.scrollY - bar.offsetHeight; }

  function remember() {
    if (!narrow.matches) { return; }
    state.at[panels[current].id] = Math.max(0, window.scrollY - gridTop());
    state.tab = current;
    save();
  }

  function show(index, focus, initial) {
    if (!initial) { remember(); }
    current = index;
    tabs.forEach(function (tab, i) {
      var on = i === index;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    if (focus) { tabs[index].focus(); }
    state.tab = index;
    save();
    if (initial) { return; }
    // Only a reader already inside the panes is moved (a reader still above them stays put);
    // "inside" allows a pixel or two, as scroll positions are rounded and the grid's top is not.
    if (window.scrollY < gridTop() - 2) { return; }
    var at = state.at[panels[index].id];
    window.scrollTo(0, gridTop() + (typeof at === "number" ? at : 0));
  }

  function enable() {
    bar.hidden = false;
    grid.classList.add("is-tabbed");
    panels.forEach(function (panel, i) {
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", tabs[i].id);
      panel.tabIndex = 0;
    });
    show(current, false, true);
    var at = state.at[panels[current].id];
    if (typeof at === "number" && at > 0) { window.scrollTo(0, gridTop() + at); }
  }

  function disable() {
    bar.hidden = true;
    grid.classList.remove("is-tabbed");
    panels.forEach(function (panel, i) {
      panel.hidden = false;
      panel.removeAttribute("role");
      panel.removeAttribute("tabindex");
      panel.setAttribute("aria-labelledby", "pair-side-title-" + tabs[i].id.replace("pair-tab-", ""));
    });
  }

  function mode() { if (narrow.matches) { enable(); } else { disable(); } }

  tabs.forEach(function (tab, i) {
    tab.addEventListener("click", function () { show(i, false); });
    tab.addEventListener("keydown", function (event) {
      var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) { return; }
      event.preventDefault();
      show((next + tabs.length) % tabs.length, true);
    });
  });

  var start = null;
  grid.addEventListener("touchstart", function (event) {
    var touch = event.touches[0];
    start = event.touches.length === 1 ? { x: touch.clientX, y: touch.clientY } : null;
  }, { passive: true });
  grid.addEventListener("touchend", function (event) {
    if (!start || !narrow.matches || event.target.closest(".panorama")) { return; }
    var touch = event.changedTouches[0];
    var dx = touch.clientX - start.x;
    var dy = touch.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 70 && Math.abs(dx) > 2 * Math.abs(dy)) {
      show((current + (dx < 0 ? 1 : -1) + tabs.length) % tabs.length, false);
    }
  }, { passive: true });

  window.addEventListener("pagehide", remember);
  if (narrow.addEventListener) { narrow.addEventListener("change", mode); } else { narrow.addListener(mode); }
  mode();
})();
