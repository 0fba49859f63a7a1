// On a source's page, a link such as #q278-375 names a quoted passage by its offsets in the text.
// The passage may run over several highlighted runs (quotes overlap), so mark every run inside it
// as the current passage. Without JavaScript the source's page highlights the same runs by :target.
(function () {
  "use strict";
  function show() {
    var match = /^#q(\d+)-(\d+)$/.exec(window.location.hash);
    var marks = document.querySelectorAll(".source-text mark[data-start]");
    var start = match ? Number(match[1]) : -1;
    var end = match ? Number(match[2]) : -1;
    Array.prototype.forEach.call(marks, function (mark) {
      var inside = Number(mark.getAttribute("data-start")) >= start && Number(mark.getAttribute("data-end")) <= end;
      mark.classList.toggle("current", match !== null && inside);
    });
  }
  window.addEventListener("hashchange", show);
  show();
})();
