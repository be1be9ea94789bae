//! Portal extraction: arbitrary HTML as each page of the portal map. Reading it must return
//! facts or a `PortalError` naming the page, never panic; the error never echoes a 2FA code or
//! cookie (it holds none to echo) and names the page it was reading.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zoom_portal::PortalFacts;
use zoom_portal::map::PAGES;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let page = &PAGES[usize::from(selector) % PAGES.len()];
    let html = String::from_utf8_lossy(rest);
    let mut facts = PortalFacts::default();
    if let Err(error) = zoom_portal::extract::page(page, &html, &mut facts) {
        let message = error.to_string();
        assert!(message.contains(page.name), "{message}");
    }
});
