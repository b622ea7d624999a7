//! Badges of approved designations (issue #5): `GET /accreditation/badges/{id}` answers the PDF
//! (issuing the badge the first time), a re-print issues a new serial (the older badge stops
//! being valid), and the QR code carries only `{public url}/verify/{serial}.{signature}`: a
//! random serial and its HMAC-SHA256 under a key the application generates once and keeps in
//! the database (`app_secrets`), so that a forged code is refused without a lookup and no
//! personal data is in the code.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;

#[cfg(feature = "ssr")]
mod download;
#[cfg(feature = "ssr")]
mod repo;
#[cfg(feature = "ssr")]
mod token;
#[cfg(feature = "ssr")]
mod verify;

#[cfg(feature = "ssr")]
pub use download::{download, may_print};
#[cfg(feature = "ssr")]
pub use repo::issue;
#[cfg(feature = "ssr")]
pub use verify::verify;
