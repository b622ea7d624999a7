//! Faults found by trying Passerelle as an attacker would (issue #11): bodies that are not what
//! an endpoint reads, bodies over their limit sent without a length, forms posted without
//! JavaScript from a page with a query string, the page's scripts under the CSP.
use crate::common::{self, add_person, raw_head, raw_request, server_panics, sign_in, spawn_app};

const PASSWORD: &str = "paper boats on the lake";

/// An upload that is not a multipart body with a boundary is refused in words (415), for
/// anonymous and signed-in callers alike; no handler panics, nothing is stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_that_is_not_multipart_is_refused_without_a_panic() {
    let app = spawn_app().await;
    add_person(&app, "ana@example.org", "ana", PASSWORD).await;
    let cookie = sign_in(&app, "ana", PASSWORD).await;
    let panics_before = server_panics().len();
    let bodies: &[(&str, &[u8])] = &[
        (
            "application/x-www-form-urlencoded",
            b"organisation_id=1&logo=x",
        ),
        ("application/json", br#"{"organisation_id":1}"#),
        ("text/plain", b"hello"),
        ("multipart/form-data", b"--x\r\n\r\n"),
        ("multipart/form-data; boundary=", b"--\r\n"),
        ("multipart/mixed; boundary=abc", b"--abc--\r\n"),
    ];
    for endpoint in ["uploads/organisation_files", "uploads/designation_photo"] {
        for (content_type, body) in bodies {
            for who in [None, Some(cookie.as_str())] {
                let mut headers = vec![
                    ("Content-Type", *content_type),
                    ("Accept", "application/json"),
                ];
                let length = body.len().to_string();
                headers.push(("Content-Length", &length));
                if let Some(c) = who {
                    headers.push(("Cookie", c));
                }
                let mut request = raw_head(&app, "POST", &format!("/api/{endpoint}"), &headers);
                request.extend_from_slice(body);
                let answer = raw_request(&app, &request).await;
                let Some((status, text)) = answer else {
                    panic!("{endpoint} {content_type}: connection dropped");
                };
                assert_eq!(status, 415, "{endpoint} {content_type} {who:?}: {text}");
                assert!(text.contains("multipart/form-data"), "{text}");
            }
        }
    }
    assert_eq!(
        server_panics().len(),
        panics_before,
        "{:?}",
        server_panics()
    );
    assert_eq!(common::count(&app, "uploads").await, 0);
}

/// A body over its limit sent in chunks (no Content-Length) gets the same 413 in words as one
/// that announces its length: for a server function and for an upload.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chunked_body_over_the_limit_is_413_in_words() {
    let app = spawn_app().await;
    add_person(&app, "ana@example.org", "ana", PASSWORD).await;
    let cookie = sign_in(&app, "ana", PASSWORD).await;
    let chunked = |path: &str, content_type: &str, total: usize| {
        let mut request = raw_head(
            &app,
            "POST",
            path,
            &[
                ("Content-Type", content_type),
                ("Accept", "application/json"),
                ("Transfer-Encoding", "chunked"),
                ("Cookie", &cookie),
            ],
        );
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0;
        while sent < total {
            request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            request.extend_from_slice(&chunk);
            request.extend_from_slice(b"\r\n");
            sent += chunk.len();
        }
        request.extend_from_slice(b"0\r\n\r\n");
        request
    };
    let form = chunked(
        "/api/accounts/update_my_details",
        "application/x-www-form-urlencoded",
        2 * 1024 * 1024,
    );
    let (status, text) = raw_request(&app, &form).await.expect("an answer");
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("too large"), "{text}");
    assert!(!text.contains("length limit"), "{text}");

    let upload = chunked(
        "/api/uploads/organisation_files",
        "multipart/form-data; boundary=zzz",
        27 * 1024 * 1024,
    );
    let (status, text) = raw_request(&app, &upload).await.expect("an answer");
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("too large"), "{text}");
    assert_eq!(common::count(&app, "uploads").await, 0);

    // Under the limit, chunked is fine: the call is answered by the server function.
    let small = chunked(
        "/api/accounts/whoami",
        "application/x-www-form-urlencoded",
        1,
    );
    let (status, _) = raw_request(&app, &small).await.expect("an answer");
    assert!(status < 500 && status != 413, "{status}");
}

/// A form posted without JavaScript from a page with a query string (`…/new?type=…`) comes
/// back to that page with its query, so that it is the same form with the same draft key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_post_with_errors_comes_back_with_the_page_query() {
    let app = spawn_app().await;
    let referer = app.url("/accreditation/1/geneva/new?type=principal_representative&copy=7");
    let r = app
        .client
        .post(app.url("/api/accounts/login"))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header("referer", &referer)
        .form(&[("login", ""), ("password", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(
            "/accreditation/1/geneva/new?type=principal_representative&copy=7&errors="
        ),
        "{location}"
    );
    assert!(location.contains("login:login_required"), "{location}");
    assert!(
        location.ends_with("&form=/api/accounts/login"),
        "{location}"
    );
}

/// Every script of a page carries the CSP nonce (an empty script without it is refused by the
/// browser and reported as a violation).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_script_of_a_page_carries_the_nonce() {
    let app = spawn_app().await;
    for path in ["/", "/login", "/accreditation/directory"] {
        let r = app.get(path).await;
        let csp = r.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .expect("a nonce in the CSP")
            .to_string();
        let html = r.text().await.unwrap();
        let scripts: Vec<&str> = html.split("<script").skip(1).collect();
        assert!(!scripts.is_empty(), "{path}: no script");
        for s in scripts {
            let tag = s.split('>').next().unwrap_or("");
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{path}: a script without the nonce: <script{tag}>"
            );
        }
    }
}

/// With several errors, each line of the summary names its field (screen readers hear which
/// field each message is about), in the page's language.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_line_of_the_error_summary_names_its_field() {
    let app = spawn_app().await;
    let path = "/login?errors=login:required,password:required&form=/api/accounts/login";
    for (lang, expected) in [
        (
            "fr",
            [
                "Adresse électronique ou nom d’utilisateur\u{a0}: ",
                "Mot de passe\u{a0}: ",
            ],
        ),
        ("en", ["Email address or username: ", "Password: "]),
    ] {
        let html = app
            .client
            .get(app.url(path))
            .header("cookie", format!("i18n_pref_locale={lang}"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let summary = html
            .split("class=\"error-summary\"")
            .nth(1)
            .and_then(|s| s.split("</ul>").next())
            .unwrap_or_else(|| panic!("{lang}: no summary in {html}"));
        for label in expected {
            assert!(
                summary.contains(label),
                "{lang}: {label:?} not in {summary}"
            );
        }
    }
}
