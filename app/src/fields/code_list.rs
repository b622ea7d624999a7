//! Code lists: `code_enum!`.

/// A closed list of choices, each with a stable snake_case code (database, forms, serde): the one
/// convention for code lists crate-wide — `as_str()` gives the code, `parse(code)` the value
/// (`None` when unknown), `ALL` every value. The serde name of each variant is its code.
#[macro_export]
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            /// The stable code stored in the database and sent by forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }

            /// The value of a code (surrounding spaces ignored); `None` when unknown.
            pub fn parse(code: &str) -> Option<Self> {
                let code = code.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == code)
            }

            /// The value of a code read back from the database: one the list does not know is
            /// an internal error (logged), never shown as another value.
            pub fn stored(code: &str) -> Result<Self, $crate::AppError> {
                Self::parse(code).ok_or_else(|| {
                    ::tracing::error!(list = stringify!($name), code, "a stored code the list does not know");
                    $crate::AppError::Internal
                })
            }
        }
    };
}
