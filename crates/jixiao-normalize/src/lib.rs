//! The normalizer: [`AlignedDocument`] → [`DocumentRecord`].
//!
//! - [`value::read_target`] reads a 指标值 (comparator, number, unit) and
//!   folds in separate comparator/unit columns;
//! - [`keys`] validates project codes by shape and derives keys for tables
//!   without one;
//! - labels become official (产出 → 产出指标) when they map to one.

pub mod budget;
pub mod keys;
pub mod value;
pub mod years;

use jixiao_model::quoted;

/// Characters of a cell quoted in a warning.
const QUOTE: usize = 60;
use jixiao_domain::lexicon::rejoin as rejoin_words;
use jixiao_domain::value::{Context, Family};
use jixiao_domain::{fold, taxonomy};
use jixiao_model::aligned::{AlignedDocument, AlignedOwner, AlignedRow, Repair, Scope, Traced};
use jixiao_model::record::{
    DocumentRecord, IndicatorRecord, LabelRecord, ProjectRecord, UnitRecord, LOW_CONFIDENCE, SCHEMA_VERSION,
};
use jixiao_model::{Code, Diagnostic, Document};

/// Normalises an aligned document. `source_file` is the path reported in
/// the outputs (its file name is the year's last resort).
pub fn normalize(source_file: &str, doc: &Document, aligned: &AlignedDocument) -> DocumentRecord {
    let (year, year_note) = years::document_year(aligned.year, &aligned.owners, source_file);
    let mut keys = keys::KeyRegistry::default();
    let (mut projects, drafts): (Vec<ProjectRecord>, Vec<budget::Draft>) = aligned
        .owners
        .iter()
        .map(|owner| project_record(owner, years::project_year(owner).or(year), &mut keys))
        .unzip();
    budget::decide(&mut projects, &drafts);
    let mut units: Vec<UnitRecord> = Vec::new();
    for (owner, project) in aligned.owners.iter().zip(projects) {
        let code = owner.unit_code.as_ref().map(|t| fold(&t.text).into_owned());
        let name = owner.unit_name.as_ref().map(|t| t.text.trim().to_string());
        match units.iter_mut().find(|u| u.code == code && u.name == name) {
            Some(u) => u.projects.push(project),
            None => units.push(UnitRecord { code, name, projects: vec![project] }),
        }
    }
    let mut diagnostics = doc.diagnostics.clone();
    diagnostics.extend(aligned.diagnostics.iter().cloned());
    diagnostics.extend(year_note);
    diagnostics.extend(document_doubts(&units));
    DocumentRecord {
        schema_version: SCHEMA_VERSION.into(),
        source_file: source_file.into(),
        format: doc.format.clone(),
        encoding: doc.encoding.clone(),
        year,
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

/// The project's record (its budget decided later, with its siblings: see
/// [`budget::decide`]) and its budget's draft.
fn project_record(
    owner: &AlignedOwner,
    year: Option<u16>,
    keys: &mut keys::KeyRegistry,
) -> (ProjectRecord, budget::Draft) {
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
    let indicators: Vec<IndicatorRecord> = owner.rows.iter().map(|r| indicator_record(r, year)).collect();
    let draft = budget::draft(owner, &indicators);
    let record = ProjectRecord {
        scope: owner.scope,
        kind: owner.kind,
        key,
        key_inputs,
        code,
        name: if owner.scope == Scope::Project { owner.project_name.clone() } else { None },
        budget_wan: None,
        budget_yuan: None,
        budget_raw: owner.budget.clone(),
        budget_scale: None,
        budget_scale_uncertain: false,
        year,
        mid_term_budget_yuan: None,
        facts: owner.facts.clone(),
        goal: owner.goal.clone(),
        indicators,
        skipped: owner.skipped.clone(),
        warnings,
        source: owner.source.clone(),
    };
    (record, draft)
}

/// Official label when `raw` names one, else the raw label without spaces.
fn label(raw: Option<&Traced>, level: u8, inferred: bool) -> LabelRecord {
    let official = raw.and_then(|t| match level {
        1 => taxonomy::level1(&t.text),
        _ => taxonomy::level2(&t.text).map(|l| l.label),
    });
    let text = official.map(str::to_string).or_else(|| raw.map(|t| fold(&t.text).into_owned())).unwrap_or_default();
    LabelRecord { label: text, raw: if inferred { None } else { raw.cloned() }, inferred }
}

fn indicator_record(row: &AlignedRow, year: Option<u16>) -> IndicatorRecord {
    let l1_inferred = row.repairs.contains(&Repair::Level1Inferred);
    let l2_inferred = row.repairs.contains(&Repair::Level2FromTwin);
    let family = Family::of(row.level1.as_ref().map(|t| t.text.as_str()), row.level2.as_ref().map(|t| t.text.as_str()));
    let context = Context { family, year };
    let (reading, warnings) = value::read_target(
        row.target.as_ref().map(|t| t.text.as_str()),
        row.comparator.as_ref().map(|t| t.text.as_str()),
        row.unit.as_ref().map(|t| t.text.as_str()),
        &context,
    );
    // What was achieved, read as the target is (its doubts are the
    // target's to raise, not repeated here).
    let actual_reading =
        row.results.actual.as_ref().filter(|a| !a.text.trim().is_empty()).map(|a| {
            value::read_target(Some(a.text.trim()), None, row.unit.as_ref().map(|t| t.text.as_str()), &context).0
        });
    let confidence = row.repairs.iter().fold(1.0f32, |c, r| c - r.cost()).max(0.0);
    let confidence = (confidence * 100.0).round() / 100.0;
    let at = row.target.as_ref().map_or_else(|| row.source.clone(), |t| t.source.clone());
    let mut warnings: Vec<Diagnostic> =
        warnings.into_iter().map(|(code, message)| Diagnostic::new(code, message, Some(at.clone()))).collect();
    let target = row.target.as_ref().map(|t| Traced::new(t.text.trim(), t.source.clone()));
    let mut rejoin = |t: &Option<Traced>| {
        t.as_ref().map(|t| match rejoin_words(&t.text) {
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
        results: trimmed_results(&row.results),
        actual_reading,
        repairs: row.repairs.clone(),
        confidence,
        warnings,
        source: row.level3.as_ref().or(row.target.as_ref()).map_or_else(|| row.source.clone(), |t| t.source.clone()),
    }
}

/// A row's results as written, trimmed.
fn trimmed_results(r: &jixiao_model::aligned::Results) -> jixiao_model::aligned::Results {
    let trim = |t: &Option<Traced>| t.as_ref().map(|t| Traced::new(t.text.trim(), t.source.clone()));
    jixiao_model::aligned::Results {
        actual: trim(&r.actual),
        weight: trim(&r.weight),
        score: trim(&r.score),
        deviation: trim(&r.deviation),
        progress: trim(&r.progress),
        likelihood: trim(&r.likelihood),
        criterion: trim(&r.criterion),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::record::ScaleBasis;
    use jixiao_model::SourceRef;

    fn owner(name: &str, budget: &str, basis: &str) -> AlignedOwner {
        let t = |s: &str| Some(Traced::new(s, SourceRef::default())).filter(|t| !t.text.is_empty());
        AlignedOwner {
            kind: Default::default(),
            scope: Scope::Project,
            unit_code: None,
            unit_name: t("某局"),
            project_code: None,
            project_name: t(name),
            budget: t(budget),
            amount_unit: t("万元"),
            cost_basis: t(basis),
            goal: None,
            facts: Default::default(),
            rows: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
            source: SourceRef::default(),
        }
    }

    /// The projects of one document, their budgets decided together.
    fn decided(owners: &[AlignedOwner]) -> Vec<ProjectRecord> {
        let mut keys = keys::KeyRegistry::default();
        let (mut projects, drafts): (Vec<_>, Vec<_>) =
            owners.iter().map(|o| project_record(o, Some(2023), &mut keys)).unzip();
        budget::decide(&mut projects, &drafts);
        projects
    }

    fn codes(p: &ProjectRecord) -> Vec<Code> {
        p.warnings.iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_budget_in_yuan_under_a_wan_label_is_read_in_yuan_with_its_evidence() {
        let [p] = decided(&[owner("甲", "296000", "人员经费共计29.6万元")]).try_into().expect("one");
        assert_eq!((p.budget_yuan.as_deref(), p.budget_wan.as_deref()), (Some("296000"), Some("29.6")));
        let scale = p.budget_scale.as_ref().expect("scale");
        assert_eq!((scale.unit.as_str(), scale.basis), ("元", ScaleBasis::Evidence));
        assert_eq!(scale.evidence.as_ref().map(|e| e.text.as_str()), Some("29.6万元"));
        assert_eq!(codes(&p), [Code::BudgetScaleRepaired]);
        assert!(p.warnings[0].message.contains("29.6万元"), "{:?}", p.warnings);
    }

    #[test]
    fn a_sum_of_the_cost_basis_proves_too() {
        let [p] = decided(&[owner("甲", "246800", "食堂生鲜干货20.5万元，水电4.18万元")]).try_into().expect("one");
        assert_eq!(p.budget_scale.map(|s| (s.unit, s.basis)), Some(("元".into(), ScaleBasis::Evidence)));
    }

    #[test]
    fn siblings_without_figures_follow_the_proving_project() {
        let ps = decided(&[owner("甲", "296000", "共计29.6万元"), owner("乙", "1278700", ""), owner("丙", "0", "")]);
        assert_eq!(ps[1].budget_yuan.as_deref(), Some("1278700"));
        let scale = ps[1].budget_scale.as_ref().expect("scale");
        assert_eq!((scale.basis, scale.proved_by.as_deref()), (ScaleBasis::Siblings, Some(ps[0].key.as_str())));
        assert!(ps[1].warnings[0].message.contains(&ps[0].key), "names the proving project");
        assert_eq!(ps[2].budget_yuan.as_deref(), Some("0"));
    }

    #[test]
    fn consistent_or_absent_figures_keep_the_label_and_conflicts_are_flagged() {
        let ps = decided(&[owner("甲", "29.6", "人员经费共计29.6万元"), owner("乙", "5", "每本5元/本")]);
        assert_eq!(ps[0].budget_yuan.as_deref(), Some("296000"));
        assert!(ps.iter().all(|p| p.warnings.is_empty() && !p.budget_scale_uncertain), "{ps:?}");
        assert_eq!(ps[1].budget_scale.as_ref().map(|s| s.basis), Some(ScaleBasis::Label));
        // One project proves 元, another 万元: the one without figures is uncertain.
        let ps = decided(&[
            owner("甲", "296000", "共计29.6万元"),
            owner("乙", "120", "办公费120万元"),
            owner("丙", "50", ""),
        ]);
        assert!(!ps[0].budget_scale_uncertain && !ps[1].budget_scale_uncertain);
        assert!(ps[2].budget_scale_uncertain);
        assert_eq!(codes(&ps[2]), [Code::BudgetScaleUncertain]);
        // A cell that names its unit is read in it.
        let [p] = decided(&[owner("丁", "834.02万元", "")]).try_into().expect("one");
        assert_eq!(
            (p.budget_yuan.as_deref(), p.budget_scale.map(|s| s.basis)),
            (Some("8340200"), Some(ScaleBasis::Cell))
        );
    }

    #[test]
    fn a_budget_cell_without_an_amount_is_said_once() {
        let [p] = decided(&[owner("甲", "待定", "")]).try_into().expect("one");
        assert_eq!(codes(&p), [Code::BudgetNotAmount]);
        assert_eq!((p.budget_yuan, p.budget_scale), (None, None));
    }

    #[test]
    fn totals_are_cross_checked() {
        let mut o = owner("甲", "100", "");
        o.facts.mid_term_budget = Some(Traced::new("80", SourceRef::default()));
        o.facts.fiscal_funds = Some(Traced::new("60", SourceRef::default()));
        o.facts.other_funds = Some(Traced::new("30", SourceRef::default()));
        let [p] = decided(&[o]).try_into().expect("one");
        assert_eq!(codes(&p), [Code::BudgetTotalsDisagree, Code::BudgetTotalsDisagree]);
        assert_eq!(p.mid_term_budget_yuan.as_deref(), Some("800000"));
        let mut o = owner("乙", "90", "");
        o.facts.fiscal_funds = Some(Traced::new("60", SourceRef::default()));
        o.facts.other_funds = Some(Traced::new("30", SourceRef::default()));
        assert!(decided(&[o])[0].warnings.is_empty());
    }

    #[test]
    fn a_budget_printed_only_as_its_fiscal_funds_is_that_figure_and_parts_are_never_summed() {
        let mut o = owner("丙", "", "");
        o.facts.fiscal_funds = Some(Traced::new("82800.92", SourceRef::default()));
        o.facts.other_funds = Some(Traced::new("0", SourceRef::default()));
        assert_eq!(decided(&[o])[0].budget_wan.as_deref(), Some("82800.92"));
        let mut o = owner("丁", "", "");
        o.facts.fiscal_funds = Some(Traced::new("60", SourceRef::default()));
        o.facts.other_funds = Some(Traced::new("30", SourceRef::default()));
        assert_eq!(decided(&[o])[0].budget_wan, None, "60 + 30 is a sum, not a printed budget");
    }

    #[test]
    fn derived_keys_carry_their_inputs() {
        let mut keys = keys::KeyRegistry::default();
        let (first, _) = project_record(&owner("甲项目", "5", ""), Some(2023), &mut keys);
        let (second, _) = project_record(&owner("甲项目", "5", ""), Some(2023), &mut keys);
        assert_eq!(first.key, "某局/2023/甲项目");
        assert_eq!(second.key, "某局/2023/甲项目#2");
        assert_eq!(first.key_inputs, vec!["unit=某局", "year=2023", "name=甲项目"]);
    }
}
