/* The map of twinned territories (/map): Leaflet + markercluster, vendored in static/vendor/leaflet.
   Progressive: without this script the page is the list of territories by country. By default the
   map makes no third-party request: land shapes from our server, markers and lines. Tiles from
   MAP_TILE_URL load only after the visitor presses "Show the detailed map" (#map-tiles).
   No inline script or style: data comes from the JSON endpoint named in data-map-data. */
(function () {
  "use strict";

  var box = document.getElementById("map");
  if (!box || !window.fetch) { return; }

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function popup(place) {
    var root = el("div", "bx-popup");
    var title = el("a", "bx-popup__title", place.name);
    title.href = place.url;
    title.setAttribute("aria-label", (box.dataset.openLabel || "%(place)s").replace("%(place)s", place.name));
    root.appendChild(title);
    root.appendChild(el("p", "bx-popup__country", place.country));
    if (place.exchanges.length) {
      var list = el("ul", "bx-popup__list");
      place.exchanges.forEach(function (exchange) {
        var item = el("li");
        var link = el("a", "", exchange.title);
        link.href = exchange.url;
        item.appendChild(link);
        list.appendChild(item);
      });
      root.appendChild(list);
    }
    return root;
  }

  function draw(L, data, land) {
    box.hidden = false;
    document.getElementById("map-note").hidden = false;
    var map = L.map(box, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5 });
    box.setAttribute("aria-label", box.dataset.label || "");
    box.setAttribute("role", "region");

    map.createPane("land");
    map.getPane("land").classList.add("bx-map__land-pane");
    if (land) {
      L.geoJSON(land, { pane: "land", interactive: false, className: "bx-map__land", attribution: "Natural Earth" }).addTo(map);
    }
    var tilesButton = document.getElementById("map-tiles");
    if (box.dataset.tileUrl && tilesButton) {
      tilesButton.hidden = false;
      tilesButton.addEventListener("click", function () {
        /* The visitor chose it: only now is their address sent to the tile server. */
        L.tileLayer(box.dataset.tileUrl, {
          attribution: box.dataset.tileAttribution || "",
          maxZoom: 19,
          crossOrigin: false
        }).addTo(map);
        tilesButton.hidden = true;
        box.setAttribute("data-tiles", "on");
      }, { once: true });
    }

    var bySlug = {};
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
    data.places.forEach(function (place) {
      bySlug[place.slug] = place;
      var marker = L.marker([place.lat, place.lng], {
        title: place.name,
        alt: place.name,
        keyboard: true,
        icon: L.divIcon({ className: "bx-pin", html: "<span></span>", iconSize: [22, 22], iconAnchor: [11, 11] })
      });
      marker.bindPopup(function () { return popup(place); });
      cluster.addLayer(marker);
    });

    data.links.forEach(function (link) {
      var a = bySlug[link.from], b = bySlug[link.to];
      if (!a || !b) { return; }
      var lngB = b.lng;
      if (lngB - a.lng > 180) { lngB -= 360; } else if (a.lng - lngB > 180) { lngB += 360; }
      L.polyline([[a.lat, a.lng], [b.lat, lngB]], { className: "bx-map__link", interactive: false }).addTo(map);
    });
    map.addLayer(cluster);

    var points = data.places.map(function (p) { return [p.lat, p.lng]; });
    if (points.length) {
      map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 6 });
    } else {
      map.setView([20, 10], 2);
    }
  }

  Promise.all([
    load(box.dataset.leafletJs).then(function () { return load(box.dataset.clusterJs); }),
    getJSON(box.dataset.mapData),
    getJSON(box.dataset.landUrl).catch(function () { return null; })
  ]).then(function (results) {
    draw(window.L, results[1], results[2]);
  }).catch(function () {
    box.hidden = true; /* the list below stays: nothing is lost */
  });
})();
