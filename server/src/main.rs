//! `passerelle [serve | migrate | demo-data | create-admin --email E | help]`
use server::commands::{self, Command};
use server::config::Config;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match Command::parse(&args) {
        Ok(c) => c,
        Err(message) => {
            server::complain!("{message}\n\n{}", commands::USAGE);
            return ExitCode::from(2);
        }
    };
    if command == Command::Help {
        server::say!("{}", commands::USAGE);
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            server::complain!("{e}");
            return ExitCode::from(78);
        }
    };
    server::telemetry::init(&config);
    match commands::run(command, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            server::complain!("passerelle: {message}");
            ExitCode::FAILURE
        }
    }
}
