//! The 指标值 reader against hand-labelled targets (`tests/gold/values.tsv`:
//! distinct targets of the real workbooks and the samples, each with its
//! 二级指标, expected kind, comparator, value and unit). At least 98% must
//! read exactly right.

use jixiao_domain::value::{read, Context, Family};

#[test]
fn at_least_98_percent_of_the_labelled_targets_read_exactly() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/gold/values.tsv");
    let text = std::fs::read_to_string(path).expect("tests/gold/values.tsv");
    let (mut total, mut wrong) = (0, Vec::new());
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 7, "{line}");
        let ctx = Context { family: Family::of(None, Some(f[1])), year: f[2].parse().ok() };
        assert!(ctx.family.is_some(), "{}: an official 二级指标", f[1]);
        let x = read(f[0], &ctx);
        let value = match (&x.value, &x.value_max) {
            (Some(lo), Some(hi)) => format!("{lo}-{hi}"),
            (v, _) => v.clone().unwrap_or_default(),
        };
        let got = (
            x.kind.map_or("", |k| k.as_str()),
            x.comparator.map_or("", |c| c.as_str()),
            value.as_str(),
            x.unit.as_deref().unwrap_or(""),
        );
        total += 1;
        if got != (f[3], f[4], f[5], f[6]) {
            wrong.push(format!("{}: got {got:?}, want {:?}", f[0], (f[3], f[4], f[5], f[6])));
        }
    }
    assert!(total >= 300, "{total} labelled targets");
    let right = 1.0 - wrong.len() as f64 / total as f64;
    eprintln!("{} of {total} targets read exactly ({:.1}%)", total - wrong.len(), 100.0 * right);
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(right >= 0.98, "{right:.3} right");
}
