//! Pages of the accounts module (one file per page), and the sign-in state every page shares.
mod details;
mod recovery;
mod sign_in;
mod sign_up;

pub use details::MyDetailsPage;
pub use recovery::{ForgotPage, ResetPasswordPage};
pub use sign_in::SignInPage;
pub use sign_up::{SignUpCodePage, SignUpDetailsPage, SignUpPage};

use super::api::{CurrentUser, Login, Logout, whoami};
use leptos::prelude::*;

/// The sign-in state: the two actions and who is signed in (refetched after either action).
#[derive(Clone, Copy)]
pub struct Auth {
    pub login: ServerAction<Login>,
    pub logout: ServerAction<Logout>,
    pub user: Resource<Option<CurrentUser>>,
    /// Bumped by other actions that sign a person in (sign-up), to refresh `user`.
    pub session_changed: RwSignal<u32>,
}

pub fn provide_auth() {
    let login = ServerAction::<Login>::new();
    let logout = ServerAction::<Logout>::new();
    let session_changed = RwSignal::new(0);
    let user = Resource::new(
        move || {
            (
                login.version().get(),
                logout.version().get(),
                session_changed.get(),
            )
        },
        |_| async { whoami().await.ok().flatten() },
    );
    provide_context(Auth {
        login,
        logout,
        user,
        session_changed,
    });
}
