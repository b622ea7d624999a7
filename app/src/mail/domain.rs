//! Pure mail rules: retry back-off, who retries. (The text of mails: `mail::templates`.)

/// Attempts after which a job stops being retried by itself (it stays, marked failed,
/// for a platform administrator to retry): with the back-off below that is about two days.
pub const MAX_ATTEMPTS: u32 = 16;

/// Delay before the next try after `attempts` failed ones: 30 s doubling, at most 6 hours.
pub fn retry_delay_ms(attempts: u32) -> i64 {
    const BASE_MS: i64 = 30_000;
    const CAP_MS: i64 = 6 * 3600 * 1000;
    let exp = attempts.saturating_sub(1).min(20);
    (BASE_MS.saturating_mul(1_i64 << exp)).min(CAP_MS)
}

crate::code_enum! {
    /// Where a mail job is: waiting to be tried, delivered, kept in the outbox (no SMTP
    /// configured), or failed for good.
    MailStatus {
        Queued = "queued",
        Sent = "sent",
        Outbox = "outbox",
        Failed = "failed",
    }
}

/// Only a mail that failed for good is retried by hand: a queued one is already being tried,
/// a sent or kept one is done.
pub fn may_retry(status: &str) -> bool {
    MailStatus::parse(status) == Some(MailStatus::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Language;

    #[test]
    fn only_a_failed_mail_is_retried_by_hand() {
        assert!(may_retry("failed"));
        for s in ["queued", "sent", "outbox", ""] {
            assert!(!may_retry(s), "{s}");
        }
    }

    #[test]
    fn retries_back_off_and_are_capped() {
        assert_eq!(retry_delay_ms(1), 30_000);
        assert_eq!(retry_delay_ms(2), 60_000);
        assert_eq!(retry_delay_ms(3), 120_000);
        assert_eq!(retry_delay_ms(40), 6 * 3600 * 1000);
        let total: i64 = (1..MAX_ATTEMPTS).map(retry_delay_ms).sum();
        assert!(total > 24 * 3600 * 1000, "keeps trying for more than a day");
    }

    #[test]
    fn unknown_locale_codes_fall_back_to_french() {
        assert_eq!(Language::from_code("es"), Language::Es);
        assert_eq!(Language::from_code("de"), Language::Fr);
    }
}
