/* StoryHub: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Signing out forgets the unsaved drafts this browser kept (stories-draft-keep.js): on a
  // shared school computer, the next person must not find a young person's words.
  function forgetKeptDrafts() {
    try {
      for (var index = window.localStorage.length - 1; index >= 0; index -= 1) {
        var key = window.localStorage.key(index);
        if (key && key.indexOf("storyhub:draft:") === 0) {
          window.localStorage.removeItem(key);
        }
      }
    } catch (error) {
      /* storage refused: nothing was kept */
    }
  }

  // The story editor's offline copies: its service worker's kept pages (caches named
  // storyhub-editor-*) and the files waiting to be sent (IndexedDB storyhub-offline).
  function forgetOfflineCopies(pagesOnly) {
    if (window.caches) {
      window.caches.keys().then(function (names) {
        names.filter(function (name) {
          return name.indexOf(pagesOnly ? "storyhub-editor-pages" : "storyhub-editor-") === 0;
        }).forEach(function (name) { window.caches.delete(name); });
      }).catch(function () {});
    }
    if (!pagesOnly && window.indexedDB) {
      window.indexedDB.deleteDatabase("storyhub-offline");
    }
  }

  // Another person signed in on this browser: the pages kept for the previous one go.
  var account = document.querySelector("[data-sign-out][data-account]");
  try {
    var id = account ? account.getAttribute("data-account") : "";
    if (id && window.localStorage.getItem("storyhub:account") !== id) {
      forgetOfflineCopies(true);
      window.localStorage.setItem("storyhub:account", id);
    }
  } catch (error) {
    /* storage refused: nothing was kept */
  }

  // Ask before destructive actions: <form data-confirm="Are you sure?">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    if (form.hasAttribute && form.hasAttribute("data-sign-out")) {
      forgetKeptDrafts();
      forgetOfflineCopies(false);
    }
    // A form without action posts to this URL with its #fragment (after the skip link, #main),
    // and the browser would then focus the fragment instead of the error summary.
    if (form.getAttribute && !form.hasAttribute("action") && window.location.hash) {
      form.setAttribute("action", window.location.pathname + window.location.search);
    }
  });

  // Print buttons: <button data-print>
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });

  // The header's "Menu" (a <details>, which opens by itself without this file): Escape and a
  // click outside close it, and Escape gives the focus back to its button.
  document.addEventListener("keydown", function (event) {
    var menu = document.querySelector("[data-site-menu][open]");
    if (menu && event.key === "Escape") {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    var menu = document.querySelector("[data-site-menu][open]");
    if (menu && !menu.contains(event.target)) {
      menu.open = false;
    }
  });

  // Move focus to the error summary (or the story editor's two texts to choose from) so
  // screen-reader and keyboard users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary, .conflict--server");
    if (summary) {
      summary.focus();
    }
  });

  // A sound's waveform (decorative, templates/media/_media.html) shows how much has played.
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-waveform]"), function (wave) {
      var audio = wave.parentNode.querySelector("audio");
      var stops = wave.querySelectorAll("[data-played]");
      if (!audio || stops.length !== 2) { return; }
      function played() {
        var share = audio.duration ? Math.min(1, audio.currentTime / audio.duration) : 0;
        stops[0].setAttribute("offset", share);
        stops[1].setAttribute("offset", share);
      }
      ["timeupdate", "seeked", "ended", "loadedmetadata"].forEach(function (name) {
        audio.addEventListener(name, played);
      });
    });
  });
})();
