// handout serve: reload this page after each rebuild; show a failed build's problems.
(function () {
  "use strict";
  var seen = null;
  var overlay = null;

  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "handout-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
        "color:#fff;font:16px/1.5 system-ui,sans-serif;padding:2rem";
      var heading = document.createElement("h2");
      heading.textContent = "The site could not be rebuilt";
      heading.style.cssText = "color:#ffb4a8;margin:0 0 .5rem;font-size:1.4rem";
      var help = document.createElement("p");
      help.textContent = "Fix the file named below and save it; this page updates by itself. " +
        "Until then the last good version of the site is served.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;font:15px/1.5 monospace;background:#000;padding:1rem;border-radius:6px";
      overlay.append(heading, help, pre);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  }

  function listen() {
    var events = new EventSource("/__handout/events");
    events.addEventListener("state", onState);
  }

  function onState(event) {
    var state = JSON.parse(event.data);
    if (state.error) {
      show(state.error);
    } else if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (seen !== null && state.generation !== seen && !state.error) {
      location.reload();
    }
    seen = state.generation;
  }

  // Connect once the page has loaded, so the open stream never holds up its load event.
  if (document.readyState === "complete") {
    listen();
  } else {
    window.addEventListener("load", listen);
  }
})();
