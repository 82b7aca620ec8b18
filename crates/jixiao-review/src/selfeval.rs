//! The 自评 checks: arithmetic over what a self-evaluation prints beside
//! its targets (实际完成值, 分值, 得分, 偏差原因) and in its funds block.
//! A target table has no results, and none of them fires on it.

use crate::rules::Scoring;
use jixiao_domain::results::{actual_unit, compare, completion, same_unit, Outcome};
use jixiao_model::aligned::{SkipReason, Traced};
use jixiao_model::record::{IndicatorRecord, ProjectRecord};

/// How far two printed figures may differ and still be the same (they are
/// rounded to one or two places).
const ROUNDING: f64 = 0.051;

fn text(t: &Option<Traced>) -> &str {
    t.as_ref().map_or("", |t| t.text.trim())
}

fn number(t: &Option<Traced>) -> Option<f64> {
    text(t).trim_end_matches('%').replace(',', "").parse().ok()
}

/// The row's actual against its target: outcome and gap.
pub(crate) fn outcome(row: &IndicatorRecord) -> (Outcome, Option<f64>) {
    let r = &row.reading;
    let cmp = r.comparator.map_or("", |c| c.as_str());
    compare(cmp, r.value.as_deref().unwrap_or(""), r.unit.as_deref().unwrap_or(""), text(&row.results.actual))
}

/// Met, and the 得分 is not the 分值 (both printed).
pub(crate) fn score_when_met(row: &IndicatorRecord) -> bool {
    let (Some(weight), Some(score)) = (number(&row.results.weight), number(&row.results.score)) else { return false };
    outcome(row).0 == Outcome::Met && (weight - score).abs() > ROUNDING
}

/// Missed, and the 得分 is not what `scoring` gives (both printed): the
/// score the rule expects. A proportional score is the 分值 times the
/// completion (at most 1), nothing below `floor`.
pub(crate) fn score_when_missed(row: &IndicatorRecord, scoring: Scoring, floor: f64) -> Option<f64> {
    let (weight, score) = (number(&row.results.weight)?, number(&row.results.score)?);
    if outcome(row).0 != Outcome::NotMet {
        return None;
    }
    let expected = match scoring {
        Scoring::Zero => 0.0,
        Scoring::BelowWeight => return (score >= weight - ROUNDING).then_some(weight),
        Scoring::Proportional => {
            let r = &row.reading;
            let cmp = r.comparator.map_or("", |c| c.as_str());
            let share =
                completion(cmp, r.value.as_deref()?, r.unit.as_deref().unwrap_or(""), text(&row.results.actual))?;
            if share < floor {
                0.0
            } else {
                weight * share.min(1.0)
            }
        }
    };
    let expected = (expected * 100.0).round() / 100.0;
    (!printed_as(text(&row.results.score), score, expected)).then_some(expected)
}

/// Whether `score` (printed as `printed`) is `expected` written to the
/// places it prints, rounded or cut: 9.375 is 9.4 or 9.3 at one place
/// (国家信访局 cuts: 9.375 → 9.3, 7.713 → 7.7).
fn printed_as(printed: &str, score: f64, expected: f64) -> bool {
    let places = printed.split_once('.').map_or(0, |(_, f)| f.trim_end_matches('%').len()).min(4) as i32;
    let scale = 10f64.powi(places);
    let cut = (expected * scale + 1e-9).floor() / scale;
    (score - expected).abs() <= ROUNDING || (score - cut).abs() < 1e-9
}

/// Missed, and no deviation reason is given, in a table that has the
/// column: some row of the project gives one (渝中's layout has none, and
/// asks for none).
pub(crate) fn deviation_when_missed(row: &IndicatorRecord, project: &ProjectRecord) -> bool {
    let has_column = project.indicators.iter().any(|r| !text(&r.results.deviation).is_empty());
    has_column && outcome(row).0 == Outcome::NotMet && text(&row.results.deviation).is_empty()
}

/// The actual is a figure in a unit other than the target's.
pub(crate) fn actual_in_another_unit(row: &IndicatorRecord) -> bool {
    let target = row.reading.unit.as_deref().unwrap_or("");
    let actual = actual_unit(text(&row.results.actual)).unwrap_or_default();
    !same_unit(target, &actual)
}

/// The funds block's 执行率 as printed and as 全年执行数 / 全年预算数, when
/// they differ.
pub(crate) fn execution_rate(project: &ProjectRecord) -> Option<(String, String)> {
    let f = &project.facts.funds;
    let (rate, executed, budget) = (number(&f.rate)?, number(&f.executed)?, number(&f.budget)?);
    let expected = if budget > 0.0 { executed / budget * 100.0 } else { return None };
    ((rate - expected).abs() > ROUNDING).then(|| (text(&f.rate).to_string(), format!("{expected:.2}%")))
}

/// The funds block's 得分 as printed and as its 分值 × 全年执行数 /
/// 全年预算数, when they differ.
pub(crate) fn funds_score(project: &ProjectRecord) -> Option<(String, String)> {
    let f = &project.facts.funds;
    let (score, weight, executed, budget) =
        (number(&f.score)?, number(&f.weight)?, number(&f.executed)?, number(&f.budget)?);
    let expected = if budget > 0.0 { weight * executed / budget } else { return None };
    ((score - expected).abs() > ROUNDING).then(|| (text(&f.score).to_string(), format!("{:.2}", expected)))
}

/// The 总分 row's score as printed and the sum of the indicators' 得分 and
/// the funds' 得分, when they differ.
pub(crate) fn scores_add_up(project: &ProjectRecord) -> Option<(String, String)> {
    let total = project.skipped.iter().find(|s| s.reason == SkipReason::TotalRow)?;
    // 总分 | 100 | 90.5: the last figure of the row is the score.
    let printed: f64 = total.cells.iter().rev().find_map(|c| c.trim().parse().ok())?;
    let scores: Vec<f64> = project.indicators.iter().filter_map(|r| number(&r.results.score)).collect();
    if scores.is_empty() {
        return None;
    }
    let sum = scores.iter().sum::<f64>() + number(&project.facts.funds.score).unwrap_or(0.0);
    ((printed - sum).abs() > ROUNDING).then(|| (format!("{printed}"), format!("{}", (sum * 100.0).round() / 100.0)))
}
