//! The PSEA self-assessment page (`/partners/:id/psea`): the current assessment (the form
//! while it is the partner's to write, the answers once submitted), the agency's review, the
//! history.
use super::api::{AssessmentView, PseaView, ReviewPsea, SavePsea, psea_assessments};
use crate::AppError;
use crate::i18n::*;
use crate::label;
use crate::partners::domain::psea::{AssessmentStatus, Standard, evidence_field, parse_assessment};
use crate::partners::support::pages::AskForHelpLink;
use crate::ui::errors::error_notice;
use crate::ui::forms::{
    ErrorSummary, FormKit, Notice, SelectField, TextAreaField, YesNoField, query_param,
};
use crate::ui::title::PageTitle;
use leptos::prelude::*;

pub fn standard_label(l: Locale, s: Standard) -> &'static str {
    use Standard as S;
    match s {
        S::OrganisationalPolicy => td_string!(l, psea.s_organisational_policy),
        S::PartnerAgreements => td_string!(l, psea.s_partner_agreements),
        S::Recruitment => td_string!(l, psea.s_recruitment),
        S::Training => td_string!(l, psea.s_training),
        S::Reporting => td_string!(l, psea.s_reporting),
        S::SurvivorAssistance => td_string!(l, psea.s_survivor_assistance),
        S::Investigations => td_string!(l, psea.s_investigations),
        S::CorrectiveAction => td_string!(l, psea.s_corrective_action),
    }
}

pub fn status_label(l: Locale, s: AssessmentStatus) -> &'static str {
    use AssessmentStatus as A;
    match s {
        A::Draft => td_string!(l, psea.st_draft),
        A::Submitted => td_string!(l, psea.st_submitted),
        A::SentBack => td_string!(l, psea.st_sent_back),
        A::Agreed => td_string!(l, psea.st_agreed),
    }
}

#[component]
pub fn PseaPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let save = ServerAction::<SavePsea>::new();
    let review = ServerAction::<ReviewPsea>::new();
    let kit = FormKit::new("psea", save);
    let review_kit = FormKit::new("psea-review", review);
    let page = Resource::new(
        move || (id.get(), save.version().get(), review.version().get()),
        |(id, ..)| async move {
            match id {
                Some(id) => psea_assessments(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        let done = saved.get().is_some()
            || matches!(save.value().try_get().flatten(), Some(Ok(_)))
            || matches!(review.value().try_get().flatten(), Some(Ok(_)));
        done.then(|| td_string!(i18n.get_locale(), saved_generic).to_string())
    });
    view! {
        <PageTitle text=|l| td_string!(l, psea.title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || page.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(p) => psea_view(i18n, p, notice, save, kit, review, review_kit).into_any(),
            })}
        </Suspense>
    }
}

fn answers_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    a: &AssessmentView,
) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    view! {
        <dl class="facts">
            {a.answers.iter().map(|x| {
                let met = match x.met {
                    Some(true) => td_string!(l, psea.met),
                    Some(false) => td_string!(l, psea.not_met),
                    None => "—",
                };
                view! {
                    <dt>{standard_label(l, x.standard)}</dt>
                    <dd><strong>{met}</strong> {(!x.evidence.is_empty()).then(|| format!(" — {}", x.evidence))}</dd>
                }
            }).collect_view()}
        </dl>
    }
}

#[allow(clippy::too_many_arguments)]
fn psea_view(
    i18n: leptos_i18n::I18nContext<Locale>,
    p: PseaView,
    notice: Signal<Option<String>>,
    save: ServerAction<SavePsea>,
    kit: FormKit,
    review: ServerAction<ReviewPsea>,
    review_kit: FormKit,
) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    let id = p.organisation_id;
    let current = p.assessments.first().cloned();
    let earlier: Vec<AssessmentView> = p.assessments.iter().skip(1).cloned().collect();
    let editable = current.as_ref().is_none_or(|a| a.status.is_editable()) || p.may_start;
    let new_one = current.as_ref().is_none_or(|a| !a.status.is_editable());
    let _ = kit.rules(|f| {
        parse_assessment(f, f.get("submit").is_some_and(|s| !s.is_empty()))
            .err()
            .unwrap_or_default()
    });
    let (values, version) = match (&current, new_one) {
        (Some(a), false) => (a.answers.clone(), a.version),
        _ => (vec![], 0),
    };
    let status_line = current.as_ref().map(|a| {
        let rating = a.rating.map(|r| format!(" · {}", crate::partners::labels::rating_label(l, r)));
        view! {
            <p data-testid="psea-status"><strong>{status_label(l, a.status)}</strong> {rating}
                {a.reviewed_agency.map(|ag| format!(" · {}", ag.name()))}</p>
            {a.review_comment.clone().filter(|c| !c.is_empty()).map(|c| view! { <p class="notice">{t!(i18n, psea.review_comment)} " " {c}</p> })}
        }
    });
    let form = (p.can_edit && editable).then(|| {
        let value = move |s: Standard| values.iter().find(|a| a.standard == s).cloned();
        view! {
            <h2>{t!(i18n, psea.form_title)}</h2>
            <p class="muted">{t!(i18n, psea.form_help)}</p>
            <ErrorSummary kit />
            <ActionForm action=save attr:class="form" attr:id=kit.id attr:novalidate=true>
                <input type="hidden" name="organisation_id" value=id />
                <input type="hidden" name="version" value=version />
                {Standard::ALL.iter().map(|s| {
                    let s = *s;
                    let answer = value(s);
                    let met = match answer.as_ref().and_then(|a| a.met) { Some(true) => "yes", Some(false) => "no", None => "" };
                    let evidence = answer.map(|a| a.evidence).unwrap_or_default();
                    let label = Signal::derive(move || standard_label(i18n.get_locale(), s).to_string());
                    let evidence_name = evidence_field(s);
                    view! {
                        <fieldset class="form__section">
                            <YesNoField kit name=s.as_str() label required=true value=met />
                            <TextAreaField kit name=evidence_name label=label!(i18n, psea.evidence)
                                max_chars=crate::partners::domain::psea::EVIDENCE_MAX value=evidence />
                        </fieldset>
                    }
                }).collect_view()}
                <div class="form__actions">
                    <button type="submit" class="button button--secondary">{t!(i18n, psea.save_draft)}</button>
                    <button type="submit" class="button" name="submit" value="1">{t!(i18n, psea.submit)}</button>
                </div>
            </ActionForm>
        }
    });
    let review_form = current.clone().filter(|a| a.status == AssessmentStatus::Submitted && !p.my_agencies.is_empty()).map(|a| {
        let (options, only) = crate::partners::pages::agency_options(&p.my_agencies);
        let decisions = vec![
            ("agree".to_string(), td_string!(l, psea.agree).to_string()),
            ("send_back".to_string(), td_string!(l, psea.send_back).to_string()),
        ];
        view! {
            <h2>{t!(i18n, psea.review_title)}</h2>
            <ErrorSummary kit=review_kit />
            <ActionForm action=review attr:class="form" attr:id=review_kit.id>
                <input type="hidden" name="assessment_id" value=a.id />
                <SelectField kit=review_kit name="agency" label=label!(i18n, partners.agency) options required=true selected=only />
                <SelectField kit=review_kit name="decision" label=label!(i18n, psea.decision) options=decisions required=true />
                <TextAreaField kit=review_kit name="comment" label=label!(i18n, partners.comment) max_chars=2000 />
                <button type="submit" class="button">{t!(i18n, psea.review_submit)}</button>
            </ActionForm>
        }
    });
    let shown = current
        .clone()
        .filter(|a| !(p.can_edit && a.status.is_editable()));
    view! {
        <section aria-labelledby="psea-title">
            <p><a href=format!("/partners/{id}")>{"← "}{t!(i18n, partners.back_to_profile)}</a></p>
            <h1 id="psea-title">{t!(i18n, psea.title)}</h1>
            {p.is_member.then(|| view! { <AskForHelpLink organisation_id=id /> })}
            <p class="muted">{p.legal_name.clone()}</p>
            <Notice text=notice />
            {status_line}
            {current.is_none().then(|| view! { <p class="empty-state">{t!(i18n, psea.none)}</p> })}
            {shown.map(|a| answers_view(i18n, &a))}
            {review_form}
            {form}
            {(!earlier.is_empty()).then(|| view! {
                <h2>{t!(i18n, psea.history)}</h2>
                <ul class="card-list">
                    {earlier.into_iter().map(|a| view! {
                        <li class="card">
                            <p><strong>{status_label(l, a.status)}</strong>
                                {a.rating.map(|r| format!(" · {}", crate::partners::labels::rating_label(l, r)))}
                                {a.submitted_at.map(|t| format!(" · {}", crate::ui::format::utc_minute(t)))}</p>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
