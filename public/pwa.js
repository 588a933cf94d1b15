// Registers the service worker (release builds only: the server leaves this script out in
// development) and keeps the person told: progress while pages are saved, "Ready to work
// offline", an install button or the iOS steps, and a calm prompt when an update is waiting.
(() => {
  if (!("serviceWorker" in navigator)) return;
  const $ = (id) => document.getElementById(id);
  const panel = document.querySelector(".app-panel");
  const status = $("offline-status");
  const progress = $("offline-progress");
  const prompt = $("update-prompt");
  const show = (element, visible = true) => {
    if (element) element.hidden = !visible;
  };
  const say = (text) => {
    show(panel);
    if (status) status.textContent = text;
  };
  // Reload only when the person accepted an update, never when the first worker takes over.
  let accepted = false;

  // Once everything is saved, say whether the app is using the network or the saved copy.
  let ready = false;
  const sayConnection = () => {
    if (ready) say(navigator.onLine ? "Ready to work offline." : "Offline: using what is saved on this device.");
  };
  window.addEventListener("online", sayConnection);
  window.addEventListener("offline", sayConnection);

  // The messages the worker sends (src/pwa/sw.js): progress, ready, version; the tracker listens
  // for log-glass itself.
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (!data) return;
    if (data.type === "progress" && !navigator.serviceWorker.controller) {
      show(progress);
      progress.max = data.total;
      progress.value = data.done;
      say(`Saving pages for offline use: ${data.done} of ${data.total}`);
    } else if (data.type === "ready" || data.type === "version") {
      show(progress, false);
      ready = true;
      sayConnection();
      document.documentElement.dataset.offlineVersion = data.version;
    }
  });

  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (accepted) window.location.reload();
  });

  const offerUpdate = (registration) => {
    if (!registration.waiting || !navigator.serviceWorker.controller) return;
    show(prompt);
    $("update-accept").onclick = () => {
      accepted = true;
      registration.waiting?.postMessage({ type: "skip-waiting" });
    };
    $("update-later").onclick = () => show(prompt, false);
  };

  const register = async () => {
    const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    offerUpdate(registration);
    registration.addEventListener("updatefound", () => {
      const incoming = registration.installing;
      incoming?.addEventListener("statechange", () => {
        if (incoming.state === "installed") offerUpdate(registration);
      });
    });
    navigator.serviceWorker.controller?.postMessage({ type: "version" });
    // A page left open (a phone on the night stand) still hears about new versions.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => undefined);
    });
  };
  // Without a worker the app still works online; say why offline use is missing.
  const start = () =>
    register().catch(() => say("This browser could not set up offline use. The app still works while online."));
  // After the page has loaded, so saving pages never competes with the first paint.
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });

  // Install: the browser's own prompt where it offers one, the Share steps on iOS Safari.
  const installButton = $("install-app");
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    show(panel);
    show(installButton);
    installButton.onclick = async () => {
      show(installButton, false);
      await event.prompt();
    };
  });
  window.addEventListener("appinstalled", () => show(installButton, false));
  const standalone = window.matchMedia("(display-mode: standalone)").matches || navigator.standalone;
  // iPads report a Mac in their user agent; a Mac with a touch screen is an iPad.
  const appleTouch = /iphone|ipad|ipod/i.test(navigator.userAgent) ||
    (/macintosh/i.test(navigator.userAgent) && navigator.maxTouchPoints > 1);
  if (appleTouch && !standalone) {
    show(panel);
    show($("ios-install"));
  }
})();
