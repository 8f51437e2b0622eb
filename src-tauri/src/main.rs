//! The Portfölj desktop window: a thin Tauri shell. It opens the local database and
//! forwards the UI's `call` command to the API facade. Three other commands: one saves a file
//! the UI offers for download, which a webview cannot do itself; one hands the UI the
//! `.portfolj` file the app was opened with (the desktop entry's `%f`); one notes when a page
//! has shown its data, for the start-up time.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Instant;

use portfolj_api::dto::BundleFileDto;
use portfolj_api::{Api, ApiError, ApiErrorDto, ErrorCode};
use serde_json::Value;

/// The open database, or why it could not be opened (shown by the UI on every call).
type Shared = Arc<Result<Api, ApiError>>;

#[tauri::command]
async fn call(state: tauri::State<'_, Shared>, command: String, args: Value) -> Result<Value, ApiErrorDto> {
    let shared = Arc::clone(&state);
    tauri::async_runtime::spawn_blocking(move || match shared.as_ref() {
        Ok(api) => api.call(&command, args).map_err(ApiErrorDto::from),
        Err(e) => Err(e.to_dto()),
    })
    .await
    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Anropet avbröts: {e}")).to_dto())?
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
fn opened_file(state: tauri::State<'_, OpenedFile>) -> Result<Option<BundleFileDto>, ApiErrorDto> {
    let taken = state.0.lock().map(|mut file| file.take()).unwrap_or_default();
    taken.map(|path| BundleFileDto::read(&path).map_err(|e| e.to_dto())).transpose()
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

/// `PORTFOLJ_DB`, or portfolj.db in the platform data directory.
fn database_path() -> Result<PathBuf, ApiError> {
    if let Some(path) = std::env::var_os("PORTFOLJ_DB") {
        return Ok(PathBuf::from(path));
    }
    let dirs = directories::ProjectDirs::from("se", "Stockholms stad", "Portfolj")
        .ok_or_else(|| ApiError::new(ErrorCode::Storage, "Hittar ingen hemkatalog för Portföljs data."))?;
    std::fs::create_dir_all(dirs.data_dir()).map_err(|e| {
        ApiError::new(ErrorCode::Storage, format!("Kunde inte skapa {}: {e}", dirs.data_dir().display()))
    })?;
    Ok(dirs.data_dir().join("portfolj.db"))
}

fn main() {
    STARTED.get_or_init(Instant::now);
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("PORTFOLJ_LOG").unwrap_or_else(|_| "warn".into()))
        .init();
    let api: Shared = Arc::new(database_path().and_then(|path| Api::open(&path)));
    if let Err(e) = api.as_ref() {
        tracing::error!(error = %e, "database not opened");
    }
    let result = tauri::Builder::default()
        .manage(api)
        .manage(OpenedFile(Mutex::new(file_argument())))
        .invoke_handler(tauri::generate_handler![call, save_download, opened_file, rendered])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!(error = %e, "the window could not be started");
        std::process::exit(1);
    }
}
