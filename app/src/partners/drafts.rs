//! The profile's section forms keep drafts: one form, a record per organisation and section
//! (`<organisation id>-<section>`, written and read here only).
use crate::drafts::domain::DraftForm;
use crate::partners::domain::profile::Section;

pub const SECTION: DraftForm = DraftForm::new("partner_section");

/// The draft record key of a section of a profile.
pub fn record_key(organisation_id: i64, section: Section) -> String {
    format!("{organisation_id}-{}", section.as_str())
}

/// The profile and section a record key names.
pub fn parse_record_key(key: &str) -> Option<(i64, Section)> {
    let (id, section) = key.split_once('-')?;
    Some((id.parse().ok()?, Section::parse(section)?))
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::{SECTION, parse_record_key};
    use crate::AppError;
    use crate::actor::Actor;
    use crate::drafts::registry::{DraftSource, RecordState};
    use crate::organisations::repo as organisations;
    use crate::partners::domain::profile::section_fields;
    use crate::partners::{policy, repo};

    pub const SOURCE: DraftSource = DraftSource {
        form: SECTION,
        record_state,
    };

    /// The section's saved answers, to the profile's editors.
    fn record_state<'a>(record_key: &'a str, actor: &'a Actor) -> RecordState<'a> {
        Box::pin(async move {
            let db = crate::ssr::db()?;
            let (id, section) = parse_record_key(record_key).ok_or(AppError::NotFound)?;
            let org = organisations::organisation(&db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let role = organisations::role_of(&db, org.id, actor.user_id).await?;
            policy::may_edit_profile(actor, role)?;
            let mut answers = repo::answers(&db, org.id).await?;
            answers.retain(|name, _| section_fields(section).any(|f| f.name == name));
            Ok((answers, repo::version(&db, org.id).await?))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_keys_round_trip() {
        for s in Section::ALL {
            assert_eq!(parse_record_key(&record_key(42, *s)), Some((42, *s)));
        }
        assert_eq!(parse_record_key("42"), None);
        assert_eq!(parse_record_key("x-contacts"), None);
        assert_eq!(parse_record_key("1-nothing"), None);
    }
}
