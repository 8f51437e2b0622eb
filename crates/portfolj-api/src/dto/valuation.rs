//! The worksheet interchange format (docs/worksheet-format.md) and the results as they
//! cross the API. Numbers are decimal strings, never JSON floats; results are exact and
//! the reader rounds for display (whole kronor, half away from zero).

use portfolj_core::application::details::Contribution;
use portfolj_core::valuation as core;
use portfolj_core::{Sek, ValidationErrors};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The version tag every worksheet file starts with.
pub const WORKSHEET_FORMAT: &str = "portfolj.worksheet/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RangeDto {
    pub min: String,
    pub likely: String,
    pub max: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AmountDto {
    Sek(RangeDto),
    Hours(RangeDto),
    Volume { count: RangeDto, unit_value: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BenefitKindDto {
    Citizen,
    Internal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BenefitClassDto {
    BudgetReleasing,
    TimeFreed,
    Qualitative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CostKindDto {
    Development,
    Operations,
    Decommissioning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProjectTypeDto {
    None,
    EquipmentDevelopment,
    Outsourcing,
    StandardBuildings,
    NonStandardBuildings,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BiasFactorDto {
    pub name: String,
    pub share_percent: String,
    pub mitigated_percent: String,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OptimismBiasDto {
    pub project_type: ProjectTypeDto,
    #[serde(default)]
    pub factors: Vec<BiasFactorDto>,
}

/// Round parameters; each left out takes the city's default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ParametersDto {
    pub horizon_years: Option<u32>,
    pub discount_rate_percent: Option<String>,
    pub monthly_salary: Option<String>,
    pub on_cost_factor: Option<String>,
    pub hours_per_month: Option<String>,
    pub default_delay_years: Option<u32>,
    pub optimism_bias: Option<OptimismBiasDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BenefitLineDto {
    pub name: String,
    pub kind: BenefitKindDto,
    pub class: BenefitClassDto,
    /// For qualitative lines: "none", "some" or "strong".
    #[serde(default)]
    pub score: Option<super::ContributionDto>,
    #[serde(default)]
    pub motivation: String,
    /// For monetary lines.
    #[serde(default)]
    pub amount: Option<AmountDto>,
    #[serde(default)]
    pub receiving_unit: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub first_year: Option<i32>,
    #[serde(default)]
    pub ramp_up_percent: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct YearAmountDto {
    pub year: i32,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct YearlyCostDto {
    pub from_year: i32,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CostLineDto {
    pub name: String,
    pub kind: CostKindDto,
    #[serde(default)]
    pub bearing_unit: String,
    /// Amounts year by year …
    #[serde(default)]
    pub years: Vec<YearAmountDto>,
    /// … or the same amount every year from a year to the end of the horizon.
    #[serde(default)]
    pub yearly: Option<YearlyCostDto>,
}

/// A whole worksheet file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorksheetDto {
    /// Always "portfolj.worksheet/1".
    pub format: String,
    pub first_year: i32,
    #[serde(default)]
    pub parameters: ParametersDto,
    #[serde(default)]
    pub benefits: Vec<BenefitLineDto>,
    #[serde(default)]
    pub costs: Vec<CostLineDto>,
    /// Why the parameters differ from the round's; required when they do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub deviation_reason: Option<String>,
    /// Why the development costs differ from the application's budget; required when they do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub development_change_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearRowDto {
    pub year: i32,
    pub budget_releasing: String,
    pub time_freed: String,
    pub citizen: String,
    pub internal: String,
    pub benefits: String,
    pub development: String,
    pub operations: String,
    pub decommissioning: String,
    pub costs: String,
    pub net: String,
    pub discount_factor: String,
    pub discounted_net: String,
    pub cumulative_discounted_net: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SensitivityRowDto {
    pub line: String,
    pub npv_at_min: String,
    pub npv_at_max: String,
    pub swing: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SwitchingValueDto {
    /// Null for all monetary benefits together.
    pub line: Option<String>,
    pub present_value: String,
    pub may_fall_percent: String,
}

/// A figure, or why it cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FigureDto {
    pub value: Option<String>,
    pub cannot_compute: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QualitativeDto {
    pub line: String,
    pub score: super::ContributionDto,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ValuationResultsDto {
    pub hourly_cost: String,
    pub uplift_capex_percent: String,
    pub uplift_duration_percent: String,
    pub uplift_opex_percent: String,
    pub years: Vec<YearRowDto>,
    pub pv_benefits: String,
    pub pv_costs: String,
    pub pv_costs_unadjusted: String,
    pub npv: String,
    pub npv_unadjusted: String,
    pub benefit_cost_ratio: FigureDto,
    pub npv_per_krona: FigureDto,
    pub payback_year: Option<i32>,
    pub average_net_per_year: String,
    pub npv_expected: String,
    pub sensitivity: Vec<SensitivityRowDto>,
    pub switching_values: Vec<SwitchingValueDto>,
    pub qualitative: Vec<QualitativeDto>,
}

/// Reads decimals leniently enough for people ("3,5", "1 250 000") and strictly enough
/// to name the field of anything else.
struct Reader {
    errors: ValidationErrors,
}

impl Reader {
    fn decimal(&mut self, field: &'static str, text: &str) -> Decimal {
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        cleaned.parse().unwrap_or_else(|_| {
            self.errors.push(field, format!("\"{text}\" är inte ett tal."));
            Decimal::ZERO
        })
    }

    fn sek(&mut self, field: &'static str, text: &str) -> Sek {
        Sek::parse(text).unwrap_or_else(|e| {
            self.errors.push(field, e.to_string());
            Sek::ZERO
        })
    }

    fn range(&mut self, field: &'static str, r: &RangeDto) -> core::Range {
        core::Range {
            min: self.decimal(field, &r.min),
            likely: self.decimal(field, &r.likely),
            max: self.decimal(field, &r.max),
        }
    }
}

impl ParametersDto {
    /// Every parameter given explicitly, as a round's parameters are stored and shown.
    pub fn explicit(p: &core::Parameters) -> Self {
        let ob = &p.optimism_bias;
        Self {
            horizon_years: Some(p.horizon_years),
            discount_rate_percent: Some(text(p.discount_rate_percent)),
            monthly_salary: Some(p.monthly_salary.to_string()),
            on_cost_factor: Some(text(p.on_cost_factor)),
            hours_per_month: Some(text(p.hours_per_month)),
            default_delay_years: Some(p.default_delay_years),
            optimism_bias: Some(OptimismBiasDto {
                project_type: match ob.project_type {
                    core::ProjectType::None => ProjectTypeDto::None,
                    core::ProjectType::EquipmentDevelopment => ProjectTypeDto::EquipmentDevelopment,
                    core::ProjectType::Outsourcing => ProjectTypeDto::Outsourcing,
                    core::ProjectType::StandardBuildings => ProjectTypeDto::StandardBuildings,
                    core::ProjectType::NonStandardBuildings => ProjectTypeDto::NonStandardBuildings,
                },
                factors: ob
                    .factors
                    .iter()
                    .map(|f| BiasFactorDto {
                        name: f.name.clone(),
                        share_percent: text(f.share_percent),
                        mitigated_percent: text(f.mitigated_percent),
                        evidence: f.evidence.clone(),
                    })
                    .collect(),
            }),
        }
    }

    /// The domain parameters, each missing one taking the city's default.
    pub fn to_core(&self) -> Result<core::Parameters, ValidationErrors> {
        let mut r = Reader { errors: ValidationErrors::default() };
        let parameters = self.read(&mut r);
        r.errors.into_result(|| parameters)
    }

    fn read(&self, r: &mut Reader) -> core::Parameters {
        let defaults = core::Parameters::defaults();
        let p = self;
        let optimism_bias = p.optimism_bias.as_ref().map_or_else(core::OptimismBias::none, |ob| core::OptimismBias {
            project_type: match ob.project_type {
                ProjectTypeDto::None => core::ProjectType::None,
                ProjectTypeDto::EquipmentDevelopment => core::ProjectType::EquipmentDevelopment,
                ProjectTypeDto::Outsourcing => core::ProjectType::Outsourcing,
                ProjectTypeDto::StandardBuildings => core::ProjectType::StandardBuildings,
                ProjectTypeDto::NonStandardBuildings => core::ProjectType::NonStandardBuildings,
            },
            factors: ob
                .factors
                .iter()
                .map(|f| core::BiasFactor {
                    name: f.name.clone(),
                    share_percent: r.decimal("optimism_bias", &f.share_percent),
                    mitigated_percent: r.decimal("optimism_bias", &f.mitigated_percent),
                    evidence: f.evidence.clone(),
                })
                .collect(),
        });
        core::Parameters {
            horizon_years: p.horizon_years.unwrap_or(defaults.horizon_years),
            discount_rate_percent: p
                .discount_rate_percent
                .as_deref()
                .map_or(defaults.discount_rate_percent, |t| r.decimal("discount_rate_percent", t)),
            monthly_salary: p.monthly_salary.as_deref().map_or(defaults.monthly_salary, |t| r.sek("monthly_salary", t)),
            on_cost_factor: p
                .on_cost_factor
                .as_deref()
                .map_or(defaults.on_cost_factor, |t| r.decimal("on_cost_factor", t)),
            hours_per_month: p
                .hours_per_month
                .as_deref()
                .map_or(defaults.hours_per_month, |t| r.decimal("hours_per_month", t)),
            default_delay_years: p.default_delay_years.unwrap_or(defaults.default_delay_years),
            optimism_bias,
        }
    }
}

impl WorksheetDto {
    /// The domain worksheet, or a Swedish message naming every field that cannot be read.
    pub fn to_core(&self) -> Result<core::Worksheet, ValidationErrors> {
        let mut r = Reader { errors: ValidationErrors::default() };
        if self.format != WORKSHEET_FORMAT {
            r.errors.push(
                "format",
                format!("Okänt format \"{}\". Filen ska börja med \"format\": \"{WORKSHEET_FORMAT}\"; en nyare fil kräver en nyare Portfölj.", self.format),
            );
        }
        let parameters = self.parameters.read(&mut r);
        let benefits = self
            .benefits
            .iter()
            .map(|b| {
                let class = match b.class {
                    BenefitClassDto::BudgetReleasing => core::BenefitClass::BudgetReleasing,
                    BenefitClassDto::TimeFreed => core::BenefitClass::TimeFreed,
                    BenefitClassDto::Qualitative => core::BenefitClass::Qualitative {
                        score: b.score.map_or(Contribution::None, Into::into),
                        motivation: b.motivation.clone(),
                    },
                };
                let amount = match &b.amount {
                    Some(AmountDto::Sek(range)) => core::Amount::Sek(r.range("benefits", range)),
                    Some(AmountDto::Hours(range)) => core::Amount::Hours(r.range("benefits", range)),
                    Some(AmountDto::Volume { count, unit_value }) => core::Amount::Volume {
                        count: r.range("benefits", count),
                        unit_value: r.sek("benefits", unit_value),
                    },
                    None => {
                        if !matches!(class, core::BenefitClass::Qualitative { .. }) {
                            r.errors.push("benefits", format!("Nyttan \"{}\" saknar belopp.", b.name));
                        }
                        core::Amount::Sek(core::Range::exact(Decimal::ZERO))
                    }
                };
                core::BenefitLine {
                    name: b.name.clone(),
                    kind: match b.kind {
                        BenefitKindDto::Citizen => core::BenefitKind::Citizen,
                        BenefitKindDto::Internal => core::BenefitKind::Internal,
                    },
                    class,
                    amount,
                    receiving_unit: b.receiving_unit.clone(),
                    target: b.target.clone(),
                    first_year: b.first_year,
                    ramp_up_percent: b.ramp_up_percent.iter().map(|t| r.decimal("benefits", t)).collect(),
                }
            })
            .collect();
        let costs = self
            .costs
            .iter()
            .map(|c| {
                let schedule = match &c.yearly {
                    Some(y) => core::CostSchedule::Yearly { from_year: y.from_year, amount: r.sek("costs", &y.amount) },
                    None => core::CostSchedule::Years(
                        c.years
                            .iter()
                            .map(|y| core::YearAmount { year: y.year, amount: r.sek("costs", &y.amount) })
                            .collect(),
                    ),
                };
                core::CostLine {
                    name: c.name.clone(),
                    kind: match c.kind {
                        CostKindDto::Development => core::CostKind::Development,
                        CostKindDto::Operations => core::CostKind::Operations,
                        CostKindDto::Decommissioning => core::CostKind::Decommissioning,
                    },
                    bearing_unit: c.bearing_unit.clone(),
                    schedule,
                }
            })
            .collect();
        let worksheet = core::Worksheet { first_year: self.first_year, parameters, benefits, costs };
        r.errors.into_result(|| worksheet)
    }
}

fn figure(value: Result<Decimal, core::CannotCompute>) -> FigureDto {
    match value {
        Ok(v) => FigureDto { value: Some(v.normalize().to_string()), cannot_compute: None },
        Err(e) => FigureDto { value: None, cannot_compute: Some(e.to_string()) },
    }
}

fn text(value: Decimal) -> String {
    value.normalize().to_string()
}

impl From<&core::Results> for ValuationResultsDto {
    fn from(r: &core::Results) -> Self {
        Self {
            hourly_cost: text(r.hourly_cost),
            uplift_capex_percent: text(r.uplifts.capex),
            uplift_duration_percent: text(r.uplifts.duration),
            uplift_opex_percent: text(r.uplifts.opex),
            years: r
                .years
                .iter()
                .map(|y| YearRowDto {
                    year: y.year,
                    budget_releasing: text(y.budget_releasing),
                    time_freed: text(y.time_freed),
                    citizen: text(y.citizen),
                    internal: text(y.internal),
                    benefits: text(y.benefits),
                    development: text(y.development),
                    operations: text(y.operations),
                    decommissioning: text(y.decommissioning),
                    costs: text(y.costs),
                    net: text(y.net),
                    discount_factor: text(y.discount_factor),
                    discounted_net: text(y.discounted_net),
                    cumulative_discounted_net: text(y.cumulative_discounted_net),
                })
                .collect(),
            pv_benefits: text(r.pv_benefits),
            pv_costs: text(r.pv_costs),
            pv_costs_unadjusted: text(r.pv_costs_unadjusted),
            npv: text(r.npv),
            npv_unadjusted: text(r.npv_unadjusted),
            benefit_cost_ratio: figure(r.benefit_cost_ratio.clone()),
            npv_per_krona: figure(r.npv_per_krona.clone()),
            payback_year: r.payback_year,
            average_net_per_year: text(r.average_net_per_year),
            npv_expected: text(r.npv_expected),
            sensitivity: r
                .sensitivity
                .iter()
                .map(|s| SensitivityRowDto {
                    line: s.line.clone(),
                    npv_at_min: text(s.npv_at_min),
                    npv_at_max: text(s.npv_at_max),
                    swing: text(s.swing),
                })
                .collect(),
            switching_values: r
                .switching_values
                .iter()
                .map(|s| SwitchingValueDto {
                    line: s.line.clone(),
                    present_value: text(s.present_value),
                    may_fall_percent: text(s.may_fall_percent),
                })
                .collect(),
            qualitative: r
                .qualitative
                .iter()
                .map(|(line, score)| QualitativeDto { line: line.clone(), score: (*score).into() })
                .collect(),
        }
    }
}

/// One integrity flag, and how it was resolved if it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FlagDto {
    pub code: String,
    pub message: String,
    pub target: Option<String>,
    /// The other applications claiming the same target (dubbelräkning).
    pub other_application_ids: Vec<String>,
    pub resolution: Option<ResolutionDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResolutionDto {
    /// `assigned_here`, `assigned_elsewhere`, `split` or `independent`.
    pub resolution: String,
    pub share_percent: Option<String>,
    pub motivation: String,
    pub resolved_by: String,
    pub resolved_at: String,
}

/// A valuation with its worksheet, results and flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ValuationDto {
    pub id: String,
    pub application_id: String,
    pub application_title: String,
    pub number: u32,
    /// The frozen application version valued.
    pub application_version: u32,
    pub valuer: String,
    pub worksheet: WorksheetDto,
    /// Null when the worksheet cannot be evaluated yet; see `problems`.
    pub results: Option<ValuationResultsDto>,
    pub problems: Vec<crate::FieldErrorDto>,
    pub flags: Vec<FlagDto>,
    pub approved_at: Option<String>,
    pub updated_at: String,
}

/// `valuation.create`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CreateValuationDto {
    pub application_id: String,
}

/// `valuation.save`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SaveValuationDto {
    pub id: String,
    pub worksheet: WorksheetDto,
}

/// `valuation.resolve`: how a dubbelräkning on one target is settled.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ResolveDoubleCountDto {
    pub id: String,
    pub target: String,
    pub resolution: String,
    #[serde(default)]
    pub share_percent: Option<String>,
    pub motivation: String,
}

/// A flag somewhere in the programme, for the central valuer's overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProgrammeFlagDto {
    pub valuation_id: String,
    pub application_id: String,
    pub application_title: String,
    pub flag: FlagDto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BenefitTargetKindDto {
    Process,
    BudgetLine,
}

impl BenefitTargetKindDto {
    pub fn code(self) -> &'static str {
        match self {
            Self::Process => "process",
            Self::BudgetLine => "budget_line",
        }
    }

    pub fn from_code(code: &str) -> Self {
        if code == "budget_line" { Self::BudgetLine } else { Self::Process }
    }
}

/// An entry of the shared register of benefit targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BenefitTargetDto {
    pub key: String,
    pub name: String,
    pub kind: BenefitTargetKindDto,
    /// The unit's name, or empty.
    pub unit: String,
    /// Applications whose newest valuation claims it.
    pub claimed_by: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewBenefitTargetDto {
    pub key: String,
    pub name: String,
    pub kind: BenefitTargetKindDto,
    /// A unit's name, or empty.
    #[serde(default)]
    pub unit: String,
}

impl From<portfolj_store::tables::valuation::BenefitTarget> for BenefitTargetDto {
    fn from(t: portfolj_store::tables::valuation::BenefitTarget) -> Self {
        Self {
            key: t.key,
            name: t.name,
            kind: BenefitTargetKindDto::from_code(&t.kind),
            unit: t.unit_name.unwrap_or_default(),
            claimed_by: t.claimed_by,
        }
    }
}
