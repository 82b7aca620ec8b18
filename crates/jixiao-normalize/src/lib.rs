//! The normalizer: [`AlignedDocument`] → [`DocumentRecord`].
//!
//! - [`value::read_target`] reads a 指标值 (comparator, number, unit) and
//!   folds in separate comparator/unit columns;
//! - [`keys`] validates project codes by shape and derives keys for tables
//!   without one;
//! - labels become official (产出 → 产出指标) when they map to one.

pub mod keys;
pub mod value;

use jixiao_model::quoted;

/// Characters of a cell quoted in a warning.
const QUOTE: usize = 60;
use jixiao_domain::grammar;
use jixiao_domain::lexicon::lexicon;
use jixiao_domain::value::{Context, Family};
use jixiao_domain::{fold, taxonomy};
use jixiao_model::aligned::{AlignedDocument, AlignedOwner, AlignedRow, Repair, Scope, Traced};
use jixiao_model::record::{
    DocumentRecord, IndicatorRecord, LabelRecord, ProjectRecord, UnitRecord, LOW_CONFIDENCE, SCHEMA_VERSION,
};
use jixiao_model::{Code, Diagnostic, Document};

/// Normalises an aligned document. `source_file` is the path reported in
/// the outputs.
pub fn normalize(source_file: &str, doc: &Document, aligned: &AlignedDocument) -> DocumentRecord {
    let mut units: Vec<UnitRecord> = Vec::new();
    let mut keys = keys::KeyRegistry::default();
    for owner in &aligned.owners {
        let project = project_record(owner, aligned.year, &mut keys);
        let code = owner.unit_code.as_ref().map(|t| fold(&t.text));
        let name = owner.unit_name.as_ref().map(|t| t.text.trim().to_string());
        match units.iter_mut().find(|u| u.code == code && u.name == name) {
            Some(u) => u.projects.push(project),
            None => units.push(UnitRecord { code, name, projects: vec![project] }),
        }
    }
    let mut diagnostics = doc.diagnostics.clone();
    diagnostics.extend(aligned.diagnostics.iter().cloned());
    diagnostics.extend(document_doubts(&units));
    DocumentRecord {
        schema_version: SCHEMA_VERSION.into(),
        source_file: source_file.into(),
        format: doc.format.clone(),
        encoding: doc.encoding.clone(),
        year: aligned.year,
        units,
        diagnostics,
    }
}

/// What the whole document's records say about it: no indicators at all,
/// or rows read with low confidence.
fn document_doubts(units: &[UnitRecord]) -> Option<Diagnostic> {
    let rows = || units.iter().flat_map(|u| &u.projects).flat_map(|p| &p.indicators);
    if rows().next().is_none() {
        return Some(Diagnostic::new(Code::NoIndicators, "no indicator table found in this file", None));
    }
    let low: Vec<_> = rows().filter(|r| r.confidence < LOW_CONFIDENCE).collect();
    let first = low.first()?;
    Some(Diagnostic::new(
        Code::LowConfidenceRows,
        format!("{} rows read with confidence below {LOW_CONFIDENCE} (repaired more than once)", low.len()),
        Some(first.source.clone()),
    ))
}

fn project_record(owner: &AlignedOwner, year: Option<u16>, keys: &mut keys::KeyRegistry) -> ProjectRecord {
    let mut warnings: Vec<Diagnostic> = owner.warnings.clone();
    let mut warn = |code, message| warnings.push(Diagnostic::new(code, message, Some(owner.source.clone())));
    let code = owner.project_code.as_ref().and_then(|c| match keys::check_project_code(&c.text) {
        keys::CodeCheck::Valid => Some(c.clone()),
        keys::CodeCheck::Unusual(why) => {
            warn(Code::ProjectCodeUnusual, format!("project code {} kept, but {why}", quoted(&c.text, QUOTE)));
            Some(c.clone())
        }
        keys::CodeCheck::Invalid(why) => {
            warn(Code::ProjectCodeDropped, format!("project code {} not used: {why}", quoted(&c.text, QUOTE)));
            None
        }
    });
    let (key, key_inputs) = keys.key_for(owner, code.as_ref(), year);
    let budget_wan = owner.budget.as_ref().and_then(|b| {
        let read = value::read_amount_wan(&b.text, owner.amount_unit.as_ref().map(|u| u.text.as_str()));
        if read.is_none() {
            warn(Code::BudgetNotAmount, format!("budget {} is not an amount", quoted(&b.text, QUOTE)));
        }
        read
    });
    let indicators: Vec<IndicatorRecord> = owner.rows.iter().map(|r| indicator_record(r, year)).collect();
    if let (Some(raw), Some(budget)) = (&owner.budget, budget_wan) {
        if let Some(doubt) = check_budget_unit(raw, budget, owner, &indicators) {
            warnings.push(Diagnostic::new(Code::BudgetScaleDoubtful, doubt, Some(raw.source.clone())));
        }
    }
    ProjectRecord {
        scope: owner.scope,
        key,
        key_inputs,
        code,
        name: if owner.scope == Scope::Project { owner.project_name.clone() } else { None },
        budget_wan,
        budget_raw: owner.budget.clone(),
        goal: owner.goal.clone(),
        indicators,
        skipped: owner.skipped.clone(),
        warnings,
        source: owner.source.clone(),
    }
}

/// A budget whose scale disagrees with the document's own money figures
/// (测算依据, goal, cost targets): `296000` under a 万元 label beside
/// `29.6万元` in the 测算依据 is in 元. Warns with the evidence; never fixes.
fn check_budget_unit(
    raw: &Traced,
    budget_wan: f64,
    owner: &AlignedOwner,
    indicators: &[IndicatorRecord],
) -> Option<String> {
    if budget_wan <= 0.0 {
        return None;
    }
    let texts =
        owner.cost_basis.iter().chain(&owner.goal).chain(
            indicators.iter().flat_map(|i| [&i.target, &i.description, &i.basis, &i.level3].into_iter().flatten()),
        );
    let evidence: Vec<(f64, String, &Traced)> =
        texts.flat_map(|t| grammar::money_amounts(&t.text).into_iter().map(move |(a, w)| (a, w, t))).collect();
    let near = |a: f64, b: f64| (a - b).abs() <= 0.01 * b.abs();
    if evidence.iter().any(|(a, _, _)| near(*a, budget_wan)) {
        return None;
    }
    let (scale, (_, written, at)) = [(10_000.0, "元"), (0.0001, "亿元")]
        .iter()
        .find_map(|(k, _)| evidence.iter().find(|(a, _, _)| near(a * k, budget_wan)).map(|e| (*k, e)))?;
    let unit = if scale > 1.0 { "元" } else { "亿元" };
    Some(format!(
        "budget {} read as {budget_wan} 万元 disagrees with the document's own figure {written} at {}: the amount is probably in {unit}",
        quoted(&raw.text, QUOTE),
        at.source
    ))
}

/// Official label when `raw` names one, else the raw label without spaces.
fn label(raw: Option<&Traced>, level: u8, inferred: bool) -> LabelRecord {
    let official = raw.and_then(|t| match level {
        1 => taxonomy::level1(&t.text),
        _ => taxonomy::level2(&t.text).map(|l| l.label),
    });
    let text = official.map(str::to_string).or_else(|| raw.map(|t| fold(&t.text))).unwrap_or_default();
    LabelRecord { label: text, raw: if inferred { None } else { raw.cloned() }, inferred }
}

fn indicator_record(row: &AlignedRow, year: Option<u16>) -> IndicatorRecord {
    let l1_inferred = row.repairs.contains(&Repair::Level1Inferred);
    let l2_inferred = row.repairs.contains(&Repair::Level2FromTwin);
    let family = Family::of(row.level1.as_ref().map(|t| t.text.as_str()), row.level2.as_ref().map(|t| t.text.as_str()));
    let (reading, warnings) = value::read_target(
        row.target.as_ref().map(|t| t.text.as_str()),
        row.comparator.as_ref().map(|t| t.text.as_str()),
        row.unit.as_ref().map(|t| t.text.as_str()),
        &Context { family, year },
    );
    let confidence = row.repairs.iter().fold(1.0f32, |c, r| c - r.cost()).max(0.0);
    let confidence = (confidence * 100.0).round() / 100.0;
    let at = row.target.as_ref().map_or_else(|| row.source.clone(), |t| t.source.clone());
    let mut warnings: Vec<Diagnostic> =
        warnings.into_iter().map(|(code, message)| Diagnostic::new(code, message, Some(at.clone()))).collect();
    let target = row.target.as_ref().map(|t| Traced::new(t.text.trim(), t.source.clone()));
    let mut rejoin = |t: &Option<Traced>| {
        t.as_ref().map(|t| match lexicon().rejoin(&t.text) {
            Some(joined) => {
                let (before, after) = (quoted(&t.text, QUOTE), quoted(&joined, QUOTE));
                warnings.push(Diagnostic::new(
                    Code::WordsRejoined,
                    format!("words split by stray spaces rejoined: {before} → {after}"),
                    Some(t.source.clone()),
                ));
                Traced::new(joined, t.source.clone())
            }
            None => t.clone(),
        })
    };
    let (level3, description, basis) = (rejoin(&row.level3), rejoin(&row.description), rejoin(&row.basis));
    IndicatorRecord {
        horizon: row.horizon,
        level1: label(row.level1.as_ref(), 1, l1_inferred),
        level2: label(row.level2.as_ref(), 2, l2_inferred),
        level3,
        description,
        target,
        reading,
        basis,
        comparator_column: row.comparator.clone(),
        unit_column: row.unit.clone(),
        repairs: row.repairs.clone(),
        confidence,
        warnings,
        source: row.level3.as_ref().or(row.target.as_ref()).map_or_else(|| row.source.clone(), |t| t.source.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::SourceRef;

    fn owner(budget: &str, basis: &str) -> AlignedOwner {
        let t = |s: &str| Some(Traced::new(s, SourceRef::default()));
        AlignedOwner {
            scope: Scope::Project,
            unit_code: None,
            unit_name: t("某局"),
            project_code: None,
            project_name: t("甲项目"),
            budget: t(budget),
            amount_unit: t("万元"),
            cost_basis: t(basis),
            goal: None,
            rows: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            source: SourceRef::default(),
        }
    }

    fn warnings(budget: &str, basis: &str) -> Vec<String> {
        let mut keys = keys::KeyRegistry::default();
        let w = project_record(&owner(budget, basis), Some(2023), &mut keys).warnings;
        assert!(w.iter().all(|d| d.code == Code::BudgetScaleDoubtful), "{w:?}");
        w.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn budget_in_yuan_under_a_wan_label_is_flagged_with_evidence() {
        let w = warnings("296000", "人员经费共计29.6万元");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("29.6万元") && w[0].contains("元"), "{w:?}");
    }

    #[test]
    fn consistent_or_unrelated_figures_are_quiet() {
        assert!(warnings("29.6", "人员经费共计29.6万元").is_empty());
        assert!(warnings("5", "每本5元/本").is_empty());
        assert!(warnings("120", "办公费3万元").is_empty());
    }

    #[test]
    fn derived_keys_carry_their_inputs() {
        let mut keys = keys::KeyRegistry::default();
        let first = project_record(&owner("5", ""), Some(2023), &mut keys);
        let second = project_record(&owner("5", ""), Some(2023), &mut keys);
        assert_eq!(first.key, "某局/2023/甲项目");
        assert_eq!(second.key, "某局/2023/甲项目#2");
        assert_eq!(first.key_inputs, vec!["unit=某局", "year=2023", "name=甲项目"]);
    }
}
