//! The public face: home page, service presentations, figures.
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
