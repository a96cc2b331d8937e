/* Progressive enhancement only: every page works without this file.
 * Buttons with class "js-print" are rendered with the `hidden` attribute; when JavaScript runs
 * they are shown and print the page. (Articles use news/article.js and its ?print=1 fallback.)
 * The main menu folds behind its "Danh mục" button on phones (CSS shows the button below 40rem). */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var toggle = document.querySelector(".site-nav__toggle");
    var list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (toggle && list) {
      toggle.hidden = false;
      list.classList.add("is-collapsed");
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        list.classList.toggle("is-collapsed", !open);
      });
    }
  });
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
