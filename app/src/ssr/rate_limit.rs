//! In-process rate limits: fixed windows per key (an address, an account). Each limit is named
//! in `limits` so that the rule lives in one place. Per instance: several instances each allow
//! the limit, which still bounds guessing; sessions, not limits, must be shared.
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window_ms: i64,
}

/// The limits of Passerelle, one per rule.
pub mod limits {
    use super::Limit;
    const MINUTE: i64 = 60 * 1000;
    /// Failed login attempts against one account (whatever the address they come from).
    pub const LOGIN_PER_ACCOUNT: Limit = Limit {
        max: 5,
        window_ms: 15 * MINUTE,
    };
    /// Login attempts from one network address (whatever the account).
    pub const LOGIN_PER_ADDRESS: Limit = Limit {
        max: 30,
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

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (i64, u32)>>,
}

/// Refused: try again after this many milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub i64);

impl RateLimiter {
    /// Whether one more attempt for `key` would be within `limit`, without counting it.
    pub fn check(&self, key: &str, limit: Limit, now: i64) -> Result<(), RetryAfter> {
        let windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        match windows.get(key) {
            Some((start, count)) if now - start < limit.window_ms && *count >= limit.max => {
                Err(RetryAfter(start + limit.window_ms - now))
            }
            _ => Ok(()),
        }
    }

    /// Counts one attempt for `key` at time `now` (ms) and says whether it is within `limit`.
    pub fn hit(&self, key: &str, limit: Limit, now: i64) -> Result<(), RetryAfter> {
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now - *start < 24 * 3600 * 1000);
        }
        let entry = windows.entry(key.to_string()).or_insert((now, 0));
        if now - entry.0 >= limit.window_ms {
            *entry = (now, 0);
        }
        if entry.1 >= limit.max {
            return Err(RetryAfter(entry.0 + limit.window_ms - now));
        }
        entry.1 += 1;
        Ok(())
    }
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
        let r = RateLimiter::default();
        for _ in 0..3 {
            assert!(r.hit("a", L, 0).is_ok());
        }
        assert_eq!(r.hit("a", L, 400), Err(RetryAfter(600)));
        assert!(r.hit("b", L, 400).is_ok(), "keys are independent");
        assert!(r.hit("a", L, 1000).is_ok(), "a new window starts");
    }

    #[test]
    fn check_does_not_count() {
        let r = RateLimiter::default();
        for _ in 0..10 {
            assert!(r.check("a", L, 0).is_ok());
        }
        for _ in 0..3 {
            r.hit("a", L, 0).unwrap();
        }
        assert!(r.check("a", L, 0).is_err());
    }
}
