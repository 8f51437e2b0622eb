//! One running app per database. The running app listens on a Unix socket next to its
//! database (`<database>.instance`); a second start with the same database connects, hands
//! over the file it was opened with (if any) and exits, and the running app brings its window
//! forward and shows that file's import preview.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

/// Whether this process runs the app for its database.
pub enum Claim {
    /// This is the first start: serve later starts with the listener (none when the socket
    /// could not be made; then the app runs without handing over).
    First(Option<UnixListener>),
    /// Another process runs the app for this database and has been handed the start.
    Handed,
}

pub fn socket_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_os_string();
    name.push(".instance");
    PathBuf::from(name)
}

/// Claims `database` for this process, or hands `file` to the process that has it.
pub fn claim(database: &Path, file: Option<&Path>) -> Claim {
    let path = socket_path(database);
    if let Ok(mut stream) = UnixStream::connect(&path) {
        let file = file.and_then(|f| std::path::absolute(f).ok()).unwrap_or_default();
        if writeln!(stream, "{}", file.display()).and_then(|()| stream.flush()).is_ok() {
            return Claim::Handed;
        }
    }
    // Nobody answers: a socket left by an app that did not exit cleanly, or none at all.
    let _ = std::fs::remove_file(&path);
    match UnixListener::bind(&path) {
        Ok(listener) => Claim::First(Some(listener)),
        Err(e) => {
            tracing::warn!(error = %e, socket = %path.display(), "a second start cannot be handed to this one");
            Claim::First(None)
        }
    }
}

/// Serves later starts on a thread of its own: each hands over one line, a file path or
/// nothing, given to `on_start`.
pub fn serve(listener: UnixListener, on_start: impl Fn(Option<PathBuf>) + Send + 'static) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            if BufReader::new(stream).read_line(&mut line).is_ok() {
                let file = line.trim_end_matches('\n');
                on_start((!file.is_empty()).then(|| PathBuf::from(file)));
            }
        }
    });
}
