/* Reading aids for every page of the book (loaded in <head> through html_js_files).
 *
 * 1. Sidebar buttons that work (pydata-sphinx-theme issue #2451). Since pydata-sphinx-theme 0.17 each page has
 *    two `.primary-toggle` and two `.secondary-toggle` buttons: the base theme's own, hidden in this layout, and
 *    sphinx-book-theme's visible ones in the article header. Both themes bind their click handlers with
 *    `document.querySelector(...)`, i.e. to the first (hidden) button only, so the visible hamburger and the
 *    "contents" button do nothing. Here a click on any other toggle is forwarded to the first one, which runs
 *    the themes' own code (the drawer dialog on phones, the collapsing sidebar on wide screens). The click is
 *    stopped in the capture phase, so the visible button's own listeners (if a later theme version binds
 *    them) never run as well: one click, one toggle.
 * 2. A "hide code" switch in the article header of every page with code cells. It hides the input of every
 *    code cell (outputs stay), is a real <button> with aria-pressed (keyboard and screen readers), and is
 *    remembered across pages in localStorage. The choice is applied before the page is painted.
 * 3. Wide tables scroll inside their own box; when a box is scrollable it gets a visible cue above it.
 *
 * No network, no dependencies.
 */
(function () {
  "use strict";

  // -- 1. sidebar toggles ---------------------------------------------------------------------------------
  var TOGGLES = [".primary-toggle", ".secondary-toggle"];

  window.addEventListener(
    "click",
    function (event) {
      var target = event.target;
      if (!target || typeof target.closest !== "function") {
        return;
      }
      for (var i = 0; i < TOGGLES.length; i += 1) {
        var button = target.closest(TOGGLES[i]);
        if (!button) {
          continue;
        }
        var bound = document.querySelector(TOGGLES[i]);
        if (bound && bound !== button) {
          event.preventDefault();
          event.stopPropagation();
          bound.click();
        }
        return;
      }
    },
    true
  );

  // -- 2. the hide-code switch ----------------------------------------------------------------------------
  var KEY = "lanicemine-code-hidden";
  var ROOT = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY) === "true";
    } catch (err) {
      return false; // storage disabled: the switch still works on this page
    }
  }

  function apply(hidden) {
    if (hidden) {
      ROOT.setAttribute("data-lanicemine-code", "hidden");
    } else {
      ROOT.removeAttribute("data-lanicemine-code");
    }
    var buttons = document.querySelectorAll(".lanicemine-code-switch");
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", hidden ? "true" : "false");
      var label = button.querySelector(".lanicemine-code-switch__text");
      if (label) {
        label.textContent = hidden ? "Show code" : "Hide code";
      }
      button.title = hidden
        ? "Show the code cells again (remembered on every page)"
        : "Hide all code cells (remembered on every page)";
    });
    // The theme makes scrollable code boxes focusable (tabindex) on load and on resize; code that was hidden
    // and is shown again needs that recomputed, so announce a resize once the layout has changed.
    if (document.readyState !== "loading") {
      window.requestAnimationFrame(function () {
        window.dispatchEvent(new Event("resize"));
      });
    }
  }

  apply(stored()); // before the first paint: no flash of code for readers who hid it

  function addSwitch() {
    if (!document.querySelector(".cell_input")) {
      return; // a page without code cells needs no switch
    }
    var place = document.querySelector(".article-header-buttons");
    if (!place || place.querySelector(".lanicemine-code-switch")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm lanicemine-code-switch";
    button.innerHTML =
      '<i class="fa-solid fa-code" aria-hidden="true"></i><span class="lanicemine-code-switch__text">Hide code</span>';
    button.addEventListener("click", function () {
      var hidden = ROOT.getAttribute("data-lanicemine-code") !== "hidden";
      try {
        window.localStorage.setItem(KEY, hidden ? "true" : "false");
      } catch (err) {
        // storage disabled: apply to this page only
      }
      apply(hidden);
    });
    place.insertBefore(button, place.firstChild);
    apply(stored());
  }

  // Another page (or tab) changed the choice: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      apply(event.newValue === "true");
    }
  });

  // -- 3. wide tables -------------------------------------------------------------------------------------
  var TABLE_BOXES = ".pst-scrollable-table-container, .cell_output .output.text_html";

  function markWideTables() {
    var boxes = document.querySelectorAll(TABLE_BOXES);
    Array.prototype.forEach.call(boxes, function (box) {
      if (!box.querySelector("table")) {
        return;
      }
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("lanicemine-wide", wide);
      var cue = box.previousElementSibling;
      var hasCue = cue && cue.classList.contains("lanicemine-scroll-cue");
      if (wide && !hasCue) {
        cue = document.createElement("p");
        cue.className = "lanicemine-scroll-cue";
        cue.setAttribute("aria-hidden", "true"); // the box itself is focusable and scrollable by keyboard
        cue.textContent = "Wide table: scroll sideways inside it \u2192";
        box.parentNode.insertBefore(cue, box);
      } else if (!wide && hasCue) {
        cue.remove();
      }
    });
  }

  var pending = null;
  function later() {
    window.clearTimeout(pending);
    pending = window.setTimeout(markWideTables, 150);
  }

  function ready(fn) {
    if (document.readyState !== "loading") {
      fn();
    } else {
      document.addEventListener("DOMContentLoaded", fn);
    }
  }

  ready(function () {
    addSwitch();
    markWideTables();
    window.addEventListener("resize", later);
    window.addEventListener("load", markWideTables);
  });
})();
