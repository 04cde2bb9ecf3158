// Instant filtering of the table of afspraken. Without JavaScript the
// filter links (one generated page per onderdeel, party and state) do the job.
(function () {
  "use strict";
  var form = document.querySelector("form.live-filter");
  var table = document.querySelector("table.commitment-table");
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var count = form.querySelector(".live-count");
  function apply() {
    var onderdeel = form.elements.onderdeel.value;
    var partij = form.elements.partij.value;
    var status = form.elements.status.value;
    var shown = 0;
    rows.forEach(function (tr) {
      var ok = (!onderdeel || tr.dataset.deel === onderdeel) &&
        (!partij || (" " + tr.dataset.partijen + " ").indexOf(" " + partij + " ") >= 0) &&
        (!status || tr.dataset.status === status);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + (shown === 1 ? " afspraak" : " afspraken") + " getoond";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
