//! JSON in one canonical text form.

use serde_json::Value;

/// Serializes JSON canonically: no whitespace, object keys sorted at every level. The text (and
/// so the hash) of equal values is equal whatever order Zoom sent keys in, and whether or not
/// serde_json's `preserve_order` feature is on somewhere in the build. The store hashes versions
/// over it and activity ids are digests of it, so its bytes must never change.
pub fn canonical_json(value: &Value) -> String {
    let mut out = Vec::with_capacity(512);
    write_canonical(value, &mut out);
    // Only serde_json's output and ASCII punctuation were written: always UTF-8.
    String::from_utf8(out)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned())
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_compact(key, out);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_compact(scalar, out),
    }
}

/// Strings (escaped exactly as JSON requires), numbers, booleans and null, written by serde_json
/// straight into the buffer.
fn write_compact<T: serde::Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) {
    // Writing to a Vec cannot fail, and these values have no map keys that could.
    let _ = serde_json::to_writer(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let value = serde_json::json!({"b": [{"z": 1, "a": "x\ny"}], "a": null, "c": 1.5});
        assert_eq!(
            canonical_json(&value),
            r#"{"a":null,"b":[{"a":"x\ny","z":1}],"c":1.5}"#
        );
        let reparsed: Value = serde_json::from_str(&canonical_json(&value)).unwrap();
        assert_eq!(reparsed, value);
    }

    #[test]
    fn canonical_json_escapes_as_json_requires() {
        let value = serde_json::json!({
            "quote\"": "back\\slash \u{1} tab\t é 日本",
            "n": [-1, 2.5, 1e300, true, false, null],
        });
        assert_eq!(
            canonical_json(&value),
            r#"{"n":[-1,2.5,1e+300,true,false,null],"quote\"":"back\\slash \u0001 tab\t é 日本"}"#
        );
    }
}
