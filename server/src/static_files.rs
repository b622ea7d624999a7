//! The browser bundle (`/pkg`) from memory: a file of the site's `pkg` directory is read the first
//! time it is asked for, with its precompressed copies (`.br`, `.gz`) and an ETag, then answered
//! without touching the disk — in the encoding the browser accepts (Brotli, then gzip, then none),
//! 304 for a copy it already holds. The bundle changes only with a deployment, which restarts the
//! server; a path that is not there is looked for again next time.
//!
//! Each build lives in a directory of its own, `pkg/<build id>/` (the id a hash of its files,
//! named by `pkg/current`): its files never change under their URL, so they go out with
//! `Cache-Control: immutable`, and the previous build stays there for pages still open on it.
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// One file and its copies.
struct File {
    content_type: HeaderValue,
    etag: HeaderValue,
    identity: Bytes,
    gzip: Option<Bytes>,
    brotli: Option<Bytes>,
}

/// The files of a directory read so far, by their path under it (`passerelle.js`…).
#[derive(Clone)]
pub struct StaticFiles {
    dir: PathBuf,
    files: Arc<RwLock<HashMap<String, Arc<File>>>>,
    cache_control: HeaderValue,
}

/// How long a browser keeps a file of a build directory: a year, without asking again.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The name of the file (in the pkg directory) that names the current build's directory.
pub const CURRENT_BUILD: &str = "current";

/// Whether `segment` is a build id as `scripts/build-site` makes them: 16 lowercase hex digits.
pub fn is_build_id(segment: &str) -> bool {
    segment.len() == 16
        && segment
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The current build's id, read from `pkg_dir/current` (`None` for an unversioned pkg directory,
/// as a test's or an older build's).
pub fn current_build(pkg_dir: &Path) -> Option<String> {
    let id = std::fs::read_to_string(pkg_dir.join(CURRENT_BUILD)).ok()?;
    let id = id.trim();
    is_build_id(id).then(|| id.to_string())
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

impl StaticFiles {
    /// The files of `dir`; `cache_control` is sent with every one outside a build directory (those
    /// are immutable).
    pub fn new(dir: &Path, cache_control: &'static str) -> Self {
        StaticFiles {
            dir: dir.to_path_buf(),
            files: Arc::default(),
            cache_control: HeaderValue::from_static(cache_control),
        }
    }

    /// The file at `path` (relative, `/`-separated), read once. Only plain names below the
    /// directory: no `..`, no hidden or empty segment.
    fn file(&self, path: &str) -> Option<Arc<File>> {
        let path = path.trim_start_matches('/');
        if let Some(f) = self.files.read().ok()?.get(path) {
            return Some(f.clone());
        }
        let safe = !path.is_empty()
            && path
                .split('/')
                .all(|seg| !seg.is_empty() && !seg.starts_with('.') && !seg.contains('\\'));
        if !safe || path.ends_with(".gz") || path.ends_with(".br") {
            return None;
        }
        let on_disk = self.dir.join(path);
        let identity = Bytes::from(std::fs::read(&on_disk).ok()?);
        let copy = |ext: &str| {
            let mut p = on_disk.clone().into_os_string();
            p.push(format!(".{ext}"));
            std::fs::read(p).ok().map(Bytes::from)
        };
        let etag = format!("\"{:016x}\"", fingerprint(&identity));
        let file = Arc::new(File {
            content_type: HeaderValue::from_static(content_type(path)),
            etag: HeaderValue::from_str(&etag).ok()?,
            identity,
            gzip: copy("gz"),
            brotli: copy("br"),
        });
        if let Ok(mut files) = self.files.write() {
            files.insert(path.to_string(), file.clone());
        }
        Some(file)
    }

    /// Answers `GET <path>` (path relative to the directory).
    pub fn answer(&self, path: &str, headers: &HeaderMap) -> Response {
        let Some(file) = self.file(path) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        let mut response = if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|v| v.as_bytes() == file.etag.as_bytes())
        {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            let accepts = |coding: &str| accepts(headers, coding);
            let (body, encoding) = match (&file.brotli, &file.gzip) {
                (Some(br), _) if accepts("br") => (br.clone(), Some("br")),
                (_, Some(gz)) if accepts("gzip") => (gz.clone(), Some("gzip")),
                _ => (file.identity.clone(), None),
            };
            let mut r = Response::new(Body::from(body));
            if let Some(e) = encoding {
                r.headers_mut()
                    .insert(header::CONTENT_ENCODING, HeaderValue::from_static(e));
            }
            r.headers_mut()
                .insert(header::CONTENT_TYPE, file.content_type.clone());
            r
        };
        let versioned = path
            .trim_start_matches('/')
            .split_once('/')
            .is_some_and(|(first, _)| is_build_id(first));
        let h = response.headers_mut();
        h.insert(header::ETAG, file.etag.clone());
        h.insert(
            header::CACHE_CONTROL,
            if versioned {
                HeaderValue::from_static(IMMUTABLE)
            } else {
                self.cache_control.clone()
            },
        );
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        response
    }

    /// An axum handler for a router nested at the directory's URL.
    pub async fn serve(self, req: Request) -> Response {
        self.answer(req.uri().path(), req.headers())
    }
}

/// Whether `Accept-Encoding` accepts `coding` (a q of 0 refuses it).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            name.eq_ignore_ascii_case(coding) && !refused
        })
}

/// A 64-bit FNV-1a fingerprint of the bytes (for the ETag; not a security check).
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_accepted_encodings_are_read_with_their_weights() {
        assert!(accepts(&headers(&[("accept-encoding", "gzip, br")]), "br"));
        assert!(accepts(
            &headers(&[("accept-encoding", "gzip;q=1.0, br;q=0.5")]),
            "gzip"
        ));
        assert!(!accepts(
            &headers(&[("accept-encoding", "gzip, br;q=0")]),
            "br"
        ));
        assert!(!accepts(
            &headers(&[("accept-encoding", "identity")]),
            "gzip"
        ));
        assert!(!accepts(&headers(&[]), "gzip"));
    }

    #[test]
    fn a_file_is_answered_in_the_best_accepted_encoding_and_304_when_held() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.js"), "plain").unwrap();
        std::fs::write(dir.path().join("app.js.gz"), "gzipped").unwrap();
        std::fs::write(dir.path().join("app.js.br"), "brotli").unwrap();
        std::fs::write(dir.path().join("only.wasm"), "wasm").unwrap();
        let files = StaticFiles::new(dir.path(), "public, max-age=60");
        let r = files.answer("/app.js", &headers(&[("accept-encoding", "gzip, br")]));
        assert_eq!(r.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(
            r.headers()[header::CONTENT_TYPE],
            "text/javascript; charset=utf-8"
        );
        let r = files.answer("/app.js", &headers(&[("accept-encoding", "gzip")]));
        assert_eq!(r.headers()[header::CONTENT_ENCODING], "gzip");
        let r = files.answer("/app.js", &headers(&[]));
        assert!(r.headers().get(header::CONTENT_ENCODING).is_none());
        let etag = r.headers()[header::ETAG].clone();
        let mut h = headers(&[]);
        h.insert(header::IF_NONE_MATCH, etag.clone());
        assert_eq!(
            files.answer("/app.js", &h).status(),
            StatusCode::NOT_MODIFIED
        );
        let r = files.answer("/only.wasm", &headers(&[("accept-encoding", "br")]));
        assert!(
            r.headers().get(header::CONTENT_ENCODING).is_none(),
            "no copy: as it is"
        );
        assert_eq!(r.headers()[header::CONTENT_TYPE], "application/wasm");
        assert_eq!(
            files.answer("/missing.js", &headers(&[])).status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            files.answer("/../etc/passwd", &headers(&[])).status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            files.answer("/app.js.gz", &headers(&[])).status(),
            StatusCode::NOT_FOUND
        );
        // Read once: the answer stays the same when the disk changes under it…
        std::fs::write(dir.path().join("app.js"), "changed").unwrap();
        let r = files.answer("/app.js", &headers(&[]));
        assert_eq!(r.headers()[header::ETAG], etag);
        // …and a file that appears later is found.
        std::fs::write(dir.path().join("late.css"), "body{}").unwrap();
        assert_eq!(
            files.answer("/late.css", &headers(&[])).status(),
            StatusCode::OK
        );
    }
}
