//! What organisations add to accounts (`accounts::hooks`): a new account is attached where its
//! address was listed; an organisation's headquarters address recovers its administrators.
use crate::AppError;
use crate::accounts::hooks::{AccountHooks, Pending, Recovered};
use crate::audit::Change;
use crate::audit::repo::record;
use crate::fields::EmailAddress;

pub const HOOKS: AccountHooks = AccountHooks {
    on_sign_up,
    recovered_through,
};

/// Listed addresses are attached at sign-up (audited on each organisation).
fn on_sign_up<'a>(
    tx: &'a mut sqlx::AnyConnection,
    email: &'a EmailAddress,
    user_id: i64,
) -> Pending<'a, ()> {
    Box::pin(async move {
        for (membership_id, organisation_id) in
            super::repo::attach_listed(&mut *tx, email.as_str(), user_id).await?
        {
            record(
                &mut *tx,
                &Change::new(
                    "organisation",
                    organisation_id,
                    "organisations.member_attached_at_sign_up",
                )
                .by(user_id)
                .between("listed", "active")
                .reason(Some(&format!(
                    "membership {membership_id}: {}",
                    email.as_str()
                ))),
            )
            .await?;
        }
        Ok::<(), AppError>(())
    })
}

/// The administrators of the organisation whose headquarters address this is.
fn recovered_through<'a>(
    tx: &'a mut sqlx::AnyConnection,
    email: &'a EmailAddress,
) -> Pending<'a, Recovered> {
    Box::pin(async move {
        Ok(super::repo::administrators_by_organisation_email(&mut *tx, email.as_str()).await?)
    })
}
