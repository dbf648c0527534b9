use super::*;

#[test]
fn every_field_reads_back_from_its_text() {
    let mut dosages = Vec::new();
    for (hold, reps, freq, rest) in [
        ("20-30 sec", "8-10", "2x daily", "90 s"),
        ("1 min", "1", "once a day", "1-2 min"),
        ("3-5 breaths", "12", "5 days per week", "45 sec"),
        ("1 breath", "2-3", "every other day", "1 min"),
        ("90 sec", "10", "3 times a week", "30 sec"),
        ("2 min", "5", "weekly", "5 s"),
        ("½ min", "4", "4 times daily", "2 min"),
    ] {
        let mut d = Dosage::default();
        for (key, value) in [
            ("hold", hold),
            ("reps", reps),
            ("frequency", freq),
            ("rest", rest),
        ] {
            set_field(&mut d, key, value).unwrap();
        }
        d.sets = Some(3);
        d.per_side = Some(hold.contains("breath"));
        dosages.push(d);
    }
    for d in dosages {
        let mut back = Dosage::default();
        for key in crate::content::validate::DOSAGE_FIELDS {
            let text = d.field_text(key).unwrap();
            set_field(&mut back, key, &text).unwrap_or_else(|_| panic!("{key}: {text}"));
        }
        assert_eq!(back, d);
    }
    assert_eq!(Dosage::default().field_text("reps"), None);
}

#[test]
fn cells_are_labelled_plain_values() {
    let dosage = Dosage {
        hold: Some(parse_hold("20-30 sec").unwrap()),
        reps: Some(parse_reps("10").unwrap()),
        sets: Some(3),
        per_side: Some(true),
        rest: Some(parse_rest("1 min").unwrap()),
        frequency: Some(parse_frequency("2x daily").unwrap()),
    };
    let cells: Vec<(String, String)> = dosage
        .cells(crate::strings::english())
        .into_iter()
        .map(|c| (c.label, c.value))
        .collect();
    assert_eq!(
        cells,
        [
            ("Hold".to_string(), "20–30 seconds".to_string()),
            ("Repeat".into(), "10 times".into()),
            ("Rounds".into(), "3".into()),
            ("Sides".into(), "Each side".into()),
            ("Rest".into(), "1 minute".into()),
            ("How often".into(), "Twice a day".into()),
        ]
    );
    let once = Dosage {
        reps: Some(parse_reps("1").unwrap()),
        hold: Some(parse_hold("1 breath").unwrap()),
        ..Dosage::default()
    };
    let values: Vec<String> = once
        .cells(crate::strings::english())
        .into_iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(values, ["1 breath", "Once"]);
}

fn hold_text(s: &str) -> String {
    Dosage {
        hold: Some(parse_hold(s).unwrap()),
        ..Default::default()
    }
    .to_string()
}

#[test]
fn holds_in_every_documented_form() {
    assert_eq!(hold_text("30 s"), "Hold 30 seconds");
    assert_eq!(hold_text("20-30 sec"), "Hold 20–30 seconds");
    assert_eq!(hold_text("1 min"), "Hold 1 minute");
    assert_eq!(hold_text("½ min"), "Hold 30 seconds");
    assert_eq!(hold_text("1½ min"), "Hold 1½ minutes");
    assert_eq!(hold_text("1-2 minutes"), "Hold 1–2 minutes");
    assert_eq!(hold_text("3 breaths"), "Hold for 3 breaths");
    assert_eq!(hold_text("1 breath"), "Hold for 1 breath");
    assert_eq!(hold_text("2 to 3 seconds"), "Hold 2–3 seconds");
    for bad in [
        "30",
        "thirty seconds",
        "30 hours",
        "30-20 s",
        "",
        "0 s",
        "-5 s",
    ] {
        assert_eq!(parse_hold(bad), Err(HOLD_FORMS), "{bad:?}");
    }
}

#[test]
fn reps_and_sets() {
    assert_eq!(parse_reps("8-10"), Ok(Range { min: 8, max: 10 }));
    assert_eq!(parse_reps("10"), Ok(Range { min: 10, max: 10 }));
    assert_eq!(parse_reps("3 to 5 times"), Ok(Range { min: 3, max: 5 }));
    assert_eq!(parse_reps("ten"), Err(REPS_FORMS));
    assert_eq!(parse_reps("2.5"), Err(REPS_FORMS));
    assert_eq!(parse_reps("10-8"), Err(REPS_FORMS));
    assert_eq!(parse_sets("3"), Ok(3));
    assert_eq!(parse_sets("2-3"), Err(SETS_FORMS));
}

#[test]
fn frequencies_in_every_documented_form() {
    let cases = [
        ("once daily", "Once a day"),
        ("daily", "Once a day"),
        ("2x daily", "Twice a day"),
        ("twice daily", "Twice a day"),
        ("twice a day", "Twice a day"),
        ("3 times a day", "3 times a day"),
        ("3x per week", "3 times a week"),
        ("5 days per week", "5 days a week"),
        ("every other day", "Every other day"),
        ("2x/day", "Twice a day"),
    ];
    for (input, text) in cases {
        assert_eq!(
            parse_frequency(input).map(|f| f.text()),
            Ok(text.to_string()),
            "{input}"
        );
    }
    for bad in ["sometimes", "2x hourly", "", "9 days per week"] {
        assert_eq!(parse_frequency(bad), Err(FREQUENCY_FORMS), "{bad}");
    }
    assert_eq!(parse_frequency("2x daily").unwrap().sessions_per_day(), 2);
}

#[test]
fn renders_in_plain_words_and_overrides_field_by_field() {
    let exercise = Dosage {
        hold: Some(parse_hold("30 s").unwrap()),
        reps: Some(parse_reps("3").unwrap()),
        per_side: Some(true),
        ..Default::default()
    };
    let condition = Dosage {
        hold: Some(parse_hold("1 min").unwrap()),
        reps: Some(parse_reps("1-2").unwrap()),
        frequency: Some(parse_frequency("twice daily").unwrap()),
        ..Default::default()
    };
    assert_eq!(
        exercise.overridden_by(&condition).to_string(),
        "Hold 1 minute · Repeat 1–2 times · Each side · Twice a day"
    );
    let strength = Dosage {
        reps: Some(parse_reps("10").unwrap()),
        sets: Some(3),
        rest: Some(parse_rest("30 s").unwrap()),
        ..Default::default()
    };
    assert_eq!(
        strength.to_string(),
        "Repeat 10 times · 3 sets · Rest 30 seconds between sets"
    );
}
