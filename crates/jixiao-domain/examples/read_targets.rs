//! Reads targets given one per line on stdin (`TEXT<TAB>二级指标`) and prints
//! each reading: for checking the reader on targets nobody labelled.

use jixiao_domain::value::{read, Context, Family};
use std::io::BufRead;

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (text, level2) = line.split_once('\t').unwrap_or((&line, ""));
        let ctx = Context { family: Family::of(None, Some(level2)), year: Some(2023) };
        let x = read(text, &ctx);
        let kind = x.kind.map_or("", |k| k.as_str());
        let cmp = x.comparator.map_or("", |c| c.as_str());
        println!(
            "{text}\t{level2}\t{kind}\t{cmp}\t{}\t{}\t{:?}",
            x.value.unwrap_or_default(),
            x.unit.unwrap_or_default(),
            x.notes
        );
    }
}
