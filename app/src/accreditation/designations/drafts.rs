//! The accreditation form that keeps drafts: a designation (record key: `d{id}` for a saved
//! draft, `o{organisation}-{station}-{variant}` for a new one — `new_form_draft_key`).
use crate::drafts::domain::DraftForm;

pub const DESIGNATION: DraftForm = DraftForm::new("designation");

#[cfg(feature = "ssr")]
pub mod server {
    use super::DESIGNATION;
    use crate::AppError;
    use crate::accreditation::DraftKey;
    use crate::accreditation::domain::DutyStation;
    use crate::accreditation::{repo, rights};
    use crate::actor::Actor;
    use crate::drafts::registry::{DraftSource, RecordState};
    use crate::fields::Fields;

    pub const SOURCE: DraftSource = DraftSource {
        form: DESIGNATION,
        record_state,
    };

    /// A designation the caller may write (`rights::designator`), or a new one at a station
    /// where they may designate.
    fn record_state<'a>(record_key: &'a str, actor: &'a Actor) -> RecordState<'a> {
        Box::pin(async move {
            let db = crate::ssr::db()?;
            let user_id = actor.user_id;
            let (org, station) = match crate::accreditation::parse_draft_key(record_key) {
                None => return Err(AppError::NotFound),
                Some(DraftKey::Saved(id)) => {
                    let d = repo::designation(&db, id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    let role = crate::organisations::repo::role_of(&db, d.organisation_id, user_id)
                        .await?;
                    let station = DutyStation::parse(&d.duty_station).ok_or(AppError::NotFound)?;
                    rights::designator(&db, user_id, d.organisation_id, role, station)
                        .await?
                        .may_touch(&d, user_id)?;
                    return Ok((d.form_fields(), d.version));
                }
                Some(DraftKey::New {
                    organisation_id,
                    station,
                    ..
                }) => (
                    organisation_id,
                    DutyStation::parse(station).ok_or(AppError::NotFound)?,
                ),
            };
            crate::organisations::repo::organisation(&db, org)
                .await?
                .ok_or(AppError::NotFound)?;
            let role = crate::organisations::repo::role_of(&db, org, user_id).await?;
            rights::designator(&db, user_id, org, role, station).await?;
            Ok((Fields::new(), 0))
        })
    }
}
