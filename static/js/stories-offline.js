/* Story editor without connection: a photo, sound or video chosen while offline is kept in this
   browser (IndexedDB), shown in its block with a notice saying it will be sent when the
   connection returns, and sent then by the usual uploader (whose answer fills the block, which
   the autosave then saves). A reload while offline shows it again (stories-draft-keep.js puts
   the block back by its uid). Signing out deletes what waits (storyhub.js, Clear-Site-Data).
   Needs stories-editor.js and stories-media.js before it. */
(function () {
  "use strict";

  var editor = window.StoryHub && window.StoryHub.storyEditor;
  var shared = window.StoryHub && window.StoryHub.media;
  if (!editor || !editor.sendToBlock || !shared || !shared.send || !window.indexedDB || !window.Promise) {
    return;
  }
  var form = editor.form;
  var DB = "storyhub-offline";
  var STORE = "files";
  var database = null;

  function open() {
    if (database) {
      return database;
    }
    database = new Promise(function (resolve, reject) {
      var request = window.indexedDB.open(DB, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "uid" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
    return database;
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var request = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () { resolve(request && request.result); };
        transaction.onerror = function () { reject(transaction.error); };
      });
    });
  }

  function online() {
    return navigator.onLine !== false;
  }

  function uidOf(block) {
    if (!block.dataset.blockUid) {
      block.dataset.blockUid = Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
    }
    return block.dataset.blockUid;
  }

  function blockOf(uid) {
    return editor.blocks().filter(function (block) { return block.dataset.blockUid === uid; })[0] || null;
  }

  function note(block, message) {
    var list = block.querySelector("[data-upload-list]");
    if (!list) {
      return;
    }
    list.textContent = "";
    var item = document.createElement("li");
    item.className = "upload upload--waiting";
    item.setAttribute("data-waiting-file", "");
    var words = document.createElement("p");
    words.className = "upload__status";
    words.textContent = message || "";
    item.appendChild(words);
    list.appendChild(item);
  }

  function showWaiting(block, record) {
    var preview = block.querySelector("[data-media-preview]");
    if (preview && record.type.indexOf("image/") === 0) {
      preview.textContent = "";
      var img = document.createElement("img");
      img.className = "media-edit__picture";
      img.alt = "";
      img.src = URL.createObjectURL(record.blob);
      preview.appendChild(img);
    }
    note(block, form.dataset.mediaWaiting);
  }

  // Each file for a block of this story (picked, dropped, recorded): kept to be sent later
  // when the connection is lost (true), else sent now by the uploader.
  function wait(block, file, name) {
    if (online()) {
      return false;
    }
    var record = {
      uid: uidOf(block), draft: form.dataset.draftKey || "", name: name || file.name || "file",
      type: file.type || "", blob: file, keptAt: Date.now()
    };
    run("readwrite", function (store) { return store.put(record); }).catch(function () {});
    showWaiting(block, record);
    if (window.StoryHub.draftKeep) {
      window.StoryHub.draftKeep.keep(); // the block, with its uid, is kept for a reload
    }
    return true;
  }

  function waiting() {
    return run("readonly", function (store) { return store.getAll(); }).then(function (records) {
      return (records || []).filter(function (record) { return blockOf(record.uid); });
    });
  }

  function sendWaiting() {
    if (!online()) {
      return;
    }
    waiting().then(function (records) {
      records.forEach(function (record) {
        var block = blockOf(record.uid);
        if (block.dataset.sendingKept) {
          return;
        }
        block.dataset.sendingKept = "1";
        note(block, form.dataset.mediaSending);
        var file = record.blob instanceof window.File ? record.blob : new window.File([record.blob], record.name, { type: record.type });
        editor.sendToBlock(block, file);
      });
    }).catch(function () {});
  }

  function done(event) {
    var block = event.target.closest && event.target.closest("[data-block]");
    if (!block || !block.dataset.sendingKept) {
      return;
    }
    delete block.dataset.sendingKept;
    if (event.type !== "media:failed") {
      run("readwrite", function (store) { return store.delete(block.dataset.blockUid); }).catch(function () {});
    }
  }

  ["media:received", "media:uploaded", "media:failed"].forEach(function (name) {
    form.addEventListener(name, done);
  });
  var send = shared.send;
  shared.send = function (host, file, name, kind) {
    var block = host.closest && host.closest("[data-block]");
    if (block && form.contains(block) && wait(block, file, name)) {
      editor.markDirty();
      return null;
    }
    return send(host, file, name, kind);
  };
  window.addEventListener("online", sendWaiting);
  window.StoryHub.offlineMedia = { wait: wait, send: sendWaiting };

  // After a reload: the files still waiting for this page's blocks are shown, then sent.
  waiting().then(function (records) {
    records.forEach(function (record) { showWaiting(blockOf(record.uid), record); });
    sendWaiting();
  }).catch(function () {});
})();
