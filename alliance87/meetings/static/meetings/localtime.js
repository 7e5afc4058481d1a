// Shows an event's times in the reader's own time zone, next to the event's zone and UTC printed by the server.
(function () {
  "use strict";
  function show() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      dateStyle: "medium", timeStyle: "short"
    });
    document.querySelectorAll("[data-local-times]").forEach(function (target) {
      var start = new Date(target.getAttribute("data-start"));
      var end = new Date(target.getAttribute("data-end"));
      if (isNaN(start) || isNaN(end)) { return; }
      target.querySelector("[data-local-value]").textContent =
        format.format(start) + " – " + format.format(end) + " (" + zone + ")";
      target.hidden = false;
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", show); } else { show(); }
})();
