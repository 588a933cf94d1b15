use super::*;

#[test]
fn address_names_are_the_names_serde_gives() {
    fn check<T: UrlValue + Serialize>() {
        for value in T::VALUES {
            let serde_name = serde_json::to_value(value).expect("serialises");
            assert_eq!(serde_name, value.url_name(), "{value:?}");
        }
    }
    check::<Situation>();
    check::<BodyPart>();
    check::<RemedyKind>();
    check::<Purpose>();
    check::<Grade>();
    for group in Group::ALL {
        assert_eq!(serde_json::to_value(group).unwrap(), group.url_name());
    }
    for exposure in Exposure::ALL {
        assert_eq!(serde_json::to_value(exposure).unwrap(), exposure.url_name());
    }
    for urgency in Urgency::ALL {
        assert_eq!(serde_json::to_value(urgency).unwrap(), urgency.url_name());
    }
}
