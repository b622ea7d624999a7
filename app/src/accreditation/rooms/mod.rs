//! Meeting rooms for accreditation rights holders: the booking rules (`domain`, pure), the
//! server functions (`api`), the SQL (`repo`) and the screens (`pages`: `/accreditation/rights`,
//! `/secretariat/rooms`).
pub mod api;
pub mod domain;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
