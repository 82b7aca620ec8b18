//! Rules as data: the TOML format, read and checked before any file is
//! reviewed, so that a malformed rules file is a usage error naming its
//! line, never a surprise half-way through an archive.

use serde::Deserialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be corrected before approval.
    Error,
    /// Should be corrected.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// The name written to review.csv.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The severity in Chinese, for review.csv's `severity_label`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppliesTo {
    /// Each project (or department table) once.
    Project,
    /// Each indicator row.
    Indicator,
}

/// The built-in checks a rule can name (`check = "…"`): conditions that
/// look across rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Check {
    /// A project lacks one of the rule's `slots` (二级指标).
    MissingLevel2,
    /// A project lacks one of the rule's `slots` (一级指标, such as
    /// 满意度指标).
    MissingLevel1,
    /// The layout has a description column and the row's is empty.
    EmptyDescription,
    /// The same 三级指标 twice in one project (and horizon).
    DuplicateLevel3,
    /// An amount target under a cost indicator above the budget.
    CostOverBudget,
}

/// A condition over a row's fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Cond {
    /// Every condition holds.
    All { all: Vec<Cond> },
    /// One condition holds.
    Any { any: Vec<Cond> },
    /// The condition does not hold.
    Not { not: Box<Cond> },
    /// A test of one field.
    Field {
        field: String,
        #[serde(flatten)]
        test: Test,
    },
}

/// A test of one field's text.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Test {
    /// `is = "empty"`: empty, or a placeholder (不适用, 无, /).
    Is(String),
    /// More characters than this after NFKC, white space removed.
    LongerThan(usize),
    /// One of these values.
    In(Vec<String>),
    /// A regular expression on the field.
    #[serde(with = "serde_regex")]
    Matches(regex::Regex),
}

mod serde_regex {
    use serde::Deserialize;

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<regex::Regex, D::Error> {
        let pattern = String::deserialize(d)?;
        regex::Regex::new(&pattern).map_err(serde::de::Error::custom)
    }
}

/// One review rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A stable id (`long-name`).
    pub id: String,
    /// 完整性 / 可测性 / 可行性 / 目标相关性 / 资金匹配性.
    pub group: String,
    /// How serious its findings are.
    pub severity: Severity,
    /// What it looks at.
    pub applies_to: AppliesTo,
    /// Its condition over the row's fields.
    #[serde(default)]
    pub(crate) when: Option<Cond>,
    /// Or a built-in check.
    #[serde(default)]
    pub(crate) check: Option<Check>,
    /// The 二级指标 a `missing_level2` check wants.
    #[serde(default)]
    pub slots: Vec<String>,
    /// The opinion template.
    pub opinion: String,
}

/// The default rules of the 初审, as data (`data/review_rules.toml`).
pub const DEFAULT_RULES: &str = include_str!("../data/review_rules.toml");

/// The groups of the 初审.
const GROUPS: &[&str] = &["完整性", "可测性", "可行性", "目标相关性", "资金匹配性"];

/// Fields a condition may name.
const PROJECT_FIELDS: &[&str] = &["project_name", "goal", "budget_yuan", "year"];
const INDICATOR_FIELDS: &[&str] = &[
    "level1",
    "level2",
    "level3",
    "description",
    "target",
    "comparator",
    "value",
    "value_unit",
    "value_kind",
    "basis",
];

/// A rules file that cannot be used, with the line that says why.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RuleError {
    /// The file (`default rules` for the built-in set).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    /// `extend` (default) adds to the default rules, replacing those with
    /// the same id; `replace` uses only this file's rules.
    #[serde(default)]
    mode: Mode,
    #[serde(default)]
    rule: Vec<toml::Spanned<Rule>>,
}

#[derive(Deserialize, Default, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Mode {
    #[default]
    Extend,
    Replace,
}

/// The rules a review applies, in order.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The default rules ([`DEFAULT_RULES`]).
    pub fn defaults() -> RuleSet {
        let rules = parse("default rules", DEFAULT_RULES);
        RuleSet { rules: rules.map(|f| f.1).unwrap_or_default() }
    }

    /// The default rules with a rules file's applied: extended (a rule with
    /// a default's id replaces it) or replaced (`mode = "replace"`).
    pub fn with_file(name: &str, text: &str) -> Result<RuleSet, RuleError> {
        let (mode, rules) = parse(name, text)?;
        let mut set = if mode == Mode::Replace { Vec::new() } else { RuleSet::defaults().rules };
        for rule in rules {
            match set.iter_mut().find(|r| r.id == rule.id) {
                Some(existing) => *existing = rule,
                None => set.push(rule),
            }
        }
        Ok(RuleSet { rules: set })
    }

    /// The rules, in order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

fn parse(name: &str, text: &str) -> Result<(Mode, Vec<Rule>), RuleError> {
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    let error = |offset: usize, message: String| RuleError { file: name.into(), line: line_of(offset), message };
    let file: RuleFile =
        toml::from_str(text).map_err(|e| error(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    let mut rules = Vec::new();
    for spanned in file.rule {
        let start = spanned.span().start;
        let rule = spanned.into_inner();
        check(&rule).map_err(|m| error(start, format!("rule {:?}: {m}", rule.id)))?;
        rules.push(rule);
    }
    Ok((file.mode, rules))
}

/// What makes a parsed rule unusable.
fn check(rule: &Rule) -> Result<(), String> {
    if !GROUPS.contains(&rule.group.as_str()) {
        return Err(format!("group {:?} is not one of {}", rule.group, GROUPS.join(" / ")));
    }
    match (&rule.when, &rule.check) {
        (Some(_), Some(_)) | (None, None) => return Err("give either `when` or `check`".into()),
        (Some(cond), None) => {
            let fields = if rule.applies_to == AppliesTo::Project { PROJECT_FIELDS } else { INDICATOR_FIELDS };
            check_cond(cond, fields)?;
        }
        (None, Some(Check::MissingLevel2 | Check::MissingLevel1)) if rule.applies_to != AppliesTo::Project => {
            return Err("missing_level1/missing_level2 look at projects: applies_to = \"project\"".into());
        }
        (None, Some(Check::MissingLevel2 | Check::MissingLevel1)) if rule.slots.is_empty() => {
            return Err("missing_level1/missing_level2 need `slots`".into());
        }
        (None, Some(Check::EmptyDescription | Check::DuplicateLevel3 | Check::CostOverBudget))
            if rule.applies_to == AppliesTo::Project =>
        {
            return Err("this check looks at indicators: applies_to = \"indicator\"".into());
        }
        (None, Some(_)) => {}
    }
    Ok(())
}

fn check_cond(cond: &Cond, fields: &[&str]) -> Result<(), String> {
    match cond {
        Cond::All { all: list } | Cond::Any { any: list } => list.iter().try_for_each(|c| check_cond(c, fields)),
        Cond::Not { not } => check_cond(not, fields),
        Cond::Field { field, test } => {
            if !fields.contains(&field.as_str()) {
                return Err(format!("no field {field:?} here (fields: {})", fields.join(", ")));
            }
            match test {
                Test::Is(what) if what != "empty" => Err(format!("`is` takes \"empty\", not {what:?}")),
                _ => Ok(()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_rules_parse() {
        let (_, rules) = parse("default rules", DEFAULT_RULES).expect("defaults");
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "required-level2",
                "required-satisfaction",
                "no-annual-goal",
                "empty-value",
                "empty-description",
                "long-name",
                "no-unit",
                "not-measurable",
                "vague-deadline",
                "duplicate",
                "cost-vs-budget"
            ]
        );
        assert_eq!(RuleSet::defaults().rules().len(), 11);
    }

    #[test]
    fn a_malformed_file_names_its_line() {
        let bad = "[[rule]]\nid = \"x\"\ngroup = \"完整性\"\nseverity = \"error\"\napplies_to = \"indicator\"\nwhen = { field = \"target\", is = \n";
        let err = RuleSet::with_file("my.toml", bad).expect_err("syntax");
        assert_eq!((err.file.as_str(), err.line), ("my.toml", 6), "{err}");
        let unknown = "\n[[rule]]\nid = \"x\"\ngroup = \"完整性\"\nseverity = \"error\"\napplies_to = \"indicator\"\nwhen = { field = \"nonsense\", is = \"empty\" }\nopinion = \"x\"\n";
        let err = RuleSet::with_file("my.toml", unknown).expect_err("field");
        assert_eq!(err.line, 2, "the rule's line: {err}");
        assert!(err.message.contains("nonsense"), "{err}");
        let group = unknown.replace("完整性", "好看性").replace("nonsense", "target");
        assert!(RuleSet::with_file("my.toml", &group).expect_err("group").message.contains("好看性"));
    }

    #[test]
    fn a_file_extends_or_replaces_the_defaults() {
        let extra = "[[rule]]\nid = \"no-basis\"\ngroup = \"完整性\"\nseverity = \"info\"\napplies_to = \"indicator\"\nwhen = { field = \"basis\", matches = \"^$\" }\nopinion = \"「{level3}」未写指标值依据\"\n";
        assert_eq!(RuleSet::with_file("extra.toml", extra).expect("extend").rules().len(), 12);
        let only = format!("mode = \"replace\"\n{extra}");
        assert_eq!(RuleSet::with_file("only.toml", &only).expect("replace").rules().len(), 1);
    }
}
