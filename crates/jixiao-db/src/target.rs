//! `--db` is parsed, not guessed: which database a connection string names,
//! and the same string with every password masked for messages.
//!
//! Accepted: a SQLite file's path, `sqlite:PATH` or `sqlite://PATH`;
//! a `postgres://` or `postgresql://` URI; libpq's key=value form
//! (`host=db user=jx dbname=jixiao`). Any other `scheme://` is refused, and
//! so is a `sqlite://` URL with a user or password (SQLite has neither): a
//! secret never becomes a file's name. [`redacted`] masks a password
//! wherever one can be written: the URI's `user:password@`, a `password=`
//! query parameter, a key=value `password=` (quoted or not).

use crate::DbError;

/// The database a `--db` string names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A SQLite file's path.
    Sqlite(&'a str),
    /// A PostgreSQL connection string (a URI or libpq key=value pairs), as
    /// given.
    Postgres(&'a str),
}

/// libpq's connection keywords: a string that starts with one of them and
/// `=` is a key=value connection string, never a file name.
const LIBPQ_KEYS: &[&str] = &[
    "host",
    "hostaddr",
    "port",
    "dbname",
    "user",
    "password",
    "passfile",
    "connect_timeout",
    "client_encoding",
    "options",
    "application_name",
    "sslmode",
    "sslcert",
    "sslkey",
    "sslpassword",
    "sslrootcert",
    "target_session_attrs",
    "service",
];

/// Which database `url` names, or why it names none jixiao writes.
pub fn parse(url: &str) -> Result<Target<'_>, DbError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") || is_key_value(url) {
        return Ok(Target::Postgres(url));
    }
    match scheme(url) {
        Some("sqlite") => {
            let rest = &url["sqlite://".len()..];
            // A URL's user part ends at the first `/`: `sqlite:///abs`
            // has none, `sqlite://a:pw@/x.db` has one.
            if rest.split('/').next().is_some_and(|user_and_host| user_and_host.contains('@')) {
                return Err(DbError::SqliteCredentials { url: redacted(url) });
            }
            Ok(Target::Sqlite(rest))
        }
        Some(other) => Err(DbError::UnsupportedScheme { url: redacted(url), scheme: other.to_string() }),
        None => Ok(Target::Sqlite(url.strip_prefix("sqlite:").unwrap_or(url))),
    }
}

/// A database URL's scheme (`mysql` of `mysql://…`), if it has one.
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once("://")?;
    (!scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))).then_some(scheme)
}

/// The part of a URL after `scheme://` that names user and host: up to the
/// path, the query or the fragment, whichever comes first after the last
/// `@` before them (a password may hold `/` or `?` only when it also holds
/// the `@` after it, so the last `@` before the query ends the user part).
fn authority(rest: &str) -> &str {
    let head = rest.split(['?', '#']).next().unwrap_or(rest);
    let after_user = head.rfind('@').map_or(0, |at| at + 1);
    let end = head[after_user..].find('/').map_or(head.len(), |slash| after_user + slash);
    &rest[..end]
}

/// True when `url` is libpq's key=value form: its first word is a libpq
/// keyword followed by `=`.
fn is_key_value(url: &str) -> bool {
    let Some((key, _)) = url.trim_start().split_once('=') else { return false };
    LIBPQ_KEYS.contains(&key.trim_end())
}

/// True for a key whose value is a secret, also when it is written with
/// percent escapes (`pass%77ord`), which a URL parser decodes.
fn is_secret_key(key: &str) -> bool {
    let mut decoded = Vec::with_capacity(key.len());
    let mut bytes = key.bytes();
    while let Some(b) = bytes.next() {
        let hex = |b: Option<u8>| b.and_then(|b| (b as char).to_digit(16));
        if b == b'%' {
            let (hi, lo) = (hex(bytes.next()), hex(bytes.next()));
            if let (Some(hi), Some(lo)) = (hi, lo) {
                decoded.push((hi * 16 + lo) as u8);
            }
        } else {
            decoded.push(b);
        }
    }
    String::from_utf8_lossy(&decoded).to_ascii_lowercase().contains("password")
}

/// `url` with every password masked (`***`), for messages and reports.
pub fn redacted(url: &str) -> String {
    if is_key_value(url) {
        return redacted_key_value(url);
    }
    let Some(scheme) = scheme(url) else { return url.to_string() };
    let rest = &url[scheme.len() + 3..];
    let auth = authority(rest);
    let mut out = format!("{scheme}://");
    match auth.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split_once(':').map_or(user, |(name, _)| name);
            let masked = if auth.rsplit_once('@').is_some_and(|(u, _)| u.contains(':')) { ":***" } else { "" };
            out.push_str(&format!("{user}{masked}@{host}"));
        }
        None => out.push_str(auth),
    }
    let tail = &rest[auth.len()..];
    let (before_query, query) = tail.split_once('?').unwrap_or((tail, ""));
    out.push_str(before_query);
    if tail.contains('?') {
        out.push('?');
        let (query, fragment) = query.split_once('#').map_or((query, None), |(q, f)| (q, Some(f)));
        let params: Vec<String> = query
            .split('&')
            .map(|param| match param.split_once('=') {
                Some((key, _)) if is_secret_key(key) => format!("{key}=***"),
                _ => param.to_string(),
            })
            .collect();
        out.push_str(&params.join("&"));
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(fragment);
        }
    }
    out
}

/// A key=value connection string with each secret's value masked, read
/// as libpq reads it: `key = value`, a value either one word or quoted in
/// `'…'` with `\'` and `\\` escapes.
fn redacted_key_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let word_start = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..word_start]);
        rest = &rest[word_start..];
        let Some(eq) = rest.find('=') else {
            out.push_str(rest);
            break;
        };
        // The key is the last word before `=`: a stray word before it
        // (`junk password=…`) must not hide the keyword.
        let key = rest[..eq].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
        out.push_str(&rest[..=eq]);
        rest = &rest[eq + 1..];
        let spaces = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..spaces]);
        rest = &rest[spaces..];
        let value_len = value_length(rest);
        out.push_str(if is_secret_key(key) { "***" } else { &rest[..value_len] });
        rest = &rest[value_len..];
    }
    out
}

/// The length in bytes of the value `text` starts with: a quoted value to
/// its closing quote (all of it when unclosed), else up to white space.
fn value_length(text: &str) -> usize {
    if let Some(quoted) = text.strip_prefix('\'') {
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '\'' => return i + 2,
                _ => {}
            }
        }
        return text.len();
    }
    text.find(char::is_whitespace).unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "S3cr3t";

    #[test]
    fn every_password_form_is_masked() {
        let cases = [
            ("postgres://jx:S3cr3t@db:5432/jixiao", "postgres://jx:***@db:5432/jixiao"),
            ("postgres://jx:S3/cr@3t@db/jixiao", "postgres://jx:***@db/jixiao"),
            ("postgresql://jx@db/jixiao", "postgresql://jx@db/jixiao"),
            ("postgres://h:1/x?user=a&password=S3cr3t", "postgres://h:1/x?user=a&password=***"),
            ("postgres://h/x?password=S3cr3t&sslmode=disable#f", "postgres://h/x?password=***&sslmode=disable#f"),
            ("postgres://h/x?sslpassword=S3cr3t", "postgres://h/x?sslpassword=***"),
            ("mysql://a:S3cr3t@h/x", "mysql://a:***@h/x"),
            ("sqlite://a:S3cr3t@/x.db", "sqlite://a:***@/x.db"),
            ("host=h user=a password=S3cr3t dbname=x", "host=h user=a password=*** dbname=x"),
            ("host=h password = 'S3 cr\\'3t' dbname=x", "host=h password = *** dbname=x"),
            ("password=S3cr3t", "password=***"),
            ("host=h junk password=S3cr3t", "host=h junk password=***"),
            ("postgres://h/x?pass%77ord=S3cr3t", "postgres://h/x?pass%77ord=***"),
            ("out/jixiao.sqlite", "out/jixiao.sqlite"),
        ];
        for (url, masked) in cases {
            assert_eq!(redacted(url), masked, "{url}");
            assert!(!redacted(url).contains(SECRET) && !redacted(url).contains("cr3t"), "{url}");
        }
    }

    #[test]
    fn db_strings_are_parsed_not_guessed() {
        assert_eq!(parse("out/jixiao.sqlite").ok(), Some(Target::Sqlite("out/jixiao.sqlite")));
        assert_eq!(parse("sqlite:out/j.sqlite").ok(), Some(Target::Sqlite("out/j.sqlite")));
        assert_eq!(parse("sqlite:///abs/j.sqlite").ok(), Some(Target::Sqlite("/abs/j.sqlite")));
        assert_eq!(parse("sqlite://backup/me@host.sqlite").ok(), Some(Target::Sqlite("backup/me@host.sqlite")));
        assert_eq!(parse("postgres.sqlite").ok(), Some(Target::Sqlite("postgres.sqlite")));
        let kv = "host=h user=a password=S3cr3t";
        assert_eq!(parse(kv).ok(), Some(Target::Postgres(kv)));
        assert_eq!(parse(" dbname = x").ok(), Some(Target::Postgres(" dbname = x")));
        assert_eq!(parse("postgresql://h/d").ok(), Some(Target::Postgres("postgresql://h/d")));
        for refused in ["mysql://a:S3cr3t@h/x", "sqlite://a:S3cr3t@/x.db", "sqlite://a@/x.db"] {
            let err = parse(refused).expect_err(refused).to_string();
            assert!(!err.contains(SECRET), "{err}");
        }
    }
}
