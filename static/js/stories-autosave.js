/* The story editor saves by itself: a few seconds after typing stops, when the connection
   returns, and when the page is left (a request that outlives the page). It says "Saved at
   14:02" (the reader's own clock), shows when the connection is lost (the text is then kept in
   this browser by stories-draft-keep.js), and never overwrites silently: a save started from an
   older revision is refused by the server (409) and both texts are shown, to keep either.
   Without this file, "Save draft" posts the form as before. Needs stories-editor.js. */
(function () {
  "use strict";

  var editor = window.StoryHub && window.StoryHub.storyEditor;
  var form = editor && editor.form;
  if (!form || !form.dataset.autosaveUrl || !window.fetch || !window.FormData) {
    return;
  }
  var DELAY_MS = 2500;
  var text = form.dataset;
  var url = text.autosaveUrl;
  var keeper = window.StoryHub.draftKeep || null;
  var status = form.querySelector("[data-save-status]");
  var badge = form.querySelector("[data-offline-badge]");
  var box = document.querySelector("[data-conflict-box]");
  var revision = form.querySelector("input[name=revision]");
  var lang = document.documentElement.lang || undefined;
  var state = { edits: 0, savedEdits: 0, timer: null, saving: false, again: false, stopped: false, conflict: false };

  function show(content) {
    if (!status) {
      return;
    }
    status.textContent = "";
    status.appendChild(typeof content === "string" ? document.createTextNode(content) : content);
  }

  function clock(iso) {
    var when = new Date(iso);
    try {
      return new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" }).format(when);
    } catch (error) {
      return iso.slice(11, 16);
    }
  }

  // "Saved at 14:02", the time in a <time> carrying the instant.
  function savedAt(iso) {
    var parts = (text.autosaveSaved || "{time}").split("{time}");
    var line = document.createElement("span");
    var time = document.createElement("time");
    time.setAttribute("datetime", iso);
    time.textContent = clock(iso);
    line.appendChild(document.createTextNode(parts[0]));
    line.appendChild(time);
    line.appendChild(document.createTextNode(parts[1] || ""));
    return line;
  }

  function online() {
    return navigator.onLine !== false;
  }

  function showConnection() {
    if (badge) {
      badge.hidden = online();
    }
    if (!online() && state.edits > state.savedEdits) {
      show(text.autosaveOffline);
    }
  }

  function schedule() {
    state.edits += 1;
    if (state.stopped || state.conflict) {
      return;
    }
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(save, DELAY_MS);
    if (!online()) {
      show(text.autosaveOffline);
    }
  }

  function formData() {
    editor.syncAll();
    var data = new FormData(form);
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file][name]"), function (input) {
      data.delete(input.name); // files go through the uploader, at once or when back online
    });
    data.delete("op");
    return data;
  }

  function save(leaving) {
    window.clearTimeout(state.timer);
    if (state.stopped || state.conflict || state.edits === state.savedEdits) {
      return;
    }
    if (!online()) {
      showConnection();
      return;
    }
    if (state.saving) {
      state.again = true;
      return;
    }
    var started = state.edits;
    var token = form.querySelector("input[name=csrf_token]");
    state.saving = true;
    if (!leaving) {
      show(text.autosaveSaving);
    }
    window.fetch(url, {
      method: "POST",
      body: formData(),
      credentials: "same-origin",
      keepalive: leaving === true,
      headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      return response.json().then(function (body) { answered(response.status, body, started); });
    }).catch(function () {
      show(online() ? text.autosaveFailed : text.autosaveOffline); // the next change tries again
      showConnection();
    }).then(function () {
      state.saving = false;
      if (state.again) {
        state.again = false;
        save();
      }
    });
  }

  function answered(code, body, started) {
    if (code === 200 && body.saved) {
      return saved(body, started);
    }
    if (code === 409 && body.error === "conflict") {
      return showConflict(body);
    }
    if (code === 429 || code >= 500) {
      state.timer = window.setTimeout(save, DELAY_MS * 4);
    } else if (code !== 400 || body.error === "expired") {
      state.stopped = true; // signed out, not theirs, sent for review: "Save draft" explains
    }
    show((text.autosaveFailed || "") + " " + (body.message || ""));
  }

  function setBlockIds(ids) {
    editor.blocks().forEach(function (block, index) {
      var id = block.querySelector("input[name$=-id]");
      if (!ids[index] || (id && id.value === String(ids[index]))) {
        return;
      }
      if (!id) {
        id = document.createElement("input");
        id.type = "hidden";
        id.name = "block-" + index + "-id";
        block.insertBefore(id, block.firstChild);
      }
      id.value = ids[index];
    });
  }

  // The first save of a new story made it: from now on the page is that story's editor.
  function becameStory(body) {
    url = body.autosave_url;
    form.setAttribute("action", body.edit_url);
    var scope = form.querySelector("[data-upload-fields]");
    if (scope) {
      scope.setAttribute("data-upload-fields", JSON.stringify({ story_id: body.story_id }));
    }
    var account = (form.dataset.draftKey || "").split(":")[0];
    if (keeper) {
      keeper.moveTo(account + ":story-" + body.story_id);
    }
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", body.edit_url);
    }
    keepOffline([body.edit_url]);
  }

  function saved(body, started) {
    if (url !== body.autosave_url) {
      becameStory(body);
    }
    revision.value = String(body.revision);
    setBlockIds(body.block_ids || []);
    var complete = state.edits === started;
    state.savedEdits = started;
    if (keeper) {
      keeper.synced(body.revision, complete);
      keeper.hide();
    }
    if (complete) {
      editor.markClean();
    }
    show(savedAt(body.saved_at));
  }

  /* ---- Two saves from the same revision: show both texts, let the person choose ---- */
  function plain(html) {
    var holder = document.createElement("div");
    holder.innerHTML = (html || "").replace(/<\/(p|li|h2|h3|blockquote)>/gi, "\n");
    return (holder.textContent || "").trim();
  }

  function mine() {
    editor.syncAll();
    var title = form.querySelector("input[name=title]");
    return {
      title: title ? title.value : "",
      blocks: editor.blocks().map(function (block) {
        var words = block.querySelector("textarea[name$=-body], textarea[name$=-text], textarea[name$=-alt_text], textarea[name$=-transcript]");
        return { text: words ? plain(words.value) : "" };
      })
    };
  }

  function column(heading, version) {
    var part = document.createElement("div");
    part.className = "conflict__text";
    var h = document.createElement("h3");
    h.textContent = heading;
    part.appendChild(h);
    var title = document.createElement("p");
    title.className = "conflict__title";
    title.textContent = version.title || text.conflictUntitled || "";
    part.appendChild(title);
    version.blocks.forEach(function (block) {
      var p = document.createElement("p");
      p.className = "conflict__block";
      p.textContent = block.text || block.media_words || text.conflictMedia || "";
      part.appendChild(p);
    });
    return part;
  }

  function button(label, primary, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button" + (primary ? " button--primary" : "");
    b.textContent = label;
    b.addEventListener("click", action);
    return b;
  }

  // "Keep both": their words become a new text part below mine, to be tidied up by hand.
  function appendTheirs(theirs) {
    var lines = [theirs.title].concat(theirs.blocks.map(function (block) { return block.text; }));
    if (!editor.add("text")) {
      return;
    }
    var blocks = editor.blocks();
    var area = blocks[blocks.length - 1].querySelector("[data-rich-area]");
    if (!area) {
      return;
    }
    area.textContent = "";
    lines.join("\n").split("\n").filter(function (line) { return line.trim(); }).forEach(function (line) {
      var paragraph = document.createElement("p");
      paragraph.textContent = line;
      area.appendChild(paragraph);
    });
    editor.syncAll();
  }

  function showConflict(body) {
    state.conflict = true;
    if (!box) {
      return;
    }
    box.textContent = "";
    box.setAttribute("role", "alert");
    var heading = document.createElement("h2");
    heading.textContent = text.conflictTitle || "";
    heading.tabIndex = -1;
    var why = document.createElement("p");
    why.textContent = body.message || "";
    var texts = document.createElement("div");
    texts.className = "conflict__texts";
    texts.appendChild(column(text.conflictMine || "", mine()));
    texts.appendChild(column((text.conflictTheirs || "{time}").replace("{time}", clock(body.saved_at)), body.theirs));
    var choices = document.createElement("div");
    choices.className = "conflict__choices";
    choices.appendChild(button(text.conflictKeep, true, function () {
      revision.value = String(body.revision); // start from theirs: this save replaces it
      state.conflict = false;
      box.hidden = true;
      state.edits += 1;
      save();
    }));
    choices.appendChild(button(text.conflictBoth, false, function () {
      appendTheirs(body.theirs);
      revision.value = String(body.revision);
      state.conflict = false;
      box.hidden = true;
      editor.markDirty(); // saved after the usual pause, with both texts
    }));
    choices.appendChild(button(text.conflictTake, false, function () {
      if (keeper) {
        keeper.forget();
      }
      editor.markClean();
      state.stopped = true;
      window.location.assign(body.edit_url + "?discard=1");
    }));
    [heading, why, texts, choices].forEach(function (node) { box.appendChild(node); });
    box.hidden = false;
    show(text.conflictTitle || "");
    heading.focus();
  }

  /* ---- The service worker keeps this page and its files for a reload without connection ---- */
  function keepOffline(urls) {
    var worker = navigator.serviceWorker;
    if (!worker || !worker.controller) {
      return;
    }
    worker.controller.postMessage({ type: "keep", urls: urls });
  }

  function pageFiles() {
    var found = [window.location.pathname];
    Array.prototype.forEach.call(document.querySelectorAll("script[src], link[rel=stylesheet][href], link[rel~=icon][href]"), function (el) {
      var address = new URL(el.src || el.href, window.location.href);
      if (address.origin === window.location.origin && address.pathname.indexOf("/static/") === 0) {
        found.push(address.pathname + address.search);
      }
    });
    return found;
  }

  function registerWorker() {
    var worker = navigator.serviceWorker;
    if (!worker || !form.dataset.offlineWorker || !window.isSecureContext) {
      return;
    }
    // Two scopes: the editor is under /rounds/<id>/stories/new and /stories/<id>/edit.
    ["/stories/", "/rounds/"].forEach(function (scope) {
      worker.register(form.dataset.offlineWorker, { scope: scope }).catch(function () {});
    });
    worker.ready.then(function () {
      if (worker.controller) {
        keepOffline(pageFiles());
      } else {
        worker.addEventListener("controllerchange", function () { keepOffline(pageFiles()); }, { once: true });
      }
    });
  }

  editor.onChange(schedule);
  editor.leaveQuietly = function () {
    // A story the server has: save what is left now, with a request that outlives the page.
    var quiet = online() && !state.conflict && !state.stopped && url.indexOf("/rounds/") < 0;
    if (quiet) {
      save(true);
    }
    return quiet;
  };
  window.addEventListener("online", function () { showConnection(); save(); });
  window.addEventListener("offline", showConnection);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && url.indexOf("/rounds/") < 0) {
      save(true);
    }
  });
  if (document.querySelector(".conflict--server")) {
    state.conflict = true; // the server showed both texts: the person chooses, with the form
  } else if (form.getAttribute("data-unsaved") === "true") {
    state.edits = 1; // restored from this browser, or shown again after a refusal: save it
    state.timer = window.setTimeout(save, DELAY_MS);
  }
  showConnection();
  registerWorker();
})();
