(function () {
  "use strict";
  var input = document.getElementById("case-search");
  var status = document.getElementById("search-status");
  var table = document.getElementById("cases");
  if (!input || !status || !table) {
    return;
  }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var template = status.getAttribute("data-template") || "{shown}/{total}";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = rows.map(function (row) {
    return fold(row.textContent).replace(/\s+/g, " ");
  });
  function update() {
    var wanted = fold(input.value).replace(/\s+/g, " ").trim();
    var shown = 0;
    rows.forEach(function (row, i) {
      var hit = texts[i].indexOf(wanted) !== -1;
      row.hidden = !hit;
      if (hit) {
        shown += 1;
      }
    });
    status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
  }
  input.addEventListener("input", update);
  update();
})();
