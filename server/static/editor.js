// The YASGUI editor on the home page: one tab per example query, results as table, raw or chart.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var config = document.getElementById("editor-config");
  if (!root || !config || typeof Yasgui === "undefined") return;
  var cfg = JSON.parse(config.textContent);
  var endpoint = new URL(cfg.endpoint, window.location.href).href;
  if (window.ZonegraphChart) Yasgui.Yasr.registerPlugin("chart", window.ZonegraphChart);
  // Our IRIs never depend on the host; in the results table they link to this server's pages.
  var Table = Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table;
  if (Table && Table.prototype.getUriLinkFromBinding) {
    var link = Table.prototype.getUriLinkFromBinding;
    Table.prototype.getUriLinkFromBinding = function () {
      return link.apply(this, arguments)
        .replace(/href=(['"])https:\/\/w3id\.org\/zonegraph\/id\//g, "href=$1/id/")
        .replace(/href=(['"])https:\/\/w3id\.org\/zonegraph\/ontology#/g, "href=$1/ontology#");
    };
  }
  // Tabs are built from the examples on every visit, so nothing is kept in localStorage.
  Yasgui.defaults.requestConfig.endpoint = endpoint;
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    autoAddOnInit: false,
    populateFromUrl: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasr: { pluginOrder: ["table", "response", "chart"], defaultPlugin: "table" },
  });
  cfg.examples.forEach(function (example, i) {
    yasgui.addTab(i === 0, {
      name: example.title,
      yasqe: { value: example.query },
      requestConfig: { endpoint: endpoint, method: "POST" },
    });
  });
  window.zonegraphYasgui = yasgui;
})();
