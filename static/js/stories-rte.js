/* StoryHub story editor, rich text: StoryHub.richText.cleanHtml keeps the same small set of
   tags the server keeps (the server cleans again); StoryHub.richText.create(form, onChange)
   returns enhance(textarea), which turns a text block's textarea into a small rich-text
   editor (bold, italic, headings, lists, quote, link) that writes clean HTML back into it,
   and sync(area, textarea). Used by stories-editor.js, loaded after it. */
(function () {
  "use strict";

  var StoryHub = window.StoryHub = window.StoryHub || {};

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
  // One row of plain words with an icon each: on a narrow editor only the icons show, and the
  // word stays as the button's accessible name (never jargon like H2 or ¶). Heading, quote and
  // link are toggles: pressed inside one, a second press turns it back to plain text.
  var TOOLS = [
    { cmd: "bold", title: "bold", icon: "bold" },
    { cmd: "italic", title: "italic", icon: "italic" },
    { cmd: "formatBlock", arg: "h2", title: "heading", icon: "heading" },
    { cmd: "insertUnorderedList", title: "bullets", icon: "bullets" },
    { cmd: "insertOrderedList", title: "numbers", icon: "numbers" },
    { cmd: "formatBlock", arg: "blockquote", title: "quote", icon: "quote" },
    { cmd: "createLink", title: "link", icon: "link" }
  ];
  var ICONS = {
    bold: ["M7 5h6a3.5 3.5 0 0 1 0 7H7z", "M7 12h7a3.5 3.5 0 0 1 0 7H7z"],
    italic: ["M19 4h-9", "M14 20H5", "M15 4 9 20"],
    heading: ["M4 7V4h16v3", "M9 20h6", "M12 4v16"],
    bullets: ["M9 6h12", "M9 12h12", "M9 18h12", "M4 6h.01", "M4 12h.01", "M4 18h.01"],
    numbers: ["M10 6h11", "M10 12h11", "M10 18h11", "M4 5l1-1v5", "M4 14h2l-2 3h2"],
    quote: ["M4 9h5v5c0 2.5-1.5 4-4 4", "M14 9h5v5c0 2.5-1.5 4-4 4"],
    link: ["M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7", "M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7"]
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
    svg.setAttribute("stroke-linejoin", "round");
    ICONS[name].forEach(function (d) {
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  // The block (h2, blockquote) or link around the caret, inside area; null outside.
  function around(area, tagName) {
    var selection = window.getSelection();
    var node = selection && selection.anchorNode;
    while (node && node !== area) {
      if (node.nodeName === tagName) {
        return node;
      }
      node = node.parentNode;
    }
    return null;
  }

  function isOn(tool, area) {
    if (tool.cmd === "createLink") {
      return Boolean(around(area, "A"));
    }
    if (tool.cmd === "formatBlock") {
      return Boolean(around(area, tool.arg.toUpperCase()));
    }
    return document.queryCommandState(tool.cmd);
  }

  function sync(area, textarea) {
    textarea.value = cleanHtml(area.innerHTML);
  }

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text || "";
    return div.innerHTML;
  }

  // The parts that need the editor's form (labels, messages) and its "changed" callback.
  function create(form, markDirty) {
    function toolLabel(key) {
      return (form.dataset["tool" + key.charAt(0).toUpperCase() + key.slice(1)]) || key;
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
        var button = document.createElement("button");
        var word = document.createElement("span");
        button.type = "button";
        button.className = "rte__button";
        button.setAttribute("data-tool", tool.title);
        button.appendChild(icon(tool.icon));
        word.className = "rte__word";
        word.textContent = toolLabel(tool.title);
        button.appendChild(word);
        button.title = toolLabel(tool.title + "Hint");
        button.tabIndex = buttons.length ? -1 : 0;
        button.setAttribute("aria-pressed", "false");
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
          b.el.setAttribute("aria-pressed", String(isOn(b.tool, area)));
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

    function run(tool, area, textarea) {
      area.focus();
      document.execCommand("defaultParagraphSeparator", false, "p");
      if (tool.cmd === "createLink" && around(area, "A")) {
        var link = around(area, "A");
        var range = document.createRange();
        range.selectNodeContents(link);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        document.execCommand("unlink", false, null);
      } else if (tool.cmd === "createLink") {
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
        var block = around(area, tool.arg.toUpperCase()) ? "p" : tool.arg;
        document.execCommand("formatBlock", false, "<" + block + ">");
      } else {
        document.execCommand(tool.cmd, false, null);
      }
      sync(area, textarea);
      markDirty();
    }

    return { enhance: enhance, sync: sync };
  }

  StoryHub.richText = { cleanHtml: cleanHtml, create: create };
})();
