//! The ground of every form: `Fields` (a form's fields by name), `FormErrors` (the errors found
//! while parsing them), and the parsers of the field types every form shares — text and email
//! addresses (`text`), numbers, dates, money, yes/no, choices, web addresses (`values`). Pure
//! functions giving the value or the field's error code, the same on the server and in the
//! browser.
mod code_list;
mod form;
mod text;
mod values;

pub use form::*;
pub use text::*;
pub use values::*;
