//! Malformed input to every server function (issue #11), anonymously and signed in: wrong
//! content types, wrong types, missing and extra fields, 1 MB strings, invalid UTF-8, deeply
//! nested JSON, huge and negative numbers, SQL and HTML injection. No answer may be a 5xx, no
//! connection may drop, no server code may panic. The list of functions is the registry the
//! authorisation matrix reads; argument names come from the matrix's rows. Bounded: a few
//! thousand requests, a few in flight at once.
use crate::authorisation::rows;
use crate::common::{self, TestApp, add_person, grant, server_panics, sign_in, spawn_app};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

const PASSWORD: &str = "fuzzing every door";
const IN_FLIGHT: usize = 8;

/// One malformed call: content type (if any), body.
#[derive(Clone)]
struct Case {
    what: &'static str,
    content_type: Option<&'static str>,
    body: Vec<u8>,
}

fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut s = form_urlencoded_like(pairs);
    s.shrink_to_fit();
    s.into_bytes()
}

/// `a=1&b=2`, percent-encoding what needs it.
fn form_urlencoded_like(pairs: &[(&str, &str)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `a=<value>&b=<value>…` with `value` as raw bytes (not encoded), then `tail`.
fn raw_values(args: &[&str], value: &[u8], tail: &[u8]) -> Vec<u8> {
    let mut b = vec![];
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            b.push(b'&');
        }
        b.extend_from_slice(a.as_bytes());
        b.push(b'=');
        b.extend_from_slice(value);
    }
    if !b.is_empty() {
        b.push(b'&');
    }
    b.extend_from_slice(tail);
    b
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

/// The malformed calls of one server function whose arguments are `args`.
fn cases(args: &[&'static str]) -> Vec<Case> {
    let all = |v: &str| -> Vec<u8> {
        let pairs: Vec<(&str, &str)> = args.iter().map(|a| (*a, v)).collect();
        form(&pairs)
    };
    let mut out = vec![
        Case {
            what: "no fields",
            content_type: FORM,
            body: vec![],
        },
        Case {
            what: "empty values",
            content_type: FORM,
            body: all(""),
        },
        Case {
            what: "huge number",
            content_type: FORM,
            body: all("999999999999999999999999999999"),
        },
        Case {
            what: "past i64",
            content_type: FORM,
            body: all("-9223372036854775809"),
        },
        Case {
            what: "i64 min",
            content_type: FORM,
            body: all("-9223372036854775808"),
        },
        Case {
            what: "negative",
            content_type: FORM,
            body: all("-1"),
        },
        Case {
            what: "float",
            content_type: FORM,
            body: all("1e308"),
        },
        Case {
            what: "not a number",
            content_type: FORM,
            body: all("NaN"),
        },
        Case {
            what: "sql",
            content_type: FORM,
            body: all("' OR '1'='1'; DROP TABLE users; --"),
        },
        Case {
            what: "html",
            content_type: FORM,
            body: all("<script>alert(1)</script><img src=x onerror=alert(1)>"),
        },
        Case {
            what: "nul and controls",
            content_type: FORM,
            body: all("a\u{0}b\u{1b}[31m\r\n"),
        },
        Case {
            what: "unicode",
            content_type: FORM,
            body: all("\u{202e}ᴀ\u{fffd}𝕏🙂"),
        },
        Case {
            what: "invalid utf-8 (encoded)",
            content_type: FORM,
            body: raw_values(args, b"%FF%FE%C3%28", b"x=%FF"),
        },
        Case {
            what: "invalid utf-8 (raw)",
            content_type: FORM,
            body: raw_values(args, &[0xff, 0xfe, 0xc3, 0x28], &[0xff, 0x00]),
        },
        Case {
            what: "broken encoding",
            content_type: FORM,
            body: b"%%%&&==&=%zz&a[=]".to_vec(),
        },
        Case {
            what: "extra fields",
            content_type: FORM,
            body: {
                let mut pairs: Vec<(&str, &str)> = args.iter().map(|a| (*a, "1")).collect();
                pairs.extend([("unexpected", "1"), ("__proto__", "x"), ("a[b][c]", "d")]);
                form(&pairs)
            },
        },
        Case {
            what: "duplicated fields",
            content_type: FORM,
            body: {
                let mut pairs: Vec<(&str, &str)> = vec![];
                for a in args {
                    pairs.push((a, "1"));
                    pairs.push((a, "2"));
                }
                form(&pairs)
            },
        },
        Case {
            what: "array syntax",
            content_type: FORM,
            body: {
                let names: Vec<String> = args.iter().map(|a| format!("{a}[]")).collect();
                let pairs: Vec<(&str, &str)> = names.iter().map(|a| (a.as_str(), "x")).collect();
                form(&pairs)
            },
        },
        Case {
            what: "json",
            content_type: Some("application/json"),
            body: {
                let map: serde_json::Map<String, serde_json::Value> = args
                    .iter()
                    .map(|a| {
                        (
                            a.to_string(),
                            serde_json::json!({"nested": [1, "two", null]}),
                        )
                    })
                    .collect();
                serde_json::to_vec(&map).unwrap()
            },
        },
        Case {
            what: "deeply nested json",
            content_type: Some("application/json"),
            body: format!("{}{}", "[".repeat(20_000), "]".repeat(20_000)).into_bytes(),
        },
        Case {
            what: "text",
            content_type: Some("text/plain"),
            body: b"hello".to_vec(),
        },
        Case {
            what: "no content type",
            content_type: None,
            body: all("1"),
        },
        Case {
            what: "garbage content type",
            content_type: Some("!!!/;;;"),
            body: all("1"),
        },
        Case {
            what: "multipart without boundary",
            content_type: Some("multipart/form-data"),
            body: b"--x\r\n".to_vec(),
        },
        Case {
            what: "multipart garbage",
            content_type: Some("multipart/form-data; boundary=zz"),
            body: b"--zz\r\nnonsense\r\n\r\n--zz".to_vec(),
        },
        Case {
            what: "cbor",
            content_type: Some("application/cbor"),
            body: vec![0xa1, 0x61, 0x61, 0xff],
        },
    ];
    // A 1 MB string in each argument in turn (the body stays under the 1 MiB form limit).
    for a in args.iter().take(2) {
        let big = "x".repeat(1_000_000);
        out.push(Case {
            what: "1 MB string",
            content_type: FORM,
            body: form(&[(a, &big)]),
        });
    }
    out
}

struct Outcome {
    requests: usize,
    failures: Vec<String>,
}

/// A client that opens a connection per call: an answer given before the body was read (415,
/// 413) closes its connection, and a pooled one reused at that moment would be the client's
/// race, not the server's fault.
fn fresh_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(0)
        .build()
        .expect("client")
}

async fn send(
    client: &reqwest::Client,
    app: &TestApp,
    endpoint: &str,
    case: &Case,
    cookie: Option<&str>,
    html: bool,
) -> Result<u16, String> {
    let mut req = client
        .post(app.url(&format!("/api/{endpoint}")))
        .header("origin", &app.address)
        .header(
            "accept",
            if html {
                "text/html"
            } else {
                "application/json"
            },
        )
        .body(case.body.clone());
    if html {
        req = req.header("referer", app.url("/organisations?tab=1"));
    }
    if let Some(ct) = case.content_type {
        req = req.header("content-type", ct);
    }
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    match req.send().await {
        Ok(r) => {
            let status = r.status().as_u16();
            // Read the whole answer: a body cut short is a dropped connection too.
            r.bytes()
                .await
                .map_err(|e| format!("answer cut short: {e}"))?;
            Ok(status)
        }
        Err(e) => Err(format!("no answer: {e}")),
    }
}

async fn fuzz(app: Arc<TestApp>, who: Vec<(&'static str, Option<String>)>) -> Outcome {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    let mut args: BTreeMap<&str, BTreeSet<&'static str>> = BTreeMap::new();
    for check in rows() {
        args.entry(check.endpoint())
            .or_default()
            .extend(check.args().iter().map(|(k, _)| *k));
    }
    let limit = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let client = fresh_client();
    let mut tasks = tokio::task::JoinSet::new();
    for endpoint in &registered {
        let names: Vec<&'static str> = args
            .get(endpoint.as_str())
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        for (i, case) in cases(&names).into_iter().enumerate() {
            for (label, cookie) in &who {
                // Signing out would end the fuzzing identity's session for the rest of the run.
                if cookie.is_some() && endpoint == "accounts/logout" {
                    continue;
                }
                let (client, app, limit, endpoint, case, cookie, label) = (
                    client.clone(),
                    app.clone(),
                    limit.clone(),
                    endpoint.clone(),
                    case.clone(),
                    cookie.clone(),
                    *label,
                );
                tasks.spawn(async move {
                    let _permit = limit.acquire().await.unwrap();
                    let html = i % 5 == 0;
                    match send(&client, &app, &endpoint, &case, cookie.as_deref(), html).await {
                        Ok(status) if status < 500 => None,
                        Ok(status) => Some(format!("{label} {endpoint} [{}]: {status}", case.what)),
                        Err(e) => Some(format!("{label} {endpoint} [{}]: {e}", case.what)),
                    }
                });
            }
        }
    }
    let mut outcome = Outcome {
        requests: 0,
        failures: vec![],
    };
    while let Some(done) = tasks.join_next().await {
        outcome.requests += 1;
        if let Some(f) = done.expect("a fuzz task") {
            outcome.failures.push(f);
        }
    }
    outcome
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_malformed_call_to_any_server_function_is_a_5xx_a_drop_or_a_panic() {
    let app = spawn_app().await;
    let uid = add_person(&app, "fuzz@example.org", "fuzz", PASSWORD).await;
    grant(&app, uid, "platform_admin", "").await;
    grant(&app, uid, "accreditation_officer", "geneva").await;
    let cookie = sign_in(&app, "fuzz", PASSWORD).await;
    common::consultative_organisation(&app, &cookie, "Fuzz ONG").await;
    let panics_before = server_panics().len();
    let app = Arc::new(app);
    let outcome = fuzz(
        app.clone(),
        vec![("anonymous", None), ("signed in", Some(cookie.clone()))],
    )
    .await;
    let panics: Vec<String> = server_panics().into_iter().skip(panics_before).collect();
    let backend = format!("{:?}", app::ssr::db::backend(&app.db)).to_lowercase();
    let report = format!(
        "fuzz ({backend}): {} malformed requests to {} server functions, {} failures, {} panics",
        outcome.requests,
        leptos::server_fn::axum::server_fn_paths().count(),
        outcome.failures.len(),
        panics.len()
    );
    println!("{report}");
    // scripts/test prints it after each run.
    let _ = std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{backend}.txt")),
        &report,
    );
    assert!(outcome.requests > 1000, "{}", outcome.requests);
    assert!(
        outcome.failures.is_empty(),
        "{} failures:\n{}",
        outcome.failures.len(),
        outcome.failures.join("\n")
    );
    assert!(panics.is_empty(), "panics:\n{}", panics.join("\n"));
    // The server still answers, and the signed-in identity is still signed in.
    let me = common::call(&app, "accounts/whoami", &[], Some(&cookie)).await;
    assert_eq!(me.status(), 200);
}
