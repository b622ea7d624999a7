//! Support requests ("ask for help", PRODUCT.md §4): a member of a partner asks the help desk
//! from any page of the partner space (the organisation and the page attached), with files; the
//! help desk's queue (open → in progress → resolved), replies on the request and by mail, the
//! requester's reopening within 14 days, the history. Rules: `partners::domain::support`,
//! `partners::policy::{may_ask_for_help, may_follow_request, may_handle_support}`.
pub mod api;
pub mod files;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
