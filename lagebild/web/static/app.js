// The article view's details panel: a click (or Enter) on a marked piece of text shows every
// item that covers it (entity, actor, quote, time, place, event), read from the JSON the
// page carries; the lists in the panel select their marks in the text.
(function () {
  "use strict";
  var source = document.getElementById("mark-details");
  if (!source) return;
  var details = JSON.parse(source.textContent);
  var panel = document.getElementById("details");
  var LABELS = { entity: "Entity", actor: "Actor", quote: "Quote", speaker: "Speaker", cue: "Cue",
                 time: "Time", place: "Place", trigger: "Event" };

  function field(dl, name, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = name;
    dd.textContent = Array.isArray(value) ? value.join(", ") : typeof value === "object" ? JSON.stringify(value) : String(value);
    dl.appendChild(dt); dl.appendChild(dd);
  }

  function show(keys) {
    panel.textContent = "";
    document.querySelectorAll(".m.selected").forEach(function (el) { el.classList.remove("selected"); });
    keys.forEach(function (key) {
      var item = details[key];
      if (!item) return;
      var h = document.createElement("h3");
      h.textContent = (LABELS[item.layer] || item.layer) + (item.type ? ": " + item.type : item.name ? ": " + item.name : "");
      var dl = document.createElement("dl");
      Object.keys(item).forEach(function (k) { if (k !== "layer") field(dl, k, item[k]); });
      panel.appendChild(h); panel.appendChild(dl);
      document.querySelectorAll(".m").forEach(function (el) {
        if ((" " + el.dataset.marks + " ").indexOf(" " + key + " ") >= 0) el.classList.add("selected");
      });
    });
  }

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-marks]");
    if (!el) return;
    if (el.tagName === "A") ev.preventDefault();
    show(el.dataset.marks.split(" "));
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches(".m")) show(ev.target.dataset.marks.split(" "));
  });
})();
