// One filter for the list of afspraken. Without JavaScript each link of
// the filter (an onderdeel, a party, a state) opens a page of its own; on
// the page with all afspraken this script makes the same links filter the
// table at once, and lets a choice per group combine with the others.
(function () {
  "use strict";
  var nav = document.querySelector("nav.filters[data-live]");
  var table = document.querySelector("table.commitment-table");
  if (!nav || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-filter]"));
  var count = nav.querySelector(".live-count");
  var chosen = { onderdeel: "", partij: "", status: "" };
  function apply() {
    var shown = 0;
    rows.forEach(function (tr) {
      var ok = (!chosen.onderdeel || tr.dataset.deel === chosen.onderdeel) &&
        (!chosen.partij || (" " + tr.dataset.partijen + " ").indexOf(" " + chosen.partij + " ") >= 0) &&
        (!chosen.status || tr.dataset.status === chosen.status);
      tr.hidden = !ok;
      if (ok) shown++;
    });
    links.forEach(function (a) {
      if (chosen[a.dataset.filter] === a.dataset.key) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    count.textContent = shown + (shown === 1 ? " afspraak" : " afspraken") + " getoond";
  }
  nav.addEventListener("click", function (e) {
    var a = e.target.closest("a[data-filter]");
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    chosen[a.dataset.filter] = a.dataset.key;
    apply();
  });
  apply();
})();
