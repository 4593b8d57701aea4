/* Never lose a draft. Loaded before the rich-text editor, so a restored text is what it shows.
   - As the person types, the title and every text field of the story are kept in this browser
     (localStorage), under a key naming the user and the story (or the round, for a new story).
   - On load, a kept copy newer than the server's copy is put back, with a notice saying so.
   - "Save draft" first checks with fetch that the server answers: when the connection is lost
     the page stays, with the text, and says it is not saved yet; otherwise the form posts as
     usual (as it does without JavaScript), so the server's messages and redirects are kept. */
(function () {
  "use strict";

  var form = document.querySelector("[data-story-editor][data-draft-key]");
  if (!form || !window.localStorage) {
    return;
  }
  var key = "storyhub:draft:" + form.dataset.draftKey;
  var serverTime = Number(form.dataset.draftServerTime || 0);
  var notice = document.querySelector("[data-draft-notice]");

  function fields() {
    return Array.prototype.filter.call(
      form.querySelectorAll("input[type=text][name], textarea[name]"),
      function (field) { return field.name === "title" || field.name.indexOf("block-") === 0; }
    );
  }

  function read() {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function keep() {
    var values = {};
    fields().forEach(function (field) { values[field.name] = field.value; });
    try {
      window.localStorage.setItem(key, JSON.stringify({ savedAt: Date.now(), values: values }));
    } catch (error) {
      /* storage full or refused: the server copy is all there is */
    }
  }

  function forget() {
    window.localStorage.removeItem(key);
  }

  function say(message, kind) {
    if (!notice || !message) {
      return;
    }
    notice.textContent = message;
    notice.className = "notice" + (kind ? " notice--" + kind : "");
    notice.hidden = false;
  }

  function restore() {
    var kept = read();
    if (!kept || !kept.values) {
      return;
    }
    if (kept.savedAt <= serverTime) {
      forget(); // the server has this text or a later one
      return;
    }
    var changed = false;
    fields().forEach(function (field) {
      var value = kept.values[field.name];
      if (typeof value === "string" && value !== field.value) {
        field.value = value;
        changed = true;
      }
    });
    if (changed) {
      form.setAttribute("data-unsaved", "true");
      say(form.dataset.draftRestored, "waiting");
    }
  }

  // A new story's copy is kept under its round until the story exists: forget it once saved.
  var started = form.dataset.draftStartedAs && "storyhub:draft:" + form.dataset.draftStartedAs;
  if (started) {
    try {
      var first = JSON.parse(window.localStorage.getItem(started) || "null");
      if (first && first.savedAt <= serverTime) {
        window.localStorage.removeItem(started);
      }
    } catch (error) {
      window.localStorage.removeItem(started);
    }
  }

  // A page shown again after a refused submission already holds what was typed.
  if (form.getAttribute("data-unsaved") !== "true") {
    restore();
  }
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);

  function offline() {
    var editor = window.StoryHub && window.StoryHub.storyEditor;
    if (editor) {
      editor.markDirty();
      editor.release();
    }
    say(form.dataset.draftOffline, "waiting");
    if (notice) {
      notice.focus();
    }
  }

  // Registered after the editor's own submit handler (which copies the rich text into its field).
  // A small request first tells whether the server can be reached: if not, the page stays.
  document.addEventListener("DOMContentLoaded", function () {
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (event.defaultPrevented || !button || button.value !== "save" || !window.fetch) {
        return;
      }
      event.preventDefault();
      keep();
      window.fetch(form.dataset.draftProbe, { method: "HEAD", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("unreachable");
          }
          var op = document.createElement("input");
          op.type = "hidden";
          op.name = "op";
          op.value = "save";
          form.appendChild(op);
          form.submit();
        })
        .catch(offline);
    });
  });
})();
