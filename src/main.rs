use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use phonescreen::cli::{BankCommand, Cli, Command, ConfigCommand, InterviewArgs, SessionsCommand};
use phonescreen::commands;
use phonescreen::config::Config;
use phonescreen::display;
use phonescreen::paths::Paths;
use phonescreen::tui::app::Exit;

/// The exit status of a program whose reader went away (`| head`): that
/// of one ended by SIGPIPE, as `yes | head` ends.
const READER_GONE: u8 = 128 + 13;

/// Whether `err` is a write to standard output whose reader went away:
/// nothing to say to anyone, and the output is not whole.
fn reader_gone(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) if reader_gone(&err) => ExitCode::from(READER_GONE),
        Err(err) => {
            let _ = say_error(&mut std::io::stderr(), &err);
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let paths = || Paths::resolve(cli.config_dir.clone(), cli.data_dir.clone());
    let config = |paths: &Paths| Config::load(&paths.config_file());
    let mut out = std::io::stdout().lock();
    match &cli.command {
        Some(Command::Bank(BankCommand::Validate { files, format })) => {
            let mut stdin = std::io::stdin().lock();
            let code = commands::bank::validate(files, *format, &mut stdin, &mut out)?;
            Ok(ExitCode::from(code as u8))
        }
        Some(Command::Bank(BankCommand::List)) => {
            commands::bank::list(&paths()?, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Bank(BankCommand::Schema)) => {
            out.write_all(phonescreen::bank::schema::schema_text().as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Bank(BankCommand::New { file, force })) => {
            commands::bank::new(file, *force).map_err(anyhow::Error::msg)?;
            let file = file.display().to_string();
            let file = display::escape(&file);
            writeln!(
                out,
                "Wrote a starter bank to {file}. Edit it, then check it with: phonescreen bank validate {file}"
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Sessions(SessionsCommand::List { json })) => {
            let mut err = std::io::stderr().lock();
            commands::sessions::list(&paths()?, *json, &mut out, &mut err)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Sessions(SessionsCommand::Delete { ids, yes, dry_run })) => {
            let mut err = std::io::stderr().lock();
            let paths = paths()?;
            let confirm = commands::sessions::Confirm::new(*yes, *dry_run);
            let done = commands::sessions::delete(&paths, ids, confirm, &mut out, &mut err);
            finish_removal(done, &mut err)
        }
        Some(Command::Sessions(SessionsCommand::Purge {
            older_than,
            all,
            yes,
            dry_run,
        })) => {
            let mut err = std::io::stderr().lock();
            let paths = paths()?;
            let config = config(&paths)?;
            // None: --all, every interview whatever its age.
            let age = match older_than.or(config.retention) {
                _ if *all => None,
                Some(age) => Some(age),
                None => anyhow::bail!(
                    "say how old: --older-than 180d (or set `retention: 180d` in config.yaml), or --all for every interview"
                ),
            };
            let confirm = commands::sessions::Confirm::new(*yes, *dry_run);
            let done = commands::sessions::purge(&paths, age, confirm, &mut out, &mut err);
            finish_removal(done, &mut err)
        }
        Some(Command::Export {
            target,
            format,
            all,
            asked_only,
            output,
        }) => {
            let mut err = std::io::stderr().lock();
            let done = commands::export::export(
                &paths()?,
                target.as_deref(),
                *format,
                *all,
                *asked_only,
                output.as_deref(),
                &mut out,
                &mut err,
            );
            // Nothing to export (an unknown id, a damaged file) is exit 1;
            // some files skipped by --all, 3.
            Ok(match done {
                Ok(skipped) => ExitCode::from(commands::export::exit_status(skipped)),
                Err(e) if reader_gone(&e) => ExitCode::from(READER_GONE),
                Err(e) => {
                    say_error(&mut err, &e)?;
                    ExitCode::from(1)
                }
            })
        }
        Some(Command::Compare { query, bank, json }) => {
            let mut err = std::io::stderr().lock();
            let found = commands::review::compare(
                &paths()?,
                &query.join(" "),
                bank.as_deref(),
                *json,
                &mut out,
                &mut err,
            )?;
            Ok(ExitCode::from(u8::from(!found)))
        }
        Some(Command::Report { bank, json }) => {
            let mut err = std::io::stderr().lock();
            let found =
                commands::review::report(&paths()?, bank.as_deref(), *json, &mut out, &mut err)?;
            Ok(ExitCode::from(u8::from(!found)))
        }
        Some(Command::Schema { name }) => {
            out.write_all(commands::schema::text(*name).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Resume { id }) => {
            drop(out);
            screen(&cli, |paths, config| {
                commands::interview::resume(paths, config, id.as_deref())
            })
        }
        Some(Command::Review { query }) => {
            drop(out);
            screen(&cli, |paths, config| {
                commands::interview::review(paths, config, &query.join(" "))
            })
        }
        Some(Command::Interview(args)) => {
            drop(out);
            screen(&cli, |paths, config| {
                commands::interview::interview(paths, config, args)
            })
        }
        Some(Command::Import { file }) => {
            let mut err = std::io::stderr().lock();
            let sessions = paths()?.sessions_dir();
            let tally = commands::import::import_file(&sessions, file, &mut out, &mut err)?;
            // Anything refused is a failure a script must see.
            Ok(ExitCode::from(u8::from(tally.refused > 0)))
        }
        Some(Command::Completions { shell }) => {
            commands::shell::completions(*shell, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { dir: None }) => {
            commands::shell::man(&mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { dir: Some(dir) }) => {
            let written = commands::shell::man_to(dir)
                .with_context(|| format!("cannot write the manual pages to {}", dir.display()))?;
            writeln!(
                out,
                "Wrote {} manual pages to {}.",
                written.len(),
                display::escape(&dir.display().to_string())
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config(ConfigCommand::Path)) => {
            commands::config::path(&paths()?, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config(ConfigCommand::Init { force })) => {
            commands::config::init(&paths()?, *force, &mut out)?;
            Ok(ExitCode::SUCCESS)
        }
        None => {
            drop(out);
            screen(&cli, |paths, config| {
                commands::interview::interview(paths, config, &InterviewArgs::default())
            })
        }
    }
}

/// Runs a command that takes the terminal, with the paths and config it needs.
fn screen(
    cli: &Cli,
    run: impl FnOnce(Paths, Config) -> anyhow::Result<Exit>,
) -> anyhow::Result<ExitCode> {
    let paths = Paths::resolve(cli.config_dir.clone(), cli.data_dir.clone())?;
    let config = Config::load(&paths.config_file())?;
    Ok(exit_code(run(paths, config)?))
}

fn exit_code(exit: Exit) -> ExitCode {
    match exit {
        Exit::Normal | Exit::TerminalLost => ExitCode::SUCCESS,
        Exit::Signal(sig) => ExitCode::from((128 + sig).clamp(0, 255) as u8),
        // As a panic on the main thread exits.
        Exit::Crashed => ExitCode::from(101),
    }
}

/// Exit 0 when the removal went as asked, 1 (with the reason) when not.
fn finish_removal(done: anyhow::Result<()>, err: &mut impl Write) -> anyhow::Result<ExitCode> {
    Ok(match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say_error(err, &e)?;
            ExitCode::from(1)
        }
    })
}

/// Writes `e` with its causes. Errors quote files (a bank, config.yaml, an
/// interview): never raw.
fn say_error(err: &mut impl Write, e: &anyhow::Error) -> std::io::Result<()> {
    writeln!(
        err,
        "phonescreen: {}",
        display::escape_lines(&format!("{e:#}"))
    )
}
