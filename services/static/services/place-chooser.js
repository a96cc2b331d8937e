// Province → commune/ward chooser: reload the ward list when the province changes.
document.querySelectorAll("select[data-place-province]").forEach(function (province) {
  var ward = document.getElementById("id_" + province.dataset.placeProvince);
  if (!ward) return;
  province.addEventListener("change", function () {
    var first = ward.options[0];
    ward.innerHTML = "";
    ward.appendChild(first);
    if (!province.value) return;
    fetch("/dich-vu-cong-dia-ban/" + encodeURIComponent(province.value) + "/")
      .then(function (r) { return r.ok ? r.json() : { wards: [] }; })
      .then(function (data) {
        data.wards.forEach(function (w) { ward.appendChild(new Option(w.name, w.code)); });
      });
  });
});
