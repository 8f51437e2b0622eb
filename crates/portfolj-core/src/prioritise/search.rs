//! The exact search. Candidates are taken in order of value per krona (ties by id);
//! each is tried in, then out, depth first; a branch is cut when even the fractional
//! relaxation of what is left (positive values only, the whole frame) cannot beat the
//! best selection found. The first optimum found in that order is the answer, so equal
//! selections are always broken the same way: toward better value per krona. The bound
//! is summed in whole units rounded outward (see `units`); the answer is exact.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::problem::{Candidate, Exclusion, FrontierPoint, Problem, Selection};
use super::units::{Units, share};
use crate::frame::PortfolioPart;
use crate::{ApplicationId, DomainError};

fn refuse(message: String) -> DomainError {
    DomainError::NotAllowedNow(message)
}

/// Value per öre, comparable without division: a before b when a.value/a.cost > b.value/b.cost.
fn denser(a: &Candidate, b: &Candidate) -> Ordering {
    let key = |c: &Candidate| (c.value > Decimal::ZERO, c.cost == 0);
    match (key(a), key(b)) {
        ((true, true), (true, true)) => b.value.cmp(&a.value),
        ((true, true), _) => Ordering::Less,
        (_, (true, true)) => Ordering::Greater,
        ((true, _), (false, _)) => Ordering::Less,
        ((false, _), (true, _)) => Ordering::Greater,
        _ => (b.value * Decimal::from(a.cost.max(1))).cmp(&(a.value * Decimal::from(b.cost.max(1)))),
    }
    .then(a.id.cmp(&b.id))
}

/// The problem in indices, in search order.
struct Compiled<'a> {
    items: Vec<&'a Candidate>,
    units: Units,
    /// Each item's value in units, rounded up and rounded down.
    up: Vec<i128>,
    down: Vec<i128>,
    part: Vec<Option<usize>>,
    parts: Vec<i64>,
    requires: Vec<Vec<usize>>,
    required_by: Vec<Vec<usize>>,
    excludes: Vec<Vec<usize>>,
    forced: Vec<Option<bool>>,
    /// Every index by value per krona across groups (the whole-frame relaxation must fill
    /// its room in that order to stay an upper bound), and the indices per sub-frame (the
    /// last group: no sub-frame), in search order.
    all: Vec<usize>,
    groups: Vec<Vec<usize>>,
    /// The group of each index.
    group_at: Vec<usize>,
    /// Whether the whole frame can bind beyond the sub-frames: not when there are none (the
    /// one group's relaxation is then the whole frame's), nor when every application draws
    /// on a sub-frame and they add up to at most the frame.
    whole_binds: bool,
}

fn compile(p: &Problem) -> Result<Compiled<'_>, DomainError> {
    let parts_order: Vec<PortfolioPart> = p.sub_frames.iter().map(|(part, _)| *part).collect();
    let group_of =
        |c: &Candidate| c.part.and_then(|x| parts_order.iter().position(|y| *y == x)).unwrap_or(parts_order.len());
    // Part by part (those without a sub-frame last), each by value per krona.
    let mut items: Vec<&Candidate> = p.candidates.iter().collect();
    items.sort_by(|a, b| group_of(a).cmp(&group_of(b)).then_with(|| denser(a, b)));
    let mut ids: Vec<ApplicationId> = items.iter().map(|c| c.id).collect();
    ids.sort();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        return Err(refuse("Samma ansökan finns två gånger bland kandidaterna.".to_owned()));
    }
    if let Some(c) = items.iter().find(|c| c.cost < 0) {
        return Err(refuse(format!("Ansökan {} har en negativ kostnad.", c.id)));
    }
    let index: BTreeMap<ApplicationId, usize> = items.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let find = |id: &ApplicationId| {
        index.get(id).copied().ok_or_else(|| refuse(format!("Ansökan {id} finns inte bland kandidaterna.")))
    };
    let part: Vec<Option<usize>> =
        items.iter().map(|c| c.part.and_then(|x| parts_order.iter().position(|y| *y == x))).collect();
    let n = items.len();
    let (mut requires, mut required_by, mut excludes) = (vec![Vec::new(); n], vec![Vec::new(); n], vec![Vec::new(); n]);
    for (a, b) in &p.rules.requires {
        let (a, b) = (find(a)?, find(b)?);
        requires[a].push(b);
        required_by[b].push(a);
    }
    for (a, b) in &p.rules.excludes {
        let (a, b) = (find(a)?, find(b)?);
        excludes[a].push(b);
        excludes[b].push(a);
    }
    let mut forced = vec![None; n];
    for id in &p.rules.forced_out {
        forced[find(id)?] = Some(false);
    }
    for id in &p.rules.forced_in {
        let i = find(id)?;
        if forced[i] == Some(false) {
            return Err(refuse(format!("Ansökan {id} är både tvingad in och tvingad ut. Välj det ena.")));
        }
        forced[i] = Some(true);
    }
    let part: Vec<Option<usize>> = part;
    let mut groups = vec![Vec::new(); parts_order.len() + 1];
    for (i, k) in part.iter().enumerate() {
        groups[k.unwrap_or(parts_order.len())].push(i);
    }
    let group_at: Vec<usize> = part.iter().map(|k| k.unwrap_or(parts_order.len())).collect();
    let mut all: Vec<usize> = (0..n).collect();
    all.sort_by(|a, b| denser(items[*a], items[*b]));
    let whole_binds = !p.sub_frames.is_empty()
        && (groups.last().is_some_and(|rest| !rest.is_empty())
            || p.sub_frames.iter().map(|(_, a)| *a).sum::<i64>() > p.frame);
    let units = Units::for_values(&items.iter().map(|c| c.value).collect::<Vec<_>>());
    Ok(Compiled {
        up: items.iter().map(|c| units.up(c.value)).collect(),
        down: items.iter().map(|c| units.down(c.value)).collect(),
        units,
        items,
        part,
        parts: p.sub_frames.iter().map(|(_, a)| *a).collect(),
        requires,
        required_by,
        excludes,
        forced,
        all,
        group_at,
        whole_binds,
        groups,
    })
}

/// Everything forced in, and everything it requires, taken in; a conflict explained.
fn forced_closure(c: &Compiled<'_>, frame: i64) -> Result<Vec<Option<bool>>, DomainError> {
    let mut state = c.forced.clone();
    let mut stack: Vec<usize> = (0..state.len()).filter(|i| state[*i] == Some(true)).collect();
    while let Some(i) = stack.pop() {
        for &b in &c.requires[i] {
            match state[b] {
                Some(true) => {}
                Some(false) => {
                    return Err(refuse(format!(
                        "Ansökan {} är tvingad in men kräver {}, som är tvingad ut eller utesluten. Ändra något av valen.",
                        c.items[i].id, c.items[b].id
                    )));
                }
                None => {
                    state[b] = Some(true);
                    stack.push(b);
                }
            }
        }
    }
    for i in (0..state.len()).filter(|i| state[*i] == Some(true)) {
        if let Some(&b) = c.excludes[i].iter().find(|b| state[**b] == Some(true)) {
            return Err(refuse(format!(
                "Ansökan {} och {} utesluter varandra men båda måste vara med (tvingade in eller krävda). Ändra något av valen.",
                c.items[i].id, c.items[b].id
            )));
        }
    }
    let chosen: Vec<usize> = (0..state.len()).filter(|i| state[*i] == Some(true)).collect();
    let cost: i64 = chosen.iter().map(|i| c.items[*i].cost).sum();
    if cost > frame {
        return Err(refuse(format!(
            "Det som är tvingat in kostar {}, mer än ramen {}. Ta bort något ur det tvingade eller ändra ramen.",
            kronor(cost),
            kronor(frame)
        )));
    }
    for (k, limit) in c.parts.iter().enumerate() {
        let used: i64 = chosen.iter().filter(|i| c.part[**i] == Some(k)).map(|i| c.items[*i].cost).sum();
        if used > *limit {
            return Err(refuse(format!(
                "Det som är tvingat in kostar {} i en delram på {}. Ta bort något ur det tvingade eller ändra delramen.",
                kronor(used),
                kronor(*limit)
            )));
        }
    }
    Ok(state)
}

/// Öre as Swedish kronor for a message.
fn kronor(ore: i64) -> String {
    crate::money::format_kronor_sv(Decimal::new(ore, 2))
}

struct Search<'a> {
    c: &'a Compiled<'a>,
    state: Vec<Option<bool>>,
    free: i64,
    parts_free: Vec<i64>,
    /// What is taken in, in units rounded up. (Its exact value is summed at each leaf, in
    /// index order: a decimal running sum could round differently on different paths.)
    value_up: i128,
    best: Option<(Decimal, Vec<Option<bool>>)>,
    /// The best value in units rounded down: a bound at or below it cannot beat it.
    best_down: i128,
    /// Per group, in units, what the search can add there at most (its exact best alone,
    /// less what is in from the start); `i128::MAX` without sub-frames.
    alone: Vec<i128>,
    /// Per group, in units rounded down, the value the search has taken in.
    group_down: Vec<i128>,
}

impl Search<'_> {
    /// `i` and every undecided application it requires (transitively), if they can all
    /// be taken in now: none ruled out, none excluded by what is in, and all fitting.
    fn include_closure(&self, i: usize) -> Option<Vec<usize>> {
        let mut set = vec![i];
        let mut next = 0;
        while let Some(&x) = set.get(next) {
            next += 1;
            for &b in &self.c.requires[x] {
                match self.state[b] {
                    Some(false) => return None,
                    Some(true) => {}
                    None if !set.contains(&b) => set.push(b),
                    None => {}
                }
            }
        }
        let mut cost = 0;
        let mut parts = vec![0; self.parts_free.len()];
        for &x in &set {
            let item = self.c.items[x];
            cost += item.cost;
            if let Some(k) = self.c.part[x] {
                parts[k] += item.cost;
            }
            if self.c.excludes[x].iter().any(|b| self.state[*b] == Some(true) || set.contains(b)) {
                return None;
            }
        }
        let fits = cost <= self.free && parts.iter().zip(&self.parts_free).all(|(used, free)| used <= free);
        fits.then_some(set)
    }

    /// `i` and every undecided application that requires it (transitively), if none of
    /// them is already in.
    fn exclude_closure(&self, i: usize) -> Option<Vec<usize>> {
        let mut set = vec![i];
        let mut next = 0;
        while let Some(&x) = set.get(next) {
            next += 1;
            for &a in &self.c.required_by[x] {
                match self.state[a] {
                    Some(true) => return None,
                    Some(false) => {}
                    None if !set.contains(&a) => set.push(a),
                    None => {}
                }
            }
        }
        Some(set)
    }

    fn decide(&mut self, set: &[usize], to: Option<bool>) {
        for &x in set {
            self.state[x] = to;
        }
    }

    fn take(&mut self, i: usize, sign: i64) {
        let cost = self.c.items[i].cost * sign;
        self.free -= cost;
        if let Some(k) = self.c.part[i] {
            self.parts_free[k] -= cost;
        }
        self.value_up += self.c.up[i] * i128::from(sign);
        self.group_down[self.c.group_at[i]] += self.c.down[i] * i128::from(sign);
    }

    /// The fractional relaxation of the undecided among `items` (by value per krona), in
    /// `room`; `sorted` says `items` are in search order, so those before `k` (all decided)
    /// can be skipped at once.
    fn fractional(&self, items: &[usize], k: usize, sorted: bool, mut room: i64) -> i128 {
        let mut bound = 0i128;
        let start = if sorted { items.partition_point(|i| *i < k) } else { 0 };
        for &i in &items[start..] {
            let (value, cost) = (self.c.up[i], self.c.items[i].cost);
            if self.state[i].is_some() || value <= 0 {
                continue;
            }
            if cost <= room {
                room -= cost;
                bound = bound.saturating_add(value);
            } else {
                bound = bound.saturating_add(share(value, room, cost));
                break;
            }
        }
        bound
    }

    /// Whether nothing from `k` on can beat `best` (in units), by either of two
    /// relaxations: the current part fractionally plus, for every later part, its exact
    /// best alone (computed once, before the search); or, where it can bind, the whole
    /// frame fractionally. The first keeps the search from multiplying the parts'
    /// near-optimal choices when sub-frames bind, and is cheaper, so it is tried first.
    fn cannot_beat(&self, k: usize, best: i128) -> bool {
        let beats = |rest: i128| self.value_up.saturating_add(rest) > best;
        let Some(&g) = self.c.group_at.get(k) else { return !beats(0) };
        let room = self.parts_free.get(g).map_or(self.free, |p| (*p).min(self.free));
        // A part's exact best alone, less what the search has taken in it, bounds what is
        // left there: for the current part beside its fractional relaxation, for later ones
        // on its own.
        let left = |h: usize| match self.alone[h] {
            i128::MAX => i128::MAX,
            alone => alone.saturating_sub(self.group_down[h]),
        };
        let current = self.fractional(&self.c.groups[g], k, true, room).min(left(g));
        let later = (g + 1..self.c.groups.len()).map(left).fold(0, i128::saturating_add);
        !beats(current.saturating_add(later))
            || (self.c.whole_binds && !beats(self.fractional(&self.c.all, k, false, self.free)))
    }

    /// The search from `k` on. `check` is false where the part's bound is unchanged since it
    /// was last checked with the same best (`k − 1` was decided before, or taken in alone as
    /// the first of its part's relaxation, within the same part), so most steps into a branch
    /// cost nothing. The whole-frame bound may have fallen there; skipping it then only
    /// prunes less, which never changes the answer (see `run`'s leaf).
    fn run(&mut self, k: usize, check: bool) {
        if check && self.best.is_some() && self.cannot_beat(k, self.best_down) {
            return;
        }
        if k == self.c.items.len() {
            // Only a strictly better selection replaces the first one found, so the answer
            // does not depend on how much the bound prunes.
            let value: Decimal =
                (0..self.state.len()).filter(|i| self.state[*i] == Some(true)).map(|i| self.c.items[i].value).sum();
            if self.best.as_ref().is_none_or(|(best, _)| value > *best) {
                self.best_down = self.c.units.down(value);
                self.best = Some((value, self.state.clone()));
            }
            return;
        }
        let next_part = self.c.group_at.get(k + 1) != Some(&self.c.group_at[k]);
        if self.state[k].is_some() {
            return self.run(k + 1, next_part);
        }
        // What a choice implies is decided with it, so no branch carries a requirement it
        // can only fail much later.
        if let Some(set) = self.include_closure(k) {
            self.decide(&set, Some(true));
            set.iter().for_each(|x| self.take(*x, 1));
            self.run(k + 1, next_part || set.len() > 1);
            set.iter().for_each(|x| self.take(*x, -1));
            self.decide(&set, None);
        }
        if let Some(set) = self.exclude_closure(k) {
            self.decide(&set, Some(false));
            self.run(k + 1, true);
            self.decide(&set, None);
        }
    }
}

/// The best selection within the frame and every sub-frame.
pub fn optimise(p: &Problem) -> Result<Selection, DomainError> {
    let c = compile(p)?;
    let state = forced_closure(&c, p.frame)?;
    let mut search = Search {
        c: &c,
        free: p.frame,
        parts_free: c.parts.clone(),
        value_up: 0,
        best: None,
        best_down: i128::MIN,
        state: vec![None; c.items.len()],
        alone: Vec::new(),
        group_down: vec![0; c.groups.len()],
    };
    for (i, s) in state.iter().enumerate() {
        if *s == Some(true) {
            search.take(i, 1);
        }
    }
    search.alone = alone_bounds(p, &c)?
        .into_iter()
        .zip(&c.groups)
        .map(|(alone, members)| {
            let already: Decimal = members.iter().filter(|i| state[**i] == Some(true)).map(|i| c.items[*i].value).sum();
            alone.and_then(|a| a.checked_sub(already)).map_or(i128::MAX, |left| c.units.up(left))
        })
        .collect();
    // What was in from the start is already taken off `alone`.
    search.group_down = vec![0; c.groups.len()];
    search.state = state;
    search.run(0, true);
    let (value, chosen) = search.best.ok_or_else(|| {
        refuse(
            "Inget urval uppfyller alla villkor: kontrollera beroenden och uteslutningar mot det tvingade.".to_owned(),
        )
    })?;
    Ok(selection(p, &c, value, &chosen))
}

/// Each group's best value on its own: its items, its sub-frame (or the frame), its
/// forced choices, and the rules among its own items only — fewer constraints than the
/// whole, so never less than what the whole can reach in that group. Without sub-frames
/// there is one group, bounded by the fractional relaxation alone (`None` here).
fn alone_bounds(p: &Problem, c: &Compiled<'_>) -> Result<Vec<Option<Decimal>>, DomainError> {
    let groups = c.groups.len();
    let mut alone = vec![None; groups];
    if p.sub_frames.is_empty() {
        return Ok(alone);
    }
    for (g, best) in alone.iter_mut().enumerate() {
        let members: Vec<ApplicationId> = c.groups[g].iter().map(|i| c.items[*i].id).collect();
        if members.is_empty() {
            *best = Some(Decimal::ZERO);
            continue;
        }
        let inside = |id: &ApplicationId| members.contains(id);
        let both = |(a, b): &(ApplicationId, ApplicationId)| inside(a) && inside(b);
        let sub = Problem {
            frame: c.parts.get(g).map_or(p.frame, |cap| (*cap).min(p.frame)),
            sub_frames: Vec::new(),
            candidates: c.groups[g].iter().map(|i| c.items[*i].clone()).collect(),
            rules: super::problem::Rules {
                forced_in: p.rules.forced_in.iter().filter(|x| inside(x)).copied().collect(),
                forced_out: p.rules.forced_out.iter().filter(|x| inside(x)).copied().collect(),
                requires: p.rules.requires.iter().filter(|r| both(r)).copied().collect(),
                excludes: p.rules.excludes.iter().filter(|r| both(r)).copied().collect(),
            },
        };
        *best = Some(optimise(&sub)?.value);
    }
    Ok(alone)
}

fn selection(p: &Problem, c: &Compiled<'_>, value: Decimal, chosen: &[Option<bool>]) -> Selection {
    let is_in = |i: usize| chosen[i] == Some(true);
    let cost: i64 = (0..chosen.len()).filter(|i| is_in(*i)).map(|i| c.items[i].cost).sum();
    let remaining = p.frame - cost;
    let part_left: Vec<i64> = c
        .parts
        .iter()
        .enumerate()
        .map(|(k, limit)| {
            limit
                - (0..chosen.len()).filter(|i| is_in(*i) && c.part[*i] == Some(k)).map(|i| c.items[i].cost).sum::<i64>()
        })
        .collect();
    let reason = |i: usize| -> Exclusion {
        let item = c.items[i];
        if c.forced[i] == Some(false) {
            return Exclusion::ForcedOut;
        }
        if let Some(&b) = c.requires[i].iter().find(|b| !is_in(**b)) {
            return Exclusion::Requires(c.items[b].id);
        }
        if let Some(&b) = c.excludes[i].iter().find(|b| is_in(**b)) {
            return Exclusion::ExcludedBy(c.items[b].id);
        }
        if item.value <= Decimal::ZERO {
            return Exclusion::NoValue;
        }
        let part_room = c.part[i].map(|k| part_left[k]).filter(|left| *left < remaining);
        let room = part_room.unwrap_or(remaining);
        if item.cost > room {
            return Exclusion::DoesNotFit { remaining: room, sub_frame: part_room.is_some() };
        }
        Exclusion::LowerValuePerKrona
    };
    let excluded_index: BTreeMap<ApplicationId, Exclusion> =
        (0..chosen.len()).filter(|i| !is_in(*i)).map(|i| (c.items[i].id, reason(i))).collect();
    Selection {
        chosen: (0..chosen.len()).filter(|i| is_in(*i)).map(|i| c.items[i].id).collect(),
        value,
        cost,
        remaining,
        excluded: p
            .candidates
            .iter()
            .filter_map(|cand| excluded_index.get(&cand.id).map(|e| (cand.id, e.clone())))
            .collect(),
    }
}

/// The best value at every `step` percent of the frame from 0 to 150 %, sub-frames scaled
/// alike, with the applications each step adds and drops.
pub fn frontier(p: &Problem, step: u32) -> Result<Vec<FrontierPoint>, DomainError> {
    // Mistakes in the rules are said once, not read as "does not fit" at every step.
    compile(p)?;
    let step = step.clamp(1, 150);
    let mut points: Vec<FrontierPoint> = Vec::new();
    let mut previous: Vec<ApplicationId> = Vec::new();
    for percent in (0..=150).step_by(step as usize) {
        let scale = |amount: i64| amount.saturating_mul(i64::from(percent)) / 100;
        let scaled = Problem {
            frame: scale(p.frame),
            sub_frames: p.sub_frames.iter().map(|(part, a)| (*part, scale(*a))).collect(),
            ..p.clone()
        };
        let (value, cost, chosen) = match optimise(&scaled) {
            Ok(s) => (Some(s.value), s.cost, s.chosen),
            Err(_) => (None, 0, Vec::new()),
        };
        let mut added: Vec<ApplicationId> = chosen.iter().filter(|id| !previous.contains(id)).copied().collect();
        let mut removed: Vec<ApplicationId> = previous.iter().filter(|id| !chosen.contains(id)).copied().collect();
        added.sort();
        removed.sort();
        points.push(FrontierPoint { percent, budget: scaled.frame, value, cost, added, removed });
        previous = chosen;
    }
    Ok(points)
}
