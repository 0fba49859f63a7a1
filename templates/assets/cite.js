// On an event's page, completes "Cite this event": the page's address where the site was built
// without knowing where it is published, the date consulted (today), and both in the CSL-JSON;
// and a button that copies the permanent link. Without JavaScript the citation reads
// "Consulted on the date you read it" and the link can still be selected and copied by hand.
(function () {
  "use strict";
  var cite = document.querySelector("[data-cite]");
  if (!cite) { return; }
  var months = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  var today = new Date();
  var field = cite.querySelector("[data-permalink]");
  var address = field.value;
  if (!cite.getAttribute("data-site-url")) {
    address = window.location.href.split("#")[0].split("?")[0];
    field.value = address;
    cite.querySelector("[data-permalink-text]").textContent = address;
  }
  cite.querySelector("[data-consulted]").textContent =
    "on " + today.getDate() + " " + months[today.getMonth()] + " " + today.getFullYear();
  var code = cite.querySelector("[data-csl]");
  var items = JSON.parse(code.textContent);
  items[0].URL = address;
  items[0].accessed = { "date-parts": [[today.getFullYear(), today.getMonth() + 1, today.getDate()]] };
  var json = JSON.stringify(items, null, 2);
  code.textContent = json;
  cite.querySelector("[data-csl-download]").href =
    "data:application/vnd.citationstyles.csl+json;charset=utf-8," + encodeURIComponent(json);
  var copy = cite.querySelector("[data-copy]");
  var status = cite.querySelector("[data-copy-status]");
  if (navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        status.textContent = "Copied.";
      }, function () {
        field.select();
        status.textContent = "Select the link and copy it.";
      });
    });
  }
  field.addEventListener("focus", function () { field.select(); });
})();
