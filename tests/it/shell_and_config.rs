//! Shell conventions through the real binary: completion scripts and manual
//! pages made from the clap definitions, and `config path` / `config init`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::cli::{Output, phonescreen};
use clap::CommandFactory;
use phonescreen::cli::Cli;
use phonescreen::config::Config;

/// Runs `phonescreen args` with its config folder at `config` (and data
/// and home beside it).
fn run(config: &Path, args: &[&str]) -> Output {
    let home = config.parent().unwrap();
    phonescreen(args)
        .config(config)
        .data(home.join("data"))
        .home(home)
        .output()
}

/// Every command's name as typed (`bank`, `validate`, …), but `help`.
fn command_names() -> Vec<String> {
    fn walk(cmd: &clap::Command, names: &mut Vec<String>) {
        for sub in cmd.get_subcommands() {
            names.push(sub.get_name().to_string());
            walk(sub, names);
        }
    }
    let mut names = Vec::new();
    walk(&Cli::command(), &mut names);
    names
}

#[test]
fn each_completion_script_is_made_and_knows_every_command() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let names = command_names();
    assert!(names.len() > 15, "{names:?}");
    for (shell, marker) in [
        ("bash", "complete -F _phonescreen"),
        ("zsh", "#compdef phonescreen"),
        ("fish", "complete -c phonescreen"),
    ] {
        let out = run(&config, &["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains(marker), "{shell}:\n{}", out.stdout);
        for name in &names {
            assert!(
                out.stdout.contains(name.as_str()),
                "the {shell} script does not know `{name}`"
            );
        }
        // Options and values too: what `bank validate --format` takes.
        assert!(out.stdout.contains("github"), "{shell}");
    }
    let out = run(&config, &["completions", "tcsh"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("possible values"), "{}", out.stderr);
}

#[test]
fn the_manual_renders_a_page_per_command() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let out = run(&config, &["man"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // roff's own definitions (an apostrophe string) come first, then the
    // page's title line.
    let first_macro = out
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
        .unwrap();
    assert!(
        first_macro.starts_with(".TH phonescreen 1 "),
        "{first_macro:?}"
    );
    let titles: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with(".TH "))
        .collect();
    assert_eq!(titles.len(), command_names().len() + 1, "{titles:#?}");
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with(".TH phonescreen-bank-validate 1 ")),
        "{titles:#?}"
    );
    assert!(out.stdout.contains("Bank files to check"), "{}", out.stdout);

    // Where a man is installed, it reads the pages.
    if let Ok(mut man) = Command::new("man")
        .args(["-l", "-"])
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        man.stdin
            .take()
            .unwrap()
            .write_all(out.stdout.as_bytes())
            .unwrap();
        let shown = man.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(
            shown.status.success(),
            "{}",
            String::from_utf8_lossy(&shown.stderr)
        );
        assert!(text.contains("phonescreen-bank-validate"), "{text}");
        assert!(text.contains("--format <FORMAT>"), "{text}");
    }

    let dir = tmp.path().join("man/man1");
    let out = run(&config, &["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = fs::read_to_string(dir.join("phonescreen-import.1")).unwrap();
    assert!(page.contains(".TH phonescreen-import 1 "), "{page}");
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        command_names().len() + 1
    );
}

/// The template with every commented setting turned on.
fn uncommented(template: &str) -> String {
    template
        .lines()
        .map(|line| {
            let setting = line
                .strip_prefix("# ")
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_lowercase() || c == ' '))
                .filter(|rest| {
                    let key = rest.trim_start().split(':').next().unwrap_or_default();
                    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                });
            setting.unwrap_or(line)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn config_init_writes_a_commented_config_that_loads_back_where_config_path_says() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    let out = run(&config, &["config", "path"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = out.stdout.trim_end().to_string();
    assert_eq!(path, config.join("config.yaml").to_str().unwrap());
    assert!(!Path::new(&path).exists(), "config path wrote something");

    let out = run(&config, &["config", "init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(&format!("Wrote {path}: ")),
        "{}",
        out.stdout
    );
    let written = fs::read_to_string(&path).unwrap();
    assert_eq!(written, phonescreen::config::TEMPLATE);
    assert_eq!(Config::load(Path::new(&path)).unwrap(), Config::default());
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(Path::new(&path)), 0o600);
    assert_eq!(mode(&config), 0o700);

    // The examples in the comments are right: turned on, they load as said.
    let on = uncommented(&written);
    fs::write(&path, &on).unwrap();
    let loaded = Config::load(Path::new(&path)).unwrap_or_else(|e| panic!("{e}\n{on}"));
    assert_eq!(loaded.interviewer.as_deref(), Some("Grace Hopper"));
    assert_eq!(loaded.bank.as_deref(), Some("software-engineer"));
    assert_eq!(loaded.variables.len(), 2, "{on}");
    assert_eq!(loaded.variables["company"], "Acme");
    assert_eq!(
        loaded.retention,
        Some(std::time::Duration::from_secs(180 * 24 * 3600))
    );
    assert_eq!(loaded.keys["interview"].len(), 2, "{on}");
    let keys = loaded.keymap();
    let help = keys
        .bindings()
        .iter()
        .find(|b| b.names == ["help"])
        .unwrap();
    assert_eq!(help.label(), "Esc h  F1");
}

#[test]
fn config_init_never_overwrites_without_force_nor_writes_through_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config");
    fs::create_dir(&config).unwrap();
    let path = config.join("config.yaml");
    fs::write(&path, "interviewer: Grace\n").unwrap();

    let out = run(&config, &["config", "init"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("already exists") && out.stderr.contains("--force"),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "interviewer: Grace\n");

    let out = run(&config, &["config", "init", "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        phonescreen::config::TEMPLATE
    );
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // Dotfiles kept elsewhere, linked in: left alone, even with --force.
    let dotfiles = tmp.path().join("dotfiles.yaml");
    fs::write(&dotfiles, "bell: false\n").unwrap();
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&dotfiles, &path).unwrap();
    for args in [&["config", "init"][..], &["config", "init", "--force"]] {
        let out = run(&config, args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
        assert!(
            out.stderr.contains("is a symbolic link")
                && out.stderr.contains("does not write through links"),
            "{}",
            out.stderr
        );
        assert_eq!(fs::read_to_string(&dotfiles).unwrap(), "bell: false\n");
        assert!(
            fs::symlink_metadata(&path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}
