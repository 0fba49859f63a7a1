// Narrows the timeline to an actor, a place or a tag. The choice lives in the URL's query
// (?actor=...&place=...&tag=...), so a filtered view can be shared. The filters are rendered hidden
// and shown here: without JavaScript they could not filter, and a <noscript> line points to the
// actors', places' and tags' pages instead.
(function () {
  "use strict";
  var form = document.querySelector("[data-timeline-filter]");
  if (!form) { return; }
  var fields = ["actor", "place", "tag"];
  var status = document.querySelector("[data-filter-status]");
  var fold = form.closest("details");
  if (fold) { fold.hidden = false; }
  var items = Array.prototype.slice.call(document.querySelectorAll("li.event-item[data-actors]"));
  // Each event's marks on the page's time axes (the whole span, and each zoomed month), by the
  // event page their links lead to: the filter dims those of the events it leaves out.
  var marks = {};
  document.querySelectorAll(".axis-plot li.mark a[href]").forEach(function (link) {
    var found = /events\/([^\/]+)\/?(?:index\.html)?$/.exec(link.getAttribute("href"));
    if (found) { (marks[found[1]] = marks[found[1]] || []).push(link.parentNode); }
  });

  function selected() {
    var choice = {};
    fields.forEach(function (name) { choice[name] = form.elements[name].value; });
    return choice;
  }

  function matches(item, choice) {
    return fields.every(function (name) {
      if (!choice[name]) { return true; }
      var values = (item.getAttribute("data-" + name + "s") || "").split(" ");
      return values.indexOf(choice[name]) !== -1;
    });
  }

  // The name of each actor, from the actor filter's own options.
  var actorNames = {};
  Array.prototype.forEach.call(form.elements.actor.options, function (o) { actorNames[o.value] = o.text; });

  // An event that is the chosen actor's only through its members says through which.
  function markVia(item, actor) {
    var old = item.querySelector(".event-via-filter");
    if (old) { old.parentNode.removeChild(old); }
    if (!actor) { return; }
    var members = (item.getAttribute("data-via") || "").split(" ").filter(function (pair) {
      return pair.split(":")[0] === actor;
    }).map(function (pair) { return actorNames[pair.split(":")[1]] || pair.split(":")[1]; });
    if (!members.length) { return; }
    var note = document.createElement("p");
    note.className = "event-via event-via-filter";
    note.textContent = "Via " + members.join(" and ");
    item.querySelector(".event-title").insertAdjacentElement("afterend", note);
  }

  function apply(choice) {
    var shown = 0;
    items.forEach(function (item) {
      var ok = matches(item, choice);
      item.hidden = !ok;
      (marks[item.id.replace(/^e-/, "")] || []).forEach(function (mark) { mark.classList.toggle("left-out", !ok); });
      if (ok) { shown += 1; }
      markVia(item, ok ? choice.actor : "");
    });
    // Hide the month and year headings that no longer have a visible event.
    document.querySelectorAll("section.month, section.year").forEach(function (section) {
      section.hidden = !section.querySelector("li.event-item:not([hidden])");
    });
    var active = fields.filter(function (name) { return choice[name]; });
    if (status) {
      status.textContent = active.length
        ? "Showing " + shown + " of " + items.length + " events; the time axis dims the others."
        : "";
    }
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    // A shared address with a choice shows the choice: the folded filters open.
    if (fold && fields.some(function (name) { return params.get(name); })) { fold.open = true; }
    fields.forEach(function (name) {
      var value = params.get(name) || "";
      var select = form.elements[name];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
  }

  function toUrl(choice) {
    var params = new URLSearchParams();
    fields.forEach(function (name) { if (choice[name]) { params.set(name, choice[name]); } });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  form.addEventListener("change", function () {
    var choice = selected();
    toUrl(choice);
    apply(choice);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var choice = selected();
    toUrl(choice);
    apply(choice);
  });
  form.querySelector(".filter-reset").addEventListener("click", function (event) {
    event.preventDefault();
    fields.forEach(function (name) { form.elements[name].value = ""; });
    toUrl(selected());
    apply(selected());
  });
  window.addEventListener("popstate", function () { fromUrl(); apply(selected()); });
  fromUrl();
  apply(selected());
})();
