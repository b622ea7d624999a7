//! Pure partner rules, no I/O: the profile catalogue and completeness (`profile`), agencies and
//! partner codes (`agencies`), the spending import and table (`spending`), verification and
//! flags (`verification`), the PSEA rating (`psea`), support request states (`support`), the
//! agencies' dashboard bands and months (`dashboard`), calls for expression of interest (`calls`) and
//! applications to them (`applications`).
pub mod agencies;
pub mod applications;
pub mod calls;
pub mod dashboard;
pub mod profile;
pub mod psea;
pub mod search;
pub mod spending;
pub mod support;
pub mod verification;
