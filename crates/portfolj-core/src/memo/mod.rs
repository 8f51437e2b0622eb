//! The decision memo (beslutsunderlag) for the utvecklingsråd: what the memo says, built
//! from the figures the API gathers, as a [`Document`] (DOMAIN.md §8). Per portfolio the
//! frame, the ranked proposal with its figures and what was left out and why; one page per
//! proposed application; the integrity statement; the parameters; and the traceability
//! block, whose SHA-256 covers every input the memo was built from.
//!
//! A memo whose reviews are incomplete can only be a draft: [`MemoInput::incomplete`] says
//! which applications still miss scores, and the document is marked "UTKAST".

use chrono::NaiveDate;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::application::details::{Level, Risk};
use crate::document::{Bar, Bars, Block, Column, Document, Table};
use crate::frame::PortfolioPart;
use crate::ids::ApplicationId;
use crate::language::Language;
use crate::money::{Sek, format_kronor_sv, format_number_sv};
use crate::printout::risks_block;

#[cfg(test)]
mod tests;

/// Everything the memo is built from. All of it except `date` and `audit_head` enters the
/// fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoInput {
    pub year: i32,
    /// The memo's own diarienummer, when the office has one.
    pub case_number: Option<String>,
    /// The day the memo is produced.
    pub date: NaiveDate,
    pub portfolios: Vec<PortfolioSection>,
    pub integrity: Integrity,
    /// Label–value lines: how the proposal was made and the rules the figures follow.
    pub parameters: Vec<(String, String)>,
    /// The newest audit-log entry's hash when the memo was made.
    pub audit_head: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioSection {
    pub number: u8,
    pub name: String,
    pub frame: Option<Sek>,
    pub sub_frames: Vec<(PortfolioPart, Sek)>,
    /// How the proposal was made, e.g. the adopted scenario or the optimizer's run.
    pub basis: String,
    /// In the proposal, ranked.
    pub proposals: Vec<Proposal>,
    /// Candidates left out, each with the reason in Swedish.
    pub left_out: Vec<(Proposal, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub application_id: ApplicationId,
    pub title: String,
    pub unit_name: String,
    pub part: PortfolioPart,
    pub requested: Sek,
    /// What the proposal grants (no more than requested).
    pub amount: Sek,
    pub purpose: String,
    pub score: Option<ScoreFigures>,
    pub valuation: Option<ValuationFigures>,
    pub owner: OwnerReadiness,
    /// The group's recommendation in Swedish, with its motivation.
    pub recommendation: Option<(String, String)>,
    pub risks: Vec<Risk>,
    /// Names of assigned, non-jävig members still to score.
    pub missing: Vec<String>,
    /// Absent members with the reason.
    pub absent: Vec<(String, String)>,
    /// The recorded decision, when there is one, in Swedish.
    pub decision: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreFigures {
    pub mean: Decimal,
    pub median: Decimal,
    pub min: Decimal,
    pub max: Decimal,
    pub spread: Decimal,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuationFigures {
    pub valuer: String,
    pub approved_on: Option<NaiveDate>,
    pub pv_benefits: Decimal,
    pub pv_costs: Decimal,
    pub npv: Decimal,
    pub benefit_cost_ratio: Option<Decimal>,
    pub payback_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerReadiness {
    pub system_owner: String,
    pub accepted_on: Option<NaiveDate>,
}

/// What the integrity statement vouches for, found by the API from the records.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Integrity {
    /// Fastställda valuations behind the proposals.
    pub valuations: u32,
    /// "Title (valuer)" where the valuer belongs to the applying unit; should be none.
    pub valuer_in_applying_unit: Vec<String>,
    /// "member – application: kind" for every jäv in the year's rounds.
    pub jav: Vec<String>,
    /// Scores given by a member who is jävig for that application; should be none.
    pub jav_scores: Vec<String>,
    /// "application: benefit target – how it was resolved".
    pub double_counts_resolved: Vec<String>,
    pub double_counts_open: Vec<String>,
}

impl MemoInput {
    /// Titles of candidates whose review is not complete: such a memo is only a draft.
    pub fn incomplete(&self) -> Vec<String> {
        self.portfolios
            .iter()
            .flat_map(|p| p.proposals.iter().chain(p.left_out.iter().map(|(c, _)| c)))
            .filter(|c| !c.missing.is_empty())
            .map(|c| c.title.clone())
            .collect()
    }

    /// SHA-256 (hex) over every input the memo is built from, in the program's canonical
    /// form; the day of printing and the audit head are left out, so the same data gives
    /// the same sum on any day.
    pub fn fingerprint(&self) -> String {
        let canonical = format!(
            "portfolj-memo-v1\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            self.year, self.case_number, self.portfolios, self.integrity, self.parameters
        );
        Sha256::digest(canonical.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The memo as a document: a draft when `draft` is set or any review is incomplete.
    pub fn document(&self, draft: bool) -> Document {
        let single = match self.portfolios.as_slice() {
            [only] => format!(" – portfölj {}", only.number),
            _ => String::new(),
        };
        let mut blocks = summary(self);
        for section in &self.portfolios {
            blocks.extend(portfolio_blocks(section));
        }
        let mut rank = 0;
        for section in &self.portfolios {
            for p in &section.proposals {
                rank += 1;
                blocks.extend(application_page(section, rank, p));
            }
        }
        blocks.extend(integrity_blocks(self));
        blocks.push(Block::Heading { level: 1, text: "Parametrar".to_owned() });
        blocks.push(Block::Facts(self.parameters.clone()));
        blocks.push(Block::Heading { level: 1, text: "Spårbarhet".to_owned() });
        // Whole lines, so a reader can copy each sum in one piece.
        blocks.push(Block::Paragraph(format!(
            "SHA-256 för underlaget:\n{}\n\nGranskningsloggens huvud:\n{}",
            self.fingerprint(),
            self.audit_head.as_deref().unwrap_or("(tom logg)")
        )));
        blocks.push(Block::Paragraph(format!(
            "Kontrollsumman räknas över alla uppgifter som underlaget bygger på. Samma data ger samma summa: \
             kör \"portfolj memo --year {} --fingerprint\" för att kontrollera att inget har ändrats sedan \
             underlaget togs fram. Granskningsloggens huvud pekar ut den senaste händelsen i loggen vid \
             samma tidpunkt.",
            self.year
        )));
        Document {
            title: format!("Beslutsunderlag it-investeringar {}{single}", self.year),
            header: format!(
                "Dnr {} · {}",
                self.case_number.as_deref().unwrap_or("(ej tilldelat)"),
                self.date.format("%Y-%m-%d")
            ),
            draft: draft || !self.incomplete().is_empty(),
            // The memo is the council's own document, written in Swedish whatever language the
            // office works in (the product brief: "a Swedish PDF decision memo").
            language: Language::Sv,
            blocks,
        }
    }
}

impl PortfolioSection {
    pub fn proposed(&self) -> Sek {
        Sek::from_ore(self.proposals.iter().map(|p| p.amount.to_ore()).sum()).unwrap_or(Sek::ZERO)
    }

    /// The frame left after the proposal; negative only if the proposal overruns.
    pub fn remaining(&self) -> Option<Decimal> {
        self.frame.map(|f| f.as_decimal() - self.proposed().as_decimal())
    }
}

fn money(value: Decimal) -> String {
    format_kronor_sv(value)
}

fn optional(value: Option<Decimal>, f: impl Fn(Decimal) -> String) -> String {
    value.map(f).unwrap_or_else(|| "–".to_owned())
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "–".to_owned())
}

/// Share of the frame used, in percent with one decimal ("87,5 %").
fn use_of_frame(section: &PortfolioSection) -> Option<(Decimal, String)> {
    let frame = section.frame?.as_decimal();
    if frame.is_zero() {
        return None;
    }
    let share = section.proposed().as_decimal() / frame;
    Some((share, format!("{} %", format_number_sv(share * Decimal::ONE_HUNDRED, 1))))
}

fn summary(memo: &MemoInput) -> Vec<Block> {
    let count: usize = memo.portfolios.iter().map(|p| p.proposals.len()).sum();
    let total: Decimal = memo.portfolios.iter().map(|p| p.proposed().as_decimal()).sum();
    let rows = memo
        .portfolios
        .iter()
        .map(|p| {
            vec![
                format!("{}. {}", p.number, p.name),
                optional(p.frame.map(Sek::as_decimal), money),
                p.proposed().format_sv(),
                optional(p.remaining(), money),
                p.proposals.len().to_string(),
            ]
        })
        .collect();
    let bars = memo
        .portfolios
        .iter()
        .map(|p| {
            let (permille, text) = match use_of_frame(p) {
                Some((share, percent)) => (
                    u32::try_from((share * Decimal::from(1000)).round()).unwrap_or(0),
                    format!(
                        "{} av {} ({percent})",
                        p.proposed().format_sv(),
                        optional(p.frame.map(Sek::as_decimal), money)
                    ),
                ),
                None => (0, "ingen ram".to_owned()),
            };
            Bar { label: format!("Portfölj {}", p.number), permille, text }
        })
        .collect();
    vec![
        Block::Heading { level: 1, text: "Sammanfattning".to_owned() },
        Block::Paragraph(format!(
            "Projektkontoret föreslår att utvecklingsrådet tillstyrker {count} ansökningar om sammanlagt {} \
             inom ramarna för {}. {}",
            money(total),
            memo.year,
            frame_statement(memo)
        )),
        Block::Table(Table {
            columns: vec![
                Column::left("Portfölj", 40),
                Column::right("Ram", 16),
                Column::right("Föreslaget", 16),
                Column::right("Kvar", 16),
                Column::right("Antal", 8),
            ],
            rows,
        }),
        Block::Bars(Bars { caption: "Ramutnyttjande per portfölj".to_owned(), bars }),
    ]
}

/// Whether every portfolio's proposal fits its frame, said plainly either way.
fn frame_statement(memo: &MemoInput) -> String {
    let over: Vec<String> = memo
        .portfolios
        .iter()
        .filter(|p| p.remaining().is_none_or(|r| r.is_sign_negative() && !r.is_zero()))
        .filter(|p| !p.proposals.is_empty())
        .map(|p| p.number.to_string())
        .collect();
    if over.is_empty() {
        "Förslaget ryms inom varje portföljs ram.".to_owned()
    } else {
        format!("Observera: förslaget ryms inte inom ramen (eller saknar ram) i portfölj {}.", over.join(", "))
    }
}

fn score_text(score: Option<&ScoreFigures>) -> String {
    score
        .map(|s| format!("{} (spridning {})", format_number_sv(s.mean, 2), format_number_sv(s.spread, 2)))
        .unwrap_or_else(|| "–".to_owned())
}

fn owner_text(owner: &OwnerReadiness) -> String {
    match (owner.system_owner.trim(), owner.accepted_on) {
        ("", _) => "Ingen systemägare angiven".to_owned(),
        (name, Some(on)) => format!("Godkänd av systemägaren {name} {}", on.format("%Y-%m-%d")),
        (name, None) => format!("Systemägaren {name} har inte godkänt"),
    }
}

/// The owner's readiness in a table cell; the application's page says it in full.
fn owner_short(owner: &OwnerReadiness) -> String {
    match (owner.system_owner.trim(), owner.accepted_on) {
        ("", _) => "saknas".to_owned(),
        (_, Some(on)) => format!("godkänd {}", on.format("%Y-%m-%d")),
        (_, None) => "ej godkänd".to_owned(),
    }
}

fn level_rank(level: Level) -> u8 {
    match level {
        Level::Low => 1,
        Level::Medium => 2,
        Level::High => 3,
    }
}

/// The two risks with the highest likelihood × consequence (earlier first on a tie).
pub fn main_risks(risks: &[Risk]) -> Vec<&Risk> {
    let mut ranked: Vec<&Risk> = risks.iter().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(level_rank(r.likelihood) * level_rank(r.consequence)));
    ranked.truncate(2);
    ranked
}

fn recommendation_kind(p: &Proposal) -> String {
    p.recommendation.as_ref().map(|(kind, _)| kind.clone()).unwrap_or_else(|| "–".to_owned())
}

fn portfolio_blocks(section: &PortfolioSection) -> Vec<Block> {
    let mut facts = vec![("Ram".to_owned(), optional(section.frame.map(Sek::as_decimal), money))];
    for (part, amount) in &section.sub_frames {
        facts.push((format!("Delram {}", part.name_sv()), amount.format_sv()));
    }
    facts.push(("Föreslaget".to_owned(), section.proposed().format_sv()));
    facts.push(("Kvar av ramen".to_owned(), optional(section.remaining(), money)));
    if let Some((_, percent)) = use_of_frame(section) {
        facts.push(("Ramutnyttjande".to_owned(), percent));
    }
    facts.push(("Underlag".to_owned(), section.basis.clone()));
    let mut blocks = vec![
        Block::PageBreak,
        Block::Heading { level: 1, text: format!("Portfölj {}: {}", section.number, section.name) },
        Block::Facts(facts),
        Block::Heading { level: 2, text: "Rangordnat förslag".to_owned() },
    ];
    if section.proposals.is_empty() {
        blocks.push(Block::Paragraph("Inga ansökningar föreslås i portföljen.".to_owned()));
    } else {
        let rows = section
            .proposals
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let risks: Vec<&str> = main_risks(&p.risks).iter().map(|r| r.description.as_str()).collect();
                vec![
                    (i + 1).to_string(),
                    format!("{} ({})", p.title, p.unit_name),
                    p.amount.format_sv(),
                    p.score
                        .as_ref()
                        .map(|s| format!("{} ({})", format_number_sv(s.mean, 2), format_number_sv(s.spread, 2)))
                        .unwrap_or_else(|| "–".to_owned()),
                    optional(p.valuation.as_ref().map(|v| v.npv), money),
                    optional(p.valuation.as_ref().and_then(|v| v.benefit_cost_ratio), |r| format_number_sv(r, 2)),
                    owner_short(&p.owner),
                    recommendation_kind(p),
                    if risks.is_empty() { "–".to_owned() } else { risks.join("; ") },
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::right("Nr", 3),
                Column::left("Ansökan", 22),
                Column::right("Belopp", 13),
                Column::right("Poäng (spridning)", 11),
                Column::right("NPV", 13),
                Column::right("NNK", 6),
                Column::left("Systemägare", 12),
                Column::left("Beredning", 11),
                Column::left("Huvudrisker", 16),
            ],
            rows,
        }));
    }
    if !section.left_out.is_empty() {
        blocks.push(Block::Heading { level: 2, text: "Inte i förslaget".to_owned() });
        let rows = section
            .left_out
            .iter()
            .map(|(p, reason)| {
                vec![
                    format!("{} ({})", p.title, p.unit_name),
                    p.requested.format_sv(),
                    score_text(p.score.as_ref()),
                    reason.clone(),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            columns: vec![
                Column::left("Ansökan", 30),
                Column::right("Sökt belopp", 15),
                Column::right("Poäng", 15),
                Column::left("Skäl", 40),
            ],
            rows,
        }));
    }
    blocks
}

fn application_page(section: &PortfolioSection, rank: usize, p: &Proposal) -> Vec<Block> {
    let mut facts = vec![
        ("Ansökan".to_owned(), p.application_id.to_string()),
        ("Enhet".to_owned(), p.unit_name.clone()),
        ("Portfölj".to_owned(), format!("{}. {} (del: {})", section.number, section.name, p.part.name_sv())),
        ("Sökt belopp".to_owned(), p.requested.format_sv()),
        ("Föreslaget belopp".to_owned(), p.amount.format_sv()),
    ];
    if let Some(decision) = &p.decision {
        facts.push(("Beslut".to_owned(), decision.clone()));
    }
    let mut blocks = vec![
        Block::PageBreak,
        Block::Heading { level: 1, text: format!("{rank}. {}", p.title) },
        Block::Facts(facts),
        Block::Heading { level: 2, text: "Syfte".to_owned() },
        Block::Paragraph(if p.purpose.trim().is_empty() { "–".to_owned() } else { p.purpose.clone() }),
        Block::Heading { level: 2, text: "Nyttovärdering".to_owned() },
    ];
    blocks.push(match &p.valuation {
        Some(v) => Block::Facts(vec![
            ("Nuvärde nyttor".to_owned(), money(v.pv_benefits)),
            ("Nuvärde kostnader".to_owned(), money(v.pv_costs)),
            ("Nettonuvärde (NPV)".to_owned(), money(v.npv)),
            ("Nytta/kostnad (NNK)".to_owned(), optional(v.benefit_cost_ratio, |r| format_number_sv(r, 2))),
            ("Återbetalningsår".to_owned(), v.payback_year.map(|y| y.to_string()).unwrap_or_else(|| "–".to_owned())),
            ("Värderare".to_owned(), v.valuer.clone()),
            ("Fastställd".to_owned(), date(v.approved_on)),
        ]),
        None => Block::Paragraph("Ingen fastställd nyttovärdering.".to_owned()),
    });
    blocks.push(Block::Heading { level: 2, text: "Beredning".to_owned() });
    let mut review = match &p.score {
        Some(s) => vec![
            ("Medelvärde".to_owned(), format_number_sv(s.mean, 2)),
            ("Median".to_owned(), format_number_sv(s.median, 2)),
            ("Lägst – högst".to_owned(), format!("{} – {}", format_number_sv(s.min, 2), format_number_sv(s.max, 2))),
            ("Spridning".to_owned(), format_number_sv(s.spread, 2)),
            ("Antal bedömningar".to_owned(), s.count.to_string()),
        ],
        None => vec![("Poäng".to_owned(), "Inga bedömningar".to_owned())],
    };
    if !p.missing.is_empty() {
        review.push(("Saknas".to_owned(), p.missing.join(", ")));
    }
    for (name, reason) in &p.absent {
        review.push(("Frånvarande".to_owned(), format!("{name} – {reason}")));
    }
    if let Some((kind, motivation)) = &p.recommendation {
        review.push(("Rekommendation".to_owned(), kind.clone()));
        if !motivation.trim().is_empty() {
            review.push(("Motivering".to_owned(), motivation.clone()));
        }
    }
    blocks.push(Block::Facts(review));
    blocks.push(Block::Heading { level: 2, text: "Ägarberedskap".to_owned() });
    blocks.push(Block::Paragraph(owner_text(&p.owner)));
    blocks.push(Block::Heading { level: 2, text: "Risker".to_owned() });
    blocks.push(risks_block(&p.risks, Language::Sv));
    blocks
}

fn list_or(items: &[String], none: &str) -> Block {
    if items.is_empty() { Block::Paragraph(none.to_owned()) } else { Block::Paragraph(items.join("\n")) }
}

fn integrity_blocks(memo: &MemoInput) -> Vec<Block> {
    let i = &memo.integrity;
    let missing: Vec<String> = memo
        .portfolios
        .iter()
        .flat_map(|p| p.proposals.iter().chain(p.left_out.iter().map(|(c, _)| c)))
        .flat_map(|c| {
            let missing = (!c.missing.is_empty()).then(|| format!("{}: saknas {}", c.title, c.missing.join(", ")));
            let absent =
                c.absent.iter().map(move |(name, reason)| format!("{}: {name} frånvarande – {reason}", c.title));
            missing.into_iter().chain(absent)
        })
        .collect();
    vec![
        Block::PageBreak,
        Block::Heading { level: 1, text: "Integritetsförklaring".to_owned() },
        Block::Heading { level: 2, text: "Nyttovärdering utanför den sökande enheten".to_owned() },
        list_or(
            &i.valuer_in_applying_unit,
            &format!(
                "Alla {} fastställda nyttovärderingar bakom förslagen är gjorda av en värderare som inte hör till \
                 den sökande enheten.",
                i.valuations
            ),
        ),
        Block::Heading { level: 2, text: "Jäv".to_owned() },
        list_or(&i.jav, "Ingen ledamot har varit jävig i årets beredning."),
        list_or(&i.jav_scores, "Ingen jävig ledamot har poängsatt en ansökan som ledamoten är jävig för."),
        Block::Heading { level: 2, text: "Dubbelräkning".to_owned() },
        list_or(&i.double_counts_resolved, "Ingen nytta har räknats i mer än en ansökan."),
        list_or(&i.double_counts_open, "Det finns ingen olöst dubbelräkning."),
        Block::Heading { level: 2, text: "Saknade och frånvarande ledamöter".to_owned() },
        list_or(&missing, "Alla tilldelade ledamöter utan jäv har poängsatt varje ansökan."),
    ]
}
