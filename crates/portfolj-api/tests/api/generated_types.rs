//! The UI's TypeScript types in `ui/src/generated/` are generated from the API's DTOs.
//! This fails when they are stale; `PORTFOLJ_UPDATE_TYPES=1 cargo test -p portfolj-api
//! --test api generated_types` (or `cargo xtask types`) writes them anew.

use std::collections::BTreeMap;

use portfolj_api::dto::*;
use portfolj_api::{ApiErrorDto, FieldErrorDto, for_each_dto};
use ts_rs::{Config, TS};

fn expected() -> BTreeMap<String, String> {
    let cfg = Config::new();
    let mut files = BTreeMap::new();
    macro_rules! add {
        ($($t:ty),+) => {$(
            let path = <$t as TS>::output_path().expect("exportable type");
            let text = <$t as TS>::export_to_string(&cfg).expect("exports");
            files.insert(path.to_string_lossy().into_owned(), text);
        )+};
    }
    for_each_dto!(add);
    files
}

#[test]
fn generated_typescript_is_current() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/generated");
    let expected = expected();
    if std::env::var_os("PORTFOLJ_UPDATE_TYPES").is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("clear generated dir");
        }
        std::fs::create_dir_all(&dir).expect("create generated dir");
        for (name, text) in &expected {
            std::fs::write(dir.join(name), text).expect("write type");
        }
    }
    let mut actual = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("ui/src/generated exists") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("file name").to_string_lossy().into_owned();
        actual.insert(name, std::fs::read_to_string(&path).expect("read type"));
    }
    assert!(
        actual == expected,
        "ui/src/generated is stale; run `cargo xtask types` and commit the result.\nstale or extra: {:?}",
        actual
            .keys()
            .filter(|k| actual.get(*k) != expected.get(*k))
            .chain(expected.keys().filter(|k| !actual.contains_key(*k)))
            .collect::<Vec<_>>()
    );
}
