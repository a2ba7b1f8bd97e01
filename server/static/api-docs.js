// Draws the interactive HTTP API documentation (Swagger UI, from npm) from /openapi.json.
(function () {
  "use strict";
  var target = document.getElementById("swagger-ui");
  if (!target || typeof SwaggerUIBundle === "undefined") return;
  target.innerHTML = "";
  SwaggerUIBundle({
    url: target.dataset.openapi,
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No "validator badge": it would send the document to an outside service.
    validatorUrl: null,
  });
})();
