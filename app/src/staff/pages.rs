//! Staff management for platform administrators.
use super::api::{GrantStaffRole, RevokeStaffRole, list_staff};
use crate::actor::StaffRoleKind;
use crate::i18n::*;
use crate::label;
use crate::ui::errors::error_notice;
use crate::ui::forms::{ErrorSummary, FormKit, Notice, SelectField, TextField, query_param};
use crate::ui::title::PageTitle;
use leptos::prelude::*;

pub fn staff_role_label(i18n: leptos_i18n::I18nContext<Locale>, code: &str) -> String {
    use crate::actor::StaffRoleKind as K;
    let l = i18n.get_locale();
    // Every role listed; a code that is none shows as itself.
    let Some(kind) = K::parse(code) else {
        return code.to_string();
    };
    match kind {
        K::AccreditationOfficer => td_string!(l, staff.accreditation_officer),
        K::AgencyOfficer => td_string!(l, staff.agency_officer),
        K::HelpDesk => td_string!(l, staff.help_desk),
        K::ExtranetSecretariat => td_string!(l, staff.extranet_secretariat),
        K::PlatformAdmin => td_string!(l, staff.platform_admin),
    }
    .to_string()
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let grant = ServerAction::<GrantStaffRole>::new();
    let revoke = ServerAction::<RevokeStaffRole>::new();
    let grant_kit = FormKit::new("grant", grant);
    let revoke_kit = FormKit::new("revoke", revoke);
    let list = Resource::new(
        move || (grant.version().get(), revoke.version().get()),
        |_| list_staff(),
    );
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        (saved.get().is_some()
            || matches!(grant.value().get(), Some(Ok(_)))
            || matches!(revoke.value().get(), Some(Ok(_))))
        .then(|| td_string!(i18n.get_locale(), saved_generic).to_string())
    });
    let roles: Vec<(String, String)> = StaffRoleKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), staff_role_label(i18n, k.as_str())))
        .collect();
    view! {
        <PageTitle text=|l| td_string!(l, staff_title).to_string() />
        <section>
            <h1 id="staff-title">{t!(i18n, staff_title)}</h1>
            <Notice text=notice />
            <ErrorSummary kit=revoke_kit />
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || list.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(list) => view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="staff-title">
                            <table class="table" data-testid="staff">
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, col_name)}</th>
                                        <th scope="col">{t!(i18n, field_email)}</th>
                                        <th scope="col">{t!(i18n, col_role)}</th>
                                        <th scope="col">{t!(i18n, field_scope)}</th>
                                        <th scope="col">{t!(i18n, col_actions)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|g| view! {
                                        <tr>
                                            <td>{g.name.clone()}</td>
                                            <td>{g.email.clone()}</td>
                                            <td>{staff_role_label(i18n, &g.role)}</td>
                                            <td>{g.scope.clone()}</td>
                                            <td>
                                                <details class="confirm">
                                                    <summary>{t!(i18n, remove)}</summary>
                                                    <ActionForm action=revoke attr:class="inline-form">
                                                        <input type="hidden" name="grant_id" value=g.id />
                                                        <p>{t!(i18n, remove_confirm)}</p>
                                                        <button type="submit" class="button button--small button--danger">{t!(i18n, remove_confirm_button)}</button>
                                                    </ActionForm>
                                                </details>
                                            </td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
            <h2>{t!(i18n, staff_grant_title)}</h2>
            <ErrorSummary kit=grant_kit />
            <ActionForm action=grant attr:class="form" attr:id=grant_kit.id>
                <TextField name="email" label=label!(i18n, field_email) help=label!(i18n, help_staff_email) kit=grant_kit input_type="email" required=true />
                <SelectField name="role" label=label!(i18n, col_role) kit=grant_kit options=roles required=true />
                <TextField name="scope" label=label!(i18n, field_scope) help=label!(i18n, help_scope) kit=grant_kit max_chars=20 />
                <button type="submit" class="button">{t!(i18n, staff_grant_submit)}</button>
            </ActionForm>
        </section>
    }
}
