//! The account form that keeps drafts: "My details" (record key: empty, the person's own account).
use crate::drafts::domain::DraftForm;

pub const MY_DETAILS: DraftForm = DraftForm::new("my_details");

#[cfg(feature = "ssr")]
pub mod server {
    use super::MY_DETAILS;
    use crate::AppError;
    use crate::actor::Actor;
    use crate::drafts::registry::{DraftSource, RecordState};
    use crate::fields::Fields;

    pub const SOURCE: DraftSource = DraftSource {
        form: MY_DETAILS,
        record_state,
    };

    /// The caller's own details; no other record key.
    fn record_state<'a>(record_key: &'a str, actor: &'a Actor) -> RecordState<'a> {
        Box::pin(async move {
            if !record_key.is_empty() {
                return Err(AppError::Forbidden);
            }
            let db = crate::ssr::db()?;
            let p = crate::accounts::repo::person(&db, actor.user_id)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            let version = crate::accounts::repo::version_of_user(&db, actor.user_id).await?;
            let s = |v: &str| v.to_string();
            let fields = Fields::from([
                (s("username"), p.username),
                (s("display_name"), p.display_name),
                (s("first_name"), p.first_name),
                (s("last_name"), p.last_name),
                (s("locale"), p.locale),
                (
                    s("newsletter"),
                    if p.newsletter == 1 {
                        s("on")
                    } else {
                        String::new()
                    },
                ),
            ]);
            Ok((fields, version))
        })
    }
}
