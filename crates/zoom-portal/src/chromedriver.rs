//! Starting `chromedriver` and, above all, stopping it with every browser it launched.
//!
//! chromedriver runs in its own process group (`process_group(0)`), on a free loopback port,
//! logging to a file in its own temporary directory. Killing chromedriver alone orphans Chromium
//! (about nine processes), so [`Chromedriver`]'s `Drop` signals the whole group: `SIGTERM`, a
//! short grace period, then `SIGKILL`. Dropping the guard is the one way it stops: on success,
//! on error, and when the future holding it is dropped (Ctrl-C).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::PortalError;

/// How long chromedriver may take to answer `/status` with `ready: true`.
const READY_WITHIN: Duration = Duration::from_secs(15);
/// How long the group gets between `SIGTERM` and `SIGKILL`.
const GRACE: Duration = Duration::from_millis(500);

/// A running chromedriver; dropping it stops chromedriver and every process it started.
#[derive(Debug)]
pub struct Chromedriver {
    child: Child,
    url: url::Url,
    _dir: tempfile::TempDir,
}

impl Chromedriver {
    /// Starts `binary` (default: `chromedriver` from `PATH`) and waits until it is ready.
    ///
    /// # Errors
    /// [`PortalError::ChromedriverNotFound`] when the binary does not exist;
    /// [`PortalError::ChromedriverStart`] when it cannot be started, exits, or is not ready in
    /// time (its log's last lines are in the message).
    pub async fn start(binary: Option<&Path>) -> Result<Chromedriver, PortalError> {
        let path = resolve(binary)?;
        let start_error = |message: String| PortalError::ChromedriverStart {
            path: path.clone(),
            message,
        };
        let dir = tempfile::Builder::new()
            .prefix("zoom-portal-chromedriver-")
            .tempdir()
            .map_err(|e| start_error(format!("cannot create a temporary directory: {e}")))?;
        let log = dir.path().join("chromedriver.log");
        let port = free_port().map_err(|e| start_error(format!("no free port: {e}")))?;
        let mut command = Command::new(&path);
        command
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            // Chromium's own temporary files go with chromedriver's directory.
            .env("TMPDIR", dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command.spawn().map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                PortalError::ChromedriverNotFound {
                    looked_for: path.display().to_string(),
                }
            } else {
                start_error(format!("cannot run it: {e}"))
            }
        })?;
        let url = url::Url::parse(&format!("http://127.0.0.1:{port}/"))
            .map_err(|e| start_error(e.to_string()))?;
        let mut driver = Chromedriver {
            child,
            url,
            _dir: dir,
        };
        driver
            .wait_ready()
            .await
            .map_err(|message| start_error(format!("{message}{}", log_tail(&log))))?;
        tracing::debug!(url = %driver.url, pid = driver.child.id(), "chromedriver ready");
        Ok(driver)
    }

    /// The WebDriver URL (`http://127.0.0.1:PORT/`).
    #[must_use]
    pub fn url(&self) -> &url::Url {
        &self.url
    }

    /// The process group of chromedriver and the browsers it starts.
    #[must_use]
    pub fn process_group(&self) -> u32 {
        self.child.id()
    }

    async fn wait_ready(&mut self) -> Result<(), String> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_millis(500))
            .build()
            .map_err(|e| format!("cannot build an HTTP client: {e}"))?;
        let status = self
            .url
            .join("status")
            .map_err(|e| format!("bad status URL: {e}"))?;
        let started = Instant::now();
        loop {
            if let Ok(Some(exit)) = self.child.try_wait() {
                return Err(format!("it exited at once ({exit})"));
            }
            if let Ok(response) = client.get(status.clone()).send().await
                && let Ok(body) = response.json::<serde_json::Value>().await
                && body["value"]["ready"] == serde_json::Value::Bool(true)
            {
                return Ok(());
            }
            if started.elapsed() > READY_WITHIN {
                return Err(format!("not ready after {} s", READY_WITHIN.as_secs()));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let Ok(group) = i32::try_from(self.child.id()) else {
            let _ = self.child.kill();
            let _ = self.child.wait();
            return;
        };
        signal_group(group, Signal::Term);
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) && !group_alive(group) {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Chromium's helpers may outlive chromedriver's SIGTERM: the whole group goes.
        signal_group(group, Signal::Kill);
        let _ = self.child.wait();
        tracing::debug!(group, "chromedriver and its browsers stopped");
    }
}

#[derive(Debug, Clone, Copy)]
enum Signal {
    Term,
    Kill,
}

/// Sends `signal` to every process of process group `group`.
fn signal_group(group: i32, signal: Signal) {
    let signal = match signal {
        Signal::Term => libc::SIGTERM,
        Signal::Kill => libc::SIGKILL,
    };
    kill_group(group, signal);
}

/// Whether any process of `group` can still be signalled (zombies included).
fn group_alive(group: i32) -> bool {
    // Signal 0 delivers nothing: it only checks that the group exists.
    kill_group(group, 0) == 0
}

#[allow(unsafe_code, reason = "kill(2) on our own child's process group")]
fn kill_group(group: i32, signal: i32) -> i32 {
    // SAFETY: kill(2) takes plain integers and touches no memory of ours; a negative pid names
    // the process group that chromedriver leads (created with process_group(0)).
    unsafe { libc::kill(-group, signal) }
}

/// The binary to run: `binary` when given, else `chromedriver` from `PATH`.
fn resolve(binary: Option<&Path>) -> Result<PathBuf, PortalError> {
    match binary {
        Some(path) if path.is_file() => Ok(path.to_owned()),
        Some(path) => Err(PortalError::ChromedriverNotFound {
            looked_for: path.display().to_string(),
        }),
        None => std::env::var_os("PATH")
            .iter()
            .flat_map(std::env::split_paths)
            .map(|dir| dir.join("chromedriver"))
            .find(|candidate| candidate.is_file())
            .ok_or_else(|| PortalError::ChromedriverNotFound {
                looked_for: "chromedriver on PATH".to_owned(),
            }),
    }
}

fn free_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

/// The last lines of chromedriver's log, for an error message.
fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().rev().take(5).collect();
    if lines.is_empty() {
        String::new()
    } else {
        let lines: Vec<&str> = lines.into_iter().rev().collect();
        format!(" (log: {})", lines.join(" | "))
    }
}
