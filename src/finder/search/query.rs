//! What a person asked the finder, and how it is written in the finder's address.

use crate::{
    content::model::{BodyPart, Grade, RemedyKind, Situation, UrlValue},
    error::ApiError,
};

/// What a person asked the finder. Empty text and empty lists mean "no filter".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub situations: Vec<Situation>,
    pub parts: Vec<BodyPart>,
    pub kinds: Vec<RemedyKind>,
    pub grades: Vec<Grade>,
}

/// The finder's address parameters as they arrive, before they are checked. A plain form sends
/// a filter's values as repeated keys (`grade=A&grade=B`), links join them with commas; both end
/// up here as one comma-separated value. The live island gets them as its prop.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FinderParams {
    pub q: Option<String>,
    pub situation: Option<String>,
    pub part: Option<String>,
    pub kind: Option<String>,
    pub grade: Option<String>,
}

/// The longest search text accepted: a question, not a pasted page.
pub const MAX_TEXT_CHARS: usize = 200;
/// The most comma-separated values one filter may carry (no filter has more than 8 real ones).
const MAX_LIST_ITEMS: usize = 20;
/// How much of a rejected value an error message repeats.
const QUOTED_VALUE_CHARS: usize = 40;

impl FinderParams {
    /// The keys the finder's address may hold, in the order it writes them.
    pub const KEYS: [&'static str; 5] = ["q", "situation", "part", "kind", "grade"];

    /// From an address's `key=value` pairs (decoded), in order; unknown keys are ignored.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let mut params = Self::default();
        for (key, value) in pairs {
            let slot = match key.as_ref() {
                "q" => &mut params.q,
                "situation" => &mut params.situation,
                "part" => &mut params.part,
                "kind" => &mut params.kind,
                "grade" => &mut params.grade,
                _ => continue,
            };
            let value = value.as_ref();
            *slot = Some(match slot.take() {
                Some(earlier) => format!("{earlier},{value}"),
                None => value.to_string(),
            });
        }
        params
    }

    /// The `key=value` pairs, without the empty ones, in the order the finder writes them.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", &self.q),
            ("situation", &self.situation),
            ("part", &self.part),
            ("kind", &self.kind),
            ("grade", &self.grade),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some((key, value.as_deref()?)))
        .collect()
    }
}

impl TryFrom<&FinderParams> for Query {
    type Error = ApiError;

    /// Reads the finder's address, e.g. `/finder?q=calf+night&situation=night&grade=A,B`.
    fn try_from(params: &FinderParams) -> Result<Self, ApiError> {
        let text = params.q.as_deref().unwrap_or_default();
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
            situations: parse_list(params.situation.as_deref())?,
            parts: parse_list(params.part.as_deref())?,
            kinds: parse_list(params.kind.as_deref())?,
            grades: parse_list(params.grade.as_deref())?,
        })
    }
}

impl From<&Query> for FinderParams {
    /// The address of a query; reading it back gives the same query.
    fn from(query: &Query) -> Self {
        Self {
            q: (!query.text.trim().is_empty()).then(|| query.text.clone()),
            situation: list_param(&query.situations),
            part: list_param(&query.parts),
            kind: list_param(&query.kinds),
            grade: list_param(&query.grades),
        }
    }
}

impl Query {
    /// Whether any remedy-only filter is set (the other kinds of result have none of these).
    pub fn filters_remedies(&self) -> bool {
        !(self.situations.is_empty()
            && self.parts.is_empty()
            && self.kinds.is_empty()
            && self.grades.is_empty())
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

fn list_param<T: UrlValue>(values: &[T]) -> Option<String> {
    (!values.is_empty()).then(|| {
        let names: Vec<&str> = values.iter().map(|value| value.url_name()).collect();
        names.join(",")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The live island gets the rendered address as its prop: as JSON, and back as it was,
    /// whatever the person typed; every key the finder reads is one it writes.
    #[test]
    fn the_address_travels_to_the_island_unchanged() {
        let params = FinderParams::from_pairs([
            ("q", "calf cramp, 100% & \"now\" café"),
            ("grade", "A,B"),
            ("part", "calf"),
        ]);
        let json = serde_json::to_string(&params).unwrap();
        assert_eq!(serde_json::from_str::<FinderParams>(&json).unwrap(), params);
        assert_eq!(
            serde_json::from_str::<FinderParams>("{}").unwrap(),
            FinderParams::default()
        );
        for (key, _) in params.pairs() {
            assert!(FinderParams::KEYS.contains(&key), "{key}");
        }
        let every = FinderParams::from_pairs(FinderParams::KEYS.map(|key| (key, "x")));
        assert_eq!(every.pairs().len(), FinderParams::KEYS.len());
    }

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
        let pairs = [
            ("q", q),
            ("situation", situation),
            ("part", part),
            ("kind", kind),
            ("grade", grade),
        ];
        Query::try_from(&FinderParams::from_pairs(pairs))
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
            Query::try_from(&FinderParams::default()),
            Ok(Query::default())
        );
        // A plain form's repeated keys are one list.
        let form = FinderParams::from_pairs([("grade", "A"), ("grade", "B"), ("other", "x")]);
        assert_eq!(form.grade.as_deref(), Some("A,B"));
        assert_eq!(
            Query::try_from(&form).map(|q| q.grades),
            Ok(vec![Grade::A, Grade::B])
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
            FinderParams::from(&query).pairs(),
            [
                ("q", "calf night"),
                ("situation", "night,older-adults"),
                ("part", "calf"),
                ("kind", "immediate-relief,home-folk"),
                ("grade", "A,X"),
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
            let address = FinderParams::from(&original);
            let read_back = Query::try_from(&FinderParams::from_pairs(address.pairs()));
            assert_eq!(read_back.as_ref(), Ok(&original), "{address:?}");
        }
        assert_eq!(FinderParams::from(&Query::default()).pairs(), []);
    }
}
