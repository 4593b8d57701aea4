/* Times in the reader's zone. The server writes each <time data-local-time datetime="…"> in the
   zone named on <body data-zone> (the account's, UTC for visitors). When the browser's own zone
   is another one, the times are rewritten in it, with that zone named; and a signed-in reader's
   account learns the zone (one request), so the next pages come written in it; unless the
   reader chose a zone by hand in their account (<body data-zone-chosen>). */
(function () {
  "use strict";

  var body = document.body;
  var lang = document.documentElement.lang || undefined;
  var browserZone = "";
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!browserZone || !body || body.getAttribute("data-zone") === browserZone) {
    return;
  }
  if (body.hasAttribute("data-zone-chosen")) {
    return;  /* chosen by hand in the account: the server's times, in that zone, stay */
  }

  var saveUrl = body.getAttribute("data-zone-save");
  var token = document.querySelector("input[name=csrf_token]");  /* the header's sign-out form */
  if (saveUrl && token && window.fetch) {
    var data = new FormData();
    data.append("time_zone", browserZone);
    data.append("csrf_token", token.value);
    fetch(saveUrl, { method: "POST", body: data, credentials: "same-origin" }).catch(function () {
      /* offline: the next page tries again */
    });
  }

  var styles = {
    deadline: { dateStyle: "long", timeStyle: "short" },
    "short": { dateStyle: "short", timeStyle: "short" }
  };
  Array.prototype.forEach.call(document.querySelectorAll("time[data-local-time]"), function (el) {
    var instant = new Date(el.getAttribute("datetime"));
    if (isNaN(instant.getTime())) {
      return;
    }
    try {
      var style = styles[el.getAttribute("data-local-time")] || { dateStyle: "medium", timeStyle: "short" };
      var text = new Intl.DateTimeFormat(lang, style).format(instant);
      var zone = new Intl.DateTimeFormat(lang, { timeZoneName: "short" })
        .formatToParts(instant)
        .filter(function (part) { return part.type === "timeZoneName"; })
        .map(function (part) { return part.value; })[0];
      el.textContent = text + (zone ? " (" + zone + ")" : "");
      el.title = browserZone;
    } catch (error) {
      /* an old browser keeps the text written by the server */
    }
  });
})();
