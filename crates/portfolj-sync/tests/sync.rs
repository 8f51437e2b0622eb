//! Bundles end to end on bytes: sealing, reading and every verification rule, plus
//! property tests that no input makes the reader or verifier panic.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use portfolj_sync::bundle::{counts, seal};
use portfolj_sync::container::{self, Entries};
use portfolj_sync::{
    Bundle, BundleKind, Certificate, Context, Document, FORMAT, Manifest, Operation, RevocationList, Seen, Sender,
    Signed, Signer, SyncError, Trust,
};
use proptest::prelude::*;

fn at(year: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, 3, 1, 9, 0, 0).single().expect("date")
}

struct World {
    office: Signer,
    laptop: Signer,
    certificate: Signed,
}

fn key() -> Signer {
    Signer::generate(None).expect("key").signer
}

fn certificate(office: &Signer, laptop: &Signer, serial: u64, roles: &[&str], from: i32, to: i32) -> Signed {
    let c = Certificate {
        serial,
        person_id: format!("person-{serial}"),
        name: format!("Person {serial}"),
        email: format!("p{serial}@stockholm.se"),
        unit_id: "unit".into(),
        unit_name: "Serviceförvaltningen".into(),
        roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        review_groups: vec![],
        public_key: laptop.public().clone(),
        valid_from: at(from),
        valid_to: at(to),
        issued_at: at(from),
        office_key_id: office.public().key_id().expect("id"),
    };
    Signed::sign(office, &c, "intyg").expect("sign")
}

fn world(roles: &[&str]) -> World {
    let office = key();
    let laptop = key();
    let certificate = certificate(&office, &laptop, 7, roles, 2016, 2019);
    World { office, laptop, certificate }
}

fn document(w: &World, kind: BundleKind, sequence: u64, previous: Option<String>, ops: Vec<Operation>) -> Document {
    Document {
        format: FORMAT.to_owned(),
        manifest: Manifest {
            kind,
            sender: Sender {
                person_id: "person-7".into(),
                name: "Person 7".into(),
                key_id: w.laptop.public().key_id().expect("id"),
            },
            certificate: w.certificate.clone(),
            recipient: Some("ME".into()),
            sequence,
            previous_hash: previous,
            created_at: at(2017),
            audit_head: None,
            counts: counts(&ops),
        },
        operations: ops,
    }
}

fn programme() -> Vec<Operation> {
    vec![Operation::Programme { reference: serde_json::json!({"name": "Program"}) }]
}

fn context(w: &World) -> Context {
    Context {
        trust: Some(Trust { office_keys: vec![w.office.public().clone()], revoked: vec![] }),
        me: "ME".into(),
        last: None,
    }
}

fn code(result: Result<Bundle<portfolj_sync::Verified>, SyncError>) -> &'static str {
    result.map(|_| ()).expect_err("refused").code()
}

#[test]
fn a_sealed_bundle_reads_back_and_verifies() {
    let w = world(&["office"]);
    let (file, hash) = seal(&document(&w, BundleKind::Office, 1, None, programme()), &w.laptop).expect("seal");
    let bundle = Bundle::read(&file).expect("read");
    assert_eq!(bundle.hash(), hash);
    let verified = bundle.verify(&context(&w)).expect("verified");
    assert_eq!(verified.certificate().serial, 7);
    assert_eq!(verified.manifest().counts, BTreeMap::from([("programme".to_owned(), 1)]));
}

#[test]
fn a_changed_payload_fails_the_signature() {
    let w = world(&["office"]);
    let (file, _) = seal(&document(&w, BundleKind::Office, 1, None, programme()), &w.laptop).expect("seal");
    let entries = container::read(&file).expect("entries");
    let mut doc = document(&w, BundleKind::Office, 1, None, programme());
    doc.manifest.sequence = 9;
    let payload = container::compress(&serde_json::to_vec(&doc).expect("json")).expect("gz");
    let forged = container::write(&Entries { payload, signature: entries.signature }).expect("tar");
    assert_eq!(code(Bundle::read(&forged).expect("read").verify(&context(&w))), "bundle_bad_signature");
}

#[test]
fn a_certificate_from_another_office_is_an_unknown_signer() {
    let w = world(&["office"]);
    let other = world(&["office"]);
    let (file, _) = seal(&document(&w, BundleKind::Office, 1, None, programme()), &w.laptop).expect("seal");
    assert_eq!(code(Bundle::read(&file).expect("read").verify(&context(&other))), "bundle_unknown_signer");
}

#[test]
fn certificates_hold_only_in_their_period_and_until_revoked() {
    let w = world(&["office"]);
    let mut doc = document(&w, BundleKind::Office, 1, None, programme());
    doc.manifest.created_at = at(2020);
    let (file, _) = seal(&doc, &w.laptop).expect("seal");
    assert_eq!(code(Bundle::read(&file).expect("read").verify(&context(&w))), "certificate_expired");
    doc.manifest.created_at = at(2015);
    let (file, _) = seal(&doc, &w.laptop).expect("seal");
    assert_eq!(code(Bundle::read(&file).expect("read").verify(&context(&w))), "certificate_not_yet_valid");
    let (file, _) = seal(&document(&w, BundleKind::Office, 1, None, programme()), &w.laptop).expect("seal");
    let mut revoked = context(&w);
    if let Some(t) = revoked.trust.as_mut() {
        t.revoked = vec![7];
    }
    assert_eq!(code(Bundle::read(&file).expect("read").verify(&revoked)), "certificate_revoked");
}

#[test]
fn the_channel_refuses_replays_gaps_and_broken_chains() {
    let w = world(&["office"]);
    let seen = |sequence| Some(Seen { sequence, hash: "abc".into() });
    let check = |doc: Document, last| {
        let (file, _) = seal(&doc, &w.laptop).expect("seal");
        let mut c = context(&w);
        c.last = last;
        Bundle::read(&file).expect("read").verify(&c).map(|_| ()).map_err(|e| e.code())
    };
    assert_eq!(check(document(&w, BundleKind::Office, 1, None, programme()), seen(1)), Err("bundle_replayed"));
    assert_eq!(
        check(document(&w, BundleKind::Office, 3, Some("abc".into()), programme()), seen(1)),
        Err("bundle_broken_chain")
    );
    assert_eq!(
        check(document(&w, BundleKind::Office, 2, Some("abd".into()), programme()), seen(1)),
        Err("bundle_broken_chain")
    );
    assert_eq!(check(document(&w, BundleKind::Office, 2, None, programme()), None), Err("bundle_broken_chain"));
    assert_eq!(check(document(&w, BundleKind::Office, 2, Some("abc".into()), programme()), seen(1)), Ok(()));
}

#[test]
fn a_bundle_for_another_laptop_is_refused() {
    let w = world(&["office"]);
    let mut doc = document(&w, BundleKind::Office, 1, None, programme());
    doc.manifest.recipient = Some("SOMEONE-ELSE".into());
    let (file, _) = seal(&doc, &w.laptop).expect("seal");
    assert_eq!(code(Bundle::read(&file).expect("read").verify(&context(&w))), "bundle_wrong_recipient");
}

#[test]
fn an_operation_outside_the_senders_roles_refuses_the_whole_bundle_and_names_it() {
    let w = world(&["coach"]);
    let (file, _) = seal(&document(&w, BundleKind::Member, 1, None, programme()), &w.laptop).expect("seal");
    let e = Bundle::read(&file).expect("read").verify(&context(&w)).map(|_| ()).expect_err("refused");
    assert_eq!(e.code(), "bundle_not_allowed");
    assert!(e.to_string().contains("programme"), "{e}");
}

#[test]
fn an_unjoined_laptop_trusts_only_an_invitation_and_its_office_key() {
    let w = world(&["office"]);
    let unjoined = Context { trust: None, me: "ME".into(), last: None };
    let mut ops = vec![Operation::OfficeKey { public_key: w.office.public().clone() }];
    ops.extend(programme());
    let (file, _) = seal(&document(&w, BundleKind::Office, 1, None, ops.clone()), &w.laptop).expect("seal");
    assert_eq!(code(Bundle::read(&file).expect("read").verify(&unjoined)), "bundle_unknown_signer");
    let (file, _) = seal(&document(&w, BundleKind::Invitation, 1, None, ops), &w.laptop).expect("seal");
    assert!(Bundle::read(&file).expect("read").verify(&unjoined).is_ok());
}

#[test]
fn a_rotation_is_accepted_only_when_the_old_key_signed_it() {
    let w = world(&["office"]);
    let next = key();
    let rotation = portfolj_sync::Rotation {
        old_key: w.office.public().clone(),
        new_key: next.public().clone(),
        issued_at: at(2017),
    };
    let trust = Trust { office_keys: vec![w.office.public().clone()], revoked: vec![] };
    let signed = Signed::sign(&w.office, &rotation, "byte").expect("sign");
    assert_eq!(trust.accept_rotation(&signed), Ok(next.public().clone()));
    let forged = Signed::sign(&next, &rotation, "byte").expect("sign");
    assert_eq!(trust.accept_rotation(&forged).map_err(|e| e.code()), Err("bundle_unknown_signer"));
}

#[test]
fn revocation_lists_open_only_with_the_office_key() {
    let w = world(&["office"]);
    let list = RevocationList { number: 2, serials: vec![3, 7], issued_at: at(2017) };
    let signed = Signed::sign(&w.office, &list, "återkallelser").expect("sign");
    assert_eq!(signed.open::<RevocationList>(w.office.public()), Ok(list));
    assert!(signed.open::<RevocationList>(w.laptop.public()).is_err());
}

#[test]
fn a_passphrase_protected_key_opens_only_with_its_passphrase() {
    let new = Signer::generate(Some("hemligt")).expect("key");
    assert!(portfolj_sync::keys::needs_passphrase(&new.secret_file));
    assert!(Signer::open(&new.secret_file, Some("fel")).is_err());
    let opened = Signer::open(&new.secret_file, Some("hemligt")).expect("opens");
    assert_eq!(opened.public(), new.signer.public());
    let plain = Signer::generate(None).expect("key");
    assert!(!portfolj_sync::keys::needs_passphrase(&plain.secret_file));
}

#[test]
fn strict_json_refuses_duplicates_depth_and_invalid_utf8() {
    use portfolj_sync::json::check;
    assert_eq!(check(br#"{"a":1,"a":2}"#).map_err(|e| e.code()), Err("bundle_json"));
    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    assert!(check(deep.as_bytes()).is_err());
    assert!(check(b"{\"a\":\"\xff\"}").is_err());
    assert!(check(br#"{"a":[1,{"b":"c"}]}"#).is_ok());
}

#[test]
fn a_newer_format_asks_for_an_update() {
    let w = world(&["office"]);
    let mut doc = document(&w, BundleKind::Office, 1, None, programme());
    doc.format = "portfolj.bundle/2".into();
    let (file, _) = seal(&doc, &w.laptop).expect("seal");
    let e = Bundle::read(&file).map(|_| ()).expect_err("refused");
    assert_eq!(e.code(), "bundle_newer_format");
    assert!(e.to_string().contains("Uppdatera Portfölj"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn reading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = Bundle::read(&bytes);
    }

    #[test]
    fn any_single_byte_change_to_a_bundle_is_refused_or_harmless(index in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let w = world(&["office"]);
        let (mut file, _) = seal(&document(&w, BundleKind::Office, 1, None, programme()), &w.laptop).expect("seal");
        let i = index.index(file.len());
        let changed = file[i] != byte;
        file[i] = byte;
        let result = Bundle::read(&file).and_then(|b| b.verify(&context(&w)));
        // Tar padding and header fields outside the two entries' contents may change freely;
        // a change inside them must never verify.
        if changed && let Ok(b) = &result {
            let expected = programme();
            prop_assert_eq!(b.operations(), expected.as_slice());
        }
    }

    #[test]
    fn any_json_payload_signed_by_a_member_never_panics(text in "\\PC{0,300}") {
        let w = world(&["coach"]);
        let payload = container::compress(text.as_bytes()).expect("gz");
        let signature = w.laptop.sign(&payload, "t").expect("sign");
        let file = container::write(&Entries { payload, signature }).expect("tar");
        let _ = Bundle::read(&file).and_then(|b| b.verify(&context(&w)));
    }
}

#[test]
fn time_arithmetic_of_certificates_is_inclusive() {
    let w = world(&["office"]);
    let c: Certificate = w.certificate.open(w.office.public()).expect("open");
    assert!(c.check_at(c.valid_to, &[]).is_ok());
    assert!(c.check_at(c.valid_to + Duration::seconds(1), &[]).is_err());
}
