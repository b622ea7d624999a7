//! Friendly 404 and error pages.
use crate::i18n::*;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::A;

/// Rendered for any path no route matches; answered with status 404 on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
            resp.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    let i18n = use_i18n();
    view! {
        <PageTitle text=|l| td_string!(l, not_found_title).to_string() />
        <section class="message-page">
            <p class="message-page__code" aria-hidden="true">"404"</p>
            <h1>{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_body)}</p>
            <A href="/" attr:class="button">{t!(i18n, back_home)}</A>
        </section>
    }
}

/// Shown when a page cannot be rendered; the details are in the server log, not on screen.
#[component]
pub fn ErrorPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="message-page" role="alert">
            <h1>{t!(i18n, error_title)}</h1>
            <p>{t!(i18n, error_body)}</p>
            <A href="/" attr:class="button">{t!(i18n, back_home)}</A>
        </section>
    }
}

/// Why a page's data cannot be shown, in words: sign in (with the link), not allowed, gone, or
/// a problem on our side. Every page that loads data answers its errors with this.
pub fn error_notice(i18n: leptos_i18n::I18nContext<Locale>, e: crate::AppError) -> AnyView {
    use crate::AppError;
    match e {
        AppError::Unauthenticated => view! {
            <p class="notice">{t!(i18n, err_unauthenticated)} " " <A href="/login">{t!(i18n, sign_in)}</A></p>
        }
        .into_any(),
        AppError::Forbidden => view! { <p class="notice">{t!(i18n, err.forbidden)}</p> }.into_any(),
        AppError::NotFound => view! { <p class="notice">{t!(i18n, err.not_found)}</p> }.into_any(),
        _ => view! { <p class="notice">{t!(i18n, err_generic)}</p> }.into_any(),
    }
}
