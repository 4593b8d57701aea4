/* Times in the reader's zone: each <time data-local-time datetime="…Z"> written by the server in
   UTC (labelled "UTC") is shown in the browser's own time zone, with that zone named. */
(function () {
  "use strict";

  var lang = document.documentElement.lang || undefined;
  Array.prototype.forEach.call(document.querySelectorAll("time[data-local-time]"), function (el) {
    var instant = new Date(el.getAttribute("datetime"));
    if (isNaN(instant.getTime())) {
      return;
    }
    try {
      var text = new Intl.DateTimeFormat(lang, {
        dateStyle: "medium", timeStyle: "short"
      }).format(instant);
      var zone = new Intl.DateTimeFormat(lang, { timeZoneName: "short" })
        .formatToParts(instant)
        .filter(function (part) { return part.type === "timeZoneName"; })
        .map(function (part) { return part.value; })[0];
      el.textContent = text + (zone ? " (" + zone + ")" : "");
      el.title = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      /* an old browser keeps the UTC text written by the server */
    }
  });
})();
