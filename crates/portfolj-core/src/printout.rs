//! The application printout: everything an application says, in the order of the form, as
//! a [`Document`] — for the archive, a board meeting or anyone who reads on paper.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::application::Application;
use crate::application::details::{ApplicationDetails, Risk};
use crate::document::{Block, Column, Document, Table};
use crate::ids::UnitId;
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

/// An application's risks as a table (or a line saying there are none): the printout and
/// the memo's application pages show them alike.
pub fn risks_block(risks: &[Risk]) -> Block {
    if risks.is_empty() {
        return Block::Paragraph("Inga risker angivna.".to_owned());
    }
    Block::Table(Table {
        columns: vec![
            Column::left("Risk", 35),
            Column::left("Sannolikhet", 13),
            Column::left("Konsekvens", 13),
            Column::left("Åtgärd", 39),
        ],
        rows: risks
            .iter()
            .map(|r| {
                vec![
                    r.description.clone(),
                    r.likelihood.name_sv().to_owned(),
                    r.consequence.name_sv().to_owned(),
                    r.mitigation.clone(),
                ]
            })
            .collect(),
    })
}

/// The printout as a document.
pub fn document(input: &PrintoutInput<'_>) -> Document {
    let (app, d) = (input.application, input.details);
    let unit = |id: &UnitId| input.unit_names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let mut blocks = vec![
        Block::Heading { level: 1, text: app.title.clone() },
        Block::Facts(vec![
            ("Ansökan".to_owned(), app.id.to_string()),
            ("Sökande enhet".to_owned(), unit(&app.unit)),
            ("Portfölj".to_owned(), format!("{}. {}", app.portfolio.number(), app.portfolio.name_sv())),
            ("It-kategori".to_owned(), app.it_category.name_sv().to_owned()),
            ("Budgetår".to_owned(), app.fiscal_year.to_string()),
            ("Sökt belopp".to_owned(), app.requested_amount.format_sv()),
            ("Status".to_owned(), app.state.name_sv().to_owned()),
            ("Version".to_owned(), input.version.map_or_else(|| "arbetskopia".to_owned(), |v| v.to_string())),
        ]),
    ];
    section(&mut blocks, "Syfte", &app.purpose);
    blocks.push(Block::Heading { level: 2, text: "Projektet".to_owned() });
    blocks.push(Block::Facts(vec![
        ("Projektägare".to_owned(), or_dash(&d.project_owner)),
        ("Projektledare".to_owned(), or_dash(&d.project_leader)),
        ("Projekttyp".to_owned(), d.project_kind.map_or_else(|| "–".to_owned(), |k| k.name_sv().to_owned())),
        ("Start".to_owned(), date(d.start_date)),
        ("Slut".to_owned(), date(d.end_date)),
    ]));
    section(&mut blocks, "Problem och behov", &d.problem);
    section(&mut blocks, "Förmågor", &d.capabilities);
    section(&mut blocks, "Målgrupper", &d.target_groups);
    section(&mut blocks, "Förändrat arbetssätt", &d.process_change);
    table(
        &mut blocks,
        "Bidrag till kommunfullmäktiges mål",
        vec![Column::left("Mål", 30), Column::left("Bidrag", 12), Column::left("Motivering", 58)],
        d.goal_contributions
            .iter()
            .map(|g| {
                vec![
                    format!("{} {}", g.goal.code(), g.goal.name_sv()),
                    g.level.name_sv().to_owned(),
                    g.motivation.clone(),
                ]
            })
            .collect(),
    );
    section(
        &mut blocks,
        "Medverkande enheter som får nytta",
        &d.co_benefiting_units.iter().map(unit).collect::<Vec<_>>().join(", "),
    );
    table(
        &mut blocks,
        "Stadens plattformar",
        vec![Column::left("Plattform", 40), Column::left("Användning", 60)],
        d.platforms
            .iter()
            .map(|(p, usage)| {
                vec![p.name_sv().to_owned(), usage.as_ref().map_or_else(|| "–".to_owned(), |u| u.describe_sv())]
            })
            .collect(),
    );
    blocks.push(Block::Heading { level: 2, text: "Systemägare och drift".to_owned() });
    blocks.push(Block::Facts(vec![
        ("Systemägare".to_owned(), or_dash(&d.system_owner)),
        ("Företrädare".to_owned(), or_dash(&d.owner_representative)),
        ("Driftkostnaderna godkända".to_owned(), date(d.owner_accepted_on)),
    ]));
    table(
        &mut blocks,
        "Fördelning av driftkostnaderna",
        vec![Column::left("Enhet", 70), Column::right("Andel", 30)],
        d.operations_split
            .iter()
            .map(|s| vec![unit(&s.unit), format!("{} %", format_number_sv(s.percent, 1))])
            .collect(),
    );
    table(
        &mut blocks,
        "Nyttoplan",
        vec![Column::left("Nytta", 30), Column::left("Ansvarig", 22), Column::left("När", 14), Column::left("Hur", 34)],
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
    blocks.push(Block::Heading { level: 2, text: "Risker".to_owned() });
    blocks.push(risks_block(&d.risks));
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
        budget.push(vec!["Summa".to_owned(), String::new(), String::new(), String::new(), String::new(), total]);
    }
    table(
        &mut blocks,
        "Budget per år",
        vec![
            Column::left("År", 8),
            Column::right("Intern tid", 18),
            Column::right("Externa tjänster", 20),
            Column::right("Licenser", 18),
            Column::right("Utrustning", 18),
            Column::right("Summa", 18),
        ],
        budget,
    );
    section(&mut blocks, "Avveckling eller integration efter projektet", &d.exit_plan);
    section(&mut blocks, "Hur lärdomarna tas tillvara", &d.lessons_plan);
    Document {
        title: format!("Ansökan: {}", app.title),
        header: format!("{} · utskriven {}", unit(&app.unit), input.printed_on.format("%Y-%m-%d")),
        draft: false,
        blocks,
    }
}
