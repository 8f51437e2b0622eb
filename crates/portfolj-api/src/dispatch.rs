//! The command table: the one list of what the desktop shell, the CLI and the HTTP
//! bridge can ask for. Each entry names its arguments' type and the typed use case.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::dto::{ApplicationStateDto, NewApplicationDto};
use crate::{Api, ApiError, DemoScale, ErrorCode};

/// Every command name, for help texts and for the test that each one answers.
pub const COMMANDS: &[&str] = &[
    "session.get",
    "persona.list",
    "persona.switch",
    "programme.get",
    "programme.setup",
    "programme.setup.units",
    "person.list",
    "person.add",
    "overview.get",
    "application.list",
    "application.get",
    "application.create",
    "application.transition",
    "application.update",
    "application.check",
    "application.submit",
    "application.versions",
    "application.version",
    "application.diff",
    "application.supplement.request",
    "application.supplement.answer",
    "application.thread",
    "application.notes",
    "application.notes.add",
    "application.search",
    "application.attachments.add",
    "application.attachments.remove",
    "application.attachments.get",
    "application.printout",
    "audit.verify",
    "valuation.eval",
    "valuation.create",
    "valuation.get",
    "valuation.of_application",
    "valuation.save",
    "valuation.resolve",
    "valuation.approve",
    "valuation.flags",
    "valuation.round.get",
    "valuation.round.set",
    "valuation.targets",
    "valuation.target.add",
    "identity.init",
    "identity.show",
    "office.init",
    "office.invite",
    "office.revoke",
    "office.certificates",
    "office.rotate",
    "bundle.inspect",
    "bundle.verify",
    "bundle.import",
    "bundle.log",
    "progress.get",
    "progress.cancel",
    "bundle.export",
    "bundle.send",
    "conflicts.list",
    "conflicts.resolve",
    "review.round.create",
    "review.rounds",
    "review.round.get",
    "review.round.close",
    "review.rubric.set",
    "review.member.add",
    "review.assign",
    "review.jav.declare",
    "review.absent",
    "review.mine",
    "review.draft.save",
    "review.score",
    "review.summary",
    "review.history",
    "review.recommend",
    "review.overview",
    "review.bundle.export",
    "review.scores.export",
    "prioritise.run",
    "decision.record",
    "decision.list",
    "decision.notice",
    "frame.list",
    "frame.set",
    "frame.history",
    "memo.preview",
    "memo.export",
    "export.file",
    "followup.final_report",
    "followup.record",
    "followup.get",
    "followup.due",
    "followup.realisation",
    "followup.money",
    "report.programme",
    "status.submit",
    "status.list",
    "status.overdue",
    "status.schedule.get",
    "status.schedule.set",
    "status.bundle.export",
    "indicator.list",
    "indicator.define",
    "indicator.measure",
    "scenario.save",
    "scenario.list",
    "scenario.delete",
    "scenario.compare",
    "proposal.adopt",
    "proposal.get",
    "backup.create",
    "backup.list",
    "backup.restore",
    "demo.init",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IdArgs {
    id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearArgs {
    year: i32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoundArgs {
    year: i32,
    parameters: crate::dto::ParametersDto,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorksheetArgs {
    worksheet: crate::dto::WorksheetDto,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentIdArgs {
    attachment_id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionArgs {
    id: String,
    number: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PersonArgs {
    person_id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TransitionArgs {
    id: String,
    to: ApplicationStateDto,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoArgs {
    scale: DemoScale,
    #[serde(default = "default_seed")]
    seed: u64,
}

fn default_seed() -> u64 {
    1
}

impl Api {
    /// Runs `command` with JSON `args` (an object, or null for none) and returns the JSON
    /// result. Never panics on any input: unknown commands and malformed arguments come
    /// back as `{code, message}` errors.
    pub fn call(&self, command: &str, args: Value) -> Result<Value, ApiError> {
        tracing::debug!(command, "call");
        match command {
            "session.get" => reply(self.session()),
            "persona.list" => reply(self.personas()),
            "persona.switch" => {
                let a: PersonArgs = parse(command, args)?;
                let id = a.person_id.parse().map_err(|_| ApiError::not_found("Personen"))?;
                reply(self.switch_persona(id))
            }
            "programme.get" => reply(self.programme()),
            "overview.get" => reply(self.overview()),
            "application.list" => reply(self.list_applications(parse(command, args)?)),
            "application.get" => reply(self.application(&parse::<IdArgs>(command, args)?.id)),
            "application.printout" => reply(self.application_printout(&parse(command, args)?)),
            "application.create" => reply(self.create_application(parse::<NewApplicationDto>(command, args)?)),
            "application.transition" => {
                let a: TransitionArgs = parse(command, args)?;
                reply(self.transition_application(&a.id, a.to, &a.reason))
            }
            "application.update" => reply(self.update_application(parse(command, args)?)),
            "application.check" => reply(self.check_application(&parse::<IdArgs>(command, args)?.id)),
            "application.submit" => reply(self.submit_application(&parse::<IdArgs>(command, args)?.id)),
            "application.versions" => reply(self.application_versions(&parse::<IdArgs>(command, args)?.id)),
            "application.version" => {
                let a: VersionArgs = parse(command, args)?;
                reply(self.application_version(&a.id, a.number))
            }
            "application.diff" => reply(self.application_diff(parse(command, args)?)),
            "application.supplement.request" => reply(self.request_supplement(parse(command, args)?)),
            "application.supplement.answer" => reply(self.answer_supplement(parse(command, args)?)),
            "application.thread" => reply(self.supplement_thread(&parse::<IdArgs>(command, args)?.id)),
            "application.notes" => reply(self.coach_notes(&parse::<IdArgs>(command, args)?.id)),
            "application.notes.add" => reply(self.add_coach_note(parse(command, args)?)),
            "application.search" => reply(self.search_applications(parse(command, args)?)),
            "application.attachments.add" => reply(self.add_attachment(parse(command, args)?)),
            "application.attachments.remove" => reply(self.remove_attachment(parse(command, args)?)),
            "application.attachments.get" => {
                reply(self.attachment(&parse::<AttachmentIdArgs>(command, args)?.attachment_id))
            }
            "audit.verify" => reply(self.verify_audit_log()),
            "valuation.create" => reply(self.create_valuation(parse(command, args)?)),
            "valuation.get" => reply(self.valuation(&parse::<IdArgs>(command, args)?.id)),
            "valuation.of_application" => reply(self.valuations_of(&parse::<IdArgs>(command, args)?.id)),
            "valuation.save" => reply(self.save_valuation(parse(command, args)?)),
            "valuation.resolve" => reply(self.resolve_double_count(parse(command, args)?)),
            "valuation.approve" => reply(self.approve_valuation(&parse::<IdArgs>(command, args)?.id)),
            "valuation.flags" => reply(self.programme_flags()),
            "valuation.targets" => reply(self.benefit_targets()),
            "valuation.target.add" => reply(self.add_benefit_target(&parse(command, args)?)),
            "programme.setup" => reply(self.setup_programme(&parse(command, args)?)),
            "programme.setup.units" => reply(crate::usecases::programme::setup_units()),
            "person.list" => reply(self.people()),
            "person.add" => reply(self.add_person(&parse(command, args)?)),
            "identity.init" => reply(self.init_identity(&parse(command, args)?)),
            "identity.show" => reply(self.show_identity()),
            "office.init" => reply(self.init_office(&parse(command, args)?)),
            "office.invite" => reply(self.invite(&parse(command, args)?)),
            "office.revoke" => reply(self.revoke(&parse(command, args)?)),
            "office.certificates" => reply(self.certificates()),
            "office.rotate" => reply(self.rotate_office_key(&parse(command, args)?)),
            "bundle.inspect" => reply(self.inspect_bundle(&parse(command, args)?)),
            "bundle.verify" => reply(self.verify_bundle(&parse(command, args)?)),
            "bundle.import" => reply(self.import_bundle(&parse(command, args)?)),
            "bundle.log" => reply(self.bundle_log()),
            // Answers while another call holds the store: it reads only counters.
            "progress.get" => reply(Ok::<_, ApiError>(self.progress.get())),
            "progress.cancel" => reply(Ok::<_, ApiError>(self.progress.cancel())),
            "bundle.export" => reply(self.export_bundle(&parse(command, args)?)),
            "bundle.send" => reply(self.send_bundle(&parse(command, args)?)),
            "conflicts.list" => reply(self.conflicts()),
            "conflicts.resolve" => reply(self.resolve_conflict(&parse(command, args)?)),
            "review.round.create" => reply(self.create_round(&parse(command, args)?)),
            "review.rounds" => reply(self.rounds()),
            "review.round.get" => reply(self.round(&parse::<IdArgs>(command, args)?.id)),
            "review.round.close" => reply(self.close_round(&parse(command, args)?)),
            "review.rubric.set" => reply(self.set_rubric(&parse(command, args)?)),
            "review.member.add" => reply(self.add_member(&parse(command, args)?)),
            "review.assign" => reply(self.assign(&parse(command, args)?)),
            "review.jav.declare" => reply(self.declare_jav(&parse(command, args)?)),
            "review.absent" => reply(self.mark_absent(&parse(command, args)?)),
            "review.mine" => reply(self.my_review(&parse::<IdArgs>(command, args)?.id)),
            "review.draft.save" => reply(self.save_draft(&parse(command, args)?)),
            "review.score" => reply(self.save_score(&parse(command, args)?)),
            "review.summary" => reply(self.round_summary(&parse::<IdArgs>(command, args)?.id)),
            "review.history" => reply(self.score_history(&parse(command, args)?)),
            "review.recommend" => reply(self.recommend(&parse(command, args)?)),
            "review.overview" => reply(self.review_overview()),
            "review.bundle.export" => reply(self.export_reviewer_bundle(&parse(command, args)?)),
            "review.scores.export" => reply(self.export_scores_bundle(&parse(command, args)?)),
            "prioritise.run" => reply(self.prioritise(&parse(command, args)?)),
            "decision.record" => reply(self.record_decision(&parse(command, args)?)),
            "decision.list" => reply(self.decisions(&parse::<IdArgs>(command, args)?.id)),
            "decision.notice" => reply(self.decision_notice(&parse(command, args)?)),
            "frame.list" => reply(self.frames()),
            "frame.set" => reply(self.set_frame(&parse(command, args)?)),
            "frame.history" => reply(self.frame_history(&parse(command, args)?)),
            "memo.preview" => reply(self.memo_preview(&parse(command, args)?)),
            "memo.export" => reply(self.memo_export(&parse(command, args)?)),
            "export.file" => reply(self.export_file(&parse(command, args)?)),
            "followup.final_report" => reply(self.record_final_report(&parse(command, args)?)),
            "followup.record" => reply(self.record_follow_up(&parse(command, args)?)),
            "followup.get" => reply(self.follow_up(&parse::<IdArgs>(command, args)?.id)),
            "followup.due" => reply(self.due_follow_ups()),
            "followup.realisation" => reply(self.realisation(&parse(command, args)?)),
            "followup.money" => reply(self.money()),
            "report.programme" => reply(self.programme_report(&parse(command, args)?)),
            "status.submit" => reply(self.submit_status_report(&parse(command, args)?)),
            "status.list" => reply(self.status_reports(&parse::<IdArgs>(command, args)?.id)),
            "status.overdue" => reply(self.overdue_status_reports()),
            "status.schedule.get" => reply(self.status_schedule()),
            "status.schedule.set" => reply(self.set_status_schedule(&parse(command, args)?)),
            "status.bundle.export" => reply(self.export_status_bundle(&parse(command, args)?)),
            "indicator.list" => reply(self.indicators()),
            "indicator.define" => reply(self.define_indicator(&parse(command, args)?)),
            "indicator.measure" => reply(self.measure_indicator(&parse(command, args)?)),
            "scenario.save" => reply(self.save_scenario(&parse(command, args)?)),
            "scenario.list" => reply(self.scenarios(&parse(command, args)?)),
            "scenario.delete" => reply(self.delete_scenario(&parse::<IdArgs>(command, args)?.id)),
            "scenario.compare" => reply(self.compare_scenarios(&parse(command, args)?)),
            "proposal.adopt" => reply(self.adopt_scenario(&parse(command, args)?)),
            "proposal.get" => reply(self.proposal(&parse(command, args)?)),
            "backup.create" => reply(self.create_backup()),
            "backup.list" => reply(self.backups()),
            "backup.restore" => reply(self.restore_backup(&parse(command, args)?)),
            "valuation.round.get" => reply(self.valuation_round(parse::<YearArgs>(command, args)?.year)),
            "valuation.round.set" => {
                let a: RoundArgs = parse(command, args)?;
                reply(self.set_valuation_round(a.year, &a.parameters))
            }
            "valuation.eval" => {
                let a: WorksheetArgs = parse(command, args)?;
                reply(crate::evaluate_worksheet(&a.worksheet))
            }
            "demo.init" => {
                let a: DemoArgs = parse(command, args)?;
                reply(self.init_demo(a.scale, a.seed))
            }
            _ => Err(ApiError::new(
                ErrorCode::UnknownCommand,
                format!("Kommandot \"{command}\" finns inte. Kända kommandon: {}.", COMMANDS.join(", ")),
            )),
        }
    }
}

/// Reads a command's arguments; `null` counts as "no arguments".
fn parse<T: DeserializeOwned>(command: &str, args: Value) -> Result<T, ApiError> {
    let args = if args.is_null() { Value::Object(Default::default()) } else { args };
    serde_json::from_value(args).map_err(|e| {
        ApiError::new(
            ErrorCode::BadArguments,
            format!("Felaktiga argument till \"{command}\": {e}. Kontrollera fältnamn och värden."),
        )
    })
}

fn reply<T: serde::Serialize>(result: Result<T, ApiError>) -> Result<Value, ApiError> {
    serde_json::to_value(result?)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Svaret kunde inte skapas: {e}")))
}
