use super::*;
use DesignationAction as A;
use DesignationStatus as S;
use DutyStation::*;
use PassKind::{Annual, Temporary};
use RepresentativeType as R;
use proptest::prelude::*;

const PRES: R = R::PresidentChiefExecutive;
const ADMIN: R = R::AdministrativeDirector;
const PRIN: R = R::PrincipalRepresentative;
const ADD: R = R::AdditionalRepresentative;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 3, 10)
}

fn person(first: &str, last: &str) -> PersonIdentity {
    PersonIdentity::new(first, last, day(1970, 5, 1))
}

fn held(id: i64, at: DutyStation, rep: R, status: S, who: &str) -> ExistingDesignation {
    ExistingDesignation {
        id,
        duty_station: at,
        year: 2026,
        representative_type: rep,
        pass_kind: Annual,
        status,
        person: person(who, "Diallo"),
    }
}

/// Errors as `field:code`.
fn codes(errors: Vec<FieldError>) -> Vec<String> {
    errors
        .into_iter()
        .map(|e| format!("{}:{}", e.field, e.code))
        .collect()
}

/// A complete, valid form, with `changes` (`field=value|…`) applied.
fn fields(changes: &str) -> Fields {
    let valid = "contact_type=representative|duty_station=geneva|pass_kind=annual|\
        representative_type=principal_representative|accreditation_rights=yes|\
        valid_from=2026-03-10|valid_until=2026-12-31|communication_preference=email|\
        title=Ms|first_name= Amina |last_name=Diallo|address_street=12 rue du Rhône|\
        address_city=Genève|address_postcode=1204|country=ch|phone=+41 22  917 12 34|\
        email=Amina@Example.org|place_of_birth=Dakar|nationality=SN|\
        date_of_birth=1980-02-29|hair_colour=black|height_cm=170|sex=female|\
        position=Advocacy officer";
    let pairs = valid.split('|').chain(changes.split('|'));
    let pairs = pairs.filter_map(|kv| kv.split_once('='));
    pairs.map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn errors_of(changes: &str) -> Vec<String> {
    codes(DesignationForm::errors(&fields(changes), today()))
}

fn form() -> DesignationForm {
    DesignationForm::parse(&fields(""), today()).unwrap()
}

fn round_trips<T: Copy + PartialEq>(
    all: &[T],
    code: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) -> bool {
    all.iter().all(|v| parse(code(*v)) == Some(*v))
}

#[test]
fn codes_round_trip_and_unknown_codes_are_refused() {
    assert!(round_trips(
        DutyStation::ALL,
        DutyStation::as_str,
        DutyStation::parse
    ));
    assert!(round_trips(R::ALL, R::as_str, R::parse));
    assert!(round_trips(
        PassKind::ALL,
        PassKind::as_str,
        PassKind::parse
    ));
    assert!(round_trips(Sex::ALL, Sex::as_str, Sex::parse));
    assert!(round_trips(S::ALL, S::as_str, S::parse));
    assert!(round_trips(A::ALL, A::as_str, A::parse));
    use CommunicationPreference as C;
    assert!(round_trips(C::ALL, C::as_str, C::parse));
    assert_eq!(DutyStation::parse(" new_york "), Some(NewYork));
    assert_eq!(DutyStation::parse("nairobi"), None);
    assert_eq!(S::ALL.len(), 7, "the seven states of §3");
}

#[test]
fn the_title_is_mr_or_ms_only() {
    assert_eq!(parse_title("Mr."), Ok(Title::Mr));
    assert_eq!(parse_title(" MS "), Ok(Title::Ms));
    for bad in ["Dr", "Prof.", "Director", "Mrs"] {
        assert_eq!(parse_title(bad), Err("title_mr_or_ms"), "{bad}");
    }
    assert_eq!(parse_title(" "), Err("required"));
}

#[test]
fn transitions_are_exactly_those_of_the_specification() {
    let allowed = [
        (S::Draft, A::Edit, S::Draft),
        (S::Draft, A::Submit, S::Submitted),
        (S::Submitted, A::Approve, S::Approved),
        (S::Submitted, A::Reject, S::Rejected),
        (S::Submitted, A::Withdraw, S::Withdrawn),
        (S::Approved, A::Withdraw, S::Withdrawn),
        (S::Approved, A::Revoke, S::Revoked),
        (S::Approved, A::Expire, S::Expired),
    ];
    for from in S::ALL.iter().copied() {
        for action in A::ALL.iter().copied() {
            let rule = allowed.iter().find(|(f, a, _)| (*f, *a) == (from, action));
            let expected = rule.map(|(_, _, to)| *to);
            assert_eq!(
                transition(from, action).ok(),
                expected,
                "{from:?} {action:?}"
            );
        }
    }
    let refused = transition(S::Rejected, A::Approve).unwrap_err();
    assert_eq!(refused.field_error().code, "transition_not_allowed");
}

#[test]
fn each_side_does_its_actions_and_reject_and_revoke_need_a_reason() {
    let actors: Vec<_> = A::ALL.iter().map(|a| a.actor()).collect();
    use Actor::*;
    let expected = [
        Organisation,
        Organisation,
        Secretariat,
        Secretariat,
        Organisation,
    ];
    assert_eq!(actors, [&expected[..], &[Secretariat, System]].concat());
    assert_eq!(parse_reason(A::Reject, "  ").unwrap_err().code, "required");
    assert_eq!(
        parse_reason(A::Revoke, " Misuse "),
        Ok(Some("Misuse".into()))
    );
    assert_eq!(parse_reason(A::Approve, ""), Ok(None));
}

#[test]
fn active_designations_count_and_only_ended_ones_are_copied() {
    let active: Vec<_> = S::ALL.iter().copied().filter(|s| is_active(*s)).collect();
    assert_eq!(active, [S::Submitted, S::Approved]);
    let copied: Vec<_> = S::ALL.iter().copied().filter(|s| may_copy(*s)).collect();
    assert_eq!(copied, [S::Rejected, S::Withdrawn, S::Revoked, S::Expired]);
    assert!(
        is_inactive_representative(S::Approved, 2025, 2026),
        "a past year"
    );
    assert!(!is_inactive_representative(S::Approved, 2026, 2026));
    assert!(!is_inactive_representative(S::Draft, 2025, 2026));
    let (end, new_year) = (day(2025, 12, 31), day(2026, 1, 1));
    assert!(should_expire(S::Approved, end, new_year));
    assert!(!should_expire(S::Approved, end, end));
    assert!(!should_expire(S::Revoked, end, new_year));
}

#[test]
fn annual_quotas_are_one_one_one_and_four_and_temporary_passes_have_none() {
    let annual: Vec<_> = R::ALL.iter().map(|r| quota_of(*r, Annual)).collect();
    assert_eq!(annual, [Some(1), Some(1), Some(1), Some(4)]);
    assert!(R::ALL.iter().all(|r| quota_of(*r, Temporary).is_none()));
}

#[test]
fn a_fifth_additional_representative_is_refused_naming_the_four() {
    let mut list: Vec<_> = (1..=4)
        .map(|id| held(id, Geneva, ADD, S::Submitted, "A"))
        .collect();
    let full = check_quota(ADD, Annual, Geneva, 2026, &list).unwrap_err();
    assert_eq!((full.limit, full.used_by.clone()), (4, vec![1, 2, 3, 4]));
    let error = full.field_error();
    assert_eq!(
        codes(vec![error]),
        ["representative_type:quota_full_additional_representative"]
    );
    let fits = |r, pass, at, year, list: &[_]| check_quota(r, pass, at, year, list).is_ok();
    assert!(fits(ADD, Annual, Vienna, 2026, &list), "another station");
    assert!(fits(ADD, Annual, Geneva, 2027, &list), "another year");
    assert!(
        fits(ADD, Temporary, Geneva, 2026, &list),
        "a temporary pass"
    );
    assert!(fits(PRIN, Annual, Geneva, 2026, &list), "another type");
    for status in [S::Withdrawn, S::Rejected, S::Revoked, S::Expired, S::Draft] {
        list[0].status = status;
        assert!(fits(ADD, Annual, Geneva, 2026, &list), "{status:?}");
    }
    list[0] = ExistingDesignation {
        pass_kind: Temporary,
        ..held(1, Geneva, ADD, S::Approved, "A")
    };
    assert!(
        fits(ADD, Annual, Geneva, 2026, &list),
        "temporary ones do not count"
    );
}

#[test]
fn names_fold_case_accents_and_separators() {
    assert_eq!(fold_name("  José-María  O’Núñez "), "jose maria o nunez");
    assert_eq!(
        fold_name("Jose\u{301} Maria"),
        "jose maria",
        "combining accents"
    );
    assert_eq!(fold_name("STRAßE Œuvre"), "strasse oeuvre");
    assert_eq!(fold_name("Иван"), "иван");
    assert_eq!(person("Éloïse", "LEFÈVRE"), person("eloise", "Lefevre"));
    let other_birthday = PersonIdentity::new("Eloise", "Lefevre", day(1970, 5, 2));
    assert_ne!(person("Eloise", "Lefevre"), other_birthday);
}

#[test]
fn the_president_is_the_same_person_at_every_station() {
    let list = [
        held(7, NewYork, PRES, S::Approved, "Ana"),
        held(8, Vienna, ADMIN, S::Withdrawn, "Ana"),
        held(9, Vienna, ADD, S::Approved, "Ana"),
    ];
    let check =
        |r, year, who| check_same_person_across_stations(r, year, &person(who, "DIALLO"), &list);
    assert_eq!(check(PRES, 2026, "ÁNA"), Ok(()));
    let err = check(PRES, 2026, "Bea").unwrap_err();
    assert_eq!((err.held_by, err.duty_station), (7, NewYork));
    let error = err.field_error();
    assert_eq!(
        codes(vec![error]),
        ["last_name:not_same_person_president_chief_executive"]
    );
    assert_eq!(check(PRES, 2027, "Bea"), Ok(()), "another year");
    assert_eq!(
        check(ADMIN, 2026, "Bea"),
        Ok(()),
        "the director's designation ended"
    );
    assert_eq!(
        check(ADD, 2026, "Bea"),
        Ok(()),
        "the rule is for the two roles only"
    );
}

#[test]
fn the_holder_at_another_station_is_proposed_approved_first() {
    let list = [
        held(1, NewYork, ADMIN, S::Approved, "Ana"),
        held(2, Vienna, ADMIN, S::Submitted, "Bea"),
        held(3, Geneva, ADMIN, S::Approved, "Bea"),
        held(4, Vienna, ADD, S::Approved, "Bea"),
    ];
    let proposed = |r, year, at| proposed_person(r, year, at, &list).map(|d| d.id);
    assert_eq!(proposed(ADMIN, 2026, Geneva), Some(1));
    assert_eq!(proposed(ADMIN, 2026, NewYork), Some(3));
    assert_eq!(proposed(ADMIN, 2027, Geneva), None);
    assert_eq!(proposed(ADD, 2026, Geneva), None);
}

#[test]
fn validity_ends_by_31_december_of_the_current_year() {
    let cases = [
        ((2026, 1, 1), (2026, 12, 31), Annual, vec![]),
        (
            (2026, 5, 1),
            (2026, 4, 1),
            Annual,
            vec!["valid_until:until_before_from"],
        ),
        (
            (2026, 5, 1),
            (2027, 1, 1),
            Annual,
            vec!["valid_until:until_after_year_end"],
        ),
        (
            (2025, 12, 1),
            (2026, 2, 1),
            Annual,
            vec!["valid_from:from_before_year_start"],
        ),
        (
            (2026, 3, 9),
            (2026, 3, 12),
            Temporary,
            vec!["valid_from:from_in_past"],
        ),
        ((2026, 3, 10), (2026, 3, 12), Temporary, vec![]),
        (
            (2027, 2, 1),
            (2027, 1, 1),
            Annual,
            vec![
                "valid_from:from_after_year_end",
                "valid_until:until_before_from",
            ],
        ),
    ];
    for ((fy, fm, fd), (uy, um, ud), pass, expected) in cases {
        let result = check_validity(day(fy, fm, fd), day(uy, um, ud), today(), pass);
        assert_eq!(codes(result.err().unwrap_or_default()), expected);
    }
}

#[test]
fn a_complete_form_parses_and_round_trips() {
    let form = form();
    assert_eq!((form.first_name.as_str(), form.title), ("Amina", Title::Ms));
    assert_eq!(
        (form.country.as_str(), form.phone.as_str()),
        ("CH", "+41 22 917 12 34")
    );
    assert_eq!(
        form.email.as_ref().map(|m| m.as_str()),
        Some("amina@example.org")
    );
    assert_eq!(
        (form.height_cm, form.accreditation_rights),
        (Some(170), true)
    );
    let fields = form.to_fields();
    let mut names = DESIGNATION_FIELDS.to_vec();
    names.sort_unstable();
    assert_eq!(fields.keys().collect::<Vec<_>>(), names);
    assert_eq!(DesignationForm::parse(&fields, today()), Ok(form));
}

#[test]
fn an_empty_form_names_every_required_field() {
    let errors = codes(DesignationForm::errors(&Fields::new(), today()));
    let required: Vec<_> = errors
        .iter()
        .filter_map(|e| e.strip_suffix(":required"))
        .collect();
    let expected = "duty_station pass_kind representative_type valid_from valid_until \
        communication_preference title first_name last_name address_street address_city \
        country phone place_of_birth nationality date_of_birth sex position";
    assert_eq!(required, expected.split(' ').collect::<Vec<_>>());
    assert_eq!(errors.len(), required.len());
}

#[test]
fn each_field_is_checked_and_reported_next_to_it() {
    let long = format!("first_name={}", "x".repeat(101));
    let changes = "title=Dr|phone=0041 22 917|height_cm=17O|weight_kg=900|\
        date_of_birth=2027-01-01|hair_colour=purple|duty_station=nairobi|\
        valid_until=2027-01-31|nationality=Senegal|contact_type=application|";
    let expected = "contact_type:choice_invalid duty_station:choice_invalid \
        title:title_mr_or_ms first_name:too_long phone:phone_invalid \
        nationality:country_invalid date_of_birth:date_of_birth_in_future \
        hair_colour:choice_invalid height_cm:number_invalid weight_kg:number_out_of_range \
        valid_until:until_after_year_end";
    assert_eq!(
        errors_of(&(changes.to_string() + &long)),
        expected.split(' ').collect::<Vec<_>>()
    );
}

#[test]
fn email_fax_and_rights_follow_the_choices() {
    let by_fax = errors_of("email=|communication_preference=fax");
    assert_eq!(
        by_fax,
        ["email:email_required", "fax:required"],
        "rights need an email"
    );
    assert!(errors_of("email=|communication_preference=post|accreditation_rights=").is_empty());
    let not_allowed = ["accreditation_rights:rights_not_allowed"];
    assert_eq!(
        errors_of("representative_type=additional_representative"),
        not_allowed
    );
    assert_eq!(errors_of("pass_kind=temporary"), not_allowed);
}

#[test]
fn phones_need_the_country_code() {
    assert_eq!(
        parse_phone(" +1 (212) 963-1234 "),
        Ok("+1 (212) 963-1234".into())
    );
    assert_eq!(parse_phone("+41229171234"), Ok("+41229171234".into()));
    for bad in [
        "0229171234",
        "+0 22 917",
        "+41 22 x17",
        "+12345",
        "+1234567890123456",
    ] {
        assert_eq!(parse_phone(bad), Err("phone_invalid"), "{bad}");
    }
    assert_eq!(parse_phone(""), Err("required"));
}

#[test]
fn an_inactive_designation_is_copied_with_fresh_dates_an_active_one_is_not() {
    let form = form();
    assert_eq!(copy_of(&form, S::Approved, today()), Err(NotCopyable));
    assert_eq!(copy_of(&form, S::Draft, today()), Err(NotCopyable));
    let later = day(2026, 6, 1);
    let copy = copy_of(&form, S::Withdrawn, later).unwrap();
    let kept = [
        "valid_from",
        "valid_until",
        "accreditation_rights",
        "last_name",
    ];
    let values: Vec<_> = kept.iter().map(|k| copy[*k].as_str()).collect();
    assert_eq!(values, ["2026-06-01", "2026-12-31", "", "Diallo"]);
    assert_eq!(
        DesignationForm::parse(&copy, later).unwrap().person(),
        form.person()
    );
    let (valid_from, valid_until) = (day(2025, 1, 1), day(2025, 12, 31));
    let old = DesignationForm {
        valid_from,
        valid_until,
        ..form.clone()
    };
    assert!(
        copy_of(&old, S::Approved, today()).is_ok(),
        "last year's approved is inactive"
    );
    assert_eq!(
        prefill_from(&form, Vienna, today())["duty_station"],
        "vienna"
    );
}

#[test]
fn an_approved_annual_designation_renews_into_next_year() {
    let form = form();
    let next = renewal_of(&form, S::Approved).unwrap();
    assert_eq!(
        (next.valid_from, next.valid_until),
        (day(2027, 1, 1), day(2027, 12, 31))
    );
    let (valid_from, valid_until) = (form.valid_from, form.valid_until);
    assert_eq!(
        DesignationForm {
            valid_from,
            valid_until,
            ..next
        },
        form,
        "all else kept"
    );
    assert_eq!(renewal_of(&form, S::Submitted), None);
    let temporary = DesignationForm {
        pass_kind: Temporary,
        ..form
    };
    assert_eq!(renewal_of(&temporary, S::Approved), None);
}

#[test]
fn a_badge_is_valid_until_its_date_unless_ended() {
    let until = day(2026, 12, 31);
    let state = |s, today| badge_state(s, until, today);
    assert_eq!(state(S::Approved, until), BadgeState::Valid);
    assert_eq!(state(S::Approved, day(2027, 1, 1)), BadgeState::Expired);
    assert_eq!(state(S::Expired, today()), BadgeState::Expired);
    assert_eq!(state(S::Revoked, today()), BadgeState::Revoked);
    assert_eq!(state(S::Withdrawn, today()), BadgeState::Withdrawn);
    assert_eq!(state(S::Submitted, today()), BadgeState::NotIssued);
}

#[test]
fn rights_belong_to_an_approved_annual_principal_with_the_box_checked() {
    let end = day(2026, 12, 31);
    let rights = |r, pass, s, granted, until| {
        holds_accreditation_rights(r, pass, s, granted, until, today())
    };
    assert!(rights(PRIN, Annual, S::Approved, true, end));
    assert!(!rights(PRIN, Annual, S::Approved, false, end));
    assert!(!rights(PRIN, Annual, S::Submitted, true, end));
    assert!(!rights(PRIN, Temporary, S::Approved, true, end));
    assert!(!rights(ADD, Annual, S::Approved, true, end));
    assert!(!rights(PRIN, Annual, S::Approved, true, day(2026, 3, 9)));
}

#[test]
fn room_bookings_are_half_open() {
    assert!(overlaps(9, 11, 10, 12) && overlaps(9, 12, 10, 11));
    assert!(!overlaps(9, 10, 10, 11), "back to back");
    assert!(!overlaps(10, 10, 9, 12), "empty");
    assert_eq!(
        check_booking_slot(10, 10).unwrap_err().code,
        "end_not_after_start"
    );
    assert_eq!(check_booking_slot(9, 10), Ok(()));
    let bookings = [(1, 8, 9), (2, 10, 12)];
    assert_eq!(conflicting_booking(9, 10, &bookings), None);
    assert_eq!(conflicting_booking(11, 13, &bookings), Some(2));
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (2024i32..2029, 1u32..=366)
        .prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d).unwrap_or_else(|| day(y, 12, 31)))
}

fn pass_of(annual: bool) -> PassKind {
    if annual { Annual } else { Temporary }
}

/// A random step: submit (`op` 1: approved at once, 2–3: submitted) or, with `op` 0,
/// withdraw or reject (by `pick`'s parity) one of the earlier designations.
fn any_step() -> impl Strategy<Value = (R, bool, usize, u8, usize)> {
    let rep = prop::sample::select(R::ALL);
    (rep, any::<bool>(), 0usize..3, 0u8..4, any::<usize>())
}

proptest! {
    /// Accepting only the submissions `check_quota` allows never exceeds a quota.
    #[test]
    fn accepted_submissions_never_exceed_the_quota(steps in prop::collection::vec(any_step(), 0..80)) {
        let mut list: Vec<ExistingDesignation> = Vec::new();
        for (id, (rep, annual, station, op, pick)) in steps.into_iter().enumerate() {
            let at = DutyStation::ALL[station];
            if op == 0 && !list.is_empty() {
                let n = list.len();
                let target = &mut list[pick % n];
                let action = if pick % 2 == 0 { A::Withdraw } else { A::Reject };
                target.status = transition(target.status, action).unwrap_or(target.status);
            } else if check_quota(rep, pass_of(annual), at, 2026, &list).is_ok() {
                let status = if op == 1 { S::Approved } else { S::Submitted };
                let new = held(id as i64, at, rep, status, "A");
                list.push(ExistingDesignation { pass_kind: pass_of(annual), ..new });
            }
            for (at, r) in DutyStation::ALL.iter().flat_map(|s| R::ALL.iter().map(move |r| (*s, *r))) {
                let counted = |d: &&ExistingDesignation| d.duty_station == at
                    && d.representative_type == r && d.pass_kind == Annual && is_active(d.status);
                let used = list.iter().filter(counted).count() as u32;
                prop_assert!(used <= quota_of(r, Annual).unwrap());
            }
        }
    }

    #[test]
    fn accepted_validity_lies_within_the_current_year(
        from in any_date(), until in any_date(), today in any_date(), annual in any::<bool>()
    ) {
        let year = today.year();
        let wrong = from > until || until.year() != year || from.year() != year
            || (!annual && from < today);
        match check_validity(from, until, today, pass_of(annual)) {
            Ok(()) => prop_assert!(!wrong),
            Err(errors) => prop_assert!(wrong && (1..=2).contains(&errors.len())),
        }
    }

    #[test]
    fn the_default_validity_is_always_accepted(today in any_date(), annual in any::<bool>()) {
        let (from, until) = default_validity(today);
        prop_assert_eq!(check_validity(from, until, today, pass_of(annual)), Ok(()));
    }

    #[test]
    fn overlap_is_symmetric_and_means_a_shared_instant(
        a in 0i32..30, la in 0i32..10, b in 0i32..30, lb in 0i32..10
    ) {
        let (a_end, b_end) = (a + la, b + lb);
        let shared = (a..a_end).any(|t| (b..b_end).contains(&t));
        prop_assert_eq!(overlaps(a, a_end, b, b_end), shared);
        prop_assert_eq!(overlaps(a, a_end, b, b_end), overlaps(b, b_end, a, a_end));
    }

    #[test]
    fn ended_designations_stay_ended(actions in prop::collection::vec(prop::sample::select(A::ALL), 0..20)) {
        let mut status = S::Draft;
        for action in actions {
            let ended = may_copy(status);
            match transition(status, action) {
                Ok(next) => {
                    prop_assert!(!ended);
                    status = next;
                }
                Err(e) => prop_assert_eq!(e.from, status),
            }
        }
    }
}

#[test]
fn weekly_counts_put_each_submission_in_its_week() {
    let week = 7 * 24 * 3600 * 1000;
    let now = 100 * week;
    let times = [
        now - 1,
        now - week,
        now - week - 1,
        now - 12 * week,
        now - 13 * week,
        now,
    ];
    let b = weekly_counts(&times, now);
    assert_eq!(b.len(), CHART_WEEKS);
    assert_eq!(b[11].1, 2, "the last week: now - 1 and now - week");
    assert_eq!(b[10].1, 1);
    assert_eq!(b[0].1, 1, "exactly 12 weeks back is the first bucket");
    assert_eq!(
        b.iter().map(|x| x.1).sum::<u32>(),
        4,
        "older and future times are left out"
    );
    assert_eq!(b[0].0, now - 12 * week);
}

proptest! {
    /// The database counts per week with the rule's arithmetic; the chart made from its counts
    /// is the chart made from the times.
    #[test]
    fn the_chart_from_counts_per_week_is_the_chart_from_the_times(
        offsets in proptest::collection::vec(-2 * (CHART_WEEKS as i64) * WEEK_MS..WEEK_MS, 0..200)
    ) {
        let now = 2_000 * WEEK_MS + 12_345;
        let times: Vec<i64> = offsets.iter().map(|o| now + o).collect();
        let start = chart_start(now);
        let mut per_week = std::collections::BTreeMap::new();
        for t in times.iter().filter(|t| **t >= start && **t < now) {
            *per_week.entry((t - start) / WEEK_MS).or_insert(0_i64) += 1;
        }
        let per_week: Vec<(i64, i64)> = per_week.into_iter().collect();
        prop_assert_eq!(weekly_from_counts(&per_week, now), weekly_counts(&times, now));
    }
}
