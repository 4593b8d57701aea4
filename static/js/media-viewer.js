/* StoryHub media: 360° panorama viewer (Pannellum, loaded when a reader asks for it).
   Needs media-common.js before it. Pages work without these files: they are enhancements. */
(function () {
  "use strict";

  var shared = window.StoryHub.media;
  var $ = shared.$;
  var $all = shared.$all;
  var el = shared.el;
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var loadPannellum = shared.loadPannellum;

  function maxTextureSize() {
    try {
      var gl = el("canvas").getContext("webgl");
      return gl ? gl.getParameter(gl.MAX_TEXTURE_SIZE) : 0;
    } catch (e) { return 0; }
  }

  function panoramaUrl(holder) {
    var full = holder.getAttribute("data-panorama-full");
    if (!full) { return holder.getAttribute("data-panorama"); }
    var screenPixels = Math.max(window.screen.width, window.screen.height) * (window.devicePixelRatio || 1);
    var fullWidth = parseInt(holder.getAttribute("data-panorama-full-width"), 10) || 8192;
    var big = screenPixels >= 2560 && maxTextureSize() >= fullWidth / 2;
    return big ? full : holder.getAttribute("data-panorama");
  }

  function openPanorama(holder, button) {
    var error = holder.getAttribute("data-error");
    var hint = $("[data-panorama-hint]", holder);
    button.disabled = true;
    loadPannellum(holder).then(function () {
      var preview = $(".panorama__preview", holder);
      var stage = el("div", "panorama__stage");
      stage.setAttribute("role", "application");
      stage.setAttribute("aria-label", holder.getAttribute("data-label"));
      stage.setAttribute("aria-describedby", holder.getAttribute("data-description-id"));
      holder.insertBefore(stage, preview);
      preview.hidden = true;
      var viewer = window.pannellum.viewer(stage, viewerConfig(holder, {
        type: "equirectangular",
        panorama: panoramaUrl(holder),
        autoLoad: true,
        autoRotate: false,
        compass: false,
        showZoomCtrl: true,
        showFullscreenCtrl: false, // our own button: a real one, and the bar stays on screen
        keyboardZoom: true,
        mouseZoom: "fullscreenonly", // the page keeps scrolling with the wheel
        hfov: 100,
        friction: reduceMotion ? 1 : 0.15,
        sceneFadeDuration: reduceMotion ? 0 : 600,
        strings: {
          loadingLabel: holder.getAttribute("data-loading"),
          genericWebGLError: error, textureSizeError: error, unknownError: error,
          iOS8WebGLError: error, noPanoramaError: error, fileAccessError: error, malformedURLError: error
        }
      }));
      holder.storyhubViewer = viewer;
      var walk = holder.getAttribute("data-portal") ? setupPortal(holder, viewer, stage) : null;
      if (holder.getAttribute("data-fullscreen")) {
        shared.fullscreenButton(holder, $(".panorama__bar", holder), function () { return stage; });
      }
      viewer.on("load", function () {
        if (walk) { walk.hidden = false; }
        button.hidden = true;
        if (hint) { hint.hidden = false; }
        holder.classList.add("is-open");
        stage.focus();
      });
      viewer.on("error", function () {
        stage.remove();
        preview.hidden = false;
        button.hidden = true;
        if (hint) { hint.hidden = false; hint.textContent = error; }
      });
    }).catch(function () {
      button.disabled = false;
      if (hint) { hint.hidden = false; hint.textContent = error; }
    });
  }

  // A portal joins this view to one over there: the two become the scenes of one Pannellum
  // tour, each with a door (hotspot) where it stands; a real button walks through for keyboard
  // and screen-reader users. The page only holds a portal whose both ends the reader may see.
  function num(holder, name) { return parseFloat(holder.getAttribute(name)) || 0; }

  function door(holder, yaw, text, sceneId, targetYaw) {
    return { pitch: -5, yaw: yaw, type: "scene", text: text, sceneId: sceneId, targetYaw: targetYaw, targetPitch: 0 };
  }

  function viewerConfig(holder, here) {
    if (!holder.getAttribute("data-portal")) { return here; }
    var shared = {};
    Object.keys(here).forEach(function (key) {
      if (key !== "type" && key !== "panorama") { shared[key] = here[key]; }
    });
    shared.firstScene = "here";
    return {
      "default": shared,
      scenes: {
        here: { type: "equirectangular", panorama: here.panorama, hotSpots: [
          door(holder, num(holder, "data-portal-yaw"), holder.getAttribute("data-portal-go"), "there", num(holder, "data-portal-arrive-yaw"))] },
        there: { type: "equirectangular", panorama: holder.getAttribute("data-portal"), hotSpots: [
          door(holder, num(holder, "data-portal-back-yaw"), holder.getAttribute("data-portal-back"), "here", num(holder, "data-portal-return-yaw"))] }
      }
    };
  }

  function setupPortal(holder, viewer, stage) {
    var bar = $(".panorama__bar", holder);
    var walk = el("button", "button panorama__walk", holder.getAttribute("data-portal-go"));
    walk.type = "button";
    walk.hidden = true;
    walk.setAttribute("data-portal-walk", "");
    bar.insertBefore(walk, bar.firstChild);
    var words = $("[data-panorama-words]", holder.parentNode);
    var own = { label: stage.getAttribute("aria-label"), words: words && words.textContent, lang: words && words.getAttribute("lang") };
    var over = { label: holder.getAttribute("data-portal-there-label"), words: holder.getAttribute("data-portal-there-words"), lang: holder.getAttribute("data-portal-there-lang") };
    walk.addEventListener("click", function () {
      var there = viewer.getScene() !== "there";
      viewer.loadScene(there ? "there" : "here", 0,
        num(holder, there ? "data-portal-arrive-yaw" : "data-portal-return-yaw"));
    });
    viewer.on("scenechange", function (scene) {
      var there = scene === "there";
      var now = there ? over : own;
      walk.textContent = holder.getAttribute(there ? "data-portal-back" : "data-portal-go");
      stage.setAttribute("aria-label", now.label);
      if (words) {
        words.textContent = now.words;
        if (now.lang) { words.setAttribute("lang", now.lang); }
      }
      holder.setAttribute("data-scene", scene);
    });
    holder.setAttribute("data-scene", "here");
    return walk;
  }

  // A bare <div data-panorama="url" data-alt="…"> works too: the button, the description and
  // Pannellum's address are made here (the macro in templates/media/_media.html gives them all).
  var SCRIPT_SRC = (document.currentScript && document.currentScript.src) || "";

  function completePanorama(holder) {
    holder.classList.add("panorama");
    var vendor = SCRIPT_SRC.replace(/js\/media-viewer\.js(\?.*)?$/, "vendor/pannellum/");
    if (!holder.getAttribute("data-pannellum-js")) { holder.setAttribute("data-pannellum-js", vendor + "pannellum.js"); }
    if (!holder.getAttribute("data-pannellum-css")) { holder.setAttribute("data-pannellum-css", vendor + "pannellum.css"); }
    if (!holder.getAttribute("data-label")) { holder.setAttribute("data-label", holder.getAttribute("data-alt") || ""); }
    if (!holder.getAttribute("data-description-id") && holder.getAttribute("data-alt")) {
      var description = el("p", "panorama__description", holder.getAttribute("data-alt"));
      description.id = "panorama-description-" + Math.random().toString(36).slice(2);
      holder.parentNode.insertBefore(description, holder.nextSibling);
      holder.setAttribute("data-description-id", description.id);
    }
    if (!$(".panorama__preview", holder)) { holder.insertBefore(el("div", "panorama__preview"), holder.firstChild); }
    var button = $("[data-panorama-open]", holder);
    if (!button) {
      var bar = el("div", "panorama__bar");
      button = el("button", "button panorama__open", holder.getAttribute("data-open-label") || "360°");
      button.type = "button";
      button.setAttribute("data-panorama-open", "");
      bar.appendChild(button);
      holder.appendChild(bar);
    }
    return button;
  }

  function setupPanorama(holder) {
    if (!holder.getAttribute("data-panorama") || !window.Promise) { return; }
    var button = completePanorama(holder);
    button.hidden = false;
    button.addEventListener("click", function () { openPanorama(holder, button); });
  }
  shared.onReady(function () { $all("[data-panorama]").forEach(setupPanorama); });
})();
