// On search.html, a status line says how many results MkDocs' own search (search/main.js, not the
// project's code) has found, so a screen reader announces one short sentence rather than reading
// every result out again at each key press.
(function () {
  "use strict";
  var input = document.getElementById("mkdocs-search-query");
  var results = document.getElementById("mkdocs-search-results");
  var status = document.querySelector("[data-search-status]");
  if (!input || !results || !status || !window.MutationObserver) { return; }
  new MutationObserver(function () {
    var count = results.querySelectorAll("article").length;
    var query = input.value.trim();
    if (!query) {
      status.textContent = "";
    } else if (count === 0) {
      status.textContent = "Nothing matches \u201c" + query + "\u201d.";
    } else {
      status.textContent = count + (count === 1 ? " result" : " results") + " for \u201c" + query + "\u201d.";
    }
  }).observe(results, { childList: true });
})();
