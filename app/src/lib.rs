//! Passerelle's shared Leptos crate: the app shell, the router, and one module per workflow.
//! Server-only code lives behind the `ssr` feature, browser-only code behind `hydrate`.
#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod error;
pub mod home;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod ui;

use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

pub use error::AppError;

/// The name cargo-leptos and our build script give the wasm bundle and the stylesheet.
pub const BUNDLE_NAME: &str = "passerelle";

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="fr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: i18n context, layout and one route per page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Marks the document once the wasm bundle has taken over (browser tests wait for it).
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <I18nContextProvider cookie_options=ui::layout::locale_cookie_options()>
            <Stylesheet id="leptos" href=format!("/pkg/{BUNDLE_NAME}.css") />
            <DocumentTitle />
            <Router>
                <ui::layout::Layout>
                    <Routes fallback=|| view! { <ui::errors::NotFound /> }>
                        <Route path=path!("") view=home::pages::HomePage />
                        <Route path=path!("accreditation") view=home::pages::AccreditationPage />
                        <Route path=path!("partners") view=home::pages::PartnersPage />
                        <Route path=path!("extranet") view=home::pages::ExtranetPage />
                        <Route path=path!("secretariat") view=home::pages::SecretariatPage />
                        <Route path=path!("login") view=home::pages::SignInPage />
                    </Routes>
                </ui::layout::Layout>
            </Router>
        </I18nContextProvider>
    }
}

#[component]
fn DocumentTitle() -> impl IntoView {
    let i18n = use_i18n();
    view! { <Title formatter=move |page: String| {
        let app = td_string!(i18n.get_locale(), app_name);
        if page.is_empty() { app.to_string() } else { format!("{page} · {app}") }
    } /> }
}
