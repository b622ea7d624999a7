//! The document title. On the server the title is a plain string: the language of a render
//! cannot change, and leptos_axum reads the title once the render is over, when the reactive
//! owner of the page may already be gone (a reactive read there panicked under load: "Tried to
//! access a reactive value that has already been disposed"). In the browser it follows the
//! language switch.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page's title, from the reader's language.
#[component]
pub fn PageTitle<F>(text: F) -> impl IntoView
where
    F: Fn(Locale) -> String + Send + Sync + 'static,
{
    let i18n = use_i18n();
    #[cfg(not(feature = "hydrate"))]
    let text = text(i18n.get_locale_untracked());
    #[cfg(feature = "hydrate")]
    let text = move || text(i18n.get_locale());
    view! { <Title text /> }
}

/// "Page · Passerelle" in the reader's language, for every page.
#[component]
pub fn DocumentTitle() -> impl IntoView {
    let i18n = use_i18n();
    let join = |page: String, app: &str| {
        if page.is_empty() {
            app.to_string()
        } else {
            format!("{page} · {app}")
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let formatter = {
        let app = td_string!(i18n.get_locale_untracked(), app_name).to_string();
        move |page: String| join(page, &app)
    };
    #[cfg(feature = "hydrate")]
    let formatter = move |page: String| join(page, td_string!(i18n.get_locale(), app_name));
    // A text of its own ("" → "Passerelle"): a page's text comes after it and wins, and while a
    // lazily loaded page's code is still on its way the title is never blank.
    view! { <Title formatter text="" /> }
}
