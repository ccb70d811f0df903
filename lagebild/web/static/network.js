// The actor network: who acts on whom, edges coloured by PLOVER quad class and as wide as
// their number of events; a click on an actor opens its page. Drawn by the vendored cytoscape.
(function () {
  "use strict";
  var box = document.getElementById("network");
  if (!box || typeof cytoscape === "undefined") return;
  var colours = JSON.parse(document.getElementById("quad-colours").textContent);
  fetch(box.dataset.src).then(function (r) { return r.json(); }).then(function (net) {
    if (!net.nodes.length) { box.textContent = "No events with actors on both sides yet."; return; }
    var elements = net.nodes.map(function (n) {
      return { data: { id: n.id, label: n.name, weight: n.events || 1 } };
    }).concat(net.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target, count: e.count,
                       colour: colours[e.quad_code] || colours[0] } };
    }));
    var cy = cytoscape({
      container: box, elements: elements, wheelSensitivity: 0.2,
      layout: { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 90 },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": "#1f5fa8",
                                     width: "mapData(weight, 1, 30, 12, 40)", height: "mapData(weight, 1, 30, 12, 40)" } },
        { selector: "edge", style: { "line-color": "data(colour)", "target-arrow-color": "data(colour)",
                                     "target-arrow-shape": "triangle", "curve-style": "bezier",
                                     width: "mapData(count, 1, 10, 1, 8)", opacity: 0.8 } }
      ]
    });
    cy.on("tap", "node", function (ev) { window.location.href = "/ui/actors/" + ev.target.id(); });
    box.dataset.ready = String(net.nodes.length);
  }).catch(function (err) { box.textContent = "The network could not be loaded."; console.warn(err); });
})();
