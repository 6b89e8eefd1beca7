// The interactive maps of the HTML report and placement plan (outputs.md
// "Interactive maps in the HTML"): each <div class="webmap"> has its data in
// the <script type="application/json"> that follows it, written by
// shisetsu report: layers of GeoJSON features in longitude/latitude whose
// properties carry their colour and popup lines. Leaflet is inlined before
// this script; there is no tile layer, so the page needs no network.
(function () {
  "use strict";
  window.shisetsuMaps = [];

  function popupOf(lines) {
    var box = document.createElement("div");
    lines.forEach(function (line, i) {
      var p = document.createElement(i === 0 ? "strong" : "div");
      p.textContent = line;
      box.appendChild(p);
    });
    return box;
  }

  function legendOf(data, visible) {
    var box = document.createElement("div");
    box.className = "webmap-legend";
    data.layers.forEach(function (layer) {
      if (!visible[layer.name] || !layer.legend || !layer.legend.length) return;
      var title = document.createElement("div");
      title.className = "webmap-legend-title";
      title.textContent = layer.name;
      box.appendChild(title);
      layer.legend.forEach(function (entry) {
        var row = document.createElement("div");
        var swatch = document.createElement("span");
        swatch.className = "webmap-swatch";
        swatch.style.background = entry[0];
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(entry[1]));
        box.appendChild(row);
      });
    });
    return box;
  }

  function build(element, data) {
    var map = L.map(element, { zoomSnap: 0.25, preferCanvas: false });
    var overlays = {}, visible = {}, byName = {};
    data.layers.forEach(function (layer) {
      var group = L.geoJSON(layer.features, {
        pointToLayer: function (feature, latlng) {
          var p = feature.properties;
          return L.circleMarker(latlng, { radius: p.radius || 5, color: p.stroke || "#333", weight: 1,
                                          fillColor: p.colour, fillOpacity: 0.9 });
        },
        style: function (feature) {
          var p = feature.properties;
          return { color: p.stroke || p.colour, weight: p.weight === undefined ? 1 : p.weight,
                   fillColor: p.colour, fillOpacity: p.opacity === undefined ? 0.35 : p.opacity };
        },
        onEachFeature: function (feature, shape) {
          if (feature.properties.popup) shape.bindPopup(popupOf(feature.properties.popup));
        }
      });
      overlays[layer.name] = group;
      byName[layer.name] = group;
      visible[layer.name] = !!layer.show;
      if (layer.show) group.addTo(map);
    });
    map.fitBounds(data.bounds);
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    L.control.scale({ imperial: false }).addTo(map);
    var legend = L.control({ position: "bottomleft" });
    legend.onAdd = function () { return legendOf(data, visible); };
    legend.addTo(map);
    function redraw() {
      legend.remove();
      legend.addTo(map);
    }
    // Facilities stay above the areas and cells switched on after them, so a click reaches them.
    function pointsOnTop() {
      data.layers.forEach(function (layer) {
        var first = layer.features.features[0];
        if (first && first.geometry.type === "Point" && map.hasLayer(byName[layer.name])) byName[layer.name].bringToFront();
      });
    }
    map.on("overlayadd", function (e) { visible[e.name] = true; pointsOnTop(); redraw(); });
    map.on("overlayremove", function (e) { visible[e.name] = false; redraw(); });
    window.shisetsuMaps.push({ map: map, layers: byName, data: data });
  }

  document.querySelectorAll("div.webmap").forEach(function (element) {
    var source = element.nextElementSibling;
    if (!source || source.type !== "application/json") return;
    build(element, JSON.parse(source.textContent));
  });
})();
