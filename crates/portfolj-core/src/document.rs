//! A printable document as plain values: headings, paragraphs, label–value facts, tables
//! and bar charts, in reading order. Report models (the decision memo, the decision notice,
//! the application printout) are built as a [`Document`] here in the core, where they are
//! tested as text; `portfolj-report` lays the same value out on A4 pages as PDF. Every
//! figure is already formatted (Swedish, by [`crate::money::DISPLAY_ROUNDING`]) so the PDF
//! and the text show exactly the same characters.

use std::fmt::Write as _;

use crate::language::Language;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The title, also in every page's footer.
    pub title: String,
    /// Every page's header line: diarienummer and date.
    pub header: String,
    /// Marked "UTKAST" on every page: the content is not final.
    pub draft: bool,
    /// The language the document is written in: its page furniture ("Sida 1 av 3",
    /// "UTKAST") follows it.
    pub language: Language,
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
    /// The mark on every page of a document whose content is not final.
    pub fn draft_mark(&self) -> &'static str {
        self.language.pick("UTKAST", "DRAFT")
    }

    /// A page's number in the footer.
    pub fn page_number(&self, page: usize, pages: usize) -> String {
        match self.language {
            Language::Sv => format!("Sida {page} av {pages}"),
            Language::En => format!("Page {page} of {pages}"),
        }
    }

    /// The document as plain text, in reading order: what a reader of the PDF sees, without
    /// the layout. Used for snapshot tests and previews.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if self.draft {
            let _ = writeln!(out, "{}", self.draft_mark());
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

/// `&`, `<`, `>` and `"` as entities, so document text is never read as markup.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

impl Document {
    /// The document as one self-contained HTML page with the same blocks in the same order:
    /// for publishing on an intranet, and for rendering the same content with another tool
    /// (the benchmark against LibreOffice). Bars are written as a table with their figures.
    pub fn to_html(&self) -> String {
        let mut out =
            format!("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", self.language.code());
        let _ = writeln!(out, "<title>{}</title>", escape_html(&self.title));
        out.push_str(
            "<style>body{font-family:sans-serif;font-size:10pt}table{border-collapse:collapse;width:100%}\
             th,td{border-bottom:1px solid #ccc;padding:2pt 4pt;text-align:left}.r{text-align:right}\
             .break{page-break-after:always}</style>\n</head>\n<body>\n",
        );
        if self.draft {
            let _ = writeln!(out, "<p><strong>{}</strong></p>", self.draft_mark());
        }
        let _ = writeln!(out, "<p>{}</p>\n<h1>{}</h1>", escape_html(&self.header), escape_html(&self.title));
        for block in &self.blocks {
            match block {
                Block::Heading { level, text } => {
                    let level = level.saturating_add(1).min(6);
                    let _ = writeln!(out, "<h{level}>{}</h{level}>", escape_html(text));
                }
                Block::Paragraph(text) => {
                    for paragraph in text.split("\n\n") {
                        let _ = writeln!(out, "<p>{}</p>", escape_html(paragraph));
                    }
                }
                Block::Facts(facts) => {
                    out.push_str("<dl>\n");
                    for (label, value) in facts {
                        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape_html(label), escape_html(value));
                    }
                    out.push_str("</dl>\n");
                }
                Block::Table(table) => {
                    let class = |align: Align| if align == Align::Right { " class=\"r\"" } else { "" };
                    out.push_str("<table>\n<thead><tr>");
                    for column in &table.columns {
                        let _ = write!(out, "<th{}>{}</th>", class(column.align), escape_html(&column.title));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in &table.rows {
                        out.push_str("<tr>");
                        for (cell, column) in row.iter().zip(&table.columns) {
                            let _ = write!(out, "<td{}>{}</td>", class(column.align), escape_html(cell));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Bars(bars) => {
                    let _ = writeln!(out, "<table>\n<caption>{}</caption>\n<tbody>", escape_html(&bars.caption));
                    for bar in &bars.bars {
                        let _ = writeln!(
                            out,
                            "<tr><th>{}</th><td>{}</td></tr>",
                            escape_html(&bar.label),
                            escape_html(&bar.text)
                        );
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::PageBreak => out.push_str("<div class=\"break\"></div>\n"),
            }
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_has_every_block_in_order_and_escapes_text() {
        let document = Document {
            title: "Beslutsunderlag <2018>".to_owned(),
            header: "KS 2018/1 · 2018-03-01".to_owned(),
            draft: true,
            language: Language::Sv,
            blocks: vec![
                Block::Heading { level: 1, text: "Portfölj 1".to_owned() },
                Block::Paragraph("Första & andra.\n\nTredje.".to_owned()),
                Block::Facts(vec![("Ram".to_owned(), "12 000 000 kr".to_owned())]),
                Block::Table(Table {
                    columns: vec![Column::left("Ansökan", 3), Column::right("Belopp", 1)],
                    rows: vec![vec!["E-tjänst \"A\"".to_owned(), "1 234 567 kr".to_owned()]],
                }),
                Block::PageBreak,
                Block::Bars(Bars {
                    caption: "Utnyttjad ram".to_owned(),
                    bars: vec![Bar { label: "Portfölj 1".to_owned(), permille: 800, text: "80,0 %".to_owned() }],
                }),
            ],
        };
        let html = document.to_html();
        assert!(html.contains("<title>Beslutsunderlag &lt;2018&gt;</title>"));
        assert!(html.contains("<strong>UTKAST</strong>"));
        assert!(html.contains("<p>Första &amp; andra.</p>\n<p>Tredje.</p>"));
        assert!(html.contains("<dt>Ram</dt><dd>12 000 000 kr</dd>"));
        assert!(html.contains("<td>E-tjänst &quot;A&quot;</td><td class=\"r\">1 234 567 kr</td>"));
        assert!(html.contains("<th>Portfölj 1</th><td>80,0 %</td>"));
        let order: Vec<usize> = ["<h2>Portfölj 1", "<p>Första", "<dl>", "<table>", "class=\"break\"", "<caption>"]
            .iter()
            .map(|needle| html.find(needle).expect(needle))
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    }
}
