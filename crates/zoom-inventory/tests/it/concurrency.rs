//! Two fetches on one database: the second is refused at once with a clear message (exit 1),
//! never interleaved; readers (`list`, `export`, `runs`) work during a fetch and see the last
//! committed run.
//!
//! The first fetch is held mid-run deterministically: its API requests go through a gate (a TCP
//! relay in the test) that lets them through only when the test says so.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use crate::support::{Sim, assert_code, export, runs, stderr, stdout, zi};

/// A relay to `target` that holds every connection until [`Gate::open`].
struct Gate {
    url: String,
    accepted: Arc<AtomicUsize>,
    open: watch::Sender<bool>,
    _runtime: tokio::runtime::Runtime,
}

impl Gate {
    fn start(target: SocketAddr) -> Gate {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let listener = runtime
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let accepted = Arc::new(AtomicUsize::new(0));
        let (open, is_open) = watch::channel(false);
        let counter = Arc::clone(&accepted);
        runtime.spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let mut is_open = is_open.clone();
                tokio::spawn(async move {
                    if is_open.wait_for(|open| *open).await.is_err() {
                        return;
                    }
                    if let Ok(mut server) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
            }
        });
        Gate {
            url,
            accepted,
            open,
            _runtime: runtime,
        }
    }

    /// Waits until the fetch has sent its first API request (it holds the run by then).
    fn wait_for_a_request(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while self.accepted.load(Ordering::SeqCst) == 0 {
            assert!(Instant::now() < deadline, "the fetch never reached the API");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Assets without the inventory's own timestamps (a later run moves `last_seen`).
fn without_times(records: Vec<Value>) -> Vec<Value> {
    records
        .into_iter()
        .map(|mut record| {
            let object = record.as_object_mut().expect("an object");
            object.remove("first_seen");
            object.remove("last_seen");
            record
        })
        .collect()
}

#[test]
fn a_second_fetch_is_refused_and_readers_see_the_last_commit() {
    let sim = Sim::with_users(15);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("inventory.db");
    let db_arg = db.display().to_string();
    let fetch_args = |api_url: String| -> Vec<String> {
        vec![
            "fetch".to_owned(),
            "--db".to_owned(),
            db_arg.clone(),
            "--api-url".to_owned(),
            api_url,
            "--oauth-url".to_owned(),
            sim.sim.oauth_url(),
        ]
    };
    let first = zi(&fetch_args(sim.sim.api_url()), &sim.env());
    assert_code(&first, 0);
    let committed = export(&db);
    let committed_runs = runs(&db);
    assert_eq!(committed_runs.len(), 1);

    // A fetch held mid-run by the gate.
    let gate = Gate::start(sim.sim.local_addr());
    let mut held = std::process::Command::new(env!("CARGO_BIN_EXE_zoom-inventory"));
    for (key, _) in std::env::vars() {
        if key.starts_with("ZOOM_") || key == "RUST_LOG" {
            held.env_remove(key);
        }
    }
    held.args(fetch_args(gate.url.clone()))
        .env("RUST_BACKTRACE", "0")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .envs(sim.env())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let held = held.spawn().expect("the binary starts");
    gate.wait_for_a_request();

    // A second fetch: refused at once, with the database named, and no run of its own.
    let second = zi(&fetch_args(sim.sim.api_url()), &sim.env());
    assert_code(&second, 1);
    let message = stderr(&second);
    assert!(
        message.contains(&format!(
            "another fetch is writing to {}; wait for it to finish",
            db.display()
        )),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");

    // Readers during the fetch: the last committed run, as it was.
    assert_eq!(export(&db), committed);
    let users = zi(&["list", "users", "--format", "json", "--db", &db_arg], &[]);
    assert_code(&users, 0);
    let listed: Vec<Value> = serde_json::from_str(&stdout(&users)).expect("JSON");
    let committed_users = committed
        .iter()
        .filter(|record| record["kind"] == "user")
        .count();
    assert_eq!(listed.len(), committed_users);
    let during = runs(&db);
    assert_eq!(
        during.len(),
        2,
        "the held run and the committed one: {during:?}"
    );
    assert_eq!(during[0]["status"], "running");
    assert_eq!(during[1], committed_runs[0]);

    // Let the held fetch finish: it completes, alone.
    gate.open.send(true).expect("the gate listens");
    let output = held.wait_with_output().expect("the held fetch ends");
    assert_code(&output, 0);
    let after = runs(&db);
    let statuses: Vec<&Value> = after.iter().map(|run| &run["status"]).collect();
    assert_eq!(statuses, ["complete", "complete"], "{after:?}");
    assert_eq!(without_times(export(&db)), without_times(committed));
    let conn = rusqlite::Connection::open(&db).expect("open");
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity_check");
    assert_eq!(integrity, "ok");
}
