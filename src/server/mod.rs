//! The HTTP side: routes, server functions, static files, headers and compression.

mod connections;
mod html;
pub mod prerender;
pub mod settings;

use crate::{
    app::{page_addresses, shell, App, AppDefaults, BuildFiles},
    bundle::ISLANDS_SCRIPT,
    error::ApiError,
    finder,
    push::{service::Reminders, PushOffer},
    pwa::worker::{ServiceWorker, SiteFiles, RETIRING_SCRIPT},
};
use axum::{
    body::{to_bytes, Body},
    error_handling::HandleErrorLayer,
    extract::{Request, State},
    handler::Handler,
    http::{header, request::Parts, HeaderMap, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
    serve::ListenerExt,
    BoxError, Router,
};
use connections::GiveBackWhenQuiet;
use leptos::{nonce::Nonce, prelude::*, server_fn::error::SERVER_FN_ERROR_HEADER};
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use prerender::{serve_prerendered, PrerenderError, PrerenderedPages};
use settings::{build_files, RunMode, Settings};
use std::{
    future::Future,
    path::Path,
    pin::Pin,
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer, limit::RequestBodyLimitLayer, services::ServeDir,
    timeout::TimeoutLayer, CompressionLevel,
};

/// A server function's error body is a short JSON object; a larger one is dropped, not buffered.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// What one request may cost. Server functions take a few short parameters; pages take none.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
pub const MAX_QUERY_BYTES: usize = 2 * 1024;
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Beyond this many requests in progress, new ones get a quick 503 instead of queueing until
/// memory runs out.
pub const MAX_CONCURRENT_REQUESTS: usize = 512;

/// Only the browser features the app uses: the screen wake lock of the stretch timer.
const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), bluetooth=(), camera=(), \
    display-capture=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), \
    midi=(), payment=(), serial=(), usb=(), screen-wake-lock=(self)";

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The headers that depend on how the server is deployed.
#[derive(Debug, Clone)]
struct HeaderSettings {
    hashed_assets: bool,
    /// [`SecurityHeaders`], made once.
    security: Arc<SecurityHeaders>,
}

/// The per-request nonce that lets the hydration scripts run under the Content-Security-Policy.
#[derive(Debug, Clone)]
struct CspNonce(String);

/// Builds the whole application router from the server's settings. In production, every page
/// that is the same for all visitors is rendered here, once.
/// With `reminders`, the pages offer push reminders and the server functions reach them.
pub fn router(
    settings: &Settings,
    reminders: Option<Arc<Reminders>>,
) -> BoxFuture<'_, Result<Router, PrerenderError>> {
    // Boxed: laid out in the caller, this future's page types overflow the compiler's default
    // recursion limit in release builds.
    Box::pin(build_router(settings, reminders))
}

async fn build_router(
    settings: &Settings,
    reminders: Option<Arc<Reminders>>,
) -> Result<Router, PrerenderError> {
    let options = settings.leptos_options();
    let offline_files = offline_files(settings);
    let defaults = AppDefaults {
        theme: settings.app.default_theme,
        service_worker: offline_files.is_some(),
    };
    // Read once; every page names the same built files.
    let mut files = build_files(&options);
    if let Some(address) = offline_files
        .as_ref()
        .and_then(|site| site.address_of(ISLANDS_SCRIPT))
    {
        files.islands_script = address.to_string();
    }
    let files = Arc::new(files);
    let offer = PushOffer(reminders.as_ref().map(|reminders| reminders.public_key()));
    let context = move || {
        provide_context(defaults);
        provide_context(offer.clone());
        if let Some(reminders) = &reminders {
            provide_context(Arc::clone(reminders));
        }
        provide_context(BuildFiles::clone(&files));
        provide_request_nonce();
    };
    let header_settings = HeaderSettings {
        hashed_assets: options.hash_files,
        security: Arc::new(SecurityHeaders::new(settings.server.hsts)),
    };
    let pages = Router::new()
        .leptos_routes_with_context(&options, generate_route_list(App), context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .with_state(options.clone());
    // Any other address: a file of the site (icons, scripts, manifest), or the 404 page.
    let not_found = file_and_error_handler_with_context(context, shell).with_state(options.clone());
    let pages = pages
        .fallback_service(site_files(&options.site_root).fallback(not_found))
        .layer(middleware::from_fn(html::tidy_pages));

    // Development restarts on every change: it renders per request, and has no offline copy.
    // Every page saved for offline use is also the same for every visitor, and so is the
    // finder's catalogue.
    let saved_addresses = offline_addresses();
    let prerendered = if settings.server.env == RunMode::Prod {
        let started = Instant::now();
        let headers_for = |address: &str, content_type: &HeaderValue| {
            let mut headers = HeaderMap::new();
            header_settings
                .security
                .add_to(&mut headers, html::is_html(content_type));
            let cache = cache_control(address, header_settings.hashed_assets, StatusCode::OK);
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            headers
        };
        let prerendered = PrerenderedPages::render(&pages, &saved_addresses, headers_for).await?;
        tracing::info!(
            "{} pages rendered and compressed in {:.1} s",
            prerendered.count(),
            started.elapsed().as_secs_f64()
        );
        prerendered
    } else {
        PrerenderedPages::default()
    };
    let worker_script: Arc<str> = match offline_files {
        Some(files) => {
            let pages: Vec<(String, Option<String>)> = saved_addresses
                .iter()
                .map(|address| (address.clone(), prerendered.revision(address)))
                .collect();
            ServiceWorker::new(files, &pages).script.into()
        }
        None => RETIRING_SCRIPT.into(),
    };

    // The build's files, compressed once at build time at the best level (cargo-leptos
    // precompress); on-the-fly compression is faster but leaves the WASM a fifth bigger.
    let pkg_route = format!("/{}", options.site_pkg_dir);
    let pkg_files = site_files(&format!("{}/{}", options.site_root, options.site_pkg_dir));

    let app = Router::new()
        .route(
            "/sw.js",
            get(move || {
                let script = worker_script.clone();
                async move {
                    (
                        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                        script.to_string(),
                    )
                }
            }),
        )
        .route("/healthz", get(|| async { "ok" }))
        .nest_service(&pkg_route, pkg_files)
        .merge(pages);
    let app = Router::new()
        .fallback_service(app)
        .layer(middleware::from_fn(status_from_api_error))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(
            header_settings,
            response_headers,
        ))
        // Only for what is rendered per request. Measured here on a page: brotli 11 (its best)
        // serves 170 pages/s, 5 about 2,700, 3 about 4,400 for 1 in 10 more bytes.
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                .quality(CompressionLevel::Precise(3)),
        );
    // A pre-rendered page is answered before the router picks a route and outside the layers
    // above, with headers made at start-up: routing clones the route's handler, which for a page
    // carries all of LeptosOptions (12% of perf's samples serving / under wrk), and the layers
    // cost a timer, a nonce and a policy per request. It needs no load shedding: it holds
    // nothing while it waits.
    Ok(shed_load(app, MAX_CONCURRENT_REQUESTS)
        .layer(middleware::from_fn_with_state(
            Arc::new(prerendered),
            serve_prerendered,
        ))
        .layer(middleware::from_fn(refuse_oversized_requests))
        .layer(middleware::from_fn(log_request)))
}

/// Everything the service worker saves besides the site's files: every page, and the data the
/// finder searches on the device.
pub fn offline_addresses() -> Vec<String> {
    page_addresses()
        .into_iter()
        .chain(finder::offline_data())
        .collect()
}

/// Serves `app` until `shutdown` completes; then it stops accepting connections and lets the
/// requests in progress finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Streamed pages go out in small writes; Nagle's algorithm would hold each one back.
    let listener = GiveBackWhenQuiet::new(listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    }));
    axum::serve(listener, app.into_make_service())
        .with_graceful_shutdown(shutdown)
        .await
}

/// Lets at most `limit` requests be in progress across the whole app; the next one gets a quick
/// 503 rather than a place in a queue that grows until memory runs out.
pub fn shed_load(app: Router, limit: usize) -> Router {
    // `Router::layer` wraps every route on its own, which would give each route its own limit;
    // as the only fallback, the app is one service with one limit.
    Router::new().fallback_service(app).layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(|_: BoxError| async { server_busy() }))
            .load_shed()
            .concurrency_limit(limit),
    )
}

/// Files under `root`, sent as the build's .br or .gz copy when the client takes it.
fn site_files(root: &str) -> ServeDir {
    ServeDir::new(root).precompressed_br().precompressed_gzip()
}

/// Release builds precache the site for offline use; development gets none (and a worker that
/// removes itself). A site that can't be read is served without offline support, with a warning.
fn offline_files(settings: &Settings) -> Option<SiteFiles> {
    if cfg!(debug_assertions) || settings.server.env != RunMode::Prod {
        return None;
    }
    let site_root = Path::new(&settings.server.site_root);
    SiteFiles::read(site_root)
        .inspect_err(|err| {
            tracing::warn!(
                "cannot read {} for the offline copy ({err}); serving without it.",
                site_root.display()
            );
        })
        .ok()
}

fn server_busy() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "1")],
        "The server is busy. Try again in a moment.",
    )
        .into_response()
}

/// Refuses addresses and headers far beyond anything the app sends, before any work is done.
async fn refuse_oversized_requests(req: Request, next: Next) -> Response {
    if req.uri().query().is_some_and(|q| q.len() > MAX_QUERY_BYTES) {
        return (
            StatusCode::URI_TOO_LONG,
            "The address is too long. Search with fewer words.",
        )
            .into_response();
    }
    let header_bytes: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "The request's headers are too large. Clear this site's cookies and try again.",
        )
            .into_response();
    }
    next.run(req).await
}

/// One line per request: method, path, status and time. Never the query string: it holds what a
/// person typed into the finder.
async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(req).await;
    tracing::info!(
        target: "leg_relief::request",
        "{method} {path} {} {:.1} ms",
        response.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// Hands the request's CSP nonce to Leptos, which puts it on the scripts it renders.
fn provide_request_nonce() {
    let nonce =
        use_context::<Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(Nonce::from_value(nonce));
    }
}

/// Server functions report every failure as 500; an [`ApiError`] names the right status.
async fn status_from_api_error(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if !response.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<ApiError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(err.status) {
            if status.is_client_error() || status.is_server_error() {
                parts.status = status;
            }
        }
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Security and caching headers for every response.
async fn response_headers(
    State(HeaderSettings {
        hashed_assets,
        security,
    }): State<HeaderSettings>,
    mut req: Request,
    next: Next,
) -> Response {
    let nonce = Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let path = req.uri().path().to_owned();

    let mut response = next.run(req).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(html::is_html);
    let cache = cache_control(&path, hashed_assets, response.status());
    let headers = response.headers_mut();
    security.add_to(headers, is_html);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    // A response that brings its own policy keeps it (pre-rendered pages, which name their
    // inline scripts by hash, no longer pass through here).
    if is_html && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let nonce = [format!("'nonce-{nonce}'")];
        if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    response
}

/// The security headers, made once from the deployment's settings.
#[derive(Debug)]
struct SecurityHeaders {
    /// For every response: no type sniffing (scripts and styles too), no referrer, and HTTPS
    /// only when the setting says so.
    every: HeaderMap,
    /// For documents only, the one kind of response they govern: no opener from another site,
    /// only the browser features the app uses. On each file a page loads they would be about
    /// 270 bytes for nothing (2 KB of a first visit to /water).
    document: HeaderMap,
}

impl SecurityHeaders {
    fn new(hsts: bool) -> Self {
        let mut every = HeaderMap::new();
        every.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        every.insert(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        );
        if hsts {
            every.insert(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            );
        }
        let mut document = HeaderMap::new();
        document.insert(
            "cross-origin-opener-policy",
            HeaderValue::from_static("same-origin"),
        );
        document.insert(
            "permissions-policy",
            HeaderValue::from_static(PERMISSIONS_POLICY),
        );
        Self { every, document }
    }

    fn add_to(&self, headers: &mut HeaderMap, is_html: bool) {
        let document = is_html.then_some(&self.document);
        for (name, value) in self.every.iter().chain(document.into_iter().flatten()) {
            headers.insert(name, value.clone());
        }
    }
}

/// Hashed build files never change under their name; everything else is checked each time.
/// A 304 repeats the policy of the response it stands for.
pub fn cache_control(path: &str, hashed_assets: bool, status: StatusCode) -> &'static str {
    let named_by_content =
        (hashed_assets && path.starts_with("/pkg/")) || path.starts_with(finder::INDEX_PATH);
    let found = status.is_success() || status == StatusCode::NOT_MODIFIED;
    if named_by_content && found {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Scripts only from this site or named by `inline_scripts` (this response's nonce, or the
/// hashes of a stored page's scripts); WASM may compile; nothing else inline, no plugins, no
/// framing.
pub fn content_security_policy(inline_scripts: &[String]) -> String {
    let mut script_src = String::from("'self'");
    for source in inline_scripts {
        script_src.push(' ');
        script_src.push_str(source);
    }
    format!(
        "default-src 'self'; script-src {script_src} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_build_files_are_immutable() {
        let immutable = "public, max-age=31536000, immutable";
        assert_eq!(
            cache_control("/pkg/leg-relief.abc123.wasm", true, StatusCode::OK),
            immutable
        );
        assert_eq!(
            cache_control("/pkg/leg-relief.wasm", false, StatusCode::OK),
            "no-cache"
        );
        assert_eq!(
            cache_control("/pkg/missing.js", true, StatusCode::NOT_FOUND),
            "no-cache"
        );
        assert_eq!(
            cache_control(
                "/pkg/leg-relief.abc123.wasm",
                true,
                StatusCode::NOT_MODIFIED
            ),
            immutable
        );
        assert_eq!(cache_control("/", true, StatusCode::OK), "no-cache");
        assert_eq!(
            cache_control("/", true, StatusCode::NOT_MODIFIED),
            "no-cache"
        );
        assert_eq!(cache_control("/theme.js", true, StatusCode::OK), "no-cache");
    }
}
