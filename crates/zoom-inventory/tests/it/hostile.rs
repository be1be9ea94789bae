//! Hostile input, one table: malformed and mistyped settings, bad URLs and paths, and a server
//! that answers the token request properly, then serves HTML, JSON of the wrong shape, huge or
//! deeply nested bodies, invalid UTF-8, stalls mid-body, or refuses every item it listed. Each
//! case: no panic, the exit code of the product contract, a message naming what failed, and no
//! run written. The cases' exit codes and error lines are pinned by a snapshot of each table.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;

use crate::support::{stderr, zi};

/// What the hostile server sends for one request.
#[derive(Clone)]
enum Reply {
    /// A complete response.
    Full {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Headers announcing 4096 bytes, a few of them, then nothing until the client gives up.
    StallMidBody,
}

fn json(body: &str) -> Reply {
    Reply::Full {
        status: 200,
        content_type: "application/json",
        body: body.as_bytes().to_vec(),
    }
}

fn good_token() -> Reply {
    json(&format!(
        r#"{{"access_token":"hostile-token","token_type":"bearer","expires_in":3600,"scope":"{}"}}"#,
        zoom_sim::SimConfig::default_scopes().join(" ")
    ))
}

/// What the server answers, by path; roles and groups are empty lists unless given here,
/// everything else 404.
type Routes = Vec<(&'static str, Reply)>;

/// A server on 127.0.0.1 answering by its [`Routes`]. Stops when dropped.
struct Hostile {
    url: String,
    _runtime: tokio::runtime::Runtime,
}

impl Hostile {
    fn start(routes: Routes) -> Hostile {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let routes = Arc::new(routes);
        runtime.spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&routes)));
            }
        });
        Hostile {
            url,
            _runtime: runtime,
        }
    }
}

async fn serve(mut stream: tokio::net::TcpStream, routes: Arc<Routes>) {
    let mut head = Vec::new();
    let mut byte = [0_u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0_u8; length];
    if stream.read_exact(&mut body).await.is_err() {
        return;
    }
    let target = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let path = target.split('?').next().unwrap_or("/");
    let routed = routes
        .iter()
        .find(|(route, _)| *route == path)
        .map(|(_, reply)| reply.clone());
    let reply = match (routed, path) {
        (Some(reply), _) => reply,
        (None, "/v2/roles") => json(r#"{"total_records":0,"roles":[]}"#),
        (None, "/v2/groups") => json(r#"{"total_records":0,"groups":[]}"#),
        (None, _) => Reply::Full {
            status: 404,
            content_type: "application/json",
            body: br#"{"code":1001,"message":"Not found."}"#.to_vec(),
        },
    };
    match reply {
        Reply::Full {
            status,
            content_type,
            body,
        } => {
            let head = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.write_all(&body).await;
            let _ = stream.shutdown().await;
        }
        Reply::StallMidBody => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4096\r\nconnection: close\r\n\r\n{\"users\":[";
            let _ = stream.write_all(head.as_bytes()).await;
            let _ = stream.flush().await;
            tokio::time::sleep(Duration::from_secs(600)).await;
        }
    }
}

/// Stands for the path of the case's config file in its arguments.
const CONFIG_FILE: &str = "{config file}";

/// One hostile input and what must come of it.
struct Case {
    name: &'static str,
    /// Bytes of a config file passed with `--config`, if any.
    config: Option<Vec<u8>>,
    /// Extra arguments after `fetch --db DB`.
    args: Vec<String>,
    /// Environment besides the credentials (a `None` value removes the variable).
    env: Vec<(&'static str, Option<String>)>,
    /// What the server answers, when the case is about the server.
    server: Option<Routes>,
    /// Whether devices are fetched (most cases leave them out, so that the users' listing is
    /// all there is to read).
    devices: bool,
    code: i32,
    /// A substring of stderr naming what failed.
    message: &'static str,
}

fn case(name: &'static str, code: i32, message: &'static str) -> Case {
    Case {
        name,
        config: None,
        args: Vec::new(),
        env: Vec::new(),
        server: None,
        devices: false,
        code,
        message,
    }
}

impl Case {
    fn config(mut self, text: impl AsRef<[u8]>) -> Case {
        self.config = Some(text.as_ref().to_vec());
        self
    }

    fn args(mut self, args: &[&str]) -> Case {
        self.args.extend(args.iter().map(|arg| (*arg).to_owned()));
        self
    }

    fn env(mut self, key: &'static str, value: Option<&str>) -> Case {
        self.env.push((key, value.map(str::to_owned)));
        self
    }

    fn users(mut self, reply: Reply) -> Case {
        self.server = Some(vec![("/oauth/token", good_token()), ("/v2/users", reply)]);
        self
    }

    fn token(mut self, reply: Reply) -> Case {
        self.server = Some(vec![("/oauth/token", reply), ("/v2/users", no_users())]);
        self
    }

    /// One more path the server answers (after `users` or `token`).
    fn route(mut self, path: &'static str, reply: Reply) -> Case {
        self.server
            .as_mut()
            .expect("a server to add the route to")
            .push((path, reply));
        self
    }

    fn devices(mut self) -> Case {
        self.devices = true;
        self
    }
}

fn no_users() -> Reply {
    json(r#"{"total_records":0,"users":[]}"#)
}

/// Runs one case against a fresh database, asserts everything the module promises, and returns
/// its error line with the temporary directory and the server's port left out.
fn check(case: &Case, dir: &Path) -> String {
    let server = case.server.clone().map(Hostile::start);
    // Without a server of its own, a case points at a closed port: it must fail before any
    // request anyway.
    let url = server.as_ref().map_or_else(
        || "http://127.0.0.1:9".to_owned(),
        |server| server.url.clone(),
    );
    let db = dir.join(format!("{}.db", case.name));
    let mut args: Vec<String> = vec!["fetch".into(), "--db".into(), db.display().to_string()];
    let config_file = dir.join(format!("{}.toml", case.name));
    if let Some(config) = &case.config {
        std::fs::write(&config_file, config).expect("write config");
        args.extend(["--config".into(), config_file.display().to_string()]);
    }
    for flag in ["--api-url", "--oauth-url"] {
        if !case.args.iter().any(|arg| arg == flag) {
            args.extend([flag.to_owned(), url.clone()]);
        }
    }
    if !case.devices {
        args.push("--no-fetch-devices".into());
    }
    if server.is_some() {
        // A stalled request gives up after a second, not Zoom's usual 30.
        args.extend(["--timeout".into(), "1".into()]);
    }
    args.extend(case.args.iter().map(|arg| {
        if arg == CONFIG_FILE {
            config_file.display().to_string()
        } else {
            arg.clone()
        }
    }));
    let mut env: Vec<(&str, String)> = vec![
        ("ZOOM_ACCOUNT_ID", "hostile-account".into()),
        ("ZOOM_CLIENT_ID", "hostile-client".into()),
        ("ZOOM_CLIENT_SECRET", "hostile-secret".into()),
        ("ZOOM_PACE_REQUESTS", "false".into()),
    ];
    for (key, value) in &case.env {
        env.retain(|(existing, _)| existing != key);
        if let Some(value) = value {
            env.push((key, value.clone()));
        }
    }
    let output: Output = zi(&args, &env);
    let text = stderr(&output);
    let name = case.name;
    assert!(!text.contains("panicked"), "{name}: {text}");
    assert_eq!(
        output.status.code(),
        Some(case.code),
        "{name}: exit code; stderr:\n{text}"
    );
    assert!(
        text.contains(case.message),
        "{name}: expected {:?} in stderr:\n{text}",
        case.message
    );
    let error_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(error_lines.len(), 1, "{name}: one error line:\n{text}");
    let error_line = error_lines[0]
        .replace(&dir.display().to_string(), "[dir]")
        .replace(&url, "[server]");
    assert!(!text.contains("{ "), "{name}: no Debug dump:\n{text}");
    assert!(
        !text.contains("81726354"),
        "{name}: a secret is never echoed:\n{text}"
    );
    // Nothing half-written: no database, or one without any run.
    if db.is_file() {
        let store = inventory_store::Store::open(&db).expect("the database opens");
        assert_eq!(store.runs().expect("runs"), Vec::new(), "{name}: no run");
    }
    error_line
}

fn settings_cases() -> Vec<Case> {
    vec![
        case("malformed_toml", 2, "line 2").config("account_id = \"x\"\nclient_id = [\n"),
        case("unclosed_string", 2, "line 1").config("account_id = \"x\n"),
        case("typo_in_fetch", 2, "did you mean `days_of_meetings`?")
            .config("[fetch]\ndays_of_meeting = 3\n"),
        case("typo_at_top", 2, "did you mean `account_id`?").config("acount_id = \"x\"\n"),
        case("typo_in_table_name", 2, "did you mean `fetch`?").config("[fetchh]\n"),
        case("unknown_key", 2, "unknown field `colour`").config("colour = \"red\"\n"),
        case("wrong_type_string_for_number", 2, "(`days_of_meetings`)")
            .config("[fetch]\ndays_of_meetings = \"seven\"\n"),
        case("wrong_type_string_for_bool", 2, "(`verify_ssl`)").config("verify_ssl = \"yes\"\n"),
        case("negative_in_config", 2, "(`concurrency`)").config("[fetch]\nconcurrency = -4\n"),
        case("fetch_not_a_table", 2, "fetch").config("fetch = 3\n"),
        case(
            "secret_of_the_wrong_type",
            2,
            "(`client_secret`): cannot be read as a string (the value is not shown: it is a secret)",
        )
        .config("client_secret = 81726354\n"),
        case("non_utf8_config", 2, "valid UTF-8").config(b"account_id = \"\xff\xfe\"\n"),
        case("config_missing", 2, "cannot read config file")
            .args(&["--config", "/nonexistent/zoom.toml"]),
        case("unknown_asset_type_in_config", 2, "did you mean `zdm`?")
            .config("[fetch]\nasset_types = [\"zdn\"]\n"),
        case(
            "unknown_asset_type_flag",
            2,
            "unknown asset type \"printers\"",
        )
        .args(&["--asset-types", "printers"]),
        case("negative_flag", 2, "--days-of-meetings").args(&["--days-of-meetings", "-3"]),
        case("zero_days", 2, "fetch.days_of_meetings").args(&["--days-of-meetings", "0"]),
        case("too_many_days", 2, "fetch.days_of_meetings").args(&["--days-of-meetings", "181"]),
        case("zero_concurrency", 2, "fetch.concurrency").config("[fetch]\nconcurrency = 0\n"),
        case("huge_concurrency", 2, "fetch.concurrency").args(&["--concurrency", "100000"]),
        case("number_overflow", 2, "--days-of-meetings")
            .args(&["--days-of-meetings", "99999999999999999999"]),
        case("bool_not_bool", 2, "--fetch-inactive-users")
            .args(&["--fetch-inactive-users", "maybe"]),
        case(
            "env_wrong_type",
            2,
            "invalid value 'a week' for '--days-of-meetings",
        )
        .env("ZOOM_FETCH_DAYS_OF_MEETINGS", Some("a week")),
        case("zero_timeout", 2, "invalid timeout: 0 seconds").config("timeout = 0\n"),
        case("unknown_plan", 2, "not a plan").args(&["--plan", "enterprise-plus"]),
        case("missing_account_id", 2, "account_id is not set").env("ZOOM_ACCOUNT_ID", None),
        case("missing_client_id", 2, "client_id is not set").env("ZOOM_CLIENT_ID", None),
        case("missing_secret", 2, "ZOOM_CLIENT_SECRET").env("ZOOM_CLIENT_SECRET", None),
        case("blank_secret", 2, "client_secret: it is empty")
            .env("ZOOM_CLIENT_SECRET", Some("   ")),
        case("unreadable_secret_file", 2, "client_secret_file")
            .env("ZOOM_CLIENT_SECRET", None)
            .env("ZOOM_CLIENT_SECRET_FILE", Some("/nonexistent/secret")),
        case("url_without_scheme", 2, "api_url").args(&["--api-url", "zoom.us without scheme"]),
        case("url_not_http", 2, "api_url").args(&["--api-url", "ftp://zoom.us"]),
        case("oauth_url_garbage", 2, "oauth_url").args(&["--oauth-url", "http://"]),
        case("proxy_garbage", 2, "https_proxy").args(&["--https-proxy", "::not a proxy::"]),
        case("missing_ca_cert", 2, "ca_cert").args(&["--ca-cert", "/nonexistent/ca.pem"]),
        case("ca_cert_not_pem", 2, "holds no pem certificate")
            .config("# not a certificate\n")
            .args(&["--ca-cert", CONFIG_FILE]),
        case("unknown_flag", 2, "--client-secret").args(&["--client-secret", "s3cret"]),
    ]
}

fn server_cases() -> Vec<Case> {
    let html = Reply::Full {
        status: 200,
        content_type: "text/html",
        body: b"<!doctype html><html><body><h1>Sign in</h1></body></html>".to_vec(),
    };
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let mut huge = br#"{"total_records":1,"users":""#.to_vec();
    huge.extend(std::iter::repeat_n(b'A', 48 << 20));
    huge.extend(br#""}"#);
    vec![
        case(
            "users_html",
            1,
            "GET /users: could not decode zoom's response at `.`: expected JSON but got HTML",
        )
        .users(html.clone()),
        case("users_wrong_shape", 1, "users").users(json(r#"{"users":"nobody"}"#)),
        case("users_array", 1, "GET /users").users(json("[1,2,3]")),
        case("users_wrong_field_types", 1, "GET /users")
            .users(json(r#"{"users":[{"id":5,"email":["a"]}]}"#)),
        case("users_null", 1, "GET /users").users(json("null")),
        case("users_empty_body", 1, "GET /users").users(json("")),
        case("users_truncated_json", 1, "GET /users").users(json(
            r#"{"total_records":2,"users":[{"id":"a","email":"a@x"#,
        )),
        case(
            "users_deeply_nested",
            1,
            "[0][0]…`: recursion limit exceeded",
        )
        .users(json(&deep)),
        case("users_nested_in_a_field", 1, "recursion limit exceeded").users(json(&format!(
            r#"{{"users":[{{"id":"a","email":"a@x.com","custom_attributes":{deep}}}]}}"#
        ))),
        case("users_huge_body", 1, "GET /users").users(Reply::Full {
            status: 200,
            content_type: "application/json",
            body: huge,
        }),
        case("users_not_utf8", 1, "GET /users").users(Reply::Full {
            status: 200,
            content_type: "application/json",
            body: b"{\"users\":[{\"id\":\"a\",\"email\":\"\xff\xfe@x.com\"}]}".to_vec(),
        }),
        case("users_error_html_500", 1, "GET /users").users(Reply::Full {
            status: 500,
            content_type: "text/html",
            body: html_body(),
        }),
        case("token_html", 1, "token").token(html),
        case("token_wrong_shape", 1, "token").token(json(r#"{"token":"x"}"#)),
        case("token_not_json", 1, "token").token(json("\u{1}\u{2} garbage")),
        case("users_stall", 1, "timed out after 1s").users(Reply::StallMidBody),
        // Nothing to store but the devices of Zoom Rooms, and every room's devices refused: the
        // only failures are of single items, and nothing was fetched.
        case(
            "every_item_refused",
            1,
            "nothing was fetched (the only source that could store anything failed); first \
             failure: devices/zoom_room_device: 1 item(s) failed, the first r1: \
             GET /rooms/r1/devices: zoom answered http 404 code 1001",
        )
        .users(no_users())
        .route(
            "/v2/rooms",
            json(r#"{"total_records":1,"rooms":[{"id":"r1"}]}"#),
        )
        .devices()
        .config("[fetch]\nasset_types = [\"zoom_room_devices\"]\n[saas]\napi = false\n"),
    ]
}

fn html_body() -> Vec<u8> {
    b"<html><title>500 Internal Server Error</title></html>".to_vec()
}

/// Runs every case; returns the table of case, exit code and error line.
fn run_all(cases: &[Case]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut names: Vec<&str> = cases.iter().map(|case| case.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");
    cases
        .iter()
        .map(|case| {
            let line = check(case, dir.path());
            format!("{} -> {} -> {line}\n", case.name, case.code)
        })
        .collect()
}

#[test]
fn hostile_settings_exit_2_naming_what_to_fix() {
    let cases = settings_cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    insta::assert_snapshot!("hostile_settings", run_all(&cases));
}

#[test]
fn hostile_servers_exit_1_naming_what_failed() {
    insta::assert_snapshot!("hostile_servers", run_all(&server_cases()));
}

#[test]
fn unusable_database_paths_exit_2_before_any_request() {
    let dir = tempfile::tempdir().expect("temp dir");
    let not_sqlite = dir.path().join("notes.txt");
    std::fs::write(&not_sqlite, b"my notes, not a database\n").expect("write");
    let in_missing_dir = dir.path().join("missing").join("inventory.db");
    let cases: [(PathBuf, &str); 4] = [
        (in_missing_dir, "does not exist"),
        (
            PathBuf::from("/proc/zoom-inventory.db"),
            "cannot open or create",
        ),
        (dir.path().to_owned(), "not a SQLite database"),
        (not_sqlite.clone(), "not a SQLite database"),
    ];
    let mut table = String::new();
    for (db, message) in cases {
        // The credentials are wrong and the server is a closed port: a request would fail with
        // exit 1, so exit 2 proves the path was checked first.
        let args = [
            "fetch".to_owned(),
            "--db".to_owned(),
            db.display().to_string(),
            "--api-url".to_owned(),
            "http://127.0.0.1:9".to_owned(),
        ];
        let env = [
            ("ZOOM_ACCOUNT_ID", "a".to_owned()),
            ("ZOOM_CLIENT_ID", "b".to_owned()),
            ("ZOOM_CLIENT_SECRET", "c".to_owned()),
        ];
        let output = zi(&args, &env);
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{}: {text}", db.display());
        assert!(text.contains(message), "{}: {text}", db.display());
        assert!(!text.contains("panicked"), "{text}");
        let shown = db.display().to_string();
        let line = text
            .trim_end()
            .replace(&dir.path().display().to_string(), "[dir]");
        table.push_str(&format!(
            "{} -> 2 -> {line}\n",
            shown.replace(&dir.path().display().to_string(), "[dir]")
        ));
    }
    insta::assert_snapshot!("hostile_database_paths", table);
    assert_eq!(
        std::fs::read(&not_sqlite).expect("read"),
        b"my notes, not a database\n",
        "a file that is not SQLite is left untouched"
    );
}
