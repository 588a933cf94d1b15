use leg_relief::{
    content::{self, ContentError},
    memory,
    push::service::{Reminders, StartError},
    server::{
        self,
        prerender::PrerenderError,
        settings::{settings_path, Settings, SettingsError},
    },
};
use std::{net::SocketAddr, path::Path, process::ExitCode};

#[derive(Debug, thiserror::Error)]
enum StartupError {
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error("the built-in content is broken: {0}")]
    Content(#[from] ContentError),
    #[error("cannot listen on {addr}: {source}. Is another server using that port? Set LEPTOS_SITE_ADDR to use another.")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error(transparent)]
    Prerender(#[from] PrerenderError),
    #[error("Leptos.toml, key `log`: {0}. Use a level such as \"info\" or \"warn\".")]
    Log(String),
    #[error(transparent)]
    Reminders(#[from] StartError),
    #[error("reminders: cannot start the scheduler's thread: {0}")]
    Scheduler(std::io::Error),
    #[error("the server stopped with an error: {0}")]
    Serve(std::io::Error),
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

fn main() -> ExitCode {
    memory::keep_freed_memory_returnable();
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(StartupError::Runtime)
        .and_then(|runtime| runtime.block_on(run()));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("leg-relief: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), StartupError> {
    let settings = Settings::load(&settings_path())?;
    start_request_log(&settings.server.log)?;
    content::catalogue::check()?;
    let addr = settings.server.site_addr;
    let site_root = Path::new(&settings.server.site_root);
    if !site_root.join("pkg").is_dir() {
        tracing::warn!(
            "{} has no built site; pages will render without styles or interactivity. Build it \
             with `make build`.",
            site_root.display()
        );
    }
    let reminders = match settings.reminders() {
        Some(config) => {
            let reminders = Reminders::start(&config).await?;
            Reminders::spawn_scheduler(config).map_err(StartupError::Scheduler)?;
            Some(reminders)
        }
        None => None,
    };
    let app = server::router(&settings, reminders).await?;
    // Pre-rendering is the burst: every page compressed at the best level on every core.
    memory::give_back_freed_memory();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| StartupError::Listen { addr, source })?;
    tracing::info!("Leg Relief is serving on http://{addr}");
    // The scheduler's thread ends with the process; a reminder cut off mid-send is sent again
    // when its lease ends.
    server::serve(listener, app, shutdown_signal())
        .await
        .map_err(StartupError::Serve)
}

/// The request log, filtered by RUST_LOG when set, else by the settings file.
fn start_request_log(filter: &str) -> Result<(), StartupError> {
    use std::io::IsTerminal;
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RUST_LOG") {
        Ok(from_env) => EnvFilter::try_new(from_env),
        Err(_) => EnvFilter::try_new(filter),
    }
    .map_err(|err| StartupError::Log(err.to_string()))?;
    // Colours only on a terminal: in a log file or a journal they are noise, and each line's
    // escapes cost time on every request.
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(std::io::stdout().is_terminal())
        .init();
    Ok(())
}

/// Finishes in-flight requests on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
