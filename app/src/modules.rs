//! Every module's parts, given to the shared modules that run them: one line per module in each
//! registry. A new module adds its lines here, its pages to the router (`lib.rs`), and its
//! migrations — nothing else outside its folder.
#[cfg(feature = "ssr")]
use crate::{accounts, accreditation, drafts, organisations, uploads};

/// Registers every module's parts (once per process; the server calls it before serving).
pub fn install() {
    crate::words::install(vec![
        crate::accreditation::words::WORDS,
        crate::organisations::words::WORDS,
        crate::extranet::words::WORDS,
        crate::staff::words::WORDS,
        crate::uploads::words::WORDS,
        crate::accounts::words::WORDS,
        crate::mail::words::WORDS,
        crate::drafts::words::WORDS,
        crate::partners::words::WORDS,
    ]);
    crate::audit::install(&[
        crate::accounts::AUDIT_ACTIONS,
        crate::organisations::AUDIT_ACTIONS,
        crate::uploads::AUDIT_ACTIONS,
        crate::extranet::AUDIT_ACTIONS,
        crate::mail::AUDIT_ACTIONS,
        crate::staff::AUDIT_ACTIONS,
        crate::accreditation::AUDIT_ACTIONS,
        crate::partners::AUDIT_ACTIONS,
    ]);
    #[cfg(feature = "ssr")]
    {
        accounts::hooks::install(vec![organisations::accounts::HOOKS]);
        organisations::hooks::install(vec![crate::partners::hooks::HOOKS]);
        crate::mail::templates::install(&[
            accounts::mail::TEMPLATES,
            organisations::mail::TEMPLATES,
            crate::extranet::mail::TEMPLATES,
            accreditation::mail::TEMPLATES,
            crate::partners::mail::TEMPLATES,
        ]);
        drafts::registry::install(vec![
            accounts::drafts::server::SOURCE,
            organisations::drafts::server::SOURCE,
            accreditation::designations::drafts::server::SOURCE,
            crate::partners::drafts::server::SOURCE,
        ]);
        let [logo, certificate] = organisations::files::server::PURPOSES;
        let mut purposes = vec![
            logo,
            certificate,
            accreditation::designations::photo::server::PURPOSE,
        ];
        purposes.extend(crate::partners::files::server::FILE_PURPOSES);
        purposes.extend(crate::partners::support::files::server::FILE_PURPOSES);
        uploads::registry::install(purposes);
    }
}

/// The modules' moves of existing data after the migrations (run at every start; each finds
/// what is left to move, so a second run moves nothing).
#[cfg(feature = "ssr")]
pub async fn after_migrations(db: &crate::ssr::Db) -> Result<(), sqlx::Error> {
    crate::partners::moves::move_organisation_fields(db).await?;
    Ok(())
}

/// The modules' plain axum routes (downloads, exports, files), merged by the server.
#[cfg(feature = "ssr")]
pub fn routes() -> axum::Router<crate::ssr::AppState> {
    axum::Router::new()
        .merge(uploads::serve::routes())
        .merge(accreditation::routes())
        .merge(crate::partners::routes())
}

/// The modules' scheduled jobs, run by the server in the background.
#[cfg(feature = "ssr")]
pub fn jobs() -> &'static [crate::ssr::jobs::Job] {
    use crate::ssr::jobs::Job;
    static JOBS: [Job; 5] = [
        crate::ssr::rate_limit::PURGE_JOB,
        drafts::repo::PURGE_JOB,
        accounts::recovery::server::REQUESTS_JOB,
        accreditation::review::api::server::EXPIRY_JOB,
        crate::partners::calls::api::server::CLOSE_JOB,
    ];
    &JOBS
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn every_registered_part_is_found_by_its_code_and_codes_are_unique() {
        install();
        for form in ["my_details", "organisation_profile", "designation"] {
            assert!(drafts::registry::source(form).is_some(), "{form}");
        }
        assert!(drafts::registry::source("other").is_none());
        for purpose in ["logo", "certificate", "photo"] {
            assert!(uploads::registry::purpose(purpose).is_some(), "{purpose}");
        }
        let names: std::collections::BTreeSet<_> = jobs().iter().map(|j| j.name).collect();
        assert_eq!(names.len(), jobs().len(), "job names are unique");
    }

    use crate::accounts::mail::AccountMail;
    use crate::accreditation::domain::{DesignationStatus, DutyStation};
    use crate::accreditation::mail::AccreditationMail;
    use crate::extranet::mail::ExtranetMail;
    use crate::locale::Language;
    use crate::mail::templates::{self, PlatformMail, RenderedMail, render};
    use crate::organisations::domain::MemberRole;
    use crate::organisations::mail::OrganisationMail;

    const ALL: [Language; 3] = [Language::Fr, Language::En, Language::Es];

    /// One mail of every template, rendered in the three languages.
    fn every_mail() -> Vec<(String, Vec<RenderedMail>)> {
        install();
        let s = |x: &str| x.to_string();
        let mut out = vec![];
        let mut add = |m: &dyn Fn(Language) -> RenderedMail, what: String| {
            out.push((what, ALL.iter().map(|l| m(*l)).collect()));
        };
        macro_rules! mail {
            ($m:expr) => {{
                let m = $m;
                add(&|l| render(&m, l).unwrap(), format!("{m:?}"));
            }};
        }
        mail!(PlatformMail::ConfigurationTest);
        mail!(AccountMail::VerificationCode {
            code: s("482913"),
            minutes_valid: 15
        });
        mail!(AccountMail::AccountExists {
            sign_in_link: s("https://p.example/login"),
            reset_link: s("https://p.example/forgot")
        });
        mail!(AccountMail::PasswordReset {
            username: s("ana"),
            link: s("https://p.example/reset/t"),
            minutes_valid: 60
        });
        mail!(AccountMail::OrganisationRecovery {
            organisation: s("ASF"),
            accounts: vec![(s("ana"), s("https://p.example/reset/x"))],
            minutes_valid: 60
        });
        mail!(AccountMail::EmailChanged {
            new_address: s("new@example.org")
        });
        mail!(AccountMail::PasswordChanged);
        mail!(OrganisationMail::AddedToOrganisation {
            organisation: s("ASF"),
            role: MemberRole::Editor,
            link: s("https://p.example/organisations/1")
        });
        mail!(OrganisationMail::InvitedToOrganisation {
            organisation: s("ASF"),
            role: MemberRole::Reader,
            sign_up_link: s("https://p.example/sign-up")
        });
        mail!(OrganisationMail::JoinRequestReceived {
            organisation: s("ASF"),
            requester: s("Ana"),
            requester_email: s("ana@example.org"),
            message: s("Hello"),
            link: s("https://p.example/organisations/1")
        });
        mail!(OrganisationMail::JoinRequestDecided {
            organisation: s("ASF"),
            approved: true
        });
        mail!(OrganisationMail::JoinRequestDecided {
            organisation: s("ASF"),
            approved: false
        });
        mail!(OrganisationMail::MembershipChanged {
            organisation: s("ASF"),
            role: Some(MemberRole::Editor)
        });
        mail!(OrganisationMail::MembershipChanged {
            organisation: s("ASF"),
            role: None
        });
        mail!(ExtranetMail::RegistrationReceived);
        mail!(ExtranetMail::RegistrationToReview {
            person: s("Ana"),
            organisation: s("Ville de Lyon"),
            link: s("https://p.example/secretariat/registrations")
        });
        mail!(ExtranetMail::RegistrationValidated {
            sign_in_link: s("https://p.example/login")
        });
        mail!(ExtranetMail::RegistrationRejected {
            reason: s("Unknown body")
        });
        mail!(AccreditationMail::DesignationChanged {
            organisation: s("AIE"),
            person: s("Ms Ana Lima"),
            duty_station: DutyStation::Geneva,
            state: DesignationStatus::Rejected,
            reason: Some(s("Photo missing")),
            link: s("https://p.example/accreditation")
        });
        {
            use crate::partners::domain::support::{Category, RequestStatus};
            use crate::partners::mail::PartnerMail;
            for verified in [true, false] {
                mail!(PartnerMail::ProfileVerified {
                    organisation: s("AIE"),
                    agency: s("UNFPA"),
                    verified,
                    link: s("https://p.example/partners/1")
                });
            }
            mail!(PartnerMail::PseaReviewed {
                organisation: s("AIE"),
                agency: s("UNFPA"),
                agreed: true,
                rating: Some(crate::partners::domain::psea::Rating::Medium),
                comment: String::new(),
                link: s("https://p.example/partners/1/psea")
            });
            mail!(PartnerMail::PseaReviewed {
                organisation: s("AIE"),
                agency: s("UNFPA"),
                agreed: false,
                rating: None,
                comment: s("Attach the code of conduct"),
                link: s("https://p.example/partners/1/psea")
            });
            mail!(PartnerMail::SupportRequestOpened {
                organisation: s("AIE"),
                requester: s("Awa Diop"),
                category: Category::LostAccess,
                subject: s("Our administrator left"),
                message: s("Please give access to awa@example.org"),
                link: s("https://p.example/support/1")
            });
            mail!(PartnerMail::SupportReply {
                subject: s("Our administrator left"),
                author: s("Help desk"),
                message: s("Done: awa@example.org is an administrator"),
                link: s("https://p.example/support/1")
            });
            mail!(PartnerMail::SupportStatusChanged {
                subject: s("Our administrator left"),
                status: RequestStatus::Resolved,
                note: s("Access given"),
                link: s("https://p.example/support/1")
            });
            mail!(PartnerMail::CallPublished {
                agency: s("UNFPA"),
                title: s("Santé maternelle à Kaolack"),
                deadline: s("2027-01-31"),
                link: s("https://p.example/calls/7")
            });
            mail!(PartnerMail::ApplicationSubmitted {
                organisation: s("Femmes et santé"),
                call: s("Santé maternelle à Kaolack"),
                deadline: s("2027-01-31"),
                link: s("https://p.example/calls/7")
            });
            mail!(PartnerMail::CallClosed {
                title: s("Santé maternelle à Kaolack"),
                link: s("https://p.example/calls/7")
            });
            mail!(PartnerMail::ReviewerAssigned {
                call: s("Santé maternelle à Kaolack"),
                link: s("https://p.example/calls/7")
            });
            mail!(PartnerMail::ApplicationAwarded {
                organisation: s("Femmes et santé"),
                call: s("Santé maternelle à Kaolack"),
                link: s("https://p.example/calls/7")
            });
            for accepted in [true, false] {
                mail!(PartnerMail::AwardAnswered {
                    organisation: s("Femmes et santé"),
                    call: s("Santé maternelle à Kaolack"),
                    accepted,
                    link: s("https://p.example/calls/7")
                });
            }
            mail!(PartnerMail::AwardRetracted {
                organisation: s("Femmes et santé"),
                call: s("Santé maternelle à Kaolack"),
                reason: s("Attach the code of conduct"),
                link: s("https://p.example/calls/7")
            });
            mail!(PartnerMail::CallResult {
                organisation: s("Femmes et santé"),
                call: s("Santé maternelle à Kaolack"),
                link: s("https://p.example/calls/7")
            });
        }
        mail!(AccreditationMail::RoomBooking {
            room: s("Room XII"),
            slot: s("2026-11-23 10:00–11:30"),
            purpose: s("Side event"),
            cancelled: true,
            link: s("https://p.example/accreditation/rights")
        });
        out
    }

    #[test]
    fn every_mail_renders_differently_in_each_language_and_carries_its_data() {
        let mails = every_mail();
        assert_eq!(mails.len(), 36);
        for (what, rendered) in &mails {
            assert_ne!(rendered[0].subject, rendered[1].subject, "{what}");
            assert_ne!(rendered[1].body, rendered[2].body, "{what}");
            for r in rendered {
                assert!(!r.subject.is_empty() && !r.subject.contains('\n'), "{what}");
                for data in [
                    "482913",
                    "https://p.example/reset/t",
                    "Unknown body",
                    "https://p.example/reset/x",
                    "https://p.example/support/1",
                    "awa@example.org",
                    "Access given",
                    "Attach the code of conduct",
                    "https://p.example/partners/1/psea",
                    "https://p.example/calls/7",
                    "2027-01-31",
                ] {
                    if what.contains(data) {
                        assert!(r.body.contains(data), "{what}: {data}");
                    }
                }
                assert!(
                    r.body
                        .ends_with("automatiquement ; merci de ne pas y répondre.")
                        || r.body.ends_with("please do not reply.")
                        || r.body.ends_with("por favor, no responda."),
                    "{what}: the signature"
                );
            }
        }
    }

    /// Every code a mail names is written in every language: no case falls back on another.
    #[test]
    fn every_station_state_and_role_has_its_words_in_every_mail() {
        install();
        let mut seen = std::collections::BTreeSet::new();
        for l in ALL {
            for station in DutyStation::ALL {
                for state in DesignationStatus::ALL {
                    let m = AccreditationMail::DesignationChanged {
                        organisation: "AIE".into(),
                        person: "Ana Lima".into(),
                        duty_station: *station,
                        state: *state,
                        reason: None,
                        link: "https://p.example/a".into(),
                    };
                    let r = render(&m, l).unwrap_or_else(|e| panic!("{m:?} {l:?}: {e}"));
                    assert!(seen.insert(r.body), "{m:?} {l:?} reads as another");
                }
            }
            for role in MemberRole::ALL {
                for m in [
                    OrganisationMail::AddedToOrganisation {
                        organisation: "ASF".into(),
                        role: *role,
                        link: "https://p.example/o".into(),
                    },
                    OrganisationMail::InvitedToOrganisation {
                        organisation: "ASF".into(),
                        role: *role,
                        sign_up_link: "https://p.example/s".into(),
                    },
                    OrganisationMail::MembershipChanged {
                        organisation: "ASF".into(),
                        role: Some(*role),
                    },
                ] {
                    let r = render(&m, l).unwrap_or_else(|e| panic!("{m:?} {l:?}: {e}"));
                    assert!(seen.insert(r.body), "{m:?} {l:?} reads as another");
                }
            }
        }
    }

    /// A code a template does not list is an error, never a neighbour's words.
    #[test]
    fn a_code_no_template_lists_fails_to_render() {
        install();
        #[derive(serde::Serialize)]
        struct Unknown {
            template: &'static str,
            organisation: &'static str,
            role: &'static str,
        }
        impl templates::Mail for Unknown {}
        let m = Unknown {
            template: "membership_changed",
            organisation: "ASF",
            role: "owner",
        };
        assert!(render(&m, Language::En).is_err());
        let m = Unknown {
            role: "editor",
            ..m
        };
        assert!(
            render(&m, Language::En).is_ok(),
            "the same mail with a known role renders"
        );
    }

    #[test]
    fn no_mail_ever_contains_a_password() {
        for (what, rendered) in every_mail() {
            for r in rendered {
                assert!(!r.body.to_lowercase().contains("password:"), "{what}");
            }
        }
    }

    #[test]
    fn every_template_exists_in_the_three_languages_with_the_same_variables() {
        install();
        let env = templates::environment();
        let registered = templates::registered();
        assert_eq!(registered.len(), 32, "31 mails and the signature");
        let mut names = std::collections::BTreeSet::new();
        for t in registered {
            assert!(names.insert(t.name), "{} is registered twice", t.name);
            let vars: Vec<_> = ALL
                .iter()
                .map(|l| {
                    let name = format!("{}.{}.txt", t.name, l.code());
                    let template = env
                        .get_template(&name)
                        .unwrap_or_else(|e| panic!("{name}: {e}"));
                    let mut v: Vec<String> =
                        template.undeclared_variables(true).into_iter().collect();
                    v.sort();
                    v
                })
                .collect();
            assert_eq!(
                vars[0], vars[1],
                "{}: fr and en use other variables",
                t.name
            );
            assert_eq!(
                vars[0], vars[2],
                "{}: fr and es use other variables",
                t.name
            );
            assert!(
                !t.fr.trim().is_empty() && t.fr != t.en && t.en != t.es,
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn every_recorded_action_reads_as_words_in_each_language() {
        use crate::i18n::*;
        install();
        for l in crate::i18n::Locale::get_all() {
            for code in crate::audit::actions() {
                let text = crate::ui::history::action_label(*l, code);
                assert!(
                    text.is_some_and(|t| !t.is_empty() && t != *code),
                    "{code} in {l:?}"
                );
            }
        }
        assert_eq!(
            crate::ui::history::action_label(
                crate::i18n::Locale::en,
                "accreditation.designation_approved"
            ),
            Some("Designation approved")
        );
        assert_eq!(
            crate::ui::history::action_label(
                crate::i18n::Locale::fr,
                "accreditation.no_such_action"
            ),
            None
        );
        assert_eq!(
            crate::ui::history::action_label(crate::i18n::Locale::fr, "designation_approved"),
            None,
            "no module"
        );
        assert!(crate::audit::actions().len() >= 40);
    }

    #[test]
    fn every_code_a_change_carries_reads_as_words_in_each_language() {
        use crate::i18n::*;
        install();
        let codes = "draft submitted approved rejected withdrawn revoked expired pending validated \
            declined none general special roster administrator editor reader accreditation_officer \
            agency_officer help_desk extranet_secretariat platform_admin new_york geneva vienna \
            active ended listed booked cancelled logo certificate designation_photo published closed finalised partner_selected no_suitable_applicant pending withdrawn preselected recommended awarded retracted";
        for l in Locale::get_all() {
            for code in codes.split_whitespace() {
                assert!(crate::ui::history::knows_code(*l, code), "{code} in {l:?}");
            }
        }
        assert_eq!(
            crate::ui::history::code_words(Locale::en, "submitted approved"),
            "submitted · approved"
        );
        assert_eq!(crate::ui::history::code_words(Locale::en, "UNFPA"), "UNFPA");
        assert!(!crate::ui::history::knows_code(Locale::en, "UNFPA"));
    }

    #[test]
    fn every_error_code_has_its_message_in_each_language() {
        use crate::i18n::*;
        install();
        let codes = "forbidden unauthenticated not_found rate_limited required too_long invalid_characters email_required email_too_long email_malformed locale_invalid country_invalid number_invalid number_out_of_range date_invalid money_invalid choice_invalid answer_required url_invalid date_in_future record_changed already_exists nothing_selected too_many_selected date_in_past date_not_this_year time_invalid time_step form_unknown draft_too_large draft_malformed draft_secret photo_too_large photo_wrong_type document_too_large document_wrong_type file_required file_empty login_required password_required login_failed registration_pending registration_rejected email_taken password_too_short password_too_long password_common username_too_short username_too_long username_invalid username_taken code_malformed code_wrong code_voided code_expired sign_up_expired reset_link_used reset_link_expired current_password_wrong kind_invalid organisation_exists office_needs_international_hq office_kind_mismatch role_invalid already_member last_administrator organisation_unknown likely_duplicate admin_email_wrong join_request_pending decision_invalid already_decided status_invalid year_invalid group_invalid organisation_other_group reason_required scope_duty_station scope_agency scope_none user_unknown last_platform_admin quota_full_president_chief_executive quota_full_administrative_director quota_full_principal_representative quota_full_additional_representative not_same_person_president_chief_executive not_same_person_administrative_director transition_not_allowed copy_not_allowed no_consultative_status title_mr_or_ms phone_invalid rights_not_allowed from_before_year_start from_after_year_end from_in_past until_before_from until_after_year_end date_of_birth_in_future date_of_birth_too_early before_opening after_closing end_not_after_start room_taken booking_not_live rights_temporary_only room_exists badge_not_valid call_state_not_allowed call_not_closed weights_not_100 criteria_required date_before_previous call_not_open headquarters_cannot_apply profile_not_complete already_applied score_above_weight reviews_missing partner_not_verified partner_red_flag review_not_open review_locked not_a_reviewer reviewer_has_reviewed no_accepted_award";
        for l in Locale::get_all() {
            let generic = crate::ui::forms::error_text(*l, "no_such_code");
            for code in codes.split_whitespace() {
                let text = crate::ui::forms::error_text(*l, code);
                assert!(!text.is_empty() && text != generic, "{code} in {l:?}");
            }
        }
    }
}
