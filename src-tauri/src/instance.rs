//! One running app per database. The running app holds a lock on `<database>.instance.lock`
//! for as long as it runs and listens on a Unix socket next to its database
//! (`<database>.instance`); a second start with the same database finds the lock taken,
//! connects, hands over the file it was opened with (if any) and exits, and the running app
//! brings its window forward and shows that file's import preview.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Whether this process runs the app for its database.
pub enum Claim {
    /// This is the first start: it holds the lock for as long as it runs, and serves later
    /// starts with the listener (none when the socket could not be made).
    First(Option<File>, Option<UnixListener>),
    /// Another process runs the app for this database and has been handed the start.
    Handed,
}

fn lock_path(database: &Path) -> PathBuf {
    let mut name = socket_path(database).into_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

pub fn socket_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_os_string();
    name.push(".instance");
    PathBuf::from(name)
}

/// Claims `database` for this process, or hands `file` to the process that has it.
pub fn claim(database: &Path, file: Option<&Path>) -> Claim {
    let path = socket_path(database);
    let lock = File::options().create(true).truncate(false).write(true).open(lock_path(database));
    let lock = match lock {
        Ok(lock) => lock,
        Err(e) => {
            tracing::warn!(error = %e, "no lock for this database; a second start is not handed over");
            return Claim::First(None, None);
        }
    };
    // The app holding the lock may still be opening its socket, or be exiting (a restart).
    let deadline = Instant::now() + Duration::from_secs(10);
    while lock.try_lock().is_err() {
        if hand_over(&path, file) {
            return Claim::Handed;
        }
        if Instant::now() > deadline {
            tracing::warn!("Portfölj runs on this database but does not answer; starting anyway");
            return Claim::First(None, None);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // The lock is ours, so a socket left here belongs to an app that did not exit cleanly.
    let _ = std::fs::remove_file(&path);
    match UnixListener::bind(&path) {
        Ok(listener) => Claim::First(Some(lock), Some(listener)),
        Err(e) => {
            tracing::warn!(error = %e, socket = %path.display(), "a second start cannot be handed to this one");
            Claim::First(Some(lock), None)
        }
    }
}

fn hand_over(socket: &Path, file: Option<&Path>) -> bool {
    let Ok(mut stream) = UnixStream::connect(socket) else { return false };
    let file = file.and_then(|f| std::path::absolute(f).ok()).unwrap_or_default();
    writeln!(stream, "{}", file.display()).and_then(|()| stream.flush()).is_ok()
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
