//! Applications (ansökningar): what a unit asks a portfolio for, how a new one is
//! checked, who may create it, and the lifecycle it moves through.

use chrono::{DateTime, Utc};

use crate::error::{DomainError, ValidationErrors};
use crate::ids::{ApplicationId, PersonId, UnitId};
use crate::language::Named as _;
use crate::money::Sek;
use crate::org::{Actor, OrgUnit, Role};
use crate::programme::{Portfolio, Programme};

pub mod details;

/// Longest title accepted; a title is read in lists and in the decision memo.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest purpose text accepted on the first slice of the form.
pub const MAX_PURPOSE_CHARS: usize = 10_000;

/// The kind of IT support (001 §4). Basic IT is financed from the unit's own budget and
/// so is never eligible for portfolio money; the readiness rules enforce that.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItCategory {
    Innovative,
    Differentiating,
    Basic,
}

crate::language::named!(ItCategory {
    ItCategory::Innovative => ("innovativt", "innovative"),
    ItCategory::Differentiating => ("differentierande", "differentiating"),
    ItCategory::Basic => ("grundläggande", "basic"),
});

/// Where an application is in its life (DOMAIN.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ApplicationState {
    Idea,
    Draft,
    Submitted,
    SupplementRequested,
    Valued,
    InReview,
    Proposed,
    Granted,
    Rejected,
    ReferredBack,
    Running,
    Closed,
    FollowedUp,
    Withdrawn,
}

impl ApplicationState {
    pub const ALL: [ApplicationState; 14] = [
        ApplicationState::Idea,
        ApplicationState::Draft,
        ApplicationState::Submitted,
        ApplicationState::SupplementRequested,
        ApplicationState::Valued,
        ApplicationState::InReview,
        ApplicationState::Proposed,
        ApplicationState::Granted,
        ApplicationState::Rejected,
        ApplicationState::ReferredBack,
        ApplicationState::Running,
        ApplicationState::Closed,
        ApplicationState::FollowedUp,
        ApplicationState::Withdrawn,
    ];

    /// The working copy can be edited in these states; a submitted application is
    /// frozen until a komplettering is asked for.
    pub fn is_editable(self) -> bool {
        matches!(self, ApplicationState::Idea | ApplicationState::Draft | ApplicationState::SupplementRequested)
    }

    /// An application can be withdrawn until it has been decided.
    fn is_before_decision(self) -> bool {
        use ApplicationState::*;
        matches!(self, Idea | Draft | Submitted | SupplementRequested | Valued | InReview | Proposed | ReferredBack)
    }
}

crate::language::named!(ApplicationState {
    ApplicationState::Idea => ("idé", "idea"),
    ApplicationState::Draft => ("utkast", "draft"),
    ApplicationState::Submitted => ("inlämnad", "submitted"),
    ApplicationState::SupplementRequested => ("komplettering begärd", "supplement requested"),
    ApplicationState::Valued => ("nyttovärderad", "valued"),
    ApplicationState::InReview => ("under beredning", "in review"),
    ApplicationState::Proposed => ("föreslagen", "proposed"),
    ApplicationState::Granted => ("beviljad", "granted"),
    ApplicationState::Rejected => ("avslagen", "rejected"),
    ApplicationState::ReferredBack => ("återremitterad", "referred back"),
    ApplicationState::Running => ("pågående", "running"),
    ApplicationState::Closed => ("avslutad", "closed"),
    ApplicationState::FollowedUp => ("uppföljd", "followed up"),
    ApplicationState::Withdrawn => ("återkallad", "withdrawn"),
});

/// A move from one state to another, and who may make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: ApplicationState,
    pub to: ApplicationState,
}

/// Who may act on an application, relative to the applying unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Permitted {
    /// The applying unit's own applicants, or any coach or the office.
    ApplicantSide,
    /// Only these roles (the unit does not matter).
    Roles(&'static [Role]),
}

impl Transition {
    /// The allowed moves of the lifecycle. Decisions are made by the stadsdirektör and
    /// recorded by the office, so the office makes the decision transitions.
    fn permitted(self) -> Option<Permitted> {
        use ApplicationState::*;
        let applicant_side = Some(Permitted::ApplicantSide);
        let office = Some(Permitted::Roles(&[Role::Office]));
        match (self.from, self.to) {
            (Idea, Draft) | (Draft, Submitted) | (SupplementRequested, Submitted) => applicant_side,
            (ReferredBack, Draft) => applicant_side,
            (Submitted, SupplementRequested) => Some(Permitted::Roles(&[Role::Office, Role::Coach, Role::Valuer])),
            (Submitted, Valued) => Some(Permitted::Roles(&[Role::Valuer])),
            (Valued, InReview) | (InReview, Proposed) | (InReview, SupplementRequested) => office,
            (Proposed, Granted) | (Proposed, Rejected) | (Proposed, ReferredBack) => office,
            (Granted, Running) | (Running, Closed) | (Closed, FollowedUp) => office,
            (from, Withdrawn) if from.is_before_decision() => applicant_side,
            _ => None,
        }
    }

    /// Checks that `actor` may move an application of `unit` along this transition.
    pub fn authorize(self, actor: &Actor, unit: UnitId) -> Result<(), DomainError> {
        match self.permitted() {
            None => Err(DomainError::NotAllowedNow(format!(
                "En ansökan som är {} kan inte bli {}.",
                self.from.name_sv(),
                self.to.name_sv()
            ))),
            Some(Permitted::ApplicantSide) => authorize_applicant_side(actor, unit),
            Some(Permitted::Roles(roles)) if actor.has_any(roles) => Ok(()),
            Some(Permitted::Roles(_)) => Err(DomainError::Forbidden(format!(
                "Din roll får inte ändra en ansökan från {} till {}.",
                self.from.name_sv(),
                self.to.name_sv()
            ))),
        }
    }
}

/// Applicants act for their own unit only; coaches help any applicant; the office may
/// act for anyone.
fn authorize_applicant_side(actor: &Actor, unit: UnitId) -> Result<(), DomainError> {
    if actor.has_any(&[Role::Coach, Role::Office]) {
        return Ok(());
    }
    if actor.has(Role::Applicant) {
        if actor.unit == unit {
            return Ok(());
        }
        return Err(DomainError::Forbidden(
            "Du kan bara arbeta med ansökningar från din egen enhet. Be en projektcoach om hjälp om ansökan gäller en annan enhet."
                .to_owned(),
        ));
    }
    Err(DomainError::Forbidden(
        "Din roll får inte skapa eller ändra ansökningar. Det gör sökande, projektcoacher och projektkontoret."
            .to_owned(),
    ))
}

/// What a person typed into the create form, before any check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplicationInput {
    pub title: String,
    /// `None` when the given text was not an id at all.
    pub unit: Option<UnitId>,
    pub portfolio: i64,
    pub it_category: ItCategory,
    pub fiscal_year: i32,
    pub requested_amount: String,
    pub purpose: String,
}

/// A checked new application, ready to be stored as a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub title: String,
    pub unit: UnitId,
    pub portfolio: Portfolio,
    pub it_category: ItCategory,
    pub fiscal_year: i32,
    pub requested_amount: Sek,
    pub purpose: String,
}

impl NewApplicationInput {
    /// Checks every field and reports all problems at once, each with a Swedish message.
    pub fn validate(self, programme: &Programme, units: &[OrgUnit]) -> Result<NewApplication, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            errors.push("title", "Ange en titel för ansökan.");
        } else if title.chars().count() > MAX_TITLE_CHARS {
            errors.push("title", format!("Titeln får vara högst {MAX_TITLE_CHARS} tecken."));
        }
        let unit = self.unit.filter(|id| units.iter().any(|u| u.id == *id));
        if unit.is_none() {
            errors.push("unit_id", "Välj en sökande enhet ur listan över stadens enheter.");
        }
        let portfolio = Portfolio::from_number(self.portfolio);
        if portfolio.is_none() {
            errors.push("portfolio", "Välj en av programmets fem portföljer (1–5).");
        }
        programme.check_year(self.fiscal_year, "fiscal_year", &mut errors);
        let amount =
            Sek::parse(&self.requested_amount).map_err(|e| errors.push("requested_amount", e.to_string())).ok();
        let purpose = self.purpose.trim().to_owned();
        if purpose.chars().count() > MAX_PURPOSE_CHARS {
            errors.push("purpose", format!("Syftet får vara högst {MAX_PURPOSE_CHARS} tecken."));
        }
        match (unit, portfolio, amount) {
            (Some(unit), Some(portfolio), Some(requested_amount)) if errors.is_empty() => Ok(NewApplication {
                title,
                unit,
                portfolio,
                it_category: self.it_category,
                fiscal_year: self.fiscal_year,
                requested_amount,
                purpose,
            }),
            _ => Err(errors),
        }
    }
}

impl NewApplication {
    /// Checks that `actor` may create an application for the applying unit.
    pub fn authorize(&self, actor: &Actor) -> Result<(), DomainError> {
        authorize_applicant_side(actor, self.unit)
    }

    /// The stored application: a draft, created by `actor` at `now` under `id`.
    pub fn into_application(self, id: ApplicationId, actor: &Actor, now: DateTime<Utc>) -> Application {
        self.start(ApplicationState::Draft, id, actor, now)
    }

    /// The stored application as a project idea (projektidé), the low-threshold first
    /// step that becomes a draft when worked out.
    pub fn into_idea(self, id: ApplicationId, actor: &Actor, now: DateTime<Utc>) -> Application {
        self.start(ApplicationState::Idea, id, actor, now)
    }

    fn start(self, state: ApplicationState, id: ApplicationId, actor: &Actor, now: DateTime<Utc>) -> Application {
        Application {
            id,
            title: self.title,
            unit: self.unit,
            portfolio: self.portfolio,
            it_category: self.it_category,
            fiscal_year: self.fiscal_year,
            requested_amount: self.requested_amount,
            purpose: self.purpose,
            state,
            created_at: now,
            created_by: actor.person,
            updated_at: now,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: ApplicationId,
    pub title: String,
    pub unit: UnitId,
    pub portfolio: Portfolio,
    pub it_category: ItCategory,
    pub fiscal_year: i32,
    pub requested_amount: Sek,
    pub purpose: String,
    pub state: ApplicationState,
    pub created_at: DateTime<Utc>,
    pub created_by: PersonId,
    pub updated_at: DateTime<Utc>,
}

/// One recorded step in an application's history: who, when, from what, to what, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationEvent {
    pub application: ApplicationId,
    pub at: DateTime<Utc>,
    pub actor: PersonId,
    pub from_state: Option<ApplicationState>,
    pub to_state: ApplicationState,
    pub reason: String,
}

impl Application {
    /// Replaces the basics of the working copy with checked new ones, if `actor` may edit
    /// it now.
    pub fn revise(&mut self, new: NewApplication, actor: &Actor, now: DateTime<Utc>) -> Result<(), DomainError> {
        self.authorize_edit(actor)?;
        new.authorize(actor)?;
        self.title = new.title;
        self.unit = new.unit;
        self.portfolio = new.portfolio;
        self.it_category = new.it_category;
        self.fiscal_year = new.fiscal_year;
        self.requested_amount = new.requested_amount;
        self.purpose = new.purpose;
        self.updated_at = now;
        Ok(())
    }

    /// Whether `actor` may change the working copy now: the applicant side, and only
    /// while the application is not frozen.
    pub fn authorize_edit(&self, actor: &Actor) -> Result<(), DomainError> {
        authorize_applicant_side(actor, self.unit)?;
        if self.state.is_editable() {
            Ok(())
        } else {
            Err(DomainError::NotAllowedNow(format!(
                "Ansökan är {} och är låst för ändringar. Den kan ändras igen om projektkontoret eller nyttovärderaren begär komplettering.",
                self.state.name_sv()
            )))
        }
    }

    /// The event recording that the application was created, with who did it in words
    /// (e.g. "Ansökan skapad av projektcoach X för Y.").
    pub fn creation_event(&self, reason: String) -> ApplicationEvent {
        ApplicationEvent {
            application: self.id,
            at: self.created_at,
            actor: self.created_by,
            from_state: None,
            to_state: self.state,
            reason,
        }
    }

    /// Moves the application to `to` if `actor` may, returning the event to record.
    pub fn transition(
        &mut self,
        to: ApplicationState,
        actor: &Actor,
        now: DateTime<Utc>,
        reason: &str,
    ) -> Result<ApplicationEvent, DomainError> {
        let transition = Transition { from: self.state, to };
        transition.authorize(actor, self.unit)?;
        let reason = reason.trim();
        if reason.is_empty()
            && matches!(
                to,
                ApplicationState::Withdrawn
                    | ApplicationState::SupplementRequested
                    | ApplicationState::Rejected
                    | ApplicationState::ReferredBack
            )
        {
            let mut errors = ValidationErrors::default();
            errors.push("reason", format!("Ange varför ansökan blir {}.", to.name_sv()));
            return Err(DomainError::Invalid(errors));
        }
        self.state = to;
        self.updated_at = now;
        Ok(ApplicationEvent {
            application: self.id,
            at: now,
            actor: actor.person,
            from_state: Some(transition.from),
            to_state: to,
            reason: reason.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests;
