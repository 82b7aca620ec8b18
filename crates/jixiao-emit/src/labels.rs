//! The analyst's words for the machine values: statuses, severities and
//! the enum columns (范围, 目标期, 值类型 …) in Chinese, for the workbook
//! and report.html. The CSVs, the JSON and the database keep the codes;
//! the diagnostics' and repairs' own Chinese sentences are
//! [`Code::zh`](jixiao_model::Code::zh) and
//! [`Repair::kind_zh`](jixiao_model::aligned::Repair::kind_zh).

use crate::report::Status;

/// A file status in Chinese.
pub fn status_zh(status: Status) -> &'static str {
    match status {
        Status::Ok => "正常",
        Status::Review => "需复核",
        Status::Partial => "部分读取",
        Status::Failed => "失败",
    }
}

/// A finding's severity (`error`, `warning`, `info`) in Chinese.
pub fn severity_zh(severity: &str) -> &str {
    match severity {
        "error" => "错误",
        "warning" => "警告",
        "info" => "提示",
        other => other,
    }
}

/// The Chinese label of `value` in the enum column `column`, when the
/// column is an enum and the value one of its codes.
pub fn value_zh(column: &str, value: &str) -> Option<&'static str> {
    let pairs: &[(&str, &str)] = match column {
        "scope" => &[("project", "项目"), ("department", "部门整体")],
        "horizon" => &[("annual", "年度"), ("mid_term", "中期")],
        "kind" => &[("target", "绩效目标表"), ("self_evaluation", "绩效自评表"), ("monitoring", "执行监控表")],
        "outcome" => {
            &[("met", "已完成"), ("not_met", "未完成"), ("not_comparable", "无法比较"), ("no_result", "无自评结果")]
        }
        "link" => &[
            ("project_code+level3", "项目编码+三级指标"),
            ("project_name+level3", "项目名称+三级指标"),
            ("unmatched", "未找到目标"),
            ("unmatched_target", "目标无结果"),
        ],
        "value_kind" => &[
            ("percent", "百分比"),
            ("amount", "金额"),
            ("quantity", "数量"),
            ("duration", "时长"),
            ("deadline", "期限"),
            ("range", "区间"),
            ("text", "文本"),
        ],
        "budget_scale_basis" => &[
            ("cell", "单元格注明"),
            ("label", "表头标注"),
            ("evidence", "本项目测算数据"),
            ("siblings", "同文件同类项目"),
            ("uncertain", "存疑"),
        ],
        "budget_scale_uncertain" | "reused" => &[("true", "是"), ("false", "否")],
        "status" => &[("ok", "正常"), ("review", "需复核"), ("partial", "部分读取"), ("failed", "失败")],
        "severity" => &[("error", "错误"), ("warning", "警告"), ("info", "提示")],
        "worker_failure" => {
            &[("timeout", "超时"), ("out_of_memory", "内存超限"), ("signal", "被信号终止"), ("exited", "异常退出")]
        }
        _ => return None,
    };
    pairs.iter().find(|(code, _)| *code == value).map(|(_, zh)| *zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_and_enum_code_has_a_label() {
        for s in [Status::Ok, Status::Review, Status::Partial, Status::Failed] {
            assert_eq!(value_zh("status", s.as_str()), Some(status_zh(s)));
        }
        for kind in ["percent", "amount", "quantity", "duration", "deadline", "range", "text"] {
            let k: jixiao_model::record::ValueKind = serde_json::from_value(serde_json::json!(kind)).expect("a kind");
            assert_eq!(k.as_str(), kind);
            assert!(value_zh("value_kind", kind).is_some(), "{kind}");
        }
        assert_eq!(value_zh("budget_scale_uncertain", "false"), Some("否"));
        assert_eq!(value_zh("level3", "text"), None, "only enum columns are translated");
        assert_eq!(severity_zh("warning"), "警告");
    }
}
