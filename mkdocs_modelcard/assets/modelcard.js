/* mkdocs-modelcard: sort and filter the model card index.
 * Progressive enhancement: without JavaScript the table is complete and sorted
 * by title.  The view (filters and sort) lives in the URL query so it can be
 * linked.  Works with Material's instant navigation (document$) and without. */
(function () {
  "use strict";

  var PARAMS = ["q", "license", "min", "sort", "dir"];

  function text(el) {
    return (el.textContent || "").replace(/\s+/g, " ").trim();
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    PARAMS.forEach(function (name) {
      state[name] = params.get(name) || "";
    });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams(window.location.search);
    PARAMS.forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
      else params.delete(name);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  function sortValue(row, key) {
    var value = row.getAttribute("data-" + key) || "";
    if (key === "score" || key === "missing") return parseFloat(value) || 0;
    return value.toLocaleLowerCase();
  }

  function setup(root) {
    if (root.getAttribute("data-modelcard-ready")) return;
    root.setAttribute("data-modelcard-ready", "1");
    var table = root.querySelector("table.modelcard-index");
    var controls = root.querySelector(".modelcard-controls");
    if (!table || !controls) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var query = controls.querySelector("[name=q]");
    var license = controls.querySelector("[name=license]");
    var min = controls.querySelector("[name=min]");
    var count = controls.querySelector(".modelcard-count");
    var buttons = Array.prototype.map.call(table.querySelectorAll("th[data-sort]"), function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "modelcard-sort";
      button.setAttribute("data-sort", th.getAttribute("data-sort"));
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      return button;
    });

    var licenses = {};
    rows.forEach(function (row) {
      var value = row.getAttribute("data-license");
      if (value) licenses[value] = true;
    });
    Object.keys(licenses).sort().forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      license.appendChild(option);
    });

    var state = readState();
    query.value = state.q;
    license.value = licenses[state.license] ? state.license : "";
    min.value = state.min;

    function apply() {
      var words = query.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var minimum = parseFloat(min.value);
      var shown = 0;
      rows.forEach(function (row) {
        var haystack = text(row).toLocaleLowerCase() + " " + (row.getAttribute("data-path") || "").toLocaleLowerCase();
        var visible =
          words.every(function (w) { return haystack.indexOf(w) !== -1; }) &&
          (!license.value || row.getAttribute("data-license") === license.value) &&
          (isNaN(minimum) || parseFloat(row.getAttribute("data-score")) >= minimum);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown === rows.length ? rows.length + " cards" : shown + " of " + rows.length + " cards";

      var key = state.sort;
      var descending = state.dir === "desc";
      var ordered = rows.slice();
      if (key) {
        ordered.sort(function (a, b) {
          var x = sortValue(a, key);
          var y = sortValue(b, key);
          var result = x < y ? -1 : x > y ? 1 : 0;
          if (result === 0) result = a.getAttribute("data-order") - b.getAttribute("data-order");
          else if (descending) result = -result;
          return result;
        });
      }
      ordered.forEach(function (row) { body.appendChild(row); });
      buttons.forEach(function (button) {
        var th = button.parentNode;
        if (button.getAttribute("data-sort") === key) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      writeState({ q: query.value.trim(), license: license.value, min: min.value, sort: state.sort, dir: state.dir });
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-sort");
        if (state.sort === key) state.dir = state.dir === "desc" ? "asc" : "desc";
        else {
          state.sort = key;
          state.dir = key === "score" ? "desc" : "asc";
        }
        apply();
      });
    });
    [query, license, min].forEach(function (input) {
      input.addEventListener("input", apply);
      input.addEventListener("change", apply);
    });
    controls.hidden = false;
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".modelcard-index-page"), setup);
  }

  // The script is in the index page's content, so Material's instant navigation runs it again on each
  // visit: subscribe once, and let that one subscription set up every later index page.
  if (typeof window.document$ !== "undefined" && window.document$ && window.document$.subscribe) {
    if (!window.modelcardIndexSubscribed) {
      window.modelcardIndexSubscribed = true;
      window.document$.subscribe(init);
    } else {
      init();
    }
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
