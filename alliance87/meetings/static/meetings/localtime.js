// Shows an event's times in the reader's own time zone, next to the event's zone and UTC printed by the server.
// The browser knows the reader's zone and names it in the page's language ("Central European Standard Time",
// "heure normale d'Europe centrale"), never as a tz database name ("Europe/Zurich").
(function () {
  "use strict";
  function show() {
    var format;
    try {
      format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        weekday: "long", day: "numeric", month: "long", year: "numeric",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "long"
      });
    } catch (e) { return; }
    document.querySelectorAll("[data-local-times]").forEach(function (target) {
      var start = new Date(target.getAttribute("data-start"));
      var end = new Date(target.getAttribute("data-end"));
      if (isNaN(start) || isNaN(end)) { return; }
      target.querySelector("[data-local-value]").textContent =
        format.formatRange ? format.formatRange(start, end) : format.format(start) + " – " + format.format(end);
      target.hidden = false;
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", show); } else { show(); }
})();
