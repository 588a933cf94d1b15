//! Makes the HTML Leptos renders valid (the Nu HTML Checker finds no error) without changing the
//! document a browser builds from it, which hydration depends on:
//! - `<!>`, Leptos's marker, is a "bogus comment" that parses as an empty comment; it is written
//!   as the empty comment `<!---->`, which parses to the same node;
//! - the scripts Leptos streams after `</html>` are parsed into the end of `<body>` anyway; they
//!   are written there.

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// Pages are a few tens of kilobytes; a bigger one is passed on untouched.
const MAX_TIDY_BYTES: usize = 4 * 1024 * 1024;

/// The same document, written validly.
pub fn tidy(html: &str) -> String {
    let html = html.replace("<!>", "<!---->");
    let Some(end) = html.rfind("</html>") else {
        return html;
    };
    let trailing = html[end + "</html>".len()..].trim();
    let Some(body_end) = html[..end].rfind("</body>") else {
        return html;
    };
    if trailing.is_empty() {
        return html;
    }
    format!("{}{trailing}</body></html>", &html[..body_end])
}

/// Whether a response of this content type is an HTML document.
pub fn is_html(content_type: &HeaderValue) -> bool {
    content_type
        .to_str()
        .is_ok_and(|value| value.starts_with("text/html"))
}

/// Tidies every HTML response of the pages it wraps.
pub async fn tidy_pages(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(is_html);
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_TIDY_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let body = match std::str::from_utf8(&bytes) {
        Ok(html) => Body::from(tidy(html)),
        Err(_) => Body::from(bytes),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn markers_become_empty_comments_and_trailing_scripts_move_into_the_body() {
        let page = "<!DOCTYPE html><html><head></head><body><p><!>a<!></p></body></html>\
                    <script>A=[]</script><script>B=[]</script>";
        assert_eq!(
            tidy(page),
            "<!DOCTYPE html><html><head></head><body><p><!---->a<!----></p>\
             <script>A=[]</script><script>B=[]</script></body></html>"
        );
    }

    #[test]
    fn a_tidy_page_stays_as_it_is() {
        let page = "<!DOCTYPE html><html><body><p>&lt;!&gt; is text</p></body></html>";
        assert_eq!(tidy(page), page);
        assert_eq!(tidy(&tidy(page)), page);
    }
}
