//! The README's key tables are the key table: checked here, so the two never
//! drift. `PHONESCREEN_UPDATE_README=1 cargo test --test readme` rewrites them.

const START: &str =
    "<!-- keys:start (generated from src/tui/keymap/table.rs; tests/it/readme.rs checks it) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn the_readme_key_tables_match_the_key_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme
        .find(START)
        .expect("the README marks where the key tables start")
        + START.len();
    let end = readme[start..].find(END).expect("and where they end") + start;
    let expected = markdown_tables();
    if readme[start..end] == expected {
        return;
    }
    if std::env::var_os("PHONESCREEN_UPDATE_README").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("write README.md");
        return;
    }
    panic!(
        "README.md's key tables differ from src/tui/keymap/table.rs; run \
         `PHONESCREEN_UPDATE_README=1 cargo test --test readme` to rewrite them"
    );
}

/// The key tables, one per screen, as Markdown: each binding's keys, what
/// they do, and the names `config.yaml` rebinds them by.
fn markdown_tables() -> String {
    use phonescreen::tui::keymap::{Keymap, SCREENS, Seq};
    let keymap = Keymap::builtin();
    let mut out = String::new();
    for (name, title) in SCREENS {
        out.push_str(&format!(
            "**{title}** (`keys: {{{name}: …}}` in config.yaml)\n\n| keys | what they do | name |\n|---|---|---|\n"
        ));
        for b in keymap.bindings().iter().filter(|b| b.screen == name) {
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("`{}`", Seq::label(k).replace('`', "'")))
                .collect();
            let keys = keys.join(if b.is_pair() { " / " } else { ", " });
            let names: Vec<String> = b.names.iter().map(|n| format!("`{n}`")).collect();
            let row = [
                keys.replace('|', "\\|"),
                b.help.to_string(),
                names.join(" / "),
            ];
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        out.push('\n');
    }
    out
}
