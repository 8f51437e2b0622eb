//! The decision memo through the API on the small demo: the office makes it; it names every
//! portfolio with its frame; an incomplete review gives only a draft; its fingerprint
//! follows the inputs; making it is audited.

use base64::Engine as _;
use serde_json::json;

use super::{act_as, demo, err, file_bytes, ok};

#[test]
fn the_memo_says_every_frame_and_proposal_as_the_database_has_them() {
    let f = demo();
    act_as(&f, "office", None);
    let preview = ok(&f, "memo.preview", json!({"year": 2014}));
    let text = preview["text"].as_str().expect("text");
    for frame in ok(&f, "frame.list", json!({})).as_array().expect("frames").iter().filter(|f| f["year"] == 2014) {
        let kronor = frame["amount"].as_str().expect("amount").trim_end_matches(".00").to_owned();
        let grouped: String = kronor
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let gap = i > 0 && (kronor.len() - i).is_multiple_of(3);
                gap.then_some('\u{a0}').into_iter().chain(std::iter::once(c))
            })
            .collect();
        assert!(text.contains(&format!("Ram: {grouped}\u{a0}kr")), "portfolio {} frame {grouped}", frame["portfolio"]);
    }
    assert!(!preview["draft"].as_bool().expect("draft"), "2014's reviews are complete");
    assert_eq!(preview["fingerprint"].as_str().expect("hash").len(), 64);
    assert!(text.contains(&format!("SHA-256 för underlaget:\n{}", preview["fingerprint"].as_str().expect("hash"))));
}

#[test]
fn an_incomplete_review_gives_only_a_draft_and_a_refused_final_memo_changes_nothing() {
    let f = demo();
    act_as(&f, "office", None);
    let before = file_bytes(&f);
    let refused = err(&f, "memo.export", json!({"year": 2018, "portfolio": 1}));
    assert_eq!(refused.code.as_str(), "conflict");
    assert!(
        refused.message.contains("Beredningen är inte klar") && refused.message.contains("UTKAST"),
        "{}",
        refused.message
    );
    assert!(file_bytes(&f) == before, "a refused memo changes nothing");
    let draft = ok(&f, "memo.export", json!({"year": 2018, "portfolio": 1, "draft": true, "case_number": "KS 2018/7"}));
    assert_eq!(draft["draft"], true);
    assert_eq!(draft["file_name"], "beslutsunderlag-2018-portfolj-1-utkast.pdf");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(draft["content_base64"].as_str().expect("pdf"))
        .expect("base64");
    assert!(bytes.starts_with(b"%PDF-"));
    let preview =
        ok(&f, "memo.preview", json!({"year": 2018, "portfolio": 1, "draft": true, "case_number": "KS 2018/7"}));
    let text = preview["text"].as_str().expect("text");
    assert!(text.starts_with("UTKAST\nDnr KS 2018/7"), "{text}");
    assert!(!preview["incomplete"].as_array().expect("incomplete").is_empty());
    assert!(text.contains(": saknas "), "the missing members are named");
}

#[test]
fn only_the_projektkontor_makes_the_memo() {
    let f = demo();
    for role in ["coach", "valuer", "reviewer"] {
        act_as(&f, role, None);
        let refused = err(&f, "memo.export", json!({"year": 2014}));
        assert_eq!(refused.code.as_str(), "forbidden", "{role}");
        assert_eq!(err(&f, "memo.preview", json!({"year": 2014})).code.as_str(), "forbidden", "{role}");
    }
}

#[test]
fn the_fingerprint_is_the_same_for_the_same_data_and_changes_with_a_frame() {
    let f = demo();
    act_as(&f, "office", None);
    let first = ok(&f, "memo.preview", json!({"year": 2014}));
    let exported = ok(&f, "memo.export", json!({"year": 2014}));
    assert_eq!(exported["fingerprint"], first["fingerprint"]);
    let again = ok(&f, "memo.preview", json!({"year": 2014}));
    assert_eq!(again["fingerprint"], first["fingerprint"], "making the memo does not change its inputs");
    assert_ne!(again["audit_head"], first["audit_head"], "making the memo is recorded in the audit log");
    ok(&f, "frame.set", json!({"portfolio": 1, "year": 2014, "amount": "50000000", "reason": "Tilläggsbudget."}));
    let changed = ok(&f, "memo.preview", json!({"year": 2014}));
    assert_ne!(changed["fingerprint"], first["fingerprint"]);
    assert!(changed["text"].as_str().expect("text").contains("Ram: 50\u{a0}000\u{a0}000\u{a0}kr"));
}

/// "Avbryt" while the memo is made: nothing is saved, not even the audit entry, and the
/// memo can be made again.
#[test]
fn a_memo_cancelled_while_it_is_made_saves_nothing_and_can_be_made_again() {
    let f = demo();
    act_as(&f, "office", None);
    let before = file_bytes(&f);
    let e = super::cancelled_while_running(&f, || f.api.call("memo.export", json!({"year": 2014})));
    assert!(e.message.contains("Inget har sparats"), "{}", e.message);
    assert_eq!(file_bytes(&f), before, "the database is as it was");
    assert_eq!(ok(&f, "progress.get", json!({}))["active"], false, "nothing runs after the cancel");
    assert!(ok(&f, "memo.export", json!({"year": 2014}))["pages"].as_u64().is_some_and(|p| p > 1));
}

#[test]
fn a_year_outside_the_programme_or_a_portfolio_outside_1_to_5_is_refused_in_swedish() {
    let f = demo();
    act_as(&f, "office", None);
    assert!(err(&f, "memo.preview", json!({"year": 1999})).message.contains("budgetår"));
    assert!(err(&f, "memo.preview", json!({"year": 2014, "portfolio": 6})).message.contains("portfölj 1–5"));
}

#[test]
fn the_application_printout_shows_what_the_reader_may_see() {
    let f = demo();
    let apps = super::applications(&f);
    let granted = apps.iter().find(|a| a["state"] == "granted").expect("a granted application");
    let draft = apps.iter().find(|a| a["state"] == "draft").expect("a draft");
    act_as(&f, "valuer", None);
    let printed = ok(&f, "application.printout", json!({"id": granted["id"]}));
    let text = super::pdf_text(&printed);
    assert!(text.contains(granted["title"].as_str().expect("title")));
    assert!(text.contains("Status beviljad") && text.contains("Budget per år"), "{text}");
    assert!(!text.contains("Version arbetskopia"), "a valuer reads the frozen version");
    assert!(printed["file_name"].as_str().is_some_and(|n| n.starts_with("ansokan-") && n.ends_with(".pdf")));
    let refused = err(&f, "application.printout", json!({"id": draft["id"]}));
    assert_eq!(refused.code.as_str(), "forbidden", "an unsubmitted draft is the applicant's");
    let english = ok(&f, "application.printout", json!({"id": granted["id"], "language": "en"}));
    assert!(english["file_name"].as_str().is_some_and(|n| n.starts_with("application-")));
    let text = super::pdf_text(&english);
    assert!(text.contains("Status granted") && text.contains("Budget per year"), "{text}");
    assert!(text.contains("Applying unit") && text.contains("Page 1 of"), "{text}");
    assert!(!text.contains("Sökande enhet") && !text.contains("Budget per år"), "{text}");
}
