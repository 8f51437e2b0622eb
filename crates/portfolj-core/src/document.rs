//! A printable document as plain values: headings, paragraphs, label–value facts, tables
//! and bar charts, in reading order. Report models (the decision memo, the decision notice,
//! the application printout) are built as a [`Document`] here in the core, where they are
//! tested as text; `portfolj-report` lays the same value out on A4 pages as PDF. Every
//! figure is already formatted (Swedish, by [`crate::money::DISPLAY_ROUNDING`]) so the PDF
//! and the text show exactly the same characters.

use std::fmt::Write as _;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title, also in every page's footer.
    pub title: String,
    /// Every page's header line: diarienummer and date.
    pub header: String,
    /// Marked "UTKAST" on every page: the content is not final.
    pub draft: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 starts a section, 2 a subsection.
    Heading {
        level: u8,
        text: String,
    },
    /// Wrapped text; a blank line ("\n\n") starts a new paragraph.
    Paragraph(String),
    /// Label–value lines, e.g. "Ram: 12 000 000 kr".
    Facts(Vec<(String, String)>),
    Table(Table),
    Bars(Bars),
    /// The next block starts on a new page.
    PageBreak,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    /// The column's share of the table's width, relative to the other columns.
    pub weight: u16,
    pub align: Align,
}

impl Column {
    pub fn left(title: &str, weight: u16) -> Self {
        Self { title: title.to_owned(), weight, align: Align::Left }
    }

    pub fn right(title: &str, weight: u16) -> Self {
        Self { title: title.to_owned(), weight, align: Align::Right }
    }
}

/// A table whose header row is repeated on every page it runs onto.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// A horizontal bar chart; each bar also carries its figures as text, so the chart is never
/// the only place they are said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bars {
    pub caption: String,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    /// How much of the bar is filled, in thousandths; above 1000 is drawn as an overrun.
    pub permille: u32,
    pub text: String,
}

impl Document {
    /// The document as plain text, in reading order: what a reader of the PDF sees, without
    /// the layout. Used for snapshot tests and previews.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if self.draft {
            out.push_str("UTKAST\n");
        }
        let _ = writeln!(out, "{}\n{}\n", self.header, self.title);
        for block in &self.blocks {
            match block {
                Block::Heading { level, text } => {
                    let _ = writeln!(out, "{} {text}\n", "#".repeat(usize::from(*level)));
                }
                Block::Paragraph(text) => {
                    let _ = writeln!(out, "{text}\n");
                }
                Block::Facts(facts) => {
                    for (label, value) in facts {
                        let _ = writeln!(out, "{label}: {value}");
                    }
                    out.push('\n');
                }
                Block::Table(table) => {
                    let titles: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
                    let _ = writeln!(out, "| {} |", titles.join(" | "));
                    for row in &table.rows {
                        let _ = writeln!(out, "| {} |", row.join(" | "));
                    }
                    out.push('\n');
                }
                Block::Bars(bars) => {
                    let _ = writeln!(out, "{}", bars.caption);
                    for bar in &bars.bars {
                        let _ = writeln!(out, "  {}: {}", bar.label, bar.text);
                    }
                    out.push('\n');
                }
                Block::PageBreak => out.push_str("---\n\n"),
            }
        }
        out
    }
}
