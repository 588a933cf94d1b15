//! What a person asked the finder, and how it is written in the finder's address.

use crate::{
    content::model::{BodyPart, Grade, RemedyKind, Situation, UrlValue},
    error::ApiError,
};
use serde::{Deserialize, Serialize};

/// What a person asked the finder. Empty text and empty lists mean "no filter".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub text: String,
    pub situations: Vec<Situation>,
    pub parts: Vec<BodyPart>,
    pub kinds: Vec<RemedyKind>,
    pub grades: Vec<Grade>,
}

/// The longest search text accepted: a question, not a pasted page.
pub const MAX_TEXT_CHARS: usize = 200;
/// The most comma-separated values one filter may carry (no filter has more than 8 real ones).
const MAX_LIST_ITEMS: usize = 20;
/// How much of a rejected value an error message repeats.
const QUOTED_VALUE_CHARS: usize = 40;

impl Query {
    /// Reads the finder's address, e.g. `/finder?q=calf+night&situation=night&grade=A,B`.
    pub fn from_params(
        q: Option<&str>,
        situation: Option<&str>,
        part: Option<&str>,
        kind: Option<&str>,
        grade: Option<&str>,
    ) -> Result<Self, ApiError> {
        let text = q.unwrap_or_default();
        reject_control_characters("The search text (q)", text)?;
        let length = text.chars().count();
        if length > MAX_TEXT_CHARS {
            return Err(ApiError::bad_request(format!(
                "The search text (q) is {length} characters long. \
                 Shorten it to {MAX_TEXT_CHARS} characters or fewer."
            )));
        }
        Ok(Self {
            text: if text.trim().is_empty() {
                String::new()
            } else {
                text.to_string()
            },
            situations: parse_list(situation)?,
            parts: parse_list(part)?,
            kinds: parse_list(kind)?,
            grades: parse_list(grade)?,
        })
    }

    /// The address parameters for this query, without the empty ones. `from_params` reads them
    /// back into the same query.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let text = (!self.text.trim().is_empty()).then(|| ("q", self.text.clone()));
        text.into_iter()
            .chain(list_param(&self.situations))
            .chain(list_param(&self.parts))
            .chain(list_param(&self.kinds))
            .chain(list_param(&self.grades))
            .collect()
    }

    /// One address parameter of this query, as `to_params` writes it.
    pub fn param(&self, name: &str) -> Option<String> {
        self.to_params()
            .into_iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }
}

fn reject_control_characters(subject: &str, value: &str) -> Result<(), ApiError> {
    if value.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "{subject} contains a control character, such as a line break or tab. \
             Remove it and try again."
        )));
    }
    Ok(())
}

/// Reads a comma-separated filter. Case is ignored, repeats are dropped, order is kept.
fn parse_list<T: UrlValue>(raw: Option<&str>) -> Result<Vec<T>, ApiError> {
    let raw = raw.unwrap_or_default();
    let subject = format!("The {} filter", T::PARAM);
    reject_control_characters(&subject, raw)?;
    let item_count = raw.split(',').count();
    if item_count > MAX_LIST_ITEMS {
        return Err(ApiError::bad_request(format!(
            "{subject} has {item_count} comma-separated values. Give at most {MAX_LIST_ITEMS}."
        )));
    }
    let mut values = Vec::new();
    for item in raw
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        let value = T::from_url_name(item).ok_or_else(|| unknown_value::<T>(item))?;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    Ok(values)
}

fn unknown_value<T: UrlValue>(item: &str) -> ApiError {
    let allowed = T::VALUES
        .iter()
        .map(|value| value.url_name())
        .collect::<Vec<_>>()
        .join(", ");
    ApiError::bad_request(format!(
        "Unknown {} \"{}\". Use one or more of: {allowed}, separated by commas.",
        T::PARAM,
        shorten(item)
    ))
}

fn shorten(value: &str) -> String {
    match value.char_indices().nth(QUOTED_VALUE_CHARS) {
        Some((cut, _)) => format!("{}…", &value[..cut]),
        None => value.to_string(),
    }
}

fn list_param<T: UrlValue>(values: &[T]) -> Option<(&'static str, String)> {
    (!values.is_empty()).then(|| {
        let names: Vec<&str> = values.iter().map(|value| value.url_name()).collect();
        (T::PARAM, names.join(","))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(text: &str) -> Query {
        Query {
            text: text.to_string(),
            ..Query::default()
        }
    }

    fn params(
        q: &str,
        situation: &str,
        part: &str,
        kind: &str,
        grade: &str,
    ) -> Result<Query, ApiError> {
        Query::from_params(
            Some(q),
            Some(situation),
            Some(part),
            Some(kind),
            Some(grade),
        )
    }

    #[test]
    fn the_finder_address_is_read_into_a_query() {
        let query = params("calf night", "night, cramp-now", "calf", "", "A,b,a").expect("valid");
        assert_eq!(
            query,
            Query {
                text: "calf night".into(),
                situations: vec![Situation::Night, Situation::CrampNow],
                parts: vec![BodyPart::Calf],
                kinds: vec![],
                grades: vec![Grade::A, Grade::B],
            }
        );
        assert_eq!(
            Query::from_params(None, None, None, None, None),
            Ok(Query::default())
        );
        assert_eq!(params("   ", "", "", "", ""), Ok(Query::default()));
        let longest = "a".repeat(MAX_TEXT_CHARS);
        assert!(params(&longest, "", "", "", "").is_ok());
        let most_items = vec!["night"; MAX_LIST_ITEMS].join(",");
        assert_eq!(
            params("", &most_items, "", "", "").map(|q| q.situations),
            Ok(vec![Situation::Night])
        );
    }

    #[test]
    fn a_bad_address_is_refused_with_a_message_that_says_what_to_do() {
        let too_long = "a".repeat(MAX_TEXT_CHARS + 1);
        let too_many = vec!["calf"; MAX_LIST_ITEMS + 1].join(",");
        let cases: [(&str, Result<Query, ApiError>, &[&str]); 9] = [
            ("(q)", params(&too_long, "", "", "", ""), &["201", "200"]),
            ("(q)", params("calf\ncramp", "", "", "", ""), &["control"]),
            (
                "situation",
                params("", "nite", "", "", ""),
                &["\"nite\"", "cramp-now, night, exercise"],
            ),
            ("situation", params("", "night\t", "", "", ""), &["control"]),
            (
                "part",
                params("", "", "knee", "", ""),
                &["\"knee\"", "calf"],
            ),
            ("part", params("", "", &too_many, "", ""), &["21", "20"]),
            (
                "kind",
                params("", "", "", "pill", ""),
                &["\"pill\"", "immediate-relief"],
            ),
            (
                "grade",
                params("", "", "", "", "A,E"),
                &["\"E\"", "A, B, C, D, X"],
            ),
            ("grade", params("", "", "", "", "A+"), &["\"A+\""]),
        ];
        for (param, result, phrases) in cases {
            let Err(err) = result else {
                panic!("{param}: accepted {result:?}");
            };
            assert_eq!(err.status, 400, "{param}: {}", err.message);
            assert!(
                err.message.contains(param),
                "names {param}: {}",
                err.message
            );
            for phrase in phrases {
                assert!(err.message.contains(phrase), "{phrase}: {}", err.message);
            }
        }
    }

    #[test]
    fn a_refused_value_is_quoted_only_in_part() {
        let long_value = format!("{}TAIL", "x".repeat(QUOTED_VALUE_CHARS));
        let Err(err) = params("", "", "", &long_value, "") else {
            panic!("a made-up kind was accepted");
        };
        assert!(err.message.contains(&format!("\"{}…\"", "x".repeat(40))));
        assert!(!err.message.contains("TAIL"), "{}", err.message);
    }

    #[test]
    fn a_query_goes_into_the_address_and_back_unchanged() {
        let query = Query {
            text: "calf night".into(),
            situations: vec![Situation::Night, Situation::OlderAdults],
            parts: vec![BodyPart::Calf],
            kinds: vec![RemedyKind::ImmediateRelief, RemedyKind::HomeFolk],
            grades: vec![Grade::A, Grade::X],
        };
        assert_eq!(
            query.to_params(),
            [
                ("q", "calf night".to_string()),
                ("situation", "night,older-adults".into()),
                ("part", "calf".into()),
                ("kind", "immediate-relief,home-folk".into()),
                ("grade", "A,X".into()),
            ]
        );
        let everything = Query {
            text: "charley horse, now!".into(),
            situations: Situation::ALL.to_vec(),
            parts: BodyPart::ALL.to_vec(),
            kinds: RemedyKind::ALL.to_vec(),
            grades: Grade::ALL.to_vec(),
        };
        for original in [query, everything, text("cal"), Query::default()] {
            let param = |name: &str| original.param(name);
            let read_back = Query::from_params(
                param("q").as_deref(),
                param("situation").as_deref(),
                param("part").as_deref(),
                param("kind").as_deref(),
                param("grade").as_deref(),
            );
            assert_eq!(
                read_back.as_ref(),
                Ok(&original),
                "{:?}",
                original.to_params()
            );
        }
        assert_eq!(Query::default().to_params(), []);
    }
}
