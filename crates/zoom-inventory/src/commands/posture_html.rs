//! `posture --format html`: one self-contained page to hand over (styles inline, no script,
//! nothing fetched when it is opened): the score of each profile and of each of its sections,
//! each failing control of the chosen profile with its evidence and remediation, and what
//! changed since the run before.

use std::fmt::Write as _;

use inventory_model::posture::{self, Facts, Finding, Profile, Status, Tally};
use inventory_store::{AssetChange, ChangeKind};

/// At most this many changes are listed one by one (all are counted).
const CHANGES_LISTED: usize = 200;

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1d2330;padding:0 1em}\
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:2px solid #d8dde6;padding-bottom:.2em}\
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #e3e7ee;vertical-align:top}\
th{background:#f3f5f9}.num{text-align:right;font-variant-numeric:tabular-nums}.meta{color:#5a6372}\
.fail{color:#b42318;font-weight:600}.pass{color:#067647}.manual{color:#6941c6}.unknown{color:#93370d}\
.high{background:#fee4e2}.medium{background:#fef0c7}.low{background:#f2f4f7}\
.finding{border:1px solid #e3e7ee;border-left:4px solid #b42318;border-radius:4px;padding:.5em .9em;margin:.8em 0}\
.finding h3{margin:.2em 0;font-size:1.05em}ul{margin:.3em 0 .3em 1.2em;padding:0}code{font-size:.92em}";

/// What the page shows.
pub(crate) struct Report<'a> {
    /// The run judged.
    pub(crate) run: i64,
    /// The account (its record's id).
    pub(crate) subject: &'a str,
    /// When the run ended (RFC 3339).
    pub(crate) as_of: String,
    /// The profile whose failures are detailed.
    pub(crate) profile: Profile,
    /// The run's facts.
    pub(crate) facts: &'a Facts<'a>,
    /// The run before with data, and what changed since.
    pub(crate) changes: Option<(i64, &'a [AssetChange])>,
}

/// Text made safe inside HTML elements and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Passed among the controls judged pass or fail, as a percentage.
fn score(tally: Tally) -> String {
    match tally.pass + tally.fail {
        0 => "n/a".to_owned(),
        judged => format!("{:.0}%", 100.0 * tally.pass as f64 / judged as f64),
    }
}

/// One row of counts: name, score, pass, fail, manual, unknown.
fn count_row(page: &mut String, name: &str, tally: Tally) {
    let _ = write!(
        page,
        "<tr><td>{}</td><td class=num>{}</td><td class=\"num pass\">{}</td><td class=\"num fail\">{}</td>\
<td class=\"num manual\">{}</td><td class=\"num unknown\">{}</td></tr>",
        escape(name),
        score(tally),
        tally.pass,
        tally.fail,
        tally.manual,
        tally.unknown
    );
}

const COUNT_HEADER: &str = "<tr><th></th><th class=num>score</th><th class=num>pass</th>\
<th class=num>fail</th><th class=num>manual</th><th class=num>unknown</th></tr>";

/// The findings by section, in the order their sections first appear.
fn sections(findings: &[Finding]) -> Vec<(&str, Vec<&Finding>)> {
    let mut sections: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for finding in findings {
        match sections
            .iter_mut()
            .find(|(title, _)| *title == finding.section)
        {
            Some((_, members)) => members.push(finding),
            None => sections.push((&finding.section, vec![finding])),
        }
    }
    sections
}

/// The page.
pub(crate) fn render(report: &Report<'_>) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>\
<meta name=viewport content=\"width=device-width,initial-scale=1\">\
<title>Zoom posture: {subject}</title><style>{STYLE}</style></head><body>\
<h1>Zoom security posture</h1><p class=meta>{subject}, run {run} ({as_of}); written by \
zoom-inventory {version}</p>",
        subject = escape(report.subject),
        run = report.run,
        as_of = escape(&report.as_of),
        version = env!("CARGO_PKG_VERSION"),
    );

    page.push_str("<h2>Score by profile</h2><table>");
    page.push_str(COUNT_HEADER);
    let mut detailed = Vec::new();
    for profile in Profile::ALL {
        let findings = posture::evaluate(&profile.controls(), report.facts);
        count_row(&mut page, profile.title(), Tally::of(&findings));
        if profile == report.profile {
            detailed = findings;
        }
    }
    page.push_str(
        "</table><p class=meta>Score: controls passed among those judged pass or fail; \
manual controls need a person, unknown ones facts the run did not read.</p>",
    );

    let _ = write!(
        page,
        "<h2>{} by section</h2><table>",
        escape(report.profile.title())
    );
    page.push_str(COUNT_HEADER);
    for (section, members) in sections(&detailed) {
        count_row(&mut page, section, Tally::of(members.iter().copied()));
    }
    page.push_str("</table>");

    let failed: Vec<&Finding> = detailed
        .iter()
        .filter(|f| f.status == Status::Fail)
        .collect();
    let _ = write!(page, "<h2>Failing controls ({})</h2>", failed.len());
    if failed.is_empty() {
        page.push_str("<p>None.</p>");
    }
    for finding in failed {
        let _ = write!(
            page,
            "<div class=finding><h3><code>{id}</code> {title} <span class={severity}>{severity}</span></h3>\
<p class=meta>{section}</p><ul>",
            id = escape(&finding.control),
            title = escape(&finding.title),
            severity = finding.severity.as_str(),
            section = escape(&finding.section),
        );
        for line in &finding.evidence {
            let _ = write!(page, "<li>{}</li>", escape(line));
        }
        let _ = write!(
            page,
            "</ul><p><strong>Remediation:</strong> {}</p></div>",
            escape(&finding.remediation)
        );
    }

    page.push_str("<h2>Changes since the run before</h2>");
    match report.changes {
        None => page.push_str("<p>This is the first run with data: nothing to compare.</p>"),
        Some((from, changes)) => write_changes(&mut page, from, changes),
    }
    page.push_str("</body></html>\n");
    page
}

fn write_changes(page: &mut String, from: i64, changes: &[AssetChange]) {
    let verb = |change: ChangeKind| match change {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
    };
    let _ = write!(page, "<p>{} change(s) since run {from}.</p>", changes.len());
    if changes.is_empty() {
        return;
    }
    page.push_str("<table><tr><th>kind</th><th>change</th><th>id</th><th>fields</th></tr>");
    for change in changes.iter().take(CHANGES_LISTED) {
        let fields: Vec<&str> = change.fields.iter().map(|f| f.field.as_str()).collect();
        let _ = write!(
            page,
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            change.kind.as_str(),
            verb(change.change),
            escape(&change.id),
            escape(&fields.join(", "))
        );
    }
    page.push_str("</table>");
    if changes.len() > CHANGES_LISTED {
        let _ = write!(
            page,
            "<p class=meta>and {} more: <code>zoom-inventory diff</code> lists them all.</p>",
            changes.len() - CHANGES_LISTED
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
