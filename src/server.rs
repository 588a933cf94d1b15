//! The HTTP side: routes, server functions, static files, headers and compression.

use crate::{
    app::{shell, App, AppDefaults},
    error::ApiError,
    settings::Settings,
};
use axum::{
    body::{to_bytes, Body},
    extract::{Request, State},
    http::{header, request::Parts, HeaderMap, HeaderValue, StatusCode},
    middleware::{self, Next},
    response::Response,
    routing::any,
    Router,
};
use leptos::{nonce::Nonce, prelude::*};
use leptos_axum::{
    file_and_error_handler_with_context, generate_route_list, handle_server_fns_with_context,
    LeptosRoutes,
};
use tower_http::compression::CompressionLayer;

/// Error bodies larger than this are not server-function errors and are passed on untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// The per-request nonce that lets the hydration scripts run under the Content-Security-Policy.
#[derive(Debug, Clone)]
struct CspNonce(String);

/// Builds the whole application router from the server's settings.
pub fn router(settings: &Settings) -> Router {
    let options = settings.leptos_options();
    let defaults = AppDefaults {
        theme: settings.app.default_theme,
    };
    let context = move || {
        provide_context(defaults);
        provide_request_nonce();
    };
    let hashed_assets = options.hash_files;

    let api_context = context.clone();
    let api = Router::new()
        .route(
            "/api/{*fn_name}",
            any(move |req: Request| handle_server_fns_with_context(api_context.clone(), req)),
        )
        .route_layer(middleware::from_fn(status_from_api_error));

    Router::new()
        .leptos_routes_with_context(&options, generate_route_list(App), context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .merge(api)
        .fallback(file_and_error_handler_with_context(context, shell))
        .layer(middleware::from_fn_with_state(hashed_assets, response_headers))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .with_state(options)
}

/// Hands the request's CSP nonce to Leptos, which puts it on the scripts it renders.
fn provide_request_nonce() {
    let nonce = use_context::<Parts>().and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(Nonce::from_value(nonce));
    }
}

/// Server functions report failures as 500 by default; an [`ApiError`] names the right status.
async fn status_from_api_error(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
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
        parts
            .headers
            .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Security and caching headers for every response.
async fn response_headers(State(hashed_assets): State<bool>, mut req: Request, next: Next) -> Response {
    let nonce = Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let immutable = hashed_assets && req.uri().path().starts_with("/pkg/");

    let mut response = next.run(req).await;
    let is_html = is_html(response.headers());
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    let cache = if immutable && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if is_html {
        if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&nonce)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    response
}

fn is_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}

/// Scripts only from this site or with this response's nonce; WASM may compile; nothing inline
/// otherwise, no plugins, no framing.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}
