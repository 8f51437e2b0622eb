//! Renders the core's report documents ([`portfolj_core::document::Document`]: the decision
//! memo, decision notices, application printouts) to A4 PDF with printpdf. The fonts are
//! embedded, so å ä ö render on any reader and `pdftotext` extracts them exactly. Every page
//! carries the document's header line (diarienummer and date), "UTKAST" when the content is
//! not final, and "Sida N av M" in the footer (in the document's language).
//!
//! Export tables ([`portfolj_core::sheet::Sheet`]) are written as CSV and XLSX ([`csv`],
//! [`xlsx`]).
//!
//! The renderer decides only where things go; what the document says — every figure and
//! its rounding — was settled by the core.

mod fonts;
mod layout;
mod sheet;

pub use sheet::{csv, xlsx};

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use portfolj_core::document::Document;
use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb,
    TextItem, TextMatrix,
};

use crate::layout::{FOOTER_BASELINE, Font, HEADER_BASELINE, Item, LEFT, PAGE_HEIGHT, PAGE_WIDTH, RIGHT, SMALL, Shade};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("Typsnittet {0} i programmet går inte att läsa. Installera om Portfölj.")]
    Font(String),
    #[error("Tabellen gick inte att skriva ({0}). Försök igen; kvarstår felet, rapportera det.")]
    Table(String),
}

/// What the PDF's own metadata says.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    pub created: DateTime<Utc>,
    pub author: String,
}

/// Milli-points to printpdf's points: the one place layout geometry becomes a float.
#[allow(clippy::float_arithmetic, reason = "page geometry for the PDF writer; never money")]
fn pt(milli: i64) -> Pt {
    Pt(milli as f32 / 1000.0)
}

fn color(shade: Shade) -> Color {
    let (r, g, b) = match shade {
        Shade::Ink => (0.1, 0.1, 0.12),
        Shade::Muted => (0.35, 0.35, 0.4),
        Shade::Draft => (0.7, 0.1, 0.1),
        Shade::HeaderBackground => (0.9, 0.91, 0.93),
        Shade::Track => (0.88, 0.89, 0.91),
        Shade::Fill => (0.12, 0.31, 0.55),
        Shade::Overrun => (0.7, 0.1, 0.1),
    };
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

/// The page's header and footer, which need the page number and count.
fn furniture(faces: &fonts::Faces, document: &Document, page: usize, pages: usize) -> Vec<Item> {
    let muted = |x, baseline, font, text: String| Item::Text { x, baseline, font, shade: Shade::Muted, text };
    let mut items = vec![
        muted(LEFT, HEADER_BASELINE, SMALL, document.header.clone()),
        Item::Rule { x1: LEFT, x2: RIGHT, y: HEADER_BASELINE - 6_000 },
        muted(LEFT, FOOTER_BASELINE, SMALL, document.title.clone()),
    ];
    let number = document.page_number(page, pages);
    let width = faces.width(&number, SMALL.size, false);
    items.push(muted(RIGHT - width, FOOTER_BASELINE, SMALL, number));
    if document.draft {
        let font = Font { size: 12_000, bold: true };
        let mark = document.draft_mark();
        let width = faces.width(mark, font.size, true);
        items.push(Item::Text {
            x: RIGHT - width,
            baseline: HEADER_BASELINE,
            font,
            shade: Shade::Draft,
            text: mark.to_owned(),
        });
    }
    items
}

/// A page's drawing operations: shapes first, then all text in one text section, setting
/// font and colour only when they change (a smaller stream, so saving is faster).
fn ops(items: &[Item], regular: &printpdf::FontId, bold: &printpdf::FontId) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in items {
        match item {
            Item::Text { .. } => {}
            Item::Rect { x, y, width, height, shade } => {
                ops.push(Op::SetFillColor { col: color(*shade) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: pt(*x),
                        y: pt(*y),
                        width: pt(*width),
                        height: pt(*height),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
            }
            Item::Rule { x1, x2, y } => {
                ops.push(Op::SetOutlineColor { col: color(Shade::Track) });
                ops.push(Op::SetOutlineThickness { pt: pt(500) });
                let point = |x: i64| LinePoint { p: Point { x: pt(x), y: pt(*y) }, bezier: false };
                ops.push(Op::DrawLine { line: Line { points: vec![point(*x1), point(*x2)], is_closed: false } });
            }
        }
    }
    ops.push(Op::StartTextSection);
    let (mut current_font, mut current_shade) = (None, None);
    for item in items {
        if let Item::Text { x, baseline, font, shade, text } = item {
            if current_shade != Some(*shade) {
                ops.push(Op::SetFillColor { col: color(*shade) });
                current_shade = Some(*shade);
            }
            if current_font != Some(*font) {
                let id = if font.bold { bold } else { regular };
                ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: pt(font.size) });
                current_font = Some(*font);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(pt(*x), pt(*baseline)) });
            ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

/// A rendered PDF file.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// The document as a PDF file.
pub fn pdf(document: &Document, options: &PdfOptions) -> Result<Rendered, ReportError> {
    let faces = fonts::faces()?;
    let pages = layout::lay_out(faces, document);
    let mut pdf = PdfDocument::new(&document.title);
    pdf.metadata.info.document_title = document.title.clone();
    pdf.metadata.info.author = options.author.clone();
    pdf.metadata.info.creator = "Portfölj".to_owned();
    pdf.metadata.info.producer = "Portfölj".to_owned();
    if let Ok(created) = printpdf::OffsetDateTime::from_unix_timestamp(options.created.timestamp()) {
        pdf.metadata.info.creation_date = created;
        pdf.metadata.info.modification_date = created;
        pdf.metadata.info.metadata_date = created;
    }
    let count = pages.len();
    let pages: Vec<Vec<Item>> = pages
        .into_iter()
        .enumerate()
        .map(|(i, mut items)| {
            items.extend(furniture(faces, document, i + 1, count));
            items
        })
        .collect();
    let used = |want_bold: bool| -> BTreeSet<char> {
        pages
            .iter()
            .flatten()
            .filter_map(|item| match item {
                Item::Text { font, text, .. } if font.bold == want_bold => Some(text.chars()),
                _ => None,
            })
            .flatten()
            .collect()
    };
    let regular = pdf.add_font(&fonts::subset(&faces.regular, false, &used(false))?);
    let bold = pdf.add_font(&fonts::subset(&faces.bold, true, &used(true))?);
    let pdf_pages = pages
        .iter()
        .map(|items| PdfPage::new(pt(PAGE_WIDTH).into(), pt(PAGE_HEIGHT).into(), ops(items, &regular, &bold)))
        .collect();
    let bytes = pdf.with_pages(pdf_pages).save(&PdfSaveOptions::default(), &mut Vec::new());
    Ok(Rendered { bytes, pages: count })
}

#[cfg(test)]
mod tests;
