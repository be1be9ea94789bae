//! zoom-portal's one integration-test binary.

mod browser; // end to end in headless Chromium against zoom-sim's portal (serial, with a timeout)
mod chromedriver; // starting chromedriver, and stopping it with every browser it launched
mod extract; // the committed fixture pages read field by field, without a browser; map files
mod readme; // the README's portal map table is the built-in map's
mod support; // the simulator, the portal configuration, the serial lock, process listings
