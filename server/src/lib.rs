//! The `passerelle` server: configuration, telemetry, the HTTP application and the commands.
pub mod app;
pub mod commands;
pub mod config;
pub mod demo;
pub mod telemetry;
