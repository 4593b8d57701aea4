/* StoryHub media: uploader (drag and drop, progress per file, processing state, preview),
   sound recorder (MediaRecorder), and a media page that waits for processing. Needs
   media-common.js before it. Every page works without these files: they are enhancements.
   The uploader and the recorder fire `media:uploaded` (detail: the server's JSON) on their form;
   StoryHub.media.send and StoryHub.media.setupRecorder serve the story editor. */
(function () {
  "use strict";

  var shared = window.StoryHub.media;
  var POLL_MS = shared.POLL_MS;
  var $ = shared.$;
  var $all = shared.$all;
  var el = shared.el;
  var msg = shared.msg;
  var parseJSON = shared.parseJSON;

  function size(form, bytes) {
    if (bytes >= 1048576) { return msg(form, "mb", { size: (bytes / 1048576).toFixed(1) }); }
    return msg(form, "kb", { size: Math.max(1, Math.round(bytes / 1024)) });
  }

  /* ---- one upload: a list item with a progress bar, then a processing state, then a preview -- */

  function uploadItem(form, name, bytes) {
    var list = $("[data-upload-list]", form);
    var item = el("li", "upload");
    var head = el("p", "upload__head");
    head.appendChild(el("span", "upload__name", name));
    head.appendChild(el("span", "upload__size muted", size(form, bytes)));
    var bar = el("progress", "upload__bar");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", name);
    var status = el("p", "upload__status", msg(form, "sending", { percent: 0 }));
    item.appendChild(head);
    item.appendChild(bar);
    item.appendChild(status);
    list.insertBefore(item, list.firstChild);
    return { item: item, bar: bar, status: status };
  }

  function showProgress(form, ui, percent) {
    ui.bar.value = percent;
    ui.status.textContent = msg(form, "sending", { percent: percent });
  }

  function showProcessing(form, ui) {
    ui.bar.removeAttribute("value"); // an indeterminate bar: the server is working
    ui.item.classList.add("is-processing");
    ui.status.textContent = msg(form, "processing");
  }

  function showError(form, ui, text) {
    ui.item.classList.remove("is-processing");
    ui.item.classList.add("is-error");
    ui.bar.hidden = true;
    ui.status.setAttribute("role", "alert");
    ui.status.textContent = msg(form, "failed") + " " + text;
    form.dispatchEvent(new CustomEvent("media:failed", { bubbles: true, detail: { error: text } }));
  }

  function preview(media) {
    var box = el("div", "upload__preview");
    if (!media.preview_url) { return box; }
    if (media.kind === "audio") {
      var audio = el("audio");
      audio.controls = true;
      audio.preload = "none";
      audio.src = media.preview_url;
      box.appendChild(audio);
    } else {
      var img = el("img");
      img.src = media.preview_url;
      img.alt = "";
      box.appendChild(img);
    }
    return box;
  }

  function showReady(form, ui, media) {
    ui.item.classList.remove("is-processing");
    ui.item.classList.add("is-ready");
    ui.bar.value = 100;
    ui.bar.hidden = true;
    ui.status.textContent = msg(form, "ready") + " ";
    var link = el("a", "", msg(form, "open"));
    link.href = media.detail_url;
    ui.status.appendChild(link);
    ui.item.appendChild(preview(media));
    form.dispatchEvent(new CustomEvent("media:uploaded", { bubbles: true, detail: media }));
  }

  function poll(form, ui, url) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      var media = parseJSON(request.responseText);
      if (!media) { return showError(form, ui, msg(form, "network")); }
      if (media.status === "processing") { return window.setTimeout(poll, POLL_MS, form, ui, url); }
      if (media.status === "ready") { return showReady(form, ui, media); }
      showError(form, ui, media.error || "");
    };
    request.onerror = function () { showError(form, ui, msg(form, "network")); };
    request.send();
  }

  // What to send: a form's own fields; for any other element (a block of the story editor),
  // the JSON of data-upload-fields on it or an ancestor, and the CSRF token of its form.
  function uploadData(host, file, name, kind) {
    var data;
    if (host.tagName === "FORM") {
      data = new FormData(host);
      data.delete("file");
    } else {
      data = new FormData();
      var scope = host.closest("[data-upload-fields]");
      var fields = (scope && parseJSON(scope.getAttribute("data-upload-fields"))) || {};
      Object.keys(fields).forEach(function (key) { data.append(key, fields[key]); });
      var outer = host.closest("form");
      var token = outer && outer.querySelector("input[name=csrf_token]");
      if (token) { data.append("csrf_token", token.value); }
    }
    data.append("file", file, name);
    if (kind) { data.set("kind", kind); }
    return data;
  }

  function uploadUrl(host) {
    var scope = host.closest("[data-upload-url]");
    return scope ? scope.getAttribute("data-upload-url") : host.action;
  }

  function send(form, file, name, kind) {
    var data = uploadData(form, file, name, kind);
    var ui = uploadItem(form, name, file.size);
    var request = new XMLHttpRequest();
    request.open("POST", uploadUrl(form));
    request.setRequestHeader("Accept", "application/json");
    var token = data.get("csrf_token");
    if (token) { request.setRequestHeader("X-CSRFToken", token); }
    request.upload.onprogress = function (event) {
      if (event.lengthComputable) { showProgress(form, ui, Math.round((event.loaded / event.total) * 100)); }
    };
    request.upload.onload = function () { showProcessing(form, ui); };
    request.onload = function () {
      var answer = parseJSON(request.responseText) || {};
      if (request.status === 201) { return showReady(form, ui, answer); }
      if (request.status === 202) {
        showProcessing(form, ui);
        form.dispatchEvent(new CustomEvent("media:received", { bubbles: true, detail: answer }));
        return poll(form, ui, answer.status_url);
      }
      showError(form, ui, answer.error || request.statusText);
    };
    request.onerror = function () { showError(form, ui, msg(form, "network")); };
    request.send(data);
    return ui;
  }

  /* ---- the uploader: pick or drop files, one request per file ---------------------------- */

  function kindFor(file, chosen) {
    var type = file.type || "";
    if (type.indexOf("audio/") === 0) { return "audio"; }
    if (type.indexOf("video/") === 0) { return "video"; }
    if (type.indexOf("image/") === 0 && (chosen === "audio" || chosen === "video")) { return "image"; }
    return chosen;
  }

  function setupUploader(form) {
    var input = $("input[type=file]", form);
    var zone = $("[data-drop-zone]", form);
    if (!input || !window.FormData || !window.XMLHttpRequest) { return; }
    input.multiple = true;
    var hint = $("[data-drop-hint]", form);
    if (hint) { hint.hidden = false; }

    function chosenKind() { var checked = $("input[name=kind]:checked", form); return checked ? checked.value : "image"; }
    function sendAll(files) {
      Array.prototype.forEach.call(files, function (file) { send(form, file, file.name, kindFor(file, chosenKind())); });
    }

    // Ask only for the words this kind needs: a text alternative, or a transcript.
    function syncFields() {
      var kind = chosenKind();
      var picture = kind === "image" || kind === "panorama";
      [["alt_text", picture], ["transcript", !picture]].forEach(function (pair) {
        var field = $("[name=" + pair[0] + "]", form);
        if (field && field.closest(".field")) { field.closest(".field").hidden = !pair[1]; }
      });
    }
    $all("input[name=kind]", form).forEach(function (radio) {
      radio.addEventListener("change", function () {
        input.accept = radio.getAttribute("data-accept") || "";
        syncFields();
      });
    });
    syncFields();
    form.addEventListener("submit", function (event) {
      if (!input.files || !input.files.length) { return; } // the server explains what is missing
      event.preventDefault();
      sendAll(input.files);
      input.value = "";
    });
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("is-dragover"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("is-dragover"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) { sendAll(event.dataTransfer.files); }
    });
  }

  /* ---- the recorder: record, stop, listen, send (or record again) ------------------------- */

  var RECORDING_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4", "audio/webm"];

  function recordingType() {
    for (var i = 0; i < RECORDING_TYPES.length; i += 1) {
      if (window.MediaRecorder.isTypeSupported && window.MediaRecorder.isTypeSupported(RECORDING_TYPES[i])) { return RECORDING_TYPES[i]; }
    }
    return "";
  }

  function extensionOf(type) {
    if (type.indexOf("ogg") >= 0) { return "ogg"; }
    if (type.indexOf("mp4") >= 0) { return "m4a"; }
    return "webm";
  }

  function clock(seconds) {
    var s = Math.floor(seconds % 60);
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  // The recorder is a form of its own (media pages) or a part of a story editor's sound block,
  // whose element with data-upload-host receives the upload and its events.
  function setupRecorder(form) {
    var supported = window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
    if (!supported || !window.FormData || form.storyhubRecorder) { return; }
    form.storyhubRecorder = true;
    var host = form.tagName === "FORM" ? form : (form.closest("[data-upload-host]") || form);
    form.hidden = false;
    var controls = $("[data-recorder-controls]", form);
    var buttons = {
      record: $("[data-record]", form), stop: $("[data-stop]", form),
      send: $("[data-send]", form), discard: $("[data-discard]", form)
    };
    var playback = $("[data-playback]", form);
    var timer = $("[data-timer]", form);
    var status = $("[data-recorder-status]", form);
    var state = { recorder: null, chunks: [], blob: null, started: 0, tick: null, stream: null };
    $("[data-recorder-fallback]", form).hidden = true;
    controls.hidden = false;

    function say(name) { status.textContent = msg(form, name); }
    function reset() {
      state.blob = null;
      if (playback.src) { URL.revokeObjectURL(playback.src); }
      playback.removeAttribute("src");
      playback.hidden = true;
      buttons.send.disabled = true;
      buttons.discard.hidden = true;
      buttons.record.disabled = false;
      timer.textContent = clock(0);
    }
    function stopTracks() { if (state.stream) { state.stream.getTracks().forEach(function (t) { t.stop(); }); } }

    buttons.record.addEventListener("click", function () {
      reset();
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var type = recordingType();
        state.stream = stream;
        state.chunks = [];
        state.recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
        state.recorder.ondataavailable = function (event) { if (event.data.size) { state.chunks.push(event.data); } };
        state.recorder.onstop = function () {
          stopTracks();
          window.clearInterval(state.tick);
          state.blob = new Blob(state.chunks, { type: state.recorder.mimeType || type || "audio/webm" });
          playback.src = URL.createObjectURL(state.blob);
          playback.hidden = false;
          buttons.send.disabled = false;
          buttons.discard.hidden = false;
          form.classList.remove("is-recording");
          say("recorded");
          playback.focus();
        };
        state.recorder.start(1000);
        state.started = Date.now();
        state.tick = window.setInterval(function () { timer.textContent = clock((Date.now() - state.started) / 1000); }, 500);
        form.classList.add("is-recording");
        buttons.record.disabled = true;
        buttons.stop.disabled = false;
        buttons.stop.focus();
        say("recording");
      }).catch(function () { say("denied"); });
    });
    buttons.stop.addEventListener("click", function () {
      buttons.stop.disabled = true;
      if (state.recorder && state.recorder.state !== "inactive") { state.recorder.stop(); }
    });
    buttons.discard.addEventListener("click", function () { reset(); buttons.record.focus(); status.textContent = ""; });
    function sendRecording(event) {
      event.preventDefault();
      if (!state.blob) { return; }
      var name = msg(form, "name") + "." + extensionOf(state.blob.type);
      shared.send(host, state.blob, name, "audio"); // through the story editor's offline wait
      reset();
      status.textContent = "";
      var transcript = $("textarea[name=transcript]", form);
      if (transcript) { transcript.value = ""; }
    }
    buttons.send.addEventListener("click", sendRecording);
    if (form.tagName === "FORM") { form.addEventListener("submit", sendRecording); }
  }

  /* ---- a media page waiting for processing: reload when it is done --------------------------- */

  function watchPending(notice) {
    var url = notice.getAttribute("data-media-pending");
    window.setTimeout(function check() {
      var request = new XMLHttpRequest();
      request.open("GET", url);
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        var media = parseJSON(request.responseText);
        if (media && media.status !== "processing") { window.location.reload(); } else { window.setTimeout(check, POLL_MS * 2); }
      };
      request.send();
    }, POLL_MS);
  }

  shared.send = send;
  shared.setupRecorder = setupRecorder;
  shared.onReady(function () {
    $all("form[data-media-uploader]").forEach(setupUploader);
    $all("[data-media-recorder]").forEach(setupRecorder);
    $all("[data-media-pending]").forEach(watchPending);
  });
})();
