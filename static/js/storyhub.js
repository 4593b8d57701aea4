/* StoryHub: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Ask before destructive actions: <form data-confirm="Are you sure?">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // A form without action posts to this URL with its #fragment (after the skip link, #main),
    // and the browser would then focus the fragment instead of the error summary.
    if (form.getAttribute && !form.hasAttribute("action") && window.location.hash) {
      form.setAttribute("action", window.location.pathname + window.location.search);
    }
  });

  // Print buttons: <button data-print>
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      window.print();
    }
  });

  // Move focus to the error summary so screen-reader and keyboard users land on it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
    }
  });
})();
