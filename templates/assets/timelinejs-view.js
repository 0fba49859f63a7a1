// The Timeline view: TimelineJS 3, served from this site, reading the chronology's timelinejs.json.
// Every option that would reach another site is off: no web fonts, no analytics, no Google Sheets.
(function () {
  "use strict";
  var element = document.getElementById("timeline-embed");
  if (!element || !window.TL) { return; }
  var timeline = new window.TL.Timeline(element, element.getAttribute("data-source"), {
    font: null,
    language: "en",
    ga_measurement_id: null,
    hash_bookmark: false,
    initial_zoom: 2
  });
  // The title slide has no date, and TimelineJS leaves its date heading empty: an empty heading is
  // noise to a screen reader, so it is removed once the slides are built.
  timeline.on("loaded", function () {
    element.querySelectorAll(".tl-headline-date").forEach(function (heading) {
      if (!heading.textContent.trim()) { heading.remove(); }
    });
  });
})();
