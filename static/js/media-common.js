/* StoryHub media, shared helpers: the namespace window.StoryHub.media that media-upload.js,
   media-viewer.js, media-blur.js and the story editor (stories-media.js) build on.
   Load it first, with defer, on every page that loads one of them. */
(function () {
  "use strict";

  var StoryHub = window.StoryHub = window.StoryHub || {};
  var POLL_MS = 1500;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }
  // Messages come from data-msg-* attributes of the element or of one of its ancestors.
  function msg(form, name, values) {
    var holder = form.closest("[data-msg-" + name + "]") || form;
    var text = holder.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.replace("{" + key + "}", values[key]); });
    return text;
  }
  function parseJSON(text) { try { return JSON.parse(text); } catch (e) { return null; } }
  function onReady(fn) {
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fn); } else { fn(); }
  }

  // A real button that shows `box` (a 360° view with its bar: the doors and the way out stay on
  // screen) full screen, and leaves it; Esc leaves too. Labels from data-fullscreen and
  // data-fullscreen-leave on box. Hidden where the browser cannot (an iPhone): the page view
  // stays. `focus` gets the keys back after each change.
  function fullscreenButton(box, bar, focus) {
    var button = el("button", "button panorama__fullscreen", box.getAttribute("data-fullscreen"));
    button.type = "button";
    button.setAttribute("data-fullscreen-button", "");
    button.hidden = !(document.fullscreenEnabled && box.requestFullscreen);
    bar.appendChild(button);
    button.addEventListener("click", function () {
      if (document.fullscreenElement === box) { document.exitFullscreen(); } else { box.requestFullscreen(); }
    });
    document.addEventListener("fullscreenchange", function () {
      var full = document.fullscreenElement === box;
      box.classList.toggle("is-fullscreen", full);
      button.textContent = box.getAttribute(full ? "data-fullscreen-leave" : "data-fullscreen");
      window.dispatchEvent(new Event("resize"));  // the viewer fits its new size
      if (focus()) { focus().focus(); }
    });
    return button;
  }

  // Pannellum (vendored) is loaded once, when a reader first opens a 360° view; its addresses
  // are given by the page on the element (data-pannellum-css, data-pannellum-js).
  var pannellumLoading = null;
  function loadPannellum(holder) {
    if (window.pannellum) { return Promise.resolve(); }
    if (pannellumLoading) { return pannellumLoading; }
    pannellumLoading = new Promise(function (resolve, reject) {
      var css = el("link");
      css.rel = "stylesheet";
      css.href = holder.getAttribute("data-pannellum-css");
      document.head.appendChild(css);
      var script = el("script");
      script.src = holder.getAttribute("data-pannellum-js");
      script.onload = resolve;
      script.onerror = function () { pannellumLoading = null; reject(); };
      document.head.appendChild(script);
    });
    return pannellumLoading;
  }

  StoryHub.media = {
    POLL_MS: POLL_MS, $: $, $all: $all, el: el, msg: msg, parseJSON: parseJSON, onReady: onReady,
    fullscreenButton: fullscreenButton, loadPannellum: loadPannellum
  };
})();
