//! Values as whole units for the search's bound. The bound is summed at every node of
//! the search; as exact decimals that was most of the search's time. Each value is
//! rounded up (for sums that must not fall below the exact ones) or down (for sums that
//! must not exceed them) to one common number of decimals, so the bound stays a true
//! upper bound: it can only prune less than the exact one, never more. The answer itself
//! is summed exactly, in decimals.

use rust_decimal::{Decimal, RoundingStrategy};

/// Sums of units stay below this, so a unit times a room in öre (below 2⁶³) fits in i128;
/// values so large that even whole units exceed it saturate instead (`share` then counts
/// the whole item), which keeps the bound an upper bound, only a looser one.
const ROOM: u128 = 1 << 62;

#[derive(Debug, Clone, Copy)]
pub(super) struct Units {
    decimals: u32,
}

impl Units {
    /// As many decimals as the most precise value has, fewer only where the sum of all
    /// values would not leave room to multiply by an amount.
    pub(super) fn for_values(values: &[Decimal]) -> Self {
        let mut units = Units { decimals: values.iter().map(Decimal::scale).max().unwrap_or(0) };
        while units.decimals > 0
            && values.iter().map(|v| units.up(*v).unsigned_abs()).fold(0u128, u128::saturating_add) > ROOM
        {
            units.decimals -= 1;
        }
        units
    }

    /// The smallest number of units not below `value`.
    pub(super) fn up(self, value: Decimal) -> i128 {
        self.at(value, RoundingStrategy::ToPositiveInfinity).unwrap_or(if value > Decimal::ZERO {
            i128::MAX
        } else {
            0
        })
    }

    /// The largest number of units not above `value`.
    pub(super) fn down(self, value: Decimal) -> i128 {
        self.at(value, RoundingStrategy::ToNegativeInfinity).unwrap_or(if value < Decimal::ZERO {
            i128::MIN
        } else {
            0
        })
    }

    fn at(self, value: Decimal, strategy: RoundingStrategy) -> Option<i128> {
        let rounded = value.round_dp_with_strategy(self.decimals, strategy);
        10i128.checked_pow(self.decimals - rounded.scale()).and_then(|shift| rounded.mantissa().checked_mul(shift))
    }
}

/// `value × room / cost`, rounded up; `value` itself (the whole item, an upper bound of any
/// share of it) should the product not fit.
pub(super) fn share(value: i128, room: i64, cost: i64) -> i128 {
    let cost = i128::from(cost);
    value.checked_mul(i128::from(room)).and_then(|product| product.checked_add(cost - 1)).map_or(value, |p| p / cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn values_round_outward_at_the_most_precise_scale() {
        let units = Units::for_values(&[d("3.25"), d("1.3333"), d("-2")]);
        assert_eq!((units.up(d("1.3333")), units.down(d("1.3333"))), (13_333, 13_333));
        assert_eq!((units.up(d("-2")), units.down(d("-2"))), (-20_000, -20_000));
        let coarse = Units { decimals: 2 };
        assert_eq!((coarse.up(d("1.3333")), coarse.down(d("1.3333"))), (134, 133));
        assert_eq!((coarse.up(d("-1.3333")), coarse.down(d("-1.3333"))), (-133, -134));
    }

    #[test]
    fn a_group_mean_with_28_decimals_is_kept_to_fewer_so_sums_leave_room() {
        let third = Decimal::ONE / Decimal::from(3);
        let units = Units::for_values(&vec![third; 500]);
        assert!(units.decimals < 28 && units.decimals > 10, "{}", units.decimals);
        assert!(Decimal::from_i128_with_scale(units.up(third), units.decimals) >= third);
        assert!(Decimal::from_i128_with_scale(units.down(third), units.decimals) <= third);
    }

    #[test]
    fn a_share_rounds_up_and_an_overflow_gives_the_whole_value() {
        assert_eq!(share(10, 1, 3), 4);
        assert_eq!(share(9, 1, 3), 3);
        assert_eq!(share(i128::MAX / 2, i64::MAX, i64::MAX), i128::MAX / 2);
    }
}
