//! The bounds every bundle is held to before anything in it is trusted.

/// A whole `.portfolj` file.
pub const MAX_FILE_BYTES: u64 = 512 * 1_000_000;
/// The signed payload once decompressed.
pub const MAX_PAYLOAD_BYTES: u64 = 2_000 * 1_000_000;
/// Decompressed bytes per compressed byte beyond which the payload is treated as a bomb
/// (ordinary JSON compresses 5–20×).
pub const MAX_EXPANSION: u64 = 200;
/// The signature file.
pub const MAX_SIGNATURE_BYTES: u64 = 4_096;
/// JSON nesting: bundles are at most a few levels deep.
pub const MAX_DEPTH: usize = 24;
/// Any single JSON string (a field value or key).
pub const MAX_STRING_CHARS: usize = 1_000_000;
/// Operations in one bundle.
pub const MAX_OPERATIONS: usize = 5_000_000;
