//! `portfolj memo`: the decision memo for the utvecklingsråd, as a PDF file.

use std::path::PathBuf;

use clap::Args;
use portfolj_api::{Api, ApiError, ErrorCode};
use serde_json::json;

use super::{pages_sv, sync, text};
use crate::output;

#[derive(Debug, Args)]
pub struct MemoArgs {
    /// The budget year.
    #[arg(long)]
    year: i32,
    /// Only this portfolio (1–5); all five when left out.
    #[arg(long)]
    portfolio: Option<u8>,
    /// The memo's diarienummer, shown in every page's header.
    #[arg(long = "case")]
    case_number: Option<String>,
    /// Make it as a draft (UTKAST): needed while any review is incomplete.
    #[arg(long)]
    draft: bool,
    /// Where to write the PDF.
    #[arg(long, required_unless_present_any = ["fingerprint", "text"])]
    out: Option<PathBuf>,
    /// Only print the SHA-256 of the memo's inputs (to check that nothing has changed).
    #[arg(long, conflicts_with = "text")]
    fingerprint: bool,
    /// Print what the memo says as text instead of writing the PDF.
    #[arg(long)]
    text: bool,
}

pub fn run(api: &Api, args: &MemoArgs, json: bool) -> Result<(), ApiError> {
    let call_args = json!({ "year": args.year, "portfolio": args.portfolio,
        "case_number": args.case_number, "draft": args.draft });
    if args.fingerprint || args.text {
        let preview = api.call("memo.preview", call_args)?;
        if json {
            output::json(&preview);
        } else if args.fingerprint {
            output::line(text(&preview, "fingerprint"));
        } else {
            output::line(text(&preview, "text"));
        }
        return Ok(());
    }
    let Some(out) = &args.out else {
        return Err(ApiError::new(
            ErrorCode::BadArguments,
            "Ange filen att skriva med --out, till exempel --out underlag.pdf.",
        ));
    };
    let file = api.call("memo.export", call_args)?;
    sync::write_file(out, &file)?;
    if json {
        output::json(&json!({ "path": out, "pages": file["pages"], "draft": file["draft"],
            "fingerprint": file["fingerprint"] }));
    } else {
        let draft = if file["draft"].as_bool() == Some(true) { " (UTKAST)" } else { "" };
        output::line(&format!(
            "Skrev {}{draft}: {}. SHA-256 för underlaget: {}",
            out.display(),
            pages_sv(&file["pages"]),
            text(&file, "fingerprint")
        ));
    }
    Ok(())
}
