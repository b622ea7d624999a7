//! The secretariat's review of designations, by duty station: queue, decisions, dashboard,
//! annual renewal, expiry, exports, and the public directory of accredited organisations.
pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
pub mod pages;
