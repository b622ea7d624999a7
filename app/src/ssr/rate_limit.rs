//! Rate limits: fixed windows per key (an address, an account), counted in the database so that
//! every instance of Passerelle shares them. Each limit is named in `limits` so that the rule
//! lives in one place; `refusal` is the rule itself, pure.
use super::Db;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window_ms: i64,
}

/// The limits of Passerelle, one per rule.
pub mod limits {
    use super::Limit;
    const MINUTE: i64 = 60 * 1000;
    /// Failed logins for one account from one address: past this, that address is refused
    /// for that account until the window ends (the strict limit; only the guesser waits).
    pub const LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS: Limit = Limit {
        max: 5,
        window_ms: 15 * MINUTE,
    };
    /// Failed logins from one address, whatever the accounts (password spraying): past this,
    /// the address is refused until the window ends. Only failures count, so that an office
    /// behind one address signing in all day is never refused because of its own successes.
    pub const LOGIN_FAILURES_PER_ADDRESS: Limit = Limit {
        max: 50,
        window_ms: 15 * MINUTE,
    };
    /// Failed logins for one account from every address: from `max` on, the account is under a
    /// broad attack and every attempt on it waits (`login_delay`), the right password too — a
    /// delay, never a lock.
    pub const LOGIN_FAILURES_PER_ACCOUNT: Limit = Limit {
        max: 20,
        window_ms: 15 * MINUTE,
    };
    /// Sign-up and change-of-address codes sent to one address ("send a new code" included).
    pub const CODES_PER_EMAIL: Limit = Limit {
        max: 5,
        window_ms: 60 * MINUTE,
    };
    /// Codes sent at the request of one network address.
    pub const CODES_PER_ADDRESS: Limit = Limit {
        max: 30,
        window_ms: 60 * MINUTE,
    };
    /// Code tries from one network address (each code also dies after 5 wrong tries).
    pub const CODE_TRIES_PER_ADDRESS: Limit = Limit {
        max: 30,
        window_ms: 15 * MINUTE,
    };
    /// Reset links asked for one address.
    pub const RESETS_PER_EMAIL: Limit = Limit {
        max: 3,
        window_ms: 60 * MINUTE,
    };
    /// Reset requests and reset-link uses from one network address.
    pub const RESETS_PER_ADDRESS: Limit = Limit {
        max: 20,
        window_ms: 60 * MINUTE,
    };
    /// Extranet registrations from one network address.
    pub const REGISTRATIONS_PER_ADDRESS: Limit = Limit {
        max: 10,
        window_ms: 60 * MINUTE,
    };
    /// Wrong current passwords when changing one's password, per account.
    pub const PASSWORD_CHANGE_PER_ACCOUNT: Limit = Limit {
        max: 5,
        window_ms: 15 * MINUTE,
    };
}

// The strict limit is the lowest; spraying needs the most failures (checked at compile time).
const _: () = assert!(
    limits::LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS.max < limits::LOGIN_FAILURES_PER_ACCOUNT.max
        && limits::LOGIN_FAILURES_PER_ACCOUNT.max < limits::LOGIN_FAILURES_PER_ADDRESS.max
);

/// How long a login attempt on an account waits when the account has `failures` failed logins
/// in its window (every address together): nothing below the broad-attack threshold, then half a
/// second, doubling every 10 further failures, at most 8 seconds.
pub fn login_delay(failures: i64) -> std::time::Duration {
    let threshold = i64::from(limits::LOGIN_FAILURES_PER_ACCOUNT.max);
    if failures < threshold {
        return std::time::Duration::ZERO;
    }
    let doublings = ((failures - threshold) / 10).min(4) as u32;
    std::time::Duration::from_millis(500 * 2u64.pow(doublings))
}

/// Refused: try again after this many milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub i64);

/// The rule: in the window that started at `window_start`, `attempts` attempts (the one being
/// decided included) are within `limit` until they exceed its `max`; a window older than the
/// limit's length no longer counts.
pub fn refusal(window_start: i64, attempts: i64, limit: Limit, now: i64) -> Result<(), RetryAfter> {
    if now - window_start < limit.window_ms && attempts > i64::from(limit.max) {
        Err(RetryAfter(window_start + limit.window_ms - now))
    } else {
        Ok(())
    }
}

/// The key as stored: short keys as they are, long ones (a login typed at length) by their hash.
fn stored_key(key: &str) -> String {
    use sha2::{Digest, Sha256};
    if key.len() <= 200 {
        key.to_string()
    } else {
        let digest = Sha256::digest(key.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    }
}

/// Whether one more attempt for `key` would be within `limit`, without counting it.
pub async fn check(
    db: &Db,
    key: &str,
    limit: Limit,
    now: i64,
) -> Result<Result<(), RetryAfter>, sqlx::Error> {
    Ok(window(db, key)
        .await?
        .map_or(Ok(()), |(start, hits)| refusal(start, hits + 1, limit, now)))
}

/// The attempts counted for `key` in its live window (0 when none or the window is over).
pub async fn count(db: &Db, key: &str, limit: Limit, now: i64) -> Result<i64, sqlx::Error> {
    Ok(window(db, key)
        .await?
        .filter(|(start, _)| now - start < limit.window_ms)
        .map_or(0, |(_, hits)| hits))
}

/// The window stored for `key`: when it started and how many attempts it counted.
async fn window(db: &Db, key: &str) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT window_start, hits FROM rate_limits WHERE key = $1")
        .bind(stored_key(key))
        .fetch_optional(db)
        .await
}

/// Forgets the window of `key` (a right password clears its own address's failures).
pub async fn forget(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_limits WHERE key = $1")
        .bind(stored_key(key))
        .execute(db)
        .await?;
    Ok(())
}

/// Counts one attempt for `key` at `now` (ms), in one statement that every instance can run at
/// once, and says whether it is within `limit`. A window past its length starts again.
pub async fn hit(
    db: &Db,
    key: &str,
    limit: Limit,
    now: i64,
) -> Result<Result<(), RetryAfter>, sqlx::Error> {
    let (start, hits): (i64, i64) = sqlx::query_as(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
             hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
             window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END
         RETURNING window_start, hits",
    )
    .bind(stored_key(key))
    .bind(now)
    .bind(now - limit.window_ms)
    .fetch_one(db)
    .await?;
    Ok(refusal(start, hits, limit, now))
}

/// Forgets windows older than a day (the longest limit is an hour): run by the housekeeping.
/// Hourly: windows older than a day are removed.
pub const PURGE_JOB: crate::ssr::jobs::Job = crate::ssr::jobs::Job {
    name: "rate_limits.purge",
    every: std::time::Duration::from_secs(3600),
    run: |db, _| Box::pin(async move { Ok(purge(db, crate::ssr::db::now_millis()).await?) }),
};

pub async fn purge(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(now - 24 * 3600 * 1000)
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limit = Limit {
        max: 3,
        window_ms: 1000,
    };

    #[test]
    fn allows_the_limit_then_refuses_until_the_window_ends() {
        for attempts in 1..=3 {
            assert_eq!(refusal(0, attempts, L, 10), Ok(()));
        }
        assert_eq!(refusal(0, 4, L, 400), Err(RetryAfter(600)));
        assert_eq!(refusal(0, 4, L, 999), Err(RetryAfter(1)));
        assert_eq!(refusal(0, 50, L, 1000), Ok(()), "the window is over");
    }

    #[test]
    fn a_broad_attack_on_an_account_slows_attempts_without_locking() {
        use std::time::Duration;
        assert_eq!(login_delay(0), Duration::ZERO);
        assert_eq!(login_delay(19), Duration::ZERO, "below the threshold");
        assert_eq!(login_delay(20), Duration::from_millis(500));
        assert_eq!(login_delay(29), Duration::from_millis(500));
        assert_eq!(login_delay(30), Duration::from_secs(1));
        assert_eq!(login_delay(40), Duration::from_secs(2));
        assert_eq!(login_delay(60), Duration::from_secs(8));
        assert_eq!(login_delay(100_000), Duration::from_secs(8), "at most 8 s");
    }

    #[test]
    fn long_keys_are_stored_by_their_hash() {
        assert_eq!(
            stored_key("login:address:127.0.0.1"),
            "login:address:127.0.0.1"
        );
        let long = format!("login:account:{}", "x".repeat(1000));
        let stored = stored_key(&long);
        assert!(
            stored.starts_with("sha256:") && stored.len() == 7 + 64,
            "{stored}"
        );
        assert_eq!(stored, stored_key(&long));
        assert_ne!(stored, stored_key(&format!("{long}y")));
    }
}
