/* Progressive enhancement only: every page works without this file.
 * Buttons with class "js-print" are rendered with the `hidden` attribute; when JavaScript runs
 * they are shown and print the page. (Articles use news/article.js and its ?print=1 fallback.)
 * The phone menu needs no script: it folds by CSS alone (see .site-nav__bar in portal.css). */
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
  });
})();
