//! The browser entry point: hydrates the server-rendered page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    use leptos::prelude::*;
    console_error_panic_hook::set_once();
    // What leptos::mount::hydrate_lazy does (the page's module may have to be fetched first,
    // `app::routes`), then marks <html> once the whole page has hydrated: the browser tests and
    // bench/first-load wait for it.
    _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let Some(body) = document().body() else {
            return;
        };
        let owner = leptos::mount::hydrate_from_async(body, app::App).await;
        owner.forget();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
