/* StoryHub story editor, media blocks: the file is sent at once (progress, processing state,
   preview: media-upload.js), by picking, dropping, or recording a sound; the block keeps the
   media's id until saved; files dropped on the "add" bar become new blocks.
   Needs media-common.js, media-upload.js and stories-editor.js before it. */
(function () {
  "use strict";

  var editor = window.StoryHub && window.StoryHub.storyEditor;
  if (!editor) {
    return;
  }
  var form = editor.form;
  var list = editor.list;
  var labels = editor.labels;
  var blocks = editor.blocks;
  var add = editor.add;
  var markDirty = editor.markDirty;
  var media = window.StoryHub.media && window.StoryHub.media.send ? window.StoryHub.media : null;

  function kindOfFile(file) {
    var type = (file && file.type) || "";
    var found = ["image", "audio", "video"].filter(function (kind) { return type.indexOf(kind + "/") === 0; });
    return found[0] || null;
  }

  function mediaHost(block) {
    return block && block.querySelector("[data-upload-host]");
  }

  function sendToBlock(block, file) {
    var host = mediaHost(block);
    host.querySelector("[data-upload-list]").textContent = "";
    media.send(host, file, file.name, host.getAttribute("data-media-block"));
    markDirty();
  }

  function onDrag(zone, onFiles) {
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
          event.preventDefault();
          zone.classList.add("is-dragover");
        }
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("is-dragover"); });
    });
    zone.addEventListener("drop", function (event) {
      if (event.dataTransfer && event.dataTransfer.files.length) {
        event.preventDefault();
        onFiles(event.dataTransfer.files);
      }
    });
  }

  function setupMediaBlock(block) {
    var host = mediaHost(block);
    if (!host || !media || host.getAttribute("data-enhanced")) {
      return;
    }
    host.setAttribute("data-enhanced", "1");
    var input = host.querySelector("[data-media-file]");
    var hint = host.querySelector("[data-drop-hint]");
    if (hint) {
      hint.hidden = false;
    }
    input.addEventListener("change", function () {
      if (input.files && input.files[0]) {
        sendToBlock(block, input.files[0]);
      }
      input.value = ""; // sent already: never a second time with the form
    });
    onDrag(host.querySelector("[data-media-drop]"), function (files) {
      sendToBlock(block, files[0]);
      Array.prototype.slice.call(files, 1).forEach(addFileBlock);
    });
    Array.prototype.forEach.call(host.querySelectorAll("[data-media-recorder]"), media.setupRecorder);
  }

  function previewOf(detail) {
    var holder = document.createElement("div");
    if (detail.kind === "audio") {
      var audio = document.createElement("audio");
      audio.controls = true;
      audio.preload = "none";
      audio.className = "media-edit__audio";
      audio.src = detail.preview_url;
      audio.setAttribute("aria-label", labels.labelListen || "");
      holder.appendChild(audio);
    } else if (detail.preview_url) {
      var img = document.createElement("img");
      img.className = "media-edit__picture";
      img.src = detail.preview_url;
      img.alt = "";
      if (detail.width && detail.height) {
        img.width = detail.width;
        img.height = detail.height;
      }
      holder.appendChild(img);
    }
    return holder;
  }

  function showMedia(block, detail) {
    var host = mediaHost(block);
    if (!host || !detail || !detail.id) {
      return;
    }
    block.querySelector("[data-media-id]").value = detail.id;
    host.classList.add("has-file");
    var preview = host.querySelector("[data-media-preview]");
    preview.textContent = "";
    if (detail.status === "ready") {
      Array.prototype.slice.call(previewOf(detail).childNodes).forEach(function (node) { preview.appendChild(node); });
    }
    var drop = host.querySelector("[data-media-drop]");
    var replace = host.querySelector("[data-media-replace]");
    if (!replace) {
      replace = document.createElement("details");
      replace.className = "media-edit__replace";
      replace.setAttribute("data-media-replace", "");
      var summary = document.createElement("summary");
      summary.textContent = labels.labelReplace || "";
      replace.appendChild(summary);
      drop.parentNode.insertBefore(replace, drop);
      replace.appendChild(drop);
    }
    replace.open = false;
    var error = drop.querySelector(".error");
    if (error) {
      error.remove();
    }
    markDirty();
  }

  function addFileBlock(file) {
    var kind = kindOfFile(file);
    if (kind && add(kind)) {
      var all = blocks();
      sendToBlock(all[all.length - 1], file);
    }
  }

  form.addEventListener("media:received", function (event) { showMedia(event.target.closest("[data-block]"), event.detail); });
  form.addEventListener("media:uploaded", function (event) { showMedia(event.target.closest("[data-block]"), event.detail); });

  var adders = form.querySelector("[data-drop-files]");
  if (adders && media && list) {
    var addersHint = adders.querySelector("[data-drop-files-hint]");
    if (addersHint) {
      addersHint.hidden = false;
    }
    onDrag(adders, function (files) { Array.prototype.forEach.call(files, addFileBlock); });
  }

  editor.onBlock(setupMediaBlock);
  editor.sendToBlock = sendToBlock;
})();
