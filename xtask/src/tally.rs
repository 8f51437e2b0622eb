//! Runs the test suites, echoing their output, and adds up what each runner reports
//! (cargo test, node's test runner, vitest), so `cargo xtask test` ends with one line that
//! counts every test of every kind.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, Result, bail};

use crate::step;

#[derive(Debug, Default)]
pub struct Tally {
    passed: u64,
    failed: u64,
    suites: Vec<String>,
}

impl Tally {
    /// Runs one suite; fails when it fails, after its output has been shown.
    pub fn run(&mut self, dir: &Path, program: &str, args: &[&str], envs: &[(&str, &Path)]) -> Result<()> {
        step(&format!("{program} {}", args.join(" ")));
        let mut child = Command::new(program)
            .args(args)
            .current_dir(dir)
            .envs(envs.iter().map(|(k, v)| (*k, v.as_os_str())))
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("could not start {program}"))?;
        let (mut passed, mut failed) = (0, 0);
        if let Some(out) = child.stdout.take() {
            for line in BufReader::new(out).lines() {
                let line = line?;
                println!("{line}");
                let (p, f) = counts(&line);
                passed += p;
                failed += f;
            }
        }
        let status = child.wait()?;
        self.passed += passed;
        self.failed += failed;
        self.suites.push(format!("{program}: {passed} passed, {failed} failed"));
        if !status.success() {
            bail!("`{program} {}` failed ({status})", args.join(" "));
        }
        Ok(())
    }

    pub fn report(&self) {
        println!("\nSuites:");
        for suite in &self.suites {
            println!("  {suite}");
        }
        println!("\nxtask: {} passed, {} failed", self.passed, self.failed);
    }
}

/// Passed and failed counts from one runner's summary line, if it is one.
fn counts(line: &str) -> (u64, u64) {
    let clean: String = strip_ansi(line);
    let number_before = |text: &str, word: &str| -> Option<u64> {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == ';' || c == '(' || c == ')')
            .filter(|w| !w.is_empty())
            .collect();
        words.windows(2).find(|w| w[1] == word).and_then(|w| w[0].parse().ok())
    };
    if let Some(rest) = clean.strip_prefix("test result: ") {
        return (number_before(rest, "passed").unwrap_or(0), number_before(rest, "failed").unwrap_or(0));
    }
    if let Some(n) = clean.strip_prefix("# pass ") {
        return (n.trim().parse().unwrap_or(0), 0);
    }
    if let Some(n) = clean.strip_prefix("# fail ") {
        return (0, n.trim().parse().unwrap_or(0));
    }
    let trimmed = clean.trim_start();
    if let Some(rest) = trimmed.strip_prefix("Tests ") {
        return (number_before(rest, "passed").unwrap_or(0), number_before(rest, "failed").unwrap_or(0));
    }
    (0, 0)
}

fn strip_ansi(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::counts;

    #[test]
    fn reads_each_runners_summary() {
        assert_eq!(counts("test result: ok. 26 passed; 1 failed; 0 ignored"), (26, 1));
        assert_eq!(counts("# pass 5"), (5, 0));
        assert_eq!(counts("# fail 2"), (0, 2));
        assert_eq!(
            counts(
                "\u{1b}[2m      Tests \u{1b}[22m \u{1b}[1m\u{1b}[32m111 passed\u{1b}[39m\u{1b}[22m\u{1b}[90m (111)\u{1b}[39m"
            ),
            (111, 0)
        );
        assert_eq!(counts("ok 3 - creates an application"), (0, 0));
    }
}
