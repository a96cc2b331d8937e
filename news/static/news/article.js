// "In bài": the print button is only shown when JavaScript runs; without it, a ?print=1 link.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  if (new URLSearchParams(window.location.search).get("print") === "1") {
    window.print();
  }
});
