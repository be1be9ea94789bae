//! Progress on stderr while a fetch runs: one line per source with its count.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use zoom_collector::Event;

/// Draws fetch events. Hidden when `quiet` or when stderr is not a terminal (cron, pipes).
pub(crate) struct Progress {
    bars: MultiProgress,
    by_source: Mutex<HashMap<String, ProgressBar>>,
}

impl Progress {
    pub(crate) fn new(quiet: bool) -> Progress {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        Progress {
            bars: MultiProgress::with_draw_target(target),
            by_source: Mutex::new(HashMap::new()),
        }
    }

    pub(crate) fn on_event(&self, event: Event) {
        match event {
            Event::Authenticating => {
                self.spinner("token", "getting an access token");
            }
            Event::RunStarted { run_id } => {
                self.finish("token", format!("run {run_id} started"));
            }
            Event::SourceStarted { source } => {
                self.spinner(&source, "0");
            }
            Event::Fetched { source, count } => {
                if let Some(bar) = self.lock().get(&source) {
                    bar.set_position(count);
                    bar.set_message(count.to_string());
                }
            }
            Event::SourceFinished {
                source,
                count,
                error,
            } => {
                let message = match error {
                    None => format!("{count} done"),
                    Some(error) => format!("{count} stored, then failed: {error}"),
                };
                self.finish(&source, message);
            }
            Event::Committing => {
                self.spinner("commit", "committing the run");
            }
            _ => {}
        }
    }

    pub(crate) fn clear(&self) {
        for bar in self.lock().values() {
            if !bar.is_finished() {
                bar.finish_and_clear();
            }
        }
        let _ = self.bars.clear();
    }

    fn spinner(&self, source: &str, message: &str) {
        let style = ProgressStyle::with_template("{spinner} {prefix:>16} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let bar = self.bars.add(ProgressBar::new_spinner());
        bar.set_style(style);
        bar.set_prefix(source.to_owned());
        bar.set_message(message.to_owned());
        bar.enable_steady_tick(Duration::from_millis(120));
        self.lock().insert(source.to_owned(), bar);
    }

    fn finish(&self, source: &str, message: String) {
        if let Some(bar) = self.lock().get(source) {
            bar.finish_with_message(message);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, ProgressBar>> {
        self.by_source
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
