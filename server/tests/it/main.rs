//! All integration tests in one binary: one link instead of one per file (faster, and about
//! 120 MB of disk per file saved). Each module is one area; `common` is the harness.
mod accreditation;
mod architecture;
mod authorisation;
mod badges;
mod calls;
mod command;
mod common;
mod concurrency;
mod details;
mod drafts;
mod extranet;
mod forms;
mod foundation;
mod fuzz;
mod hardening;
mod login_limits;
mod mail;
mod organisations;
mod outbox;
mod partners;
mod recovery;
mod rooms;
mod sessions;
mod sign_up;
mod staff;
mod uploads;
