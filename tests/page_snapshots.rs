//! One page of each kind, as the sample site builds it, pinned as a snapshot: any
//! change to a template, a view or the Markdown output shows as a reviewable diff
//! (`INSTA_UPDATE=always cargo test --test page_snapshots` accepts it).

mod common;

use common::*;

#[test]
fn one_page_of_each_kind_matches_its_snapshot() {
    let site = sample_site();
    let out = handout(site.path(), &["build", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let output = site.path().join("output");
    for (page, snapshot) in [
        ("index.html", "page-home.html"),
        ("exercises/bridge/index.html", "page-exercise.html"),
        (
            "conditions/lower-back-pain/index.html",
            "page-condition.html",
        ),
        ("regions/knee/index.html", "page-listing.html"),
        ("a-z/b/index.html", "page-letter.html"),
        ("404.html", "page-404.html"),
    ] {
        let html = std::fs::read_to_string(output.join(page)).unwrap();
        assert_snapshot(snapshot, &html);
    }
}
