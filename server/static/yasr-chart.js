// A "Chart" view for YASR: bars of the first numeric column by the first text column, drawn
// by vega-embed. Registered by editor.js as window.ZonegraphChart.
(function () {
  "use strict";
  var NUMERIC = /#(decimal|integer|double|float|long|int|short|nonNegativeInteger|positiveInteger)$/;

  function isNumber(b) {
    return b && b.type !== "uri" && b.type !== "bnode" &&
      (NUMERIC.test(b.datatype || "") || (b.value !== "" && isFinite(Number(b.value))));
  }

  function text(b) {
    if (!b) return "";
    if (b.type === "uri") return b.value.replace(/[#/]$/, "").split(/[#/]/).pop();
    return b.value;
  }

  // Which columns to chart: {value, category, series} or null when nothing fits.
  function columns(results) {
    var vars = results.getVariables() || [];
    var rows = results.getBindings() || [];
    if (!rows.length) return null;
    var numeric = vars.filter(function (v) {
      var bound = rows.filter(function (r) { return r[v]; });
      return bound.length && bound.every(function (r) { return isNumber(r[v]); });
    });
    var other = vars.filter(function (v) { return numeric.indexOf(v) < 0; });
    if (!numeric.length || !other.length) return null;
    var labels = other.filter(function (v) { return /label$/i.test(v); });
    var category = labels.length ? labels[0] : other[0];
    var rest = other.filter(function (v) { return v !== category && !/label$/i.test(v); });
    return { value: numeric[0], category: category, series: labels.length ? null : rest[0] || null };
  }

  function ZonegraphChart(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Chart";
  }
  ZonegraphChart.prototype.canHandleResults = function () {
    try {
      return !!(this.yasr.results && this.yasr.results.getBindings && columns(this.yasr.results));
    } catch (e) {
      return false;
    }
  };
  ZonegraphChart.prototype.getIcon = function () {
    var icon = document.createElement("span");
    icon.textContent = "▥";
    return icon;
  };
  ZonegraphChart.prototype.draw = function () {
    var cols = columns(this.yasr.results);
    var data = this.yasr.results.getBindings().map(function (r) {
      return {
        category: text(r[cols.category]),
        value: Number(r[cols.value] ? r[cols.value].value : NaN),
        series: cols.series ? text(r[cols.series]) : "",
      };
    });
    var encoding = {
      y: { field: "category", type: "nominal", title: cols.category, sort: "-x" },
      x: { field: "value", type: "quantitative", title: cols.value },
      tooltip: [{ field: "category" }, { field: "value" }],
    };
    if (cols.series) encoding.color = { field: "series", type: "nominal", title: cols.series };
    var el = document.createElement("div");
    el.className = "zonegraph-chart";
    this.yasr.resultsEl.appendChild(el);
    return vegaEmbed(el, {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      data: { values: data },
      mark: { type: "bar", tooltip: true },
      width: 480,
      encoding: encoding,
    }, { renderer: "svg", actions: false });
  };
  window.ZonegraphChart = ZonegraphChart;
})();
