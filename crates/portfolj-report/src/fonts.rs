//! The two faces every report uses, DejaVu Sans and DejaVu Sans Bold from `assets/fonts`,
//! embedded in the binary so å ä ö render and extract on any machine; and text widths
//! measured from their glyph advances, in integer milli-points.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf::ParsedFont;

use crate::ReportError;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug)]
pub(crate) struct Faces {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
}

/// The face cut down to the characters a document uses (and glyph 0): a few kilobytes to
/// embed and compress instead of 700. Its own cmap maps those characters to the new glyphs.
pub(crate) fn subset(face: &ParsedFont, bold: bool, chars: &BTreeSet<char>) -> Result<ParsedFont, ReportError> {
    let (bytes, name) = if bold { (BOLD, "DejaVuSans-Bold") } else { (REGULAR, "DejaVuSans") };
    let failed = || ReportError::Font(name.to_owned());
    let glyphs: BTreeSet<u16> = chars.iter().filter_map(|c| face.lookup_glyph_index(u32::from(*c))).collect();
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs.into_iter().filter(|g| *g != 0)).collect();
    let font = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|_| failed())?;
    let provider = font.table_provider(0).map_err(|_| failed())?;
    let cut =
        allsorts::subset::subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|_| failed())?;
    parse(&cut, name)
}

fn parse(bytes: &[u8], name: &str) -> Result<ParsedFont, ReportError> {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| ReportError::Font(name.to_owned()))
}

/// Parsed once per process: parsing reads every glyph's advance.
pub(crate) fn faces() -> Result<&'static Faces, ReportError> {
    static FACES: OnceLock<Result<Faces, ReportError>> = OnceLock::new();
    FACES
        .get_or_init(|| Ok(Faces { regular: parse(REGULAR, "DejaVuSans")?, bold: parse(BOLD, "DejaVuSans-Bold")? }))
        .as_ref()
        .map_err(Clone::clone)
}

impl Faces {
    fn face(&self, bold: bool) -> &ParsedFont {
        if bold { &self.bold } else { &self.regular }
    }

    /// The width of `text` set at `size` milli-points, in milli-points. A character the
    /// font lacks is measured as its replacement glyph (glyph 0).
    pub fn width(&self, text: &str, size: i64, bold: bool) -> i64 {
        let face = self.face(bold);
        let units: i64 = text
            .chars()
            .map(|c| {
                let glyph = face.lookup_glyph_index(u32::from(c)).unwrap_or(0);
                i64::from(face.get_glyph_width(glyph).unwrap_or(0))
            })
            .sum();
        units * size / i64::from(face.units_per_em.max(1))
    }
}
