//! Money in Swedish kronor, exact.
//!
//! Amounts are `rust_decimal::Decimal` with at most two decimals (whole öre) and are
//! stored as integer öre. Nothing here uses floating point. Rounding happens only for
//! display, by the one rule [`DISPLAY_ROUNDING`]: whole kronor, half away from zero.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

/// The one rounding rule for showing money: whole kronor, midpoint away from zero
/// ("1 234 567,50 kr" is shown as "1 234 568 kr"). The UI's format module and the
/// PDF renderer apply the same rule.
pub const DISPLAY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Largest amount accepted anywhere: 10 000 000 000 kr (ten billion) leaves room for a
/// national programme's frames while keeping öre sums far inside `i64`.
const MAX_KRONOR: i64 = 10_000_000_000;

/// Any amount of kronor (also a negative result, e.g. an NPV) in Swedish display form by
/// [`DISPLAY_ROUNDING`]: "−1 234 568 kr", grouped with no-break spaces so it never wraps.
pub fn format_kronor_sv(value: Decimal) -> String {
    format!("{}\u{a0}kr", format_number_sv(value, 0))
}

/// Whole digits in groups of three, apart by no-break spaces: "1234567" → "1 234 567".
fn grouped(digits: &str) -> String {
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    grouped
}

/// A ratio or other figure in Swedish form with `decimals` decimals by
/// [`DISPLAY_ROUNDING`], thousands grouped: 2.4504 → "2,45", 258100 → "258 100".
pub fn format_number_sv(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, DISPLAY_ROUNDING);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() { "\u{2212}" } else { "" };
    match fraction {
        Some(fraction) => format!("{sign}{},{fraction}", grouped(whole)),
        None => format!("{sign}{}", grouped(whole)),
    }
}

/// An exact, non-negative amount of kronor with at most two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Sek(Decimal);

/// Why a text or number is not an acceptable amount. Messages are Swedish.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SekError {
    #[error("Ange beloppet i kronor, till exempel 1 250 000 eller 1250000,50.")]
    NotANumber,
    #[error("Beloppet kan inte vara negativt.")]
    Negative,
    #[error("Beloppet får ha högst två decimaler (hela ören).")]
    TooPrecise,
    #[error("Beloppet är orimligt stort; högst 10 000 000 000 kr går att ange.")]
    TooLarge,
}

impl Sek {
    pub const ZERO: Sek = Sek(Decimal::ZERO);

    /// Checks a decimal against the rules for an amount.
    pub fn new(amount: Decimal) -> Result<Self, SekError> {
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(SekError::Negative);
        }
        if amount.normalize().scale() > 2 {
            return Err(SekError::TooPrecise);
        }
        if amount > Decimal::from(MAX_KRONOR) {
            return Err(SekError::TooLarge);
        }
        let mut exact = amount;
        exact.rescale(2);
        Ok(Self(exact))
    }

    /// Whole kronor, for fixtures and reference data.
    pub fn kronor(kronor: i64) -> Result<Self, SekError> {
        Self::new(Decimal::from(kronor))
    }

    /// Reads an amount as a person types it: "1 234 567", "1234567,50", "1 234 567 kr",
    /// "1234567.5". Spaces (also no-break and narrow no-break) group thousands; comma or
    /// point is the decimal separator.
    pub fn parse(text: &str) -> Result<Self, SekError> {
        let trimmed = text.trim();
        let without_unit = trimmed.strip_suffix("kr").or_else(|| trimmed.strip_suffix("SEK")).unwrap_or(trimmed);
        let cleaned: String = without_unit
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        let well_formed = !cleaned.is_empty()
            && cleaned.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
            && cleaned.chars().filter(|c| *c == '.').count() <= 1
            && cleaned.rfind('-').is_none_or(|i| i == 0)
            && cleaned.chars().any(|c| c.is_ascii_digit());
        if !well_formed {
            return Err(SekError::NotANumber);
        }
        // A 29-digit string overflows Decimal; that is "too large", not "not a number".
        let amount = cleaned.parse::<Decimal>().map_err(|_| SekError::TooLarge)?;
        Self::new(amount)
    }

    /// Exact amount in öre, the storage form.
    pub fn to_ore(self) -> i64 {
        let ore = self.0 * Decimal::ONE_HUNDRED;
        // Infallible: `new` bounds the amount to 10^10 kr = 10^12 öre.
        i64::try_from(ore).unwrap_or(i64::MAX)
    }

    /// Back from storage. Negative öre cannot be stored through `Sek`, so it is refused.
    pub fn from_ore(ore: i64) -> Result<Self, SekError> {
        Self::new(Decimal::new(ore, 2))
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// Whole kronor by [`DISPLAY_ROUNDING`]; only for presentation.
    pub fn rounded_for_display(self) -> Decimal {
        self.0.round_dp_with_strategy(0, DISPLAY_ROUNDING)
    }

    /// Swedish display form by [`DISPLAY_ROUNDING`]: "1 234 568 kr".
    pub fn format_sv(self) -> String {
        format_kronor_sv(self.0)
    }

    pub fn checked_add(self, other: Sek) -> Option<Sek> {
        self.0.checked_add(other.0).and_then(|d| Sek::new(d).ok())
    }
}

/// The plain decimal form ("1234567.50"), as it travels in JSON. Formatting for people
/// ("1 234 568 kr") belongs to the UI and the report renderer.
impl fmt::Display for Sek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case::plain("1234567", "1234567.00")]
    #[case::swedish_grouping("1 234 567", "1234567.00")]
    #[case::no_break_spaces("1\u{a0}234\u{202f}567", "1234567.00")]
    #[case::decimal_comma("1234567,50", "1234567.50")]
    #[case::decimal_point("0.5", "0.50")]
    #[case::unit_suffix("250 000 kr", "250000.00")]
    #[case::zero("0", "0.00")]
    fn parses_swedish_amounts(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(Sek::parse(input).map(|s| s.to_string()), Ok(expected.to_string()));
    }

    #[rstest]
    #[case::empty("", SekError::NotANumber)]
    #[case::letters("tio tusen", SekError::NotANumber)]
    #[case::two_separators("1,5.5", SekError::NotANumber)]
    #[case::inner_minus("12-3", SekError::NotANumber)]
    #[case::negative("-5", SekError::Negative)]
    #[case::over_precise("10,123", SekError::TooPrecise)]
    #[case::too_large("10000000001", SekError::TooLarge)]
    #[case::overflowing_digits("99999999999999999999999999999999", SekError::TooLarge)]
    fn rejects_bad_amounts(#[case] input: &str, #[case] expected: SekError) {
        assert_eq!(Sek::parse(input), Err(expected));
    }

    #[rstest]
    #[case::half_rounds_up("1234567.50", "1234568")]
    #[case::below_half_rounds_down("1234567.49", "1234567")]
    #[case::whole("100", "100")]
    fn display_rounding_is_half_away_from_zero(#[case] input: &str, #[case] shown: &str) {
        let sek = Sek::parse(input).expect("valid amount");
        assert_eq!(sek.rounded_for_display().to_string(), shown);
    }

    #[rstest]
    #[case::grouped("1234567.50", "1 234 568 kr")]
    #[case::small("999", "999 kr")]
    #[case::thousand("1000", "1 000 kr")]
    #[case::zero("0", "0 kr")]
    fn formats_for_swedish_readers(#[case] input: &str, #[case] shown: &str) {
        let sek = Sek::parse(input).expect("valid amount");
        assert_eq!(sek.format_sv().replace('\u{a0}', " "), shown);
    }

    #[test]
    fn ratios_get_a_decimal_comma() {
        assert_eq!(format_number_sv("2.4504762783".parse().expect("decimal"), 2), "2,45");
        assert_eq!(format_number_sv("0.125".parse().expect("decimal"), 2), "0,13");
        assert_eq!(format_number_sv("258100".parse().expect("decimal"), 0), "258\u{a0}100", "thousands grouped");
        assert_eq!(format_number_sv("-1234.5".parse().expect("decimal"), 1), "\u{2212}1\u{a0}234,5");
    }

    #[test]
    fn results_below_zero_keep_their_sign() {
        let shown = format_kronor_sv("-60030.5724754".parse().expect("decimal"));
        assert_eq!(shown.replace('\u{a0}', " "), "\u{2212}60 031 kr");
        assert_eq!(format_kronor_sv("-0.4".parse().expect("decimal")).replace('\u{a0}', " "), "0 kr");
    }

    #[test]
    fn trailing_zero_decimals_are_not_over_precise() {
        assert_eq!(Sek::parse("12,500").map(Sek::to_ore), Ok(1250));
    }

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC*") {
            let _ = Sek::parse(&text);
        }

        #[test]
        fn ore_round_trips(ore in 0_i64..=1_000_000_000_000) {
            let sek = Sek::from_ore(ore).expect("in range");
            prop_assert_eq!(sek.to_ore(), ore);
            prop_assert_eq!(Sek::parse(&sek.to_string()), Ok(sek));
        }
    }
}
