//! `jixiao import`: the samples into SQLite (always) and PostgreSQL (a real
//! server on loopback: required on CI, skipped elsewhere without the
//! package), through the real binary. What a data team relies on:
//! - the tables hold exactly the CSVs' rows, typed;
//! - importing again changes nothing; `--incremental` parses nothing;
//! - a changed file replaces only its own rows, a file that now fails keeps
//!   its rows and gets a failures row;
//! - cell text and file names are data, never SQL;
//! - four importers of overlapping shards at once leave one database equal
//!   to a single import.

mod common;
#[path = "common/db.rs"]
mod db;
#[path = "common/pg.rs"]
mod pg;

use common::{csv_table, run_jixiao, samples};
use db::{pg_count, pg_dump, sqlite_count, sqlite_dump, IDS};
use std::path::{Path, PathBuf};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(240);

/// `jixiao import INPUT --db DB -q EXTRA…`; returns the exit status.
fn import(input: &Path, db: &str, extra: &[&str]) -> i32 {
    let mut args: Vec<std::ffi::OsString> = vec!["import".into(), input.into(), "--db".into(), db.into(), "-q".into()];
    args.extend(extra.iter().map(Into::into));
    let (code, _) = run_jixiao(&args, LIMIT);
    assert!(code == 0 || code == 1, "import {} into {db}: exit {code}", input.display());
    code
}

/// How many files samples/ holds.
fn sample_count() -> usize {
    std::fs::read_dir(samples()).expect("samples").count()
}

/// The samples copied into a folder of their own (to change them).
fn copy_samples(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in names {
        std::fs::copy(samples().join(name), dir.path().join(name)).expect("copy");
    }
    dir
}

/// The SQL a hostile cell or file name would run if it were ever spliced.
const INJECTION: &str = "'); DROP TABLE indicators;--";

/// A text export whose first indicator's 三级指标 and the file's name carry
/// [`INJECTION`]; returns the changed 三级指标.
fn hostile_copy(dir: &Path) -> String {
    let name = "001_8fcafb6e0b91ba75.txt";
    let text = std::fs::read_to_string(samples().join(name)).expect("sample");
    let out = tempfile::tempdir().expect("tempdir");
    let (code, _) = common::convert_with(&samples().join(name), out.path(), &[]);
    assert!(code <= 1);
    let rows = csv_table(&out.path().join("indicators.csv"));
    // A 三级指标 written once in the file, so that only it changes.
    let level3 = rows
        .iter()
        .map(|r| r["level3"].clone())
        .find(|l3| l3.chars().count() >= 4 && text.matches(l3.as_str()).count() == 1)
        .expect("a 三级指标 written once");
    let hostile = format!("{level3}{INJECTION}");
    std::fs::write(dir.join(format!("{INJECTION}.txt")), text.replace(&level3, &hostile)).expect("write");
    hostile
}

/// The README's example queries (the SQL block after "Example queries").
fn readme_queries() -> Vec<String> {
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).expect("README");
    let after = readme.split("**Example queries**").nth(1).expect("the README's example queries");
    let block = after.split("```sql").nth(1).and_then(|b| b.split("```").next()).expect("a sql block");
    let queries: Vec<String> =
        block.split(';').map(str::trim).filter(|q| q.contains("SELECT")).map(str::to_string).collect();
    assert_eq!(queries.len(), 6, "six example queries");
    queries
}

/// How many rows each README query returns on the samples, for which the
/// query is checked to find something (the fourth, cost over budget, finds
/// nothing in the samples and is only run).
fn check_readme_counts(counts: &[usize]) {
    assert!(counts[0] > 0, "units");
    assert!(counts[1] > 0, "projects of one unit");
    assert!(counts[2] > counts[1], "indicators of one unit");
    assert!(counts[4] > 0, "satisfaction below 90%");
    assert!(counts[5] > 0, "deadlines already past");
}

/// Units are one row each (a unit of the samples read from three files
/// is one row; the same code in two regions is two), and the README's
/// unit queries find that unit's rows only.
fn check_units(conn: &rusqlite::Connection) {
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap_or_else(|e| panic!("{sql}: {e}"));
    assert_eq!(count("SELECT count(*) FROM units WHERE name = '卢龙县医疗保障局本级'"), 1);
    assert_eq!(count("SELECT count(DISTINCT source_file) FROM projects WHERE unit_name = '卢龙县医疗保障局本级'"), 3);
    assert_eq!(count("SELECT count(*) FROM units WHERE code = '450001'"), 2, "卢龙县 and 丰润区");
    // A unit with neither code nor name is its file's own (the samples hold several).
    let twice = "SELECT count(*) FROM (SELECT code, name FROM units WHERE code <> '' OR name <> '' \
                 GROUP BY code, name HAVING count(*) > 1)";
    assert_eq!(count(twice), 0);
    let by_key = readme_queries()[1].replace(
        "SELECT p.source_file, p.project_name, p.budget_yuan, p.indicator_count",
        "SELECT count(DISTINCT p.unit_name) + 10 * count(DISTINCT p.unit_code)",
    );
    assert_eq!(count(&by_key), 11, "one unit's projects, none of 丰润区's");
    let mine = count("SELECT count(*) FROM projects WHERE unit_name = '卢龙县医疗保障局本级'");
    let all = readme_queries()[1]
        .replace("SELECT p.source_file, p.project_name, p.budget_yuan, p.indicator_count", "SELECT count(*)");
    assert_eq!(count(&all.replace("ORDER BY p.source_file, p.ordinal", "")), mine);
}

#[test]
fn sqlite_holds_the_csv_rows_typed_and_a_second_import_changes_nothing() {
    let work = tempfile::tempdir().expect("tempdir");
    let db = work.path().join("jixiao.sqlite");
    let db_url = db.to_str().expect("utf-8 path");
    let out = work.path().join("csv");
    let (code, _) = common::convert_with(&samples(), &out, &[]);
    assert!(code <= 1);
    import(&samples(), db_url, &[]);

    // Every CSV row is a database row, with the same fields.
    let csv = csv_table(&out.join("indicators.csv"));
    let fields = ["source_file", "project_key", "level1", "level2", "level3", "target", "value_kind", "value_unit"];
    let mut from_csv: Vec<String> = csv
        .iter()
        .map(|r| fields.iter().map(|f| r[*f].trim_start_matches('\'')).collect::<Vec<_>>().join("|"))
        .collect();
    let conn = rusqlite::Connection::open(&db).expect("open");
    let mut stmt = conn.prepare(&format!("SELECT {} FROM indicators", fields.join(", "))).expect("prepare");
    let mut from_db: Vec<String> = stmt
        .query_map([], |r| (0..fields.len()).map(|i| r.get::<_, String>(i)).collect::<Result<Vec<_>, _>>())
        .expect("query")
        .map(|r| r.expect("row").join("|"))
        .collect();
    from_csv.sort();
    from_db.sort();
    assert_eq!(from_db, from_csv);
    let projects = csv_table(&out.join("projects.csv")).len() as i64;
    assert_eq!(sqlite_count(&db, "SELECT count(*) FROM projects"), projects);
    assert_eq!(sqlite_count(&db, "SELECT count(*) FROM documents"), sample_count() as i64);

    // Typed: numbers are numbers, deadlines dates, confidence a float.
    assert_eq!(
        sqlite_count(&db, "SELECT count(*) FROM indicators WHERE value_kind = 'percent' AND typeof(value) <> 'real'"),
        0
    );
    let deadlines = sqlite_count(&db, "SELECT count(*) FROM indicators WHERE value_kind = 'deadline'");
    let dated = sqlite_count(
        &db,
        "SELECT count(*) FROM indicators WHERE value_kind = 'deadline' AND date(deadline) = deadline",
    );
    assert!(deadlines > 0 && dated == deadlines, "{dated} of {deadlines} deadlines are dates");
    assert_eq!(sqlite_count(&db, "SELECT count(*) FROM indicators WHERE typeof(confidence) <> 'real'"), 0);
    let budgets = csv_table(&out.join("projects.csv")).iter().filter(|p| !p["budget_yuan"].is_empty()).count();
    assert_eq!(sqlite_count(&db, "SELECT count(*) FROM projects WHERE typeof(budget_yuan) = 'real'"), budgets as i64);

    // The README's queries run and find what they say.
    let counts: Vec<usize> = readme_queries()
        .iter()
        .map(|q| {
            let mut stmt = conn.prepare(q).unwrap_or_else(|e| panic!("{q}: {e}"));
            stmt.query_map([], |_| Ok(())).expect("query").count()
        })
        .collect();
    check_readme_counts(&counts);
    check_units(&conn);
    let satisfaction =
        readme_queries()[4].replace("SELECT unit_name, project_name, level3, target, value", "SELECT max(value)");
    let highest: f64 = conn.query_row(&satisfaction, [], |r| r.get(0)).expect("max");
    assert!(highest < 90.0);

    // Again: nothing changes but the runs table.
    let before = sqlite_dump(&db, &[]);
    import(&samples(), db_url, &[]);
    assert_eq!(sqlite_dump(&db, &[]), before);
    // Incremental: nothing is parsed, every input is reported reused.
    let report_dir = work.path().join("run");
    import(&samples(), db_url, &["--incremental", "-o", report_dir.to_str().expect("utf-8")]);
    let report = common::report(&report_dir);
    assert_eq!(
        report.files.iter().filter(|f| f.reused).count(),
        sample_count(),
        "every input reused from the database"
    );
    assert!(report.files.iter().all(|f| f.status != jixiao_emit::Status::Failed));
    assert!(!report_dir.join("indicators.csv").exists(), "import writes the database, not the tables");
    assert_eq!(sqlite_dump(&db, &[]), before);
    let finished = format!("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL AND files = {}", sample_count());
    assert_eq!(sqlite_count(&db, &finished), 3);
    assert_eq!(sqlite_count(&db, "SELECT unchanged FROM runs ORDER BY id DESC LIMIT 1"), sample_count() as i64);
}

#[test]
fn a_changed_file_replaces_only_its_rows_and_a_failing_one_keeps_them() {
    let names = ["001_8fcafb6e0b91ba75.txt", "003_5350117623e3437c.txt", "hengyang-2023.xlsx"];
    let inputs = copy_samples(&names);
    let work = tempfile::tempdir().expect("tempdir");
    let db = work.path().join("jixiao.sqlite");
    let url = db.to_str().expect("utf-8");
    import(inputs.path(), url, &[]);
    // A document's rows in documents, projects and indicators.
    let rows_of = |dump: &std::collections::BTreeMap<String, Vec<String>>, source: &str| -> Vec<String> {
        let key = format!("key_source={source:?}");
        let tables = ["documents", "projects", "indicators"];
        tables.iter().flat_map(|t| &dump[*t]).filter(|l| l.starts_with(&key)).cloned().collect()
    };
    let first = sqlite_dump(&db, &[]);

    // 003 now holds another table: its rows are replaced, the others' kept
    // to the byte (their ids and import times included).
    std::fs::copy(samples().join("004_ff68eaab89af36f2.txt"), inputs.path().join(names[1])).expect("copy");
    import(inputs.path(), url, &["--incremental"]);
    let second = sqlite_dump(&db, &[]);
    for kept in [names[0], names[2]] {
        assert_eq!(rows_of(&second, kept), rows_of(&first, kept), "{kept} untouched");
    }
    assert_ne!(rows_of(&second, names[1]), rows_of(&first, names[1]));
    let project_names = sqlite_count(
        &db,
        "SELECT count(*) FROM projects p JOIN documents d ON d.id = p.document_id \
         WHERE d.source = '003_5350117623e3437c.txt' AND p.scope = 'department'",
    );
    assert!(project_names > 0, "003 now holds 004's department table");
    let replaced = sqlite_count(&db, "SELECT imported FROM runs ORDER BY id DESC LIMIT 1");
    assert_eq!(replaced, 1, "one document written, two unchanged");

    // The workbook is now damaged: its earlier rows stay, and why it
    // failed is recorded.
    std::fs::write(inputs.path().join(names[2]), b"PK\x03\x04 this is not a workbook").expect("write");
    import(inputs.path(), url, &["--incremental"]);
    let third = sqlite_dump(&db, &[]);
    assert_eq!(rows_of(&third, names[2]), rows_of(&second, names[2]), "a failing file keeps its rows");
    assert_eq!(sqlite_count(&db, "SELECT count(*) FROM failures WHERE source = 'hengyang-2023.xlsx'"), 1);
    assert_eq!(
        sqlite_count(&db, "SELECT count(*) FROM documents WHERE source = 'hengyang-2023.xlsx' AND status <> 'failed'"),
        1
    );
    // Failing again adds nothing.
    import(inputs.path(), url, &[]);
    assert_eq!(sqlite_count(&db, "SELECT count(*) FROM failures"), 1);
}

#[test]
fn cell_text_and_file_names_are_data_never_sql() {
    let inputs = tempfile::tempdir().expect("tempdir");
    let hostile = hostile_copy(inputs.path());
    let work = tempfile::tempdir().expect("tempdir");
    let db = work.path().join("jixiao.sqlite");
    let url = db.to_str().expect("utf-8");
    import(inputs.path(), url, &[]);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let found: i64 = conn
        .query_row("SELECT count(*) FROM indicators WHERE level3 = ?1", [&hostile], |r| r.get(0))
        .expect("indicators is still there");
    assert_eq!(found, 1, "the hostile 三级指标 is stored as written");
    let source: String = conn.query_row("SELECT source FROM documents", [], |r| r.get(0)).expect("document");
    assert_eq!(source, format!("{INJECTION}.txt"));
}

#[test]
fn a_database_that_cannot_be_used_says_why_before_anything_runs() {
    let out = tempfile::tempdir().expect("tempdir");
    let input = samples().join("004_ff68eaab89af36f2.txt");
    let attempt = |db: &str| {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .arg("import")
            .arg(&input)
            .args(["-q", "--db", db, "-o"])
            .arg(out.path())
            .env("PGCONNECT_TIMEOUT", "5")
            .output()
            .expect("run jixiao");
        (run.status.code(), String::from_utf8_lossy(&run.stderr).into_owned())
    };
    // A database that cannot be reached fails the run (3); one that --db
    // cannot name is a usage error (2).
    let cases = [
        ("postgres://jixiao@127.0.0.1:1/jixiao", "connection refused", 3),
        ("postgresql://jixiao@no-such-host.invalid/jixiao", "host not found", 3),
        ("mysql://jixiao:secret@db/jixiao", "does not write mysql databases", 2),
        ("postgres://jixiao@127.0.0.1:notaport/x", "cannot be read", 2),
    ];
    for (db, why, exit) in cases {
        let (code, stderr) = attempt(db);
        assert_eq!(code, Some(exit), "{db}: {stderr}");
        assert!(stderr.contains(why), "{db}: {stderr:?} should say {why:?}");
        assert!(!stderr.contains("secret"), "the password never shows: {stderr}");
    }
    assert!(!out.path().join("report.json").exists(), "nothing ran");
    if let Some(server) = pg::PgServer::start() {
        let (code, stderr) = attempt(&server.url("no_such_database"));
        assert_eq!(code, Some(3));
        assert!(stderr.contains("no such database"), "{stderr}");
    }
}

#[test]
fn a_secret_in_any_db_form_is_never_printed_nor_made_a_file() {
    const SECRET: &str = "S3cr3tQ";
    let input = samples().join("004_ff68eaab89af36f2.txt");
    let cases = [
        ("postgres://127.0.0.1:1/x?user=a&password=S3cr3tQ", "connection refused", 3),
        ("postgres://a:S3cr3tQ@127.0.0.1:1/x", "connection refused", 3),
        ("mysql://a:S3cr3tQ@h/x", "does not write mysql databases", 2),
        ("sqlite://a:S3cr3tQ@/x.db", "no user or password", 2),
        ("host=127.0.0.1 port=1 user=a password=S3cr3tQ dbname=x", "connection refused", 3),
        ("host=127.0.0.1 port=1 password='S3cr3tQ two' dbname=x", "connection refused", 3),
    ];
    for (db, why, exit) in cases {
        let (cwd, out) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
        let out = out.path().join("out");
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .current_dir(cwd.path())
            .arg("import")
            .arg(&input)
            .args(["--db", db, "-o"])
            .arg(&out)
            .env("PGCONNECT_TIMEOUT", "5")
            .env_remove("PGPASSWORD")
            .output()
            .expect("run jixiao");
        let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
        assert_eq!(run.status.code(), Some(exit), "{db}: {stderr}");
        assert!(stderr.contains(why), "{db}: {stderr:?} should say {why:?}");
        assert!(!stderr.contains(SECRET) && !stdout.contains(SECRET), "{db}: {stdout} {stderr}");
        let left: Vec<_> = std::fs::read_dir(cwd.path()).expect("read_dir").flatten().map(|e| e.file_name()).collect();
        assert!(left.is_empty(), "{db}: nothing is created, no file named by the secret: {left:?}");
    }
}

/// Inputs for the PostgreSQL tests: the samples three times over, in
/// folders of their own, and one hostile file.
fn pg_inputs() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    for copy in ["a", "b", "c"] {
        let to = dir.path().join(copy);
        std::fs::create_dir(&to).expect("mkdir");
        for entry in std::fs::read_dir(samples()).expect("samples").flatten() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
    let hostile = hostile_copy(dir.path());
    (dir, hostile)
}

#[test]
fn postgres_imports_once_whatever_runs_at_once() {
    let Some(server) = pg::PgServer::start() else { return };
    let (inputs, hostile) = pg_inputs();
    let root: PathBuf = inputs.path().to_path_buf();
    let root_arg = root.to_str().expect("utf-8").to_string();

    // One process, twice: the second changes nothing.
    let single = server.create_database("single");
    import(&root, &single, &["--root", &root_arg]);
    let once = pg_dump(&single, &[]);
    let documents = 3 * sample_count() + 1;
    assert_eq!(once["documents"].len(), documents);
    import(&root, &single, &["--root", &root_arg]);
    assert_eq!(pg_dump(&single, &[]), once, "a second import changes nothing");
    assert_eq!(pg_count(&single, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL"), 2);
    let stored =
        pg_count(&single, &format!("SELECT count(*) FROM indicators WHERE level3 = '{}'", hostile.replace('\'', "''")));
    assert_eq!(stored, 1, "the hostile 三级指标 is stored as written");
    // Typed columns: numeric values, dates.
    assert!(pg_count(&single, "SELECT count(*) FROM indicators WHERE deadline IS NOT NULL") > 0);
    assert!(pg_count(&single, "SELECT count(*) FROM indicators WHERE value > 0") > 0);

    let mut client = postgres::Client::connect(&single, postgres::NoTls).expect("connect");
    let counts: Vec<usize> = readme_queries()
        .iter()
        .map(|q| client.query(q.as_str(), &[]).unwrap_or_else(|e| panic!("{q}: {e:?}")).len())
        .collect();
    check_readme_counts(&counts);

    // Four importers at once, over overlapping shards, into one database.
    let shared = server.create_database("shared");
    let shards: [&[&str]; 4] = [&["--shard", "0/2"], &["--shard", "1/2"], &["--shard", "1/3"], &[]];
    std::thread::scope(|s| {
        for shard in shards {
            let (root, shared, root_arg) = (&root, &shared, &root_arg);
            s.spawn(move || {
                let mut extra = vec!["--root", root_arg.as_str(), "-j", "1"];
                extra.extend_from_slice(shard);
                import(root, shared, &extra)
            });
        }
    });
    // The same rows under the same keys; only ids, times and reports (which
    // hold timings) differ.
    let skip: Vec<&str> = IDS.iter().copied().chain(["converted_at", "report", "failed_at"]).collect();
    assert_eq!(pg_dump(&shared, &skip), pg_dump(&single, &skip));
    assert_eq!(pg_count(&shared, "SELECT count(*) FROM runs WHERE finished_at IS NOT NULL"), 4);
    let written = pg_count(&shared, "SELECT sum(imported) FROM runs")
        + pg_count(&shared, "SELECT count(*) FROM documents WHERE status = 'failed'");
    assert_eq!(written, documents as i64, "each document written by exactly one importer");
}

/// SIGKILL part-way through an import: every document in the database is
/// whole (its indicators are exactly what its projects count), and the next
/// import finishes to the same tables as an uninterrupted one.
#[test]
fn a_killed_import_leaves_whole_documents_and_the_next_one_finishes() {
    let (inputs, _) = pg_inputs();
    let work = tempfile::tempdir().expect("tempdir");
    let db = work.path().join("jixiao.sqlite");
    let url = db.to_str().expect("utf-8").to_string();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["import", inputs.path().to_str().expect("utf-8"), "--db", &url, "-q", "-j", "1"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill once some, but not all, documents are in.
    let started = std::time::Instant::now();
    let documents = || {
        rusqlite::Connection::open(&db)
            .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0)))
            .unwrap_or(0)
    };
    while documents() < 3 && started.elapsed() < LIMIT && child.try_wait().expect("wait").is_none() {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let written = documents();
    let total = 3 * sample_count() as i64 + 1;
    assert!(written > 0 && written < total, "killed part-way: {written} of {total}");
    let whole = "SELECT count(*) FROM documents d WHERE status <> 'failed' AND \
                 (SELECT count(*) FROM indicators i WHERE i.document_id = d.id) <> \
                 (SELECT COALESCE(sum(indicator_count), 0) FROM projects p WHERE p.document_id = d.id)";
    assert_eq!(sqlite_count(&db, whole), 0, "no half-imported document");
    import(inputs.path(), &url, &["--incremental"]);
    let fresh = work.path().join("fresh.sqlite");
    import(inputs.path(), fresh.to_str().expect("utf-8"), &[]);
    let skip: Vec<&str> = IDS.iter().copied().chain(["converted_at", "report", "failed_at"]).collect();
    assert_eq!(sqlite_dump(&db, &skip), sqlite_dump(&fresh, &skip));
}

#[test]
fn another_programs_documents_table_is_refused_in_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch(
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO documents VALUES (1, 'x');",
    )
    .expect("create");
    drop(conn);
    let out = dir.path().join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("import")
        .arg(samples().join("004_ff68eaab89af36f2.txt"))
        .arg("--db")
        .arg(&db)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run jixiao");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("another program's tables (documents)"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line, no migration SQL: {stderr}");
    let conn = rusqlite::Connection::open(&db).expect("open");
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0)).expect("count");
    assert_eq!(tables, 1, "nothing was added to it");
}

/// A self-evaluation's results and its kind reach the database (migration
/// 0003), as the CSVs write them.
#[test]
fn a_self_evaluations_results_and_kind_are_columns() {
    let work = tempfile::tempdir().expect("tempdir");
    let input = work.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let table = "项目名称\t培训专项\n\
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n\
产出指标\t数量指标\t培训人数\t≥300人\t366人\t6\t6\t\n\
效益指标\t社会效益指标\t满意度\t≥95%\t90%\t10\t9.3\t设备老化，后续升级\n";
    std::fs::write(input.join("自评.txt"), format!("2024年度项目支出绩效自评表\n{table}")).expect("write");
    let targets = "项目名称\t培训专项\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训 人数\t≥300人\n";
    std::fs::write(input.join("目标.txt"), format!("2024年项目支出绩效目标表\n{targets}")).expect("write");
    let db = work.path().join("jixiao.sqlite");
    import(&input, db.to_str().expect("utf-8"), &[]);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let kind: String =
        conn.query_row("SELECT kind FROM projects WHERE source_file = '自评.txt'", [], |r| r.get(0)).expect("kind");
    assert_eq!(kind, "self_evaluation");
    // The view puts each result beside the target it answers, from another file.
    let mut view = conn
        .prepare("SELECT level3, link, coalesce(target_source_file, '') FROM evaluations ORDER BY source_ref")
        .expect("view");
    let linked: Vec<String> = view
        .query_map([], |r| (0..3).map(|i| r.get::<_, String>(i)).collect::<Result<Vec<_>, _>>())
        .expect("query")
        .map(|r| r.expect("row").join("|"))
        .collect();
    assert_eq!(linked, vec!["培训人数|project_name+level3|目标.txt", "满意度|unmatched|"]);
    let mut stmt = conn
        .prepare(
            "SELECT actual, weight, score, deviation FROM indicators WHERE source_file = '自评.txt' ORDER BY ordinal",
        )
        .expect("prepare");
    let rows: Vec<String> = stmt
        .query_map([], |r| (0..4).map(|i| r.get::<_, String>(i)).collect::<Result<Vec<_>, _>>())
        .expect("query")
        .map(|r| r.expect("row").join("|"))
        .collect();
    assert_eq!(rows, vec!["366人|6|6|", "90%|10|9.3|设备老化，后续升级"]);
    // Whether each target was met (migration 0005): the row's own target.
    let outcomes: Vec<String> = conn
        .prepare("SELECT level3 || '|' || outcome || '|' || coalesce(gap, '') FROM evaluations ORDER BY source_ref")
        .expect("view")
        .query_map([], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(outcomes, vec!["培训人数|met|66.0", "满意度|not_met|-5.0"]);
}

/// A result that prints no target of its own is met or not against the
/// target it is linked to, in another file, by the actual's figure.
#[test]
fn the_evaluations_view_compares_a_result_with_its_linked_target() {
    let work = tempfile::tempdir().expect("tempdir");
    let input = work.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    let results = "2024年度项目支出绩效自评表\n项目名称\t培训专项\n一级指标\t二级指标\t三级指标\t实际完成值\t分值\t得分\n\
产出指标\t数量指标\t培训人数\t280人\t6\t5\n产出指标\t质量指标\t合格率\t97%\t6\t6\n产出指标\t质量指标\t完好率\t98台\t6\t6\n";
    std::fs::write(input.join("自评.txt"), results).expect("write");
    let targets = "2024年项目支出绩效目标表\n项目名称\t培训专项\n一级指标\t二级指标\t三级指标\t指标值\n\
产出指标\t数量指标\t培训 人数\t≥300人\n产出指标\t质量指标\t合格率\t≥95%\n产出指标\t质量指标\t完好率\t≥95%\n";
    std::fs::write(input.join("目标.txt"), targets).expect("write");
    let db = work.path().join("jixiao.sqlite");
    import(&input, db.to_str().expect("utf-8"), &[]);
    let conn = rusqlite::Connection::open(&db).expect("open");
    let outcomes: Vec<String> = conn
        .prepare("SELECT level3 || '|' || link || '|' || outcome FROM evaluations ORDER BY source_ref")
        .expect("view")
        .query_map([], |r| r.get(0))
        .expect("query")
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            "培训人数|project_name+level3|not_met",
            "合格率|project_name+level3|met",
            "完好率|project_name+level3|not_comparable"
        ],
        "98台 against ≥95% is another unit"
    );
}
