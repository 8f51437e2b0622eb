//! What the CLI prints. The only place in Portfölj that writes to stdout.
#![allow(clippy::print_stderr)]

use std::process::ExitCode;

use portfolj_api::ApiError;
use serde_json::Value;

pub fn json(value: &Value) {
    line(&serde_json::to_string_pretty(value).unwrap_or_default());
}

/// Prints one line. A closed pipe (`portfolj app list | head`) ends the output quietly
/// instead of panicking.
pub fn line(text: &str) {
    use std::io::Write;
    if writeln!(std::io::stdout().lock(), "{text}").is_err() {
        std::process::exit(0);
    }
}

/// Prints one line for a long-running command (the bridge): if nobody reads stdout any
/// more, the line is dropped and the command keeps running.
pub fn notice(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}").and_then(|()| out.flush());
}

/// Shows how far a long command has come on one line of the terminal, overwritten each time
/// (`done` true ends the line). Said only to a person at a terminal: never into a pipe or a
/// log, where it would only be noise.
pub fn progress(text: &str, done: bool) {
    use std::io::{IsTerminal, Write};
    let mut err = std::io::stderr().lock();
    if err.is_terminal() {
        // Back to the start of the line and clear it, so a shorter text leaves nothing behind.
        let _ = write!(err, "\r\x1b[2K{text}{}", if done { "\n" } else { "" }).and_then(|()| err.flush());
    }
}

/// Prints rows as aligned columns under a header.
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let render = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    line(&render(header.to_vec()));
    for row in rows {
        line(&render(row.iter().map(String::as_str).collect()));
    }
}

/// Reports a failed call: `{code, message, fields}` as JSON, or the Swedish message.
pub fn error(e: &ApiError, as_json: bool) -> ExitCode {
    if as_json {
        eprintln!("{}", serde_json::to_string(&e.to_dto()).unwrap_or_default());
    } else {
        eprintln!("Fel: {}", e.message);
        for f in &e.fields {
            eprintln!("  {}: {}", f.field, f.message);
        }
    }
    ExitCode::from(if e.code.as_str() == "validation" { 3 } else { 2 })
}

pub fn fail(message: &str) -> ExitCode {
    eprintln!("Fel: {message}");
    ExitCode::from(2)
}
