//! A table for export (DOMAIN.md §9: applications, valuations, scores, decisions) as plain
//! values: a name, column headers, and typed cells. The file formats (CSV for Excel in
//! Swedish, XLSX) are written by portfolj-report; each cell's type decides how, so money
//! stays money and a date stays a date in the workbook.

use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    /// Kronor, exact.
    Money(Decimal),
    /// A count, score or ratio, exact.
    Number(Decimal),
    Date(NaiveDate),
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text(text.into())
    }

    /// Öre as a money cell.
    pub fn ore(ore: i64) -> Self {
        Cell::Money(Decimal::new(ore, 2))
    }

    pub fn money_or_empty(kronor: Option<Decimal>) -> Self {
        kronor.map_or(Cell::Empty, Cell::Money)
    }

    pub fn number_or_empty(value: Option<Decimal>) -> Self {
        value.map_or(Cell::Empty, Cell::Number)
    }

    pub fn date_or_empty(day: Option<NaiveDate>) -> Self {
        day.map_or(Cell::Empty, Cell::Date)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The worksheet's name in a workbook (at most 31 characters there).
    pub name: String,
    pub headers: Vec<String>,
    /// Each as long as `headers`.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn new(name: &str, headers: &[&str]) -> Self {
        Sheet { name: name.to_owned(), headers: headers.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    /// Adds a row; one of the wrong length is a mistake in the caller, so it is padded or
    /// cut to the headers rather than shifting every later column.
    pub fn push(&mut self, mut row: Vec<Cell>) {
        row.resize(self.headers.len(), Cell::Empty);
        self.rows.push(row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_kept_to_the_width_of_the_headers() {
        let mut sheet = Sheet::new("Ansökningar", &["Titel", "Belopp"]);
        sheet.push(vec![Cell::text("Skolval")]);
        sheet.push(vec![Cell::text("A"), Cell::ore(150), Cell::text("extra")]);
        assert_eq!(sheet.rows[0], vec![Cell::text("Skolval"), Cell::Empty]);
        assert_eq!(sheet.rows[1], vec![Cell::text("A"), Cell::Money(Decimal::new(150, 2))]);
    }
}
