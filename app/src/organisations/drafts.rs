//! The organisation form that keeps drafts: the profile (record key: the organisation id).
use crate::drafts::domain::DraftForm;

pub const PROFILE: DraftForm = DraftForm::new("organisation_profile");

#[cfg(feature = "ssr")]
pub mod server {
    use super::PROFILE;
    use crate::AppError;
    use crate::actor::Actor;
    use crate::drafts::registry::{DraftSource, RecordState};
    use crate::organisations::{policy, repo};

    pub const SOURCE: DraftSource = DraftSource {
        form: PROFILE,
        record_state,
    };

    /// The organisation's profile, to its editors.
    fn record_state<'a>(record_key: &'a str, actor: &'a Actor) -> RecordState<'a> {
        Box::pin(async move {
            let db = crate::ssr::db()?;
            let id: i64 = record_key.parse().map_err(|_| AppError::NotFound)?;
            let org = repo::organisation(&db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let role = repo::role_of(&db, id, actor.user_id).await?;
            policy::may_edit_organisation(actor, role)?;
            let version = repo::version_of(&db, id).await?;
            let fields = repo::profile_fields(&db, org.id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((fields, version))
        })
    }
}
