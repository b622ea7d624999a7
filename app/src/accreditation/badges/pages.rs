//! Pages of badges: the print and re-print actions, and the public verification page.
use crate::accreditation::badges::api::{BadgeCheck, ReprintBadge, verify_badge};
use crate::accreditation::domain::BadgeVerdict;
use crate::accreditation::labels::*;
use crate::i18n::*;
use crate::ui::errors::error_notice;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A valid designation's badge: the PDF (a plain link: the browser downloads it) and a
/// re-print behind a confirmation (the badge printed before stops being valid).
pub fn badge_actions(
    i18n: leptos_i18n::I18nContext<Locale>,
    reprint: ServerAction<ReprintBadge>,
    id: i64,
) -> impl IntoView {
    view! {
        <p class="inline-list">
            <a href=format!("/accreditation/badges/{id}") rel="external" download=format!("badge-{id}.pdf")
                class="button button--small" data-testid="badge-pdf">{t!(i18n, acc.badge_pdf)}</a>
        </p>
        <details class="confirm">
            <summary>{t!(i18n, acc.reprint)}</summary>
            <ActionForm action=reprint attr:class="inline-form">
                <input type="hidden" name="designation_id" value=id />
                <p>{t!(i18n, acc.reprint_confirm)}</p>
                <button type="submit" class="button button--small button--danger">{t!(i18n, acc.reprint)}</button>
            </ActionForm>
        </details>
    }
}

/// `/verify/:code`: what a scanned badge's QR code says (public; no personal data).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let check = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        verify_badge,
    );
    let state_text = move |state: BadgeVerdict| {
        use BadgeVerdict as V;
        let l = i18n.get_locale();
        match state {
            V::Valid => td_string!(l, acc.verify_valid),
            V::Expired => td_string!(l, acc.verify_expired),
            V::Revoked => td_string!(l, acc.verify_revoked),
            V::Withdrawn => td_string!(l, acc.verify_withdrawn),
            V::Replaced => td_string!(l, acc.verify_replaced),
            V::NotIssued => td_string!(l, acc.verify_not_issued),
            V::Unknown => td_string!(l, acc.verify_unknown),
        }
        .to_string()
    };
    view! {
        <PageTitle text=|l| td_string!(l, acc.verify_title).to_string() />
        <section>
            <h1>{t!(i18n, acc.verify_title)}</h1>
            <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
                {move || check.get().map(|r| match r {
                    Err(e) => error_notice(i18n, e),
                    Ok(BadgeCheck { state, organisation, representative_type, duty_station, pass_kind, valid_from, valid_until, serial }) => {
                        let known = state != BadgeVerdict::Unknown;
                        let class = if state == BadgeVerdict::Valid { "verdict verdict--valid" } else { "verdict verdict--invalid" };
                        view! {
                            <p class=class role="status" data-testid="verdict" data-state=state.as_str()>{state_text(state)}</p>
                            {known.then(|| view! {
                                <dl class="facts">
                                    <dt>{t!(i18n, acc.col_organisation)}</dt><dd>{organisation}</dd>
                                    <dt>{t!(i18n, acc.col_type)}</dt><dd>{type_label(i18n, &representative_type)}</dd>
                                    <dt>{t!(i18n, acc.field_station)}</dt><dd>{station_label(i18n, &duty_station)}</dd>
                                    <dt>{t!(i18n, acc.field_pass)}</dt><dd>{pass_label(i18n, &pass_kind)}</dd>
                                    <dt>{t!(i18n, acc.field_valid_until)}</dt><dd>{format!("{valid_from} → {valid_until}")}</dd>
                                    <dt>{t!(i18n, acc.verify_serial)}</dt><dd>{serial}</dd>
                                </dl>
                                <p class="muted">{t!(i18n, acc.verify_privacy)}</p>
                            })}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
