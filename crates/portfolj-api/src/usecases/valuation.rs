//! Evaluating a valuation worksheet. Needs no database: anyone holding a worksheet file
//! can recompute every figure (`portfolj valuation eval FILE`).

use portfolj_core::valuation;

use crate::dto::{ValuationResultsDto, WorksheetDto};
use crate::{ApiError, ErrorCode};

/// Computes every result of a worksheet.
pub fn evaluate_worksheet(worksheet: &WorksheetDto) -> Result<ValuationResultsDto, ApiError> {
    let worksheet = worksheet.to_core()?;
    let results = valuation::evaluate(&worksheet)?;
    Ok(ValuationResultsDto::from(&results))
}

/// Reads a worksheet file's text and computes its results; malformed JSON is reported
/// with its line and column.
pub fn evaluate_worksheet_json(text: &str) -> Result<ValuationResultsDto, ApiError> {
    let worksheet: WorksheetDto = serde_json::from_str(text).map_err(|e| {
        ApiError::new(
            ErrorCode::BadArguments,
            format!(
                "Arbetsbladet kunde inte läsas på rad {}, kolumn {}: {e}. Jämför med docs/worksheet-format.md.",
                e.line(),
                e.column()
            ),
        )
    })?;
    evaluate_worksheet(&worksheet)
}

mod work {
    //! Valuations stored with the application: created by a valuer from another unit on
    //! the latest frozen version, saved while a draft, flagged, and fastställd.

    use std::collections::BTreeMap;

    use chrono::{DateTime, Utc};
    use portfolj_core::valuation::{self as core, ApplicationFacts, OtherWorksheet};
    use portfolj_core::{Actor, Application, ApplicationId, ApplicationState, Named as _, Role, ValidationErrors};
    use portfolj_store::Connection;
    use portfolj_store::tables::valuation::{self as table, NewResolution};
    use portfolj_store::tables::{application as applications, org, work as versions};
    use rust_decimal::Decimal;
    use serde_json::json;

    use crate::dto::{
        AmountDto, BenefitClassDto, BenefitKindDto, BenefitLineDto, BenefitTargetDto, CostKindDto, CostLineDto,
        CreateValuationDto, FlagDto, NewBenefitTargetDto, ParametersDto, ProgrammeFlagDto, RangeDto, ResolutionDto,
        ResolveDoubleCountDto, SaveValuationDto, ValuationDto, ValuationResultsDto, VersionContentDto,
        WORKSHEET_FORMAT, WorksheetDto, YearAmountDto, parse_document, time,
    };
    use crate::usecases::application::transition_in;
    use crate::usecases::{audit, session};
    use crate::{Api, ApiError, ErrorCode, FieldErrorDto};

    const RESOLUTIONS: [&str; 4] = ["assigned_here", "assigned_elsewhere", "split", "independent"];

    fn load_application(conn: &Connection, id: ApplicationId) -> Result<Application, ApiError> {
        Ok(applications::get(conn, id)?.ok_or_else(|| ApiError::not_found("Ansökan"))?.application)
    }

    fn load(conn: &Connection, id: &str) -> Result<table::Valuation, ApiError> {
        table::get(conn, id)?.ok_or_else(|| ApiError::not_found("Nyttovärderingen"))
    }

    /// A first worksheet from the frozen application: its budget as development cost,
    /// its planned benefits as lines for the valuer to quantify.
    pub(crate) fn prefill(
        conn: &Connection,
        app: &Application,
        content: &VersionContentDto,
    ) -> Result<WorksheetDto, ApiError> {
        let units = org::units(conn)?;
        let unit_name =
            |id: &str| units.iter().find(|u| u.id.to_string() == id).map(|u| u.name.clone()).unwrap_or_default();
        let budget = &content.details.budget;
        let first_year = budget.iter().map(|b| b.year).min().unwrap_or(app.fiscal_year);
        let years = budget.iter().map(|b| YearAmountDto { year: b.year, amount: b.total().to_string() }).collect();
        let zero = || RangeDto { min: "0".into(), likely: "0".into(), max: "0".into() };
        Ok(WorksheetDto {
            format: WORKSHEET_FORMAT.to_owned(),
            first_year,
            parameters: ParametersDto::explicit(&round_parameters(conn, first_year)?),
            deviation_reason: None,
            development_change_reason: None,
            benefits: content
                .details
                .benefit_plan
                .iter()
                .map(|b| BenefitLineDto {
                    name: b.benefit.clone(),
                    kind: BenefitKindDto::Internal,
                    class: BenefitClassDto::TimeFreed,
                    score: None,
                    motivation: String::new(),
                    amount: Some(AmountDto::Sek(zero())),
                    receiving_unit: b.responsible_unit_id.as_deref().map(unit_name).unwrap_or_default(),
                    target: String::new(),
                    first_year: None,
                    ramp_up_percent: vec![],
                })
                .collect(),
            costs: vec![CostLineDto {
                name: "Utveckling enligt ansökan".into(),
                kind: CostKindDto::Development,
                bearing_unit: unit_name(&content.basics.unit_id),
                years,
                yearly: None,
            }],
        })
    }

    /// The round's parameters for `year`: as the office set them, or the city's defaults.
    pub(crate) fn round_parameters(conn: &Connection, year: i32) -> Result<core::Parameters, ApiError> {
        match table::round(conn, year)? {
            Some(text) => Ok(parse_document::<ParametersDto>("Omgångens parametrar", &text)?.to_core()?),
            None => Ok(core::Parameters::defaults()),
        }
    }

    /// Development cost per year: the valued one, or the application's budget.
    fn development_by_year(ws: &core::Worksheet) -> BTreeMap<i32, Decimal> {
        let mut years = BTreeMap::new();
        let last = ws.first_year + i32::try_from(ws.parameters.horizon_years).unwrap_or(0) - 1;
        for line in ws.costs.iter().filter(|c| c.kind == core::CostKind::Development) {
            match &line.schedule {
                core::CostSchedule::Years(amounts) => {
                    for a in amounts {
                        *years.entry(a.year).or_insert(Decimal::ZERO) += a.amount.as_decimal();
                    }
                }
                core::CostSchedule::Yearly { from_year, amount } => {
                    for y in *from_year..=last {
                        *years.entry(y).or_insert(Decimal::ZERO) += amount.as_decimal();
                    }
                }
            }
        }
        years.retain(|_, v| !v.is_zero());
        years
    }

    fn budget_by_year(content: &VersionContentDto) -> BTreeMap<i32, Decimal> {
        let mut years = BTreeMap::new();
        for b in &content.details.budget {
            *years.entry(b.year).or_insert(Decimal::ZERO) += b.total();
        }
        years.retain(|_, v| !v.is_zero());
        years
    }

    /// A departure from the round's parameters or the application's budget.
    struct Deviation {
        code: &'static str,
        field: &'static str,
        message: String,
        /// The reason the valuer gave, if any yet.
        reason: Option<String>,
    }

    /// Where a worksheet departs from the round's parameters or the application's budget.
    fn deviations(
        conn: &Connection,
        v: &table::Valuation,
        dto: &WorksheetDto,
        ws: &core::Worksheet,
    ) -> Result<Vec<Deviation>, ApiError> {
        let reason = |r: &Option<String>| r.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned);
        let mut out = Vec::new();
        if ws.parameters != round_parameters(conn, ws.first_year)? {
            out.push(Deviation {
                code: "parameter_deviation",
                field: "parameters",
                message: format!("Parametrarna avviker från omgångens för {}.", ws.first_year),
                reason: reason(&dto.deviation_reason),
            });
        }
        if let Some(version) = versions::version(conn, v.application, v.application_version)? {
            let content: VersionContentDto = parse_document("Den frysta versionen", &version.content)?;
            if development_by_year(ws) != budget_by_year(&content) {
                out.push(Deviation {
                    code: "development_changed",
                    field: "costs",
                    message: "Utvecklingskostnaden skiljer sig från ansökans budget.".to_owned(),
                    reason: reason(&dto.development_change_reason),
                });
            }
        }
        Ok(out)
    }

    /// Refuses a worksheet whose departures have no reason.
    fn require_reasons(
        conn: &Connection,
        v: &table::Valuation,
        dto: &WorksheetDto,
        ws: &core::Worksheet,
    ) -> Result<(), ApiError> {
        let mut errors = ValidationErrors::default();
        for d in deviations(conn, v, dto, ws)? {
            if d.reason.is_none() {
                errors.push(d.field, format!("{} Ange skälet; det visas för beslutsfattarna.", d.message));
            }
        }
        errors.into_result(|| ()).map_err(ApiError::from)
    }

    /// Refuses units and benefit targets the programme does not know.
    fn check_references(conn: &Connection, ws: &core::Worksheet) -> Result<(), ApiError> {
        let units = org::units(conn)?;
        let keys: Vec<&str> = ws.benefits.iter().map(|b| b.target.trim()).filter(|t| !t.is_empty()).collect();
        let missing = table::unregistered(conn, &keys)?;
        ws.check_references(|name| units.iter().any(|u| u.name == name), |key| !missing.contains(&key))?;
        Ok(())
    }

    /// The application facts the flags need, from its latest frozen version.
    fn facts(conn: &Connection, app: &Application) -> Result<ApplicationFacts, ApiError> {
        let owner_accepted_operations = match versions::versions(conn, app.id)?.last() {
            Some(v) => parse_document::<VersionContentDto>("Den frysta versionen", &v.content)?
                .details
                .owner_accepted_on
                .is_some(),
            None => false,
        };
        Ok(ApplicationFacts { category: app.it_category, owner_accepted_operations })
    }

    /// The figures of an application's newest fastställd valuation, as reviewers score
    /// benefit against them; `None` before one is fastställd or when it cannot be evaluated.
    pub(crate) fn approved_summary(
        conn: &Connection,
        application: ApplicationId,
    ) -> Result<Option<crate::dto::ValuationSummaryDto>, ApiError> {
        match latest_approved(conn, application)? {
            Some(v) => summary_of(&v),
            None => Ok(None),
        }
    }

    /// The application's newest fastställd valuation.
    pub(crate) fn latest_approved(
        conn: &Connection,
        application: ApplicationId,
    ) -> Result<Option<table::Valuation>, ApiError> {
        Ok(table::of_application(conn, application)?.into_iter().rev().find(|v| v.approved_at.is_some()))
    }

    /// A stored valuation's worksheet as the core reads it.
    pub(crate) fn worksheet_of(v: &table::Valuation) -> Result<core::Worksheet, ApiError> {
        let worksheet: WorksheetDto = parse_document("Arbetsbladet", &v.worksheet)?;
        Ok(worksheet.to_core()?)
    }

    /// A valuation's figures; `None` when its worksheet cannot be evaluated.
    pub(crate) fn summary_of(v: &table::Valuation) -> Result<Option<crate::dto::ValuationSummaryDto>, ApiError> {
        let worksheet: WorksheetDto = parse_document("Arbetsbladet", &v.worksheet)?;
        let Ok(results) = worksheet.to_core().and_then(|ws| core::evaluate(&ws)) else {
            return Ok(None);
        };
        let r = ValuationResultsDto::from(&results);
        Ok(Some(crate::dto::ValuationSummaryDto {
            valuer: v.valuer_name.clone(),
            approved_at: v.approved_at.map(time),
            pv_benefits: r.pv_benefits,
            pv_costs: r.pv_costs,
            npv: r.npv,
            benefit_cost_ratio: r.benefit_cost_ratio.value,
            payback_year: r.payback_year,
        }))
    }

    /// The valuation in full: its results when computable, and every flag.
    pub(crate) fn view(conn: &Connection, v: &table::Valuation) -> Result<ValuationDto, ApiError> {
        let app = load_application(conn, v.application)?;
        let worksheet: WorksheetDto = parse_document("Arbetsbladet", &v.worksheet)?;
        let (results, problems, core_ws) = match worksheet.to_core().and_then(|ws| core::evaluate(&ws).map(|r| (ws, r)))
        {
            Ok((ws, r)) => (Some(r), vec![], Some(ws)),
            Err(errors) => (
                None,
                errors
                    .0
                    .iter()
                    .map(|e| FieldErrorDto { field: e.field.to_owned(), message: e.message.clone() })
                    .collect(),
                None,
            ),
        };
        let mut flags = Vec::new();
        if let Some(ws) = &core_ws {
            let others = other_worksheets(conn, ws, v.application)?;
            let others: Vec<OtherWorksheet<'_>> = others
                .iter()
                .map(|(id, title, ws)| OtherWorksheet { application: *id, title, worksheet: ws })
                .collect();
            let resolutions = table::resolutions(conn, &v.id)?;
            for flag in core::flags(ws, results.as_ref(), facts(conn, &app)?, &others, core::default_plausible_ratio())
            {
                let resolution =
                    flag.target.as_ref().and_then(|t| resolutions.iter().find(|r| &r.target == t)).map(|r| {
                        ResolutionDto {
                            resolution: r.resolution.clone(),
                            share_percent: r.share_percent.clone(),
                            motivation: r.motivation.clone(),
                            resolved_by: r.resolved_by_name.clone(),
                            resolved_at: time(r.resolved_at),
                        }
                    });
                flags.push(FlagDto {
                    code: flag.code.to_owned(),
                    message: flag.message,
                    target: flag.target,
                    other_application_ids: flag.others.iter().map(ToString::to_string).collect(),
                    resolution,
                });
            }
            for d in deviations(conn, v, &worksheet, ws)? {
                let message = match d.reason {
                    Some(reason) => format!("{} Skäl: {reason}", d.message),
                    None => format!("{} Skäl saknas.", d.message),
                };
                flags.push(FlagDto {
                    code: d.code.to_owned(),
                    message,
                    target: None,
                    other_application_ids: vec![],
                    resolution: None,
                });
            }
        }
        Ok(ValuationDto {
            id: v.id.clone(),
            application_id: v.application.to_string(),
            application_title: app.title,
            number: v.number,
            application_version: v.application_version,
            valuer: v.valuer_name.clone(),
            worksheet,
            results: results.as_ref().map(ValuationResultsDto::from),
            problems,
            flags,
            approved_at: v.approved_at.map(time),
            updated_at: time(v.updated_at),
        })
    }

    /// The newest worksheets of other applications claiming any of `ws`'s targets.
    fn other_worksheets(
        conn: &Connection,
        ws: &core::Worksheet,
        except: ApplicationId,
    ) -> Result<Vec<(ApplicationId, String, core::Worksheet)>, ApiError> {
        let targets: Vec<&str> = ws.benefits.iter().map(|b| b.target.trim()).filter(|t| !t.is_empty()).collect();
        let mut out = Vec::new();
        for v in table::claiming(conn, &targets, except)? {
            let Ok(dto) = serde_json::from_str::<WorksheetDto>(&v.worksheet) else { continue };
            let Ok(other) = dto.to_core() else { continue };
            let title = applications::get(conn, v.application)?.map(|l| l.application.title).unwrap_or_default();
            out.push((v.application, title, other));
        }
        Ok(out)
    }

    /// Indexes the worksheet's benefit targets as the application's newest claims.
    fn index_targets(
        conn: &Connection,
        valuation: &str,
        application: ApplicationId,
        worksheet: &WorksheetDto,
    ) -> Result<(), ApiError> {
        let targets = match worksheet.to_core() {
            Ok(ws) => core::target_years(&ws).into_iter().map(|(t, f, l)| (t.to_owned(), f, l)).collect(),
            Err(_) => Vec::new(),
        };
        table::replace_targets(conn, valuation, application, &targets)?;
        Ok(())
    }

    fn document(worksheet: &WorksheetDto) -> Result<String, ApiError> {
        serde_json::to_string(worksheet)
            .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Arbetsbladet kunde inte sparas: {e}")))
    }

    /// Creates a valuation of the application's latest frozen version.
    pub(crate) fn create_in(
        conn: &Connection,
        actor: &Actor,
        application: ApplicationId,
        id: &str,
        worksheet: Option<&WorksheetDto>,
        now: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        let app = load_application(conn, application)?;
        core::authorize_valuer(actor, app.unit)?;
        if !matches!(app.state, ApplicationState::Submitted | ApplicationState::Valued) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "Ansökan är {} och kan inte nyttovärderas nu; bara inlämnade ansökningar värderas.",
                    app.state.name_sv()
                ),
            ));
        }
        if table::of_application(conn, application)?.iter().any(|v| v.approved_at.is_none()) {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Det finns redan ett utkast till nyttovärdering för ansökan. Fortsätt i det i stället för att börja om.",
            ));
        }
        let latest = versions::versions(conn, application)?
            .pop()
            .ok_or_else(|| ApiError::not_found("Den inlämnade versionen"))?;
        let content: VersionContentDto = parse_document("Den frysta versionen", &latest.content)?;
        let worksheet = match worksheet {
            Some(w) => w.clone(),
            None => prefill(conn, &app, &content)?,
        };
        check_references(conn, &worksheet.to_core()?)?;
        let text = document(&worksheet)?;
        let number = table::insert(conn, id, application, latest.number, actor.person, &text, now)?;
        index_targets(conn, id, application, &worksheet)?;
        let detail = json!({ "valuation": id, "number": number, "version": latest.number, "worksheet_sha256": audit::sha256_hex(text.as_bytes()) });
        audit::record(conn, now, actor.person, "valuation.create", &application.to_string(), &detail)?;
        Ok(id.to_owned())
    }

    /// Saves a worksheet that passes every input check; a fastställd valuation never changes.
    pub(crate) fn save_in(
        conn: &Connection,
        actor: &Actor,
        id: &str,
        worksheet: &WorksheetDto,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let v = load(conn, id)?;
        let app = load_application(conn, v.application)?;
        core::authorize_valuer(actor, app.unit)?;
        let checked = worksheet.to_core()?;
        checked.check()?;
        check_references(conn, &checked)?;
        require_reasons(conn, &v, worksheet, &checked)?;
        let text = document(worksheet)?;
        if !table::save(conn, id, &text, now)? {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Nyttovärderingen är fastställd och kan inte ändras. Skapa en ny värdering i stället.",
            ));
        }
        index_targets(conn, id, v.application, worksheet)?;
        let detail = json!({ "valuation": id, "worksheet_sha256": audit::sha256_hex(text.as_bytes()) });
        audit::record(conn, now, actor.person, "valuation.save", &v.application.to_string(), &detail)
    }

    pub(crate) fn add_target_in(
        conn: &Connection,
        actor: &Actor,
        args: &NewBenefitTargetDto,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        if !actor.has(Role::Valuer) && !actor.has(Role::Office) {
            return Err(ApiError::new(
                ErrorCode::Forbidden,
                "Bara nyttovärderare och projektkontoret lägger till nyttomål i registret.",
            ));
        }
        let (key, name, unit_name) = (args.key.trim(), args.name.trim(), args.unit.trim());
        let mut errors = ValidationErrors::default();
        if !core::is_target_key(key) {
            errors.push(
                "key",
                "Nyckeln ska vara 2–80 tecken: små bokstäver, siffror, punkt, bindestreck eller understreck, till exempel kontaktcenter.samtal.",
            );
        }
        if name.is_empty() {
            errors.push("name", "Ange vad nyttomålet heter, till exempel Samtal till kontaktcenter.");
        }
        let unit = if unit_name.is_empty() {
            None
        } else {
            let found = org::units(conn)?.into_iter().find(|u| u.name == unit_name).map(|u| u.id);
            if found.is_none() {
                errors.push("unit", format!("Enheten \"{unit_name}\" finns inte. Välj en enhet ur listan."));
            }
            found
        };
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let target = table::NewTarget { key, name, kind: args.kind.code(), unit, by: actor.person, at: now };
        if !table::insert_target(conn, &target)? {
            let mut taken = ValidationErrors::default();
            taken.push("key", format!("Nyckeln \"{key}\" finns redan i registret. Använd det befintliga målet."));
            return Err(taken.into());
        }
        let detail = json!({ "key": key, "name": name, "kind": args.kind.code(), "unit": unit_name });
        audit::record(conn, now, actor.person, "valuation.target.add", key, &detail)
    }

    pub(crate) fn resolve_in(
        conn: &Connection,
        actor: &Actor,
        args: &ResolveDoubleCountDto,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let v = load(conn, &args.id)?;
        core::authorize_valuer(actor, load_application(conn, v.application)?.unit)?;
        let mut errors = ValidationErrors::default();
        if !RESOLUTIONS.contains(&args.resolution.as_str()) {
            errors.push(
                "resolution",
                "Välj hur dubbelräkningen löses: tilldela hit, tilldela den andra ansökan, dela upp eller oberoende.",
            );
        }
        let share_ok = args
            .share_percent
            .as_deref()
            .and_then(|s| s.replace(',', ".").parse::<Decimal>().ok())
            .is_some_and(|p| p > Decimal::ZERO && p < Decimal::ONE_HUNDRED);
        if args.resolution == "split" && !share_ok {
            errors.push("share_percent", "Ange den här ansökans andel av nyttan i procent, mellan 0 och 100.");
        }
        if args.motivation.trim().is_empty() {
            errors.push("motivation", "Motivera lösningen; den visas för beslutsfattarna.");
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let flagged = view(conn, &v)?
            .flags
            .iter()
            .any(|f| f.code == "double_count" && f.target.as_deref() == Some(args.target.as_str()));
        if !flagged {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("Nyttan \"{}\" är inte dubbelräknad i den här värderingen.", args.target),
            ));
        }
        table::resolve(
            conn,
            &NewResolution {
                valuation: &v.id,
                target: &args.target,
                resolution: &args.resolution,
                share_percent: args.share_percent.as_deref(),
                motivation: args.motivation.trim(),
                by: actor.person,
                at: now,
            },
        )?;
        let detail = json!({ "valuation": v.id, "target": args.target, "resolution": args.resolution, "motivation": args.motivation.trim() });
        audit::record(conn, now, actor.person, "valuation.resolve", &v.application.to_string(), &detail)
    }

    /// Fastställer: refused while a dubbelräkning is unresolved or the figures cannot be
    /// computed; then frozen, and the application moves to nyttovärderad.
    pub(crate) fn approve_in(conn: &Connection, actor: &Actor, id: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        let v = load(conn, id)?;
        let mut app = load_application(conn, v.application)?;
        core::authorize_valuer(actor, app.unit)?;
        let shown = view(conn, &v)?;
        let Some(results) = &shown.results else {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Arbetsbladet har fel som måste rättas innan nyttovärderingen kan fastställas.",
            ));
        };
        if results.benefit_cost_ratio.value.is_none() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                "Lägg in kostnaderna innan nyttovärderingen fastställs; nytta/kostnad kan inte beräknas utan dem.",
            ));
        }
        let open: Vec<&str> = shown
            .flags
            .iter()
            .filter(|f| f.code == "double_count" && f.resolution.is_none())
            .filter_map(|f| f.target.as_deref())
            .collect();
        if !open.is_empty() {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!("Dubbelräkningen av {} måste lösas innan nyttovärderingen kan fastställas.", open.join(", ")),
            ));
        }
        if !table::approve(conn, id, now)? {
            return Err(ApiError::new(ErrorCode::Conflict, "Nyttovärderingen är redan fastställd."));
        }
        audit::record(
            conn,
            now,
            actor.person,
            "valuation.approve",
            &v.application.to_string(),
            &json!({ "valuation": id, "npv": results.npv }),
        )?;
        if app.state == ApplicationState::Submitted {
            let npv = results.npv.parse().map(portfolj_core::money::format_kronor_sv).unwrap_or_default();
            let reason = format!("Nyttovärdering {} fastställd: nettonuvärde {npv}.", v.number);
            transition_in(conn, &mut app, actor, ApplicationState::Valued, &reason, now)?;
        }
        Ok(())
    }

    impl Api {
        pub fn create_valuation(&self, args: CreateValuationDto) -> Result<ValuationDto, ApiError> {
            let application = crate::usecases::application::parse_application_id(&args.application_id)?;
            let (now, id) = (self.clock.now(), self.clock.new_id().to_string());
            self.store().write(|tx| {
                let actor = session::actor(tx)?;
                create_in(tx, &actor, application, &id, None, now)?;
                view(tx, &load(tx, &id)?)
            })
        }

        pub fn valuation(&self, id: &str) -> Result<ValuationDto, ApiError> {
            self.store().read(|tx| {
                session::actor(tx)?;
                view(tx, &load(tx, id)?)
            })
        }

        /// Every valuation of one application, newest last.
        pub fn valuations_of(&self, application_id: &str) -> Result<Vec<ValuationDto>, ApiError> {
            let application = crate::usecases::application::parse_application_id(application_id)?;
            self.store().read(|tx| {
                session::actor(tx)?;
                table::of_application(tx, application)?.iter().map(|v| view(tx, v)).collect()
            })
        }

        pub fn save_valuation(&self, args: SaveValuationDto) -> Result<ValuationDto, ApiError> {
            let now = self.clock.now();
            self.store().write(|tx| {
                let actor = session::actor(tx)?;
                save_in(tx, &actor, &args.id, &args.worksheet, now)?;
                view(tx, &load(tx, &args.id)?)
            })
        }

        pub fn resolve_double_count(&self, args: ResolveDoubleCountDto) -> Result<ValuationDto, ApiError> {
            let now = self.clock.now();
            self.store().write(|tx| {
                let actor = session::actor(tx)?;
                resolve_in(tx, &actor, &args, now)?;
                view(tx, &load(tx, &args.id)?)
            })
        }

        pub fn approve_valuation(&self, id: &str) -> Result<ValuationDto, ApiError> {
            let now = self.clock.now();
            self.store().write(|tx| {
                let actor = session::actor(tx)?;
                approve_in(tx, &actor, id, now)?;
                view(tx, &load(tx, id)?)
            })
        }

        /// The round's parameters for a fiscal year (the defaults until the office sets them).
        pub fn valuation_round(&self, year: i32) -> Result<ParametersDto, ApiError> {
            self.store().read(|tx| {
                session::actor(tx)?;
                Ok(ParametersDto::explicit(&round_parameters(tx, year)?))
            })
        }

        /// The office sets the round's parameters; every valuation of the year uses them
        /// unless it records why it deviates.
        pub fn set_valuation_round(&self, year: i32, parameters: &ParametersDto) -> Result<ParametersDto, ApiError> {
            let now = self.clock.now();
            self.store().write(|tx| {
                let actor = session::actor(tx)?;
                session::require_office(&actor, "Bara projektkontoret bestämmer omgångens parametrar.")?;
                let core_parameters = parameters.to_core()?;
                let probe = core::Worksheet {
                    first_year: year,
                    parameters: core_parameters.clone(),
                    benefits: vec![],
                    costs: vec![],
                };
                probe.check()?;
                let explicit = ParametersDto::explicit(&core_parameters);
                let text = serde_json::to_string(&explicit)
                    .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Parametrarna kunde inte sparas: {e}")))?;
                table::set_round(tx, year, &text, actor.person, now)?;
                audit::record(
                    tx,
                    now,
                    actor.person,
                    "valuation.round.set",
                    &year.to_string(),
                    &json!({ "parameters": explicit }),
                )?;
                Ok(explicit)
            })
        }

        /// The shared register of benefit targets.
        pub fn benefit_targets(&self) -> Result<Vec<BenefitTargetDto>, ApiError> {
            self.store().read(|tx| {
                session::actor(tx)?;
                Ok(table::targets(tx)?.into_iter().map(BenefitTargetDto::from).collect())
            })
        }

        /// A valuer or the office registers a benefit target.
        pub fn add_benefit_target(&self, args: &NewBenefitTargetDto) -> Result<BenefitTargetDto, ApiError> {
            let now = self.clock.now();
            self.store().write(|tx| {
                let actor = session::actor(tx)?;
                add_target_in(tx, &actor, args, now)?;
                table::targets(tx)?
                    .into_iter()
                    .find(|t| t.key == args.key.trim())
                    .map(BenefitTargetDto::from)
                    .ok_or_else(|| ApiError::not_found("Nyttomålet"))
            })
        }

        /// Every flag of every application's newest valuation: the central valuer's overview.
        pub fn programme_flags(&self) -> Result<Vec<ProgrammeFlagDto>, ApiError> {
            self.store().read(|tx| {
                session::actor(tx)?;
                let mut out = Vec::new();
                for v in table::latest_per_application(tx)? {
                    let shown = view(tx, &v)?;
                    out.extend(shown.flags.into_iter().map(|flag| ProgrammeFlagDto {
                        valuation_id: shown.id.clone(),
                        application_id: shown.application_id.clone(),
                        application_title: shown.application_title.clone(),
                        flag,
                    }));
                }
                Ok(out)
            })
        }
    }
}

pub(crate) use work::{
    add_target_in, approve_in, approved_summary, create_in as create_valuation_in, latest_approved, prefill,
    resolve_in, summary_of, worksheet_of,
};
