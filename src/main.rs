use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use phonescreen::cli::{BankCommand, Cli, Command};
use phonescreen::commands;
use phonescreen::paths::Paths;

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
        _ => Err("this command is not available yet".to_string()),
    }
}
