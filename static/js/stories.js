/* StoryHub story editor: progressive enhancement of the editor form.
   Without this file the form works: text blocks are textareas (HTML or plain paragraphs) and
   the add / move / remove buttons are submit buttons handled by the server. With it:
   - each text block becomes a small rich-text editor (bold, italic, headings, lists, quote, link)
     that writes clean HTML back into its textarea;
   - blocks are added, moved and removed in the page, and renumbered;
   - media blocks send their file at once (progress, processing state, preview: media.js), by
     picking, dropping, or recording a sound; files dropped on the "add" bar become new blocks;
   - the writing direction follows the chosen language;
   - leaving the page with unsaved changes asks first; a form is never sent twice. */
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

  /* ---- Clean HTML: the same small set the server keeps (the server cleans again). ---- */
  var KEEP = { P: 1, BR: 1, STRONG: 1, EM: 1, UL: 1, OL: 1, LI: 1, A: 1, BLOCKQUOTE: 1, H2: 1, H3: 1 };
  var RENAME = { B: "STRONG", I: "EM", DIV: "P", H1: "H2", H4: "H3", H5: "H3", H6: "H3" };
  var DROP = { SCRIPT: 1, STYLE: 1, TEMPLATE: 1, IFRAME: 1, OBJECT: 1, EMBED: 1, SVG: 1, MATH: 1, NOSCRIPT: 1, HEAD: 1, TITLE: 1, META: 1, LINK: 1 };
  var INLINE = { STRONG: 1, EM: 1, A: 1, BR: 1 };

  function safeHref(href) {
    return /^(https?:|mailto:)/i.test((href || "").trim()) ? href.trim() : null;
  }

  function cleanChildren(source, target) {
    Array.prototype.forEach.call(source.childNodes, function (node) {
      if (node.nodeType === 3) {
        target.appendChild(document.createTextNode(node.nodeValue));
        return;
      }
      if (node.nodeType !== 1 || DROP[node.nodeName]) {
        return;
      }
      var name = RENAME[node.nodeName] || node.nodeName;
      if (!KEEP[name]) {
        cleanChildren(node, target); // unwrap span, font...: keep the words
        return;
      }
      var copy = document.createElement(name);
      if (name === "A") {
        var href = safeHref(node.getAttribute("href"));
        if (!href) {
          cleanChildren(node, target);
          return;
        }
        copy.setAttribute("href", href);
      }
      cleanChildren(node, copy);
      target.appendChild(copy);
    });
    return target;
  }

  function cleanHtml(html) {
    var doc = new DOMParser().parseFromString("<body>" + (html || ""), "text/html");
    var box = document.createElement("div");
    cleanChildren(doc.body, box);
    // Loose words and inline tags at the top level go into paragraphs.
    var out = document.createElement("div");
    var paragraph = null;
    Array.prototype.slice.call(box.childNodes).forEach(function (node) {
      var inline = node.nodeType === 3 || INLINE[node.nodeName];
      if (inline) {
        if (node.nodeType === 3 && !node.nodeValue.trim() && !paragraph) {
          return;
        }
        paragraph = paragraph || out.appendChild(document.createElement("p"));
        paragraph.appendChild(node);
      } else {
        paragraph = null;
        out.appendChild(node);
      }
    });
    return out.innerHTML;
  }

  function plainToHtml(text) {
    if (/<\s*(p|ul|ol|li|h2|h3|blockquote|br)\b/i.test(text)) {
      return text;
    }
    return text
      .replace(/\r\n/g, "\n")
      .split(/\n\s*\n/)
      .filter(function (part) { return part.trim(); })
      .map(function (part) { return "<p>" + part.trim().replace(/\n/g, "<br>") + "</p>"; })
      .join("");
  }

  /* ---- The rich-text editor over a textarea ---- */
  var TOOLS = [
    { cmd: "bold", label: "B", title: "bold", cls: "b", state: true },
    { cmd: "italic", label: "I", title: "italic", cls: "i", state: true },
    { sep: true },
    { cmd: "formatBlock", arg: "h2", label: "H2", title: "heading" },
    { cmd: "formatBlock", arg: "h3", label: "H3", title: "subheading" },
    { cmd: "formatBlock", arg: "p", label: "¶", title: "paragraph" },
    { sep: true },
    { cmd: "insertUnorderedList", label: "•", title: "bullets" },
    { cmd: "insertOrderedList", label: "1.", title: "numbers" },
    { cmd: "formatBlock", arg: "blockquote", label: "❝", title: "quote" },
    { cmd: "createLink", icon: "link", title: "link" },
    { cmd: "unlink", icon: "unlink", title: "unlink" }
  ];
  var ICONS = {
    link: ["M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7", "M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7"],
    unlink: ["M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7", "M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7", "M3 3l18 18"]
  };

  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("fill", "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "2");
    svg.setAttribute("stroke-linecap", "round");
    ICONS[name].forEach(function (d) {
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  function toolLabel(key) {
    return (form.dataset["tool" + key.charAt(0).toUpperCase() + key.slice(1)]) || key;
  }

  function sync(area, textarea) {
    textarea.value = cleanHtml(area.innerHTML);
  }

  function enhance(textarea) {
    if (textarea.dataset.enhanced) {
      return;
    }
    textarea.dataset.enhanced = "1";
    var label = form.querySelector('label[for="' + textarea.id + '"]');
    if (label && !label.id) {
      label.id = textarea.id + "-label";
    }
    var box = document.createElement("div");
    box.className = "rte";
    var bar = document.createElement("div");
    bar.className = "rte__toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", toolLabel("bar"));
    bar.setAttribute("aria-controls", textarea.id + "-area");
    var area = document.createElement("div");
    area.className = "rte__area prose";
    area.id = textarea.id + "-area";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("dir", textarea.getAttribute("dir") || "ltr");
    area.setAttribute("data-rich-area", "");
    area.setAttribute("data-placeholder", toolLabel("placeholder"));
    if (label) {
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { area.focus(); });
    }
    ["aria-describedby", "aria-invalid"].forEach(function (name) {
      if (textarea.hasAttribute(name)) {
        area.setAttribute(name, textarea.getAttribute(name));
      }
    });
    area.innerHTML = cleanHtml(plainToHtml(textarea.value));

    var buttons = [];
    TOOLS.forEach(function (tool) {
      if (tool.sep) {
        var sep = document.createElement("span");
        sep.className = "rte__sep";
        sep.setAttribute("aria-hidden", "true");
        bar.appendChild(sep);
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "rte__button" + (tool.cls ? " rte__button--" + tool.cls : "");
      if (tool.icon) {
        button.appendChild(icon(tool.icon));
      } else {
        button.textContent = tool.label;
      }
      button.setAttribute("aria-label", toolLabel(tool.title));
      button.title = toolLabel(tool.title);
      button.tabIndex = buttons.length ? -1 : 0;
      if (tool.state) {
        button.setAttribute("aria-pressed", "false");
      }
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () { run(tool, area, textarea); });
      bar.appendChild(button);
      buttons.push({ el: button, tool: tool });
    });
    // Arrow keys move along the toolbar; Tab goes on to the text.
    bar.addEventListener("keydown", function (event) {
      var index = buttons.map(function (b) { return b.el; }).indexOf(document.activeElement);
      var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (index < 0 || next === undefined) {
        return;
      }
      event.preventDefault();
      next = (next + buttons.length) % buttons.length;
      buttons[index].el.tabIndex = -1;
      buttons[next].el.tabIndex = 0;
      buttons[next].el.focus();
    });

    area.addEventListener("input", function () { sync(area, textarea); markDirty(); });
    area.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data) {
        return;
      }
      event.preventDefault();
      var html = data.getData("text/html");
      var text = data.getData("text/plain");
      var clean = html ? cleanHtml(html) : cleanHtml(plainToHtml(escapeText(text)));
      document.execCommand("insertHTML", false, clean);
    });
    area.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        run({ cmd: "createLink" }, area, textarea);
      }
    });
    document.addEventListener("selectionchange", function () {
      if (document.activeElement !== area) {
        return;
      }
      buttons.forEach(function (b) {
        if (b.tool.state) {
          b.el.setAttribute("aria-pressed", String(document.queryCommandState(b.tool.cmd)));
        }
      });
    });

    box.appendChild(bar);
    box.appendChild(area);
    textarea.parentNode.insertBefore(box, textarea);
    textarea.hidden = true;
    textarea.classList.add("rte-source");
    var nojs = textarea.parentNode.querySelectorAll("[data-without-js]");
    Array.prototype.forEach.call(nojs, function (el) { el.hidden = true; });
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text || "";
    return div.innerHTML;
  }

  function run(tool, area, textarea) {
    area.focus();
    document.execCommand("defaultParagraphSeparator", false, "p");
    if (tool.cmd === "createLink") {
      var url = window.prompt(toolLabel("linkPrompt"), "https://");
      if (!url) {
        return;
      }
      if (!safeHref(url)) {
        window.alert(toolLabel("linkInvalid"));
        return;
      }
      var selection = window.getSelection();
      if (selection && selection.isCollapsed) {
        document.execCommand("insertHTML", false, '<a href="' + escapeText(url).replace(/"/g, "&quot;") + '">' + escapeText(url) + "</a>");
      } else {
        document.execCommand("createLink", false, url);
      }
    } else if (tool.cmd === "formatBlock") {
      document.execCommand("formatBlock", false, "<" + tool.arg + ">");
    } else {
      document.execCommand(tool.cmd, false, null);
    }
    sync(area, textarea);
    markDirty();
  }

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
    Array.prototype.forEach.call(block.querySelectorAll("[data-rich-text]"), enhance);
    setupMediaBlock(block);
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

  /* ---- Media blocks: the file is sent at once; the block keeps its id until saved ---- */
  var media = window.StoryHubMedia;

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
  }

  form.addEventListener("input", markDirty);
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
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", function (event) {
    if (sending) {
      event.preventDefault();
      return;
    }
    Array.prototype.forEach.call(form.querySelectorAll("[data-rich-area]"), function (area) {
      var textarea = document.getElementById(area.id.replace(/-area$/, ""));
      if (textarea) {
        sync(area, textarea);
      }
    });
    sending = true;
    dirty = false;
    window.setTimeout(function () { sending = false; }, 8000);
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
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

  Array.prototype.forEach.call(form.querySelectorAll("[data-rich-text]"), enhance);
  if (list) {
    blocks().forEach(setupMediaBlock);
  }
  setDirection();
  if (list) {
    renumber();
  }
})();
