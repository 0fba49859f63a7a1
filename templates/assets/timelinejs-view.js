// The Timeline view: TimelineJS 3, served from this site, reading the chronology's timelinejs.json.
// Every option that would reach another site is off: no web fonts, no analytics, no Google Sheets.
(function () {
  "use strict";
  var element = document.getElementById("timeline-embed");
  if (!element || !window.TL) { return; }
  // Hidden until now: without this script the page shows no empty frame and names no period.
  element.hidden = false;
  var source = element.getAttribute("data-source");
  // A long timeline is shown a period at a time: the one the address names, else the first.
  var periods = document.querySelectorAll("a[data-period]");
  if (periods.length) {
    var wanted = new URLSearchParams(window.location.search).get("period");
    var chosen = periods[0];
    periods.forEach(function (link) {
      if (link.getAttribute("data-period") === wanted) { chosen = link; }
    });
    chosen.setAttribute("aria-current", "page");
    source = chosen.getAttribute("data-source");
    var label = document.querySelector("[data-timelinejs-label]");
    if (label) {
      label.textContent = chosen.textContent;
      label.hidden = false;
    }
  }
  var timeline = new window.TL.Timeline(element, source, {
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
