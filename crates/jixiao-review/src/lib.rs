//! `jixiao review`: the 初审 (first-pass review) of each project's
//! performance targets, from rules as data.
//!
//! A [`RuleSet`] is read from TOML (the default set ships in
//! `jixiao-domain/data/review_rules.toml`; `--rules FILE` extends or
//! replaces it). Each rule looks at a project or an indicator row of the
//! canonical [`DocumentRecord`], with a condition over its fields or a
//! built-in check, and writes a [`Finding`] with the reviewer's opinion,
//! templated with the row's own values. It sits after the normalizer:
//! every layout and format the converter reads is reviewed the same way.

#![deny(missing_docs)]

mod rules;

pub use rules::{AppliesTo, Rule, RuleError, RuleSet, Severity};

use jixiao_domain::vocab::{is_placeholder, money_places};
use jixiao_domain::{fold, ValueKind};
use jixiao_model::aligned::Scope;
use jixiao_model::record::{DocumentRecord, IndicatorRecord, ProjectRecord, UnitRecord};
use rules::{Check, Cond, Test};
use std::collections::HashSet;

/// One problem a rule found.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Finding {
    /// The input.
    pub source_file: String,
    /// 单位名称.
    pub unit_name: String,
    /// The project's key.
    pub project_key: String,
    /// 项目名称.
    pub project_name: String,
    /// The rule's id.
    pub rule: String,
    /// 完整性 / 可测性 / 可行性 / 目标相关性 / 资金匹配性.
    pub group: String,
    /// error / warning / info.
    pub severity: String,
    /// What was found, briefly (the indicator, or the missing slots).
    pub finding: String,
    /// The review opinion a reviewer would write.
    pub opinion: String,
    /// Where (the indicator's cell, or the project's header).
    pub source_ref: String,
}

/// The column order of review.csv.
pub const REVIEW_COLUMNS: &[&str] = &[
    "source_file",
    "unit_name",
    "project_key",
    "project_name",
    "rule",
    "group",
    "severity",
    "finding",
    "opinion",
    "source_ref",
];

/// Reviews every project of a document.
pub fn review(record: &DocumentRecord, rules: &RuleSet) -> Vec<Finding> {
    let mut out = Vec::new();
    for unit in &record.units {
        for project in &unit.projects {
            let ctx = Ctx { record, unit, project };
            for rule in rules.rules() {
                match rule.applies_to {
                    AppliesTo::Project => out.extend(ctx.project_finding(rule)),
                    AppliesTo::Indicator => out.extend(ctx.indicator_findings(rule)),
                }
            }
        }
    }
    out
}

struct Ctx<'a> {
    record: &'a DocumentRecord,
    unit: &'a UnitRecord,
    project: &'a ProjectRecord,
}

impl Ctx<'_> {
    fn finding(&self, rule: &Rule, finding: String, vars: &dyn Fn(&str) -> String, source_ref: String) -> Finding {
        Finding {
            source_file: self.record.source_file.clone(),
            unit_name: self.unit.name.clone().unwrap_or_default(),
            project_key: self.project.key.clone(),
            project_name: self.name(),
            rule: rule.id.clone(),
            group: rule.group.clone(),
            severity: rule.severity.as_str().into(),
            finding,
            opinion: fill(&rule.opinion, vars),
            source_ref,
        }
    }

    fn name(&self) -> String {
        let name = self.project.name.as_ref().map(|t| t.text.trim().to_string());
        name.or_else(|| self.unit.name.clone()).unwrap_or_default()
    }

    fn budget(&self) -> String {
        self.project.budget_wan.as_ref().map(|w| format!("{w}万元")).unwrap_or_else(|| "（未填）".into())
    }

    fn project_field(&self, field: &str) -> String {
        let p = self.project;
        match field {
            "project_name" => self.name(),
            "goal" => p.goal.as_ref().map(|t| t.text.clone()).unwrap_or_default(),
            "budget_yuan" => p.budget_yuan.clone().unwrap_or_default(),
            "year" => p.year.map(|y| y.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    fn project_finding(&self, rule: &Rule) -> Option<Finding> {
        let vars = |slots: &str| {
            let slots = slots.to_string();
            move |v: &str| match v {
                "slots" => slots.clone(),
                "budget" => self.budget(),
                other => self.project_field(other),
            }
        };
        let source = self.project.source.to_string();
        match (&rule.check, &rule.when) {
            (Some(Check::MissingLevel2), _) => {
                if self.project.scope != Scope::Project {
                    return None;
                }
                let missing = missing_slots(self.project, &rule.slots);
                (!missing.is_empty()).then(|| {
                    let slots = missing.join("、");
                    self.finding(rule, format!("缺少{slots}"), &vars(&slots), source)
                })
            }
            (None, Some(cond)) => {
                cond.holds(&|f| self.project_field(f)).then(|| self.finding(rule, self.name(), &vars(""), source))
            }
            _ => None,
        }
    }

    fn indicator_findings(&self, rule: &Rule) -> Vec<Finding> {
        let rows = &self.project.indicators;
        let has_descriptions = rows.iter().any(|r| r.description.as_ref().is_some_and(|d| !d.text.trim().is_empty()));
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for row in rows {
            let field = |f: &str| indicator_field(row, f);
            let hit = match (&rule.check, &rule.when) {
                (Some(Check::EmptyDescription), _) => has_descriptions && Test::empty(&field("description")),
                (Some(Check::DuplicateLevel3), _) => {
                    let name = fold(&field("level3")).into_owned();
                    !name.is_empty() && !seen.insert((row.horizon, name))
                }
                (Some(Check::CostOverBudget), _) => cost_over_budget(row, self.project),
                (Some(Check::MissingLevel2), _) => false,
                (None, Some(cond)) => cond.holds(&field),
                (None, None) => false,
            };
            if hit {
                let vars = |v: &str| if v == "budget" { self.budget() } else { field(v) };
                out.push(self.finding(rule, field("level3"), &vars, row.source.to_string()));
            }
        }
        out
    }
}

/// A field of an indicator row, as text.
fn indicator_field(row: &IndicatorRecord, field: &str) -> String {
    let t = |x: &Option<jixiao_model::aligned::Traced>| x.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    let r = &row.reading;
    match field {
        "level1" => row.level1.label.clone(),
        "level2" => row.level2.label.clone(),
        "level3" => t(&row.level3),
        "description" => t(&row.description),
        "target" => t(&row.target),
        "basis" => t(&row.basis),
        "comparator" => r.comparator.map(|c| c.as_str().to_string()).unwrap_or_default(),
        "value" => r.value.clone().unwrap_or_default(),
        "value_unit" => r.unit.clone().unwrap_or_default(),
        "value_kind" => r.value_kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The slots of `wanted` the project fills with no indicator (placeholder
/// rows are skipped rows, not indicators). 成本指标 is filled by the older
/// form's 二级 成本指标 or by the 2021 form's 一级 成本指标.
fn missing_slots(project: &ProjectRecord, wanted: &[String]) -> Vec<String> {
    let has = |slot: &str| {
        project.indicators.iter().any(|r| r.level2.label == slot || (slot == "成本指标" && r.level1.label == slot))
    };
    wanted.iter().filter(|s| !has(s)).cloned().collect()
}

/// An amount target under a cost indicator above the project's budget
/// (both in 元: the budget as its scale was decided, the target in its
/// unit; a unit price such as 元/人 is no total and is not compared).
fn cost_over_budget(row: &IndicatorRecord, project: &ProjectRecord) -> bool {
    let cost = row.level2.label.contains("成本") || row.level1.label == "成本指标";
    let r = &row.reading;
    if !cost || r.value_kind != Some(ValueKind::Amount) {
        return false;
    }
    let unit = r.unit.as_deref().unwrap_or("万元");
    let unit = unit.strip_suffix("/年").unwrap_or(unit);
    let (Some(places), Some(value), Some(budget)) = (
        money_places(unit),
        r.value.as_deref().and_then(|v| v.parse::<f64>().ok()),
        project.budget_yuan.as_deref().and_then(|b| b.parse::<f64>().ok()),
    ) else {
        return false;
    };
    budget > 0.0 && value * 10f64.powi(places) > budget * 1.0001
}

/// `template` with each `{name}` replaced by `vars(name)`.
fn fill(template: &str, vars: &dyn Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => {
                out.push_str(&vars(&rest[open + 1..open + close]));
                rest = &rest[open + close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

impl Cond {
    /// True when the condition holds for a row whose fields `field` gives.
    fn holds(&self, field: &dyn Fn(&str) -> String) -> bool {
        match self {
            Cond::All { all } => all.iter().all(|c| c.holds(field)),
            Cond::Any { any } => any.iter().any(|c| c.holds(field)),
            Cond::Not { not } => !not.holds(field),
            Cond::Field { field: name, test } => test.holds(&field(name)),
        }
    }
}

impl Test {
    fn empty(text: &str) -> bool {
        text.trim().is_empty() || is_placeholder(text)
    }

    fn holds(&self, text: &str) -> bool {
        match self {
            Test::Is(what) if what == "empty" => Test::empty(text),
            Test::Is(_) => false,
            Test::LongerThan(n) => fold(text).chars().count() > *n,
            Test::In(values) => values.iter().any(|v| v == text),
            Test::Matches(re) => re.is_match(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_take_the_rows_values() {
        let vars = |v: &str| if v == "level3" { "人数".to_string() } else { format!("<{v}>") };
        assert_eq!(fill("指标「{level3}」{x}", &vars), "指标「人数」<x>");
        assert_eq!(fill("no {brace", &vars), "no {brace");
    }
}
