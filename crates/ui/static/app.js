// Dateline UI: progressive enhancement only. Every page is readable without JavaScript.
// Keys: "/" focuses search; "j"/"k" move through results; "Enter" opens the selected one.
(function () {
  "use strict";
  var sel = -1;
  function hits() { return Array.prototype.slice.call(document.querySelectorAll(".hit")); }
  function select(i) {
    var h = hits();
    if (!h.length) return;
    sel = Math.max(0, Math.min(h.length - 1, i));
    h.forEach(function (x, j) { x.classList.toggle("selected", j === sel); });
    var a = h[sel].querySelector("h3 a");
    if (a) { a.focus(); }
  }
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/") { var q = document.getElementById("q"); if (q) { e.preventDefault(); q.focus(); q.select(); } }
    else if (e.key === "j") { select(sel + 1); }
    else if (e.key === "k") { select(sel - 1); }
  });
})();
