//! The application printout: everything an application says, in the order of the form, as
//! a [`Document`] — for the archive, a board meeting or anyone who reads on paper.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::application::Application;
use crate::application::details::{ApplicationDetails, Risk};
use crate::document::{Block, Column, Document, Table};
use crate::ids::UnitId;
use crate::language::{Language, Named as _};
use crate::money::{Sek, format_number_sv};

#[derive(Debug, Clone)]
pub struct PrintoutInput<'a> {
    pub application: &'a Application,
    pub details: &'a ApplicationDetails,
    /// Every unit's name, for the applying, co-benefiting and paying units.
    pub unit_names: &'a BTreeMap<UnitId, String>,
    /// The frozen version printed; `None` for the working copy.
    pub version: Option<u32>,
    pub printed_on: NaiveDate,
    pub language: Language,
}

fn or_dash(text: &str) -> String {
    if text.trim().is_empty() { "–".to_owned() } else { text.to_owned() }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "–".to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

fn section(blocks: &mut Vec<Block>, heading: &str, text: &str) {
    blocks.push(Block::Heading { level: 2, text: heading.to_owned() });
    blocks.push(Block::Paragraph(or_dash(text)));
}

fn table(blocks: &mut Vec<Block>, heading: &str, columns: Vec<Column>, rows: Vec<Vec<String>>) {
    blocks.push(Block::Heading { level: 2, text: heading.to_owned() });
    if rows.is_empty() {
        blocks.push(Block::Paragraph("–".to_owned()));
    } else {
        blocks.push(Block::Table(Table { columns, rows }));
    }
}

/// An application's risks as a table (or a line saying there are none), in `language`:
/// the printout and the memo's application pages show them alike.
pub fn risks_block(risks: &[Risk], language: Language) -> Block {
    let l = |sv, en| language.pick(sv, en);
    if risks.is_empty() {
        return Block::Paragraph(l("Inga risker angivna.", "No risks given.").to_owned());
    }
    Block::Table(Table {
        columns: vec![
            Column::left("Risk", 35),
            Column::left(l("Sannolikhet", "Likelihood"), 13),
            Column::left(l("Konsekvens", "Consequence"), 13),
            Column::left(l("Åtgärd", "Mitigation"), 39),
        ],
        rows: risks
            .iter()
            .map(|r| {
                vec![
                    r.description.clone(),
                    r.likelihood.name(language).to_owned(),
                    r.consequence.name(language).to_owned(),
                    r.mitigation.clone(),
                ]
            })
            .collect(),
    })
}

/// The printout as a document, in the input's language.
pub fn document(input: &PrintoutInput<'_>) -> Document {
    let (app, d, language) = (input.application, input.details, input.language);
    let l = |sv, en| language.pick(sv, en);
    let fact = |sv, en, value: String| (l(sv, en).to_owned(), value);
    let unit = |id: &UnitId| input.unit_names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let mut blocks = vec![
        Block::Heading { level: 1, text: app.title.clone() },
        Block::Facts(vec![
            fact("Ansökan", "Application", app.id.to_string()),
            fact("Sökande enhet", "Applying unit", unit(&app.unit)),
            fact("Portfölj", "Portfolio", format!("{}. {}", app.portfolio.number(), app.portfolio.name_sv())),
            fact("It-kategori", "IT category", app.it_category.name(language).to_owned()),
            fact("Budgetår", "Fiscal year", app.fiscal_year.to_string()),
            fact("Sökt belopp", "Requested amount", app.requested_amount.format_sv()),
            fact("Status", "Status", app.state.name(language).to_owned()),
            fact(
                "Version",
                "Version",
                input.version.map_or_else(|| l("arbetskopia", "working copy").to_owned(), |v| v.to_string()),
            ),
        ]),
    ];
    section(&mut blocks, l("Syfte", "Purpose"), &app.purpose);
    blocks.push(Block::Heading { level: 2, text: l("Projektet", "The project").to_owned() });
    blocks.push(Block::Facts(vec![
        fact("Projektägare", "Project owner", or_dash(&d.project_owner)),
        fact("Projektledare", "Project leader", or_dash(&d.project_leader)),
        fact(
            "Projekttyp",
            "Project kind",
            d.project_kind.map_or_else(|| "–".to_owned(), |k| k.name(language).to_owned()),
        ),
        fact("Start", "Start", date(d.start_date)),
        fact("Slut", "End", date(d.end_date)),
    ]));
    section(&mut blocks, l("Problem och behov", "Problem and need"), &d.problem);
    section(&mut blocks, l("Förmågor", "Capabilities"), &d.capabilities);
    section(&mut blocks, l("Målgrupper", "Target groups"), &d.target_groups);
    section(&mut blocks, l("Förändrat arbetssätt", "Changed ways of working"), &d.process_change);
    table(
        &mut blocks,
        l("Bidrag till kommunfullmäktiges mål", "Contribution to the city council's goals"),
        vec![
            Column::left(l("Mål", "Goal"), 30),
            Column::left(l("Bidrag", "Contribution"), 12),
            Column::left(l("Motivering", "Motivation"), 58),
        ],
        d.goal_contributions
            .iter()
            .map(|g| {
                vec![
                    format!("{} {}", g.goal.code(), g.goal.name_sv()),
                    g.level.name(language).to_owned(),
                    g.motivation.clone(),
                ]
            })
            .collect(),
    );
    section(
        &mut blocks,
        l("Medverkande enheter som får nytta", "Co-benefiting units"),
        &d.co_benefiting_units.iter().map(unit).collect::<Vec<_>>().join(", "),
    );
    table(
        &mut blocks,
        l("Stadens plattformar", "The city's platforms"),
        vec![Column::left(l("Plattform", "Platform"), 40), Column::left(l("Användning", "Use"), 60)],
        d.platforms
            .iter()
            .map(|(p, usage)| {
                vec![
                    p.name(language).to_owned(),
                    usage.as_ref().map_or_else(|| "–".to_owned(), |u| u.describe(language)),
                ]
            })
            .collect(),
    );
    blocks
        .push(Block::Heading { level: 2, text: l("Systemägare och drift", "System owner and operations").to_owned() });
    blocks.push(Block::Facts(vec![
        fact("Systemägare", "System owner", or_dash(&d.system_owner)),
        fact("Företrädare", "Representative", or_dash(&d.owner_representative)),
        fact("Driftkostnaderna godkända", "Operating costs accepted", date(d.owner_accepted_on)),
    ]));
    table(
        &mut blocks,
        l("Fördelning av driftkostnaderna", "Split of the operating costs"),
        vec![Column::left(l("Enhet", "Unit"), 70), Column::right(l("Andel", "Share"), 30)],
        d.operations_split
            .iter()
            .map(|s| vec![unit(&s.unit), format!("{} %", format_number_sv(s.percent, 1))])
            .collect(),
    );
    table(
        &mut blocks,
        l("Nyttoplan", "Benefit plan"),
        vec![
            Column::left(l("Nytta", "Benefit"), 30),
            Column::left(l("Ansvarig", "Responsible"), 22),
            Column::left(l("När", "When"), 14),
            Column::left(l("Hur", "How"), 34),
        ],
        d.benefit_plan
            .iter()
            .map(|b| {
                vec![
                    b.benefit.clone(),
                    b.responsible_unit.as_ref().map_or_else(|| "–".to_owned(), unit),
                    b.when.clone(),
                    b.how.clone(),
                ]
            })
            .collect(),
    );
    blocks.push(Block::Heading { level: 2, text: l("Risker", "Risks").to_owned() });
    blocks.push(risks_block(&d.risks, language));
    let total_label = l("Summa", "Total");
    let mut budget: Vec<Vec<String>> = d
        .budget
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                y.internal_time.format_sv(),
                y.external_services.format_sv(),
                y.licences.format_sv(),
                y.equipment.format_sv(),
                y.total().map_or_else(|| "–".to_owned(), Sek::format_sv),
            ]
        })
        .collect();
    if !budget.is_empty() {
        let total = d.budget_total().map_or_else(|| "–".to_owned(), Sek::format_sv);
        budget.push(vec![total_label.to_owned(), String::new(), String::new(), String::new(), String::new(), total]);
    }
    table(
        &mut blocks,
        l("Budget per år", "Budget per year"),
        vec![
            Column::left(l("År", "Year"), 8),
            Column::right(l("Intern tid", "Internal time"), 18),
            Column::right(l("Externa tjänster", "External services"), 20),
            Column::right(l("Licenser", "Licences"), 18),
            Column::right(l("Utrustning", "Equipment"), 18),
            Column::right(total_label, 18),
        ],
        budget,
    );
    section(
        &mut blocks,
        l("Avveckling eller integration efter projektet", "Decommissioning or integration after the project"),
        &d.exit_plan,
    );
    section(&mut blocks, l("Hur lärdomarna tas tillvara", "How the lessons are used"), &d.lessons_plan);
    Document {
        title: format!("{}: {}", l("Ansökan", "Application"), app.title),
        header: format!("{} · {} {}", unit(&app.unit), l("utskriven", "printed"), input.printed_on.format("%Y-%m-%d")),
        draft: false,
        language,
        blocks,
    }
}
