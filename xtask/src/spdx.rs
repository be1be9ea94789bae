//! SPDX licence expressions (`MIT OR Apache-2.0`, `(MIT OR Apache-2.0) AND Unicode-3.0`,
//! `Apache-2.0 WITH LLVM-exception`) and whether an allow-list satisfies one: the rule of
//! cargo-deny's `[licenses]`, for the tidy test that enforces `deny.toml` without cargo-deny.
//!
//! Parsed leniently, as cargo-deny reads crates.io's metadata: `/` is an old spelling of `OR`,
//! and the operators may be lower case.

/// A parsed licence expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expression {
    /// One licence, with its exception if any: `Apache-2.0 WITH LLVM-exception`.
    Licence(String),
    /// Every part must be allowed.
    All(Vec<Expression>),
    /// One part must be allowed.
    Any(Vec<Expression>),
}

impl Expression {
    /// Parses `text`, or says what is wrong with it.
    pub(crate) fn parse(text: &str) -> Result<Expression, String> {
        let tokens = tokenize(text);
        let mut parser = Parser {
            tokens: &tokens,
            next: 0,
        };
        let expression = parser.any()?;
        match parser.tokens.get(parser.next) {
            None => Ok(expression),
            Some(token) => Err(format!("unexpected {token:?} in {text:?}")),
        }
    }

    /// Whether the licences `allowed` accepts make the expression hold. A licence with an
    /// exception must be allowed with that exception (`Apache-2.0 WITH LLVM-exception`).
    pub(crate) fn is_satisfied_by(&self, allowed: &dyn Fn(&str) -> bool) -> bool {
        match self {
            Expression::Licence(licence) => allowed(licence),
            Expression::All(parts) => parts.iter().all(|part| part.is_satisfied_by(allowed)),
            Expression::Any(parts) => parts.iter().any(|part| part.is_satisfied_by(allowed)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    With,
    Word(String),
}

fn tokenize(text: &str) -> Vec<Token> {
    let spaced = text
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    spaced
        .split_whitespace()
        .map(|word| match word {
            "(" => Token::Open,
            ")" => Token::Close,
            _ if word.eq_ignore_ascii_case("and") => Token::And,
            _ if word.eq_ignore_ascii_case("or") => Token::Or,
            _ if word.eq_ignore_ascii_case("with") => Token::With,
            _ => Token::Word(word.to_owned()),
        })
        .collect()
}

/// Recursive descent, `AND` binding tighter than `OR` (SPDX annex D).
struct Parser<'a> {
    tokens: &'a [Token],
    next: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn any(&mut self) -> Result<Expression, String> {
        self.joined(&Token::Or, Self::all, Expression::Any)
    }

    fn all(&mut self) -> Result<Expression, String> {
        self.joined(&Token::And, Self::licence, Expression::All)
    }

    /// `operand (operator operand)*`, one part or `many` of them.
    fn joined(
        &mut self,
        operator: &Token,
        operand: fn(&mut Self) -> Result<Expression, String>,
        many: fn(Vec<Expression>) -> Expression,
    ) -> Result<Expression, String> {
        let mut parts = vec![operand(self)?];
        while self.peek() == Some(operator) {
            self.next += 1;
            parts.push(operand(self)?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            many(parts)
        })
    }

    fn licence(&mut self) -> Result<Expression, String> {
        let token = self.peek().cloned();
        self.next += 1;
        match token {
            Some(Token::Open) => {
                let inner = self.any()?;
                if self.peek() != Some(&Token::Close) {
                    return Err("an unclosed parenthesis".to_owned());
                }
                self.next += 1;
                Ok(inner)
            }
            Some(Token::Word(id)) => {
                if self.peek() != Some(&Token::With) {
                    return Ok(Expression::Licence(id));
                }
                self.next += 1;
                match self.peek().cloned() {
                    Some(Token::Word(exception)) => {
                        self.next += 1;
                        Ok(Expression::Licence(format!("{id} WITH {exception}")))
                    }
                    other => Err(format!("an exception expected after WITH, found {other:?}")),
                }
            }
            other => Err(format!("a licence expected, found {other:?}")),
        }
    }
}

/// `Apache-2.0  WITH  LLVM-exception` as [`Expression::Licence`] spells it, for comparing
/// allow-list entries with parsed licences.
pub(crate) fn normalize(licence: &str) -> String {
    let words: Vec<&str> = licence.split_whitespace().collect();
    match words.as_slice() {
        [id, with, exception] if with.eq_ignore_ascii_case("with") => {
            format!("{id} WITH {exception}")
        }
        _ => words.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(expression: &str, allowed: &[&str]) -> bool {
        Expression::parse(expression)
            .unwrap_or_else(|error| panic!("{expression:?} parses: {error}"))
            .is_satisfied_by(&|licence| allowed.contains(&licence))
    }

    #[test]
    fn or_needs_one_and_needs_all() {
        assert!(allows("MIT OR Apache-2.0", &["MIT"]));
        assert!(allows("MIT OR Apache-2.0", &["Apache-2.0"]));
        assert!(!allows("MIT OR Apache-2.0", &["ISC"]));
        assert!(allows("MIT AND BSD-3-Clause", &["MIT", "BSD-3-Clause"]));
        assert!(!allows("MIT AND BSD-3-Clause", &["MIT"]));
    }

    #[test]
    fn and_binds_tighter_than_or_and_parentheses_group() {
        // MIT OR (GPL-3.0 AND ISC)
        assert!(allows("MIT OR GPL-3.0 AND ISC", &["MIT"]));
        assert!(!allows("MIT OR GPL-3.0 AND ISC", &["ISC"]));
        // (MIT OR GPL-3.0) AND ISC
        assert!(!allows("(MIT OR GPL-3.0) AND ISC", &["MIT"]));
        assert!(allows(
            "(MIT OR Apache-2.0) AND Unicode-3.0",
            &["Apache-2.0", "Unicode-3.0"]
        ));
    }

    #[test]
    fn an_exception_must_be_allowed_with_its_licence() {
        let with = "Apache-2.0 WITH LLVM-exception";
        assert!(allows(with, &["Apache-2.0 WITH LLVM-exception"]));
        assert!(!allows(with, &["Apache-2.0"]));
        assert!(allows(
            "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT",
            &["MIT"]
        ));
        assert_eq!(normalize("Apache-2.0  with LLVM-exception"), with);
    }

    #[test]
    fn old_spellings_are_read() {
        assert!(allows("MIT/Apache-2.0", &["Apache-2.0"]));
        assert!(allows("Apache-2.0 / MIT", &["MIT"]));
        assert!(!allows("Unlicense/MIT", &["Unlicense OR MIT"]));
        assert!(allows("mit or isc", &["isc"]));
    }

    #[test]
    fn malformed_expressions_are_refused() {
        for text in [
            "",
            "MIT OR",
            "(MIT",
            "MIT Apache-2.0",
            "Apache-2.0 WITH",
            "AND MIT",
        ] {
            assert!(Expression::parse(text).is_err(), "{text:?} is refused");
        }
    }
}
