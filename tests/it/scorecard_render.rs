//! The Markdown scorecard renders exactly what was typed, in a CommonMark
//! renderer (pulldown-cmark, plain and with every extension that changes
//! structure) and in Python-Markdown (plain and with `extra`): no heading,
//! list, quote, code, table, link, emphasis or HTML comes from a name, a
//! note, a summary or a scratch note, and each hostile text's rendered
//! text is the text typed, line for line.
//!
//! Python-Markdown needs Python; `.ci/run` installs it, and without it
//! (outside CI) that check says so and passes.

use std::io::Write;
use std::process::{Command, Stdio};

use phonescreen::interview::record::{QuestionState, Recommendation, Record, Status};
use phonescreen::review::export::{self, Questions};
use phonescreen::store::testing::sample_record;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Texts that mean something in some Markdown: each becomes a note, and
/// they are also the names, titles, questions and ratings.
const HOSTILE: &[&str] = &[
    "# of services",
    "<script>alert(1)</script>",
    "__init__",
    "O<Brien>",
    "line one\nline two\nline three",
    "- item\n* item\n+ item",
    "1. one\n2) two\n1986. A great year",
    "> quoted",
    "```rust\nfn main() {}\n```",
    "~~~\nfenced\n~~~",
    "    four spaces\n\ttab\n  two spaces\n   - nested",
    "a | b\n--|--\n1 | 2",
    "| a | b |\n|---|---|",
    "Title\n===",
    "Title\n---",
    "---\n***\n___\n- - -",
    "=\n==",
    "[link](http://example.com) ![img](x.png) <http://example.com>",
    "[ref]: http://example.com \"t\"",
    "&amp; &copy; &#35; & < >",
    "`code` ``two``",
    "**bold** _em_ *em* ***both***",
    "~~strike~~ ~sub~ ^sup^",
    "footnote[^1]\n\n[^1]: the note",
    "- [ ] task\n- [x] done",
    "Term\n: definition",
    "### Heading {#id .class}",
    "\\ backslash \\* and trailing\\",
    "<!-- comment -->\n<div>\nblock\n</div>",
    "C# and a_b_c and x*y*z",
    "$200k and $300k, $x$",
    "100% & 5 < 6 > 4",
    "*[HTML]: Hyper Text",
    "{: .class }",
    "[[wiki link]]",
    "+++\ntitle = \"x\"\n+++",
    "O'Brien said \"fine\" -- ok...",
    "李雷 · Ångström",
    "para one\n\n\n\npara two   \n  ",
    "https://example.com/a_b_c?x=1&y=2",
];

/// A finished interview whose every typed text is hostile.
fn record(questions: usize) -> Record {
    let mut r = sample_record(questions, 0);
    r.status = Status::Completed;
    r.recommendation = Some(Recommendation::StrongYes);
    r.candidate = "O<Brien>".into();
    r.role = "<script>alert(1)</script>".into();
    r.interviewer = "__init__".into();
    r.bank.name = "# bank | *v2*".into();
    r.summary = "# of services\n<b>bold</b>\n__init__\n1. first".into();
    r.scratch = "> not a quote\n- not a list\n\n    not code".into();
    r.rating_scale = vec!["<b>no</b>".into(), "**yes**".into(), "_meh_".into()];
    for (i, section) in r.sections.iter_mut().enumerate() {
        section.title = HOSTILE[(i + 7) % HOSTILE.len()].into();
    }
    for i in 0..questions {
        let q = r.question_mut(i).unwrap();
        q.notes = HOSTILE[i % HOSTILE.len()].into();
        q.ask = HOSTILE[(i + 3) % HOSTILE.len()].into();
        q.state = QuestionState::Asked;
        q.rating = Some(["<b>no</b>", "**yes**", "_meh_"][i % 3].into());
    }
    r
}

/// A rendered block at the top of the document: `h1`-`h6` or `p`, with its
/// text as a reader sees it (a line break as `\n`, a soft break as the
/// space a browser shows), or anything else by its name.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    kind: String,
    text: String,
}

/// What a renderer made of a scorecard: its blocks, and the inline
/// elements inside them (`strong: Rating:`), for which only the layout's
/// own are allowed.
#[derive(Debug, Default)]
struct Rendered {
    blocks: Vec<Block>,
    inline: Vec<String>,
}

/// pulldown-cmark's reading of `markdown`.
fn cmark(markdown: &str, options: Options) -> Rendered {
    let mut rendered = Rendered::default();
    let mut depth = 0;
    let mut text = String::new();
    let mut strong: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                depth += 1;
                if depth == 1 {
                    text.clear();
                    let kind = match &tag {
                        Tag::Heading { level, .. } => format!("{level}"),
                        Tag::Paragraph => "p".to_string(),
                        other => format!("{other:?}"),
                    };
                    rendered.blocks.push(Block {
                        kind,
                        text: String::new(),
                    });
                } else if matches!(tag, Tag::Strong) {
                    strong = Some(String::new());
                } else {
                    rendered.inline.push(format!("{tag:?}"));
                }
            }
            Event::End(end) => {
                depth -= 1;
                if end == TagEnd::Strong {
                    rendered
                        .inline
                        .push(format!("strong: {}", strong.take().unwrap_or_default()));
                }
                if depth == 0 {
                    rendered.blocks.last_mut().unwrap().text = std::mem::take(&mut text);
                }
            }
            Event::Text(t) => {
                text.push_str(&t);
                if let Some(s) = strong.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::HardBreak => text.push('\n'),
            Event::SoftBreak => text.push(' '),
            other => rendered.inline.push(format!("{other:?}")),
        }
    }
    rendered
}

/// Python-Markdown's reading of `markdown`, with `extensions`, or `None`
/// when Python or the module is missing outside CI.
fn python_markdown(markdown: &str, extensions: &[&str]) -> Option<Rendered> {
    let probe = Command::new("python3")
        .args(["-c", "import markdown"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3 with markdown (.ci/run installs it)"
        );
        eprintln!("skipped: python3 with markdown (Python-Markdown) is not installed");
        return None;
    }
    // The HTML as blocks: html.parser decodes the entities, as a browser
    // does; <br> is a line break, any other newline a space.
    let script = r#"
import html.parser, json, sys, markdown
source = sys.stdin.read()
extensions = json.loads(sys.argv[1])
class Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.blocks, self.inline = 0, [], []
        self.after_br, self.strong = False, None
    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.blocks[-1]["text"] += "\n"
            self.after_br = True
            return
        self.depth += 1
        if self.depth == 1:
            self.blocks.append({"kind": tag, "text": ""})
        elif tag == "strong":
            self.strong = ""
        else:
            self.inline.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag != "br":
            self.depth -= 1
    def handle_endtag(self, tag):
        self.depth -= 1
        if tag == "strong" and self.strong is not None:
            self.inline.append("strong: " + self.strong)
            self.strong = None
    def handle_data(self, data):
        if self.after_br and data.startswith("\n"):
            data = data[1:]
        self.after_br = False
        if self.depth == 0:
            if data.strip():
                self.blocks.append({"kind": "text", "text": data})
            return
        data = data.replace("\n", " ")
        self.blocks[-1]["text"] += data
        if self.strong is not None:
            self.strong += data
    def handle_comment(self, data):
        self.inline.append("comment")
reader = Reader()
reader.feed(markdown.markdown(source, extensions=extensions))
reader.close()
print(json.dumps({"blocks": reader.blocks, "inline": reader.inline}))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script, &serde_json::to_string(extensions).unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(markdown.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let text = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    Some(Rendered {
        blocks: value["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| Block {
                kind: text(&b["kind"]),
                text: text(&b["text"]),
            })
            .collect(),
        inline: value["inline"]
            .as_array()
            .unwrap()
            .iter()
            .map(text)
            .collect(),
    })
}

/// What a reader should see of typed `text`: its lines without control
/// characters or trailing blanks, indentation as non-breaking spaces (a
/// tab as four), one blank line between paragraphs.
fn as_typed(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in text.lines() {
        let line: String = line
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        let line = line.trim_end();
        if line.is_empty() {
            paragraphs.push(Vec::new());
            continue;
        }
        let body = line.trim_start_matches([' ', '\t']);
        let indent: String = line[..line.len() - body.len()]
            .chars()
            .map(|c| {
                if c == '\t' {
                    "\u{a0}".repeat(4)
                } else {
                    "\u{a0}".into()
                }
            })
            .collect();
        paragraphs
            .last_mut()
            .unwrap()
            .push(format!("{indent}{body}"));
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// One line of typed text, as a heading or a fact shows it.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\t'], " ").trim().to_string()
}

type Blocks<'a> = std::iter::Peekable<std::slice::Iter<'a, Block>>;

/// Reads the rendered scorecard of `record` block by block in the order
/// the layout puts them, and fails on anything not in its place.
fn check(rendered: &Rendered, record: &Record, questions: Questions, renderer: &str) {
    let allowed = [
        "strong: Recommendation:",
        "strong: Rating:",
        "strong: No-show:",
    ];
    for inline in &rendered.inline {
        assert!(
            allowed.contains(&inline.as_str()),
            "{renderer}: `{inline}` in the scorecard; blocks: {:#?}",
            rendered.blocks
        );
    }
    let mut blocks = rendered.blocks.iter().peekable();
    let next = |blocks: &mut Blocks, what: &str| -> Block {
        blocks
            .next()
            .unwrap_or_else(|| panic!("{renderer}: the scorecard ends before {what}"))
            .clone()
    };
    let heading = |block: Block, level: &str, text: &str| {
        assert_eq!(
            (block.kind.as_str(), block.text.as_str()),
            (level, text),
            "{renderer}: expected this heading"
        );
    };
    // Paragraphs up to the next heading: typed text.
    let body = |blocks: &mut Blocks| {
        let mut paragraphs = Vec::new();
        while let Some(b) = blocks.next_if(|b| !b.kind.starts_with('h')) {
            assert_eq!(b.kind, "p", "{renderer}: {b:?}");
            paragraphs.push(b.text.clone());
        }
        paragraphs.join("\n\n")
    };
    heading(
        next(&mut blocks, "the title"),
        "h1",
        &format!(
            "{} — {}",
            one_line(&record.candidate),
            one_line(&record.role)
        ),
    );
    let facts = next(&mut blocks, "the facts");
    assert_eq!(facts.kind, "p", "{renderer}");
    assert!(
        facts
            .text
            .contains(&format!("interviewer: {}", one_line(&record.interviewer)))
            && facts
                .text
                .contains(&format!("bank: {} ·", one_line(&record.bank.name))),
        "{renderer}: {facts:?}"
    );
    heading(next(&mut blocks, "the take-aways"), "h2", "Key take-aways");
    let outcome = next(&mut blocks, "the outcome").text;
    match record.status {
        Status::NoShow => assert_eq!(outcome, "No-show: the candidate did not come."),
        _ => assert!(
            outcome.starts_with("Recommendation: "),
            "{renderer}: {outcome}"
        ),
    }
    let summary = body(&mut blocks);
    let mut expected = vec![as_typed(&record.summary)];
    let count = |state| {
        record
            .sections
            .iter()
            .flat_map(|s| &s.questions)
            .filter(|q| q.state == state)
            .count()
    };
    let (skipped, not_reached) = (
        count(QuestionState::Skipped),
        count(QuestionState::NotReached),
    );
    if questions == Questions::AskedOnly && skipped + not_reached > 0 {
        expected.push(format!(
            "Not asked: {skipped} skipped, {not_reached} not reached."
        ));
    }
    expected.retain(|p| !p.is_empty());
    let expected_summary = expected.join("\n\n");
    assert_eq!(summary, expected_summary, "{renderer}: the summary");
    for section in &record.sections {
        let shown: Vec<_> = section
            .questions
            .iter()
            .filter(|q| questions == Questions::All || q.state == QuestionState::Asked)
            .collect();
        if shown.is_empty() && questions == Questions::AskedOnly {
            continue;
        }
        let title = next(&mut blocks, "a section");
        assert_eq!(title.kind, "h2", "{renderer}: {title:?}");
        assert!(
            title
                .text
                .starts_with(&format!("{} (", one_line(&section.title))),
            "{renderer}: {title:?} for {:?}",
            section.title
        );
        for q in shown {
            heading(next(&mut blocks, "a question"), "h3", &one_line(&q.ask));
            let facts = next(&mut blocks, "the question's facts");
            assert!(
                facts.text.contains(q.state.label()),
                "{renderer}: {facts:?}"
            );
            if let Some(rating) = &q.rating {
                assert!(
                    facts.text.starts_with(&format!("Rating: {rating} · ")),
                    "{renderer}: {facts:?}"
                );
            }
            assert_eq!(
                body(&mut blocks),
                as_typed(&q.notes),
                "{renderer}: the notes typed as {:?}",
                q.notes
            );
        }
    }
    if !record.scratch.trim().is_empty() {
        heading(next(&mut blocks, "the other notes"), "h2", "Other notes");
        assert_eq!(body(&mut blocks), as_typed(&record.scratch), "{renderer}");
    }
    let rest: Vec<_> = blocks.collect();
    assert!(
        rest.is_empty(),
        "{renderer}: more than the layout: {rest:?}"
    );
}

/// pulldown-cmark as plain CommonMark, and with every extension that
/// changes structure (tables, footnotes, strikethrough, task lists,
/// heading attributes, metadata blocks, math, definition lists, super-
/// and subscript, wiki links, GitHub's blockquote tags). Smart punctuation
/// is left out: it changes quotes and dashes by design, not structure.
fn cmark_options() -> [(&'static str, Options); 2] {
    [
        ("CommonMark", Options::empty()),
        (
            "CommonMark with extensions",
            Options::all() - Options::ENABLE_SMART_PUNCTUATION,
        ),
    ]
}

#[test]
fn pulldown_cmark_renders_what_was_typed() {
    let record = record(HOSTILE.len());
    for questions in [Questions::All, Questions::AskedOnly] {
        let markdown = export::markdown_with(&record, questions);
        for (name, options) in cmark_options() {
            check(&cmark(&markdown, options), &record, questions, name);
        }
    }
}

#[test]
fn python_markdown_renders_what_was_typed() {
    let record = record(HOSTILE.len());
    let markdown = export::markdown(&record);
    for extensions in [&[][..], &["extra"][..]] {
        let Some(rendered) = python_markdown(&markdown, extensions) else {
            return;
        };
        check(
            &rendered,
            &record,
            Questions::All,
            &format!("Python-Markdown {extensions:?}"),
        );
    }
}

#[test]
fn asked_only_and_a_no_show_render_as_laid_out() {
    // Questions in every state, and a no-show with nothing asked.
    let mut mixed = record(HOSTILE.len());
    for i in 0..HOSTILE.len() {
        let q = mixed.question_mut(i).unwrap();
        q.state = [
            QuestionState::Asked,
            QuestionState::NotReached,
            QuestionState::Skipped,
        ][i % 3];
    }
    let mut no_show = sample_record(4, 0);
    no_show.status = Status::NoShow;
    no_show.candidate = "O<Brien>".into();
    for q in no_show.sections.iter_mut().flat_map(|s| &mut s.questions) {
        q.state = QuestionState::NotReached;
        q.rating = None;
        q.notes.clear();
    }
    for record in [&mixed, &no_show] {
        for questions in [Questions::All, Questions::AskedOnly] {
            let markdown = export::markdown_with(record, questions);
            for (name, options) in cmark_options() {
                check(&cmark(&markdown, options), record, questions, name);
            }
            if let Some(rendered) = python_markdown(&markdown, &["extra"]) {
                check(&rendered, record, questions, "Python-Markdown");
            }
        }
    }
    let asked_only = export::markdown_with(&no_show, Questions::AskedOnly);
    assert!(
        asked_only.contains("**No-show:** the candidate did not come."),
        "{asked_only}"
    );
    assert!(!asked_only.contains("###"), "{asked_only}");
}
