//! P5 beside a peer: the benchmark's 200-application decision memo written as HTML by the
//! core (`Document::to_html`, the same blocks the PDF renderer lays out), converted to PDF
//! by LibreOffice headless, as a user without Portfölj would. One conversion first creates
//! LibreOffice's profile and warms its caches; the median of the timed ones is the figure.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::{setup, sh};

const CONVERSIONS: usize = 3;

/// The median conversion time in milliseconds, and the number of pages LibreOffice made.
pub struct Conversion {
    pub median_ms: u64,
    pub pages: u64,
}

pub fn measure(root: &Path) -> Result<Conversion> {
    setup::debian(&["libreoffice-writer-nogui"])?;
    let bench = root.join("target/bench");
    let html = bench.join("memo.html");
    sh(
        root,
        "cargo",
        &["run", "--release", "-q", "-p", "portfolj-report", "--example", "memo_html", "--", &html.to_string_lossy()],
        &[],
    )?;
    let out = bench.join("libreoffice");
    let profile = format!("-env:UserInstallation=file://{}", bench.join("libreoffice-profile").display());
    let convert = || -> Result<u64> {
        let began = Instant::now();
        let status = Command::new("soffice")
            .args([
                &profile,
                "--headless",
                "--convert-to",
                "pdf:writer_web_pdf_Export",
                "--outdir",
                &out.to_string_lossy(),
                &html.to_string_lossy(),
            ])
            .output()
            .context("could not start soffice")?
            .status;
        if !status.success() {
            bail!("soffice --convert-to pdf failed ({status})");
        }
        Ok(u64::try_from(began.elapsed().as_millis()).unwrap_or(u64::MAX))
    };
    convert()?;
    let mut times = (0..CONVERSIONS).map(|_| convert()).collect::<Result<Vec<_>>>()?;
    times.sort_unstable();
    Ok(Conversion { median_ms: times[times.len() / 2], pages: pages(&out.join("memo.pdf"))? })
}

fn pages(pdf: &Path) -> Result<u64> {
    let info = Command::new("pdfinfo").arg(pdf).output().context("could not start pdfinfo")?;
    String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:")?.trim().parse().ok())
        .with_context(|| format!("LibreOffice made no readable PDF at {}", pdf.display()))
}
