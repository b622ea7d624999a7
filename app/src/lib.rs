//! Passerelle's shared Leptos crate: the app shell, the router, and one module per workflow.
//! Server-only code lives behind the `ssr` feature, browser-only code behind `hydrate`.
#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod accreditation;
pub mod actor;
pub mod audit;
pub mod countries;
pub mod drafts;
pub mod error;
pub mod extranet;
pub mod fields;
pub mod home;
pub mod layout;
pub mod locale;
pub mod mail;
pub mod modules;
pub mod organisations;
pub mod partners;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod staff;
pub mod ui;
pub mod uploads;
pub mod words;

use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::{
    Lazy, SsrMode,
    components::{Route, Router, Routes},
    path,
};

pub use error::AppError;

/// The name cargo-leptos and our build script give the wasm bundle and the stylesheet.
pub const BUNDLE_NAME: &str = "passerelle";

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // In the build's directory (`/pkg/<build id>/`), as the scripts: cached for good.
                <link rel="stylesheet" href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name) />
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

/// The Content-Security-Policy of every page: scripts only with this response's nonce (the
/// hydration script carries it, and what it loads inherits trust), wasm allowed to compile,
/// everything else from our own origin.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use axum::http::{HeaderValue, header};
    let nonce = leptos::nonce::use_nonce();
    let response = use_context::<leptos_axum::ResponseOptions>();
    if let (Some(nonce), Some(response)) = (nonce, response)
        && let Ok(value) = HeaderValue::from_str(&content_security_policy(nonce.as_inner()))
    {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The application: i18n context, layout and one route per page.
#[component]
pub fn App() -> impl IntoView {
    // The modules' parts (the words of histories, in the browser too); once per process.
    modules::install();
    provide_meta_context();
    accounts::pages::provide_auth();
    // `data-hydrated` on <html> is set by the browser entry (frontend) once the page hydrated.
    view! {
        <layout::LanguageProvider>
            <ui::title::DocumentTitle />
            <Router>
                <layout::Layout>
                    <Routes fallback=|| view! { <ui::errors::NotFound /> }>
                        <Route path=path!("") view=home::pages::HomePage ssr=SsrMode::Async />
                        <Route path=path!("accreditation") view={Lazy::<routes::AccreditationHome>::new()} ssr=SsrMode::Async />
                        <Route path=path!("accreditation/directory") view={Lazy::<routes::Directory>::new()} ssr=SsrMode::Async />
                        <Route path=path!("accreditation/rights") view={Lazy::<routes::Rights>::new()} ssr=SsrMode::Async />
                        <Route path=path!("verify/:code") view={Lazy::<routes::Verify>::new()} ssr=SsrMode::Async />
                        <Route path=path!("accreditation/:org/:station") view={Lazy::<routes::Station>::new()} ssr=SsrMode::Async />
                        <Route path=path!("accreditation/:org/:station/new") view={Lazy::<routes::Designation>::new()} ssr=SsrMode::Async />
                        <Route path=path!("accreditation/:org/:station/designations/:id") view={Lazy::<routes::Designation>::new()} ssr=SsrMode::Async />
                        <Route path=path!("secretariat/designations") view={Lazy::<routes::DesignationQueue>::new()} ssr=SsrMode::Async />
                        <Route path=path!("secretariat/rooms") view={Lazy::<routes::RoomCalendar>::new()} ssr=SsrMode::Async />
                        <Route path=path!("partners") view=home::pages::PartnersPage />
                        <Route path=path!("partners/:id") view={Lazy::<routes::PartnerProfile>::new()} ssr=SsrMode::Async />
                        <Route path=path!("partners/:id/psea") view={Lazy::<routes::Psea>::new()} ssr=SsrMode::Async />
                        <Route path=path!("partners/:id/help") view={Lazy::<routes::AskForHelp>::new()} ssr=SsrMode::Async />
                        <Route path=path!("support") view={Lazy::<routes::SupportList>::new()} ssr=SsrMode::Async />
                        <Route path=path!("support/:rid") view={Lazy::<routes::SupportRequest>::new()} ssr=SsrMode::Async />
                        <Route path=path!("partners/:id/:section") view={Lazy::<routes::PartnerSection>::new()} ssr=SsrMode::Async />
                        <Route path=path!("agency") view={Lazy::<routes::Agency>::new()} ssr=SsrMode::Async />
                        <Route path=path!("agency/partners") view={Lazy::<routes::PartnerSearch>::new()} ssr=SsrMode::Async />
                        <Route path=path!("calls") view={Lazy::<routes::OpenCalls>::new()} ssr=SsrMode::Async />
                        <Route path=path!("calls/:id") view={Lazy::<routes::Call>::new()} ssr=SsrMode::Async />
                        <Route path=path!("agency/calls") view={Lazy::<routes::AgencyCalls>::new()} ssr=SsrMode::Async />
                        <Route path=path!("agency/calls/new") view={Lazy::<routes::CallForm>::new()} ssr=SsrMode::Async />
                        <Route path=path!("agency/calls/:id/edit") view={Lazy::<routes::CallForm>::new()} ssr=SsrMode::Async />
                        <Route path=path!("agency/applications/:id") view={Lazy::<routes::ApplicationReview>::new()} ssr=SsrMode::Async />
                        <Route path=path!("extranet") view=home::pages::ExtranetPage />
                        <Route path=path!("secretariat") view=home::pages::SecretariatPage />
                        <Route path=path!("login") view=accounts::pages::SignInPage />
                        <Route path=path!("sign-up") view={Lazy::<routes::SignUp>::new()} />
                        <Route path=path!("sign-up/code") view={Lazy::<routes::SignUpCode>::new()} />
                        <Route path=path!("sign-up/details") view={Lazy::<routes::SignUpDetails>::new()} ssr=SsrMode::Async />
                        <Route path=path!("forgot") view={Lazy::<routes::Forgot>::new()} />
                        <Route path=path!("reset-password") view={Lazy::<routes::ResetPassword>::new()} />
                        <Route path=path!("me") view={Lazy::<routes::MyDetails>::new()} ssr=SsrMode::Async />
                        <Route path=path!("organisations") view={Lazy::<routes::Organisations>::new()} ssr=SsrMode::Async />
                        <Route path=path!("organisations/:id") view={Lazy::<routes::Organisation>::new()} ssr=SsrMode::Async />
                        <Route path=path!("extranet/register") view={Lazy::<routes::ExtranetRegister>::new()} />
                        <Route path=path!("secretariat/registrations") view={Lazy::<routes::Registrations>::new()} ssr=SsrMode::Async />
                        <Route path=path!("admin/staff") view={Lazy::<routes::Staff>::new()} ssr=SsrMode::Async />
                        <Route path=path!("admin/outbox") view={Lazy::<routes::Outbox>::new()} ssr=SsrMode::Async />
                    </Routes>
                </layout::Layout>
            </Router>
        </layout::LanguageProvider>
    }
}
