use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use phonescreen::cli::{BankCommand, Cli, Command, InterviewArgs, SessionsCommand};
use phonescreen::commands;
use phonescreen::config::Config;
use phonescreen::paths::Paths;
use phonescreen::tui::event_loop::Exit;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "phonescreen: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    let paths =
        || Paths::resolve(cli.config_dir.clone(), cli.data_dir.clone()).map_err(|e| e.to_string());
    let mut out = std::io::stdout().lock();
    let io = |e: std::io::Error| e.to_string();
    match &cli.command {
        Some(Command::Bank(BankCommand::Validate { files })) => {
            let code = commands::bank::validate(files, &mut out).map_err(io)?;
            Ok(ExitCode::from(code as u8))
        }
        Some(Command::Bank(BankCommand::List)) => {
            commands::bank::list(&paths()?, &mut out).map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Bank(BankCommand::Schema)) => {
            out.write_all(phonescreen::bank::schema::schema_text().as_bytes())
                .map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Bank(BankCommand::New { file, force })) => {
            commands::bank::new(file, *force)?;
            writeln!(
                out,
                "Wrote a starter bank to {}. Edit it, then check it with: phonescreen bank validate {}",
                file.display(),
                file.display()
            )
            .map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Sessions(SessionsCommand::List { json })) => {
            let mut err = std::io::stderr().lock();
            commands::sessions::list(&paths()?, *json, &mut out, &mut err).map_err(io)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Resume { id }) => {
            let paths = paths()?;
            let config = Config::load(&paths.config_file()).map_err(|e| e.to_string())?;
            drop(out);
            exit_code(commands::interview::resume(paths, config, id.as_deref())?)
        }
        Some(Command::Interview(args)) => {
            let paths = paths()?;
            let config = Config::load(&paths.config_file()).map_err(|e| e.to_string())?;
            drop(out);
            exit_code(commands::interview::interview(paths, config, args)?)
        }
        None => {
            let paths = paths()?;
            let config = Config::load(&paths.config_file()).map_err(|e| e.to_string())?;
            drop(out);
            let args = InterviewArgs::default();
            exit_code(commands::interview::interview(paths, config, &args)?)
        }
    }
}

fn exit_code(exit: Exit) -> Result<ExitCode, String> {
    Ok(match exit {
        Exit::Normal | Exit::TerminalLost => ExitCode::SUCCESS,
        Exit::Signal(sig) => ExitCode::from((128 + sig).clamp(0, 255) as u8),
    })
}
