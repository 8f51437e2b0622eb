//! Setting up a new programme on an empty laptop (the first-run wizard's "Sätt upp ett
//! program"): the programme, the office person, this laptop's key and the office key at once,
//! or nothing at all.

use serde_json::{Value, json};

use super::bundles::{decode, public_key};
use super::{demo, empty, err, file_bytes, ok};

fn karin() -> Value {
    json!({"name": "Karin Ek", "email": "Karin.Ek@stockholm.se", "unit_name": "Stadsledningskontoret", "passphrase": null})
}

#[test]
fn an_empty_laptop_becomes_the_projektkontor_with_both_keys_and_acts_as_the_office() {
    let office = empty();
    let units = ok(&office, "programme.setup.units", json!({}));
    assert!(units.as_array().is_some_and(|u| u.contains(&json!("Stadsledningskontoret"))));
    let shown = ok(&office, "programme.setup", karin());
    assert_eq!(shown["certificate"]["roles"], json!(["office"]));
    assert_eq!(shown["office_key_ids"].as_array().map(Vec::len), Some(1));
    let session = ok(&office, "session.get", json!({}));
    assert_eq!(session["person"]["email"], "karin.ek@stockholm.se");
    assert_eq!(session["person"]["unit_name"], "Stadsledningskontoret");
    assert_eq!(session["demo"], false);
    let programme = ok(&office, "programme.get", json!({}));
    assert_eq!(programme["focus_areas"].as_array().map(Vec::len), Some(5));
    assert!(programme["units"].as_array().is_some_and(|u| u.len() > 30));
    let keys = office.path.with_file_name("portfolj.db.keys");
    assert!(keys.join("laptop.key").exists() && keys.join("office.key").exists());
    // The office key works: the office signs a programme bundle with it.
    let sent = ok(&office, "bundle.send", json!({}));
    assert!(!decode(&sent).is_empty());
    let audit = ok(&office, "audit.verify", json!({}));
    assert_eq!(audit["ok"], true);
}

#[test]
fn setting_up_where_a_programme_exists_is_refused_and_changes_nothing() {
    let f = demo();
    let before = file_bytes(&f);
    let e = err(&f, "programme.setup", karin());
    assert_eq!(e.code.as_str(), "conflict");
    assert!(e.message.contains("redan ett program"), "{}", e.message);
    assert!(file_bytes(&f) == before);
    assert!(!f.path.with_file_name("portfolj.db.keys").exists(), "no key file was written");
}

#[test]
fn a_setup_with_every_field_wrong_names_each_field_and_leaves_the_laptop_empty() {
    let f = empty();
    let before = file_bytes(&f);
    let e = err(
        &f,
        "programme.setup",
        json!({"name": " ", "email": "karin", "unit_name": "Okänd förvaltning", "passphrase": null}),
    );
    assert_eq!(e.code.as_str(), "validation");
    let fields: Vec<&str> = e.fields.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, ["name", "email", "unit_name"]);
    assert!(file_bytes(&f) == before);
    assert!(!f.path.with_file_name("portfolj.db.keys").exists(), "no key file was written");
    assert_eq!(err(&f, "session.get", json!({})).code.as_str(), "no_identity");
    // Corrected, the same laptop is set up.
    ok(&f, "programme.setup", karin());
}

#[test]
fn a_laptop_that_joined_by_invitation_cannot_set_up_a_second_programme() {
    let office = empty();
    ok(&office, "programme.setup", karin());
    let laptop = empty();
    ok(&laptop, "identity.init", json!({}));
    let invitation =
        ok(&office, "office.invite", json!({"person_id": "karin.ek@stockholm.se", "public_key": public_key(&laptop)}));
    super::bundles::import(&laptop, &decode(&invitation)).expect("joins");
    let e = err(&laptop, "programme.setup", karin());
    assert_eq!(e.code.as_str(), "conflict");
}

#[test]
fn a_laptop_that_made_its_key_first_keeps_it_when_it_sets_up_the_programme() {
    let f = empty();
    let key = ok(&f, "identity.init", json!({}))["key_id"].clone();
    let shown = ok(&f, "programme.setup", karin());
    assert_eq!(shown["key_id"], key);
    assert_eq!(shown["certificate"]["roles"], json!(["office"]));
}

// ---- The programme's people: the projektkontor adds whom it will invite -------------------

fn sara() -> Value {
    json!({"name": "Sara Lind", "email": "sara.lind@stockholm.se", "unit_name": "Trafikkontoret", "roles": ["coach", "applicant"]})
}

#[test]
fn the_office_of_a_new_programme_adds_a_person_and_invites_their_laptop() {
    let office = empty();
    ok(&office, "programme.setup", karin());
    let added = ok(&office, "person.add", sara());
    assert_eq!(added["unit_name"], "Trafikkontoret");
    assert_eq!(added["roles"], json!(["applicant", "coach"]));
    let people = ok(&office, "person.list", json!({}));
    let names: Vec<&str> = people.as_array().expect("list").iter().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(names, ["Karin Ek", "Sara Lind"]);

    let laptop = empty();
    ok(&laptop, "identity.init", json!({}));
    let invitation =
        ok(&office, "office.invite", json!({"person_id": "sara.lind@stockholm.se", "public_key": public_key(&laptop)}));
    super::bundles::import(&laptop, &decode(&invitation)).expect("joins");
    let session = ok(&laptop, "session.get", json!({}));
    assert_eq!(session["person"]["name"], "Sara Lind");
    assert_eq!(session["person"]["roles"], json!(["applicant", "coach"]));
}

#[test]
fn a_person_with_a_taken_address_or_no_role_is_refused_and_nothing_is_added() {
    let office = empty();
    ok(&office, "programme.setup", karin());
    let before = file_bytes(&office);
    let e = err(
        &office,
        "person.add",
        json!({"name": "Karin Andersson", "email": "KARIN.EK@stockholm.se", "unit_name": "Trafikkontoret", "roles": []}),
    );
    assert_eq!(e.code.as_str(), "validation");
    let fields: Vec<&str> = e.fields.iter().map(|x| x.field.as_str()).collect();
    assert_eq!(fields, ["email", "roles"]);
    assert!(e.fields[0].message.contains("finns redan i programmet, för Karin Ek"), "{}", e.fields[0].message);
    assert!(file_bytes(&office) == before);
}

#[test]
fn only_the_office_keeps_the_register_of_people() {
    let f = demo();
    super::act_as(&f, "coach", None);
    let before = file_bytes(&f);
    assert_eq!(err(&f, "person.add", sara()).code.as_str(), "forbidden");
    assert_eq!(err(&f, "person.list", json!({})).code.as_str(), "forbidden");
    assert!(file_bytes(&f) == before);
}
