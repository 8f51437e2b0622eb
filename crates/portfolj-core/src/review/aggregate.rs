//! From scores to what the group discusses: per application the spread of the members'
//! weighted totals; per member the leniency against the group; a normalised ranking beside
//! the raw one; and how far an application's rank moves when any one member is left out.
//! Exact decimals; ties are broken by application id, so every laptop ranks alike.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::{Decimal, MathematicalOps};

use crate::{ApplicationId, PersonId};

/// One member's weighted total for one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberTotal {
    pub member: PersonId,
    pub application: ApplicationId,
    pub total: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub count: usize,
    pub mean: Decimal,
    /// The middle value; with an even count, the mean of the middle two.
    pub median: Decimal,
    pub min: Decimal,
    pub max: Decimal,
    /// max − min.
    pub spread: Decimal,
    /// Sample standard deviation (n − 1); zero for a single score.
    pub std_dev: Decimal,
}

/// `None` for no values.
pub fn stats(values: &[Decimal]) -> Option<Stats> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let (&min, &max) = (sorted.first()?, sorted.last()?);
    let n = Decimal::from(sorted.len());
    let mean = sorted.iter().sum::<Decimal>() / n;
    let mid = sorted.len() / 2;
    let median = if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / Decimal::TWO };
    let std_dev = if sorted.len() < 2 {
        Decimal::ZERO
    } else {
        let squares: Decimal = sorted.iter().map(|v| (v - mean) * (v - mean)).sum();
        (squares / (n - Decimal::ONE)).sqrt().unwrap_or(Decimal::ZERO)
    };
    Some(Stats { count: sorted.len(), mean, median, min, max, spread: max - min, std_dev })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationSummary {
    pub application: ApplicationId,
    pub stats: Stats,
    /// The members disagree more than the threshold allows: discuss before recommending.
    pub disagreement: bool,
}

/// The totals in one order (application, member): exact decimal division rounds at the
/// 28th digit, so sums must be taken in the same order on every laptop to agree.
fn canonical(totals: &[MemberTotal]) -> Vec<MemberTotal> {
    let mut sorted = totals.to_vec();
    sorted.sort_by_key(|t| (t.application, t.member));
    sorted
}

fn by_application(totals: &[MemberTotal]) -> BTreeMap<ApplicationId, Vec<&MemberTotal>> {
    let mut map: BTreeMap<ApplicationId, Vec<&MemberTotal>> = BTreeMap::new();
    for t in totals {
        map.entry(t.application).or_default().push(t);
    }
    map
}

/// Per application: the statistics of its members' totals, and a disagreement flag when
/// the spread exceeds `threshold` (in scale steps).
pub fn summarise(totals: &[MemberTotal], threshold: Decimal) -> Vec<ApplicationSummary> {
    by_application(&canonical(totals))
        .into_iter()
        .filter_map(|(application, ts)| {
            let values: Vec<Decimal> = ts.iter().map(|t| t.total).collect();
            stats(&values).map(|stats| ApplicationSummary {
                application,
                stats,
                disagreement: stats.spread > threshold,
            })
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calibration {
    /// Each member's mean offset from the group on applications others scored too:
    /// positive is lenient, negative strict.
    pub leniency: BTreeMap<PersonId, Decimal>,
    /// Each application's mean after removing every member's leniency.
    pub normalised: BTreeMap<ApplicationId, Decimal>,
    /// Applications by raw mean, best first.
    pub raw_rank: Vec<ApplicationId>,
    /// Applications by normalised mean, best first.
    pub normalised_rank: Vec<ApplicationId>,
}

fn mean(values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    let (sum, n) = values.fold((Decimal::ZERO, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / Decimal::from(n))
}

/// Best first; equal values by application id.
fn rank(values: &BTreeMap<ApplicationId, Decimal>) -> Vec<ApplicationId> {
    let mut ranked: Vec<(&ApplicationId, &Decimal)> = values.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    ranked.into_iter().map(|(id, _)| *id).collect()
}

fn means(totals: &[MemberTotal]) -> BTreeMap<ApplicationId, Decimal> {
    by_application(totals)
        .into_iter()
        .filter_map(|(id, ts)| mean(ts.iter().map(|t| t.total)).map(|m| (id, m)))
        .collect()
}

pub fn calibrate(totals: &[MemberTotal]) -> Calibration {
    let totals = &canonical(totals);
    let groups = by_application(totals);
    let app_means = means(totals);
    let members: BTreeSet<PersonId> = totals.iter().map(|t| t.member).collect();
    let leniency: BTreeMap<PersonId, Decimal> = members
        .into_iter()
        .map(|m| {
            let offsets = totals
                .iter()
                .filter(|t| t.member == m && groups.get(&t.application).is_some_and(|g| g.len() > 1))
                .map(|t| t.total - app_means[&t.application]);
            (m, mean(offsets).unwrap_or(Decimal::ZERO))
        })
        .collect();
    let normalised: BTreeMap<ApplicationId, Decimal> = groups
        .iter()
        .filter_map(|(id, ts)| mean(ts.iter().map(|t| t.total - leniency[&t.member])).map(|m| (*id, m)))
        .collect();
    Calibration { raw_rank: rank(&app_means), normalised_rank: rank(&normalised), leniency, normalised }
}

/// For each application, the most its rank (by mean) moves when any one member's scores
/// are left out; an application only that member scored is left out with them.
pub fn rank_robustness(totals: &[MemberTotal]) -> BTreeMap<ApplicationId, usize> {
    let totals = &canonical(totals);
    let full = rank(&means(totals));
    let position = |ranking: &[ApplicationId], id: &ApplicationId| ranking.iter().position(|x| x == id);
    let mut moves: BTreeMap<ApplicationId, usize> = full.iter().map(|id| (*id, 0)).collect();
    let members: BTreeSet<PersonId> = totals.iter().map(|t| t.member).collect();
    for m in members {
        let without: Vec<MemberTotal> = totals.iter().filter(|t| t.member != m).copied().collect();
        let ranking = rank(&means(&without));
        for (i, id) in full.iter().enumerate() {
            if let Some(j) = position(&ranking, id) {
                let moved = i.abs_diff(j);
                if let Some(worst) = moves.get_mut(id) {
                    *worst = (*worst).max(moved);
                }
            }
        }
    }
    moves
}

/// The assigned members still missing: not jävig, not submitted, not marked absent.
pub fn completeness(
    assigned: &[PersonId],
    jav: &[PersonId],
    submitted: &[PersonId],
    absent: &[PersonId],
) -> Vec<PersonId> {
    assigned.iter().filter(|m| !jav.contains(m) && !submitted.contains(m) && !absent.contains(m)).copied().collect()
}
