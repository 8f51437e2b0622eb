//! The error every caller of the API receives: a stable `code` to switch on and a
//! Swedish `message` that says what was wrong and what to do, plus per-field messages
//! for forms.

use portfolj_core::{DomainError, ValidationErrors};
use portfolj_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// The stable error codes. The UI switches on these, never on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// Input failed a rule; see `fields`.
    Validation,
    /// The acting person's role may not do this.
    Forbidden,
    /// The thing asked for does not exist.
    NotFound,
    /// Not possible in the current state (e.g. demo data into a database that has data).
    Conflict,
    /// No person is acting on this laptop yet.
    NoIdentity,
    /// The application fails readiness rules; `fields` names each failing rule's field.
    NotReady,
    UnknownCommand,
    BadArguments,
    /// The database could not be opened, read or written.
    Storage,
    /// A bug: the API could not complete and said why in `message`.
    Internal,
    /// The person stopped long work before it was done; nothing was changed.
    Cancelled,
    /// A bundle, key or certificate was refused; the code says why (portfolj-sync).
    Bundle(&'static str),
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Validation => "validation",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::NoIdentity => "no_identity",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::NotReady => "not_ready",
            ErrorCode::UnknownCommand => "unknown_command",
            ErrorCode::BadArguments => "bad_arguments",
            ErrorCode::Storage => "storage",
            ErrorCode::Internal => "internal",
            ErrorCode::Bundle(code) => code,
        }
    }
}

/// A failed use case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldErrorDto>,
}

/// One form field's problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldErrorDto {
    pub field: String,
    pub message: String,
}

/// The wire form of [`ApiError`]: `{code, message, fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiErrorDto {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldErrorDto>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), fields: Vec::new() }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} finns inte. Uppdatera listan och försök igen."))
    }

    pub fn to_dto(&self) -> ApiErrorDto {
        ApiErrorDto { code: self.code.as_str().to_owned(), message: self.message.clone(), fields: self.fields.clone() }
    }
}

impl From<ApiError> for ApiErrorDto {
    fn from(e: ApiError) -> Self {
        e.to_dto()
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        let fields =
            errors.0.iter().map(|e| FieldErrorDto { field: e.field.to_owned(), message: e.message.clone() }).collect();
        Self {
            code: ErrorCode::Validation,
            message: "Uppgifterna behöver rättas. Se meddelandet vid varje fält; inget har sparats.".to_owned(),
            fields,
        }
    }
}

impl From<DomainError> for ApiError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Invalid(errors) => errors.into(),
            DomainError::Forbidden(message) => Self::new(ErrorCode::Forbidden, message),
            DomainError::NotAllowedNow(message) => Self::new(ErrorCode::Conflict, message),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing::debug!(error = %e, "storage error");
        Self::new(ErrorCode::Storage, e.to_string())
    }
}

impl From<portfolj_sync::SyncError> for ApiError {
    fn from(e: portfolj_sync::SyncError) -> Self {
        Self::new(ErrorCode::Bundle(e.code()), e.to_string())
    }
}
