//! The demo's application texts: complete for everything that has been submitted, and
//! partly filled for drafts, so the checklist has something to say.

use portfolj_core::{Application, ItCategory, OrgUnit};
use rand::Rng;

use super::{Generator, random_name};
use crate::dto::{
    ApplicationDetailsDto, BenefitPlanItemDto, ContributionDto, GoalContributionDto, LevelDto, OperationsShareDto,
    PlatformChoiceDto, PlatformDto, PlatformUseDto, ProjectKindDto, RiskDto, YearBudgetDto,
};

const BENEFITS: &[(&str, &str)] = &[
    ("Kortare handläggningstid per ärende", "Mäts i verksamhetssystemet före och ett år efter införandet."),
    ("Färre telefonsamtal till kontaktcenter", "Kontaktcentrets statistik per ärendetyp."),
    ("Minskade portokostnader", "Budgeten för porto sänks från och med året efter."),
    ("Nöjdare medborgare", "Stadens medborgarundersökning, fråga om e-tjänster."),
    ("Färre felaktiga ansökningar", "Andelen kompletteringar i ärendesystemet."),
];

const RISKS: &[(&str, &str)] = &[
    ("Låg användning av e-tjänsten", "Informationskampanj och uppföljning av användningen varje kvartal."),
    ("Förseningar i upphandlingen", "Avrop på befintligt ramavtal i första hand."),
    ("Integrationen med verksamhetssystemet blir dyrare", "Förstudie av gränssnittet innan genomförandet."),
    ("Personalen hinner inte ställa om arbetssätt", "Utbildning och stöd från projektcoach under införandet."),
];

/// Details that pass every readiness rule, or (for a draft) leave some of them open.
pub(super) fn details(
    g: &mut Generator,
    app: &Application,
    units: &[OrgUnit],
    complete: bool,
) -> ApplicationDetailsDto {
    let year = app.fiscal_year;
    let innovative = app.it_category == ItCategory::Innovative;
    let kronor = app.requested_amount.as_decimal().trunc().to_string().parse::<i64>().unwrap_or(0);
    let internal = kronor * 3 / 10;
    let external = kronor / 2;
    let licences = kronor / 10;
    let equipment = kronor - internal - external - licences;
    let unit_name = units.iter().find(|u| u.id == app.unit).map_or("", |u| u.name.as_str());
    let partner = &units[g.rng.random_range(0..units.len())];
    let shared = partner.id != app.unit && g.rng.random_bool(0.4);
    let (benefit, how) = *g.pick(BENEFITS);
    let (risk, mitigation) = *g.pick(RISKS);
    let platform = |g: &mut Generator, platform: PlatformDto| {
        let roll = g.rng.random_range(0..10);
        let usage = match roll {
            0 => PlatformUseDto::Exception,
            1..=5 => PlatformUseDto::Reused,
            _ => PlatformUseDto::NotApplicable,
        };
        let exception_reference = if usage == PlatformUseDto::Exception {
            format!("Dnr 031-{}/{}", g.rng.random_range(100..3000), year - 1)
        } else {
            String::new()
        };
        PlatformChoiceDto { platform, usage: Some(usage), exception_reference }
    };
    let mut d = ApplicationDetailsDto {
        project_owner: random_name(g),
        project_leader: random_name(g),
        project_kind: Some(if innovative { ProjectKindDto::Pilot } else { ProjectKindDto::Implementation }),
        start_date: Some(format!("{year}-02-01")),
        end_date: Some(if innovative { format!("{year}-07-31") } else { format!("{year}-11-30") }),
        problem: format!(
            "I dag sköter {unit_name} detta med manuella rutiner och pappersblanketter, vilket ger långa ledtider och många kompletteringar."
        ),
        capabilities: "Digital ärendehantering med självservice för medborgaren.".into(),
        target_groups: "Medborgare, företag och handläggare.".into(),
        process_change: "Handläggarna får kompletta ärenden digitalt och kan avgöra enkla ärenden direkt.".into(),
        goal_contributions: vec![
            GoalContributionDto {
                goal: "KF1".into(),
                level: ContributionDto::Strong,
                motivation: "Tjänsten blir tillgänglig dygnet runt.".into(),
            },
            GoalContributionDto {
                goal: "KF2".into(),
                level: ContributionDto::Some,
                motivation: "Högre kvalitet i ärendena.".into(),
            },
            GoalContributionDto {
                goal: "KF3".into(),
                level: ContributionDto::Strong,
                motivation: "Lägre kostnad per ärende.".into(),
            },
        ],
        co_benefiting_unit_ids: if shared { vec![partner.id.to_string()] } else { vec![] },
        platforms: vec![
            platform(g, PlatformDto::EServicePlatform),
            platform(g, PlatformDto::IdPortal),
            platform(g, PlatformDto::Lis),
        ],
        system_owner: format!("Nämnden för {unit_name}"),
        owner_representative: random_name(g),
        owner_accepted_on: if innovative {
            None
        } else {
            Some(format!("{}-11-{:02}", year - 1, g.rng.random_range(1..=28)))
        },
        operations_split: if innovative {
            vec![]
        } else if shared {
            vec![
                OperationsShareDto { unit_id: app.unit.to_string(), share_percent: "60".into() },
                OperationsShareDto { unit_id: partner.id.to_string(), share_percent: "40".into() },
            ]
        } else {
            vec![OperationsShareDto { unit_id: app.unit.to_string(), share_percent: "100".into() }]
        },
        benefit_plan: vec![BenefitPlanItemDto {
            benefit: benefit.into(),
            responsible_unit_id: Some(app.unit.to_string()),
            when: format!("Från {}", year + 1),
            how: how.into(),
        }],
        risks: vec![RiskDto {
            description: risk.into(),
            likelihood: LevelDto::Medium,
            consequence: LevelDto::Medium,
            mitigation: mitigation.into(),
        }],
        budget: vec![YearBudgetDto {
            year,
            internal_time: internal.to_string(),
            external_services: external.to_string(),
            licences: licences.to_string(),
            equipment: equipment.to_string(),
        }],
        exit_plan: if innovative {
            "Avvecklas om piloten inte visar nytta; annars integreras lösningen i ordinarie förvaltning.".into()
        } else {
            String::new()
        },
        lessons_plan: if innovative {
            "Lärdomarna redovisas till projektkontoret och sprids i stadens nätverk.".into()
        } else {
            String::new()
        },
        previous_application_id: None,
    };
    if !complete {
        // A draft in progress: the applicant has not yet got to the owner and the risks.
        d.owner_accepted_on = None;
        d.risks.clear();
        if g.rng.random_bool(0.5) {
            d.benefit_plan[0].responsible_unit_id = None;
            d.process_change.clear();
        }
    }
    d
}
