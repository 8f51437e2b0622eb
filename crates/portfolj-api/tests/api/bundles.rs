//! Signed bundles through the API on real database files: the office invites a laptop,
//! and the committed corpus of hostile bundles (tests/bundles/) is refused case by case
//! with its expected code and the database file unchanged.
//!
//! The corpus is written by `regenerate_hostile_corpus` (ignored; run it with
//! `cargo test -p portfolj-api --test api -- --ignored regenerate_hostile_corpus`) from
//! test-only keys in tests/bundles/keys/.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, TimeZone, Utc};
use portfolj_sync::bundle::{counts, seal, sha256_hex};
use portfolj_sync::container::{self, Entries};
use portfolj_sync::{
    BundleKind, Certificate, Document, FORMAT, Manifest, Operation, RevocationList, Sender, Signed, Signer,
};
use serde_json::{Value, json};

use super::{Fixture, act_as, demo, empty, err, file_bytes, ok};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/bundles")
}

pub(super) fn file_arg(bytes: &[u8]) -> Value {
    json!({ "file_name": "x.portfolj", "content_base64": BASE64.encode(bytes) })
}

pub(super) fn import(f: &Fixture, bytes: &[u8]) -> Result<Value, portfolj_api::ApiError> {
    f.api.call("bundle.import", file_arg(bytes))
}

// ---- The story: the office invites a coach's laptop ---------------------------------

pub(super) fn public_key(f: &Fixture) -> String {
    ok(f, "identity.show", json!({}))["public_key"].as_str().expect("key").to_owned()
}

pub(super) fn decode(exported: &Value) -> Vec<u8> {
    BASE64.decode(exported["file"]["content_base64"].as_str().expect("content")).expect("base64")
}

fn coach_email(f: &Fixture) -> String {
    let coach = act_as(f, "coach", None);
    act_as(f, "office", None);
    coach["email"].as_str().expect("email").to_owned()
}

#[test]
fn the_office_invites_a_laptop_which_joins_and_refuses_the_same_bundle_twice() {
    let office = demo();
    ok(&office, "identity.init", json!({}));
    let shown = ok(&office, "office.init", json!({}));
    assert_eq!(shown["certificate"]["roles"], json!(["office"]));
    let laptop = empty();
    ok(&laptop, "identity.init", json!({}));
    let email = coach_email(&office);
    let invitation = ok(&office, "office.invite", json!({"person_id": email, "public_key": public_key(&laptop)}));
    let bytes = decode(&invitation);

    let preview = ok(&laptop, "bundle.inspect", file_arg(&bytes));
    assert_eq!(preview["kind"], "invitation");
    assert_eq!(preview["refusal"], Value::Null);
    assert_eq!(preview["office_key_id"], shown["office_key_ids"][0]);

    import(&laptop, &bytes).expect("joins");
    // Progress is readable (by another thread while it runs); afterwards it is complete.
    let progress = ok(&laptop, "progress.get", json!({}));
    let operations: u64 =
        preview["counts"].as_array().expect("counts").iter().filter_map(|c| c["count"].as_u64()).sum();
    assert_eq!(
        (progress["active"].clone(), progress["done"].clone(), progress["total"].as_u64()),
        (json!(false), json!(operations), Some(operations))
    );
    let me = ok(&laptop, "identity.show", json!({}));
    assert_eq!(me["certificate"]["roles"], json!(["coach"]));
    assert_eq!(ok(&laptop, "session.get", json!({}))["person"]["email"], email);
    assert_eq!(ok(&laptop, "overview.get", json!({}))["frames"].as_array().map(Vec::len), Some(30));

    let before = file_bytes(&laptop);
    let e = import(&laptop, &bytes).expect_err("replayed");
    assert_eq!(e.code.as_str(), "bundle_replayed");
    assert!(file_bytes(&laptop) == before);
    let log = ok(&laptop, "bundle.log", json!({}));
    assert_eq!(log.as_array().map(Vec::len), Some(1));
    // The payload is kept: its hash is the one the audit log's import entry pins.
    let conn = rusqlite::Connection::open(&laptop.path).expect("open");
    let payload: Vec<u8> = conn.query_row("SELECT payload FROM bundle_content", [], |r| r.get(0)).expect("kept");
    assert_eq!(sha256_hex(&payload), preview["hash"].as_str().expect("hash"));
    let pinned: String = conn
        .query_row("SELECT detail FROM audit_log WHERE operation = 'bundle.import'", [], |r| r.get(0))
        .expect("audit entry");
    assert!(pinned.contains(preview["hash"].as_str().expect("hash")));
}

#[test]
fn a_coach_laptop_cannot_send_the_office_programme_changes() {
    let (office, laptop) = office_and_coach_laptop();

    // The coach's laptop signs a bundle that changes the programme, with its own key and
    // its genuine certificate: the office refuses the whole bundle and names the operation.
    let secret = fs::read_to_string(laptop.path.with_file_name("portfolj.db.keys/laptop.key")).expect("key file");
    let signer = Signer::open(&secret, None).expect("key");
    let certificate = fs_certificate(&laptop);
    let office_key_id = ok(&office, "identity.show", json!({}))["key_id"].as_str().expect("id").to_owned();
    let ops = vec![Operation::Programme { reference: json!({"name": "Kapat"}) }];
    let doc = document(&signer, certificate, "Coach", Some(&office_key_id), 1, None, at(2017, 11), ops);
    let (bytes, _) = seal(&doc, &signer).expect("seal");
    let before = file_bytes(&office);
    let e = import(&office, &bytes).expect_err("refused");
    assert_eq!(e.code.as_str(), "bundle_not_allowed");
    assert!(e.message.contains("programme"), "{}", e.message);
    assert!(file_bytes(&office) == before);
}

/// The coach laptop's own certificate, as the invitation delivered it.
pub(super) fn fs_certificate(f: &Fixture) -> Signed {
    let conn = rusqlite::Connection::open(&f.path).expect("open");
    conn.query_row(
        "SELECT c.body, c.signature FROM certificate c JOIN sync_identity i ON i.key_id = c.key_id",
        [],
        |r| Ok(Signed { body: r.get(0)?, signature: r.get(1)? }),
    )
    .expect("certificate")
}

#[test]
fn only_the_office_invites_and_a_bad_public_key_is_refused() {
    let office = demo();
    ok(&office, "identity.init", json!({}));
    ok(&office, "office.init", json!({}));
    let e =
        err(&office, "office.invite", json!({"person_id": coach_email(&office), "public_key": "RWQ-inte-en-nyckel"}));
    assert_eq!(e.code.as_str(), "validation");
    act_as(&office, "coach", None);
    let e = err(&office, "office.invite", json!({"person_id": "x", "public_key": "y"}));
    assert_eq!(e.code.as_str(), "forbidden");
}

// ---- The hostile corpus ------------------------------------------------------------

pub(super) fn at(year: i32, month: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, 1, 9, 0, 0).single().expect("date")
}

#[allow(clippy::too_many_arguments)]
pub(super) fn document(
    signer: &Signer,
    certificate: Signed,
    name: &str,
    recipient: Option<&str>,
    sequence: u64,
    previous_hash: Option<String>,
    created_at: DateTime<Utc>,
    operations: Vec<Operation>,
) -> Document {
    let person_id = serde_json::from_str::<Value>(&certificate.body).expect("body")["person_id"]
        .as_str()
        .expect("person")
        .to_owned();
    Document {
        format: FORMAT.to_owned(),
        manifest: Manifest {
            kind: BundleKind::Office,
            sender: Sender { person_id, name: name.to_owned(), key_id: signer.public().key_id().expect("id") },
            certificate,
            recipient: recipient.map(str::to_owned),
            sequence,
            previous_hash,
            created_at,
            audit_head: None,
            counts: counts(&operations),
        },
        operations,
    }
}

/// Person ids of the corpus's people.
const KARIN: &str = "01900000-0000-7000-8000-00000000000a";
const SARA: &str = "01900000-0000-7000-8000-00000000000b";
const ALI: &str = "01900000-0000-7000-8000-00000000000c";
const MALLORY: &str = "01900000-0000-7000-8000-00000000000d";
const UNIT: &str = "01900000-0000-7000-8000-0000000000aa";

fn keys() -> Vec<(&'static str, Signer)> {
    let dir = corpus_dir().join("keys");
    ["office", "karin", "sara", "ali", "mallory", "foreign-office"]
        .into_iter()
        .map(|name| {
            let text = fs::read_to_string(dir.join(format!("{name}.key"))).expect("test key");
            (name, Signer::open(&text, None).expect("key"))
        })
        .collect()
}

fn key<'a>(keys: &'a [(&str, Signer)], name: &str) -> &'a Signer {
    &keys.iter().find(|(n, _)| *n == name).expect("key").1
}

fn certify(office: &Signer, laptop: &Signer, serial: u64, person: &str, roles: &[&str], from: i32, to: i32) -> Signed {
    let c = Certificate {
        serial,
        person_id: person.to_owned(),
        name: format!("Person {serial}"),
        email: format!("p{serial}@stockholm.se"),
        unit_id: UNIT.to_owned(),
        unit_name: "Serviceförvaltningen".to_owned(),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        review_groups: vec![],
        public_key: laptop.public().clone(),
        valid_from: at(from, 1),
        valid_to: at(to, 1),
        issued_at: at(from, 1),
        office_key_id: office.public().key_id().expect("id"),
    };
    Signed::sign(office, &c, "intyg").expect("sign")
}

fn reference() -> Value {
    let person = |id: &str, name: &str, role: &str| json!({"id": id, "name": name, "email": format!("{}@stockholm.se", name.to_lowercase().replace(' ', ".")), "unit_id": UNIT, "roles": [role]});
    json!({
        "name": "Program för digital förnyelse 2013–2018", "first_year": 2013, "last_year": 2018,
        "units": [{"id": UNIT, "name": "Serviceförvaltningen", "kind": "department"}],
        "people": [person(KARIN, "Karin Ek", "office"), person(SARA, "Sara Lindqvist", "coach"),
                   person(ALI, "Ali Hassan", "coach"), person(MALLORY, "Mallory Mal", "coach")],
        "frames": [],
    })
}

/// A coach's write to one field of an application.
fn field_write(entity: &str, author: &str, laptop: &Signer) -> portfolj_sync::merge::FieldWrite {
    portfolj_sync::merge::FieldWrite {
        entity: entity.to_owned(),
        field: "details.problem".to_owned(),
        value: json!("Skrivet offline."),
        stamp: portfolj_sync::hlc::Stamp {
            wall_ms: 1_504_256_400_000,
            counter: 0,
            node: laptop.public().key_id().expect("id"),
        },
        author: author.to_owned(),
        supersedes: vec![],
    }
}

/// Text that does not compress, so an oversized field is not mistaken for a bomb.
fn incompressible(len: usize) -> String {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            char::from(b'a' + u8::try_from(x % 26).unwrap_or(0))
        })
        .collect()
}

/// A tar archive with entries exactly as given: names, types and contents unchecked, so
/// the corpus can hold what the writer refuses to make.
fn raw_tar(entries: &[(&[u8], tar::EntryType, &[u8])]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    for (name, kind, data) in entries {
        let mut header = tar::Header::new_ustar();
        header.as_mut_bytes()[..name.len()].copy_from_slice(name);
        header.set_entry_type(*kind);
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append(&header, *data).expect("append");
    }
    builder.into_inner().expect("tar")
}

fn signed_payload(signer: &Signer, json: &[u8]) -> Vec<u8> {
    let payload = container::compress(json).expect("gz");
    let signature = signer.sign(&payload, "portfolj test").expect("sign");
    container::write(&Entries { payload, signature }).expect("tar")
}

#[test]
#[ignore = "writes the committed corpus; run by hand after changing the format"]
fn regenerate_hostile_corpus() {
    let dir = corpus_dir();
    let keys_dir = dir.join("keys");
    fs::create_dir_all(&keys_dir).expect("dir");
    for name in ["office", "karin", "sara", "ali", "mallory", "foreign-office"] {
        let path = keys_dir.join(format!("{name}.key"));
        if !path.exists() {
            fs::write(&path, Signer::generate(None).expect("key").secret_file).expect("write key");
        }
    }
    let keys = keys();
    let (office, karin, sara, ali, mallory, foreign) = (
        key(&keys, "office"),
        key(&keys, "karin"),
        key(&keys, "sara"),
        key(&keys, "ali"),
        key(&keys, "mallory"),
        key(&keys, "foreign-office"),
    );
    let me = sara.public().key_id().expect("id");
    let karin_cert = certify(office, karin, 1, KARIN, &["office"], 2016, 2099);
    let when = at(2017, 9);

    // The valid invitation every case is checked after, and the valid next bundle.
    let revocations = RevocationList { number: 1, serials: vec![4], issued_at: when };
    let invitation_ops = vec![
        Operation::OfficeKey { public_key: office.public().clone() },
        Operation::Certificate { signed: certify(office, sara, 2, SARA, &["coach"], 2016, 2099) },
        Operation::Certificate { signed: certify(office, ali, 3, ALI, &["coach"], 2016, 2099) },
        Operation::Certificate { signed: certify(office, mallory, 4, MALLORY, &["coach"], 2016, 2099) },
        Operation::Revocations { signed: Signed::sign(office, &revocations, "återkallelser").expect("sign") },
        Operation::Programme { reference: reference() },
    ];
    let mut invitation = document(karin, karin_cert.clone(), "Karin Ek", Some(&me), 1, None, when, invitation_ops);
    invitation.manifest.kind = BundleKind::Invitation;
    let (invitation_file, invitation_hash) = seal(&invitation, karin).expect("seal");
    let next = |sequence: u64, previous: Option<String>, ops: Vec<Operation>| {
        document(karin, karin_cert.clone(), "Karin Ek", Some(&me), sequence, previous, when, ops)
    };
    let update = || vec![Operation::Programme { reference: reference() }];
    let (update_file, _) = seal(&next(2, Some(invitation_hash.clone()), update()), karin).expect("seal");
    let valid_next_json = serde_json::to_vec(&next(2, Some(invitation_hash.clone()), update())).expect("json");
    let valid = dir.join("valid");
    fs::create_dir_all(&valid).expect("dir");
    fs::write(valid.join("01-invitation.portfolj"), &invitation_file).expect("write");
    fs::write(valid.join("02-office-update.portfolj"), &update_file).expect("write");

    let sealed = |doc: &Document, by: &Signer| seal(doc, by).expect("seal").0;
    let with_json = |edit: &dyn Fn(&mut Value)| {
        let mut v: Value = serde_json::from_slice(&valid_next_json).expect("json");
        edit(&mut v);
        signed_payload(karin, &serde_json::to_vec(&v).expect("json"))
    };
    let entries = container::read(&update_file).expect("entries");
    let sig = entries.signature.as_bytes();
    let payload = entries.payload.as_slice();
    let regular = tar::EntryType::Regular;

    let mut cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("empty-file", "bundle_corrupt", vec![]),
        ("random-bytes", "bundle_corrupt", (0..2048u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()),
        ("truncated", "bundle_corrupt", update_file[..update_file.len() / 2].to_vec()),
        ("plain-json-not-a-bundle", "bundle_corrupt", valid_next_json.clone()),
        ("corrupt-compression", "bundle_corrupt", {
            let mut broken = payload.to_vec();
            let middle = broken.len() / 2;
            broken[middle..].iter_mut().for_each(|b| *b ^= 0x5a);
            let signature = karin.sign(&broken, "t").expect("sign");
            container::write(&Entries { payload: broken, signature }).expect("tar")
        }),
        (
            "path-traversal",
            "bundle_unsafe_path",
            raw_tar(&[(b"../bundle.json.gz", regular, payload), (b"bundle.json.gz.minisig", regular, sig)]),
        ),
        (
            "absolute-path",
            "bundle_unsafe_path",
            raw_tar(&[(b"/etc/portfolj/bundle.json.gz", regular, payload), (b"bundle.json.gz.minisig", regular, sig)]),
        ),
        (
            "windows-drive-path",
            "bundle_unsafe_path",
            raw_tar(&[(b"C:\\bundle.json.gz", regular, payload), (b"bundle.json.gz.minisig", regular, sig)]),
        ),
        (
            "symlink-entry",
            "bundle_unsafe_path",
            raw_tar(&[(b"bundle.json.gz", tar::EntryType::Symlink, b""), (b"bundle.json.gz.minisig", regular, sig)]),
        ),
        (
            "unknown-extra-entry",
            "bundle_corrupt",
            raw_tar(&[
                (b"bundle.json.gz", regular, payload),
                (b"bundle.json.gz.minisig", regular, sig),
                (b"readme.txt", regular, b"hej"),
            ]),
        ),
        (
            "duplicate-payload",
            "bundle_corrupt",
            raw_tar(&[
                (b"bundle.json.gz", regular, payload),
                (b"bundle.json.gz", regular, payload),
                (b"bundle.json.gz.minisig", regular, sig),
            ]),
        ),
        ("missing-signature", "bundle_corrupt", raw_tar(&[(b"bundle.json.gz", regular, payload)])),
        ("missing-payload", "bundle_corrupt", raw_tar(&[(b"bundle.json.gz.minisig", regular, sig)])),
        (
            "oversized-signature",
            "bundle_too_large",
            raw_tar(&[(b"bundle.json.gz", regular, payload), (b"bundle.json.gz.minisig", regular, &[b'A'; 5000])]),
        ),
        ("decompression-bomb", "bundle_decompression_bomb", signed_payload(karin, &vec![b' '; 60_000_000])),
        (
            "json-nested-too-deep",
            "bundle_json",
            with_json(&|v| {
                let mut deep = json!(1);
                for _ in 0..40 {
                    deep = json!([deep]);
                }
                v["operations"][0]["reference"]["deep"] = deep;
            }),
        ),
        ("json-duplicate-keys", "bundle_json", {
            let text = String::from_utf8(valid_next_json.clone()).expect("utf8");
            let doubled = text.replacen("\"sequence\":2", "\"sequence\":2,\"sequence\":3", 1);
            signed_payload(karin, doubled.as_bytes())
        }),
        ("json-invalid-utf8", "bundle_json", {
            let mut bytes = valid_next_json.clone();
            let at = bytes.windows(8).position(|w| w == b"Karin Ek").expect("name");
            bytes[at + 1] = 0xff;
            signed_payload(karin, &bytes)
        }),
        (
            "json-oversized-field",
            "bundle_json",
            with_json(&|v| v["manifest"]["sender"]["name"] = json!(incompressible(1_100_000))),
        ),
        (
            "json-unknown-operation",
            "bundle_json",
            with_json(&|v| v["operations"][0]["op"] = json!("delete_everything")),
        ),
        ("json-unknown-field", "bundle_json", with_json(&|v| v["manifest"]["admin"] = json!(true))),
        ("not-json-at-all", "bundle_json", signed_payload(karin, b"PK\x03\x04 not json")),
        ("counts-do-not-match", "bundle_corrupt", with_json(&|v| v["manifest"]["counts"]["programme"] = json!(7))),
        ("newer-format", "bundle_newer_format", with_json(&|v| v["format"] = json!("portfolj.bundle/9"))),
        ("unknown-format", "bundle_unknown_format", with_json(&|v| v["format"] = json!("kalkyl.export/1"))),
        ("payload-changed-after-signing", "bundle_bad_signature", {
            let mut v: Value = serde_json::from_slice(&valid_next_json).expect("json");
            v["manifest"]["sequence"] = json!(2);
            v["operations"][0]["reference"]["name"] = json!("Ändrat program");
            let payload = container::compress(&serde_json::to_vec(&v).expect("json")).expect("gz");
            container::write(&Entries { payload, signature: entries.signature.clone() }).expect("tar")
        }),
        (
            "signature-garbage",
            "bundle_bad_signature",
            raw_tar(&[
                (b"bundle.json.gz", regular, payload),
                (b"bundle.json.gz.minisig", regular, b"untrusted comment: x\nnot base64 at all\n"),
            ]),
        ),
        (
            "signed-by-another-key",
            "bundle_unknown_signer",
            sealed(&next(2, Some(invitation_hash.clone()), update()), mallory),
        ),
        ("certificate-from-foreign-office", "bundle_unknown_signer", {
            let forged = certify(foreign, karin, 1, KARIN, &["office"], 2016, 2099);
            sealed(
                &document(karin, forged, "Karin Ek", Some(&me), 2, Some(invitation_hash.clone()), when, update()),
                karin,
            )
        }),
        ("certificate-expired", "certificate_expired", {
            let old = certify(office, karin, 1, KARIN, &["office"], 2015, 2016);
            sealed(
                &document(karin, old, "Karin Ek", Some(&me), 2, Some(invitation_hash.clone()), when, update()),
                karin,
            )
        }),
        ("certificate-not-yet-valid", "certificate_not_yet_valid", {
            let early = certify(office, karin, 1, KARIN, &["office"], 2018, 2099);
            sealed(
                &document(karin, early, "Karin Ek", Some(&me), 2, Some(invitation_hash.clone()), when, update()),
                karin,
            )
        }),
        ("certificate-revoked", "certificate_revoked", {
            let revoked = certify(office, mallory, 4, MALLORY, &["coach"], 2016, 2099);
            sealed(&document(mallory, revoked, "Mallory Mal", Some(&me), 1, None, when, vec![]), mallory)
        }),
        (
            "sender-is-not-the-certificate-holder",
            "bundle_unknown_signer",
            with_json(&|v| v["manifest"]["sender"]["person_id"] = json!(ALI)),
        ),
        ("wrong-recipient", "bundle_wrong_recipient", {
            let other = ali.public().key_id().expect("id");
            sealed(
                &document(
                    karin,
                    karin_cert.clone(),
                    "Karin Ek",
                    Some(&other),
                    2,
                    Some(invitation_hash.clone()),
                    when,
                    update(),
                ),
                karin,
            )
        }),
        ("replayed-invitation", "bundle_replayed", invitation_file.clone()),
        ("older-sequence", "bundle_replayed", sealed(&next(1, None, update()), karin)),
        (
            "broken-previous-hash",
            "bundle_broken_chain",
            sealed(&next(2, Some(sha256_hex(b"another bundle")), update()), karin),
        ),
        ("sequence-gap", "bundle_broken_chain", sealed(&next(3, Some(invitation_hash.clone()), update()), karin)),
        ("operation-outside-role", "bundle_not_allowed", {
            let coach = certify(office, ali, 3, ALI, &["coach"], 2016, 2099);
            sealed(&document(ali, coach, "Ali Hassan", Some(&me), 1, None, when, update()), ali)
        }),
        ("invitation-from-foreign-office", "bundle_unknown_signer", {
            let fake_cert = certify(foreign, mallory, 1, MALLORY, &["office"], 2016, 2099);
            let mut doc = document(
                mallory,
                fake_cert,
                "Falskt kontor",
                Some(&me),
                1,
                None,
                when,
                vec![
                    Operation::OfficeKey { public_key: foreign.public().clone() },
                    Operation::Programme { reference: reference() },
                ],
            );
            doc.manifest.kind = BundleKind::Invitation;
            sealed(&doc, mallory)
        }),
        ("write-to-an-unknown-application", "bundle_not_allowed", {
            let coach = certify(office, ali, 3, ALI, &["coach"], 2016, 2099);
            let write = field_write("application/01900000-0000-7000-8000-0000000000ff", ALI, ali);
            sealed(&document(ali, coach, "Ali Hassan", Some(&me), 1, None, when, vec![Operation::Write { write }]), ali)
        }),
        ("write-authored-by-someone-else", "bundle_not_allowed", {
            let coach = certify(office, ali, 3, ALI, &["coach"], 2016, 2099);
            let write = field_write("application/01900000-0000-7000-8000-0000000000ff", SARA, ali);
            sealed(&document(ali, coach, "Ali Hassan", Some(&me), 1, None, when, vec![Operation::Write { write }]), ali)
        }),
        ("application-snapshot-from-a-coach", "bundle_not_allowed", {
            let coach = certify(office, ali, 3, ALI, &["coach"], 2016, 2099);
            let ops = vec![Operation::Application { snapshot: json!({"id": "x"}) }];
            sealed(&document(ali, coach, "Ali Hassan", Some(&me), 1, None, when, ops), ali)
        }),
        (
            "bad-reference-data",
            "bundle_bad_reference",
            sealed(
                &next(
                    2,
                    Some(invitation_hash.clone()),
                    vec![Operation::Programme {
                        reference: json!({"name": "P", "first_year": 2013, "last_year": 2018, "units": [{"id": "inte-ett-id", "name": "X", "kind": "department"}], "people": [], "frames": []}),
                    }],
                ),
                karin,
            ),
        ),
    ];
    let hostile = dir.join("hostile");
    let _ = fs::remove_dir_all(&hostile);
    fs::create_dir_all(&hostile).expect("dir");
    let mut expected =
        String::from("# file\texpected error code (crates/portfolj-api/tests/api/bundles.rs writes these)\n");
    for (i, (name, code, bytes)) in cases.iter_mut().enumerate() {
        let file = format!("{:02}-{name}.portfolj", i + 1);
        fs::write(hostile.join(&file), bytes).expect("write");
        expected.push_str(&format!("{file}\t{code}\n"));
    }
    fs::write(hostile.join("expected.tsv"), expected).expect("write");
}

/// Sara's laptop after the corpus invitation: the state every hostile case meets.
fn joined_laptop() -> Fixture {
    let f = empty();
    let secret = fs::read_to_string(corpus_dir().join("keys/sara.key")).expect("sara's test key");
    ok(&f, "identity.init", json!({"secret_key": secret}));
    let invitation = fs::read(corpus_dir().join("valid/01-invitation.portfolj")).expect("invitation");
    import(&f, &invitation).expect("the corpus invitation is accepted");
    f
}

#[test]
fn every_hostile_bundle_is_refused_with_its_code_and_the_database_unchanged() {
    let f = joined_laptop();
    let dir = corpus_dir().join("hostile");
    let expected = fs::read_to_string(dir.join("expected.tsv")).expect("expected.tsv");
    let cases: Vec<(&str, &str)> = expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    for (file, code) in cases {
        let bytes = fs::read(dir.join(file)).expect("case file");
        let before = file_bytes(&f);
        let e = import(&f, &bytes).expect_err(file);
        assert_eq!(e.code.as_str(), code, "{file}: {}", e.message);
        assert!(!e.message.is_empty() && e.message.contains('.'), "{file}: a sentence in Swedish");
        assert!(file_bytes(&f) == before, "{file} changed the database");
        let preview = f.api.call("bundle.inspect", file_arg(&bytes));
        if let Ok(p) = preview {
            assert_eq!(p["refusal"]["code"], code, "{file}: inspect says the same");
        }
    }
    let next = fs::read(corpus_dir().join("valid/02-office-update.portfolj")).expect("update");
    import(&f, &next).expect("the valid next bundle is still accepted after all that");
}

// ---- Safety copies ------------------------------------------------------------------

fn backup_names(f: &Fixture) -> Vec<String> {
    ok(f, "backup.list", json!({}))
        .as_array()
        .expect("list")
        .iter()
        .map(|b| b["file_name"].as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn a_restore_brings_back_the_copy_and_keeps_the_present_state_as_a_copy() {
    let f = demo();
    let copy = ok(&f, "backup.create", json!({}));
    let before = super::applications(&f).len();
    ok(&f, "application.create", super::new_application(&f, "Trafikkontoret"));
    assert_eq!(super::applications(&f).len(), before + 1);
    ok(&f, "backup.restore", json!({"file_name": copy["file_name"]}));
    assert_eq!(super::applications(&f).len(), before, "the copy's state is back");
    assert_eq!(ok(&f, "audit.verify", json!({}))["ok"], true);
    let names = backup_names(&f);
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.iter().any(|n| n.contains("fore-aterstallning")));
    for bad in ["finns-inte.db", "../portfolj.db", "/etc/passwd"] {
        assert_eq!(err(&f, "backup.restore", json!({"file_name": bad})).code.as_str(), "not_found", "{bad}");
    }
}

/// "Avbryt" while a copy is taken: no copy is listed, no half-written file is left, and a copy
/// can be taken again.
#[test]
fn a_backup_cancelled_while_it_is_taken_leaves_no_file_and_can_be_taken_again() {
    use base64::Engine as _;
    let f = demo();
    // Some 27 MB of attachments, so the copy takes long enough to be stopped half-way.
    let created = ok(&f, "application.create", super::new_application(&f, "Trafikkontoret"));
    let text = base64::engine::general_purpose::STANDARD.encode("Mätvärden per stadsdel;1 234;5,6\n".repeat(280_000));
    for n in 1..=3 {
        let name = format!("underlag-{n}.csv");
        ok(&f, "application.attachments.add", json!({"id": created["id"], "name": name, "content_base64": text}));
    }
    let folder = f.path.with_file_name("portfolj.db.backups");
    let e = super::cancelled_while_running(&f, || f.api.call("backup.create", json!({})));
    assert!(e.message.contains("Ingen kopia sparades"), "{}", e.message);
    assert!(backup_names(&f).is_empty());
    let left: Vec<_> =
        fs::read_dir(&folder).expect("the backup folder").filter_map(Result::ok).map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "nothing half-written is left: {left:?}");
    ok(&f, "backup.create", json!({}));
    assert_eq!(backup_names(&f).len(), 1);
}

#[test]
fn an_import_takes_a_copy_first_and_a_refused_bundle_takes_none() {
    let f = empty();
    let secret = fs::read_to_string(corpus_dir().join("keys/sara.key")).expect("sara's test key");
    ok(&f, "identity.init", json!({"secret_key": secret}));
    let hostile = fs::read(corpus_dir().join("hostile/26-payload-changed-after-signing.portfolj")).expect("case");
    import(&f, &hostile).expect_err("refused");
    assert!(backup_names(&f).is_empty());
    let invitation = fs::read(corpus_dir().join("valid/01-invitation.portfolj")).expect("invitation");
    import(&f, &invitation).expect("accepted");
    let names = backup_names(&f);
    assert_eq!(names.len(), 1);
    assert!(names[0].ends_with("fore-import.db"), "{names:?}");
}

// ---- The whole loop: office → coach laptop → office, with a conflict ----------------

/// An office with its key and a coach laptop that has joined; returns (office, laptop).
/// A demo office with its key, a new laptop with its own, and the office's invitation of the
/// laptop for the demo's coach: the office, the laptop, the coach's e-mail, the invitation.
fn coach_invitation() -> (Fixture, Fixture, String, Vec<u8>) {
    let office = demo();
    ok(&office, "identity.init", json!({}));
    ok(&office, "office.init", json!({}));
    let laptop = empty();
    ok(&laptop, "identity.init", json!({}));
    let email = coach_email(&office);
    let invitation = ok(&office, "office.invite", json!({"person_id": email, "public_key": public_key(&laptop)}));
    (office, laptop, email, decode(&invitation))
}

fn office_and_coach_laptop() -> (Fixture, Fixture) {
    let (office, laptop, _, invitation) = coach_invitation();
    import(&laptop, &invitation).expect("joins");
    (office, laptop)
}

/// Changes one details field of an application through the ordinary use case.
fn edit_problem(f: &Fixture, id: &str, text: &str) {
    let app = ok(f, "application.get", json!({"id": id}));
    let s = &app;
    let basics = json!({
        "title": s["title"], "unit_id": s["unit_id"], "portfolio": s["portfolio"], "it_category": s["it_category"],
        "fiscal_year": s["fiscal_year"], "requested_amount": s["requested_amount"], "purpose": app["purpose"],
    });
    let mut details = app["details"].clone();
    details["problem"] = json!(text);
    ok(f, "application.update", json!({"id": id, "basics": basics, "details": details}));
}

fn decode_counts(exported: &Value) -> Vec<String> {
    exported["preview"]["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| c["kind"].as_str().expect("kind").to_owned())
        .collect()
}

fn problem(f: &Fixture, id: &str) -> Value {
    ok(f, "application.get", json!({"id": id}))["details"]["problem"].clone()
}

#[test]
fn a_coach_edits_offline_the_office_merges_and_a_concurrent_edit_is_kept_as_a_conflict() {
    let (office, laptop) = office_and_coach_laptop();
    let laptop_key = ok(&laptop, "identity.show", json!({}))["key_id"].as_str().expect("id").to_owned();
    let drafts: Vec<String> = super::applications(&office)
        .iter()
        .filter(|a| a["state"] == "draft")
        .map(|a| a["id"].as_str().expect("id").to_owned())
        .collect();
    let id = drafts.first().expect("a draft in the demo").clone();

    let work = ok(&office, "bundle.send", json!({"recipient_key_id": laptop_key}));
    let preview = import(&laptop, &decode(&work)).expect("the coach's laptop takes its work");
    assert!(preview["counts"].as_array().expect("counts").iter().any(|c| c["kind"] == "application"));
    let on_laptop = super::applications(&laptop);
    assert!(on_laptop.len() >= drafts.len() && on_laptop.len() < super::applications(&office).len(), "only open ones");
    assert!(on_laptop.iter().any(|a| a["id"] == id.as_str()));

    // Offline, at the same time: the coach and the office write the same field.
    edit_problem(&laptop, &id, "Coachens formulering av problemet.");
    edit_problem(&office, &id, "Projektkontorets formulering av problemet.");
    let sent = ok(&laptop, "bundle.export", json!({}));
    assert_eq!(sent["preview"]["kind"], "member");
    let bytes = decode(&sent);

    let preview = ok(&office, "bundle.inspect", file_arg(&bytes));
    assert_eq!(preview["refusal"], Value::Null);
    assert_eq!(preview["conflicts"], 1, "{preview}");
    import(&office, &bytes).expect("the office merges the coach's bundle");
    let conflicts = ok(&office, "conflicts.list", json!({}));
    let conflict = &conflicts.as_array().expect("list")[0];
    assert_eq!(conflict["application_id"], id.as_str());
    assert_eq!(conflict["field"], "details.problem");
    let values: Vec<&str> = std::iter::once(&conflict["current"])
        .chain(conflict["others"].as_array().expect("others"))
        .map(|w| w["value"].as_str().expect("value"))
        .collect();
    assert!(
        values.iter().any(|v| v.contains("Coachens")) && values.iter().any(|v| v.contains("Projektkontorets")),
        "{values:?}"
    );
    assert_eq!(problem(&office, &id).as_str().map(|p| p.contains("formulering")), Some(true));

    // Twice: refused as a replay, nothing changes.
    let before = file_bytes(&office);
    assert_eq!(import(&office, &bytes).expect_err("again").code.as_str(), "bundle_replayed");
    assert!(file_bytes(&office) == before);

    // The office keeps the coach's wording; the conflict closes.
    let coach_value = std::iter::once(&conflict["current"])
        .chain(conflict["others"].as_array().expect("others"))
        .find(|w| w["value"].as_str().is_some_and(|v| v.contains("Coachens")))
        .expect("coach's value")
        .clone();
    let left = ok(
        &office,
        "conflicts.resolve",
        json!({"application_id": id, "field": "details.problem", "keep_stamp_key": coach_value["stamp_key"]}),
    );
    assert_eq!(left, json!([]));
    assert_eq!(problem(&office, &id), json!("Coachens formulering av problemet."));
    assert_eq!(ok(&office, "audit.verify", json!({}))["ok"], true);

    // Until the office acknowledges it, the coach's next export carries the same writes
    // again (a lost file costs nothing); after the office's next bundle, nothing is left.
    let again = ok(&laptop, "bundle.export", json!({}));
    assert_eq!(again["preview"]["counts"], sent["preview"]["counts"]);
    let reply = ok(&office, "bundle.send", json!({"recipient_key_id": laptop_key}));
    assert!(decode_counts(&reply).contains(&"acknowledge".to_owned()));
    import(&laptop, &decode(&reply)).expect("the office's reply");
    let e = err(&laptop, "bundle.export", json!({}));
    assert_eq!(e.code.as_str(), "conflict");
    assert!(e.message.contains("bekräftat"), "{}", e.message);
    // The re-sent bundle still merges cleanly at the office: nothing new in it.
    let preview = import(&office, &decode(&again)).expect("a resent bundle is taken");
    assert_eq!(preview["new_writes"], 0);

    // A forged copy (one changed byte) is refused.
    let mut forged = bytes.clone();
    let middle = forged.len() / 2;
    forged[middle] ^= 0x20;
    let before_forged = file_bytes(&office);
    assert!(import(&office, &forged).is_err());
    assert!(file_bytes(&office) == before_forged);
}

#[test]
fn one_programme_update_for_everyone_is_taken_by_every_laptop_once() {
    let (office, first) = office_and_coach_laptop();
    let second = empty();
    ok(&second, "identity.init", json!({}));
    let invitation =
        ok(&office, "office.invite", json!({"person_id": coach_email(&office), "public_key": public_key(&second)}));
    import(&second, &decode(&invitation)).expect("joins");
    let update = ok(&office, "bundle.send", json!({}));
    assert_eq!(update["preview"]["recipient"], "");
    assert!(!decode_counts(&update).contains(&"application".to_owned()), "no one's work in a bundle for all");
    let bytes = decode(&update);
    for laptop in [&first, &second] {
        import(laptop, &bytes).expect("every laptop takes the same file");
        assert_eq!(import(laptop, &bytes).expect_err("once").code.as_str(), "bundle_replayed");
    }
}

#[test]
fn after_an_office_key_rotation_a_laptop_that_joined_before_follows_the_new_key() {
    let (office, laptop) = office_and_coach_laptop();
    let before = ok(&laptop, "identity.show", json!({}))["office_key_ids"].clone();
    // The office has its own earlier work to pass on, written before the rotation.
    let draft = super::applications(&office).into_iter().find(|a| a["state"] == "draft").expect("a draft");
    edit_problem(&office, draft["id"].as_str().expect("id"), "Skrivet före nyckelbytet.");
    let rotated = ok(&office, "office.rotate", json!({}));
    assert_eq!(rotated["office_key_ids"].as_array().map(Vec::len), Some(2));
    let laptop_key = ok(&laptop, "identity.show", json!({}))["key_id"].as_str().expect("id").to_owned();
    // The office's laptop now signs with a certificate from the new key; the bundle
    // carries the rotation, signed by the key the laptop pinned.
    let work = ok(&office, "bundle.send", json!({"recipient_key_id": laptop_key}));
    let preview = import(&laptop, &decode(&work)).expect("followed the rotation");
    assert!(preview["counts"].as_array().expect("counts").iter().any(|c| c["kind"] == "rotation"));
    let after = ok(&laptop, "identity.show", json!({}))["office_key_ids"].clone();
    assert_eq!(after.as_array().map(Vec::len), Some(2));
    assert_eq!(after[0], before[0]);
    assert_eq!(after[1], rotated["office_key_ids"][1]);
    let keys = office.path.with_file_name("portfolj.db.keys");
    assert!(keys.join(format!("office-{}.key", before[0].as_str().expect("id"))).exists(), "the old key is kept");
}

/// "Avbryt importen": a cancel from another thread (as the UI sends it while the import runs)
/// stops the import at its next step; the transaction rolls back, and the same bundle can be
/// imported afterwards.
#[test]
fn an_import_cancelled_while_it_runs_changes_nothing_and_can_be_made_again() {
    let (_office, laptop, email, bytes) = coach_invitation();
    // The import is cancellable from its first step (reading the bundle) on.
    let e = super::cancelled_while_running(&laptop, || import(&laptop, &bytes));
    assert!(e.message.contains("Inget har ändrats"), "{}", e.message);
    assert_eq!(err(&laptop, "session.get", json!({})).code.as_str(), "no_identity");
    assert_eq!(ok(&laptop, "bundle.log", json!({})).as_array().map(Vec::len), Some(0));

    import(&laptop, &bytes).expect("the same bundle, imported again");
    assert_eq!(ok(&laptop, "session.get", json!({}))["person"]["email"], email);
}
