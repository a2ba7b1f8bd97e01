// The YASGUI editor on the home page: the user's tabs kept in the browser, the examples as tabs
// on a first visit (and on "Restore the example tabs"), share links (/#query=...) opened in a
// tab of their own, one-click "Link to this query" and "Download as CSV", plain result values.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  var config = document.getElementById("editor-config");
  if (!root || !config || typeof Yasgui === "undefined") return;
  var cfg = JSON.parse(config.textContent);
  var endpoint = new URL(cfg.endpoint, window.location.href).href;
  var SEEDED = "zonegraph-examples-seeded";
  if (window.ZonegraphChart) Yasgui.Yasr.registerPlugin("chart", window.ZonegraphChart);
  var Table = Yasgui.Yasr.plugins && Yasgui.Yasr.plugins.table;
  if (Table && Table.prototype.getUriLinkFromBinding) {
    // Our IRIs never depend on the host; in the results table they link to this server's pages.
    var link = Table.prototype.getUriLinkFromBinding;
    Table.prototype.getUriLinkFromBinding = function () {
      return link.apply(this, arguments)
        .replace(/href=(['"])https:\/\/w3id\.org\/zonegraph\/id\//g, "href=$1/id/")
        .replace(/href=(['"])https:\/\/w3id\.org\/zonegraph\/ontology#/g, "href=$1/ontology#");
    };
  }
  if (Table && Table.prototype.draw) {
    // Values as people read them ("Chengdu", 3), not "Chengdu"@en and "3"^^xsd:integer,
    // unless the user turns the simple view off (YASR keeps that choice).
    var draw = Table.prototype.draw;
    Table.prototype.draw = function (persistent) {
      return draw.call(this, Object.assign({ compact: true }, persistent || {}));
    };
  }

  function storageWorks() {
    try {
      window.localStorage.setItem("zonegraph-probe", "1");
      window.localStorage.removeItem("zonegraph-probe");
      return true;
    } catch (e) {
      return false;
    }
  }
  var persistent = storageWorks();
  var shared = false;
  Yasgui.defaults.requestConfig.endpoint = endpoint;
  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    // The user's tabs and edits survive a reload (localStorage), as on any YASGUI.
    persistenceId: persistent ? "zonegraph" : null,
    autoAddOnInit: false,
    populateFromUrl: function (tab) {
      // A share link's query runs here, whatever endpoint the link names.
      shared = true;
      // Named apart from the example it may come from, which stays as it is.
      tab.name = "Shared: " + (tab.name || "query");
      tab.requestConfig.endpoint = endpoint;
      tab.requestConfig.method = "POST";
      return tab;
    },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasr: { pluginOrder: ["table", "response", "chart"], defaultPlugin: "table" },
  });

  function exampleText(example) {
    if (!example.blocked.length) return example.query;
    return "# This example calls " + example.blocked.join(", ") + ", which this server does not\n" +
      "# allow: it answers only when the endpoint is in ZONEGRAPH_SERVICE_ALLOWLIST.\n" + example.query;
  }

  function findTab(name) {
    var ids = yasgui.persistentConfig.getTabs();
    for (var i = 0; i < ids.length; i++) {
      var tab = yasgui.getTab(ids[i]);
      if (tab && tab.getName() === name) return tab;
    }
    return null;
  }

  // The examples as tabs: missing ones added, edited ones put back as they were.
  function restoreExamples(selectFirst) {
    cfg.examples.forEach(function (example, i) {
      var tab = findTab(example.title);
      var text = exampleText(example);
      var conf = {
        name: example.title,
        yasqe: { value: text },
        requestConfig: { endpoint: endpoint, method: "POST" },
      };
      if (!tab) {
        yasgui.addTab(selectFirst && i === 0, conf);
      } else if (tab.getPersistedJson().yasqe.value !== text) {
        if (tab === yasgui.getTab()) {
          tab.setQuery(text);
        } else {
          // A tab in the background has no editor to set: put a fresh one in its place.
          var at = yasgui.persistentConfig.getTabs().indexOf(tab.getId());
          tab.close();
          yasgui.addTab(false, conf, { atIndex: at });
        }
      }
    });
    try { window.localStorage.setItem(SEEDED, "1"); } catch (e) { /* storage off */ }
  }

  var seeded = false;
  try { seeded = window.localStorage.getItem(SEEDED) === "1"; } catch (e) { seeded = false; }
  if (!seeded || !yasgui.persistentConfig.getTabs().length) restoreExamples(!shared);
  if (shared) {
    // The shared query stays the tab in front; the address bar no longer carries it.
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  // One click: a link to the query of the tab in front, and its results as CSV.
  var csv = document.getElementById("query-csv");
  var share = document.getElementById("query-link");
  var shown = document.getElementById("query-link-text");
  function currentQuery() {
    var tab = yasgui.getTab();
    return tab ? tab.getQuery() : "";
  }
  function refreshCsv() {
    if (csv) csv.href = cfg.endpoint + "?query=" + encodeURIComponent(currentQuery()) + "&format=csv";
  }
  yasgui.on("tabSelect", function () { setTimeout(refreshCsv, 0); });
  yasgui.on("tabChange", refreshCsv);
  yasgui.on("query", refreshCsv);
  document.addEventListener("keyup", refreshCsv);
  refreshCsv();
  if (share) {
    share.addEventListener("click", function () {
      var tab = yasgui.getTab();
      // YASGUI's own share link (#query=...&endpoint=...&outputFormat=...), which any
      // YASGUI opens; a bare /#query=... works too.
      var url = tab && tab.getShareableLink ? tab.getShareableLink() :
        window.location.origin + window.location.pathname + "#query=" +
        encodeURIComponent(currentQuery());
      if (shown) {
        shown.hidden = false;
        shown.href = url;
        shown.textContent = url.length > 90 ? url.slice(0, 87) + "…" : url;
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).catch(function () { /* the link is shown anyway */ });
      }
    });
  }
  var tools = document.querySelector(".editor-tools");
  if (tools) tools.hidden = false;  // they need this script; without it the page has a form
  var restore = document.getElementById("restore-examples");
  if (restore) restore.addEventListener("click", function () { restoreExamples(false); });
  window.zonegraphYasgui = yasgui;
})();
