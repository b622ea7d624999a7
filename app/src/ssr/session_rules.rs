//! Session lifetimes (PRODUCT.md §2, security baseline): an idle timeout and an absolute
//! lifetime, longer with "remember me".
const MINUTE: i64 = 60 * 1000;
const DAY: i64 = 24 * 60 * MINUTE;
pub const IDLE_TIMEOUT_MS: i64 = 30 * MINUTE;
pub const ABSOLUTE_LIFETIME_MS: i64 = 12 * 60 * MINUTE;
pub const REMEMBER_IDLE_TIMEOUT_MS: i64 = 30 * DAY;
pub const REMEMBER_ABSOLUTE_LIFETIME_MS: i64 = 30 * DAY;
/// `last_seen_at` is written at most this often, to spare the database a write per request.
pub const TOUCH_EVERY_MS: i64 = MINUTE;

/// When a session created at `created_at` ends at the latest.
pub fn expires_at(created_at: i64, remember: bool) -> i64 {
    created_at
        + if remember {
            REMEMBER_ABSOLUTE_LIFETIME_MS
        } else {
            ABSOLUTE_LIFETIME_MS
        }
}

/// Whether a session is still valid at `now`.
pub fn is_alive(now: i64, created_at: i64, last_seen_at: i64, remember: bool) -> bool {
    let idle = if remember {
        REMEMBER_IDLE_TIMEOUT_MS
    } else {
        IDLE_TIMEOUT_MS
    };
    now < expires_at(created_at, remember) && now - last_seen_at < idle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_end_after_30_idle_minutes_or_12_hours_and_remember_me_lasts_30_days() {
        let min = 60 * 1000;
        assert!(is_alive(29 * min, 0, 0, false));
        assert!(!is_alive(30 * min, 0, 0, false), "idle timeout");
        assert!(is_alive(11 * 60 * min, 0, 11 * 60 * min - min, false));
        assert!(
            !is_alive(12 * 60 * min, 0, 12 * 60 * min - min, false),
            "absolute lifetime"
        );
        assert!(is_alive(29 * 24 * 60 * min, 0, 20 * 24 * 60 * min, true));
        assert!(!is_alive(
            30 * 24 * 60 * min,
            0,
            30 * 24 * 60 * min - min,
            true
        ));
    }
}
