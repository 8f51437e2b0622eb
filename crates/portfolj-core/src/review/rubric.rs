//! The rubric of a round: weighted criteria on one fixed scale, each level anchored by a
//! description, and whether a comment is required.

use rust_decimal::Decimal;

use crate::ValidationErrors;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    pub value: u8,
    /// What a score of this level means, so every member reads the scale the same way.
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub key: String,
    pub name: String,
    /// Relative weight; the weights of a rubric add up to 100.
    pub weight: Decimal,
    pub levels: Vec<Level>,
    pub comment_required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    pub scale_min: u8,
    pub scale_max: u8,
    pub criteria: Vec<Criterion>,
}

fn levels(anchors: [&str; 5]) -> Vec<Level> {
    anchors.iter().zip(1u8..).map(|(anchor, value)| Level { value, anchor: (*anchor).to_owned() }).collect()
}

impl Rubric {
    /// The programme's rubric (seed 001): fit with the focus area and the council's goals,
    /// benefit, feasibility and readiness, risk, and cross-unit value and reuse.
    pub fn programme_default() -> Self {
        let criterion = |key: &str, name: &str, weight: i64, anchors: [&str; 5]| Criterion {
            key: key.to_owned(),
            name: name.to_owned(),
            weight: Decimal::from(weight),
            levels: levels(anchors),
            comment_required: true,
        };
        Self {
            scale_min: 1,
            scale_max: 5,
            criteria: vec![
                criterion(
                    "fit",
                    "Passar fokusområdet och kommunfullmäktiges mål",
                    25,
                    [
                        "Ingen tydlig koppling",
                        "Svag koppling till ett mål",
                        "Tydlig koppling till ett mål",
                        "Tydlig koppling till flera mål",
                        "Kärnan i fokusområdet och målen",
                    ],
                ),
                criterion(
                    "benefit",
                    "Nytta enligt den fastställda nyttovärderingen",
                    25,
                    [
                        "Nyttan kan inte visas",
                        "Liten eller osäker nytta",
                        "Nytta i nivå med kostnaden",
                        "Klart större nytta än kostnad",
                        "Mycket stor, väl belagd nytta",
                    ],
                ),
                criterion(
                    "feasibility",
                    "Genomförbarhet och mognad",
                    20,
                    [
                        "Saknar ägare och plan",
                        "Stora luckor i plan eller förvaltning",
                        "Plan finns, förvaltning delvis klar",
                        "Plan och förvaltning klara",
                        "Klar att starta; driftkostnaden accepterad, plattformar återanvänds",
                    ],
                ),
                criterion(
                    "risk",
                    "Risk",
                    15,
                    [
                        "Mycket hög risk utan åtgärder",
                        "Hög risk",
                        "Måttlig risk med åtgärder",
                        "Låg risk",
                        "Mycket låg risk",
                    ],
                ),
                criterion(
                    "reuse",
                    "Nytta för flera enheter och återanvändning",
                    15,
                    [
                        "Bara den egna enheten",
                        "Någon annan enhet kan ha nytta",
                        "Flera enheter har nytta",
                        "Staden som helhet har nytta",
                        "Blir en gemensam lösning för staden",
                    ],
                ),
            ],
        }
    }

    /// A rubric is usable when its scale is sound, its criteria distinct, its weights
    /// positive and adding up to 100, and each level of the scale anchored once.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        if self.scale_min >= self.scale_max || self.scale_max > 10 {
            e.push("scale", "Skalan ska gå från ett lägre till ett högre värde, högst 10.");
        }
        if self.criteria.is_empty() {
            e.push("criteria", "En bedömningsmall behöver minst ett kriterium.");
        }
        let mut keys: Vec<&str> = self.criteria.iter().map(|c| c.key.as_str()).collect();
        keys.sort_unstable();
        if keys.windows(2).any(|w| w[0] == w[1]) {
            e.push("criteria", "Varje kriterium ska ha en egen nyckel.");
        }
        if self.criteria.iter().any(|c| c.weight <= Decimal::ZERO) {
            e.push("weight", "Varje kriterium ska ha en vikt större än noll.");
        }
        let total: Decimal = self.criteria.iter().map(|c| c.weight).sum();
        if total != Decimal::ONE_HUNDRED {
            e.push("weight", format!("Vikterna ska tillsammans vara 100, nu är de {total}."));
        }
        let scale: Vec<u8> = (self.scale_min..=self.scale_max).collect();
        for c in &self.criteria {
            let mut values: Vec<u8> = c.levels.iter().map(|l| l.value).collect();
            values.sort_unstable();
            if values != scale || c.levels.iter().any(|l| l.anchor.trim().is_empty()) {
                e.push(
                    "levels",
                    format!(
                        "Kriteriet \"{}\" ska beskriva varje nivå {}–{} en gång.",
                        c.name, self.scale_min, self.scale_max
                    ),
                );
            }
        }
        e.into_result(|| ())
    }

    pub fn criterion(&self, key: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.key == key)
    }
}
