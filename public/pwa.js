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

  // Once everything is saved, say whether this page came over the network or from the copy on
  // the device. The worker says when it answered from the copy (served-saved); a check of the
  // network says when that changes. navigator.onLine is no witness: it stays true behind a
  // captive portal, on a dead connection, and in some browsers on a page the worker served, so
  // the online and offline events only prompt a check.
  let ready = false;
  let fromDevice = false;
  const sayConnection = () => {
    if (ready) say(fromDevice ? "Offline: using what is saved on this device." : "Ready to work offline.");
  };
  // As long as the worker waits for the network before it answers from the copy.
  const CHECK_TIMEOUT_MS = 3000;
  const RECHECK_MS = 30000;
  let recheck;
  const checkConnection = async () => {
    clearTimeout(recheck);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), CHECK_TIMEOUT_MS);
    try {
      // Never precached, so the worker passes it on to the network.
      fromDevice = !(await fetch("/healthz", { cache: "no-store", signal: abort.signal })).ok;
    } catch {
      fromDevice = true;
    } finally {
      clearTimeout(timer);
    }
    sayConnection();
    // While the app runs on its copy, look again now and then for the network to come back.
    if (fromDevice && document.visibilityState === "visible") recheck = setTimeout(checkConnection, RECHECK_MS);
  };
  window.addEventListener("online", checkConnection);
  window.addEventListener("offline", checkConnection);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && fromDevice) checkConnection();
  });

  // The messages the worker sends (src/pwa/protocol.rs names them): progress, ready, version,
  // served-saved; the tracker listens for log-glass itself.
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
    } else if (data.type === "served-saved") {
      fromDevice = true;
      sayConnection();
      clearTimeout(recheck);
      recheck = setTimeout(checkConnection, RECHECK_MS);
    }
  });

  // A page the worker controls asks at once which version runs (and so hears how it was served),
  // without waiting for the registration, which may wait on the network.
  navigator.serviceWorker.controller?.postMessage({ type: "version" });

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
    // A page left open (a phone on the night stand) still hears about new versions.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") registration.update().catch(() => undefined);
    });
  };
  // The server forgets a push reminder after some weeks without the app being opened: opening
  // any page says so, once a session, with the registrations the device keeps (the panel names
  // where, from Rust; the URL is also this session's "already said" mark in sessionStorage).
  // Offline or refused, the reminder panels re-send when they next open.
  const keepReminders = () => {
    const { remindersKey, remindersSeen } = panel?.dataset ?? {};
    try {
      const kept = remindersKey && remindersSeen && !sessionStorage.getItem(remindersSeen) && localStorage.getItem(remindersKey);
      const device = kept && JSON.parse(kept);
      if (!device || !Object.values(device).some((value) => typeof value?.id === "string")) return;
      fetch(remindersSeen, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ device }),
      })
        .then((answer) => answer.ok && sessionStorage.setItem(remindersSeen, "sent"))
        .catch(() => undefined);
    } catch {
      // Storage blocked or unreadable: nothing this page can keep.
    }
  };
  // Without a worker the app still works online; say why offline use is missing.
  const start = () => {
    keepReminders();
    register().catch(() => say("This browser could not set up offline use. The app still works while online."));
  };
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
