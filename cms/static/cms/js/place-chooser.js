/* Province → ward chooser for every citizen form (tips, online applications).
 * The page carries only the chosen province's wards. Without JavaScript a "Chọn" button
 * (inside <noscript>, so that nothing moves when scripts run) sends the form back to the
 * server, which shows it again with that province's wards and everything typed so far.
 * With JavaScript the wards come from the places API
 * (GET /api/v1/places/provinces/{code}/wards) when the province changes; when the API does
 * not answer, the form takes the same server round trip as the button.
 * Markup: <select data-wards="id_of_the_ward_select" data-step="name_of_the_step_button">. */
(function () {
  "use strict";
  var API = "/api/v1/places/provinces/";
  var cache = {};

  function wards(code) {
    if (!cache[code]) {
      cache[code] = fetch(API + encodeURIComponent(code) + "/wards?so_muc=500", { headers: { Accept: "application/json" } })
        .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
        .then(function (data) { return data.items || []; });
      cache[code].catch(function () { delete cache[code]; });
    }
    return cache[code];
  }

  function fill(select, items) {
    var placeholder = select.options[0] && !select.options[0].value ? select.options[0] : new Option("— Chọn xã, phường —", "");
    select.replaceChildren(placeholder);
    items.forEach(function (item) { select.appendChild(new Option(item.name, String(item.code))); });
    select.value = "";
  }

  function roundTrip(province) {
    var form = province.form;
    if (!form) { return; }
    var step = document.createElement("input");
    step.type = "hidden";
    step.name = province.dataset.step || "chon_tinh";
    step.value = province.name;
    form.appendChild(step);
    form.submit();
  }

  if (typeof window.fetch !== "function") { return; }
  document.querySelectorAll("select[data-wards]").forEach(function (province) {
    var ward = document.getElementById(province.dataset.wards);
    if (!ward) { return; }
    province.addEventListener("change", function () {
      fill(ward, []);
      if (!province.value) { return; }
      ward.setAttribute("aria-busy", "true");
      wards(province.value)
        .then(function (items) { fill(ward, items); ward.removeAttribute("aria-busy"); })
        .catch(function () { roundTrip(province); });
    });
  });
})();
