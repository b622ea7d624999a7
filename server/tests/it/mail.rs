//! Mail leaves through a real SMTP conversation (a sink in the test), in the recipient's
//! language, outside the request path; without SMTP it lands in the outbox; failures retry.
use crate::common;
use app::fields::EmailAddress;
use app::locale::Language;
use app::mail::queue;
use common::smtp_sink::SmtpSink;
use common::{decode_quoted_printable, spawn_app, spawn_app_with};

async fn status_of(db: &app::ssr::Db, id: i64) -> (String, i64, Option<String>) {
    sqlx::query_as("SELECT status, attempts, last_error FROM mail_jobs WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

async fn wait_for_status(db: &app::ssr::Db, id: i64, want: &str) {
    for _ in 0..200 {
        if status_of(db, id).await.0 == want {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "mail {id} never reached {want}: {:?}",
        status_of(db, id).await
    );
}

fn code_mail() -> app::accounts::mail::AccountMail {
    app::accounts::mail::AccountMail::VerificationCode {
        code: "583016".into(),
        minutes_valid: 15,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_is_delivered_over_smtp_in_the_recipients_language() {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(&[("SMTP_URL", &sink.url())]).await;
    let to = EmailAddress::parse("lucia@example.org").unwrap();
    let id = queue::enqueue(&app.db, &to, Language::Es, &code_mail())
        .await
        .unwrap();

    let delivered = sink.wait_for(1).await;
    assert_eq!(delivered[0].to, vec!["lucia@example.org".to_string()]);
    let text = decode_quoted_printable(&delivered[0].data);
    assert!(
        text.contains("Este es su código de verificación: 583016"),
        "{text}"
    );
    assert!(
        text.contains("From: Passerelle <no-reply@localhost>"),
        "{text}"
    );
    wait_for_status(&app.db, id, "sent").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_mail_goes_to_the_outbox() {
    let app = spawn_app().await;
    let to = EmailAddress::parse("amadou@example.org").unwrap();
    let id = queue::enqueue(&app.db, &to, Language::Fr, &code_mail())
        .await
        .unwrap();
    wait_for_status(&app.db, id, "outbox").await;
    let recent = queue::page(&app.db, None, 10).await.unwrap();
    assert_eq!(recent[0].subject, "Votre code Passerelle : 583016");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_temporary_failure_is_retried_and_the_mail_is_not_lost() {
    let sink = SmtpSink::start().await;
    sink.fail_next(1);
    let app = spawn_app_with(&[("SMTP_URL", &sink.url())]).await;
    let to = EmailAddress::parse("ana@example.org").unwrap();
    let id = queue::enqueue(&app.db, &to, Language::En, &code_mail())
        .await
        .unwrap();

    // The first try meets "451 try again later": the job stays queued, with the error, for later.
    for _ in 0..200 {
        if status_of(&app.db, id).await.1 == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (status, attempts, error) = status_of(&app.db, id).await;
    assert_eq!((status.as_str(), attempts), ("queued", 1));
    assert!(error.unwrap().contains("451"));
    assert!(sink.messages().is_empty());

    // When the back-off has passed, the next try delivers it.
    sqlx::query("UPDATE mail_jobs SET next_attempt_at = 0 WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
    let delivered = sink.wait_for(1).await;
    assert!(decode_quoted_printable(&delivered[0].data).contains("583016"));
    wait_for_status(&app.db, id, "sent").await;
    assert_eq!(status_of(&app.db, id).await.1, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_queued_in_a_rolled_back_transaction_is_never_sent() {
    let app = spawn_app().await;
    let to = EmailAddress::parse("ghost@example.org").unwrap();
    let mut tx = app.db.begin().await.unwrap();
    queue::enqueue(&mut *tx, &to, Language::Fr, &code_mail())
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_jobs")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_address_is_marked_failed_not_retried_forever() {
    let sink = SmtpSink::start().await;
    let app = spawn_app_with(&[("SMTP_URL", &sink.url())]).await;
    // An address that passed our parser but that the mail library refuses.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mail_jobs (to_address, locale, subject, body, status, attempts, next_attempt_at, created_at)
         VALUES ('not an address', 'fr', 's', 'b', 'queued', 0, 0, 0) RETURNING id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    wait_for_status(&app.db, id, "failed").await;
}
