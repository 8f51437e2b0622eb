//! The yearly programme report for the utvecklingsråd (issue 9): per portfolio the frame,
//! what was granted and what has been spent, the projects by state, the realisation rate
//! of followed-up projects, the five perspectives' indicators, and what is overdue. Built
//! as a [`Document`] here, tested as text, rendered by `portfolj-report`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Realisation;
use super::indicator::{Perspective, Trend};
use super::status::{Period, Schedule};
use crate::ApplicationState;
use crate::document::{Bar, Bars, Block, Column, Document, Table};
use crate::language::{Language, Named as _};
use crate::money::{Sek, format_kronor_sv, format_number_sv};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioYear {
    pub number: u8,
    pub name: String,
    pub frame: Option<Sek>,
    /// Kronor: sums of many amounts, which may pass a single amount's limit.
    pub granted: Decimal,
    pub spent: Decimal,
    /// Each state with its count, in lifecycle order; states without projects left out.
    pub by_state: Vec<(ApplicationState, u32)>,
    /// Followed-up projects of this year.
    pub realisation: Realisation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorLine {
    pub perspective: Perspective,
    pub name: String,
    pub unit: String,
    pub latest: Option<(Decimal, NaiveDate)>,
    pub target: Option<Decimal>,
    pub trend: Trend,
}

/// What is late.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Late {
    /// The status report for a period of the schedule.
    StatusReport(Schedule, Period),
    /// The follow-up of the benefit one year after closing.
    BenefitFollowUp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub title: String,
    pub what: Late,
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeReportInput {
    pub year: i32,
    pub made_on: NaiveDate,
    pub portfolios: Vec<PortfolioYear>,
    /// Every followed-up project of the programme, all years.
    pub programme_realisation: Realisation,
    pub indicators: Vec<IndicatorLine>,
    pub overdue: Vec<Overdue>,
}

fn kr(amount: Sek) -> String {
    amount.format_sv()
}

fn percent(rate: Option<Decimal>) -> String {
    rate.map_or_else(|| "–".to_owned(), |r| format!("{}\u{a0}%", format_number_sv(r, 1)))
}

fn permille(part: Decimal, whole: Decimal) -> u32 {
    if whole <= Decimal::ZERO {
        return 0;
    }
    let p = (part * Decimal::ONE_THOUSAND / whole).round();
    u32::try_from(p.mantissa().max(0)).unwrap_or(u32::MAX)
}

fn portfolio_label(number: u8, language: Language) -> String {
    format!("{} {number}", language.pick("Portfölj", "Portfolio"))
}

fn money_section(input: &ProgrammeReportInput, language: Language) -> Vec<Block> {
    let l = |sv, en| language.pick(sv, en);
    let rows = input
        .portfolios
        .iter()
        .map(|p| {
            vec![
                format!("{}. {}", p.number, p.name),
                p.frame.map_or_else(|| "–".to_owned(), kr),
                format_kronor_sv(p.granted),
                format_kronor_sv(p.spent),
                p.by_state.iter().map(|(_, n)| n).sum::<u32>().to_string(),
            ]
        })
        .collect();
    let bars = input
        .portfolios
        .iter()
        .map(|p| {
            let frame = p.frame.map_or(Decimal::ZERO, Sek::as_decimal);
            let of_frame = p.frame.map_or_else(|| l("ingen ram", "no frame").to_owned(), kr);
            Bar {
                label: portfolio_label(p.number, language),
                permille: permille(p.granted, frame),
                text: match language {
                    Language::Sv => format!("{} beviljat av {of_frame}", format_kronor_sv(p.granted)),
                    Language::En => format!("{} granted of {of_frame}", format_kronor_sv(p.granted)),
                },
            }
        })
        .collect();
    vec![
        Block::Heading { level: 1, text: format!("{} {}", l("Pengar", "Money"), input.year) },
        Block::Table(Table {
            columns: vec![
                Column::left(l("Portfölj", "Portfolio"), 6),
                Column::right(l("Ram", "Frame"), 3),
                Column::right(l("Beviljat", "Granted"), 3),
                Column::right(l("Upparbetat", "Spent"), 3),
                Column::right(l("Ansökningar", "Applications"), 2),
            ],
            rows,
        }),
        Block::Bars(Bars {
            caption: l("Beviljat av ramen per portfölj", "Share of the frame granted, per portfolio").to_owned(),
            bars,
        }),
    ]
}

fn state_section(input: &ProgrammeReportInput, language: Language) -> Vec<Block> {
    let l = |sv, en| language.pick(sv, en);
    let rows = input
        .portfolios
        .iter()
        .flat_map(|p| {
            p.by_state.iter().map(move |(state, n)| {
                vec![portfolio_label(p.number, language), state.name(language).to_owned(), n.to_string()]
            })
        })
        .collect();
    vec![
        Block::Heading {
            level: 1,
            text: l("Projekten och deras läge", "The projects and where they stand").to_owned(),
        },
        Block::Table(Table {
            columns: vec![
                Column::left(l("Portfölj", "Portfolio"), 3),
                Column::left(l("Läge", "State"), 4),
                Column::right(l("Antal", "Count"), 2),
            ],
            rows,
        }),
    ]
}

fn realisation_section(input: &ProgrammeReportInput, language: Language) -> Vec<Block> {
    let l = |sv, en| language.pick(sv, en);
    let row = |label: String, r: &Realisation| {
        vec![
            label,
            r.projects.to_string(),
            format_kronor_sv(r.valued),
            format_kronor_sv(r.realised),
            percent(r.rate_percent()),
        ]
    };
    let mut rows: Vec<Vec<String>> = input
        .portfolios
        .iter()
        .filter(|p| p.realisation.projects > 0)
        .map(|p| row(portfolio_label(p.number, language), &p.realisation))
        .collect();
    rows.push(row(
        l("Hela programmet, alla år", "Whole programme, all years").to_owned(),
        &input.programme_realisation,
    ));
    let bars = input
        .portfolios
        .iter()
        .filter(|p| p.realisation.projects > 0)
        .map(|p| Bar {
            label: portfolio_label(p.number, language),
            // The bar stops at full: more than promised is said in the text, not as an overrun.
            permille: permille(p.realisation.realised, p.realisation.valued).min(1000),
            text: percent(p.realisation.rate_percent()),
        })
        .collect();
    vec![
        Block::Heading { level: 1, text: l("Nyttorealisering", "Benefit realisation").to_owned() },
        Block::Paragraph(match language {
            Language::Sv => format!(
                "Realiserad nytta ett år efter avslut jämfört med den fastställda nyttovärderingen, för projekt med budgetår {} som är uppföljda, och för hela programmet.",
                input.year
            ),
            Language::En => format!(
                "Benefit realised one year after closing compared with the approved benefit valuation, for the followed-up projects of budget year {}, and for the whole programme.",
                input.year
            ),
        }),
        Block::Table(Table {
            columns: vec![
                Column::left("", 5),
                Column::right(l("Projekt", "Projects"), 2),
                Column::right(l("Värderat", "Valued"), 3),
                Column::right(l("Realiserat", "Realised"), 3),
                Column::right(l("Grad", "Rate"), 2),
            ],
            rows,
        }),
        Block::Bars(Bars {
            caption: l("Realiseringsgrad per portfölj", "Realisation rate per portfolio").to_owned(),
            bars,
        }),
    ]
}

fn indicator_section(input: &ProgrammeReportInput, language: Language) -> Vec<Block> {
    let l = |sv, en| language.pick(sv, en);
    let value = |v: Decimal, unit: &str| format!("{}\u{a0}{unit}", format_number_sv(v, v.scale().min(2)));
    let rows = input
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.perspective.name(language).to_owned(),
                i.name.clone(),
                i.latest.map_or_else(|| "–".to_owned(), |(v, on)| format!("{} ({on})", value(v, &i.unit))),
                i.target.map_or_else(|| "–".to_owned(), |t| value(t, &i.unit)),
                i.trend.name(language).to_owned(),
            ]
        })
        .collect();
    vec![
        Block::Heading { level: 1, text: l("De fem perspektiven", "The five perspectives").to_owned() },
        Block::Table(Table {
            columns: vec![
                Column::left(l("Perspektiv", "Perspective"), 3),
                Column::left(l("Mätetal", "Indicator"), 5),
                Column::right(l("Senast", "Latest"), 4),
                Column::right(l("Mål", "Target"), 3),
                Column::left("Trend", 3),
            ],
            rows,
        }),
    ]
}

fn late_text(late: Late, language: Language) -> String {
    match late {
        Late::StatusReport(schedule, period) => {
            format!("{} {}", language.pick("Statusrapport", "Status report"), schedule.label(period, language))
        }
        Late::BenefitFollowUp => language.pick("Uppföljning av nyttan", "Benefit follow-up").to_owned(),
    }
}

fn overdue_section(input: &ProgrammeReportInput, language: Language) -> Vec<Block> {
    let l = |sv, en| language.pick(sv, en);
    let mut blocks = vec![Block::Heading { level: 1, text: l("Försenat", "Overdue").to_owned() }];
    if input.overdue.is_empty() {
        blocks.push(Block::Paragraph(
            l("Inga rapporter eller uppföljningar är försenade.", "No reports or follow-ups are overdue.").to_owned(),
        ));
        return blocks;
    }
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::left(l("Projekt", "Project"), 5),
            Column::left(l("Vad", "What"), 4),
            Column::right(l("Skulle ha lämnats", "Was due"), 3),
        ],
        rows: input
            .overdue
            .iter()
            .map(|o| vec![o.title.clone(), late_text(o.what, language), o.due_on.to_string()])
            .collect(),
    }));
    blocks
}

/// The report as a document, in `language`.
pub fn document(input: &ProgrammeReportInput, language: Language) -> Document {
    let l = |sv, en| language.pick(sv, en);
    let fact = |sv, en, value: String| (l(sv, en).to_owned(), value);
    let granted: Decimal = input.portfolios.iter().map(|p| p.granted).sum();
    let spent: Decimal = input.portfolios.iter().map(|p| p.spent).sum();
    let title = format!("{} {}", l("Programrapport", "Programme report"), input.year);
    let mut blocks = vec![
        Block::Heading { level: 1, text: title.clone() },
        Block::Paragraph(match language {
            Language::Sv => format!(
                "Rapport till utvecklingsrådet om it-investeringsprogrammet för budgetåret {}: pengarna, projektens läge, den realiserade nyttan och de fem perspektiven.",
                input.year
            ),
            Language::En => format!(
                "Report to the development council on the IT investment programme for budget year {}: the money, where the projects stand, the benefit realised and the five perspectives.",
                input.year
            ),
        }),
        Block::Facts(vec![
            fact("Beviljat", "Granted", format_kronor_sv(granted)),
            fact("Upparbetat", "Spent", format_kronor_sv(spent)),
            fact(
                "Realiseringsgrad, hela programmet",
                "Realisation rate, whole programme",
                percent(input.programme_realisation.rate_percent()),
            ),
            fact(
                "Försenade rapporter och uppföljningar",
                "Overdue reports and follow-ups",
                input.overdue.len().to_string(),
            ),
        ]),
    ];
    for section in [money_section, state_section, realisation_section, indicator_section, overdue_section] {
        blocks.extend(section(input, language));
    }
    Document { header: format!("{title} · {}", input.made_on), title, draft: false, language, blocks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(kronor: i64) -> Sek {
        Sek::kronor(kronor).expect("amount")
    }

    fn input() -> ProgrammeReportInput {
        ProgrammeReportInput {
            year: 2015,
            made_on: NaiveDate::from_ymd_opt(2016, 2, 1).expect("date"),
            portfolios: vec![PortfolioYear {
                number: 3,
                name: "Utbildning och systemutveckling".to_owned(),
                frame: Some(kr(20_000_000)),
                granted: Decimal::from(15_000_000),
                spent: Decimal::from(9_500_000),
                by_state: vec![(ApplicationState::Running, 3), (ApplicationState::Closed, 1)],
                realisation: Realisation {
                    projects: 1,
                    valued: Decimal::from(1_000_000),
                    realised: Decimal::from(850_000),
                },
            }],
            programme_realisation: Realisation {
                projects: 4,
                valued: Decimal::from(4_000_000),
                realised: Decimal::from(3_700_000),
            },
            indicators: vec![IndicatorLine {
                perspective: Perspective::ItQuality,
                name: "Tillgänglighet".to_owned(),
                unit: "%".to_owned(),
                latest: Some((Decimal::new(996, 1), NaiveDate::from_ymd_opt(2015, 12, 28).expect("date"))),
                target: Some(Decimal::new(995, 1)),
                trend: Trend::Improving,
            }],
            overdue: vec![Overdue {
                title: "Skolval".to_owned(),
                what: Late::StatusReport(
                    Schedule::default(),
                    Schedule::default().period_of(NaiveDate::from_ymd_opt(2015, 11, 1).expect("date")),
                ),
                due_on: NaiveDate::from_ymd_opt(2016, 1, 15).expect("date"),
            }],
        }
    }

    #[test]
    fn the_report_says_money_states_realisation_indicators_and_what_is_late() {
        let text = document(&input(), Language::Sv).to_text();
        assert!(text.starts_with("Programrapport 2015 · 2016-02-01\nProgramrapport 2015"), "{text}");
        assert!(text.contains("Beviljat: 15\u{a0}000\u{a0}000\u{a0}kr"));
        assert!(text.contains("Realiseringsgrad, hela programmet: 92,5\u{a0}%"), "{text}");
        assert!(text.contains("| 3. Utbildning och systemutveckling | 20\u{a0}000\u{a0}000\u{a0}kr | 15\u{a0}000\u{a0}000\u{a0}kr | 9\u{a0}500\u{a0}000\u{a0}kr | 4 |"), "{text}");
        assert!(text.contains("| Portfölj 3 | pågående | 3 |"));
        assert!(
            text.contains("| Portfölj 3 | 1 | 1\u{a0}000\u{a0}000\u{a0}kr | 850\u{a0}000\u{a0}kr | 85,0\u{a0}% |"),
            "{text}"
        );
        assert!(
            text.contains("| It-kvalitet | Tillgänglighet | 99,6\u{a0}% (2015-12-28) | 99,5\u{a0}% | förbättras |"),
            "{text}"
        );
        assert!(text.contains("| Skolval | Statusrapport 2015 kvartal 4 | 2016-01-15 |"));
    }

    #[test]
    fn nothing_late_is_said_plainly() {
        let mut quiet = input();
        quiet.overdue.clear();
        assert!(document(&quiet, Language::Sv).to_text().contains("Inga rapporter eller uppföljningar är försenade."));
        assert!(document(&quiet, Language::En).to_text().contains("No reports or follow-ups are overdue."));
    }

    #[test]
    fn an_english_report_says_the_same_figures_in_english() {
        let text = document(&input(), Language::En).to_text();
        assert!(text.starts_with("Programme report 2015 · 2016-02-01\nProgramme report 2015"), "{text}");
        assert!(text.contains("Granted: 15\u{a0}000\u{a0}000\u{a0}kr"));
        assert!(text.contains("Realisation rate, whole programme: 92,5\u{a0}%"), "{text}");
        assert!(text.contains("| Portfolio 3 | running | 3 |"), "{text}");
        assert!(
            text.contains("| IT quality | Tillgänglighet | 99,6\u{a0}% (2015-12-28) | 99,5\u{a0}% | improving |"),
            "{text}"
        );
        assert!(text.contains("| Skolval | Status report Q4 2015 | 2016-01-15 |"), "{text}");
        for swedish in ["Beviljat", "Portfölj 3", "pågående", "Försenat", "kvartal"] {
            assert!(!text.contains(swedish), "{swedish} in {text}");
        }
    }
}
