//! The `passerelle` binary itself: no configuration needed, one clear line for a bad value,
//! the admin command reading its password from standard input, a graceful stop on SIGTERM.
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn passerelle(dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_passerelle"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .current_dir(dir);
    c
}

#[test]
fn migrate_needs_no_configuration_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = passerelle(dir.path()).arg("migrate").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        dir.path().join("data/passerelle.db").exists(),
        "SQLite file in ./data"
    );
}

#[test]
fn a_bad_value_stops_with_one_line_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let out = passerelle(dir.path())
        .env("LEPTOS_SITE_ADDR", "everywhere")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("LEPTOS_SITE_ADDR"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn an_unreachable_database_is_one_clear_line_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = passerelle(dir.path())
        .arg("migrate")
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:9/none")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot open the database") && stderr.contains("DATABASE_URL"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn an_unknown_command_shows_the_usage() {
    let dir = tempfile::tempdir().unwrap();
    let out = passerelle(dir.path()).arg("launch").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown command: launch") && stderr.contains("Usage: passerelle"),
        "{stderr}"
    );
}

#[test]
fn create_admin_reads_the_password_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let run = |password: &str| {
        let mut child = passerelle(dir.path())
            .args(["create-admin", "--email", "Ops@Example.org"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let short = run("short");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 8 characters"));
    let ok = run("a long enough password");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        String::from_utf8_lossy(&ok.stdout)
            .contains("Created platform administrator ops@example.org")
    );
    let again = run("another long password");
    assert!(
        String::from_utf8_lossy(&again.stdout)
            .contains("Updated the password of platform administrator")
    );
}

#[test]
fn sigterm_stops_the_server_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = passerelle(dir.path())
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "graceful stop exits 0, got {exit:?}");
}

/// `passerelle --help | head`: the reader may be gone before the help is written. The command
/// exits quietly (no panic, success) instead of dying on the closed pipe.
#[test]
fn help_on_a_closed_pipe_exits_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = passerelle(dir.path())
        .arg("--help")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "{:?} {stderr}", out.status);
}
