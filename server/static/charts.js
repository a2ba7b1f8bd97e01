// Draws every Vega / Vega-Lite spec the page carries (script.vega-spec) with vega-embed, as SVG.
(function () {
  "use strict";
  document.querySelectorAll("script.vega-spec").forEach(function (el) {
    var target = document.getElementById(el.dataset.target);
    if (!target || typeof vegaEmbed === "undefined") return;
    var spec = JSON.parse(el.textContent);
    target.innerHTML = "";
    vegaEmbed(target, spec, { renderer: "svg", actions: false })
      .then(function () { target.classList.add("drawn"); })
      .catch(function (err) {
        target.textContent = "The chart could not be drawn: " + err.message;
      });
  });
})();
