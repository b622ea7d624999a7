//! What other modules add to an account's life, registered by them (`app::modules::install`) so
//! that `accounts` knows none of them: work done in a sign-up's transaction (organisations attach
//! the addresses they listed), and accounts recovered through an address that is not theirs (an
//! organisation's headquarters address recovers its administrators).
use crate::AppError;
use crate::fields::EmailAddress;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T, AppError>> + Send + 'a>>;

/// Accounts another module recovers through an address: (what they are recovered as — the
/// organisation's name —, user id, username).
pub type Recovered = Vec<(String, i64, String)>;

pub struct AccountHooks {
    /// In the sign-up's transaction, once the account `user_id` of `email` exists.
    pub on_sign_up: for<'a> fn(
        tx: &'a mut sqlx::AnyConnection,
        email: &'a EmailAddress,
        user_id: i64,
    ) -> Pending<'a, ()>,
    /// In a reset request's transaction: the accounts recovered through `email`.
    pub recovered_through: for<'a> fn(
        tx: &'a mut sqlx::AnyConnection,
        email: &'a EmailAddress,
    ) -> Pending<'a, Recovered>,
}

static HOOKS: OnceLock<Vec<AccountHooks>> = OnceLock::new();

/// Registers the modules' hooks (once per process; later calls change nothing).
pub fn install(hooks: Vec<AccountHooks>) {
    let _ = HOOKS.set(hooks);
}

pub fn registered() -> &'static [AccountHooks] {
    HOOKS.get().map_or(&[], Vec::as_slice)
}
