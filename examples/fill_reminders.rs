//! For `make bench` (bench/budget.mjs): a reminder database with many subscriptions, to measure
//! the release server's memory with them stored and its page throughput while it sends them.
//!
//! `fill_reminders fill FOLDER ORIGIN COUNT`: COUNT water reminders in FOLDER's SQLite file, each
//! with its own endpoint on the push service at ORIGIN (`http://127.0.0.1:PORT`), due tomorrow.
//! `fill_reminders due FOLDER`: makes every one of them due now.

use leg_relief::push::{
    service::server_now_ms as now_ms,
    store::{AnyStore, ReminderRow, ReminderStore},
    ReminderKind, Schedule,
};
use p256::{elliptic_curve::sec1::ToEncodedPoint, SecretKey};
use std::{path::Path, process::ExitCode};

/// Phones' keys are reused across rows: making 100,000 key pairs would time the fill, not the server.
const DISTINCT_KEYS: usize = 64;

fn base64url(bytes: &[u8]) -> String {
    use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
    URL_SAFE_NO_PAD.encode(bytes)
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("randomness");
    bytes
}

fn phone_keys() -> (String, String) {
    let secret = loop {
        if let Ok(secret) = SecretKey::from_slice(&random::<32>()) {
            break secret;
        }
    };
    (
        base64url(secret.public_key().to_encoded_point(false).as_bytes()),
        base64url(&random::<16>()),
    )
}

async fn fill(folder: &Path, origin: &str, count: usize) -> Result<(), String> {
    let store = AnyStore::open(None, folder)
        .await
        .map_err(|e| e.to_string())?;
    let keys: Vec<(String, String)> = (0..DISTINCT_KEYS).map(|_| phone_keys()).collect();
    let schedule = serde_json::to_string(&Schedule::Water {
        reminders: Default::default(),
    })
    .map_err(|e| e.to_string())?;
    let tomorrow = now_ms() + 86_400_000;
    for n in 0..count {
        let (p256dh, auth) = &keys[n % DISTINCT_KEYS];
        let row = ReminderRow {
            id: format!("bench-{n}"),
            secret_hash: vec![0; 32],
            endpoint: format!("{origin}/push/{n}"),
            p256dh: p256dh.clone(),
            auth: auth.clone(),
            kind: ReminderKind::Water,
            schedule: schedule.clone(),
            time_zone: "Europe/London".into(),
            next_at_ms: tomorrow,
            seen_at_ms: now_ms(),
            failures: 0,
        };
        store.save(&row).await.map_err(|e| e.to_string())?;
    }
    println!(
        "{} reminders stored",
        store.count().await.map_err(|e| e.to_string())?
    );
    Ok(())
}

async fn make_due(folder: &Path) -> Result<(), String> {
    let file = folder.join(AnyStore::DEFAULT_FILE);
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", file.display()))
        .await
        .map_err(|e| e.to_string())?;
    let made = sqlx::query("UPDATE reminders SET next_at_ms = $1")
        .bind(now_ms())
        .execute(&pool)
        .await
        .map_err(|e| e.to_string())?;
    println!("{} reminders due now", made.rows_affected());
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let done = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["fill", folder, origin, count] => match count.parse() {
            Ok(count) => fill(Path::new(folder), origin, count).await,
            Err(_) => Err(format!("COUNT must be a number, not {count:?}")),
        },
        ["due", folder] => make_due(Path::new(folder)).await,
        _ => Err("usage: fill_reminders fill FOLDER ORIGIN COUNT | due FOLDER".into()),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("fill_reminders: {err}");
            ExitCode::FAILURE
        }
    }
}
