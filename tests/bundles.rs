//! Which islands bundle an island is built into is said once, at the island: its two `cfg_attr`
//! lines name the cargo feature `islands-<bundle>`. Which bundles a page loads is said once, in
//! `app::PAGES`. This file holds the two against each other on every page the server renders, so
//! an island in the wrong bundle fails here, with its name, instead of as a console error in a
//! browser (islands.js) that only an end-to-end run would see.

use axum::{body::Body, http::Request};
use http_body_util::BodyExt;
use leg_relief::{
    app::PAGES,
    bundle::{Bundle, Load},
};
use std::{collections::BTreeMap, fs, path::Path};
use tower::ServiceExt;

mod common;
use common::APP;

/// Every island in src/ and the bundle its `cfg_attr` lines name.
fn islands_by_bundle() -> BTreeMap<String, Bundle> {
    let mut islands = BTreeMap::new();
    let mut files = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
            continue;
        }
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("#[island]"),
            "{}: an island outside any bundle; name its group with the two cfg_attr lines",
            path.display()
        );
        for island in islands_in(&text) {
            let (name, bundle) =
                island.unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            islands.insert(name, bundle);
        }
    }
    islands
}

/// The islands declared in one file: (name, bundle), or what is wrong with a declaration.
fn islands_in(text: &str) -> Vec<Result<(String, Bundle), String>> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(at, line)| {
            let feature = line
                .strip_prefix("#[cfg_attr(feature = \"islands-")?
                .strip_suffix("\", island)]")?;
            Some(island_at(&lines[at + 1..], feature))
        })
        .collect()
}

fn island_at(after: &[&str], feature: &str) -> Result<(String, Bundle), String> {
    let component = format!("#[cfg_attr(not(feature = \"islands-{feature}\"), component)]");
    if after.first() != Some(&component.as_str()) {
        return Err(format!(
            "islands-{feature}: the next line must be {component}"
        ));
    }
    let name = after
        .get(1)
        .and_then(|line| line.trim_start_matches("pub ").strip_prefix("fn "))
        .and_then(|rest| rest.split(['(', '<']).next())
        .ok_or(format!("islands-{feature}: no fn after its cfg_attr lines"))?;
    let bundle = Bundle::ALL
        .into_iter()
        .find(|bundle| bundle.has_islands() && bundle.name() == feature)
        .ok_or(format!("{name}: islands-{feature} is no islands bundle"))?;
    Ok((name.to_string(), bundle))
}

/// What is wrong with a page's islands: one that no bundle the page loads holds, or one whose
/// bundle loads as a panel opens (`Load::Open`) but which is not inside that panel.
fn misplaced(html: &str, loads: &[Load], islands: &BTreeMap<String, Bundle>) -> Vec<String> {
    let mut wrong = Vec::new();
    for (at, _) in html.match_indices("<leptos-island data-component=\"") {
        let rest = &html[at + "<leptos-island data-component=\"".len()..];
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let Some(&bundle) = islands.get(&name) else {
            wrong.push(format!("{name}: no island of that name in src/"));
            continue;
        };
        match loads.iter().find(|load| load.bundle() == bundle) {
            None => wrong.push(format!(
                "{name} is in the {} bundle, which the page does not load",
                bundle.name()
            )),
            Some(Load::Open(_)) => {
                let before = &html[..at];
                let panel = before.rfind(&format!("<details data-bundle=\"{}\"", bundle.name()));
                if panel.is_none_or(|start| before[start..].contains("</details>")) {
                    wrong.push(format!(
                        "{name} is outside the panel that loads the {} bundle",
                        bundle.name()
                    ));
                }
            }
            Some(_) => {}
        }
    }
    wrong
}

#[tokio::test]
async fn every_island_on_every_page_is_in_a_bundle_the_page_loads() {
    let islands = islands_by_bundle();
    assert!(islands.len() >= 8, "found only {islands:?}");
    let mut seen = 0;
    for page in PAGES {
        for address in page.addresses() {
            let response = APP
                .clone()
                .oneshot(Request::get(&address).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            let html = std::str::from_utf8(&bytes).unwrap();
            seen += html.matches("<leptos-island ").count();
            let wrong = misplaced(html, page.bundles, &islands);
            assert!(wrong.is_empty(), "{address}: {wrong:#?}");
        }
    }
    assert!(
        seen >= islands.len(),
        "only {seen} islands on all the pages"
    );
}

/// The check itself finds a misplaced island, a bare one and a panel's island outside its panel.
#[test]
fn the_check_finds_what_is_misplaced() {
    let declared = "#[cfg_attr(feature = \"islands-water\", island)]\n\
                    #[cfg_attr(not(feature = \"islands-water\"), component)]\n\
                    pub fn WaterTracker() -> impl IntoView {";
    assert_eq!(
        islands_in(declared),
        [Ok(("WaterTracker".into(), Bundle::Water))]
    );
    let mismatched = declared.replace(
        "not(feature = \"islands-water\")",
        "not(feature = \"islands-diary\")",
    );
    assert!(islands_in(&mismatched)[0].is_err());
    let islands = BTreeMap::from([
        ("WaterTracker".to_string(), Bundle::Water),
        ("BackupPanel".to_string(), Bundle::Backup),
    ]);
    let water = r#"<leptos-island data-component="WaterTracker_abc">"#;
    assert!(misplaced(water, &[Load::Now(Bundle::Water)], &islands).is_empty());
    assert_eq!(
        misplaced(water, &[Load::Now(Bundle::Diary)], &islands).len(),
        1
    );
    let backup = r#"<leptos-island data-component="BackupPanel_abc">"#;
    let loads = [Load::Open(Bundle::Backup)];
    let inside = format!(r#"<details data-bundle="backup" class="settings">{backup}</details>"#);
    assert!(misplaced(&inside, &loads, &islands).is_empty());
    let outside = format!(r#"<details data-bundle="backup"></details>{backup}"#);
    assert_eq!(misplaced(&outside, &loads, &islands).len(), 1);
}
