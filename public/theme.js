// Applies the theme chosen on this device before the first paint, so a dark room never sees a
// white flash. The toggle (src/theme.rs) writes the same key.
(function () {
  try {
    var choice = localStorage.getItem("leg-relief.theme");
    if (choice === "light" || choice === "dark") {
      document.documentElement.setAttribute("data-theme", choice);
    }
  } catch (e) {
    /* storage blocked: the server default stays */
  }
})();
