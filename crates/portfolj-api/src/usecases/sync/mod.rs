//! Identities, invitations and bundles: the use cases over portfolj-sync. The crate
//! checks bundles; this module supplies what the laptop knows (trust, channels), applies
//! verified operations in one transaction and keeps the log.

pub(crate) mod keyfiles;
mod reference;
mod replica;
mod review;
mod status;
pub(crate) mod writes;

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Duration, Utc};
use portfolj_core::Actor;
use portfolj_store::Connection;
use portfolj_store::tables::sync::{self as table, Identity, LoggedBundle, StoredCertificate};
use portfolj_store::tables::{audit as audit_table, org, setting};
use portfolj_sync::bundle::{self, Seen};
use portfolj_sync::keys::NewKey;
use portfolj_sync::merge::{FieldWrite, Plan};
use portfolj_sync::{
    Bundle, BundleKind, Certificate, Context, Document, Manifest, Operation, PublicKeyText, RevocationList, Rotation,
    Sender, Signed, Signer, SyncError, Trust,
};
use serde_json::json;

use crate::dto::{
    BundleFileDto, BundleLogDto, BundlePreviewDto, CertificateDto, ConflictDto, CountDto, ExportDto, ExportedBundleDto,
    IdentityDto, InitIdentityDto, InviteDto, PassphraseDto, ResolveConflictDto, RevokeDto, RotateDto, SendDto, time,
};
use crate::usecases::{audit, session};
use crate::{Api, ApiError, ErrorCode};

/// The channel name of bundles meant for everyone.
const EVERYONE: &str = "*";

fn no_identity() -> ApiError {
    ApiError::new(
        ErrorCode::NoIdentity,
        "Den här datorn har ingen nyckel än. Skapa en med `portfolj identity init` (eller under Inställningar → Identitet och paket).",
    )
}

pub(crate) fn has_identity(conn: &Connection) -> Result<bool, ApiError> {
    Ok(table::identity(conn)?.is_some())
}

fn identity(conn: &Connection) -> Result<Identity, ApiError> {
    table::identity(conn)?.ok_or_else(no_identity)
}

/// What the office alone does with keys, certificates and programme bundles.
const ONLY_OFFICE: &str = "Bara projektkontoret utfärdar intyg och bjuder in datorer.";

fn certificate_dto(stored: &StoredCertificate, revoked: &[u64]) -> Result<CertificateDto, ApiError> {
    let c: Certificate = portfolj_sync::json::parse(stored.body.as_bytes())?;
    Ok(CertificateDto {
        serial: u32::try_from(c.serial).unwrap_or(u32::MAX),
        person_id: c.person_id,
        name: c.name,
        unit_name: c.unit_name,
        roles: c.roles,
        review_groups: c.review_groups,
        key_id: stored.key_id.clone(),
        valid_from: time(c.valid_from),
        valid_to: time(c.valid_to),
        revoked: revoked.contains(&c.serial),
    })
}

fn trust(conn: &Connection) -> Result<Option<Trust>, ApiError> {
    let keys = table::office_keys(conn)?;
    if keys.is_empty() {
        return Ok(None);
    }
    Ok(Some(Trust { office_keys: keys.into_iter().map(PublicKeyText).collect(), revoked: table::revoked(conn)? }))
}

/// This laptop's new key pair (or a restored one), recorded in the transaction; the secret
/// key file is the caller's to write once the rest has succeeded.
pub(crate) fn new_identity(
    tx: &Connection,
    database: &Path,
    args: &InitIdentityDto,
    now: DateTime<Utc>,
) -> Result<keyfiles::Pending, ApiError> {
    if table::identity(tx)?.is_some() || keyfiles::exists(database, keyfiles::LAPTOP) {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "Den här datorn har redan en nyckel. Visa den med `portfolj identity show`.",
        ));
    }
    let passphrase = args.passphrase.as_deref().filter(|p| !p.is_empty());
    let key = match args.secret_key.as_deref().filter(|k| !k.trim().is_empty()) {
        Some(text) => NewKey { signer: Signer::open(text, passphrase)?, secret_file: text.to_owned() },
        None => Signer::generate(passphrase)?,
    };
    let public_key = key.signer.public().clone();
    let person_id = session::acting_person(tx).ok().map(|p| p.id.to_string());
    table::set_identity(tx, &Identity { key_id: public_key.key_id()?, public_key: public_key.0, person_id }, now)?;
    Ok(keyfiles::Pending { which: keyfiles::LAPTOP, text: key.secret_file })
}

/// The projektkontor's new office key, trusted, and `person`'s laptop key certified with it;
/// the secret key file is the caller's to write once the rest has succeeded.
pub(crate) fn new_office_key(
    tx: &Connection,
    database: &Path,
    person: &portfolj_core::Person,
    passphrase: Option<&str>,
    now: DateTime<Utc>,
) -> Result<keyfiles::Pending, ApiError> {
    let me = identity(tx)?;
    if !table::office_keys(tx)?.is_empty() || keyfiles::exists(database, keyfiles::OFFICE) {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "Projektkontorets nyckel finns redan på den här datorn eller är redan betrodd.",
        ));
    }
    let office = Signer::generate(passphrase.filter(|p| !p.is_empty()))?;
    table::pin_office_key(tx, &office.signer.public().key_id()?, &office.signer.public().0, now)?;
    let valid = (now, now + Duration::days(5 * 365));
    issue(tx, &office.signer, person, &PublicKeyText(me.public_key.clone()), vec![], valid, now)?;
    table::set_identity(tx, &Identity { person_id: Some(person.id.to_string()), ..me }, now)?;
    let detail = json!({ "office_key": office.signer.public().0 });
    audit::record(tx, now, person.id, "office.init", &office.signer.public().key_id()?, &detail)?;
    Ok(keyfiles::Pending { which: keyfiles::OFFICE, text: office.secret_file })
}

pub(crate) fn identity_dto(conn: &Connection, database: &Path) -> Result<IdentityDto, ApiError> {
    let me = identity(conn)?;
    let revoked = table::revoked(conn)?;
    let certificate =
        table::certificate_of_key(conn, &me.key_id)?.map(|c| certificate_dto(&c, &revoked)).transpose()?;
    let office_key_ids =
        table::office_keys(conn)?.into_iter().map(|k| PublicKeyText(k).key_id()).collect::<Result<Vec<_>, _>>()?;
    Ok(IdentityDto {
        key_id: me.key_id,
        public_key: me.public_key,
        passphrase_protected: keyfiles::is_encrypted(database, keyfiles::LAPTOP),
        person_name: certificate.as_ref().map(|c| c.name.clone()),
        certificate,
        office_key_ids,
        holds_office_key: keyfiles::exists(database, keyfiles::OFFICE),
    })
}

/// The office signs a certificate for `person`'s laptop key and stores it.
fn issue(
    conn: &Connection,
    office: &Signer,
    person: &portfolj_core::Person,
    public_key: &PublicKeyText,
    review_groups: Vec<u8>,
    valid: (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<(Certificate, Signed), ApiError> {
    let unit_name = org::units(conn)?.into_iter().find(|u| u.id == person.unit).map(|u| u.name).unwrap_or_default();
    let certificate = Certificate {
        serial: table::next_serial(conn)?,
        person_id: person.id.to_string(),
        name: person.name.clone(),
        email: person.email.clone(),
        unit_id: person.unit.to_string(),
        unit_name,
        roles: person.roles.iter().map(|r| crate::dto::RoleDto::from(*r)).map(role_code).collect(),
        review_groups,
        public_key: public_key.clone(),
        valid_from: valid.0,
        valid_to: valid.1,
        issued_at: now,
        office_key_id: office.public().key_id()?,
    };
    let signed = Signed::sign(office, &certificate, "intyg")?;
    store_certificate(conn, &certificate, &signed, now)?;
    Ok((certificate, signed))
}

fn role_code(role: crate::dto::RoleDto) -> String {
    serde_json::to_value(role).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

fn store_certificate(
    conn: &Connection,
    certificate: &Certificate,
    signed: &Signed,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let stored = StoredCertificate {
        serial: certificate.serial,
        person_id: certificate.person_id.clone(),
        key_id: certificate.public_key.key_id()?,
        body: signed.body.clone(),
        signature: signed.signature.clone(),
    };
    table::put_certificate(conn, &stored, now)?;
    Ok(())
}

/// What a bundle holds: read from its manifest and operations, so a bundle made here is
/// described without reading back the file just written.
fn preview_of(
    m: &Manifest,
    operations: &[Operation],
    hash: &str,
    plan: &Plan,
    refusal: Option<&ApiError>,
) -> Result<BundlePreviewDto, ApiError> {
    let office_key_id = operations
        .iter()
        .find_map(|op| match op {
            Operation::OfficeKey { public_key } => Some(public_key.key_id()),
            _ => None,
        })
        .transpose()
        .ok()
        .flatten();
    Ok(BundlePreviewDto {
        kind: m.kind.code().to_owned(),
        sender_name: m.sender.name.clone(),
        sender_key_id: m.sender.key_id.clone(),
        recipient: m.recipient.clone().unwrap_or_default(),
        sequence: u32::try_from(m.sequence).unwrap_or(u32::MAX),
        created_at: time(m.created_at),
        audit_head: m.audit_head.clone(),
        hash: hash.to_owned(),
        counts: count_dtos(&m.counts),
        office_key_id,
        new_writes: u32::try_from(plan.new_writes).unwrap_or(u32::MAX),
        changed_fields: u32::try_from(plan.changed_fields.len()).unwrap_or(u32::MAX),
        conflicts: u32::try_from(plan.conflicts.len()).unwrap_or(u32::MAX),
        refusal: refusal.map(ApiError::to_dto),
    })
}

fn count_dtos(counts: &BTreeMap<String, u64>) -> Vec<CountDto> {
    counts.iter().map(|(k, v)| CountDto { kind: k.clone(), count: u32::try_from(*v).unwrap_or(u32::MAX) }).collect()
}

fn decode(file: &BundleFileDto) -> Result<Vec<u8>, ApiError> {
    BASE64.decode(file.content_base64.as_bytes()).map_err(|_| {
        ApiError::new(ErrorCode::BadArguments, "Filen kom inte fram hel (felaktig base64). Välj filen igen.")
    })
}

/// Everything this laptop knows that a bundle is checked against.
fn context(conn: &Connection, m: &Manifest) -> Result<Context, ApiError> {
    let me = identity(conn)?;
    let channel = m.recipient.as_deref().unwrap_or(EVERYONE);
    let last = table::channel(conn, &m.sender.key_id, channel)?.map(|(sequence, hash)| Seen { sequence, hash });
    Ok(Context { trust: trust(conn)?, me: me.key_id, last })
}

/// Reads and verifies a bundle against the database, and reads every document it
/// carries, changing nothing: what passes here is what an import applies.
fn verified(conn: &Connection, bytes: &[u8]) -> Result<(Bundle<portfolj_sync::Verified>, Plan), ApiError> {
    let (bundle, _) = checked(conn, bytes)?;
    let plan = writes::plan(conn, &writes_in(&bundle))?;
    Ok((bundle, plan))
}

/// Everything [`verified`] checks, without the merge plan; with the context it was checked
/// against, so a later transaction can tell whether anything it depends on has moved.
fn checked(conn: &Connection, bytes: &[u8]) -> Result<(Bundle<portfolj_sync::Verified>, Context), ApiError> {
    let bundle = Bundle::read(bytes)?;
    let context = context(conn, bundle.manifest())?;
    let bundle = bundle.verify(&context)?;
    for op in bundle.operations() {
        match op {
            Operation::Programme { reference } => {
                reference::parse(reference)?;
            }
            Operation::Application { snapshot } => {
                replica::parse(conn, snapshot)?;
            }
            _ => {}
        }
    }
    let arriving = bundle
        .operations()
        .iter()
        .filter_map(|op| match op {
            Operation::Application { snapshot } => snapshot["id"].as_str().and_then(|id| id.parse().ok()),
            _ => None,
        })
        .collect();
    writes::check_rights(conn, &writes_in(&bundle), bundle.certificate(), &arriving)?;
    crate::usecases::review::incoming(conn, bundle.operations(), bundle.certificate())?;
    crate::usecases::status::incoming(conn, bundle.operations(), false)?;
    Ok((bundle, context))
}

fn writes_in<S>(bundle: &Bundle<S>) -> Vec<&FieldWrite> {
    bundle
        .operations()
        .iter()
        .filter_map(|op| match op {
            Operation::Write { write } => Some(write),
            _ => None,
        })
        .collect()
}

/// Applies a verified bundle's operations; the caller's transaction makes it all or nothing.
fn apply(
    conn: &Connection,
    bundle: &Bundle<portfolj_sync::Verified>,
    now: DateTime<Utc>,
    progress: &crate::progress::Progress,
) -> Result<Plan, ApiError> {
    let mut trust = trust(conn)?.unwrap_or(Trust { office_keys: vec![], revoked: vec![] });
    for op in bundle.operations() {
        if !matches!(op, Operation::Write { .. }) {
            progress.advance(1)?;
        }
        match op {
            Operation::OfficeKey { public_key } => {
                table::pin_office_key(conn, &public_key.key_id()?, &public_key.0, now)?;
                trust.office_keys.push(public_key.clone());
            }
            Operation::Rotation { signed } => {
                let key = trust.accept_rotation(signed)?;
                table::pin_office_key(conn, &key.key_id()?, &key.0, now)?;
                table::put_rotation(conn, &signed.body, &signed.signature)?;
                trust.office_keys.push(key);
            }
            Operation::Certificate { signed } => {
                let certificate = trust.certificate(signed)?;
                store_certificate(conn, &certificate, signed, now)?;
            }
            Operation::Revocations { signed } => {
                let list = trust
                    .office_keys
                    .iter()
                    .find_map(|k| signed.open::<RevocationList>(k).ok())
                    .ok_or(SyncError::UnknownSigner)?;
                let newer = table::revocation_list(conn)?.is_none_or(|(number, _, _)| list.number > number);
                if newer {
                    table::put_revocation_list(conn, list.number, &signed.body, &signed.signature, &list.serials)?;
                }
            }
            Operation::Programme { reference } => reference::apply(conn, reference::parse(reference)?)?,
            Operation::Application { snapshot } => replica::apply(conn, replica::parse(conn, snapshot)?)?,
            Operation::Acknowledge { hashes } => {
                // The office has our bundles up to here: the next export starts after them.
                if let Some(through) = table::marked_through(conn, hashes)? {
                    let held = setting::get(conn, setting::key::ACKNOWLEDGED_THROUGH)?.unwrap_or_default();
                    if through > held {
                        setting::set(conn, setting::key::ACKNOWLEDGED_THROUGH, &through)?;
                    }
                }
            }
            Operation::Write { .. }
            | Operation::ReviewRound { .. }
            | Operation::Score { .. }
            | Operation::Jav { .. }
            | Operation::StatusReport { .. } => {}
        }
    }
    crate::usecases::status::incoming(conn, bundle.operations(), true)?;
    let review = crate::usecases::review::incoming(conn, bundle.operations(), bundle.certificate())?;
    if !review.is_empty() {
        crate::usecases::review::apply_incoming(conn, &review, now)?;
    }
    let me = identity(conn)?;
    let incoming = writes_in(bundle);
    let plan = if incoming.is_empty() {
        Plan::default()
    } else {
        writes::merge_in(conn, &incoming, bundle.certificate(), &me.key_id, now, progress)?
    };
    if bundle.manifest().kind == BundleKind::Invitation {
        // The invitation's certificate for this laptop says who works here.
        let mine = table::certificate_of_key(conn, &me.key_id)?
            .ok_or_else(|| SyncError::NotAllowed("inbjudan saknar intyg för den här datorn".to_owned()))?;
        table::set_identity(conn, &Identity { person_id: Some(mine.person_id.clone()), ..me }, now)?;
        setting::set(conn, setting::key::ACTING_PERSON, &mine.person_id)?;
    }
    Ok(plan)
}

fn log(
    conn: &Connection,
    manifest: &Manifest,
    hash: &str,
    direction: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    table::log_bundle(
        conn,
        &LoggedBundle {
            hash: hash.to_owned(),
            direction: direction.to_owned(),
            kind: manifest.kind.code().to_owned(),
            sender_key_id: manifest.sender.key_id.clone(),
            sender_name: manifest.sender.name.clone(),
            recipient: manifest.recipient.clone().unwrap_or_else(|| EVERYONE.to_owned()),
            sequence: manifest.sequence,
            created_at: time(manifest.created_at),
            handled_at: time(now),
            counts: serde_json::to_string(&manifest.counts).unwrap_or_default(),
        },
    )?;
    Ok(())
}

/// The office's statements every receiving laptop needs first: key rotations in order and
/// the newest revocation list.
fn office_statements(conn: &Connection) -> Result<Vec<Operation>, ApiError> {
    let mut operations: Vec<Operation> = table::rotations(conn)?
        .into_iter()
        .map(|(body, signature)| Operation::Rotation { signed: Signed { body, signature } })
        .collect();
    if let Some((_, body, signature)) = table::revocation_list(conn)? {
        operations.push(Operation::Revocations { signed: Signed { body, signature } });
    }
    Ok(operations)
}

/// The key of the office laptop that invited this one: where a member's bundles go.
fn office_key_id(conn: &Connection) -> Result<String, ApiError> {
    table::bundle_log(conn)?
        .into_iter()
        .find(|b| b.direction == "in" && b.kind == "invitation")
        .map(|b| b.sender_key_id)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::Conflict,
                "Den här datorn har inte gått med via en inbjudan och har ingen att skicka till.",
            )
        })
}

/// Makes, signs and logs a bundle from this laptop to `recipient` (a key id) or everyone.
fn export(
    conn: &Connection,
    database: &Path,
    kind: BundleKind,
    recipient: Option<String>,
    operations: Vec<Operation>,
    passphrase: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ExportedBundleDto, ApiError> {
    let me = identity(conn)?;
    let signer = keyfiles::signer(database, keyfiles::LAPTOP, passphrase)?;
    let mine = table::certificate_of_key(conn, &me.key_id)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Conflict,
            "Den här datorn har inget intyg från projektkontoret och kan inte skicka paket än.",
        )
    })?;
    let certificate: Certificate = portfolj_sync::json::parse(mine.body.as_bytes())?;
    let channel = recipient.clone().unwrap_or_else(|| EVERYONE.to_owned());
    let last = table::channel(conn, &me.key_id, &channel)?;
    let manifest = Manifest {
        kind,
        sender: Sender {
            person_id: certificate.person_id.clone(),
            name: certificate.name.clone(),
            key_id: me.key_id.clone(),
        },
        certificate: Signed { body: mine.body, signature: mine.signature },
        recipient,
        sequence: last.as_ref().map_or(1, |(s, _)| s + 1),
        previous_hash: last.map(|(_, h)| h),
        created_at: now,
        audit_head: audit_table::head(conn)?,
        counts: bundle::counts(&operations),
    };
    let document = Document { format: portfolj_sync::FORMAT.to_owned(), manifest, operations };
    let (bytes, hash) = bundle::seal(&document, &signer)?;
    log(conn, &document.manifest, &hash, "out", now)?;
    let file_name = format!("portfolj-{}-{}-{}.portfolj", now.format("%Y%m%d"), me.key_id, document.manifest.sequence);
    Ok(ExportedBundleDto {
        file: BundleFileDto { file_name, content_base64: BASE64.encode(&bytes) },
        preview: preview_of(&document.manifest, &document.operations, &hash, &Plan::default(), None)?,
    })
}

impl Api {
    fn database(&self) -> std::path::PathBuf {
        self.store().path().to_path_buf()
    }

    /// Creates this laptop's key pair (or restores a backed-up key file); the secret key
    /// goes to the data directory.
    pub fn init_identity(&self, args: &InitIdentityDto) -> Result<IdentityDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let key = new_identity(tx, &database, args, now)?;
            keyfiles::write_all(&database, &[key])?;
            identity_dto(tx, &database)
        })
    }

    pub fn show_identity(&self) -> Result<IdentityDto, ApiError> {
        let database = self.database();
        self.store().read(|tx| identity_dto(tx, &database))
    }

    /// Makes this laptop the projektkontor's: creates the office key, trusts it, and
    /// certifies the acting office person's laptop key with it.
    pub fn init_office(&self, args: &PassphraseDto) -> Result<IdentityDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let person = session::acting_person(tx)?;
            session::require_office(&Actor::of(&person), ONLY_OFFICE)?;
            let key = new_office_key(tx, &database, &person, args.passphrase.as_deref(), now)?;
            keyfiles::write_all(&database, &[key])?;
            identity_dto(tx, &database)
        })
    }

    /// The office invites a person's laptop: a certificate for its key, the office key
    /// and the programme, in one bundle addressed to that laptop.
    pub fn invite(&self, args: &InviteDto) -> Result<ExportedBundleDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, ONLY_OFFICE)?;
            let office = keyfiles::signer(&database, keyfiles::OFFICE, args.passphrase.as_deref())?;
            let wanted = args.person_id.trim();
            let person = org::people(tx)?
                .into_iter()
                .find(|p| p.id.to_string() == wanted || p.email.eq_ignore_ascii_case(wanted))
                .ok_or_else(|| ApiError::not_found("Personen"))?;
            let key = PublicKeyText(args.public_key.trim().to_owned());
            let recipient = key.key_id().map_err(|_| {
                ApiError::new(ErrorCode::Validation, "Den publika nyckeln går inte att läsa. Klistra in raden som börjar med RW från `portfolj identity show`.")
            })?;
            let (certificate, signed) =
                issue(tx, &office, &person, &key, args.review_groups.clone(), (now, now + Duration::days(i64::from(args.valid_days.unwrap_or(365)))), now)?;
            let mut operations = vec![Operation::OfficeKey { public_key: office.public().clone() }];
            operations.extend(office_statements(tx)?);
            operations.push(Operation::Certificate { signed });
            operations.push(Operation::Programme { reference: reference::of(tx)? });
            let exported = export(tx, &database, BundleKind::Invitation, Some(recipient), operations, args.passphrase.as_deref(), now)?;
            let detail = json!({ "serial": certificate.serial, "person": person.id.to_string(), "key": key.0, "bundle": exported.preview.hash });
            audit::record(tx, now, actor.person, "office.invite", &person.id.to_string(), &detail)?;
            Ok(exported)
        })
    }

    /// The office replaces its key: the new key is announced signed by the old one (so
    /// every laptop follows), this laptop's certificate is re-issued with it, and the old
    /// key file is kept as `office-<key id>.key`.
    pub fn rotate_office_key(&self, args: &RotateDto) -> Result<IdentityDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let person = session::acting_person(tx)?;
            session::require_office(&Actor::of(&person), ONLY_OFFICE)?;
            let old = keyfiles::signer(&database, keyfiles::OFFICE, args.passphrase.as_deref())?;
            let new = Signer::generate(args.new_passphrase.as_deref().filter(|p| !p.is_empty()))?;
            let rotation =
                Rotation { old_key: old.public().clone(), new_key: new.signer.public().clone(), issued_at: now };
            let signed = Signed::sign(&old, &rotation, "nyckelbyte")?;
            table::put_rotation(tx, &signed.body, &signed.signature)?;
            table::pin_office_key(tx, &new.signer.public().key_id()?, &new.signer.public().0, now)?;
            let me = identity(tx)?;
            // The same person on the same laptop: the new certificate keeps the old period,
            // so work signed before the rotation stays within it.
            let old_certificate: Certificate = table::certificate_of_key(tx, &me.key_id)?
                .map(|c| portfolj_sync::json::parse(c.body.as_bytes()))
                .transpose()?
                .ok_or_else(|| ApiError::new(ErrorCode::Conflict, "Den här datorn har inget intyg att förnya."))?;
            let valid = (old_certificate.valid_from, old_certificate.valid_to);
            issue(
                tx,
                &new.signer,
                &person,
                &PublicKeyText(me.public_key.clone()),
                old_certificate.review_groups,
                valid,
                now,
            )?;
            let detail = json!({ "old_key": old.public().0, "new_key": new.signer.public().0 });
            audit::record(tx, now, person.id, "office.rotate", &new.signer.public().key_id()?, &detail)?;
            // The new key is written beside the old before anything is renamed, so a
            // failure leaves the old key in place.
            keyfiles::write(&database, keyfiles::OFFICE_NEXT, &new.secret_file)?;
            keyfiles::retire(&database, keyfiles::OFFICE, &format!("office-{}.key", old.public().key_id()?))?;
            keyfiles::retire(&database, keyfiles::OFFICE_NEXT, keyfiles::OFFICE)?;
            identity_dto(tx, &database)
        })
    }

    /// The office withdraws a certificate; the new revocation list travels in its next bundles.
    pub fn revoke(&self, args: &RevokeDto) -> Result<IdentityDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, ONLY_OFFICE)?;
            if args.reason.trim().is_empty() {
                return Err(ApiError::new(
                    ErrorCode::Validation,
                    "Ange varför intyget återkallas; skälet sparas i loggen.",
                ));
            }
            let serial = u64::from(args.serial);
            if !table::certificates(tx)?.iter().any(|c| c.serial == serial) {
                return Err(ApiError::not_found("Intyget"));
            }
            let office = keyfiles::signer(&database, keyfiles::OFFICE, args.passphrase.as_deref())?;
            let mut serials = table::revoked(tx)?;
            serials.push(serial);
            serials.sort_unstable();
            serials.dedup();
            let number = table::revocation_list(tx)?.map_or(1, |(n, _, _)| n + 1);
            let list = RevocationList { number, serials: serials.clone(), issued_at: now };
            let signed = Signed::sign(&office, &list, "återkallelser")?;
            table::put_revocation_list(tx, number, &signed.body, &signed.signature, &serials)?;
            audit::record(
                tx,
                now,
                actor.person,
                "office.revoke",
                &serial.to_string(),
                &json!({ "reason": args.reason.trim(), "list": number }),
            )?;
            identity_dto(tx, &database)
        })
    }

    /// Every certificate this laptop holds, newest first, with whether it is revoked.
    pub fn certificates(&self) -> Result<Vec<CertificateDto>, ApiError> {
        self.store().read(|tx| {
            let revoked = table::revoked(tx)?;
            table::certificates(tx)?.iter().rev().map(|c| certificate_dto(c, &revoked)).collect()
        })
    }

    /// What a bundle holds and whether it would be accepted; changes nothing.
    pub fn inspect_bundle(&self, file: &BundleFileDto) -> Result<BundlePreviewDto, ApiError> {
        let bytes = decode(file)?;
        self.store().read(|tx| {
            let bundle = Bundle::read(&bytes)?;
            match verified(tx, &bytes) {
                Ok((verified, plan)) => {
                    preview_of(verified.manifest(), verified.operations(), verified.hash(), &plan, None)
                }
                Err(refusal) => {
                    preview_of(bundle.manifest(), bundle.operations(), bundle.hash(), &Plan::default(), Some(&refusal))
                }
            }
        })
    }

    /// Verifies a bundle against this laptop without applying it: the preview, or why
    /// it would be refused.
    pub fn verify_bundle(&self, file: &BundleFileDto) -> Result<BundlePreviewDto, ApiError> {
        let bytes = decode(file)?;
        self.store().read(|tx| {
            let (bundle, plan) = verified(tx, &bytes)?;
            preview_of(bundle.manifest(), bundle.operations(), bundle.hash(), &plan, None)
        })
    }

    /// Verifies and applies a bundle in one transaction: all of it, or — with the reason —
    /// nothing.
    pub fn import_bundle(&self, file: &BundleFileDto) -> Result<BundlePreviewDto, ApiError> {
        // Running (and so cancellable) from the start, while a large bundle is still read.
        let _running = self
            .progress
            .start(0, "Importen avbröts. Inget har ändrats i databasen; du kan importera paketet igen när du vill.")?;
        let bytes = decode(file)?;
        let now = self.clock.now();
        let mut store = self.store();
        // A refused bundle leaves everything as it was, the backup folder included.
        let (bundle, seen) = store.read(|tx| checked(tx, &bytes))?;
        self.progress.set_total(u64::try_from(bundle.operations().len()).unwrap_or(u64::MAX));
        self.progress.advance(0)?;
        // The copy before the import can be cancelled too, as part of the import.
        crate::usecases::backup::take(&mut store, "fore-import", now, true, &mut |_, _| self.progress.advance(0))?;
        store.write(|tx| {
            // Checked again only if what it was checked against moved in between (another
            // process on the same database); the rights are checked again as it is applied.
            let bundle = if context(tx, bundle.manifest())? == seen { bundle } else { checked(tx, &bytes)?.0 };
            let plan = apply(tx, &bundle, now, &self.progress)?;
            log(tx, bundle.manifest(), bundle.hash(), "in", now)?;
            // Kept whole, so every imported operation can be read again under the hash
            // the audit entry pins.
            table::put_content(tx, bundle.hash(), bundle.payload(), bundle.signature())?;
            let actor = session::acting_person(tx)?;
            let detail = json!({ "bundle": bundle.hash(), "sender": bundle.manifest().sender.key_id, "sequence": bundle.manifest().sequence, "counts": bundle.manifest().counts });
            audit::record(tx, now, actor.id, "bundle.import", bundle.hash(), &detail)?;
            // A cancel up to the commit is honoured.
            self.progress.advance(0)?;
            preview_of(bundle.manifest(), bundle.operations(), bundle.hash(), &plan, None)
        })
    }

    /// A member's own field writes the office has not yet acknowledged (or all since a
    /// date), for the office laptop that invited this one. A bundle lost on the way is
    /// therefore sent again with the next one; taking a write twice changes nothing.
    pub fn export_bundle(&self, args: &ExportDto) -> Result<ExportedBundleDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            let office = office_key_id(tx)?;
            let after = match args.since.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(date) => {
                    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
                        ApiError::new(ErrorCode::Validation, "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-01.")
                    })?;
                    let ms = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis()).unwrap_or(0);
                    portfolj_sync::hlc::Stamp { wall_ms: ms, counter: 0, node: String::new() }.key()
                }
                None => setting::get(tx, setting::key::ACKNOWLEDGED_THROUGH)?.unwrap_or_default(),
            };
            let local = table::local_writes_after(tx, &after)?;
            let Some(last) = local.last().map(|w| w.stamp_key.clone()) else {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    "Inget nytt att skicka: projektkontoret har bekräftat allt du har ändrat.",
                ));
            };
            let operations = local
                .iter()
                .map(|w| {
                    serde_json::from_str(&w.write)
                        .map(|write| Operation::Write { write })
                        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let exported =
                export(tx, &database, BundleKind::Member, Some(office), operations, args.passphrase.as_deref(), now)?;
            table::mark_export(tx, &exported.preview.hash, &last)?;
            let detail = json!({ "bundle": exported.preview.hash, "writes": local.len() });
            audit::record(tx, now, actor.person, "bundle.export", &exported.preview.hash, &detail)?;
            Ok(exported)
        })
    }

    /// The office sends a member's laptop (by key id) what it works on: the programme,
    /// the revocation list, every application open for editing, and every field write held
    /// for them, so the member's edits name what they replace. Without a key id: a
    /// programme update for every laptop.
    pub fn send_bundle(&self, args: &SendDto) -> Result<ExportedBundleDto, ApiError> {
        let database = self.database();
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            session::require_office(&actor, ONLY_OFFICE)?;
            let recipient = args.recipient_key_id.as_deref().map(str::trim).filter(|k| !k.is_empty()).map(str::to_uppercase);
            let mut operations = office_statements(tx)?;
            if let Some(recipient) = &recipient {
                if !table::certificates(tx)?.iter().any(|c| &c.key_id == recipient) {
                    return Err(ApiError::new(
                        ErrorCode::NotFound,
                        format!("Ingen dator med nyckel-id {recipient} har intyg härifrån. Bjud in den först."),
                    ));
                }
                let received: Vec<String> = table::bundle_log(tx)?
                    .into_iter()
                    .filter(|b| b.direction == "in" && &b.sender_key_id == recipient)
                    .map(|b| b.hash)
                    .collect();
                if !received.is_empty() {
                    operations.push(Operation::Acknowledge { hashes: received });
                }
            }
            operations.push(Operation::Programme { reference: reference::of(tx)? });
            // One laptop's work; a bundle for everyone carries only the programme and the
            // office's statements, and every laptop takes the same file.
            if recipient.is_some() {
                let filter = portfolj_store::tables::application::ApplicationFilter::default();
                for listed in portfolj_store::tables::application::list(tx, &filter)? {
                    let app = listed.application;
                    // Editable ones to work on; running ones to report on; closed ones so a
                    // laptop stops reporting on them.
                    use portfolj_core::ApplicationState::{Closed, FollowedUp, Running};
                    if !app.state.is_editable() && !matches!(app.state, Running | Closed | FollowedUp) {
                        continue;
                    }
                    operations.push(Operation::Application { snapshot: replica::of(tx, &app)? });
                    for write in writes::held_for(tx, &writes::entity_of(app.id))? {
                        operations.push(Operation::Write { write });
                    }
                }
            }
            let exported =
                export(tx, &database, BundleKind::Office, recipient, operations, args.passphrase.as_deref(), now)?;
            let detail = json!({ "bundle": exported.preview.hash, "counts": exported.preview.counts.iter().map(|c| (c.kind.clone(), c.count)).collect::<BTreeMap<_, _>>() });
            audit::record(tx, now, actor.person, "bundle.send", &exported.preview.hash, &detail)?;
            Ok(exported)
        })
    }

    /// Fields where concurrent values disagree.
    pub fn conflicts(&self) -> Result<Vec<ConflictDto>, ApiError> {
        self.store().read(|tx| {
            session::actor(tx)?;
            writes::conflicts(tx)
        })
    }

    /// Keeps one value of a conflicting field.
    pub fn resolve_conflict(&self, args: &ResolveConflictDto) -> Result<Vec<ConflictDto>, ApiError> {
        let now = self.clock.now();
        self.store().write(|tx| {
            let actor = session::actor(tx)?;
            writes::resolve(tx, &actor, args, now)?;
            writes::conflicts(tx)
        })
    }

    /// Bundles made and received, newest first.
    pub fn bundle_log(&self) -> Result<Vec<BundleLogDto>, ApiError> {
        self.store().read(|tx| {
            Ok(table::bundle_log(tx)?
                .into_iter()
                .map(|b| BundleLogDto {
                    counts: count_dtos(&serde_json::from_str(&b.counts).unwrap_or_default()),
                    hash: b.hash,
                    direction: b.direction,
                    kind: b.kind,
                    sender_name: b.sender_name,
                    sender_key_id: b.sender_key_id,
                    recipient: b.recipient,
                    sequence: u32::try_from(b.sequence).unwrap_or(u32::MAX),
                    created_at: b.created_at,
                    handled_at: b.handled_at,
                })
                .collect())
        })
    }
}
