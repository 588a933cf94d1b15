// The theme: applies the choice stored on this device before the first paint, so a dark room
// never sees a white flash, and runs the "Dark theme" switch (src/theme.rs renders it).
// Flipping back to what the app shows by default forgets the choice, so the system's own
// light/dark setting applies again. From 10 p.m. to 7 a.m. the app dims itself (data-night),
// unless the person chose the light theme: a cramp at 3 a.m. shouldn't meet a bright screen.
(function () {
  var KEY = "leg-relief.theme";
  var root = document.documentElement;
  // The server's default from Leptos.toml: "light", "dark", or none for the system's look.
  var serverDefault = root.getAttribute("data-theme");
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  function stored() {
    try {
      var choice = localStorage.getItem(KEY);
      return choice === "light" || choice === "dark" ? choice : null;
    } catch (e) {
      return null; // storage blocked: the server default stays
    }
  }

  function isNight() {
    var hour = new Date().getHours();
    return hour >= 22 || hour < 7;
  }

  function isDark() {
    if (root.hasAttribute("data-night")) return true;
    var theme = root.getAttribute("data-theme");
    return theme ? theme === "dark" : systemDark.matches;
  }

  function showState() {
    var buttons = document.querySelectorAll("[data-theme-toggle]");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", String(isDark()));
  }

  function apply(choice) {
    var theme = choice || serverDefault;
    if (theme) root.setAttribute("data-theme", theme);
    else root.removeAttribute("data-theme");
    if (isNight() && choice !== "light") root.setAttribute("data-night", "");
    else root.removeAttribute("data-night");
    showState();
  }

  apply(stored());
  document.addEventListener("DOMContentLoaded", showState);
  systemDark.addEventListener("change", showState);
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element && event.target.closest("[data-theme-toggle]");
    if (!button) return;
    var wantDark = !isDark();
    var defaultDark = isNight() || (serverDefault ? serverDefault === "dark" : systemDark.matches);
    var choice = wantDark === defaultDark ? null : wantDark ? "dark" : "light";
    try {
      if (choice) localStorage.setItem(KEY, choice);
      else localStorage.removeItem(KEY);
    } catch (e) {
      /* not remembered, but still applied */
    }
    apply(choice);
  });
})();
