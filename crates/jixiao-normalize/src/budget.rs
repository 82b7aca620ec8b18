//! Budgets an analyst can sum: the unit of each written budget is decided,
//! not just doubted.
//!
//! Templates label amounts 万元 while many sheets write them in 元
//! (`137584` under "本年度项目金额（万元）"). The document's own figures
//! tell: a 测算依据 amount or a cost target that equals the budget read in 元
//! proves 元. So, per project, in this order:
//! 1. the budget cell names its unit (`834.02万元`): that unit;
//! 2. its own figures prove one unit: that unit (a repair when it is not the
//!    label's);
//! 3. no figures of its own: what the projects of the same layout in the
//!    same file prove, when they agree (a repair naming the proving project);
//! 4. nothing proves anything: the label's unit (or 万元);
//! 5. figures disagree: the label's unit, flagged `budget_scale_uncertain`.
//!
//! Amounts are exact decimals ([`Decimal`]); 元 are rounded to the fen.

use jixiao_domain::fold;
use jixiao_domain::grammar::{money_amounts, read_budget, Decimal};
use jixiao_domain::vocab::{money_places, MONEY_UNITS};
use jixiao_model::aligned::{AlignedOwner, Traced};
use jixiao_model::quoted;
use jixiao_model::record::{BudgetScale, IndicatorRecord, ProjectRecord, ScaleBasis};
use jixiao_model::{Code, Diagnostic};

fn places(unit: &str) -> i32 {
    money_places(unit).unwrap_or(4)
}

/// What a project's own figures say about its budget's unit.
#[derive(Debug, Clone, PartialEq)]
enum Proof {
    /// Nothing either way.
    None,
    /// One unit, shown by this figure.
    Unit(&'static str, Traced),
    /// Figures that prove different units.
    Conflict(Traced, Traced),
}

/// A project's budget before the file-level decision.
#[derive(Debug, Clone)]
pub struct Draft {
    number: Option<Decimal>,
    cell_unit: Option<&'static str>,
    label_unit: &'static str,
    proof: Proof,
    layout: (String, usize),
    mid_term: Option<(Decimal, Option<&'static str>)>,
    funds: Option<(Decimal, Option<&'static str>, Decimal, Option<&'static str>)>,
}

/// Reads the owner's budget and what its own figures prove.
pub fn draft(owner: &AlignedOwner, indicators: &[IndicatorRecord]) -> Draft {
    let budget = owner.budget.as_ref().and_then(|b| read_budget(&b.text));
    let label_unit = owner
        .amount_unit
        .as_ref()
        .and_then(|u| MONEY_UNITS.iter().find(|(name, _)| *name == fold(&u.text)).map(|(name, _)| *name))
        .unwrap_or("万元");
    let proof = match budget {
        Some((n, None)) if !n.is_zero() => prove(n, owner, indicators),
        _ => Proof::None,
    };
    let read = |t: &Option<Traced>| t.as_ref().and_then(|t| read_budget(&t.text));
    let funds = read(&owner.facts.fiscal_funds).zip(read(&owner.facts.other_funds)).map(|(f, o)| (f.0, f.1, o.0, o.1));
    // A form that prints no total but its funds, all of them 财政拨款
    // (其他资金 0: 湛江's 部门整体 收入来源), prints its budget as the
    // 财政拨款 figure. Parts are never summed: with other funds there is no
    // printed budget.
    let budget = budget.or_else(|| {
        let (fiscal, other) = (read(&owner.facts.fiscal_funds)?, read(&owner.facts.other_funds)?);
        other.0.is_zero().then_some(fiscal)
    });
    Draft {
        number: budget.map(|b| b.0),
        cell_unit: budget.and_then(|b| b.1),
        label_unit,
        proof,
        layout: (label_unit.to_string(), owner.budget.as_ref().map_or(0, |b| b.source.col)),
        mid_term: read(&owner.facts.mid_term_budget),
        funds,
    }
}

/// The unit the owner's own figures (测算依据 amounts and their sum, goal,
/// cost targets and descriptions) show the written budget `n` is in.
fn prove(n: Decimal, owner: &AlignedOwner, indicators: &[IndicatorRecord]) -> Proof {
    let texts =
        owner.cost_basis.iter().chain(&owner.goal).chain(
            indicators.iter().flat_map(|i| [&i.target, &i.description, &i.basis, &i.level3].into_iter().flatten()),
        );
    let mut figures: Vec<(f64, Traced)> = Vec::new();
    for t in texts {
        let found = money_amounts(&t.text);
        if found.len() >= 2 && Some(t) == owner.cost_basis.as_ref() {
            let sum: f64 = found.iter().map(|(a, _)| a).sum();
            figures.push((sum, Traced::new(format!("the sum of the 测算依据's amounts, {sum}万元"), t.source.clone())));
        }
        figures.extend(found.into_iter().map(|(a, written)| (a, Traced::new(written, t.source.clone()))));
    }
    let n = n.to_f64();
    let near = |a: f64, b: f64| (a - b).abs() <= 0.01 * b.abs();
    let mut proved: Option<(&'static str, Traced)> = None;
    for (wan, at) in figures {
        // The figure in 万元 equals the budget read in each unit.
        let unit = MONEY_UNITS.iter().find(|(_, p)| near(wan * 10_000.0, n * 10f64.powi(*p))).map(|(u, _)| *u);
        let Some(unit) = unit else { continue };
        match &proved {
            None => proved = Some((unit, at)),
            Some((u, first)) if *u != unit => return Proof::Conflict(first.clone(), at),
            Some(_) => {}
        }
    }
    proved.map_or(Proof::None, |(u, at)| Proof::Unit(u, at))
}

/// Decides every project's budget unit in one document and fills the
/// records' budgets, scales and warnings.
pub fn decide(records: &mut [ProjectRecord], drafts: &[Draft]) {
    for i in 0..records.len() {
        let d = &drafts[i];
        let Some(number) = d.number else {
            let record = &mut records[i];
            if let Some(raw) = &record.budget_raw {
                let message = format!("budget {} is not an amount", quoted(&raw.text, 60));
                record.warnings.push(Diagnostic::new(Code::BudgetNotAmount, message, Some(record.source.clone())));
            }
            continue;
        };
        let (unit, basis, evidence, proved_by, confidence) = if let Some(unit) = d.cell_unit {
            (unit, ScaleBasis::Cell, None, None, 1.0)
        } else if number.is_zero() {
            (d.label_unit, ScaleBasis::Label, None, None, 1.0)
        } else {
            match &d.proof {
                Proof::Unit(unit, at) => (*unit, ScaleBasis::Evidence, Some(at.clone()), None, 0.95),
                Proof::Conflict(..) => (d.label_unit, ScaleBasis::Uncertain, None, None, 0.5),
                Proof::None => sibling_unit(records, drafts, i),
            }
        };
        let yuan = number.shift(places(unit)).round(2);
        let record = &mut records[i];
        record.budget_yuan = Some(yuan.to_string());
        record.budget_wan = Some(yuan.shift(-4).to_string());
        record.budget_scale_uncertain = basis == ScaleBasis::Uncertain;
        let raw = record.budget_raw.clone().map(|r| (quoted(&r.text, 60), r.source));
        let (raw_text, at) = raw.unwrap_or_default();
        let label = d.label_unit;
        match basis {
            ScaleBasis::Evidence | ScaleBasis::Siblings if unit != label => {
                let why = match (&evidence, &proved_by) {
                    (Some(e), _) => {
                        format!("the document's own figure {} at {} matches it", quoted(&e.text, 60), e.source)
                    }
                    (None, Some(key)) => format!("like project {key} of the same layout, whose own figures prove it"),
                    _ => String::new(),
                };
                let message = format!("budget {raw_text} under a {label} label read in {unit}: {why}");
                record.warnings.push(Diagnostic::new(Code::BudgetScaleRepaired, message, Some(at.clone())));
            }
            ScaleBasis::Uncertain => {
                let why = match &d.proof {
                    Proof::Conflict(a, b) => format!(
                        "its own figures {} at {} and {} at {} prove different units",
                        quoted(&a.text, 60),
                        a.source,
                        quoted(&b.text, 60),
                        b.source
                    ),
                    _ => "projects of the same layout in this file prove different units".into(),
                };
                let message = format!("budget {raw_text}: the unit is uncertain ({why}); kept as {label}");
                record.warnings.push(Diagnostic::new(Code::BudgetScaleUncertain, message, Some(at.clone())));
            }
            _ => {}
        }
        let in_yuan = |(n, u): (Decimal, Option<&'static str>)| n.shift(places(u.unwrap_or(unit))).round(2);
        let mid = d.mid_term.map(in_yuan);
        record.mid_term_budget_yuan = mid.map(|m| m.to_string());
        check_totals(record, yuan, mid, d.funds.map(|(f, fu, o, ou)| in_yuan((f, fu)) + in_yuan((o, ou))), &at);
        record.budget_scale = Some(BudgetScale { unit: unit.into(), basis, evidence, proved_by, confidence });
    }
}

/// What the other projects of the same layout prove, for a project with
/// no figures of its own.
fn sibling_unit(
    records: &[ProjectRecord],
    drafts: &[Draft],
    i: usize,
) -> (&'static str, ScaleBasis, Option<Traced>, Option<String>, f32) {
    let d = &drafts[i];
    let proofs: Vec<(usize, &'static str)> = drafts
        .iter()
        .enumerate()
        .filter(|(_, o)| o.layout == d.layout && o.cell_unit.is_none())
        .filter_map(|(j, o)| match &o.proof {
            Proof::Unit(u, _) => Some((j, *u)),
            _ => None,
        })
        .collect();
    let disagree = proofs.iter().any(|(_, u)| *u != proofs[0].1);
    match proofs.first() {
        None => (d.label_unit, ScaleBasis::Label, None, None, 0.9),
        Some(_) if disagree => (d.label_unit, ScaleBasis::Uncertain, None, None, 0.5),
        Some((_, u)) if *u == d.label_unit => (d.label_unit, ScaleBasis::Label, None, None, 0.95),
        Some((j, u)) => (*u, ScaleBasis::Siblings, None, Some(records[*j].key.clone()), 0.8),
    }
}

/// Cross-checks the totals these templates carry: the annual budget is not
/// above the multi-year total, and 财政资金 + 其他资金 is the total.
fn check_totals(
    record: &mut ProjectRecord,
    budget: Decimal,
    mid: Option<Decimal>,
    funds: Option<Decimal>,
    at: &jixiao_model::SourceRef,
) {
    let f = budget.to_f64();
    if let Some(m) = mid.filter(|m| !m.is_zero() && f > m.to_f64() + 0.005) {
        let message = format!("the annual budget {budget}元 is above the multi-year total {m}元 (中期资金总额)");
        record.warnings.push(Diagnostic::new(Code::BudgetTotalsDisagree, message, Some(at.clone())));
    }
    if let Some(sum) = funds {
        let matches = |total: Option<Decimal>| total.is_some_and(|t| (t.to_f64() - sum.to_f64()).abs() < 0.005);
        if !matches(Some(budget)) && !matches(mid) {
            let message = format!(
                "财政资金 + 其他资金 = {sum}元, which is neither the budget {budget}元 nor the multi-year total"
            );
            record.warnings.push(Diagnostic::new(Code::BudgetTotalsDisagree, message, Some(at.clone())));
        }
    }
}
