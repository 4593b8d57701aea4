/* Never lose a draft. Loaded before the rich-text editor, so a restored text is what it shows.
   - As the person types, the title and every block of the story (its kind, its words, its file's
     id, who appears) are kept in this browser (localStorage), under a key naming the user and
     the story (or the round, for a new story), with the server revision it was based on.
   - On load, a kept copy the server does not have is put back, blocks added or removed since
     the page was made included (a page served offline may be older than the copy), with a notice.
   - "Save draft" first checks with fetch that the server answers: when the connection is lost
     the page stays, with the text, and says it is not saved yet; otherwise the form posts as
     usual (as it does without JavaScript), so the server's messages and redirects are kept.
   StoryHub.draftKeep lets the autosave say what the server has (synced) and move the copy. */
(function () {
  "use strict";

  var form = document.querySelector("[data-story-editor][data-draft-key]");
  if (!form || !window.localStorage) {
    return;
  }
  var key = "storyhub:draft:" + form.dataset.draftKey;
  var serverTime = Number(form.dataset.draftServerTime || 0);
  var notice = document.querySelector("[data-draft-notice]");
  var list = form.querySelector("[data-block-list]");
  var revisionField = form.querySelector("input[name=revision]");
  var BLOCK_FIELD = /^block-(\d+|__i__)-(.+)$/;

  function pageRevision() {
    return revisionField && revisionField.value !== "" ? Number(revisionField.value) : null;
  }

  function blockItems() {
    return list ? Array.prototype.slice.call(list.querySelectorAll(":scope > [data-block]")) : [];
  }

  function uid(item) {
    if (!item.dataset.blockUid) {
      item.dataset.blockUid = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    }
    return item.dataset.blockUid;
  }

  function readBlock(item) {
    var block = { uid: uid(item), fields: {} };
    Array.prototype.forEach.call(item.querySelectorAll("[name]"), function (field) {
      var match = BLOCK_FIELD.exec(field.name);
      if (!match || field.type === "file") {
        return;
      }
      var name = match[2];
      if (field.type === "checkbox") {
        block.fields[name] = (block.fields[name] || []).concat(field.checked ? [field.value] : []);
      } else {
        block.fields[name] = field.value;
      }
    });
    block.kind = block.fields.kind;
    return block;
  }

  function read() {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function write(copy) {
    try {
      window.localStorage.setItem(key, JSON.stringify(copy));
    } catch (error) {
      /* storage full or refused: the server copy is all there is */
    }
  }

  function keep() {
    var title = form.querySelector("input[name=title]");
    write({
      savedAt: Date.now(),
      title: title ? title.value : "",
      blocks: blockItems().map(readBlock),
      revision: pageRevision(), // the server's revision these changes start from
      synced: false
    });
  }

  // One copy per keystroke, however many listeners hear of it (a phone's storage is slow).
  var queued = false;
  function keepSoon() {
    if (!queued) {
      queued = true;
      Promise.resolve().then(function () {
        queued = false;
        keep();
      });
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

  function fromTemplate(kind, index) {
    var template = document.getElementById("block-template-" + kind);
    if (!template) {
      return null;
    }
    var holder = document.createElement("ol");
    holder.innerHTML = template.innerHTML.replace(/__i__/g, String(index)).replace(/__n__/g, String(index + 1)).trim();
    return holder.firstElementChild;
  }

  function setFields(item, block) {
    if (block.fields.id && !item.querySelector("input[name$=-id]")) {
      var id = document.createElement("input");
      id.type = "hidden";
      id.name = "block-0-id";
      item.insertBefore(id, item.firstChild);
    }
    Array.prototype.forEach.call(item.querySelectorAll("[name]"), function (field) {
      var match = BLOCK_FIELD.exec(field.name);
      var value = match ? block.fields[match[2]] : undefined;
      if (value === undefined || field.type === "file") {
        return;
      }
      if (field.type === "checkbox") {
        field.checked = value.indexOf(field.value) >= 0;
      } else if (match[2] !== "kind") {
        field.value = value;
      }
    });
    item.dataset.blockUid = block.uid;
  }

  // Put the kept blocks back in their order: the page's own blocks (by their id) or new ones
  // made from the editor's templates; blocks the copy no longer has are taken out.
  function rebuild(kept) {
    var byId = {};
    blockItems().forEach(function (item) {
      var id = item.querySelector("input[name$=-id]");
      byId[id ? id.value : "new-" + uid(item)] = item;
    });
    var pageNew = blockItems().filter(function (item) { return !item.querySelector("input[name$=-id]"); });
    var items = kept.blocks.map(function (block, index) {
      var item = block.fields.id ? byId[block.fields.id] : pageNew.shift();
      if (item && item.querySelector("input[name$=-kind]").value !== block.kind) {
        item = null;
      }
      if (item) {
        delete byId[block.fields.id || "new-" + uid(item)];
      }
      item = item || fromTemplate(block.kind, index);
      if (item) {
        setFields(item, block);
      }
      return item;
    }).filter(Boolean);
    blockItems().forEach(function (item) {
      if (items.indexOf(item) < 0) {
        item.parentNode.removeChild(item);
      }
    });
    items.forEach(function (item) { list.appendChild(item); });
  }

  function isNewer(kept) {
    if (kept.revision === undefined || kept.revision === null || pageRevision() === null) {
      return kept.savedAt > serverTime; // a new story's copy: by time
    }
    return !(kept.synced && kept.revision <= pageRevision());
  }

  function restore() {
    var kept = read();
    if (!kept || (!kept.blocks && !kept.values) || !isNewer(kept)) {
      forget(); // the server has this text or a later one
      return;
    }
    var title = form.querySelector("input[name=title]");
    var old = kept.values || {};
    var wanted = kept.blocks ? kept.title : old.title;
    var changed = typeof wanted === "string" && title && title.value !== wanted;
    if (changed) {
      title.value = wanted;
    }
    if (kept.blocks && list) {
      var before = JSON.stringify(blockItems().map(readBlock).map(function (b) { return b.fields; }));
      rebuild(kept);
      changed = changed || before !== JSON.stringify(kept.blocks.map(function (b) { return b.fields; }));
    } else {
      Array.prototype.forEach.call(form.querySelectorAll("textarea[name^=block-], input[type=text][name^=block-]"), function (field) {
        if (typeof old[field.name] === "string" && old[field.name] !== field.value) {
          field.value = old[field.name];
          changed = true;
        }
      });
    }
    if (revisionField && typeof kept.revision === "number" && kept.revision > (pageRevision() || 0)) {
      revisionField.value = String(kept.revision); // this page is older than the copy
    }
    if (!kept.synced && changed) {
      form.setAttribute("data-unsaved", "true");
      say(form.dataset.draftRestored, "waiting");
    }
  }

  // A new story's copy is kept under its round until the story exists: forget it once saved.
  var started = form.dataset.draftStartedAs && "storyhub:draft:" + form.dataset.draftStartedAs;
  if (started && started !== key) {
    try {
      var first = JSON.parse(window.localStorage.getItem(started) || "null");
      if (first && first.savedAt <= serverTime) {
        window.localStorage.removeItem(started);
      }
    } catch (error) {
      window.localStorage.removeItem(started);
    }
  }

  if (form.dataset.draftDiscard === "true") {
    forget(); // "take the other text": the server's copy wins
  } else if (form.getAttribute("data-unsaved") !== "true") {
    restore(); // a page shown again after a refused submission already holds what was typed
  }
  form.addEventListener("input", keepSoon);
  form.addEventListener("change", keepSoon);

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

  window.StoryHub = window.StoryHub || {};
  window.StoryHub.draftKeep = {
    keep: keep,
    forget: forget,
    // The autosave answered: the copy is now based on `revision`, and when `complete` (nothing
    // typed while it was saving) the server has it all: a reload needs nothing from the copy.
    synced: function (revision, complete) {
      var copy = read();
      if (copy) {
        copy.revision = revision;
        copy.synced = Boolean(complete);
        write(copy);
      }
    },
    // The first save made the story: its copy is now kept under the story, not the round.
    moveTo: function (draftKey) {
      var copy = read();
      forget();
      key = "storyhub:draft:" + draftKey;
      form.dataset.draftKey = draftKey;
      if (copy) {
        write(copy);
      }
    },
    hide: function () {
      if (notice) {
        notice.hidden = true;
      }
    }
  };

  // Registered after the editor's own submit handler (which copies the rich text into its field).
  // A small request first tells whether the server can be reached: if not, the page stays.
  document.addEventListener("DOMContentLoaded", function () {
    var editor = window.StoryHub.storyEditor;
    if (editor && editor.onChange) {
      editor.onChange(keepSoon); // blocks added, moved or removed without a keystroke
    }
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
