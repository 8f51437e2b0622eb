//! The Portfölj desktop window: a thin Tauri shell. It opens the local database and
//! forwards the UI's one `call` command to the API facade; nothing else happens here.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::Arc;

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
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("PORTFOLJ_LOG").unwrap_or_else(|_| "warn".into()))
        .init();
    let api: Shared = Arc::new(database_path().and_then(|path| Api::open(&path)));
    if let Err(e) = api.as_ref() {
        tracing::error!(error = %e, "database not opened");
    }
    let result = tauri::Builder::default()
        .manage(api)
        .invoke_handler(tauri::generate_handler![call])
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(e) = result {
        tracing::error!(error = %e, "the window could not be started");
        std::process::exit(1);
    }
}
