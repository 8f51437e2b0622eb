//! Writes the benchmark's 200-application decision memo as HTML (`Document::to_html`), the
//! same content the memo benchmark renders to PDF, for `cargo xtask bench` to time
//! LibreOffice's `soffice --convert-to pdf` on it (issue 10, P5).

#[path = "../benches/fixture/memo.rs"]
mod fixture;

fn main() -> std::io::Result<()> {
    let Some(out) = std::env::args_os().nth(1) else {
        return Err(std::io::Error::other("usage: memo_html <out.html>"));
    };
    std::fs::write(out, fixture::memo().document(false).to_html())
}
