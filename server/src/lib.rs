//! The `passerelle` server: configuration, telemetry, the HTTP application and the commands.

/// Prints a line on standard output; a closed pipe (`passerelle --help | head`) is not an error
/// worth a panic: the line is dropped.
#[macro_export]
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}

/// Prints a line on standard error, quietly ignoring a closed stream.
#[macro_export]
macro_rules! complain {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}
pub mod admin;
pub mod app;
pub mod commands;
pub mod config;
pub mod demo;
pub mod demo_large;
pub mod static_files;
pub mod telemetry;
