//! `evaluations.csv`: each result a self-evaluation or a monitoring table
//! prints (实际完成值, 得分 …) beside the target it answers, linked across
//! the run's inputs, and whether the target was met.
//!
//! Linking needs every input's target rows, and most runs hold no result
//! at all: the first pass (while the run is assembled) keeps the result
//! rows only; a second pass over the fragments, made only when there are
//! results, indexes the targets of the projects they name. A run of target
//! tables costs nothing and keeps no row in memory.

use jixiao_domain::fold;
use jixiao_emit::INDICATOR_COLUMNS;
use std::collections::{HashMap, HashSet};

/// Column order of `evaluations.csv`.
pub const EVALUATION_COLUMNS: &[&str] = &[
    "source_file",
    "project_key",
    "project_code",
    "project_name",
    "level1",
    "level2",
    "level3",
    "target",
    "actual",
    "weight",
    "score",
    "deviation",
    "outcome",
    "gap",
    "gap_unit",
    "link",
    "target_source_file",
    "target_source_ref",
    "source_ref",
];

/// One indicator row of a fragment, by column name.
#[derive(Debug, Clone, Default)]
struct Row(HashMap<&'static str, String>);

impl Row {
    fn get(&self, column: &str) -> &str {
        self.0.get(column).map_or("", String::as_str).trim_start_matches('\'')
    }

    /// The project the row belongs to: its code when it has one, else its
    /// name (a target table and its self-evaluation name a project alike).
    fn project(&self) -> Project {
        match self.get("project_code") {
            "" => Project::Name(squeezed(self.get("project_name"))),
            code => Project::Code(code.to_string()),
        }
    }

    fn indicator(&self) -> String {
        squeezed(self.get("level3"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Project {
    Code(String),
    Name(String),
}

/// Folded, without white space: how two prints of one name compare.
fn squeezed(text: &str) -> String {
    fold(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// True when a fragment's row prints a result (an actual, a score, a
/// progress or a likelihood): a self-evaluation's or a monitoring row.
fn prints_result(rec: &csv::StringRecord) -> bool {
    ["actual", "score", "progress", "likelihood"].iter().any(|c| {
        let at = INDICATOR_COLUMNS.iter().position(|k| k == c);
        at.and_then(|i| rec.get(i)).is_some_and(|v| !v.trim_start_matches('\'').is_empty())
    })
}

/// The rows of one input's indicators fragment (CSV rows, no header) that
/// `keep` selects, by column name; the others are looked at, not copied.
fn rows_where(ind: &[u8], keep: impl Fn(&csv::StringRecord) -> bool) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(ind);
    reader
        .records()
        .filter_map(Result::ok)
        .filter(|rec| keep(rec))
        .map(|rec| Row(INDICATOR_COLUMNS.iter().zip(rec.iter()).map(|(c, v)| (*c, v.to_string())).collect()))
        .collect()
}

/// The run's results and, once indexed, the targets they answer.
#[derive(Default)]
pub(crate) struct Evaluations {
    results: Vec<Row>,
    wanted: HashSet<Project>,
    /// Target rows of the wanted projects, by (project, indicator).
    targets: HashMap<(Project, String), Vec<Row>>,
}

impl Evaluations {
    /// First pass: the result rows of one input.
    pub fn add(&mut self, ind: &[u8]) {
        // Most inputs print no result: their rows are looked at, not kept.
        for row in rows_where(ind, prints_result) {
            self.wanted.insert(row.project());
            self.results.push(row);
        }
    }

    /// True when the run printed no result: no second pass, no file.
    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }

    /// Second pass: the target rows of one input, of the projects the
    /// results name.
    pub fn index_targets(&mut self, ind: &[u8]) {
        for row in rows_where(ind, |rec| !prints_result(rec)) {
            let project = row.project();
            if self.wanted.contains(&project) {
                self.targets.entry((project, row.indicator())).or_default().push(row);
            }
        }
    }

    /// The rows of `evaluations.csv`: each result with its target (or
    /// `unmatched`), then the wanted projects' targets no result answered.
    pub fn rows(&self) -> Vec<Vec<String>> {
        let mut used: HashSet<(String, String)> = HashSet::new();
        let mut out = Vec::with_capacity(self.results.len());
        for r in &self.results {
            let key = (r.project(), r.indicator());
            let target = self.targets.get(&key).and_then(|ts| ts.first());
            if let Some(t) = target {
                used.insert((t.get("source_file").to_string(), t.get("source_ref").to_string()));
            }
            let link = match (&key.0, target) {
                (_, None) => "unmatched",
                (Project::Code(_), Some(_)) => "project_code+level3",
                (Project::Name(_), Some(_)) => "project_name+level3",
            };
            out.push(result_row(r, target, link));
        }
        let mut unanswered: Vec<&Row> = self
            .targets
            .values()
            .flatten()
            .filter(|t| !used.contains(&(t.get("source_file").to_string(), t.get("source_ref").to_string())))
            .collect();
        unanswered.sort_by(|a, b| {
            (a.get("source_file"), a.get("source_ref")).cmp(&(b.get("source_file"), b.get("source_ref")))
        });
        out.extend(unanswered.into_iter().map(target_row));
        out
    }
}

/// A result beside its target: the result's own target when it prints one
/// (a 自评表 does), else the linked target's, as the target grammar read
/// it (comparator, figure and unit, separate columns folded in).
fn result_row(r: &Row, target: Option<&Row>, link: &str) -> Vec<String> {
    let own = !r.get("target").is_empty();
    let side = if own { Some(r) } else { target };
    let wanted = side.map_or("", |t| t.get("target"));
    let reading = side.map(|t| (t.get("comparator"), t.get("value"), t.get("value_unit")));
    let (outcome, gap, gap_unit) =
        reading.map_or(("not_comparable", String::new(), String::new()), |t| compare(t, r.get("actual")));
    let from_target = |c: &str| target.map_or(String::new(), |t| t.get(c).to_string());
    let mut row: Vec<String> = EVALUATION_COLUMNS[..7].iter().map(|c| r.get(c).to_string()).collect();
    row.push(wanted.to_string());
    row.extend(["actual", "weight", "score", "deviation"].iter().map(|c| r.get(c).to_string()));
    row.extend([outcome.to_string(), gap, gap_unit, link.to_string()]);
    row.extend([from_target("source_file"), from_target("source_ref"), r.get("source_ref").to_string()]);
    row
}

/// A target of a project with results that no result answered.
fn target_row(t: &Row) -> Vec<String> {
    let mut row: Vec<String> = EVALUATION_COLUMNS[..8].iter().map(|c| t.get(c).to_string()).collect();
    row.extend(["", "", "", "", "no_result", "", "", "unmatched_target"].map(String::from));
    row.extend([t.get("source_file").to_string(), t.get("source_ref").to_string(), String::new()]);
    row
}

/// evaluations.csv's outcome, gap and gap unit for `actual` against the
/// target read as (comparator, figure, unit).
fn compare((cmp, want, unit): (&str, &str, &str), actual: &str) -> (&'static str, String, String) {
    match jixiao_domain::results::compare(cmp, want, unit, actual) {
        (outcome, Some(gap)) => (outcome.as_str(), gap.to_string(), unit.to_string()),
        (outcome, None) => (outcome.as_str(), String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_row(fields: &[(&str, &str)]) -> String {
        let row: Vec<String> = INDICATOR_COLUMNS
            .iter()
            .map(|c| fields.iter().find(|(k, _)| k == c).map_or(String::new(), |(_, v)| v.to_string()))
            .collect();
        row.join(",") + "\n"
    }

    #[test]
    fn results_link_to_targets_of_another_input_and_the_rest_are_listed() {
        let mut e = Evaluations::default();
        let result = |l3: &str, actual: &str| {
            csv_row(&[
                ("source_file", "自评.xlsx"),
                ("project_code", "11000022T000000427117"),
                ("project_name", "培训"),
                ("level3", l3),
                ("target", "≥300人"),
                ("comparator", ">="),
                ("value", "300"),
                ("value_unit", "人"),
                ("actual", actual),
                ("source_ref", "Sheet1!E9"),
            ])
        };
        e.add(format!("{}{}", result("培训人数", "366人"), result("新指标", "1")).as_bytes());
        assert!(!e.is_empty());
        let target = |l3: &str, at: &str| {
            csv_row(&[
                ("source_file", "目标.docx"),
                ("project_code", "11000022T000000427117"),
                ("project_name", "培训"),
                ("level3", l3),
                ("target", "≥300人"),
                ("source_ref", at),
            ])
        };
        e.index_targets(format!("{}{}", target("培训 人数", "t1:r3:c2"), target("满意度", "t1:r4:c2")).as_bytes());
        let rows = e.rows();
        let col =
            |r: &Vec<String>, c: &str| r[EVALUATION_COLUMNS.iter().position(|x| *x == c).expect("column")].clone();
        assert_eq!(rows.len(), 3);
        assert_eq!((col(&rows[0], "link"), col(&rows[0], "outcome")), ("project_code+level3".into(), "met".into()));
        assert_eq!(col(&rows[0], "target_source_ref"), "t1:r3:c2");
        assert_eq!(col(&rows[1], "link"), "unmatched");
        assert_eq!((col(&rows[2], "link"), col(&rows[2], "level3")), ("unmatched_target".into(), "满意度".into()));
    }
}
