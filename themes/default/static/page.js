// handout: what every page does with scripts on. "Print" buttons stay hidden
// without scripts, since only a script can open the browser's print dialog.
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
