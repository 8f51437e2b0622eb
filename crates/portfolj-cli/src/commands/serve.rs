//! `portfolj serve`: the HTTP bridge. Serves the built UI and forwards
//! `POST /api/call/<command>` to the same `Api::call` the desktop shell uses.
//!
//! Bound to 127.0.0.1 only, and every API request must carry the random token printed
//! at start (the UI reads it from the URL fragment). Used by browser tests and UI
//! development; the desktop app never starts it.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use portfolj_api::{Api, ApiError, ErrorCode};
use rand::Rng;
use serde_json::Value;
use tower_http::services::{ServeDir, ServeFile};

use crate::output;

/// Largest request: a 10 MB attachment in base64 (4/3 larger) with room to spare.
const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// The built UI to serve (ui/dist).
    #[arg(long, value_name = "DIR")]
    ui: Option<PathBuf>,
}

#[derive(Debug, Clone)]
struct Bridge {
    api: Arc<Api>,
    token: Arc<str>,
}

pub fn run(api: Api, args: ServeArgs) -> Result<(), ApiError> {
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Kunde inte starta bryggan: {e}")))?;
    runtime.block_on(serve(api, args))
}

async fn serve(api: Api, args: ServeArgs) -> Result<(), ApiError> {
    let token: String = (0..32).map(|_| format!("{:x}", rand::rng().random_range(0..16_u8))).collect();
    let bridge = Bridge { api: Arc::new(api), token: token.clone().into() };
    let mut app = Router::new()
        .route("/api/call/{command}", post(call))
        // An attachment of up to 10 MB arrives as base64 inside JSON.
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .with_state(bridge);
    if let Some(dir) = &args.ui {
        app = app.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html"))));
    }
    let internal = |e: std::io::Error| ApiError::new(ErrorCode::Internal, format!("Bryggan kunde inte starta: {e}"));
    let listener =
        tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port))).await.map_err(internal)?;
    let address = listener.local_addr().map_err(internal)?;
    output::notice(&format!("Portfölj-bryggan lyssnar på http://{address}/#token={token}\nAvsluta med Ctrl+C."));
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(internal)
}

/// One API call from the browser.
async fn call(State(bridge): State<Bridge>, Path(command): Path<String>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(e) = authorize(&bridge, &headers) {
        return failure(&e);
    }
    let args: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(args) => args,
            Err(e) => {
                return failure(&ApiError::new(ErrorCode::BadArguments, format!("Anropet är inte giltig JSON: {e}")));
            }
        }
    };
    let api = bridge.api.clone();
    match tokio::task::spawn_blocking(move || api.call(&command, args)).await {
        Ok(Ok(value)) => (StatusCode::OK, axum::Json(value)).into_response(),
        Ok(Err(e)) => failure(&e),
        Err(e) => failure(&ApiError::new(ErrorCode::Internal, format!("Anropet avbröts: {e}"))),
    }
}

/// The token must match, and the Host must be this machine (no DNS rebinding).
fn authorize(bridge: &Bridge, headers: &HeaderMap) -> Result<(), ApiError> {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let local = ["127.0.0.1:", "localhost:"].iter().any(|p| host.starts_with(p));
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or_default();
    if local && bearer == &*bridge.token {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Forbidden,
            "Anropet saknar rätt nyckel. Öppna adressen som `portfolj serve` skrev ut, med #token=… på slutet.",
        ))
    }
}

fn failure(e: &ApiError) -> Response {
    let status = match e.code {
        ErrorCode::Validation | ErrorCode::Bundle(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::BadArguments | ErrorCode::UnknownCommand => StatusCode::BAD_REQUEST,
        ErrorCode::Forbidden | ErrorCode::NoIdentity => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict | ErrorCode::NotReady | ErrorCode::Cancelled => StatusCode::CONFLICT,
        ErrorCode::Storage | ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (status, axum::Json(e.to_dto())).into_response()
}
