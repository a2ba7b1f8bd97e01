// A "Chart" view for YASR, drawn by vega-embed. Registered by editor.js as window.ZonegraphChart.
// A period column on the x-axis gives lines (one per text column value); otherwise bars of the
// first numeric column by the first label column, sorted. Values are never stacked (percentages
// and ranks do not add up): rows that share a category get bars of their own, coloured by series. Axes carry the column names;
// labels are never cut into look-alikes.
(function () {
  "use strict";
  var NUMERIC = /#(decimal|integer|double|float|long|int|short|nonNegativeInteger|positiveInteger)$/;
  var PERIOD_NAME = /(period|year|date|month|quarter|half)$/i;
  var PERIOD_VALUE = /^\d{4}(-(H[12]|Q[1-4]|\d{2}(-\d{2})?))?$/;
  var PERIOD_DATATYPE = /#(gYear|gYearMonth|date|dateTime)$/;

  function isNumber(b) {
    return b && b.type !== "uri" && b.type !== "bnode" && !PERIOD_DATATYPE.test(b.datatype || "") &&
      (NUMERIC.test(b.datatype || "") || (b.value !== "" && isFinite(Number(b.value))));
  }

  function text(b) {
    if (!b) return "";
    if (b.type === "uri") return b.value.replace(/[#/]$/, "").split(/[#/]/).pop();
    return b.value;
  }

  function isPeriod(b) {
    if (!b) return false;
    if (PERIOD_DATATYPE.test(b.datatype || "")) return true;
    if (b.type === "uri") return /reference\.data\.gov\.uk\/id\/|\/period\//.test(b.value);
    return PERIOD_VALUE.test(b.value);
  }

  // "areaLabel" -> "area", "growth_pct" -> "growth pct": axis titles people read.
  function title(variable) {
    return variable.replace(/Label$/, "").replace(/_/g, " ")
      .replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  }

  function every(rows, v, test) {
    var bound = rows.filter(function (r) { return r[v]; });
    return bound.length > 0 && bound.every(function (r) { return test(r[v]); });
  }

  // Which columns to chart: {value, category, series, period} or null when nothing fits.
  function columns(results) {
    var vars = results.getVariables() || [];
    var rows = results.getBindings() || [];
    if (!rows.length) return null;
    var period = vars.filter(function (v) {
      return every(rows, v, isPeriod) && (PERIOD_NAME.test(v) || every(rows, v, function (b) {
        return b.type === "uri" || PERIOD_DATATYPE.test(b.datatype || "");
      }));
    })[0] || null;
    var numeric = vars.filter(function (v) { return v !== period && every(rows, v, isNumber); });
    var other = vars.filter(function (v) { return numeric.indexOf(v) < 0 && v !== period; });
    if (!numeric.length || (!other.length && !period)) return null;
    var labels = other.filter(function (v) { return /label$/i.test(v); });
    var category = labels.length ? labels[0] : other[0] || null;
    var rest = other.filter(function (v) { return v !== category && !/label$/i.test(v); });
    return { value: numeric[0], category: category, series: rest[0] || null, period: period };
  }

  // Category texts made unique, so two rows never share (and stack on) one bar.
  function distinct(data) {
    var seen = {};
    data.forEach(function (d) { seen[d.category] = (seen[d.category] || 0) + 1; });
    var n = {};
    data.forEach(function (d) {
      if (seen[d.category] > 1 && d.series) d.category = d.category + " · " + d.series;
    });
    data.forEach(function (d) { n[d.category] = (n[d.category] || 0) + 1; });
    var k = {};
    data.forEach(function (d) {
      if (n[d.category] > 1) {
        k[d.category] = (k[d.category] || 0) + 1;
        d.category = d.category + " (" + k[d.category] + ")";
      }
    });
    return data;
  }

  function spec(cols, rows) {
    var data = rows.map(function (r) {
      return {
        category: cols.category ? text(r[cols.category]) : "",
        value: Number(r[cols.value] ? r[cols.value].value : NaN),
        series: cols.series ? text(r[cols.series]) : "",
        period: cols.period ? text(r[cols.period]) : "",
      };
    });
    var value = { field: "value", type: "quantitative", title: title(cols.value), stack: null };
    var base = { $schema: "https://vega.github.io/schema/vega-lite/v6.json", width: 480 };
    if (cols.period) {
      var tooltip = [{ field: "period", title: title(cols.period) }, { field: "value", title: title(cols.value) }];
      var line = Object.assign(base, {
        data: { values: data },
        height: 260,
        mark: { type: "line", point: true, tooltip: true },
        encoding: {
          x: { field: "period", type: "ordinal", title: title(cols.period), sort: "ascending" },
          y: value,
          tooltip: tooltip,
        },
      });
      if (cols.category) {
        line.encoding.color = { field: "category", type: "nominal", title: title(cols.category),
          legend: { labelLimit: 400 } };
        tooltip.unshift({ field: "category", title: title(cols.category) });
      }
      return line;
    }
    data = distinct(data);
    var bars = Object.assign(base, {
      data: { values: data },
      mark: { type: "bar", tooltip: true },
      encoding: {
        // Long names: the axis title sits above the labels instead of across them.
        y: { field: "category", type: "nominal", title: title(cols.category), sort: "-x",
          axis: { labelLimit: 400, titleAngle: 0, titleAlign: "right", titleAnchor: "end", titleY: -6 } },
        x: value,
        tooltip: [{ field: "category", title: title(cols.category) }, { field: "value", title: title(cols.value) }],
      },
    });
    if (cols.series) {
      // Coloured by series; distinct() gave every row a bar of its own, so none is stacked.
      bars.encoding.color = { field: "series", type: "nominal", title: title(cols.series),
        legend: { labelLimit: 400 } };
      bars.encoding.tooltip.push({ field: "series", title: title(cols.series) });
    }
    return bars;
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
    var s = spec(columns(this.yasr.results), this.yasr.results.getBindings());
    var el = document.createElement("div");
    el.className = "zonegraph-chart";
    // What was drawn, for people (and tests) who want to see the spec.
    el.dataset.spec = JSON.stringify(s);
    this.yasr.resultsEl.appendChild(el);
    return vegaEmbed(el, s, { renderer: "svg", actions: false });
  };
  ZonegraphChart.spec = spec;
  ZonegraphChart.columns = columns;
  window.ZonegraphChart = ZonegraphChart;
})();
