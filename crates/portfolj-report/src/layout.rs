//! Lays a [`Document`] out on A4 pages: words wrapped by measured glyph widths, headings
//! kept with what follows, tables broken across pages with the header row repeated (a row
//! taller than a page is itself split), and bar charts. All geometry is integer
//! milli-points from the page's bottom-left corner; only the PDF writer turns it into
//! floats.

use portfolj_core::document::{Align, Bars, Block, Column, Document, Table};

use crate::fonts::Faces;

pub(crate) const PAGE_WIDTH: i64 = 595_276;
pub(crate) const PAGE_HEIGHT: i64 = 841_890;
pub(crate) const LEFT: i64 = 56_000;
pub(crate) const RIGHT: i64 = PAGE_WIDTH - 56_000;
const CONTENT_WIDTH: i64 = RIGHT - LEFT;
/// Content runs between these; the header and footer live outside them.
const TOP: i64 = PAGE_HEIGHT - 76_000;
const BOTTOM: i64 = 64_000;
pub(crate) const HEADER_BASELINE: i64 = PAGE_HEIGHT - 46_000;
pub(crate) const FOOTER_BASELINE: i64 = 38_000;
/// Space inside a table cell, above and below its lines and between columns.
const PAD: i64 = 2_500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Font {
    pub size: i64,
    pub bold: bool,
}

pub(crate) const BODY: Font = Font { size: 10_000, bold: false };
const H1: Font = Font { size: 15_000, bold: true };
const H2: Font = Font { size: 11_500, bold: true };
const LABEL: Font = Font { size: 9_500, bold: true };
const VALUE: Font = Font { size: 9_500, bold: false };
const CELL: Font = Font { size: 8_000, bold: false };
const CELL_HEAD: Font = Font { size: 8_000, bold: true };
pub(crate) const SMALL: Font = Font { size: 8_000, bold: false };

fn line_height(font: Font) -> i64 {
    font.size * 13 / 10
}

/// Where a line's baseline sits below the top of its line box.
fn ascent(font: Font) -> i64 {
    font.size * 95 / 100
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shade {
    Ink,
    Muted,
    Draft,
    HeaderBackground,
    Track,
    Fill,
    Overrun,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    Text { x: i64, baseline: i64, font: Font, shade: Shade, text: String },
    Rect { x: i64, y: i64, width: i64, height: i64, shade: Shade },
    Rule { x1: i64, x2: i64, y: i64 },
}

/// Words into lines no wider than `width`; "\n" breaks a line. A word wider than the whole
/// line is broken between characters rather than cut off.
pub(crate) fn wrap(faces: &Faces, text: &str, width: i64, font: Font) -> Vec<String> {
    let space = faces.width(" ", font.size, font.bold);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = faces.width(word, font.size, font.bold);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            line_width = 0;
            for c in word.chars() {
                let w = faces.width(c.encode_utf8(&mut [0; 4]), font.size, font.bold);
                if !line.is_empty() && line_width + w > width {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// A column's place on the page.
#[derive(Debug, Clone, Copy)]
struct Slot {
    x: i64,
    width: i64,
    align: Align,
}

/// Column widths in proportion to their weights, except that no column is narrower than
/// the longest word in it (up to a quarter of the page): a header or an amount ("1 234 567
/// kr", joined by no-break spaces) is never broken inside a word.
fn slots(faces: &Faces, columns: &[Column], rows: &[Vec<String>]) -> Vec<Slot> {
    let widest = |text: &str, font: Font| {
        text.split([' ', '\n']).map(|w| faces.width(w, font.size, font.bold)).max().unwrap_or(0)
    };
    let least: Vec<i64> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = rows.iter().filter_map(|r| r.get(i)).map(|t| widest(t, CELL)).max().unwrap_or(0);
            (widest(&c.title, CELL_HEAD).max(cells) + 2 * PAD).min(CONTENT_WIDTH / 4)
        })
        .collect();
    let mut fixed = vec![false; columns.len()];
    let mut widths = vec![0; columns.len()];
    // Each pass fixes the columns that would be too narrow; at most one pass per column.
    for _ in 0..=columns.len() {
        let room = CONTENT_WIDTH - (0..columns.len()).filter(|&i| fixed[i]).map(|i| least[i]).sum::<i64>();
        let weights: i64 =
            columns.iter().enumerate().filter(|(i, _)| !fixed[*i]).map(|(_, c)| i64::from(c.weight.max(1))).sum();
        let mut changed = false;
        for (i, c) in columns.iter().enumerate() {
            widths[i] = if fixed[i] { least[i] } else { room * i64::from(c.weight.max(1)) / weights.max(1) };
            if !fixed[i] && widths[i] < least[i] {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut x = LEFT;
    columns
        .iter()
        .zip(widths)
        .map(|(c, width)| {
            let slot = Slot { x, width, align: c.align };
            x += width;
            slot
        })
        .collect()
}

/// A row's cells, wrapped, with the font each is set in.
struct Row {
    cells: Vec<(Vec<String>, Font)>,
}

impl Row {
    fn lines(&self) -> usize {
        self.cells.iter().map(|(lines, _)| lines.len()).max().unwrap_or(1).max(1)
    }
}

struct Layout<'f> {
    faces: &'f Faces,
    pages: Vec<Vec<Item>>,
    top: i64,
    /// Something other than a repeated table header is on the current page.
    used: bool,
}

/// How a run of rows is drawn: a table with its header and rules, or label–value facts.
struct RowStyle<'a> {
    slots: &'a [Slot],
    header: Option<&'a Row>,
    ruled: bool,
}

impl<'f> Layout<'f> {
    fn new(faces: &'f Faces) -> Self {
        Self { faces, pages: vec![Vec::new()], top: TOP, used: false }
    }

    fn page(&mut self) -> &mut Vec<Item> {
        self.pages.last_mut().expect("a layout always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.top = TOP;
        self.used = false;
    }

    fn room(&self) -> i64 {
        self.top - BOTTOM
    }

    /// Starts a new page unless `height` fits here or the page is still empty.
    fn ensure(&mut self, height: i64) {
        if height > self.room() && self.used {
            self.new_page();
        }
    }

    fn text(&mut self, x: i64, baseline: i64, font: Font, text: &str) {
        if !text.is_empty() {
            self.page().push(Item::Text { x, baseline, font, shade: Shade::Ink, text: text.to_owned() });
        }
    }

    fn aligned(&mut self, slot: Slot, baseline: i64, font: Font, text: &str) {
        let x = match slot.align {
            Align::Left => slot.x + PAD,
            Align::Right => slot.x + slot.width - PAD - self.faces.width(text, font.size, font.bold),
        };
        self.text(x, baseline, font, text);
    }

    /// Lines placed one under the other, breaking the page between any two.
    fn flow(&mut self, lines: &[String], font: Font) {
        let height = line_height(font);
        for line in lines {
            self.ensure(height);
            let baseline = self.top - ascent(font);
            self.text(LEFT, baseline, font, line);
            self.top -= height;
            self.used = true;
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let font = if level <= 1 { H1 } else { H2 };
        let lines = wrap(self.faces, text, CONTENT_WIDTH, font);
        if self.used {
            self.top -= font.size * 6 / 10;
        }
        // Keep the heading with at least three lines of what follows.
        self.ensure(line_height(font) * lines.len() as i64 + line_height(BODY) * 3);
        self.flow(&lines, font);
        self.top -= 2_000;
    }

    fn paragraph(&mut self, text: &str) {
        for part in text.split("\n\n") {
            let lines = wrap(self.faces, part, CONTENT_WIDTH, BODY);
            self.flow(&lines, BODY);
            self.top -= 5_000;
        }
    }

    fn row_of(&self, cells: &[String], slots: &[Slot], fonts: &[Font]) -> Row {
        Row {
            cells: cells
                .iter()
                .zip(slots)
                .zip(fonts.iter().cycle())
                .map(|((text, slot), font)| (wrap(self.faces, text, slot.width - 2 * PAD, *font), *font))
                .collect(),
        }
    }

    /// Draws `lines` of a row (`from..to` of each cell) with its top at the cursor.
    fn draw_row_part(&mut self, row: &Row, style: &RowStyle<'_>, from: usize, to: usize, background: bool) {
        let font_height = row.cells.iter().map(|(_, f)| line_height(*f)).max().unwrap_or(line_height(CELL));
        let height = (to - from) as i64 * font_height + 2 * PAD;
        if background {
            let (x1, x2) = (style.slots[0].x, style.slots.last().map_or(RIGHT, |s| s.x + s.width));
            let y = self.top - height;
            self.page().push(Item::Rect { x: x1, y, width: x2 - x1, height, shade: Shade::HeaderBackground });
        }
        for ((lines, font), slot) in row.cells.iter().zip(style.slots) {
            for (i, line) in lines.iter().enumerate().take(to).skip(from) {
                let baseline = self.top - PAD - (i - from) as i64 * font_height - ascent(*font);
                self.aligned(*slot, baseline, *font, line);
            }
        }
        self.top -= height;
        if style.ruled {
            let (x1, x2) = (style.slots[0].x, style.slots.last().map_or(RIGHT, |s| s.x + s.width));
            let y = self.top;
            self.page().push(Item::Rule { x1, x2, y });
        }
    }

    fn header_row(&mut self, style: &RowStyle<'_>) {
        if let Some(header) = style.header {
            let lines = header.lines();
            self.draw_row_part(header, style, 0, lines, true);
        }
    }

    /// Places rows, each kept whole on one page when it fits on any page; a row taller than
    /// a page is split between lines. The header row opens every page the rows run onto.
    fn rows(&mut self, rows: &[Row], style: &RowStyle<'_>) {
        let header_height = style.header.map_or(0, |h| h.lines() as i64 * line_height(CELL_HEAD) + 2 * PAD);
        let first = rows.first().map_or(0, |r| line_height(CELL) * r.lines() as i64 + 2 * PAD);
        self.ensure(header_height + first.min(TOP - BOTTOM - header_height));
        self.header_row(style);
        self.used = true;
        for row in rows {
            let line = row.cells.iter().map(|(_, f)| line_height(*f)).max().unwrap_or(line_height(CELL));
            let total = row.lines();
            let page_lines = usize::try_from((TOP - BOTTOM - header_height - 2 * PAD) / line).unwrap_or(1).max(1);
            let mut from = 0;
            while from < total {
                let fit = usize::try_from((self.room() - 2 * PAD) / line).unwrap_or(0);
                let want = total - from;
                if fit < want.min(page_lines) {
                    self.new_page();
                    self.header_row(style);
                    self.used = true;
                    continue;
                }
                let to = from + want.min(fit);
                self.draw_row_part(row, style, from, to, false);
                from = to;
            }
        }
        self.top -= 6_000;
    }

    fn table(&mut self, table: &Table) {
        let slots = slots(self.faces, &table.columns, &table.rows);
        let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        let header = self.row_of(&titles, &slots, &[CELL_HEAD]);
        let rows: Vec<Row> = table.rows.iter().map(|r| self.row_of(r, &slots, &[CELL])).collect();
        self.rows(&rows, &RowStyle { slots: &slots, header: Some(&header), ruled: true });
    }

    fn facts(&mut self, facts: &[(String, String)]) {
        let slots = slots(self.faces, &[Column::left("", 32), Column::left("", 68)], &[]);
        let rows: Vec<Row> =
            facts.iter().map(|(l, v)| self.row_of(&[l.clone(), v.clone()], &slots, &[LABEL, VALUE])).collect();
        self.rows(&rows, &RowStyle { slots: &slots, header: None, ruled: false });
    }

    fn bars(&mut self, bars: &Bars) {
        self.heading(2, &bars.caption);
        let label_width = CONTENT_WIDTH * 22 / 100;
        let track_width = CONTENT_WIDTH * 40 / 100;
        let text_x = LEFT + label_width + track_width + 6_000;
        let text_width = RIGHT - text_x;
        for bar in &bars.bars {
            let lines = wrap(self.faces, &bar.text, text_width, SMALL);
            let height = (lines.len() as i64 * line_height(SMALL)).max(16_000) + 4_000;
            self.ensure(height);
            let baseline = self.top - 2_000 - ascent(SMALL);
            self.text(LEFT, baseline, SMALL, &bar.label);
            let track_x = LEFT + label_width;
            let (y, bar_height) = (self.top - 2_000 - 11_000, 11_000);
            self.page().push(Item::Rect { x: track_x, y, width: track_width, height: bar_height, shade: Shade::Track });
            let filled = track_width * i64::from(bar.permille.min(1000)) / 1000;
            let shade = if bar.permille > 1000 { Shade::Overrun } else { Shade::Fill };
            if filled > 0 {
                self.page().push(Item::Rect { x: track_x, y, width: filled, height: bar_height, shade });
            }
            for (i, line) in lines.iter().enumerate() {
                self.text(text_x, baseline - i as i64 * line_height(SMALL), SMALL, line);
            }
            self.top -= height;
            self.used = true;
        }
        self.top -= 6_000;
    }
}

/// The document's pages, without header and footer (they need the page count).
pub(crate) fn lay_out(faces: &Faces, document: &Document) -> Vec<Vec<Item>> {
    let mut layout = Layout::new(faces);
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => layout.heading(*level, text),
            Block::Paragraph(text) => layout.paragraph(text),
            Block::Facts(facts) => layout.facts(facts),
            Block::Table(table) => layout.table(table),
            Block::Bars(bars) => layout.bars(bars),
            Block::PageBreak => {
                if layout.used {
                    layout.new_page();
                }
            }
        }
    }
    layout.pages
}
