//! The Portfölj desktop window: a thin Tauri shell. It opens the local database and
//! forwards the UI's `call` command to the API facade. Three other commands: one saves a file
//! the UI offers for download, which a webview cannot do itself; one hands the UI the
//! `.portfolj` file the app was opened with (the desktop entry's `%f`); one notes when a page
//! has shown its data, for the start-up time. One app runs per database (`instance`): a second
//! start hands its file to the first and exits. The window's size and place are remembered
//! (tauri-plugin-window-state, in the config directory).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use portfolj_api::data_dir::{DATABASE_VARIABLE, DataDirs};
use portfolj_api::dto::{BundleFileDto, DataDirDto};
use portfolj_api::{Api, ApiError, ApiErrorDto, ErrorCode};
use serde_json::Value;
use tauri::{Emitter, Manager};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

mod instance;

/// The open database, or why it could not be opened (shown by the UI on every call).
type Shared = Arc<Result<Api, ApiError>>;

#[tauri::command]
async fn call(state: tauri::State<'_, Shared>, command: String, args: Value) -> Result<Value, ApiErrorDto> {
    let shared = Arc::clone(&state);
    blocking(move || match shared.as_ref() {
        Ok(api) => api.call(&command, args),
        Err(e) => Err(e.clone()),
    })
    .await
}

/// Saves a file the UI offers (a bundle, an attachment) in the user's Downloads folder —
/// WebKitGTK ignores Blob downloads — and returns the path it was saved to.
#[tauri::command]
async fn save_download(file_name: String, content_base64: String) -> Result<String, ApiErrorDto> {
    let failed = |what: String| ApiError::new(ErrorCode::Storage, what).to_dto();
    let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, content_base64.as_bytes())
        .map_err(|_| ApiError::new(ErrorCode::BadArguments, "Filen kom inte fram hel. Försök igen.").to_dto())?;
    let dir = directories::UserDirs::new()
        .and_then(|u| u.download_dir().map(PathBuf::from).or_else(|| Some(u.home_dir().to_path_buf())))
        .ok_or_else(|| failed("Hittar ingen mapp för hämtade filer.".to_owned()))?;
    // Only the name: a path from the UI never decides where the file goes.
    let name = std::path::Path::new(&file_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "portfolj-fil".to_owned());
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem.to_owned(), format!(".{ext}")),
        None => (name.clone(), String::new()),
    };
    std::fs::create_dir_all(&dir).map_err(|e| failed(format!("Kunde inte skapa {}: {e}", dir.display())))?;
    let mut n = 1;
    loop {
        let candidate = if n == 1 { dir.join(&name) } else { dir.join(format!("{stem} ({n}){extension}")) };
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&candidate) {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, &bytes)
                    .and_then(|()| file.sync_all())
                    .map_err(|e| failed(format!("Kunde inte spara {}: {e}", candidate.display())))?;
                return Ok(candidate.display().to_string());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(failed(format!("Kunde inte spara {}: {e}", candidate.display()))),
        }
    }
}

/// The file the app was started with, until the UI has taken it.
struct OpenedFile(Mutex<Option<PathBuf>>);

/// The `.portfolj` file the app was opened with, read for the import preview; given once,
/// so a reload of the page does not offer it again.
#[tauri::command]
async fn opened_file(state: tauri::State<'_, OpenedFile>) -> Result<Option<BundleFileDto>, ApiErrorDto> {
    let taken = state.0.lock().map(|mut file| file.take()).unwrap_or_default();
    // Off the main thread: a bundle may be large.
    blocking(move || taken.map(|path| BundleFileDto::read(&path)).transpose()).await
}

/// Runs file work off the main thread, so the window stays responsive.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiErrorDto> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Anropet avbröts: {e}")).to_dto())?
        .map_err(|e| e.to_dto())
}

/// The first argument that is not an option: the file manager passes the opened file.
fn file_argument() -> Option<PathBuf> {
    std::env::args_os().skip(1).find(|a| !a.to_string_lossy().starts_with('-')).map(PathBuf::from)
}

/// When `main` started, for the start-up time.
static STARTED: OnceLock<Instant> = OnceLock::new();

/// The UI has shown a page's data. The first time, logs how long the start took — in all,
/// and since the web page began loading (`page_millis`) — and, when `PORTFOLJ_READY_FILE`
/// is set (the start-up benchmark), writes both there.
#[tauri::command]
fn rendered(page: String, page_millis: u64) {
    static FIRST: OnceLock<()> = OnceLock::new();
    if FIRST.set(()).is_err() {
        return;
    }
    let millis = STARTED.get().map_or(0, |started| started.elapsed().as_millis());
    tracing::info!(page, millis, page_millis, "first page rendered");
    if let Some(path) = std::env::var_os("PORTFOLJ_READY_FILE")
        && let Err(e) = std::fs::write(&path, format!("{page} {millis} {page_millis}\n"))
    {
        tracing::warn!(error = %e, "could not write the ready file");
    }
}

/// The data directory settings: the platform's data directory, or the one chosen.
fn data_dirs() -> Result<DataDirs, ApiError> {
    let dirs = directories::ProjectDirs::from("se", "Stockholms stad", "Portfolj")
        .ok_or_else(|| ApiError::new(ErrorCode::Storage, "Hittar ingen hemkatalog för Portföljs data."))?;
    Ok(DataDirs::new(dirs.config_dir(), dirs.data_dir()).with_variable(std::env::var_os(DATABASE_VARIABLE)))
}

/// The database this app opened.
struct Database(PathBuf);

/// Where the data lives now and from the next start.
#[tauri::command]
fn data_dir(database: tauri::State<'_, Database>) -> Result<DataDirDto, ApiErrorDto> {
    Ok(data_dirs().map_err(|e| e.to_dto())?.describe(&database.0))
}

/// Chooses the data directory for the next start (empty: the default).
#[tauri::command]
async fn choose_data_dir(dir: String, database: tauri::State<'_, Database>) -> Result<DataDirDto, ApiErrorDto> {
    let current = database.0.clone();
    blocking(move || data_dirs()?.choose(&dir, &current)).await
}

/// Starts the app again, on the data directory chosen, without the file it was first opened
/// with. The socket goes first, so the new process waits for this one's lock instead of
/// handing itself over.
#[tauri::command]
fn restart(app: tauri::AppHandle, database: tauri::State<'_, Database>) -> Result<(), ApiErrorDto> {
    let _ = std::fs::remove_file(instance::socket_path(&database.0));
    let program = std::env::current_exe()
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Hittar inte programfilen: {e}")).to_dto())?;
    std::process::Command::new(program)
        .spawn()
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Portfölj kunde inte startas om: {e}")).to_dto())?;
    app.exit(0);
    Ok(())
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("PORTFOLJ_LOG").unwrap_or_else(|_| "warn".into()))
        .init();
    // `PORTFOLJ_DB`, or portfolj.db in the data directory.
    let database = data_dirs().and_then(|dirs| dirs.database());
    let file = file_argument();
    let (lock, listener) = match &database {
        Ok(path) => match instance::claim(path, file.as_deref()) {
            instance::Claim::Handed => {
                tracing::info!(database = %path.display(), "Portfölj already runs on this database; handed over");
                return;
            }
            instance::Claim::First(lock, listener) => (lock, listener),
        },
        Err(_) => (None, None),
    };
    // Only the app holding the lock owns the socket, and removes it when it exits.
    let socket = database.as_ref().ok().filter(|_| lock.is_some()).map(|path| instance::socket_path(path));
    let opened_database = Database(database.as_ref().map_or_else(|_| PathBuf::new(), Clone::clone));
    let api: Shared = Arc::new(database.and_then(|path| Api::open(&path)));
    if let Err(e) = api.as_ref() {
        tracing::error!(error = %e, "database not opened");
    }
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_window_state::Builder::new().build())
        .manage(api)
        .manage(OpenedFile(Mutex::new(file)))
        .manage(opened_database)
        .setup(move |app| {
            if let Some(listener) = listener {
                let handle = app.handle().clone();
                instance::serve(listener, move |file| bring_forward(&handle, file));
            }
            Ok(())
        })
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::CloseRequested { .. } => {
                let _ = window.app_handle().save_window_state(StateFlags::all());
            }
            tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_) => save_when_settled(window.app_handle()),
            _ => {}
        })
        .invoke_handler(tauri::generate_handler![
            call,
            save_download,
            opened_file,
            rendered,
            data_dir,
            choose_data_dir,
            restart
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(move |_, event| {
            if let tauri::RunEvent::Exit = event
                && let Some(socket) = &socket
            {
                let _ = std::fs::remove_file(socket);
            }
            // Held until the app ends.
            let _ = &lock;
        }),
        Err(e) => {
            tracing::error!(error = %e, "the window could not be started");
            std::process::exit(1);
        }
    }
}

/// Saves the window's size and place once it has stopped changing for a moment, so a session
/// that ends without a clean exit (a crash, a logout) keeps them too.
fn save_when_settled(app: &tauri::AppHandle) {
    static CHANGES: AtomicU64 = AtomicU64::new(0);
    let change = CHANGES.fetch_add(1, Ordering::AcqRel) + 1;
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(600));
        if CHANGES.load(Ordering::Acquire) == change {
            // On the main thread, where the plugin reads the window: no lock is held across threads.
            let handle = app.clone();
            let _ = app.run_on_main_thread(move || {
                let _ = handle.save_window_state(StateFlags::all());
            });
        }
    });
}

/// A second start handed over: show the window, and the file it was opened with.
fn bring_forward(app: &tauri::AppHandle, file: Option<PathBuf>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let Some(file) = file {
        if let Ok(mut opened) = app.state::<OpenedFile>().0.lock() {
            *opened = Some(file);
        }
        let _ = app.emit("opened-file", ());
    }
}
