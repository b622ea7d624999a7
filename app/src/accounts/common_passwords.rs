//! The shipped list of common passwords (server only: it would weigh ~360 KB in the browser).
//! See common-passwords.NOTICE for its origin and licence.
use std::collections::HashSet;
use std::sync::OnceLock;

static LIST: &str = include_str!("common-passwords.txt");

fn set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| LIST.lines().filter(|l| !l.is_empty()).collect())
}

/// Whether the password, ignoring case, is on the list.
pub fn is_common_password(password: &str) -> bool {
    set().contains(password.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_passwords_are_on_the_list_whatever_their_case() {
        for p in [
            "password",
            "12345678",
            "Iloveyou1",
            "QWERTYUIOP",
            "password123",
        ] {
            assert!(is_common_password(p), "{p}");
        }
        assert!(!is_common_password("correct horse battery staple"));
        assert!(set().len() > 30_000);
    }
}
