//! The account as the running simulator serves it ([`LiveAccount`]): one version at a time,
//! replaced whole by `Simulator::edit`, so that a request sees the account before an edit or
//! after it, never half of it.

use std::sync::{Arc, RwLock};

use crate::generate::account::Account;

/// The current version of the account, and the edits that replace it.
#[derive(Debug)]
pub(crate) struct LiveAccount(RwLock<Arc<Account>>);

impl LiveAccount {
    pub(crate) fn new(account: Arc<Account>) -> Self {
        LiveAccount(RwLock::new(account))
    }

    /// The current version; later edits do not change it.
    pub(crate) fn current(&self) -> Arc<Account> {
        Arc::clone(&self.0.read().expect("never poisoned: no panics while held"))
    }

    /// Edits a copy of the account, re-indexes it, then replaces the account with it; edits never
    /// interleave. A panicking `change` leaves the account as it was.
    pub(crate) fn edit<R>(&self, change: impl FnOnce(&mut Account) -> R) -> R {
        let mut current = self.0.write().expect("never poisoned: edits run outside");
        let mut account = Account::clone(&current);
        // A panicking edit must not poison the lock for the server's handlers.
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let result = change(&mut account);
            account.reindex();
            result
        }));
        match result {
            Ok(result) => {
                *current = Arc::new(account);
                result
            }
            Err(panic) => {
                drop(current);
                std::panic::resume_unwind(panic)
            }
        }
    }
}
