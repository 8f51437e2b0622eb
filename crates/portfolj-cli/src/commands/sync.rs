//! `portfolj identity|office|bundle`: this laptop's key, the projektkontor's office key and
//! invitations, and signed bundles in and out.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use clap::{Args, Subcommand};
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::{Value, json};

use super::{items, text};
use crate::output;

#[derive(Debug, Args)]
pub struct Passphrase {
    /// The secret key's passphrase (or set PORTFOLJ_PASSPHRASE); leave out for none.
    #[arg(long, env = "PORTFOLJ_PASSPHRASE", hide_env_values = true)]
    pub(crate) passphrase: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Create this laptop's key pair (once), or restore it from a backed-up key file.
    Init {
        /// A minisign secret key file to restore instead of creating a new key.
        #[arg(long)]
        restore: Option<PathBuf>,
        #[command(flatten)]
        passphrase: Passphrase,
    },
    /// Show this laptop's public key, certificate and trusted office keys.
    Show,
}

#[derive(Debug, Subcommand)]
pub enum OfficeCommand {
    /// Set up a new programme on this empty laptop: the programme, you as the projektkontor,
    /// this laptop's key and the office key, all at once.
    Setup {
        #[command(flatten)]
        you: super::persona::PersonFields,
        #[command(flatten)]
        passphrase: Passphrase,
    },
    /// Make this laptop the projektkontor's: create the office key and certify yourself.
    Init(Passphrase),
    /// Invite a person's laptop: certificate, office key and programme in one bundle.
    Invite {
        /// The person's id or e-mail.
        person: String,
        /// The laptop's public key, from `portfolj identity show` on that laptop.
        #[arg(long)]
        key: String,
        /// Where to write the invitation bundle.
        #[arg(long)]
        out: PathBuf,
        /// How many days the certificate holds.
        #[arg(long, default_value_t = 365)]
        valid_days: u32,
        /// A portfolio whose beredningsgrupp the person sits in (repeatable).
        #[arg(long = "review-group")]
        review_groups: Vec<u8>,
        #[command(flatten)]
        passphrase: Passphrase,
    },
    /// Every certificate this laptop holds.
    Certificates,
    /// Replace the office key: the new key is announced signed by the old one.
    Rotate {
        #[command(flatten)]
        passphrase: Passphrase,
        /// A passphrase for the new office key (leave out for none).
        #[arg(long)]
        new_passphrase: Option<String>,
    },
    /// Withdraw a certificate by its serial number.
    Revoke {
        serial: u32,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        passphrase: Passphrase,
    },
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// What a bundle holds and whether this laptop would accept it; changes nothing.
    Inspect { file: PathBuf },
    /// Check a bundle; exits with an error code if this laptop would refuse it.
    Verify { file: PathBuf },
    /// Verify and take in a bundle, all of it or nothing.
    Import { file: PathBuf },
    /// Bundles made and received.
    Log,
    /// Your own changes since the last bundle (or a date), for the projektkontor.
    Export {
        #[arg(long)]
        out: PathBuf,
        /// Everything written since this date (YYYY-MM-DD) instead.
        #[arg(long)]
        since: Option<String>,
        #[command(flatten)]
        passphrase: Passphrase,
    },
    /// (Projektkontoret) Send a member's laptop its work: programme, open applications and
    /// their changes; without a key id, a programme update for every laptop.
    Send {
        /// The laptop's key id, from its certificate (`portfolj office certificates`).
        key_id: Option<String>,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        passphrase: Passphrase,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConflictsCommand {
    /// Fields where values written at the same time on different laptops disagree.
    List,
    /// Keep one value of a field (by its stamp from `conflicts list`); the conflict closes.
    Resolve { application: String, field: String, stamp: String },
}

fn read(file: &Path) -> Result<Value, ApiError> {
    let read = portfolj_api::dto::BundleFileDto::read(file)?;
    Ok(json!({ "file_name": read.file_name, "content_base64": read.content_base64 }))
}

pub(crate) fn write(file: &Path, exported: &Value) -> Result<(), ApiError> {
    write_file(file, &exported["file"])
}

/// Writes a file the API returned as `{file_name, content_base64}`.
pub(crate) fn write_file(file: &Path, returned: &Value) -> Result<(), ApiError> {
    let bytes = BASE64
        .decode(text(returned, "content_base64"))
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("Filen kunde inte avkodas: {e}")))?;
    std::fs::write(file, bytes).map_err(|e| {
        ApiError::new(ErrorCode::BadArguments, format!("Filen {} kunde inte skrivas: {e}", file.display()))
    })
}

pub fn identity(api: &Api, command: IdentityCommand, json: bool) -> Result<(), ApiError> {
    let shown = match command {
        IdentityCommand::Init { restore, passphrase } => {
            let secret_key = restore
                .map(|path| {
                    std::fs::read_to_string(&path).map_err(|e| {
                        ApiError::new(
                            ErrorCode::BadArguments,
                            format!("Nyckelfilen {} kunde inte läsas: {e}", path.display()),
                        )
                    })
                })
                .transpose()?;
            api.call("identity.init", json!({ "passphrase": passphrase.passphrase, "secret_key": secret_key }))?
        }
        IdentityCommand::Show => api.call("identity.show", Value::Null)?,
    };
    print_identity(&shown, json);
    Ok(())
}

fn print_identity(i: &Value, json: bool) {
    if json {
        output::json(i);
        return;
    }
    output::line(&format!("Nyckel-id:        {}", text(i, "key_id")));
    output::line(&format!("Publik nyckel:    {}", text(i, "public_key")));
    output::line(&format!("Lösenfras:        {}", if i["passphrase_protected"] == true { "ja" } else { "nej" }));
    let person = i["person_name"].as_str().unwrap_or("– (inte inbjuden än)");
    output::line(&format!("Person:           {person}"));
    if let Some(c) = i["certificate"].as_object() {
        let valid_to = c.get("valid_to").and_then(Value::as_str).unwrap_or_default();
        output::line(&format!("Intyg:            nr {} till {}", c.get("serial").unwrap_or(&Value::Null), valid_to));
    }
    let keys: Vec<&str> = items(&i["office_key_ids"]).iter().filter_map(Value::as_str).collect();
    output::line(&format!(
        "Projektkontorets nycklar: {}",
        if keys.is_empty() { "–".to_owned() } else { keys.join(", ") }
    ));
}

pub fn office(api: &Api, command: OfficeCommand, json: bool) -> Result<(), ApiError> {
    match command {
        OfficeCommand::Setup { you, passphrase } => {
            let args = json!({ "name": you.name, "email": you.email, "unit_name": you.unit, "passphrase": passphrase.passphrase });
            print_identity(&api.call("programme.setup", args)?, json)
        }
        OfficeCommand::Init(p) => {
            print_identity(&api.call("office.init", json!({ "passphrase": p.passphrase }))?, json)
        }
        OfficeCommand::Invite { person, key, out, valid_days, review_groups, passphrase } => {
            let args = json!({ "person_id": person, "public_key": key, "valid_days": valid_days,
                "review_groups": review_groups, "passphrase": passphrase.passphrase });
            let exported = api.call("office.invite", args)?;
            write(&out, &exported)?;
            print_preview(&exported["preview"], json);
            if !json {
                output::line(&format!("Inbjudan skriven till {}.", out.display()));
            }
        }
        OfficeCommand::Rotate { passphrase, new_passphrase } => {
            let args = json!({ "passphrase": passphrase.passphrase, "new_passphrase": new_passphrase });
            print_identity(&api.call("office.rotate", args)?, json);
        }
        OfficeCommand::Certificates => {
            let list = api.call("office.certificates", Value::Null)?;
            if json {
                output::json(&list);
            } else {
                let rows: Vec<Vec<String>> = items(&list)
                    .iter()
                    .map(|c| {
                        let roles: Vec<&str> = items(&c["roles"]).iter().filter_map(Value::as_str).collect();
                        vec![
                            c["serial"].to_string(),
                            text(c, "name").to_owned(),
                            roles.join(", "),
                            text(c, "key_id").to_owned(),
                            text(c, "valid_to").to_owned(),
                            if c["revoked"] == true { "återkallat" } else { "gäller" }.to_owned(),
                        ]
                    })
                    .collect();
                output::table(&["Nr", "Person", "Roller", "Nyckel-id", "Gäller till", "Status"], &rows);
            }
        }
        OfficeCommand::Revoke { serial, reason, passphrase } => {
            let args = json!({ "serial": serial, "reason": reason, "passphrase": passphrase.passphrase });
            print_identity(&api.call("office.revoke", args)?, json);
        }
    }
    Ok(())
}

pub fn bundle(api: &Api, command: BundleCommand, json: bool) -> Result<(), ApiError> {
    match command {
        BundleCommand::Inspect { file } => print_preview(&api.call("bundle.inspect", read(&file)?)?, json),
        BundleCommand::Verify { file } => print_preview(&api.call("bundle.verify", read(&file)?)?, json),
        BundleCommand::Import { file } => {
            let preview = api.call("bundle.import", read(&file)?)?;
            print_preview(&preview, json);
            if !json {
                output::line("Paketet är importerat.");
            }
        }
        BundleCommand::Export { out, since, passphrase } => {
            let exported = api.call("bundle.export", json!({ "since": since, "passphrase": passphrase.passphrase }))?;
            write(&out, &exported)?;
            print_preview(&exported["preview"], json);
            if !json {
                output::line(&format!("Paketet är skrivet till {}. Skicka det till projektkontoret.", out.display()));
            }
        }
        BundleCommand::Send { key_id, out, passphrase } => {
            let args = json!({ "recipient_key_id": key_id, "passphrase": passphrase.passphrase });
            let exported = api.call("bundle.send", args)?;
            write(&out, &exported)?;
            print_preview(&exported["preview"], json);
            if !json {
                output::line(&format!("Paketet är skrivet till {}.", out.display()));
            }
        }
        BundleCommand::Log => {
            let log = api.call("bundle.log", Value::Null)?;
            if json {
                output::json(&log);
                return Ok(());
            }
            let rows: Vec<Vec<String>> = items(&log)
                .iter()
                .map(|b| {
                    vec![
                        text(b, "handled_at").to_owned(),
                        if text(b, "direction") == "in" { "in" } else { "ut" }.to_owned(),
                        swedish(text(b, "kind")).to_owned(),
                        text(b, "sender_name").to_owned(),
                        b["sequence"].to_string(),
                        text(b, "hash").chars().take(16).collect(),
                    ]
                })
                .collect();
            output::table(&["Tid", "Riktning", "Slag", "Avsändare", "Nr", "Kontrollsumma"], &rows);
        }
    }
    Ok(())
}

fn print_preview(p: &Value, json: bool) {
    if json {
        output::json(p);
        return;
    }
    output::line(&format!("Slag:          {}", swedish(text(p, "kind"))));
    output::line(&format!("Avsändare:     {} (nyckel {})", text(p, "sender_name"), text(p, "sender_key_id")));
    let recipient = if text(p, "recipient").is_empty() { "alla" } else { text(p, "recipient") };
    output::line(&format!("Mottagare:     {recipient}"));
    output::line(&format!("Nummer:        {}", p["sequence"]));
    output::line(&format!("Skapat:        {}", text(p, "created_at")));
    output::line(&format!("Kontrollsumma: {}", text(p, "hash")));
    if let Some(key) = p["office_key_id"].as_str() {
        output::line(&format!("Projektkontorets nyckel: {key} — jämför med den projektkontoret har gett dig."));
    }
    for c in items(&p["counts"]) {
        output::line(&format!("  {} × {}", c["count"], swedish(text(c, "kind"))));
    }
    if p["new_writes"].as_u64().is_some_and(|n| n > 0) {
        output::line(&format!(
            "Ger {} nya fältändringar, ändrar {} fält, {} konflikter.",
            p["new_writes"], p["changed_fields"], p["conflicts"]
        ));
    }
    if let Some(r) = p["refusal"].as_object() {
        let message = r.get("message").and_then(Value::as_str).unwrap_or_default();
        let code = r.get("code").and_then(Value::as_str).unwrap_or_default();
        output::line(&format!("Skulle avvisas ({code}): {message}"));
    }
}

/// Bundle and operation kinds as a Swedish reader knows them.
fn swedish(kind: &str) -> &str {
    match kind {
        "invitation" => "inbjudan",
        "member" => "från medlem",
        "office" => "från projektkontoret",
        "office_key" => "projektkontorets nyckel",
        "rotation" => "byte av projektkontorets nyckel",
        "certificate" => "intyg",
        "revocations" => "återkallade intyg",
        "programme" => "programdata",
        "application" => "ansökan",
        "write" => "fältändring",
        other => other,
    }
}

pub fn conflicts(api: &Api, command: ConflictsCommand, json: bool) -> Result<(), ApiError> {
    let list = match command {
        ConflictsCommand::List => api.call("conflicts.list", Value::Null)?,
        ConflictsCommand::Resolve { application, field, stamp } => api.call(
            "conflicts.resolve",
            json!({ "application_id": application, "field": field, "keep_stamp_key": stamp }),
        )?,
    };
    if json {
        output::json(&list);
        return Ok(());
    }
    if items(&list).is_empty() {
        output::line("Inga olösta konflikter.");
    }
    for c in items(&list) {
        output::line(&format!(
            "{} ({}) — {}",
            text(c, "application_title"),
            text(c, "application_id"),
            text(c, "field")
        ));
        for (label, w) in
            std::iter::once(("gäller", &c["current"])).chain(items(&c["others"]).iter().map(|w| ("annat", w)))
        {
            output::line(&format!(
                "  {label}: {} — {} {} [{}]",
                text(w, "value"),
                text(w, "author_name"),
                text(w, "written_at"),
                text(w, "stamp_key")
            ));
        }
    }
    Ok(())
}
