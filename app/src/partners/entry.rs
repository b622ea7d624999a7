//! The module's pages as the router opens them: one lazy function, so that in the browser the
//! module's code is fetched (a wasm chunk of its own) only when one of its pages is opened; on the
//! server the page renders at once and the response names the chunk for the browser to preload.
use leptos::prelude::*;

/// A page of the module, chosen by the route (`crate::routes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Page {
    Profile,
    Section,
    Agency,
    Search,
    Psea,
    AskForHelp,
    SupportList,
    SupportRequest,
    OpenCalls,
    AgencyCalls,
    Call,
    CallForm,
    ApplicationReview,
}

/// Renders one of the module's pages.
#[leptos::lazy]
pub fn partners_page(page: Page) -> AnyView {
    match page {
        Page::Profile => view! { <super::pages::PartnerProfilePage /> }.into_any(),
        Page::Section => view! { <super::pages::PartnerSectionPage /> }.into_any(),
        Page::Agency => view! { <super::pages::AgencyPage /> }.into_any(),
        Page::Search => view! { <super::pages::PartnerSearchPage /> }.into_any(),
        Page::Psea => view! { <super::psea::pages::PseaPage /> }.into_any(),
        Page::AskForHelp => view! { <super::support::pages::AskForHelpPage /> }.into_any(),
        Page::SupportList => view! { <super::support::pages::SupportListPage /> }.into_any(),
        Page::SupportRequest => view! { <super::support::pages::SupportRequestPage /> }.into_any(),
        Page::OpenCalls => view! { <super::calls::pages::OpenCallsPage /> }.into_any(),
        Page::AgencyCalls => view! { <super::calls::pages::AgencyCallsPage /> }.into_any(),
        Page::Call => view! { <super::calls::pages::CallPage /> }.into_any(),
        Page::CallForm => view! { <super::calls::pages::CallFormPage /> }.into_any(),
        Page::ApplicationReview => {
            view! { <super::review::pages::ApplicationReviewPage /> }.into_any()
        }
    }
}

/// Fetches the module's code in the browser (nothing to fetch on the server): the router awaits
/// it before it hydrates or renders one of the module's pages.
pub async fn preload() {
    #[cfg(feature = "hydrate")]
    __preload_partners_page().await;
}
