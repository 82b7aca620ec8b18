//! The normalizer: [`AlignedDocument`] → [`DocumentRecord`].
//!
//! - [`value::read_target`] reads a 指标值 (comparator, number, unit) and
//!   folds in separate comparator/unit columns;
//! - [`keys`] validates project codes by shape and derives keys for tables
//!   without one;
//! - labels become official (产出 → 产出指标) when they map to one.

pub mod keys;
pub mod value;

use jixiao_domain::{fold, taxonomy};
use jixiao_model::aligned::{AlignedDocument, AlignedOwner, AlignedRow, Scope, Traced};
use jixiao_model::record::{DocumentRecord, IndicatorRecord, LabelRecord, ProjectRecord, UnitRecord, SCHEMA_VERSION};
use jixiao_model::Document;

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

fn project_record(owner: &AlignedOwner, year: Option<u16>, keys: &mut keys::KeyRegistry) -> ProjectRecord {
    let mut warnings: Vec<String> = owner.warnings.iter().map(|d| d.message.clone()).collect();
    let code = owner.project_code.as_ref().and_then(|c| match keys::check_project_code(&c.text) {
        keys::CodeCheck::Valid => Some(c.clone()),
        keys::CodeCheck::Unusual(why) => {
            warnings.push(format!("project code {:?} kept, but {why}", c.text));
            Some(c.clone())
        }
        keys::CodeCheck::Invalid(why) => {
            warnings.push(format!("project code {:?} not used: {why}", c.text));
            None
        }
    });
    let (key, key_inputs) = keys.key_for(owner, code.as_ref(), year);
    let budget_wan = owner.budget.as_ref().and_then(|b| {
        let read = value::read_amount_wan(&b.text, owner.amount_unit.as_ref().map(|u| u.text.as_str()));
        if read.is_none() {
            warnings.push(format!("budget {:?} is not an amount", b.text));
        }
        read
    });
    ProjectRecord {
        scope: owner.scope,
        key,
        key_inputs,
        code,
        name: if owner.scope == Scope::Project { owner.project_name.clone() } else { None },
        budget_wan,
        budget_raw: owner.budget.clone(),
        goal: owner.goal.clone(),
        indicators: owner.rows.iter().map(indicator_record).collect(),
        skipped: owner.skipped.clone(),
        warnings,
        source: owner.source.clone(),
    }
}

/// Official label when `raw` names one, else the raw label without spaces.
fn label(raw: Option<&Traced>, level: u8, inferred: bool) -> LabelRecord {
    let official = raw.and_then(|t| match level {
        1 => taxonomy::level1(&t.text).or_else(|| taxonomy::is_ambiguous_cost(&t.text).then_some("成本指标")),
        _ => taxonomy::level2(&t.text).map(|l| l.label),
    });
    let text = official.map(str::to_string).or_else(|| raw.map(|t| fold(&t.text))).unwrap_or_default();
    LabelRecord { label: text, raw: if inferred { None } else { raw.cloned() }, inferred }
}

fn indicator_record(row: &AlignedRow) -> IndicatorRecord {
    let l1_inferred = row.repairs.iter().any(|r| r.contains("一级指标 inferred"));
    let l2_inferred = row.repairs.iter().any(|r| r.contains("二级指标 taken"));
    let (reading, mut warnings) = value::read_target(
        row.target.as_ref().map(|t| t.text.as_str()),
        row.comparator.as_ref().map(|t| t.text.as_str()),
        row.unit.as_ref().map(|t| t.text.as_str()),
    );
    warnings.splice(0..0, row.repairs.iter().cloned());
    let target = row.target.as_ref().map(|t| Traced::new(t.text.trim(), t.source.clone()));
    IndicatorRecord {
        horizon: row.horizon,
        level1: label(row.level1.as_ref(), 1, l1_inferred),
        level2: label(row.level2.as_ref(), 2, l2_inferred),
        level3: row.level3.clone(),
        description: row.description.clone(),
        target,
        reading,
        basis: row.basis.clone(),
        comparator_column: row.comparator.clone(),
        unit_column: row.unit.clone(),
        warnings,
        source: row.level3.as_ref().or(row.target.as_ref()).map_or_else(|| row.source.clone(), |t| t.source.clone()),
    }
}
