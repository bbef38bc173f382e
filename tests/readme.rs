//! The README's key tables are the key table: checked here, so the two never
//! drift. `PHONESCREEN_UPDATE_README=1 cargo test --test readme` rewrites them.

const START: &str =
    "<!-- keys:start (generated from src/tui/keymap/table.rs; tests/readme.rs checks it) -->\n";
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
    let expected = phonescreen::tui::keymap::markdown_tables();
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
