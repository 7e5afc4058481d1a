/* Alliance 8.7 platform: the phone menu and tables that stack into labelled rows on narrow screens.
   Loaded in <head> without defer so the "js" class is set before the page is drawn (no flash of the open menu);
   every page reads fully without it: the menu is then always open and tables scroll inside their own box. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setUpMenu() {
    var button = document.querySelector(".menu-button");
    if (!button) return;
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") === "true";
      button.setAttribute("aria-expanded", open ? "false" : "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
    if (menu) menu.classList.add("collapsible");
  }

  /* A table drawn as blocks loses its table semantics in some browsers: state them (Adrian Roselli's pattern). */
  function keepTableRoles(table) {
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell) {
        var scope = cell.getAttribute("scope");
        var role = cell.tagName === "TD" ? "cell" : scope === "row" ? "rowheader" : "columnheader";
        cell.setAttribute("role", role);
      });
    });
  }

  /* Each body cell gets its column's heading as data-label, shown before it when the table stacks. */
  function labelTables() {
    var tables = document.querySelectorAll("main table:not(.no-stack)");
    Array.prototype.forEach.call(tables, function (table) {
      var headRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!headRow) return;
      var labels = [];
      Array.prototype.forEach.call(headRow.cells, function (cell) {
        for (var i = 0; i < (cell.colSpan || 1); i++) labels.push(cell.textContent.trim());
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (labels[column] && cell.colSpan === 1) cell.setAttribute("data-label", labels[column]);
            column += cell.colSpan || 1;
          });
        });
      });
      keepTableRoles(table);
      table.classList.add("stackable");
    });
  }

  function ready() {
    setUpMenu();
    labelTables();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  document.addEventListener("htmx:afterSettle", labelTables);
})();
