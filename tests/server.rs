//! The server as a whole, driven in-process: routes, status codes, headers, the server function.
#![cfg(feature = "ssr")]

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    response::Response,
    Router,
};
use guide_core::{
    cramp::{CrampPart, CRAMP_PART},
    Part, PART,
};
use http_body_util::BodyExt;
use leg_relief::{
    app::{page_addresses, App},
    content::Catalogue,
    server::prerender::inline_script_hashes,
};
use std::sync::Arc;
use tokio::sync::Notify;
use tower::ServiceExt;

mod common;
use common::{build, settings, APP};

fn app() -> Router {
    APP.clone()
}

async fn get(path: &str) -> Response {
    get_with(path, &[]).await
}

async fn get_with(path: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn text(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn title_of(html: &str) -> &str {
    let start = html.find("<title>").expect("a <title>") + "<title>".len();
    &html[start..start + html[start..].find("</title>").unwrap()]
}

/// The whole opening tag of the first element with this class.
fn opening_tag_with_class<'a>(html: &'a str, class: &str) -> &'a str {
    let at = html
        .find(&format!(r#"class="{class}""#))
        .unwrap_or_else(|| panic!("no .{class}"));
    let start = html[..at].rfind('<').unwrap();
    &html[start..at + html[at..].find('>').unwrap() + 1]
}

/// Every page the service worker saves for offline use: each must render on its own.
fn every_page() -> Vec<String> {
    page_addresses()
}

#[tokio::test]
async fn every_route_answers_with_its_own_page() {
    let mut titles = std::collections::HashSet::new();
    for path in every_page() {
        let response = get(&path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let html = text(response).await;
        assert!(html.contains(r#"<html lang="en""#), "{path}: no lang");
        assert!(html.contains(r#"name="viewport""#), "{path}: no viewport");
        assert!(
            html.contains(r#"name="description""#),
            "{path}: no description"
        );
        assert!(html.contains("not medical advice"), "{path}: no disclaimer");
        assert!(
            html.contains(r#"aria-label="Main""#),
            "{path}: no navigation"
        );
        let guide = format!(r#"{PART}="{}""#, Part::Root.name());
        let cramp_now = format!(r#"{CRAMP_PART}="{}""#, CrampPart::Root.name());
        assert_eq!(
            html.contains(".wasm"),
            html.contains("<leptos-island") || html.contains(&guide) || html.contains(&cramp_now),
            "{path}: loads the WASM exactly when it has an island, a guide or Cramp now"
        );
        let title = title_of(&html).to_string();
        assert!(title.ends_with("· Leg Relief"), "{path}: title {title:?}");
        assert!(
            titles.insert(title.clone()),
            "{path}: title {title:?} is used twice"
        );
    }
}

/// The finder's live search waits until the person reaches for it; the page tells islands.js what
/// starts it sooner: a situation stored on the device, or an address other than the one rendered.
#[tokio::test]
async fn the_finder_names_what_starts_its_live_search_before_a_touch() {
    let html = text(get("/finder?q=calf+cramp").await).await;
    let reached = format!(
        "&quot;reached&quot;:{{&quot;stored&quot;:&quot;{}&quot;,&quot;rendered_for&quot;:&quot;/finder?q=calf+cramp&quot;}}",
        leg_relief::device::Key::Profile.name()
    );
    assert!(html.contains(&reached), "{html}");
    // Every other page's bundles start by themselves.
    let water = text(get("/water").await).await;
    assert!(water.contains("&quot;reached&quot;:null"), "{water}");
}

#[tokio::test]
async fn unknown_paths_and_slugs_get_a_real_404_page() {
    for path in [
        "/no-such-page",
        "/remedies/no-such-remedy",
        "/stretches/nope",
        "/learn/nope",
        "/finder/x",
    ] {
        let response = get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let html = text(response).await;
        assert!(html.contains("Page not found"), "{path}");
        assert!(
            html.contains(r#"href="/cramp""#),
            "{path}: no way to relief"
        );
    }
}

#[tokio::test]
async fn the_home_page_leads_with_cramp_now() {
    let html = text(get("/").await).await;
    let button = opening_tag_with_class(&html, "cramp-now");
    assert!(
        button.starts_with("<a ") && button.contains(r#"href="/cramp""#),
        "{button}"
    );
    for link in ["/finder", "/stretches", "/water", "/learn", "/help"] {
        assert!(
            html.contains(&format!(r#"href="{link}""#)),
            "no quick link to {link}"
        );
    }
}

#[tokio::test]
async fn pages_carry_security_and_cache_headers() {
    let response = get("/").await;
    let headers = response.headers().clone();
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let policy = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "'wasm-unsafe-eval'",
    ] {
        assert!(
            policy.contains(directive),
            "CSP lacks {directive}: {policy}"
        );
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");

    // A pre-rendered page names each of its inline scripts by hash, and carries no nonce.
    let html = text(response).await;
    let hashes = inline_script_hashes(&html);
    assert!(!hashes.is_empty(), "no inline script rendered");
    for hash in &hashes {
        assert!(
            policy.contains(hash.as_str()),
            "{hash} missing from {policy}"
        );
    }
    assert!(!policy.contains("'nonce-"), "{policy}");
    assert!(!html.contains("nonce="));
}

#[tokio::test]
async fn pages_rendered_per_request_carry_a_fresh_nonce() {
    let response = get("/finder?q=calf").await;
    let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_string();
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // Every inline script carries this response's nonce, and the nonce changes per response.
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap()
        .to_string();
    let html = text(response).await;
    let inline_scripts = inline_script_hashes(&html).len();
    assert!(inline_scripts > 0, "no hydration script rendered");
    assert_eq!(
        html.matches(&format!(r#"nonce="{nonce}""#)).count(),
        inline_scripts,
        "{html}"
    );
    let again = get("/finder?q=calf").await;
    assert!(!again.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains(&nonce));
}

#[tokio::test]
async fn static_pages_are_sent_precompressed_with_an_etag() {
    let index = leg_relief::finder::index_address();
    for path in ["/", "/remedies/massage", index.as_str()] {
        let plain = get(path).await;
        assert_eq!(plain.status(), StatusCode::OK, "{path}");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let etag = plain.headers()[header::ETAG].to_str().unwrap().to_string();
        assert!(etag.starts_with("W/\""), "{etag}");
        let body = plain.into_body().collect().await.unwrap().to_bytes();

        for (accept, encoding) in [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip")] {
            let response = get_with(path, &[("accept-encoding", accept)]).await;
            assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
            assert_eq!(response.headers()[header::ETAG], etag.as_str());
            assert_eq!(response.headers()[header::VARY], "accept-encoding");
            let compressed = response.into_body().collect().await.unwrap().to_bytes();
            assert!(compressed.len() < body.len() / 2, "{path} {encoding}");
        }

        let revalidated = get_with(path, &[("if-none-match", &etag)]).await;
        assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(revalidated.headers()[header::ETAG], etag.as_str());
        let cache = if path == index {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        assert_eq!(revalidated.headers()[header::CACHE_CONTROL], cache);
        assert!(text(revalidated).await.is_empty());
        let changed = get_with(path, &[("if-none-match", "W/\"an-older-page\"")]).await;
        assert_eq!(changed.status(), StatusCode::OK);
    }
    // What depends on the request is still rendered for it.
    let results = get("/finder?q=magnesium").await;
    assert!(results.headers().get(header::ETAG).is_none());
    assert!(text(results).await.contains("Magnesium"));
}

#[tokio::test]
async fn responses_are_compressed_with_brotli_or_gzip() {
    for encoding in ["br", "gzip"] {
        let response = get_with("/", &[("accept-encoding", encoding)]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
    }
}

#[test]
fn a_missing_or_broken_settings_file_stops_the_server_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let settings_file = dir.path().join("Leptos.toml");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_leg-relief"))
            .current_dir(dir.path())
            .env("LEG_RELIEF_SETTINGS", &settings_file)
            .env_remove("LEPTOS_SITE_ADDR")
            .output()
            .unwrap()
    };

    let missing = run();
    assert!(!missing.status.success());
    let message = String::from_utf8_lossy(&missing.stderr);
    assert!(message.contains("Leptos.toml: cannot read it"), "{message}");
    assert!(message.contains("LEG_RELIEF_SETTINGS"), "{message}");

    let broken = include_str!("../Leptos.toml").replace("env = \"PROD\"", "env = \"STAGING\"");
    std::fs::write(&settings_file, broken.as_bytes()).unwrap();
    let malformed = run();
    assert!(!malformed.status.success());
    let message = String::from_utf8_lossy(&malformed.stderr);
    let line = broken.lines().position(|l| l.starts_with("env =")).unwrap() + 1;
    assert!(
        message.contains(&format!("Leptos.toml, line {line}, key `env`")),
        "{message}"
    );
}

/// The server looks for Leptos.toml beside and above itself, not in the working directory, and
/// reads the site root relative to that file (the dist end-to-end test runs it from elsewhere).
#[test]
fn the_server_finds_its_settings_beside_or_above_itself() {
    let path = leg_relief::server::settings::settings_path();
    assert!(path.is_absolute(), "{}", path.display());
    let settings = leg_relief::server::settings::Settings::load(&path).expect("settings");
    assert!(
        std::path::Path::new(&settings.server.site_root).is_absolute(),
        "the site root is resolved against the settings file: {}",
        settings.server.site_root
    );
}

#[tokio::test]
async fn the_finder_page_renders_a_shared_query_and_refuses_bad_ones_with_a_4xx() {
    let html = text(get("/finder?q=twisted+ankle&situation=ankle-sprain").await).await;
    assert!(
        html.contains(" results.") || html.contains("1 result."),
        "no count"
    );
    assert!(
        html.contains(r#"href="/remedies/sprain-"#),
        "no sprain remedy in the results"
    );
    // A warning sign described comes first, in the server's HTML too.
    let html = text(get("/finder?q=swollen+calf").await).await;
    let warning = html.find("Check this first").expect("the warning box");
    let first_remedy = html.find(r#"href="/remedies/"#).unwrap_or(usize::MAX);
    assert!(warning < first_remedy);
    assert!(html[warning..].contains(r#"href="/help#clot-in-the-leg""#));

    let long = "a".repeat(201);
    for (query, names) in [
        ("grade=Z", "grade"),
        ("situation=moon", "situation"),
        ("part=elbow", "part"),
        ("kind=magic", "kind"),
        (&format!("q={long}") as &str, "(q)"),
    ] {
        let response = get(&format!("/finder?{query}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        assert!(text(response).await.contains(names), "{query}");
    }
}

#[tokio::test]
async fn the_search_index_is_served_under_its_digest_only() {
    let address = leg_relief::finder::index_address();
    let response = get(&address).await;
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let index = leg_relief::finder::search::codec::decode(&bytes).expect("an index");
    let catalogue = Catalogue::load().unwrap();
    assert_eq!(
        index
            .docs
            .iter()
            .filter(|d| d.kind == leg_relief::finder::search::DocKind::Remedy)
            .count(),
        catalogue.remedies.len()
    );
    let older = get("/api/search-index?digest=0123456789abcdef").await;
    assert_eq!(older.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn build_files_are_sent_precompressed_when_the_build_made_them() {
    let folder = tempfile::tempdir().unwrap();
    let site = folder.path();
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/app.js"), "console.log('plain');").unwrap();
    std::fs::write(site.join("pkg/app.js.br"), "made at build time").unwrap();
    let mut settings = settings();
    settings.server.site_root = site.display().to_string();
    let app = build(settings);
    let request = |encoding: &str| {
        Request::get("/pkg/app.js")
            .header("accept-encoding", encoding)
            .body(Body::empty())
            .unwrap()
    };

    let response = app.clone().oneshot(request("br")).await.unwrap();
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(text(response).await, "made at build time");

    let response = app.oneshot(request("identity")).await.unwrap();
    assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
    assert_eq!(text(response).await, "console.log('plain');");
}

#[test]
fn the_offline_copy_covers_every_route() {
    let pages = page_addresses();
    for route in leptos_axum::generate_route_list(App) {
        let path = route.path();
        // Axum writes parameters as `{slug}`.
        match path.split_once("/{") {
            Some((prefix, _)) => assert!(
                pages.iter().any(|p| p.starts_with(&format!("{prefix}/"))),
                "no page saved for {path}"
            ),
            None => assert!(pages.iter().any(|p| p == path), "{path} is not saved"),
        }
    }
}

#[tokio::test]
async fn development_serves_a_worker_that_removes_itself() {
    // Tests build without release optimisations, which is development for the service worker.
    let response = get("/sw.js").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    let script = text(response).await;
    assert!(script.contains("unregister()"));
    assert!(!script.contains("PRECACHE"));
    let html = text(get("/").await).await;
    assert!(!html.contains("pwa.js"), "development registers no worker");
    assert!(html.contains(r#"<link rel="manifest" href="/manifest.webmanifest">"#));
}

/// Width and height from a PNG's header.
fn png_size(path: &str) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(&bytes[1..4], b"PNG", "{path} is not a PNG");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn the_manifest_makes_the_app_installable() {
    let manifest: serde_json::Value =
        serde_json::from_str(include_str!("../public/manifest.webmanifest")).expect("JSON");
    for field in [
        "name",
        "short_name",
        "description",
        "start_url",
        "scope",
        "theme_color",
        "background_color",
    ] {
        assert!(
            manifest[field].as_str().is_some_and(|v| !v.is_empty()),
            "manifest has no {field}"
        );
    }
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["scope"], "/");
    let icons = manifest["icons"].as_array().expect("icons");
    for (size, purpose) in [
        (192, "any"),
        (512, "any"),
        (192, "maskable"),
        (512, "maskable"),
    ] {
        let icon = icons
            .iter()
            .find(|i| i["sizes"] == format!("{size}x{size}") && i["purpose"] == purpose)
            .unwrap_or_else(|| panic!("no {purpose} icon of {size} px"));
        let file = format!("public{}", icon["src"].as_str().unwrap());
        assert_eq!(png_size(&file), (size, size), "{file}");
    }
    assert_eq!(png_size("public/icons/apple-touch-icon.png"), (180, 180));
    let shortcuts: Vec<&str> = manifest["shortcuts"]
        .as_array()
        .expect("shortcuts")
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert_eq!(shortcuts, ["/cramp", "/water", "/finder"]);
    for url in shortcuts {
        assert!(
            page_addresses().iter().any(|p| p == url),
            "{url} is not saved offline"
        );
    }
}

#[tokio::test]
async fn the_health_check_answers() {
    let response = get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(text(response).await, "ok");
}

#[tokio::test]
async fn oversized_requests_are_refused_before_any_work() {
    let long_query = format!("/finder?q={}", "a".repeat(3000));
    let response = get(&long_query).await;
    assert_eq!(response.status(), StatusCode::URI_TOO_LONG);
    assert!(text(response).await.contains("too long"));

    let huge_header = "x".repeat(20 * 1024);
    let response = get_with("/", &[("x-filler", huge_header.as_str())]).await;
    assert_eq!(
        response.status(),
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE
    );

    let body = vec![b'a'; 64 * 1024];
    let request = Request::post("/finder")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn permissions_are_limited_and_hsts_is_a_setting() {
    let response = get("/").await;
    let policy = response.headers()["permissions-policy"].to_str().unwrap();
    assert!(policy.contains("camera=()"));
    assert!(policy.contains("screen-wake-lock=(self)"));
    assert_eq!(
        response.headers()["cross-origin-opener-policy"],
        "same-origin"
    );
    assert!(!response
        .headers()
        .contains_key(header::STRICT_TRANSPORT_SECURITY));
    // Both govern documents only: what a page loads goes without them, but is never sniffed.
    // The worker's script is answered per request, the finder's index pre-rendered; neither
    // needs the site built.
    for address in ["/sw.js".to_string(), leg_relief::finder::index_address()] {
        let file = get(&address).await;
        assert_eq!(file.status(), StatusCode::OK, "{address}");
        assert_eq!(file.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert!(
            !file.headers().contains_key("permissions-policy"),
            "{address}"
        );
        assert!(
            !file.headers().contains_key("cross-origin-opener-policy"),
            "{address}"
        );
    }

    let mut settings = settings();
    settings.server.hsts = true;
    let app_with_hsts = build(settings);
    for address in ["/", "/sw.js"] {
        let response = app_with_hsts
            .clone()
            .oneshot(Request::get(address).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            response.headers()[header::STRICT_TRANSPORT_SECURITY],
            "max-age=31536000; includeSubDomains",
            "{address}"
        );
    }
    // Rendering again gives the same bytes, so a restart keeps every ETag (and the offline
    // copy's version).
    assert_eq!(
        response.headers()[header::ETAG],
        get("/").await.headers()[header::ETAG]
    );
}

/// A route that signals `entered` when a request reaches it, then holds the request until
/// `release`, and answers `body`.
fn held_route(body: &'static str) -> (axum::routing::MethodRouter, Arc<Notify>, Arc<Notify>) {
    let entered = Arc::new(Notify::new());
    let release = Arc::new(Notify::new());
    let route = axum::routing::get({
        let (entered, release) = (entered.clone(), release.clone());
        move || async move {
            entered.notify_one();
            release.notified().await;
            body
        }
    });
    (route, entered, release)
}

#[tokio::test]
async fn beyond_the_concurrency_limit_requests_get_a_quick_503() {
    use axum::routing::get;

    // Two routes sharing a limit of one: the first request holds it until released.
    let (slow, entered, release) = held_route("done");
    let app = leg_relief::server::shed_load(
        Router::new()
            .route("/slow", slow)
            .route("/quick", get(|| async { "quick" })),
        1,
    );
    let request = |path: &str| Request::get(path).body(Body::empty()).unwrap();

    let first = tokio::spawn(app.clone().oneshot(request("/slow")));
    entered.notified().await;
    let refused = app.clone().oneshot(request("/quick")).await.unwrap();
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(refused.headers()[header::RETRY_AFTER], "1");
    assert!(text(refused).await.contains("Try again in a moment"));

    release.notify_one();
    let first = first.await.unwrap().unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(text(first).await, "done");
    let later = app.oneshot(request("/quick")).await.unwrap();
    assert_eq!(later.status(), StatusCode::OK);
}

#[tokio::test]
async fn shutting_down_lets_requests_in_progress_finish() {
    use tokio::{
        io::{AsyncReadExt, AsyncWriteExt},
        net::{TcpListener, TcpStream},
        sync::oneshot,
    };

    let (slow, entered, release) = held_route("finished");
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let server = tokio::spawn(leg_relief::server::serve(
        listener,
        Router::new().route("/slow", slow),
        async {
            let _ = stopped.await;
        },
    ));

    let mut client = TcpStream::connect(addr).await.unwrap();
    client
        .write_all(b"GET /slow HTTP/1.1\r\nhost: test\r\n\r\n")
        .await
        .unwrap();
    entered.notified().await;
    stop.send(()).unwrap();
    release.notify_one();

    let mut response = String::new();
    client.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    assert!(response.ends_with("finished"), "{response}");
    // With nothing left in progress, the server stops.
    server.await.unwrap().unwrap();
}
