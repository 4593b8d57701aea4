/* StoryHub story editor: progressive enhancement of the editor form.
   Without these files the form works: text blocks are textareas (HTML or plain paragraphs) and
   the add / move / remove buttons are submit buttons handled by the server. With them:
   - each text block becomes a small rich-text editor (stories-rte.js, loaded before this file);
   - blocks are added, moved and removed in the page, and renumbered;
   - media blocks send their file at once (stories-media.js, loaded after this file);
   - the writing direction follows the chosen language;
   - leaving the page with unsaved changes asks first; a form is never sent twice.
   StoryHub.storyEditor lets stories-media.js set up blocks, add blocks and mark changes. */
(function () {
  "use strict";

  var form = document.querySelector("[data-story-editor]");
  if (!form) {
    return;
  }
  var list = form.querySelector("[data-block-list]");
  var status = form.querySelector("[data-save-status]");
  var dirty = form.getAttribute("data-unsaved") === "true";
  var sending = false;
  var rtl = (form.getAttribute("data-rtl") || "").split(",");
  var labels = list ? list.dataset : {};
  var rich = window.StoryHub.richText.create(form, markDirty);
  var blockSetups = []; // run on every block, the ones on the page and the ones added
  var changeHooks = []; // told of every change, typed or not (a block moved): autosave, keeping

  /* ---- Blocks: add, move, remove in the page ---- */
  function blocks() {
    return Array.prototype.slice.call(list.querySelectorAll(":scope > [data-block]"));
  }

  function say(pattern, number) {
    if (status && pattern) {
      status.textContent = pattern.replace("{n}", number);
    }
  }

  function renumber() {
    var all = blocks();
    all.forEach(function (block, index) {
      var number = index + 1;
      block.id = "block-" + index;
      Array.prototype.forEach.call(block.querySelectorAll("[name], [id], [for], [aria-describedby], [aria-labelledby], [aria-controls]"), function (el) {
        ["name", "id", "for", "aria-describedby", "aria-labelledby", "aria-controls"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) {
            el.setAttribute(attr, value.replace(/block-(\d+|__i__)-/g, "block-" + index + "-"));
          }
        });
      });
      Array.prototype.forEach.call(block.querySelectorAll("[data-number]"), function (el) { el.textContent = number; });
      var tools = block.querySelector("[role=group]");
      if (tools && labels.labelGroup) {
        tools.setAttribute("aria-label", labels.labelGroup.replace("{n}", number));
      }
      ["up", "down", "remove"].forEach(function (op) {
        var button = block.querySelector('[data-op="' + op + '"]');
        if (!button) {
          return;
        }
        button.value = op + ":" + index;
        var hidden = button.querySelector(".visually-hidden");
        var pattern = labels["label" + op.charAt(0).toUpperCase() + op.slice(1)];
        if (hidden && pattern) {
          hidden.textContent = pattern.replace("{n}", number);
        }
      });
      var up = block.querySelector('[data-op="up"]');
      var down = block.querySelector('[data-op="down"]');
      if (up) { up.disabled = index === 0; }
      if (down) { down.disabled = index === all.length - 1; }
    });
  }

  function blockHasContent(block) {
    var file = block.querySelector("[data-media-id]");
    if (file && file.value) {
      return true;
    }
    return Array.prototype.some.call(block.querySelectorAll("textarea, input:not([type=hidden]):not([type=checkbox]):not([type=file])"), function (field) {
      return field.value.replace(/<[^>]*>/g, "").trim() !== "";
    });
  }

  function move(block, step, button) {
    var all = blocks();
    var index = all.indexOf(block);
    var target = all[index + step];
    if (!target) {
      return;
    }
    if (step < 0) {
      list.insertBefore(block, target);
    } else {
      list.insertBefore(target, block);
    }
    renumber();
    markDirty();
    var op = button.getAttribute("data-op");
    var again = block.querySelector('[data-op="' + op + '"]');
    (again && !again.disabled ? again : block).focus();
    say(labels.moved, blocks().indexOf(block) + 1);
  }

  function remove(block) {
    if (blockHasContent(block) && !window.confirm(labels.confirmRemove || "?")) {
      return;
    }
    var all = blocks();
    var index = all.indexOf(block);
    block.parentNode.removeChild(block);
    renumber();
    markDirty();
    var rest = blocks();
    var focus = rest[Math.min(index, rest.length - 1)] || form.querySelector("[data-add]");
    if (focus) {
      focus.focus();
    }
    say(labels.removed, index + 1);
  }

  function add(kind) {
    var template = document.getElementById("block-template-" + kind);
    if (!template) {
      return false;
    }
    var max = parseInt(list.getAttribute("data-max") || "40", 10);
    if (blocks().length >= max) {
      return false;
    }
    var index = blocks().length;
    var html = template.innerHTML.replace(/__i__/g, String(index)).replace(/__n__/g, String(index + 1));
    var holder = document.createElement("ol");
    holder.innerHTML = html.trim();
    var block = holder.firstElementChild;
    list.appendChild(block);
    Array.prototype.forEach.call(block.querySelectorAll("[data-rich-text]"), rich.enhance);
    blockSetups.forEach(function (setup) { setup(block); });
    setDirection();
    renumber();
    markDirty();
    var first = block.querySelector("[data-rich-area], textarea, input:not([type=hidden])");
    (first || block).focus();
    say(labels.added, index + 1);
    return true;
  }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !form.contains(button)) {
      return;
    }
    var op = button.getAttribute("data-op");
    var kind = button.getAttribute("data-add");
    var block = button.closest("[data-block]");
    if (op && block) {
      event.preventDefault();
      if (op === "remove") {
        remove(block);
      } else {
        move(block, op === "up" ? -1 : 1, button);
      }
    } else if (kind && add(kind)) {
      event.preventDefault();
    }
  });

  /* ---- Writing direction follows the language ---- */
  function setDirection() {
    var select = form.querySelector("select[name=language]");
    if (!select) {
      return;
    }
    var dir = rtl.indexOf(select.value) >= 0 ? "rtl" : "ltr";
    var fields = form.querySelectorAll("input[name=title], [data-rich-text], [data-rich-area], .quote-input, input[name$=-attribution], .media-edit__text, input[name$=-caption]");
    Array.prototype.forEach.call(fields, function (el) {
      el.setAttribute("dir", dir);
      el.setAttribute("lang", select.value);
    });
  }

  var language = form.querySelector("select[name=language]");
  if (language) {
    language.addEventListener("change", setDirection);
  }

  /* ---- Unsaved changes, and never twice ---- */
  function markDirty() {
    dirty = true;
    if (status && form.dataset.unsavedStatus) {
      status.textContent = form.dataset.unsavedStatus;
    }
    changeHooks.forEach(function (hook) { hook(); });
  }

  // Copy each rich-text area into its field: before the form is sent, or read by a script.
  function syncAll() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-rich-area]"), function (area) {
      var textarea = document.getElementById(area.id.replace(/-area$/, ""));
      if (textarea) {
        rich.sync(area, textarea);
      }
    });
  }

  form.addEventListener("input", function () { markDirty(); });
  // A field marked wrong after a refused submission is taken as fixed once typed in again.
  form.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches(".media-edit [aria-invalid=true]") || !field.value.trim()) {
      return;
    }
    field.removeAttribute("aria-invalid");
    var box = field.closest(".field");
    if (box) {
      box.classList.remove("field--error");
      var error = box.querySelector(".error");
      if (error) {
        error.hidden = true;
      }
    }
  });
  form.addEventListener("change", function () { markDirty(); });
  form.addEventListener("submit", function (event) {
    if (sending) {
      event.preventDefault();
      return;
    }
    syncAll();
    sending = true;
    dirty = false;
    window.setTimeout(function () { sending = false; }, 8000);
  });
  window.addEventListener("beforeunload", function (event) {
    var api = window.StoryHub.storyEditor;
    if (dirty && !(api.leaveQuietly && api.leaveQuietly())) { // the autosave may take it along
      event.preventDefault();
      event.returnValue = form.dataset.unsavedMessage || "";
      return event.returnValue;
    }
  });
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      var save = form.querySelector('button[name=op][value=save]:not(.visually-hidden)');
      if (save) {
        save.click();
      }
    }
  });

  Array.prototype.forEach.call(form.querySelectorAll("[data-rich-text]"), rich.enhance);
  setDirection();
  if (list) {
    renumber();
  }

  // Set up each block now and each block added later (stories-media.js: media blocks).
  function onBlock(setup) {
    blockSetups.push(setup);
    if (list) {
      blocks().forEach(setup);
    }
  }

  window.StoryHub.storyEditor = {
    form: form, list: list, labels: labels, blocks: blocks, add: add, markDirty: markDirty, onBlock: onBlock,
    syncAll: syncAll, renumber: renumber,
    onChange: function (hook) { changeHooks.push(hook); },
    isDirty: function () { return dirty; },
    markClean: function () { dirty = false; }, // saved by the autosave: leaving asks nothing
    release: function () { sending = false; } // a save that did not leave may be sent again
  };
})();
