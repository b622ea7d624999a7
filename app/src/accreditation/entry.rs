//! The module's pages as the router opens them: one lazy function, so that in the browser the
//! module's code is fetched (a wasm chunk of its own) only when one of its pages is opened; on the
//! server the page renders at once and the response names the chunk for the browser to preload.
use leptos::prelude::*;

/// A page of the module, chosen by the route (`crate::routes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Page {
    Home,
    Directory,
    Rights,
    Verify,
    Station,
    Designation,
    Queue,
    Rooms,
}

/// Renders one of the module's pages.
#[leptos::lazy]
pub fn accreditation_page(page: Page) -> AnyView {
    match page {
        Page::Home => view! { <super::designations::pages::AccreditationHomePage /> }.into_any(),
        Page::Directory => view! { <super::review::pages::DirectoryPage /> }.into_any(),
        Page::Rights => view! { <super::rooms::pages::RightsPage /> }.into_any(),
        Page::Verify => view! { <super::badges::pages::VerifyPage /> }.into_any(),
        Page::Station => view! { <super::designations::pages::StationPage /> }.into_any(),
        Page::Designation => view! { <super::designations::pages::DesignationPage /> }.into_any(),
        Page::Queue => view! { <super::review::pages::DesignationQueuePage /> }.into_any(),
        Page::Rooms => view! { <super::rooms::pages::RoomCalendarPage /> }.into_any(),
    }
}

/// Fetches the module's code in the browser (nothing to fetch on the server): the router awaits
/// it before it hydrates or renders one of the module's pages.
pub async fn preload() {
    #[cfg(feature = "hydrate")]
    __preload_accreditation_page().await;
}
