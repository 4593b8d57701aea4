/* StoryHub: "Walk between the two places" (templates/exchanges/walk.html). The list of views is
   the walk without JavaScript; here it becomes one Pannellum tour: each view a scene, each door
   a hotspot and a real button (keyboard, screen readers), the place announced as it changes.
   Needs media-common.js before it. */
(function () {
  "use strict";

  var shared = window.StoryHub.media;
  var $ = shared.$;
  var $all = shared.$all;
  var el = shared.el;
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function num(node, name) { return parseFloat(node.getAttribute(name)) || 0; }

  function scenesOf(items) {
    var scenes = {};
    items.forEach(function (item) {
      var hotSpots = [];
      if (item.getAttribute("data-door-scene")) {
        hotSpots.push({
          pitch: -5, yaw: num(item, "data-door-yaw"), type: "scene",
          text: item.getAttribute("data-door-label"), sceneId: item.getAttribute("data-door-scene"),
          targetYaw: num(item, "data-door-arrive-yaw"), targetPitch: 0
        });
      }
      scenes[item.getAttribute("data-scene")] = {
        type: "equirectangular", panorama: item.getAttribute("data-panorama"), hotSpots: hotSpots
      };
    });
    return scenes;
  }

  function setup(box) {
    var items = $all("[data-scene]").filter(function (item) { return item.getAttribute("data-panorama"); });
    var start = $("[data-tour-start]", box);
    if (!items.length || !window.Promise) { return; }
    var byId = {};
    items.forEach(function (item) { byId[item.getAttribute("data-scene")] = item; });
    var door = $("[data-tour-door]", box);
    var now = $("[data-tour-now]", box);
    var hint = $("[data-tour-hint]", box);
    var viewer = null;
    var stage = null;

    function show(sceneId) {
      var item = byId[sceneId];
      box.setAttribute("data-current", sceneId);
      box.removeAttribute("data-loaded");
      stage.setAttribute("aria-label", item.getAttribute("data-label"));
      now.textContent = item.getAttribute("data-now");
      items.forEach(function (other) { other.classList.toggle("is-current", other === item); });
      var next = item.getAttribute("data-door-scene");
      door.hidden = !(next && byId[next]);
      door.textContent = item.getAttribute("data-door-label") || "";
    }

    function open(sceneId) {
      start.disabled = true;
      shared.loadPannellum(box).then(function () {
        stage = el("div", "walk__stage");
        stage.setAttribute("role", "application");
        stage.tabIndex = 0;
        box.insertBefore(stage, $("[data-tour-preview]", box));
        $("[data-tour-preview]", box).hidden = true;
        var error = box.getAttribute("data-error");
        viewer = window.pannellum.viewer(stage, {
          "default": {
            firstScene: sceneId, autoLoad: true, compass: false, showZoomCtrl: true,
            showFullscreenCtrl: false, keyboardZoom: true, mouseZoom: "fullscreenonly", hfov: 100,
            friction: reduceMotion ? 1 : 0.15, sceneFadeDuration: reduceMotion ? 0 : 600,
            strings: { loadingLabel: box.getAttribute("data-loading"), genericWebGLError: error,
              textureSizeError: error, unknownError: error, noPanoramaError: error,
              fileAccessError: error, malformedURLError: error }
          },
          scenes: scenesOf(items)
        });
        box.storyhubViewer = viewer;
        viewer.on("load", function () {  // after each scene: tests and styles wait on it
          box.classList.add("is-open");
          box.setAttribute("data-loaded", viewer.getScene());
        });
        viewer.on("scenechange", show);
        viewer.on("error", function () { now.textContent = error; });
        shared.fullscreenButton(box, $(".walk__bar", box), function () { return stage; });
        start.hidden = true;
        hint.hidden = false;
        show(sceneId);
        stage.focus();
      }).catch(function () {
        start.disabled = false;
        now.textContent = box.getAttribute("data-error");
      });
    }

    function go(sceneId, yaw) {
      if (!viewer) { open(sceneId); return; }
      viewer.loadScene(sceneId, 0, yaw);
      stage.focus();
    }

    start.hidden = false;
    start.addEventListener("click", function () { open(box.getAttribute("data-first")); });
    door.addEventListener("click", function () {
      var item = byId[viewer.getScene()];
      go(item.getAttribute("data-door-scene"), num(item, "data-door-arrive-yaw"));
    });
    $all("[data-tour-show]").forEach(function (button) {
      if (!byId[button.getAttribute("data-tour-show")]) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        go(button.getAttribute("data-tour-show"));
        box.scrollIntoView({ behavior: reduceMotion ? "auto" : "smooth", block: "start" });
      });
    });
  }

  shared.onReady(function () { $all("[data-tour]").forEach(setup); });
})();
