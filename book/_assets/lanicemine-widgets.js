/* Loaded before require.js and the locally served Jupyter widgets manager on pages that hold widgets.
 *
 * 1. The manager (html-manager 1.x) is an AMD module; it resolves its icon fonts relative to its module
 *    URL, which require.js would otherwise place beside the page ("book/@jupyter-widgets/..."). A global
 *    `require` object set before require.js loads is its configuration: map the manager's module ids
 *    into _static/html-manager/dist/ (copied there from vendor/html-manager/dist/), where the fonts are.
 * 2. The manager typesets math in widget labels with the MathJax 2 call `MathJax.Hub.Queue([...])`; the book
 *    loads MathJax 3, which has no `Hub`. Give every object assigned to `window.MathJax` a small `Hub` whose
 *    `Queue` forwards to MathJax 3's `typesetPromise` once MathJax is ready.
 */
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  if (here) {
    var assets = here.replace(/[?#].*$/, "").replace(/[^/]*$/, "") + "html-manager";
    window.__jupyter_widgets_assets_path__ = assets + "/";
    if (typeof window.require === "undefined") {
      // Two module ids compute a public path: the package itself and its dist/libembed-amd module.
      // Map both into _static/html-manager/dist/, where the font files are.
      window.require = {
        paths: {
          "@jupyter-widgets/html-manager": assets + "/dist/embed-amd",
          "@jupyter-widgets/html-manager/dist": assets + "/dist",
        },
      };
    }
  }

  function queue() {
    var jobs = Array.prototype.slice.call(arguments);
    jobs.forEach(function (job) {
      if (!Array.isArray(job) || job[0] !== "Typeset") {
        return;
      }
      var element = job[2];
      var mj = window.MathJax;
      var ready = mj && mj.startup && mj.startup.promise ? mj.startup.promise : null;
      if (!ready || typeof mj.typesetPromise !== "function") {
        return; // MathJax 3 typesets the whole page itself once it has loaded
      }
      ready
        .then(function () {
          return mj.typesetPromise(element ? [element] : undefined);
        })
        .catch(function (err) {
          console.warn("MathJax could not typeset a widget label:", err);
        });
    });
  }

  function withHub(value) {
    if (value && typeof value === "object" && !Object.prototype.hasOwnProperty.call(value, "Hub")) {
      Object.defineProperty(value, "Hub", { value: { Queue: queue }, enumerable: false, configurable: true });
    }
    return value;
  }

  var current = withHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    enumerable: true,
    get: function () {
      return current;
    },
    set: function (value) {
      current = withHub(value);
    },
  });
})();

/* Accessibility: ipywidgets' sliders (noUiSlider) render a focusable handle with role="slider" but no
 * accessible name, and announce the option *index* as their value. Give each handle its widget's visible
 * label as name and its readout (e.g. "125 mg") as value text, and keep them current as the slider moves. */
(function () {
  "use strict";
  function labelSliders() {
    var handles = document.querySelectorAll(".widget-slider .noUi-handle");
    Array.prototype.forEach.call(handles, function (handle) {
      var widget = handle.closest(".widget-slider");
      var label = widget && widget.querySelector(".widget-label");
      var readout = widget && widget.querySelector(".widget-readout");
      var name = label && label.textContent ? label.textContent.trim() : "";
      var text = readout && readout.textContent ? readout.textContent.trim() : "";
      if (name && handle.getAttribute("aria-label") !== name) {
        handle.setAttribute("aria-label", name);
      }
      if (text && handle.getAttribute("aria-valuetext") !== text) {
        handle.setAttribute("aria-valuetext", text);
      }
    });
  }
  new MutationObserver(labelSliders).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["aria-valuetext"],
  });
})();
