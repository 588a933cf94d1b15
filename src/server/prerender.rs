//! Pages that are the same for every visitor, rendered once at start-up and kept compressed in
//! memory, so serving one costs about what serving a static file costs. Anything that depends on
//! the request (the finder's results, a filtered list nobody links to) is still rendered per
//! request.

use axum::{
    body::{to_bytes, Body, Bytes},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
    Router,
};
use base64::{engine::general_purpose::STANDARD as BASE64, Engine};
use sha2::{Digest, Sha256};
use std::{
    collections::HashMap,
    io::{Read, Write},
    sync::Arc,
};
use tower::ServiceExt;

/// Every page is a few tens of kilobytes; a bigger one means something has gone wrong.
const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum PrerenderError {
    #[error("the page {path} answered {status} while being rendered at start-up; every page in the offline list must render")]
    Status { path: String, status: StatusCode },
    #[error("the page {path} could not be read while being rendered at start-up: {reason}")]
    Body { path: String, reason: String },
}

/// How a response body is encoded on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn header(self) -> Option<HeaderValue> {
        match self {
            Encoding::Brotli => Some(HeaderValue::from_static("br")),
            Encoding::Gzip => Some(HeaderValue::from_static("gzip")),
            Encoding::Identity => None,
        }
    }
}

/// One page, ready to send compressed. Browsers all take brotli or gzip; the rare client that
/// takes neither (curl, a crawler) gets the gzip copy decompressed, so no plain copy of every
/// page sits in memory (1.5 MB for the 122 pages measured).
#[derive(Debug)]
struct Page {
    content_type: HeaderValue,
    brotli: Bytes,
    gzip: Bytes,
    etag: HeaderValue,
    /// Every header the page is sent with but its type and encoding, made once: the server's
    /// own (`common`), its ETag and Vary, and for HTML the policy that lets exactly this page's
    /// inline scripts run (by their hashes, since a nonce written into a stored page would be
    /// the same for everyone). A 304 repeats them.
    headers: HeaderMap,
}

impl Page {
    fn new(content_type: HeaderValue, body: Bytes, common: HeaderMap) -> Self {
        let is_html = super::html::is_html(&content_type);
        let (body, content_security_policy) = if is_html {
            let html = without_nonces(&String::from_utf8_lossy(&body));
            let hashes = inline_script_hashes(&html);
            let policy = HeaderValue::from_str(&super::content_security_policy(&hashes)).ok();
            (Bytes::from(html), policy)
        } else {
            (body, None)
        };
        let etag = HeaderValue::from_str(&weak_etag(&body))
            .unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""));
        let mut headers = common;
        headers.insert(header::ETAG, etag.clone());
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(policy) = content_security_policy {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        Self {
            content_type,
            brotli: brotli(&body).into(),
            gzip: gzip(&body).into(),
            etag,
            headers,
        }
    }

    /// The page as written, from its gzip copy.
    fn plain(&self) -> Bytes {
        let mut plain = Vec::with_capacity(self.gzip.len() * 4);
        // Decoding the gzip this process wrote, in memory, cannot fail.
        let _ = flate2::read::GzDecoder::new(&self.gzip[..]).read_to_end(&mut plain);
        plain.into()
    }

    fn response(&self, request_headers: &HeaderMap) -> Response {
        let unchanged = etag_matches(
            request_headers
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok()),
            self.etag.to_str().unwrap_or_default(),
        );
        if unchanged {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NOT_MODIFIED;
            *response.headers_mut() = self.headers.clone();
            return response;
        }
        let encoding = preferred_encoding(
            request_headers
                .get(header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok()),
        );
        let body = match encoding {
            Encoding::Brotli => self.brotli.clone(),
            Encoding::Gzip => self.gzip.clone(),
            Encoding::Identity => self.plain(),
        };
        let mut response = Response::new(Body::from(body));
        let headers = response.headers_mut();
        *headers = self.headers.clone();
        headers.insert(header::CONTENT_TYPE, self.content_type.clone());
        if let Some(value) = encoding.header() {
            headers.insert(header::CONTENT_ENCODING, value);
        }
        response
    }
}

/// The pages rendered at start-up, by their address (path and query, exactly as linked).
#[derive(Debug, Default)]
pub struct PrerenderedPages {
    pages: HashMap<String, Page>,
}

impl PrerenderedPages {
    /// Renders each address through `app` (the page routes alone, without the outer layers) and
    /// compresses it at the best levels. Each page is sent with `headers_for(address, its
    /// content type)`, since it is answered before the layers that add the server's own headers.
    pub async fn render(
        app: &Router,
        addresses: &[String],
        headers_for: impl Fn(&str, &HeaderValue) -> HeaderMap,
    ) -> Result<Self, PrerenderError> {
        let mut rendered = Vec::with_capacity(addresses.len());
        for address in addresses {
            let request = Request::get(address.as_str())
                .body(Body::empty())
                .map_err(|err| PrerenderError::Body {
                    path: address.clone(),
                    reason: err.to_string(),
                })?;
            let response = match app.clone().oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            };
            let status = response.status();
            if status != StatusCode::OK {
                return Err(PrerenderError::Status {
                    path: address.clone(),
                    status,
                });
            }
            let content_type = response
                .headers()
                .get(header::CONTENT_TYPE)
                .cloned()
                .unwrap_or_else(|| HeaderValue::from_static("text/html; charset=utf-8"));
            let body = to_bytes(response.into_body(), MAX_PAGE_BYTES)
                .await
                .map_err(|err| PrerenderError::Body {
                    path: address.clone(),
                    reason: err.to_string(),
                })?;
            let headers = headers_for(address, &content_type);
            rendered.push((address.clone(), content_type, body, headers));
        }
        // Brotli at its best level is the slow part: spread it over the cores.
        let compressed = tokio::task::spawn_blocking(move || {
            std::thread::scope(|scope| {
                let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
                let chunk = rendered.len().div_ceil(workers).max(1);
                let handles: Vec<_> = rendered
                    .chunks(chunk)
                    .map(|chunk| {
                        scope.spawn(move || {
                            chunk
                                .iter()
                                .map(|(address, content_type, body, headers)| {
                                    (
                                        address.clone(),
                                        Page::new(
                                            content_type.clone(),
                                            body.clone(),
                                            headers.clone(),
                                        ),
                                    )
                                })
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|handle| {
                        handle
                            .join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect::<HashMap<_, _>>()
            })
        })
        .await
        .map_err(|err| PrerenderError::Body {
            path: "(compression)".into(),
            reason: err.to_string(),
        })?;
        Ok(Self { pages: compressed })
    }

    /// How many addresses are served pre-rendered.
    pub fn count(&self) -> usize {
        self.pages.len()
    }

    /// Each address's revision: its ETag's opaque part, which changes exactly when its bytes do.
    /// The service worker downloads a page again only when its revision changed.
    pub fn revision(&self, address: &str) -> Option<String> {
        let etag = self.pages.get(address)?.etag.to_str().ok()?;
        Some(etag.trim_start_matches("W/").trim_matches('"').to_string())
    }

    fn response_for(&self, request: &Request) -> Option<Response> {
        if !matches!(*request.method(), Method::GET | Method::HEAD) {
            return None;
        }
        let address = request.uri().path_and_query()?.as_str();
        let page = self.pages.get(address)?;
        Some(page.response(request.headers()))
    }
}

/// Answers from the pre-rendered pages when the address is one of them; otherwise the request
/// goes on to be rendered.
pub async fn serve_prerendered(
    State(pages): State<Arc<PrerenderedPages>>,
    request: Request,
    next: Next,
) -> Response {
    match pages.response_for(&request) {
        Some(response) => response,
        None => next.run(request).await,
    }
}

/// The CSP hash source (`'sha256-…'`) of every inline script in the page, in order.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_name = &rest[start + "<script".len()..];
        let Some(tag_end) = after_name.find('>') else {
            break;
        };
        let attributes = &after_name[..tag_end];
        let content = &after_name[tag_end + 1..];
        let Some(close) = content.find("</script>") else {
            break;
        };
        if !has_src_attribute(attributes) {
            let digest = Sha256::digest(&content.as_bytes()[..close]);
            hashes.push(format!("'sha256-{}'", BASE64.encode(digest)));
        }
        rest = &content[close + "</script>".len()..];
    }
    hashes
}

/// Leptos gives every render a random nonce; in a stored page it would be the same for
/// everyone and change the page's bytes at every start, so it goes.
pub fn without_nonces(html: &str) -> String {
    const ATTRIBUTE: &str = " nonce=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(ATTRIBUTE) {
        let value = &rest[start + ATTRIBUTE.len()..];
        let Some(end) = value.find('"') else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &value[end + 1..];
    }
    out.push_str(rest);
    out
}

fn has_src_attribute(attributes: &str) -> bool {
    attributes
        .split_ascii_whitespace()
        .any(|attribute| attribute == "src" || attribute.starts_with("src="))
}

/// A weak validator: the same for every encoding of the same page, as the HTTP spec allows for
/// representations that differ only in content coding.
pub fn weak_etag(body: &[u8]) -> String {
    format!("W/\"{}\"", crate::pwa::worker::revision(body))
}

/// `If-None-Match` uses the weak comparison: `W/` prefixes are ignored, `*` matches anything.
pub fn etag_matches(if_none_match: Option<&str>, etag: &str) -> bool {
    let Some(if_none_match) = if_none_match else {
        return false;
    };
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let ours = opaque(etag);
    if_none_match
        .split(',')
        .any(|candidate| candidate.trim() == "*" || opaque(candidate) == ours)
}

/// The best encoding the client accepts, by its q-values; brotli wins a tie.
pub fn preferred_encoding(accept_encoding: Option<&str>) -> Encoding {
    let Some(accept_encoding) = accept_encoding else {
        return Encoding::Identity;
    };
    let mut best = (Encoding::Identity, 0.0_f32);
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|param| param.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let encoding = match coding.as_str() {
            "br" => Encoding::Brotli,
            "gzip" | "x-gzip" => Encoding::Gzip,
            _ => continue,
        };
        let better = quality > best.1
            || (quality == best.1 && quality > 0.0 && encoding == Encoding::Brotli);
        if quality > 0.0 && better {
            best = (encoding, quality);
        }
    }
    best.0
}

fn brotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() / 4);
    // A window just big enough for the page: at quality 11 the encoder's memory grows with the
    // window, and a larger one than the page gains nothing.
    let window_bits = body.len().max(1).next_power_of_two().trailing_zeros();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: window_bits.clamp(10, 24) as i32,
        size_hint: body.len(),
        ..Default::default()
    };
    // Writing into memory cannot fail.
    let _ = brotli::BrotliCompress(&mut &body[..], &mut out, &params);
    out
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 3),
        flate2::Compression::best(),
    );
    // Writing into memory cannot fail.
    let _ = encoder.write_all(body);
    encoder.finish().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html = r#"<head><script src="/theme.js"></script><script type="module">go()</script>
            <script defer src=/pwa.js></script><script>a=1;</script></head>"#;
        let expected = |text: &str| format!("'sha256-{}'", BASE64.encode(Sha256::digest(text)));
        assert_eq!(
            inline_script_hashes(html),
            vec![expected("go()"), expected("a=1;")]
        );
        assert!(inline_script_hashes("<p>no scripts</p>").is_empty());
        // A truncated page yields what it can, without panicking.
        assert!(inline_script_hashes("<script>never closed").is_empty());
        assert!(inline_script_hashes("<script").is_empty());
    }

    #[test]
    fn stored_pages_lose_their_render_nonce() {
        assert_eq!(
            without_nonces(r#"<script nonce="a1_-">x()</script><script nonce="b2">y()</script>"#),
            "<script>x()</script><script>y()</script>"
        );
        assert_eq!(without_nonces("<p>plain</p>"), "<p>plain</p>");
        assert_eq!(
            without_nonces(r#"<script nonce="cut"#),
            r#"<script nonce="cut"#
        );
    }

    #[test]
    fn a_data_src_attribute_is_not_a_src() {
        assert_eq!(
            inline_script_hashes(r#"<script data-src="x">run()</script>"#).len(),
            1
        );
    }

    #[test]
    fn etags_compare_weakly() {
        let etag = weak_etag(b"page");
        assert!(etag.starts_with("W/\""));
        assert!(etag_matches(Some(&etag), &etag));
        assert!(etag_matches(Some(etag.trim_start_matches("W/")), &etag));
        assert!(etag_matches(Some(&format!("\"other\", {etag}")), &etag));
        assert!(etag_matches(Some("*"), &etag));
        assert!(!etag_matches(Some("\"other\""), &etag));
        assert!(!etag_matches(None, &etag));
        assert_ne!(weak_etag(b"page"), weak_etag(b"page!"));
    }

    #[test]
    fn picks_the_best_accepted_encoding() {
        use Encoding::*;
        assert_eq!(preferred_encoding(None), Identity);
        assert_eq!(preferred_encoding(Some("gzip, deflate, br, zstd")), Brotli);
        assert_eq!(preferred_encoding(Some("gzip")), Gzip);
        assert_eq!(preferred_encoding(Some("br;q=0.5, gzip;q=0.8")), Gzip);
        assert_eq!(preferred_encoding(Some("br;q=0, gzip;q=0")), Identity);
        assert_eq!(preferred_encoding(Some("identity")), Identity);
        assert_eq!(preferred_encoding(Some("BR")), Brotli);
        assert_eq!(preferred_encoding(Some("br;q=nonsense")), Brotli);
        assert_eq!(preferred_encoding(Some("")), Identity);
    }

    #[test]
    fn compressed_copies_decode_to_the_page() {
        let body = "<p>Stretch the calf gently.</p>".repeat(200);
        let page = Page::new(
            HeaderValue::from_static("text/html; charset=utf-8"),
            Bytes::from(body.clone()),
            HeaderMap::new(),
        );
        let mut from_gzip = String::new();
        flate2::read::GzDecoder::new(&page.gzip[..])
            .read_to_string(&mut from_gzip)
            .unwrap();
        assert_eq!(from_gzip, body);
        assert_eq!(page.plain(), body.as_bytes());
        let mut from_brotli = Vec::new();
        brotli::BrotliDecompress(&mut &page.brotli[..], &mut from_brotli).unwrap();
        assert_eq!(from_brotli, body.as_bytes());
        assert!(page.brotli.len() < body.len() / 10);
        assert!(page.headers.contains_key(header::CONTENT_SECURITY_POLICY));
    }
}
