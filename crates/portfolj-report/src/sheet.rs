//! Export tables ([`Sheet`]) as files a civil servant opens in Excel:
//! - CSV the way Swedish Excel reads it: UTF-8 with a byte-order mark, semicolons between
//!   fields, decimal commas, ISO dates, CRLF line ends;
//! - XLSX with money as numbers formatted in kronor, dates as dates, the header row frozen
//!   and filterable.
//!
//! Money is written to the öre and other numbers to at most four decimals, both rounded by
//! the one display rule ([`DISPLAY_ROUNDING`]); nothing else is rounded.

use portfolj_core::money::DISPLAY_ROUNDING;
use portfolj_core::sheet::{Cell, Sheet};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive as _;
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::ReportError;

const MONEY_DECIMALS: u32 = 2;
/// Excel's limit for one cell's text.
const CELL_CHARACTERS: usize = 32_767;
const NUMBER_DECIMALS: u32 = 4;

fn rounded(cell: &Cell) -> Option<Decimal> {
    match cell {
        Cell::Money(v) => Some(v.round_dp_with_strategy(MONEY_DECIMALS, DISPLAY_ROUNDING)),
        Cell::Number(v) => Some(v.round_dp_with_strategy(NUMBER_DECIMALS, DISPLAY_ROUNDING).normalize()),
        _ => None,
    }
}

/// Text Excel would read as a formula is written with a leading apostrophe, so a title
/// such as "=HYPERLINK(…)" stays text (CSV injection).
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => inert(text),
        Cell::Money(_) | Cell::Number(_) => {
            let value = rounded(cell).unwrap_or_default();
            let text = if matches!(cell, Cell::Money(_)) { format!("{value:.2}") } else { value.to_string() };
            text.replace('.', ",")
        }
        Cell::Date(day) => day.format("%Y-%m-%d").to_string(),
    }
}

/// The sheet as CSV bytes.
pub fn csv(sheet: &Sheet) -> Result<Vec<u8>, ReportError> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| ReportError::Table(e.to_string());
    writer.write_record(&sheet.headers).map_err(fail)?;
    for row in &sheet.rows {
        writer.write_record(row.iter().map(csv_field)).map_err(fail)?;
    }
    writer.into_inner().map_err(|e| ReportError::Table(e.to_string()))
}

/// Excel's rules for a worksheet name: at most 31 characters, none of `[]:*?/\`.
fn worksheet_name(name: &str) -> String {
    let name: String = name.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).take(31).collect();
    if name.trim().is_empty() { "Blad".to_owned() } else { name }
}

/// Text as long as one cell holds; a longer one (a free-text field can be) ends with "…"
/// rather than failing the whole workbook. CSV has no such limit and keeps it whole.
fn fitted(text: &str) -> String {
    if text.chars().count() <= CELL_CHARACTERS {
        return text.to_owned();
    }
    text.chars().take(CELL_CHARACTERS - 1).chain(std::iter::once('…')).collect()
}

struct Formats {
    header: Format,
    money: Format,
    date: Format,
}

fn write_sheet(worksheet: &mut Worksheet, sheet: &Sheet, formats: &Formats) -> Result<(), XlsxError> {
    worksheet.set_name(worksheet_name(&sheet.name))?;
    for (c, header) in (0u16..).zip(&sheet.headers) {
        worksheet.write_string_with_format(0, c, header, &formats.header)?;
    }
    for (r, row) in (1u32..).zip(&sheet.rows) {
        for (c, cell) in (0u16..).zip(row) {
            // The workbook stores numbers as doubles: the file format's own limit. Amounts
            // to the öre stay exact in a double up to 90 000 000 000 000 kr.
            let number = rounded(cell).and_then(|v| v.to_f64());
            match (cell, number) {
                (Cell::Text(text), _) => worksheet.write_string(r, c, fitted(text)).map(|_| ())?,
                (Cell::Money(_), Some(v)) => worksheet.write_number_with_format(r, c, v, &formats.money).map(|_| ())?,
                (Cell::Number(_), Some(v)) => worksheet.write_number(r, c, v).map(|_| ())?,
                (Cell::Date(day), _) => worksheet.write_datetime_with_format(r, c, day, &formats.date).map(|_| ())?,
                _ => {}
            }
        }
    }
    let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    let last_column = u16::try_from(sheet.headers.len().saturating_sub(1)).unwrap_or(u16::MAX);
    worksheet.set_freeze_panes(1, 0)?;
    worksheet.autofilter(0, 0, last_row, last_column)?;
    worksheet.autofit();
    Ok(())
}

/// The sheets as one XLSX workbook, one worksheet each.
pub fn xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, ReportError> {
    let formats = Formats {
        header: Format::new().set_bold().set_border_bottom(FormatBorder::Thin),
        // Excel shows "," as the reader's own thousands separator: a space in Swedish.
        money: Format::new().set_num_format("#,##0.00 \"kr\""),
        date: Format::new().set_num_format("yyyy-mm-dd"),
    };
    let mut workbook = Workbook::new();
    let fail = |e: XlsxError| ReportError::Table(e.to_string());
    for sheet in sheets {
        write_sheet(workbook.add_worksheet(), sheet, &formats).map_err(fail)?;
    }
    workbook.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests;
