//! The floor a page is compared against (`bench/compare`): a bare axum process serving captured
//! answers from memory, one route each, with the headers that matter for the bytes (content type
//! and encoding). Not part of Passerelle.
//!   bare <addr> <manifest>   manifest lines: path <TAB> content-type <TAB> encoding|- <TAB> file
use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(addr), Some(manifest)) = (args.next(), args.next()) else {
        return Err("usage: bare <addr> <manifest>".into());
    };
    let mut app = Router::new();
    for line in std::fs::read_to_string(&manifest)?.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        let [path, content_type, encoding, file] = parts[..] else {
            return Err(format!("{manifest}: bad line {line:?}").into());
        };
        let body = Bytes::from(std::fs::read(file)?);
        let content_type = HeaderValue::from_str(content_type)?;
        let encoding = (encoding != "-")
            .then(|| HeaderValue::from_str(encoding))
            .transpose()?;
        app = app.route(
            path,
            get(move || {
                let (body, content_type, encoding) =
                    (body.clone(), content_type.clone(), encoding.clone());
                async move {
                    let mut response =
                        ([(header::CONTENT_TYPE, content_type)], body).into_response();
                    if let Some(e) = encoding {
                        response.headers_mut().insert(header::CONTENT_ENCODING, e);
                    }
                    response
                }
            }),
        );
    }
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
