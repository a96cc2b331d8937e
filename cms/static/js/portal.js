/* Progressive enhancement only: every page works without this file.
 * - Buttons with class "js-print" (rendered with the `hidden` attribute) are shown and print the page.
 * - Links with ?print=1 in the address open the print dialog once the page has loaded. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    if (typeof window.print !== "function") { return; }
    document.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        window.print();
      });
    });
    if (/[?&]print=1(&|$)/.test(window.location.search)) {
      window.setTimeout(function () { window.print(); }, 300);
    }
  });
})();
