//! `jixiao review`: the 初审 (first-pass review) of each project's
//! performance targets, from rules as data.
//!
//! A [`RuleSet`] is read from TOML (the default set ships in
//! `data/review_rules.toml`, [`DEFAULT_RULES`]; `--rules FILE` extends or
//! replaces it). Each rule looks at a project or an indicator row of the
//! canonical [`DocumentRecord`], with a condition over its fields or a
//! built-in check, and writes a [`Finding`] with the reviewer's opinion,
//! templated with the row's own values. It sits after the normalizer:
//! every layout and format the converter reads is reviewed the same way.

#![deny(missing_docs)]

mod rules;
mod selfeval;

pub use rules::{AppliesTo, Rule, RuleError, RuleSet, Severity, DEFAULT_RULES};

use jixiao_columns::{IndicatorAt, ProjectAt, INDICATORS, PROJECTS};
use jixiao_domain::vocab::{marks_unused, money_places};
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
    /// The severity in Chinese (错误 / 警告 / 提示), for people reading
    /// review.csv; `severity` is the code to filter on.
    pub severity_label: String,
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
    "severity_label",
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
            severity_label: rule.severity.label_zh().into(),
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

    fn at(&self) -> ProjectAt<'_> {
        ProjectAt { record: self.record, unit: self.unit, project: self.project }
    }

    /// A field of the project: its `projects.csv` column, except that a
    /// department's table is named by its unit.
    fn project_field(&self, field: &str) -> String {
        match field {
            "project_name" => self.name(),
            _ => cell_text(jixiao_columns::cell(PROJECTS, field, self.at())),
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
            (Some(check @ (Check::MissingLevel2 | Check::MissingLevel1)), _) => {
                if self.project.scope != Scope::Project {
                    return None;
                }
                let missing = missing_slots(self.project, &rule.slots, *check);
                (!missing.is_empty()).then(|| {
                    let slots = missing.join("、");
                    self.finding(rule, format!("缺少{slots}"), &vars(&slots), source)
                })
            }
            (Some(check @ (Check::ExecutionRate | Check::FundsScore | Check::ScoresAddUp)), _) => {
                let (printed, expected) = match check {
                    Check::ExecutionRate => selfeval::execution_rate(self.project)?,
                    Check::FundsScore => selfeval::funds_score(self.project)?,
                    _ => selfeval::scores_add_up(self.project)?,
                };
                let vars = |v: &str| match v {
                    "printed" => printed.clone(),
                    "expected" => expected.clone(),
                    other => vars("")(other),
                };
                Some(self.finding(rule, format!("{printed} ≠ {expected}"), &vars, source))
            }
            (None, Some(cond)) => {
                cond.holds(&|f| self.project_field(f)).then(|| self.finding(rule, self.name(), &vars(""), source))
            }
            _ => None,
        }
    }

    fn indicator_findings(&self, rule: &Rule) -> Vec<Finding> {
        let rows: Vec<&IndicatorRecord> = self.project.indicators.iter().filter(|r| !is_placeholder_row(r)).collect();
        let has_descriptions = rows.iter().any(|r| r.description.as_ref().is_some_and(|d| !d.text.trim().is_empty()));
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let missed_score = |row: &IndicatorRecord| {
            let scoring = rule.scoring?;
            selfeval::score_when_missed(row, scoring, rule.floor.unwrap_or(0.0))
        };
        for &row in &rows {
            let at = IndicatorAt { owner: self.at(), indicator: row };
            let field = |f: &str| cell_text(jixiao_columns::cell(INDICATORS, f, at));
            let hit = match (&rule.check, &rule.when) {
                (Some(Check::EmptyDescription), _) => has_descriptions && Test::empty(&field("description")),
                (Some(Check::DuplicateLevel3), _) => {
                    let name = fold(&field("level3")).into_owned();
                    !name.is_empty() && !seen.insert((row.horizon, name))
                }
                (Some(Check::CostOverBudget), _) => cost_over_budget(row, self.project).is_some(),
                (Some(Check::ScoreWhenMet), _) => selfeval::score_when_met(row),
                (Some(Check::ScoreWhenMissed), _) => missed_score(row).is_some(),
                (Some(Check::DeviationWhenMissed), _) => selfeval::deviation_when_missed(row, self.project),
                (Some(Check::ActualInAnotherUnit), _) => selfeval::actual_in_another_unit(row),
                (
                    Some(
                        Check::MissingLevel2
                        | Check::MissingLevel1
                        | Check::ExecutionRate
                        | Check::FundsScore
                        | Check::ScoresAddUp,
                    ),
                    _,
                ) => false,
                (None, Some(cond)) => cond.holds(&field),
                (None, None) => false,
            };
            if hit {
                let vars = |v: &str| match v {
                    "budget" => self.budget(),
                    "length" => fold(&field("level3")).chars().count().to_string(),
                    "gap" => selfeval::outcome(row).1.map(|g| g.to_string()).unwrap_or_default(),
                    "expected" => missed_score(row).map(|e| e.to_string()).unwrap_or_default(),
                    "scoring" => rule.scoring.map_or("", |s| s.label_zh()).to_string(),
                    "cost" | "excess" => cost_over_budget(row, self.project)
                        .map(|(cost, budget)| wan(if v == "cost" { cost } else { cost - budget }))
                        .unwrap_or_default(),
                    other => field(other),
                };
                out.push(self.finding(rule, field("level3"), &vars, row.source.to_string()));
            }
        }
        out
    }
}

/// A column's cell as a condition tests it (nothing for no column).
fn cell_text(cell: Option<jixiao_columns::Cell<'_>>) -> String {
    cell.map(|c| c.text().into_owned()).unwrap_or_default()
}

/// A row that only marks a slot as unused (its 三级指标, or with none its
/// 指标值, is a placeholder): no indicator, for every rule.
fn is_placeholder_row(row: &IndicatorRecord) -> bool {
    let text = |x: &Option<jixiao_model::aligned::Traced>| x.as_ref().map(|t| t.text.clone()).unwrap_or_default();
    let level3 = text(&row.level3);
    if level3.trim().is_empty() {
        marks_unused(&text(&row.target))
    } else {
        marks_unused(&level3)
    }
}

/// The slots of `wanted` the project fills with no indicator (placeholder
/// rows are not indicators). A 二级 slot (`missing_level2`) is filled by a
/// row under that 二级 or, for 成本指标, under the 2021 form's 一级 成本指标;
/// a 一级 slot (`missing_level1`) by a row under that 一级.
fn missing_slots(project: &ProjectRecord, wanted: &[String], check: Check) -> Vec<String> {
    let rows = || project.indicators.iter().filter(|r| !is_placeholder_row(r));
    let has = |slot: &str| match check {
        Check::MissingLevel1 => rows().any(|r| r.level1.label == slot),
        _ => rows().any(|r| r.level2.label == slot || (slot == "成本指标" && r.level1.label == slot)),
    };
    wanted.iter().filter(|s| !has(s)).cloned().collect()
}

/// An amount in 元 as 万元 for an opinion (`37.32万元`).
fn wan(yuan: f64) -> String {
    let text = format!("{:.4}", yuan / 10_000.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}万元")
}

/// An amount target under a cost indicator above the project's budget:
/// the target and the budget in 元, when the target is above it. Both are
/// compared in 元: the budget as its scale was decided, the target in its
/// unit, and a target with no unit as 元 (the smallest reading, so that
/// it is above the budget whatever unit was meant); a unit price such as
/// 元/人 is no total and is not compared, and a budget of 0 or none is no
/// budget.
fn cost_over_budget(row: &IndicatorRecord, project: &ProjectRecord) -> Option<(f64, f64)> {
    let cost = row.level2.label.contains("成本") || row.level1.label == "成本指标";
    let r = &row.reading;
    if !cost || r.value_kind != Some(ValueKind::Amount) {
        return None;
    }
    let unit = r.unit.as_deref().unwrap_or("元");
    let unit = unit.strip_suffix("/年").unwrap_or(unit);
    let places = money_places(unit)?;
    let value = r.value.as_deref().and_then(|v| v.parse::<f64>().ok())?;
    let budget = project.budget_yuan.as_deref().and_then(|b| b.parse::<f64>().ok())?;
    let yuan = value * 10f64.powi(places);
    (budget > 0.0 && yuan > budget * 1.0001).then_some((yuan, budget))
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
        text.trim().is_empty() || marks_unused(text)
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
    use jixiao_model::aligned::{Horizon, Traced};
    use jixiao_model::record::{LabelRecord, Reading};
    use jixiao_model::SourceRef;

    fn label(text: &str) -> LabelRecord {
        LabelRecord { label: text.into(), raw: None, inferred: false }
    }

    fn traced(text: &str) -> Option<Traced> {
        Some(Traced::new(text, SourceRef::default()))
    }

    fn row(level1: &str, level2: &str, level3: &str, target: &str) -> IndicatorRecord {
        IndicatorRecord {
            horizon: Horizon::Annual,
            level1: label(level1),
            level2: label(level2),
            level3: traced(level3),
            description: None,
            target: traced(target),
            reading: Reading::default(),
            basis: None,
            comparator_column: None,
            unit_column: None,
            results: Default::default(),
            actual_reading: None,
            repairs: Vec::new(),
            confidence: 1.0,
            warnings: Vec::new(),
            source: SourceRef::default(),
        }
    }

    fn project(budget_yuan: Option<&str>, indicators: Vec<IndicatorRecord>) -> DocumentRecord {
        let project = ProjectRecord {
            scope: Scope::Project,
            kind: Default::default(),
            key: "P1".into(),
            key_inputs: Vec::new(),
            code: None,
            name: traced("测试项目"),
            budget_wan: budget_yuan.map(|y| (y.parse::<f64>().unwrap_or(0.0) / 10_000.0).to_string()),
            budget_yuan: budget_yuan.map(str::to_string),
            budget_raw: None,
            budget_scale: None,
            budget_scale_uncertain: false,
            year: Some(2023),
            mid_term_budget_yuan: None,
            facts: Default::default(),
            goal: traced("完成年度任务"),
            indicators,
            skipped: Vec::new(),
            warnings: Vec::new(),
            source: SourceRef::default(),
        };
        DocumentRecord {
            schema_version: String::new(),
            source_file: "t.xlsx".into(),
            format: "xlsx".into(),
            encoding: None,
            year: Some(2023),
            units: vec![UnitRecord { code: None, name: Some("测试单位".into()), projects: vec![project] }],
            diagnostics: Vec::new(),
        }
    }

    fn rules_hit(record: &DocumentRecord) -> Vec<(String, String)> {
        review(record, &RuleSet::defaults()).into_iter().map(|f| (f.rule, f.finding)).collect()
    }

    fn amount(mut r: IndicatorRecord, value: &str, unit: Option<&str>) -> IndicatorRecord {
        r.reading = Reading {
            value_kind: Some(ValueKind::Amount),
            value: Some(value.into()),
            unit: unit.map(str::to_string),
            ..Reading::default()
        };
        r
    }

    /// A project filling every slot the default rules ask for.
    fn complete() -> Vec<IndicatorRecord> {
        let mut rows = vec![
            row("产出指标", "数量指标", "培训人次", "100人次"),
            row("产出指标", "质量指标", "合格率", "95%"),
            row("产出指标", "时效指标", "完成时间", "2023年12月"),
            row("产出指标", "成本指标", "培训成本", "10万元"),
            row("效益指标", "社会效益指标", "群众知晓率", "90%"),
            row("满意度指标", "服务对象满意度指标", "学员满意度", "90%"),
        ];
        for r in &mut rows {
            r.reading.value_kind = Some(ValueKind::Quantity);
            r.reading.unit = Some("人次".into());
        }
        rows[3] = amount(rows[3].clone(), "10", Some("万元"));
        rows
    }

    #[test]
    fn a_complete_project_has_no_finding() {
        assert_eq!(rules_hit(&project(Some("200000"), complete())), Vec::<(String, String)>::new());
    }

    #[test]
    fn placeholder_rows_are_no_indicators_for_any_rule() {
        let mut rows = complete();
        // The typo 不适应, twice in one project, and 不适用 with no description.
        rows.push(row("效益指标", "经济效益指标", "不适应", ""));
        rows.push(row("效益指标", "生态效益指标", "不适应", ""));
        rows.push(row("效益指标", "可持续影响指标", "不适用", "不适用"));
        // The layout has descriptions: every real row has one, the placeholders none.
        for r in rows.iter_mut().take(6) {
            r.description = traced("指标的含义与口径");
        }
        assert_eq!(rules_hit(&project(Some("200000"), rows)), Vec::<(String, String)>::new());
    }

    #[test]
    fn a_slot_filled_only_by_a_placeholder_is_missing() {
        let mut rows = complete();
        rows[4] = row("效益指标", "社会效益指标", "不适应", "");
        rows[5] = row("满意度指标", "服务对象满意度指标", "无", "");
        let hits = rules_hit(&project(Some("200000"), rows));
        assert_eq!(
            hits,
            [
                ("required-level2".to_string(), "缺少社会效益指标".to_string()),
                ("required-satisfaction".into(), "缺少满意度指标".into())
            ]
        );
    }

    #[test]
    fn names_are_long_above_the_stated_limit_only() {
        let mut rows = complete();
        rows[0].level3 = traced("一二三四五六七八九十一二三四五"); // 15: at the limit
        rows[1].level3 = traced("一二三四五六七八九十一二三四五六"); // 16
        let hits = rules_hit(&project(Some("200000"), rows));
        assert_eq!(hits, [("long-name".to_string(), "一二三四五六七八九十一二三四五六".to_string())]);
        let f = review(&project(Some("200000"), complete_with_long()), &RuleSet::defaults());
        assert!(f[0].opinion.contains("名称16字，超过15字"), "{}", f[0].opinion);
    }

    fn complete_with_long() -> Vec<IndicatorRecord> {
        let mut rows = complete();
        rows[1].level3 = traced("一二三四五六七八九十一二三四五六");
        rows
    }

    #[test]
    fn a_cost_above_the_budget_is_quoted_and_compared_in_wan() {
        let mut rows = complete();
        rows[3] = amount(row("产出指标", "成本指标", "设备购置成本", "≤170万元"), "170", Some("万元"));
        let found = review(&project(Some("1326800"), rows.clone()), &RuleSet::defaults());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].opinion,
            "成本指标「设备购置成本」目标值“≤170万元”（170万元）超过项目预算132.68万元（差37.32万元），请核实预算与成本指标的匹配性。"
        );
        // Within the budget, a budget of 0 (none in the source), a unit price: no finding.
        assert!(review(&project(Some("1700000"), rows.clone()), &RuleSet::defaults()).is_empty());
        assert!(review(&project(Some("0"), rows.clone()), &RuleSet::defaults()).is_empty());
        rows[3] = amount(rows[3].clone(), "170", Some("元/人"));
        assert!(review(&project(Some("100"), rows), &RuleSet::defaults()).is_empty());
    }

    #[test]
    fn a_deadline_in_words_is_vague_a_time_is_not() {
        let hits = |target: &str| {
            let mut rows = complete();
            rows[2] = row("产出指标", "时效指标", "送货时效性", target);
            rows[2].reading.value_kind = Some(ValueKind::Text);
            rules_hit(&project(Some("200000"), rows)).into_iter().filter(|(r, _)| r == "vague-deadline").count()
        };
        for vague in ["及时", "按合同时间要求", "每月/次", "不跨年度完成"] {
            assert_eq!(hits(vague), 1, "{vague}");
        }
        for dated in [
            "每天早上六点半前送达",
            "每天早上6点半前到达",
            "每月25日前发布",
            "2023年1月1日至2023年12月31日",
            "每年年底",
            "七个工作日内",
        ] {
            assert_eq!(hits(dated), 0, "{dated}");
        }
    }

    #[test]
    fn none_is_a_value_an_unused_mark_is_empty() {
        let with_target = |target: &str| {
            let mut rows = complete();
            rows[4] = row("效益指标", "社会效益指标", "雾霾现象", target);
            rules_hit(&project(Some("200000"), rows)).into_iter().filter(|(r, _)| r == "empty-value").count()
        };
        assert_eq!(with_target("无"), 0);
        assert_eq!(with_target("不适用"), 1);
        assert_eq!(with_target(""), 1);
    }

    /// A 自评 row: target `≥{want}%`, actual `{got}%`, 分值 10, 得分 `score`.
    fn scored(want: &str, got: &str, score: &str) -> IndicatorRecord {
        let mut r = row("产出指标", "质量指标", "合格率", &format!("≥{want}%"));
        r.reading = Reading {
            value_kind: Some(ValueKind::Percent),
            comparator: Some(jixiao_domain::Comparator::Ge),
            value: Some(want.into()),
            unit: Some("%".into()),
            ..Reading::default()
        };
        r.results.actual = traced(&format!("{got}%"));
        r.results.weight = traced("10");
        r.results.score = traced(score);
        r
    }

    /// The `{expected}` of each finding of a one-rule set scoring misses
    /// with `scoring`.
    fn missed(scoring: &str, rows: Vec<IndicatorRecord>) -> Vec<String> {
        let file = format!("mode = \"replace\"\n[[rule]]\nid = \"m\"\ngroup = \"自评\"\nseverity = \"warning\"\napplies_to = \"indicator\"\ncheck = \"score_when_missed\"\n{scoring}\nopinion = \"{{expected}}\"\n");
        let rules = RuleSet::with_file("m.toml", &file).expect("rules");
        review(&project(None, rows), &rules).into_iter().map(|f| f.opinion).collect()
    }

    #[test]
    fn a_missed_target_is_scored_by_the_rule_the_file_names() {
        // 80 of 100: 8 of 10 in proportion.
        let rows = || vec![scored("100", "80", "8"), scored("100", "80", "6"), scored("100", "100", "10")];
        assert_eq!(
            missed("scoring = \"proportional\"", rows()),
            ["8"],
            "only the 6 is wrong; a met row is not this rule's"
        );
        assert_eq!(missed("scoring = \"proportional\"\nfloor = 0.9", rows()), ["0", "0"], "below 90% nothing");
        assert_eq!(missed("scoring = \"zero\"", rows()), ["0", "0"]);
        assert_eq!(
            missed("scoring = \"below_weight\"", vec![scored("100", "80", "10"), scored("100", "80", "7")]),
            ["10"]
        );
        // Printed to one place: 9.38 written 9.4 is the same score.
        assert!(missed("scoring = \"proportional\"", vec![scored("96", "90", "9.4")]).is_empty());
        assert!(missed("scoring = \"proportional\"", vec![scored("96", "90", "9.3")]).is_empty(), "cut to one place");
        assert_eq!(missed("scoring = \"proportional\"", vec![scored("96", "90", "9.2")]), ["9.38"]);
    }

    #[test]
    fn wan_drops_trailing_zeros() {
        assert_eq!(wan(373_200.0), "37.32万元");
        assert_eq!(wan(1_700_000.0), "170万元");
        assert_eq!(wan(5.0), "0.0005万元");
    }

    #[test]
    fn templates_take_the_rows_values() {
        let vars = |v: &str| if v == "level3" { "人数".to_string() } else { format!("<{v}>") };
        assert_eq!(fill("指标「{level3}」{x}", &vars), "指标「人数」<x>");
        assert_eq!(fill("no {brace", &vars), "no {brace");
    }
}
