use super::*;

fn write(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join(name), body).unwrap();
}

#[test]
fn each_md_file_is_a_template_named_by_its_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b-wifi.md", "The wifi is {property}-Guest.\n\n");
    write(dir.path(), "a-welcome.md", "Hi {guest_first_name}!\u{1b}[31m"); // escapes are dropped
    write(dir.path(), "notes.txt", "not a template");
    std::fs::create_dir(dir.path().join("drafts.md")).unwrap();
    let loaded = Templates::load(Some(dir.path()));
    assert_eq!(
        loaded.templates,
        [
            Template { name: "a-welcome".into(), body: "Hi {guest_first_name}!".into(), problem: None },
            Template { name: "b-wifi".into(), body: "The wifi is {property}-Guest.".into(), problem: None },
        ]
    );
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
}

#[test]
fn unknown_variables_and_empty_files_are_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "typo.md", "Hi {guest_name}, see you {check_in} at {checkin_time}");
    write(dir.path(), "empty.md", "\n  \n");
    let loaded = Templates::load(Some(dir.path()));
    let problems: Vec<_> = loaded.templates.iter().map(|t| (t.name.as_str(), t.problem.as_deref())).collect();
    assert_eq!(problems[0], ("empty", Some("the file is empty")));
    assert_eq!(problems[1].0, "typo");
    let typo = problems[1].1.unwrap();
    assert!(
        typo.starts_with(
            "unknown variable {guest_name}, {checkin_time}; the variables are guest_first_name, property,"
        ),
        "{typo}"
    );
}

#[test]
fn a_missing_dir_is_no_templates_and_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("templates");
    let loaded = Templates::load(Some(&missing));
    assert_eq!(loaded, Templates { templates: Vec::new(), dir: Some(missing), errors: Vec::new() });
}

#[test]
fn an_unreadable_file_is_reported_and_the_others_load() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "huge.md", &"x".repeat(70_000));
    write(dir.path(), "ok.md", "Thanks!");
    let loaded = Templates::load(Some(dir.path()));
    assert_eq!(loaded.templates.len(), 1);
    assert_eq!(loaded.errors.len(), 1);
    assert!(
        loaded.errors[0].contains("huge.md: 70000 bytes; a template may have at most 64 KB"),
        "{:?}",
        loaded.errors
    );
}

#[test]
fn the_samples_use_only_known_variables() {
    let samples = Templates::load(None);
    assert_eq!(samples.templates.len(), SAMPLES.len());
    for template in samples.templates {
        assert_eq!(template.problem, None, "{}", template.name);
    }
}
