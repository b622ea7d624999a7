//! Login limits (issue #11, docs/ARCHITECTURE.md "Login limits"): an attacker slows only
//! themselves. Failures are counted per (account, address) strictly, per address for spraying,
//! per account across addresses for a delay (never a lock); refused attempts count nowhere.
//! Addresses are told apart through a trusted proxy's `X-Forwarded-For`, as in production.
use crate::common::{TestApp, add_person, spawn_app_with};
use reqwest::StatusCode;

const PASSWORD: &str = "the right one, at last";

async fn app() -> TestApp {
    spawn_app_with(&[("PASSERELLE_TRUSTED_PROXIES", "127.0.0.1")]).await
}

async fn login_from(app: &TestApp, address: &str, login: &str, password: &str) -> StatusCode {
    app.client
        .post(app.url("/api/accounts/login"))
        .header("origin", &app.address)
        .header("accept", "application/json")
        .header("x-forwarded-for", address)
        .form(&[("login", login), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
}

async fn hits(app: &TestApp, key: &str) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT hits FROM rate_limits WHERE key = $1")
        .bind(key)
        .fetch_optional(&app.db)
        .await
        .unwrap()
        .unwrap_or(0)
}

const WRONG: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;
const REFUSED: StatusCode = StatusCode::TOO_MANY_REQUESTS;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guesser_is_refused_but_the_owner_elsewhere_signs_in() {
    let app = app().await;
    add_person(&app, "owner@example.org", "owner", PASSWORD).await;
    for _ in 0..5 {
        assert_eq!(
            login_from(&app, "198.51.100.7", "owner", "guess").await,
            WRONG
        );
    }
    // The guesser's address is refused for this account, even with the right password.
    assert_eq!(
        login_from(&app, "198.51.100.7", "owner", "guess").await,
        REFUSED
    );
    assert_eq!(
        login_from(&app, "198.51.100.7", "owner", PASSWORD).await,
        REFUSED
    );
    // The owner, from the office, is not.
    assert_eq!(
        login_from(&app, "203.0.113.20", "owner", PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_attempts_count_nowhere_so_one_person_cannot_lock_out_an_office() {
    let app = app().await;
    add_person(&app, "target@example.org", "target", PASSWORD).await;
    add_person(&app, "colleague@example.org", "colleague", PASSWORD).await;
    let office = "203.0.113.50";
    for _ in 0..5 {
        assert_eq!(login_from(&app, office, "target", "guess").await, WRONG);
    }
    // One person in the office keeps hammering: refused, and counted nowhere.
    for _ in 0..60 {
        assert_eq!(login_from(&app, office, "target", "guess").await, REFUSED);
    }
    assert_eq!(hits(&app, &format!("login:address:{office}")).await, 5);
    assert_eq!(hits(&app, "login:account:target").await, 5);
    // Everyone else in the office signs in.
    assert_eq!(
        login_from(&app, office, "colleague", PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spraying_from_one_address_is_refused_for_every_account() {
    let app = app().await;
    add_person(&app, "victim@example.org", "victim", PASSWORD).await;
    let sprayer = "192.0.2.66";
    // 50 failures over 25 accounts (unknown ones cost the same as real ones).
    for i in 0..50 {
        let account = format!("someone{}", i / 2);
        assert_eq!(
            login_from(&app, sprayer, &account, "Summer2026!").await,
            WRONG
        );
    }
    assert_eq!(
        login_from(&app, sprayer, "victim", "Summer2026!").await,
        REFUSED
    );
    assert_eq!(login_from(&app, sprayer, "victim", PASSWORD).await, REFUSED);
    // The account itself is fine from anywhere else.
    assert_eq!(
        login_from(&app, "203.0.113.1", "victim", PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broad_attack_on_an_account_delays_but_never_locks_it() {
    let app = app().await;
    add_person(&app, "popular@example.org", "popular", PASSWORD).await;
    // Four addresses, five failures each: the account is under a broad attack (20).
    for a in 1..=4 {
        for _ in 0..5 {
            let address = format!("198.51.100.{a}");
            assert_eq!(login_from(&app, &address, "popular", "guess").await, WRONG);
        }
    }
    assert_eq!(hits(&app, "login:account:popular").await, 20);
    assert!(!app::ssr::rate_limit::login_delay(20).is_zero());
    // The right password from an address that has not failed still gets in (after a delay).
    assert_eq!(
        login_from(&app, "203.0.113.9", "popular", PASSWORD).await,
        StatusCode::OK
    );
    // A wrong one from a fresh address is a failure like any other, not a refusal.
    assert_eq!(
        login_from(&app, "203.0.113.10", "popular", "guess").await,
        WRONG
    );
}
