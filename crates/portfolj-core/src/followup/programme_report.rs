//! The yearly programme report for the utvecklingsråd (issue 9): per portfolio the frame,
//! what was granted and what has been spent, the projects by state, the realisation rate
//! of followed-up projects, the five perspectives' indicators, and what is overdue. Built
//! as a [`Document`] here, tested as text, rendered by `portfolj-report`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Realisation;
use crate::document::{Bar, Bars, Block, Column, Document, Table};
use crate::money::{Sek, format_kronor_sv, format_number_sv};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortfolioYear {
    pub number: u8,
    pub name: String,
    pub frame: Option<Sek>,
    /// Kronor: sums of many amounts, which may pass a single amount's limit.
    pub granted: Decimal,
    pub spent: Decimal,
    /// Each state's Swedish name with its count, in lifecycle order; states without
    /// projects left out.
    pub by_state: Vec<(String, u32)>,
    /// Followed-up projects of this year.
    pub realisation: Realisation,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorLine {
    pub perspective: String,
    pub name: String,
    pub unit: String,
    pub latest: Option<(Decimal, NaiveDate)>,
    pub target: Option<Decimal>,
    pub trend: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub title: String,
    /// "Statusrapport 2017 kvartal 2", "Uppföljning av nyttan".
    pub what: String,
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

fn money_section(input: &ProgrammeReportInput) -> Vec<Block> {
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
            Bar {
                label: format!("Portfölj {}", p.number),
                permille: permille(p.granted, frame),
                text: format!(
                    "{} beviljat av {}",
                    format_kronor_sv(p.granted),
                    p.frame.map_or_else(|| "ingen ram".to_owned(), kr)
                ),
            }
        })
        .collect();
    vec![
        Block::Heading { level: 1, text: format!("Pengar {}", input.year) },
        Block::Table(Table {
            columns: vec![
                Column::left("Portfölj", 6),
                Column::right("Ram", 3),
                Column::right("Beviljat", 3),
                Column::right("Upparbetat", 3),
                Column::right("Ansökningar", 2),
            ],
            rows,
        }),
        Block::Bars(Bars { caption: "Beviljat av ramen per portfölj".to_owned(), bars }),
    ]
}

fn state_section(input: &ProgrammeReportInput) -> Vec<Block> {
    let rows = input
        .portfolios
        .iter()
        .flat_map(|p| {
            p.by_state
                .iter()
                .map(move |(state, n)| vec![format!("Portfölj {}", p.number), state.clone(), n.to_string()])
        })
        .collect();
    vec![
        Block::Heading { level: 1, text: "Projekten och deras läge".to_owned() },
        Block::Table(Table {
            columns: vec![Column::left("Portfölj", 3), Column::left("Läge", 4), Column::right("Antal", 2)],
            rows,
        }),
    ]
}

fn realisation_section(input: &ProgrammeReportInput) -> Vec<Block> {
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
        .map(|p| row(format!("Portfölj {}", p.number), &p.realisation))
        .collect();
    rows.push(row("Hela programmet, alla år".to_owned(), &input.programme_realisation));
    let bars = input
        .portfolios
        .iter()
        .filter(|p| p.realisation.projects > 0)
        .map(|p| Bar {
            label: format!("Portfölj {}", p.number),
            // The bar stops at full: more than promised is said in the text, not as an overrun.
            permille: permille(p.realisation.realised, p.realisation.valued).min(1000),
            text: percent(p.realisation.rate_percent()),
        })
        .collect();
    vec![
        Block::Heading { level: 1, text: "Nyttorealisering".to_owned() },
        Block::Paragraph(format!(
            "Realiserad nytta ett år efter avslut jämfört med den fastställda nyttovärderingen, för projekt med budgetår {} som är uppföljda, och för hela programmet.",
            input.year
        )),
        Block::Table(Table {
            columns: vec![
                Column::left("", 5),
                Column::right("Projekt", 2),
                Column::right("Värderat", 3),
                Column::right("Realiserat", 3),
                Column::right("Grad", 2),
            ],
            rows,
        }),
        Block::Bars(Bars { caption: "Realiseringsgrad per portfölj".to_owned(), bars }),
    ]
}

fn indicator_section(input: &ProgrammeReportInput) -> Vec<Block> {
    let value = |v: Decimal, unit: &str| format!("{}\u{a0}{unit}", format_number_sv(v, v.scale().min(2)));
    let rows = input
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.perspective.clone(),
                i.name.clone(),
                i.latest.map_or_else(|| "–".to_owned(), |(v, on)| format!("{} ({on})", value(v, &i.unit))),
                i.target.map_or_else(|| "–".to_owned(), |t| value(t, &i.unit)),
                i.trend.clone(),
            ]
        })
        .collect();
    vec![
        Block::Heading { level: 1, text: "De fem perspektiven".to_owned() },
        Block::Table(Table {
            columns: vec![
                Column::left("Perspektiv", 3),
                Column::left("Mätetal", 5),
                Column::right("Senast", 4),
                Column::right("Mål", 3),
                Column::left("Trend", 3),
            ],
            rows,
        }),
    ]
}

fn overdue_section(input: &ProgrammeReportInput) -> Vec<Block> {
    let mut blocks = vec![Block::Heading { level: 1, text: "Försenat".to_owned() }];
    if input.overdue.is_empty() {
        blocks.push(Block::Paragraph("Inga rapporter eller uppföljningar är försenade.".to_owned()));
        return blocks;
    }
    blocks.push(Block::Table(Table {
        columns: vec![Column::left("Projekt", 5), Column::left("Vad", 4), Column::right("Skulle ha lämnats", 3)],
        rows: input.overdue.iter().map(|o| vec![o.title.clone(), o.what.clone(), o.due_on.to_string()]).collect(),
    }));
    blocks
}

pub fn document(input: &ProgrammeReportInput) -> Document {
    let granted: Decimal = input.portfolios.iter().map(|p| p.granted).sum();
    let spent: Decimal = input.portfolios.iter().map(|p| p.spent).sum();
    let mut blocks = vec![
        Block::Heading { level: 1, text: format!("Programrapport {}", input.year) },
        Block::Paragraph(format!(
            "Rapport till utvecklingsrådet om it-investeringsprogrammet för budgetåret {}: pengarna, projektens läge, den realiserade nyttan och de fem perspektiven.",
            input.year
        )),
        Block::Facts(vec![
            ("Beviljat".to_owned(), format_kronor_sv(granted)),
            ("Upparbetat".to_owned(), format_kronor_sv(spent)),
            ("Realiseringsgrad, hela programmet".to_owned(), percent(input.programme_realisation.rate_percent())),
            ("Försenade rapporter och uppföljningar".to_owned(), input.overdue.len().to_string()),
        ]),
    ];
    for section in [money_section, state_section, realisation_section, indicator_section, overdue_section] {
        blocks.extend(section(input));
    }
    Document {
        title: format!("Programrapport {}", input.year),
        header: format!("Programrapport {} · {}", input.year, input.made_on),
        draft: false,
        blocks,
    }
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
                by_state: vec![("pågående".to_owned(), 3), ("avslutad".to_owned(), 1)],
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
                perspective: "It-kvalitet".to_owned(),
                name: "Tillgänglighet".to_owned(),
                unit: "%".to_owned(),
                latest: Some((Decimal::new(996, 1), NaiveDate::from_ymd_opt(2015, 12, 28).expect("date"))),
                target: Some(Decimal::new(995, 1)),
                trend: "förbättras".to_owned(),
            }],
            overdue: vec![Overdue {
                title: "Skolval".to_owned(),
                what: "Statusrapport 2015 kvartal 4".to_owned(),
                due_on: NaiveDate::from_ymd_opt(2016, 1, 15).expect("date"),
            }],
        }
    }

    #[test]
    fn the_report_says_money_states_realisation_indicators_and_what_is_late() {
        let text = document(&input()).to_text();
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
        assert!(document(&quiet).to_text().contains("Inga rapporter eller uppföljningar är försenade."));
    }
}
