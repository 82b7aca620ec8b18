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
    /// 自评: the actual meets the target and the 得分 is not the 分值.
    ScoreWhenMet,
    /// 自评: the actual misses the target and the 得分 is not what the
    /// rule's `scoring` gives a miss.
    ScoreWhenMissed,
    /// 自评: the actual misses the target and no deviation reason is given.
    DeviationWhenMissed,
    /// 自评: the actual is printed in another unit than the target.
    ActualInAnotherUnit,
    /// 自评: the funds block's 执行率 is not 全年执行数 / 全年预算数.
    ExecutionRate,
    /// 自评: the funds block's 得分 is not its 分值 × 全年执行数 / 全年预算数.
    FundsScore,
    /// 自评: the indicators' 得分 and the funds' 得分 do not add up to the
    /// 总分 printed.
    ScoresAddUp,
}

/// A condition over a row's fields. Read by [`cond_of`], not by serde's
/// untagged enums, whose only error is "data did not match any variant".
#[derive(Debug, Clone)]
pub(crate) enum Cond {
    /// Every condition holds.
    All { all: Vec<Cond> },
    /// One condition holds.
    Any { any: Vec<Cond> },
    /// The condition does not hold.
    Not { not: Box<Cond> },
    /// A test of one field.
    Field { field: String, test: Test },
}

/// A test of one field's text.
#[derive(Debug, Clone)]
pub(crate) enum Test {
    /// `is = "empty"`: empty, or a placeholder (不适用, 无, /).
    Is(String),
    /// More characters than this after NFKC, white space removed.
    LongerThan(usize),
    /// One of these values.
    In(Vec<String>),
    /// A regular expression on the field.
    Matches(regex::Regex),
}

/// The largest compiled regular expression a rule may hold: a rule's
/// pattern is a few dozen characters; `\w{1000}{1000}` is not one.
const MAX_REGEX_BYTES: usize = 1 << 20;

/// The keys a field test may have beside `field`.
const TESTS: &str = "is, longer_than, in or matches";

/// `when`'s value as a condition, or why it is none.
fn cond_of(value: &toml::Value) -> Result<Cond, String> {
    let table = value.as_table().ok_or_else(|| format!("a condition is a table, not {}", value.type_str()))?;
    let list = |v: &toml::Value| -> Result<Vec<Cond>, String> {
        let items = v.as_array().ok_or("`all` and `any` take an array of conditions")?;
        items.iter().map(cond_of).collect()
    };
    match (table.len(), table.iter().next()) {
        (1, Some((key, v))) if key == "all" => return Ok(Cond::All { all: list(v)? }),
        (1, Some((key, v))) if key == "any" => return Ok(Cond::Any { any: list(v)? }),
        (1, Some((key, v))) if key == "not" => return Ok(Cond::Not { not: Box::new(cond_of(v)?) }),
        _ => {}
    }
    let field = match table.get("field") {
        Some(toml::Value::String(f)) => f.clone(),
        Some(other) => return Err(format!("`field` takes a field's name, not {}", other.type_str())),
        None => {
            let keys: Vec<&str> = table.keys().map(String::as_str).collect();
            return Err(format!("a condition is all, any, not or a field with {TESTS}; not {}", keys.join(", ")));
        }
    };
    let tests: Vec<(&String, &toml::Value)> = table.iter().filter(|(k, _)| *k != "field").collect();
    match tests.as_slice() {
        [(key, v)] => Ok(Cond::Field { field, test: test_of(key, v)? }),
        [] => Err(format!("the condition on {field:?} has no test ({TESTS})")),
        _ => Err(format!("the condition on {field:?} has more than one test ({TESTS}): make it `all`")),
    }
}

/// One field test, `key = value`.
fn test_of(key: &str, value: &toml::Value) -> Result<Test, String> {
    let text = || value.as_str().ok_or_else(|| format!("`{key}` takes a string, not {}", value.type_str()));
    match key {
        "is" => Ok(Test::Is(text()?.to_string())),
        "longer_than" => match value.as_integer() {
            Some(n) if n >= 0 => Ok(Test::LongerThan(n as usize)),
            Some(n) => Err(format!("`longer_than` takes a length of 0 or more, not {n}")),
            None => Err(format!("`longer_than` takes a whole number, not {}", value.type_str())),
        },
        "in" => {
            let items = value.as_array().ok_or("`in` takes an array of strings")?;
            let texts: Option<Vec<String>> = items.iter().map(|i| i.as_str().map(str::to_string)).collect();
            Ok(Test::In(texts.ok_or("`in` takes an array of strings")?))
        }
        "matches" => {
            let pattern = text()?;
            let regex = regex::RegexBuilder::new(pattern).size_limit(MAX_REGEX_BYTES).build();
            Ok(Test::Matches(regex.map_err(|e| format!("`matches` {pattern:?} is not a usable regex: {e}"))?))
        }
        other => Err(format!("unknown key {other:?} in a condition (a field takes {TESTS})")),
    }
}

fn when_of<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Cond>, D::Error> {
    let value = Option::<toml::Value>::deserialize(d)?;
    value.as_ref().map(cond_of).transpose().map_err(serde::de::Error::custom)
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
    #[serde(default, deserialize_with = "when_of")]
    pub(crate) when: Option<Cond>,
    /// Or a built-in check.
    #[serde(default)]
    pub(crate) check: Option<Check>,
    /// The 二级指标 a `missing_level2` check wants.
    #[serde(default)]
    pub slots: Vec<String>,
    /// How a missed target is scored (`score_when_missed`): the province's
    /// rule as data.
    #[serde(default)]
    pub scoring: Option<Scoring>,
    /// A completion below this share (0 to 1) scores nothing
    /// (`score_when_missed` with `proportional`).
    #[serde(default)]
    pub floor: Option<f64>,
    /// The opinion template.
    pub opinion: String,
}

/// How a self-evaluation scores an indicator whose target was missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// The 分值 times the completion (完成值 / 指标值, or 指标值 / 完成值
    /// for a ceiling such as ≤15分钟), as 财预〔2020〕10号 has it: "未完成的，
    /// 按照完成值与指标值的比例记分".
    Proportional,
    /// Nothing.
    Zero,
    /// Anything below the 分值: only full marks for a miss are wrong.
    BelowWeight,
}

impl Scoring {
    /// The rule in words, for the opinion's `{scoring}`.
    pub fn label_zh(self) -> &'static str {
        match self {
            Scoring::Proportional => "完成值与指标值的比例",
            Scoring::Zero => "未完成不得分",
            Scoring::BelowWeight => "未完成不得满分",
        }
    }
}

/// The default rules of the 初审, as data (`data/review_rules.toml`).
pub const DEFAULT_RULES: &str = include_str!("../data/review_rules.toml");

/// The groups of the 初审.
const GROUPS: &[&str] = &["完整性", "可测性", "可行性", "目标相关性", "资金匹配性", "自评"];

/// The fields a condition may test: the columns of `projects.csv` or
/// `indicators.csv`, by name, as the CSVs write them.
fn fields(applies_to: AppliesTo) -> &'static [&'static str] {
    match applies_to {
        AppliesTo::Project => &jixiao_columns::PROJECT_COLUMNS,
        AppliesTo::Indicator => &jixiao_columns::INDICATOR_COLUMNS,
    }
}

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
    let mut rules: Vec<(usize, Rule)> = Vec::new();
    for spanned in file.rule {
        let start = spanned.span().start;
        let rule = spanned.into_inner();
        check(&rule).map_err(|m| error(start, format!("rule {:?}: {m}", rule.id)))?;
        if let Some((first, _)) = rules.iter().find(|(_, r)| r.id == rule.id) {
            let message = format!("rule id {:?} is given twice (first on line {})", rule.id, line_of(*first));
            return Err(error(start, message));
        }
        rules.push((start, rule));
    }
    Ok((file.mode, rules.into_iter().map(|(_, rule)| rule).collect()))
}

/// The `{placeholders}` an opinion of a rule applying to `applies_to` may
/// use: the fields, and what the review works out (see `lib.rs`).
fn placeholders(applies_to: AppliesTo) -> Vec<&'static str> {
    match applies_to {
        AppliesTo::Project => [fields(applies_to), &["slots", "budget", "printed", "expected"]].concat(),
        AppliesTo::Indicator => {
            [fields(applies_to), &["budget", "length", "cost", "excess", "gap", "expected", "scoring"]].concat()
        }
    }
}

/// An opinion whose `{name}` is no placeholder would print nothing there.
fn check_opinion(rule: &Rule) -> Result<(), String> {
    let known = placeholders(rule.applies_to);
    let mut rest = rule.opinion.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        let name = &rest[open + 1..open + close];
        if !known.contains(&name) {
            return Err(format!("the opinion's {{{name}}} is no placeholder (it may use {})", known.join(", ")));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// What makes a parsed rule unusable.
fn check(rule: &Rule) -> Result<(), String> {
    if !GROUPS.contains(&rule.group.as_str()) {
        return Err(format!("group {:?} is not one of {}", rule.group, GROUPS.join(" / ")));
    }
    check_opinion(rule)?;
    check_scoring(rule)?;
    match (&rule.when, &rule.check) {
        (Some(_), Some(_)) | (None, None) => return Err("give either `when` or `check`".into()),
        (Some(cond), None) => {
            check_cond(cond, fields(rule.applies_to))?;
        }
        (None, Some(Check::MissingLevel2 | Check::MissingLevel1)) if rule.applies_to != AppliesTo::Project => {
            return Err("missing_level1/missing_level2 look at projects: applies_to = \"project\"".into());
        }
        (None, Some(Check::MissingLevel2 | Check::MissingLevel1)) if rule.slots.is_empty() => {
            return Err("missing_level1/missing_level2 need `slots`".into());
        }
        (
            None,
            Some(
                Check::EmptyDescription
                | Check::DuplicateLevel3
                | Check::CostOverBudget
                | Check::ScoreWhenMet
                | Check::ScoreWhenMissed
                | Check::DeviationWhenMissed
                | Check::ActualInAnotherUnit,
            ),
        ) if rule.applies_to == AppliesTo::Project => {
            return Err("this check looks at indicators: applies_to = \"indicator\"".into());
        }
        (None, Some(Check::ExecutionRate | Check::FundsScore | Check::ScoresAddUp))
            if rule.applies_to != AppliesTo::Project =>
        {
            return Err("this check looks at projects: applies_to = \"project\"".into());
        }
        (None, Some(_)) => {}
    }
    Ok(())
}

/// `scoring` belongs to `score_when_missed`, which needs it; `floor` to a
/// proportional scoring, as a share.
fn check_scoring(rule: &Rule) -> Result<(), String> {
    match (rule.check, rule.scoring, rule.floor) {
        (Some(Check::ScoreWhenMissed), None, _) => {
            Err("score_when_missed needs `scoring` (proportional, zero or below_weight)".into())
        }
        (Some(Check::ScoreWhenMissed), Some(Scoring::Proportional), Some(f)) if !(0.0..=1.0).contains(&f) => {
            Err(format!("`floor` is a share of the target, from 0 to 1, not {f}"))
        }
        (Some(Check::ScoreWhenMissed), Some(Scoring::Zero | Scoring::BelowWeight), Some(_)) => {
            Err("`floor` goes with scoring = \"proportional\"".into())
        }
        (Some(Check::ScoreWhenMissed), ..) => Ok(()),
        (_, Some(_), _) | (_, _, Some(_)) => Err("`scoring` and `floor` go with check = \"score_when_missed\"".into()),
        _ => Ok(()),
    }
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
                "cost-vs-budget",
                "selfeval-score-when-met",
                "selfeval-score-missed",
                "selfeval-deviation-missing",
                "selfeval-actual-unit",
                "selfeval-execution-rate",
                "selfeval-funds-score",
                "selfeval-scores-add-up"
            ]
        );
        assert_eq!(RuleSet::defaults().rules().len(), 18);
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
        assert_eq!(RuleSet::with_file("extra.toml", extra).expect("extend").rules().len(), 19);
        let only = format!("mode = \"replace\"\n{extra}");
        assert_eq!(RuleSet::with_file("only.toml", &only).expect("replace").rules().len(), 1);
    }

    #[test]
    fn a_missed_score_rule_needs_its_scoring_and_a_floor_is_a_share() {
        let rule = |extra: &str| {
            format!("[[rule]]\nid = \"m\"\ngroup = \"自评\"\nseverity = \"warning\"\napplies_to = \"indicator\"\ncheck = \"score_when_missed\"\n{extra}opinion = \"{{expected}} {{scoring}}\"\n")
        };
        let error = |extra: &str| RuleSet::with_file("s.toml", &rule(extra)).expect_err(extra).message;
        assert!(error("").contains("needs `scoring`"));
        assert!(error("scoring = \"proportional\"\nfloor = 60\n").contains("from 0 to 1"));
        assert!(error("scoring = \"zero\"\nfloor = 0.5\n").contains("goes with"));
        assert!(error("scoring = \"halves\"\n").contains("halves"));
        assert!(RuleSet::with_file("s.toml", &rule("scoring = \"proportional\"\nfloor = 0.6\n")).is_ok());
        let stray = one_rule("x", r#"{ field = "level3", is = "empty" }"#, "x")
            .replace("opinion", "scoring = \"zero\"\nopinion");
        assert!(RuleSet::with_file("s.toml", &stray).expect_err("stray").message.contains("score_when_missed"));
    }

    /// A one-rule file: `when` on line 6, the opinion on line 7.
    fn one_rule(id: &str, when: &str, opinion: &str) -> String {
        format!(
            "[[rule]]\nid = \"{id}\"\ngroup = \"完整性\"\nseverity = \"error\"\napplies_to = \"indicator\"\nwhen = {when}\nopinion = \"{opinion}\"\n"
        )
    }

    #[test]
    fn every_rule_error_gives_its_reason_and_line() {
        let cases = [
            (r#"{ field = "level3", matches = "(" }"#, "{level3}", 6, "unclosed group"),
            (r#"{ field = "level3", matches = "(?:a{1000}){1000}" }"#, "{level3}", 6, "exceeds size limit"),
            (r#"{ field = "level3", longer_than = -1 }"#, "{level3}", 6, "0 or more, not -1"),
            (r#"{ field = "level3", longr_than = 3 }"#, "{level3}", 6, "unknown key \"longr_than\""),
            (r#"{ all = [{ field = "level3", is = "empty" }, { feld = "x" }] }"#, "{level3}", 6, "not feld"),
            (r#"{ field = "level3", is = "empty" }"#, "「{unknown}」", 1, "{unknown} is no placeholder"),
        ];
        for (when, opinion, line, reason) in cases {
            let err = parse("my.toml", &one_rule("x", when, opinion)).map(|_| ()).expect_err(when);
            assert_eq!(err.line, line, "{when}: {err}");
            assert!(err.message.contains(reason), "{when}: {err}");
            assert!(!err.message.contains("untagged"), "{err}");
        }
        let when = r#"{ field = "level3", is = "empty" }"#;
        let twice = format!("{}\n{}", one_rule("x", when, "a"), one_rule("x", when, "b"));
        let err = parse("my.toml", &twice).map(|_| ()).expect_err("twice");
        assert_eq!(err.line, 9, "{err}");
        assert!(err.message.contains("given twice (first on line 1)"), "{err}");
    }
}
