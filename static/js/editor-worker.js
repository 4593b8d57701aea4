/* StoryHub's service worker, for the story editor only (registered by stories-autosave.js for
   /stories/ and /rounds/). It keeps the editor's pages and the site's files so that a reload
   without connection still shows the editor (the words come back from this browser's copy).
   - Editor pages (/stories/<id>/edit, /rounds/<id>/stories/new): from the network when it
     answers (and kept), from the kept copy only when it does not. A redirect (signed out) or an
     error forgets the kept page. Every other page is left alone: never kept, never answered.
   - Files under /static/: content-hashed names never change, so the kept copy is used first;
     plain names are asked first and kept for when the connection is lost.
   Signing out clears every cache (Clear-Site-Data and storyhub.js), and another person signing
   in on this browser clears the kept pages (storyhub.js): a shared computer shows nobody's words. */
"use strict";

var PAGES = "storyhub-editor-pages-v1";
var FILES = "storyhub-editor-files-v1";
var EDITOR = /^\/(stories\/\d+\/edit|rounds\/\d+\/stories\/new)$/;
var HASHED = /\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;
var MAX_KEPT = 60;

function sameOrigin(url) {
  return url.origin === self.location.origin;
}

function isEditorPage(url) {
  return sameOrigin(url) && EDITOR.test(url.pathname);
}

function isFile(url) {
  return sameOrigin(url) && url.pathname.indexOf("/static/") === 0;
}

function pageKey(url) {
  return url.origin + url.pathname; // ?check=1 and ?discard=1 show the same editor
}

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("storyhub-editor-") === 0 && name !== PAGES && name !== FILES;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function put(cacheName, key, response) {
  return caches.open(cacheName).then(function (cache) { return cache.put(key, response); });
}

// The editor asks to keep its page and the files it loaded (the first visit was not yet
// looked after by this worker); what is kept already is not asked again.
function keep(address) {
  var url = new URL(address, self.location.origin);
  var cacheName = isEditorPage(url) ? PAGES : (isFile(url) ? FILES : null);
  if (!cacheName) {
    return Promise.resolve();
  }
  var key = cacheName === PAGES ? pageKey(url) : url.href;
  return caches.open(cacheName).then(function (cache) {
    return cache.match(key).then(function (found) {
      if (found) {
        return undefined;
      }
      return fetch(url.href, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
        return response.ok && response.type === "basic" ? cache.put(key, response) : undefined;
      });
    });
  }).catch(function () { return undefined; });
}

// A release gives a file a new hashed name: the copies under its older names are dropped.
function stem(pathname) {
  return pathname.replace(/\.[0-9a-f]{12}(\.[A-Za-z0-9]+)$/, "$1"); // its plain name
}

function dropOlderFiles(urls) {
  var current = {};
  urls.forEach(function (address) {
    var url = new URL(address, self.location.origin);
    if (isFile(url) && HASHED.test(url.pathname)) {
      current[stem(url.pathname)] = url.pathname;
    }
  });
  return caches.open(FILES).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.map(function (request) {
        var pathname = new URL(request.url).pathname;
        var now = current[stem(pathname)];
        return now && now !== pathname ? cache.delete(request) : undefined;
      }));
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "keep" && Array.isArray(data.urls)) {
    var urls = data.urls.slice(0, MAX_KEPT);
    event.waitUntil(Promise.all(urls.map(keep)).then(function () { return dropOlderFiles(urls); }));
  }
});

function editorPage(request, url) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic" && !response.redirected) {
      var copy = response.clone();
      put(PAGES, pageKey(url), copy);
    } else {
      caches.open(PAGES).then(function (cache) { cache.delete(pageKey(url)); });
    }
    return response;
  }, function () {
    return caches.open(PAGES).then(function (cache) { return cache.match(pageKey(url)); })
      .then(function (found) { return found || Response.error(); });
  });
}

function fromNetwork(request) {
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      put(FILES, request.url, response.clone());
    }
    return response;
  });
}

function file(request, url) {
  if (HASHED.test(url.pathname)) {
    return caches.match(request, { cacheName: FILES }).then(function (found) {
      return found || fromNetwork(request);
    });
  }
  return fromNetwork(request).catch(function () {
    return caches.match(request, { cacheName: FILES }).then(function (found) {
      return found || Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") {
    return;
  }
  var url = new URL(request.url);
  if (request.mode === "navigate" && isEditorPage(url)) {
    event.respondWith(editorPage(request, url));
  } else if (isFile(url) && request.mode !== "navigate") {
    event.respondWith(file(request, url));
  }
});
