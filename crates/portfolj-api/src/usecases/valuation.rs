//! Evaluating a valuation worksheet. Needs no database: anyone holding a worksheet file
//! can recompute every figure (`portfolj valuation eval FILE`).

use portfolj_core::valuation;

use crate::dto::{ValuationResultsDto, WorksheetDto};
use crate::{ApiError, ErrorCode};

/// Computes every result of a worksheet.
pub fn evaluate_worksheet(worksheet: &WorksheetDto) -> Result<ValuationResultsDto, ApiError> {
    let worksheet = worksheet.to_core()?;
    let results = valuation::evaluate(&worksheet)?;
    Ok(ValuationResultsDto::from(&results))
}

/// Reads a worksheet file's text and computes its results; malformed JSON is reported
/// with its line and column.
pub fn evaluate_worksheet_json(text: &str) -> Result<ValuationResultsDto, ApiError> {
    let worksheet: WorksheetDto = serde_json::from_str(text).map_err(|e| {
        ApiError::new(
            ErrorCode::BadArguments,
            format!(
                "Arbetsbladet kunde inte läsas på rad {}, kolumn {}: {e}. Jämför med docs/worksheet-format.md.",
                e.line(),
                e.column()
            ),
        )
    })?;
    evaluate_worksheet(&worksheet)
}
