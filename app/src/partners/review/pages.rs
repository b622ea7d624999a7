//! The page of one application as its agency reviews it (`/agency/applications/:id`): the
//! concept note, the reviews and their totals, the viewer's score form (an assigned reviewer,
//! once the call closed), the agency's moves (each asked twice; retracting says why), the
//! feedback to the partner, the history.
use super::api::{MoveApplication, ReviewView, SaveFeedback, ScoreApplication, application_review};
use crate::AppError;
use crate::i18n::*;
use crate::label;
use crate::partners::calls::pages::application_state_label;
use crate::partners::domain::applications::{ApplicationAction, limits, score_field};
use crate::partners::labels::{action_confirm, action_label};
use crate::ui::errors::error_notice;
use crate::ui::forms::{ErrorSummary, FormKit, Notice, TextAreaField, TextField, query_param};
use crate::ui::history::History;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

type I18n = leptos_i18n::I18nContext<Locale>;

#[derive(Clone, Copy)]
struct Kits {
    score: FormKit,
    moved: FormKit,
    feedback: FormKit,
}

#[derive(Clone, Copy)]
struct Actions {
    score: ServerAction<ScoreApplication>,
    moved: ServerAction<MoveApplication>,
    feedback: ServerAction<SaveFeedback>,
}

#[component]
pub fn ApplicationReviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let actions = Actions {
        score: ServerAction::<ScoreApplication>::new(),
        moved: ServerAction::<MoveApplication>::new(),
        feedback: ServerAction::<SaveFeedback>::new(),
    };
    let kits = Kits {
        score: FormKit::new("score", actions.score),
        moved: FormKit::new("application-move", actions.moved),
        feedback: FormKit::new("feedback", actions.feedback),
    };
    let page = Resource::new(
        move || {
            (
                id.get(),
                actions.score.version().get(),
                actions.moved.version().get(),
                actions.feedback.version().get(),
            )
        },
        |(id, ..)| async move {
            match id {
                Some(id) => application_review(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let saved = query_param("saved");
    let notice = Signal::derive(move || {
        let l = i18n.get_locale();
        let done = |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(_)));
        let any = saved.get().is_some()
            || done(actions.score.value().try_get().flatten())
            || done(actions.moved.value().try_get().flatten())
            || done(actions.feedback.value().try_get().flatten());
        any.then(|| td_string!(l, saved_generic).to_string())
    });
    view! {
        <PageTitle text=|l| td_string!(l, review.title).to_string() />
        <Suspense fallback=move || view! { <p>{t!(i18n, loading)}</p> }>
            {move || page.get().map(|r| match r {
                Err(e) => error_notice(i18n, e),
                Ok(v) => review_view(i18n, v, notice, actions, kits).into_any(),
            })}
        </Suspense>
    }
}

fn review_view(
    i18n: I18n,
    v: ReviewView,
    notice: Signal<Option<String>>,
    actions: Actions,
    kits: Kits,
) -> impl IntoView + use<> {
    let l = i18n.get_locale();
    let (id, version) = (v.id, v.version);
    let reviews = if v.reviews.is_empty() {
        view! { <p class="empty-state">{td_string!(l, review.no_reviews)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="reviews-title">
                <table class="table" data-testid="reviews">
                    <thead><tr>
                        <th scope="col">{td_string!(l, review.reviewer)}</th>
                        {v.criteria.iter().map(|c| view! { <th scope="col" class="number">{format!("{} ({})", c.name, c.weight)}</th> }).collect_view()}
                        <th scope="col" class="number">{td_string!(l, calls.total)}</th>
                        <th scope="col">{td_string!(l, review.comment)}</th>
                    </tr></thead>
                    <tbody>
                        {v.reviews.iter().map(|r| view! {
                            <tr>
                                <td>{r.reviewer.clone()}</td>
                                {r.scores.iter().map(|s| view! { <td class="number">{*s}</td> }).collect_view()}
                                <td class="number" data-testid="review-total"><strong>{r.total}</strong></td>
                                <td>{r.comment.clone()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let score_form = match v.score_refusal.clone() {
        None => {
            let criteria = v.criteria.clone();
            view! {
                <section aria-labelledby="score-title">
                    <h2 id="score-title">{td_string!(l, review.score_title)}</h2>
                    <p class="muted">{td_string!(l, review.score_help)}</p>
                    <ErrorSummary kit=kits.score />
                    <ActionForm action=actions.score attr:class="form" attr:id=kits.score.id attr:novalidate=true>
                        <input type="hidden" name="application_id" value=id />
                        {criteria.into_iter().enumerate().map(|(i, c)| {
                            let label = format!("{} (0–{})", c.name, c.weight);
                            view! {
                                <TextField kit=kits.score name=score_field(i) label=label input_type="number" inputmode="numeric" max_chars=3 required=true />
                            }
                        }).collect_view()}
                        <TextAreaField kit=kits.score name="comment" label=label!(i18n, review.comment) max_chars=limits::COMMENT rows=3 />
                        <button type="submit" class="button" data-testid="send-score">{td_string!(l, review.send_score)}</button>
                    </ActionForm>
                </section>
            }
            .into_any()
        }
        // An officer not assigned is not told twice; a reviewer is told why.
        Some(code) if v.is_reviewer => view! {
            <p class="muted" data-testid="score-refusal">{crate::ui::forms::error_text(l, &code)}</p>
        }
        .into_any(),
        Some(_) => ().into_any(),
    };
    let moves = (!v.actions.is_empty()).then(|| {
        view! {
            <ErrorSummary kit=kits.moved />
            <div class="actions" data-testid="application-actions">
                {v.actions.iter().map(|a| {
                    let a = *a;
                    let danger = matches!(a, ApplicationAction::Reject | ApplicationAction::Retract);
                    view! {
                        <details class="confirm">
                            <summary class=if danger { "button button--secondary" } else { "button" }>{action_label(l, a)}</summary>
                            <ActionForm action=actions.moved attr:class="form" attr:id=kits.moved.id>
                                <input type="hidden" name="application_id" value=id />
                                <input type="hidden" name="version" value=version />
                                <input type="hidden" name="action" value=a.as_str() />
                                <p>{action_confirm(l, a)}</p>
                                {a.needs_reason().then(|| view! {
                                    <TextAreaField kit=kits.moved name="reason" label=label!(i18n, calls.reason) max_chars=limits::COMMENT rows=3 required=true />
                                })}
                                <button type="submit" class=if danger { "button button--danger" } else { "button" }
                                    data-testid=format!("application-{}", a.as_str())>{action_label(l, a)}</button>
                            </ActionForm>
                        </details>
                    }
                }).collect_view()}
            </div>
        }
    });
    let award_refusal = v.award_refusal.clone().filter(|_| {
        v.state == crate::partners::domain::applications::ApplicationState::Recommended
    });
    let retracted = (!v.retract_reason.is_empty()).then(|| {
        view! { <p><strong>{td_string!(l, review.retract_reason)}</strong> " " {v.retract_reason.clone()}</p> }
    });
    view! {
        <article aria-labelledby="application-title" data-testid="application">
            <p><a href=format!("/calls/{}", v.call_id)>{"← "}{v.call_title.clone()}</a></p>
            <Notice text=notice />
            <h1 id="application-title">{v.legal_name.clone()}</h1>
            <p><span class=format!("badge badge--{}", v.state.as_str()) data-testid="application-state">{application_state_label(l, v.state)}</span>
                " " {v.agency.name()}</p>
            {retracted}
            <dl class="facts">
                <dt>{td_string!(l, field_country)}</dt><dd>{crate::countries::name_of(&v.country, l.as_str())}</dd>
                <dt>{td_string!(l, calls.sent)}</dt><dd>{crate::ui::format::utc_minute(v.created_at)}</dd>
                <dt>{td_string!(l, review.verified)}</dt>
                <dd>{if v.partner_verified { td_string!(l, yes) } else { td_string!(l, no) }}</dd>
                <dt>{td_string!(l, review.red_flag)}</dt>
                <dd>{if v.red_flag { td_string!(l, yes) } else { td_string!(l, no) }}</dd>
            </dl>
            <p><a href=format!("/partners/{}", v.organisation_id)>{td_string!(l, review.see_profile)}</a></p>
            <h2>{td_string!(l, calls.concept_note)}</h2>
            <p class="prose pre-wrap" data-testid="concept-note">{v.concept_note.clone()}</p>
            <h2 id="reviews-title">{td_string!(l, review.reviews_title)} " (" {v.reviews.len()} " / " {v.reviewers} ")"</h2>
            {reviews}
            {score_form}
            <h2>{td_string!(l, review.decision)}</h2>
            {award_refusal.map(|code| view! {
                <p class="muted" data-testid="award-refusal">{td_string!(l, review.award_not_yet)} " " {crate::ui::forms::error_text(l, &code)}</p>
            })}
            {moves}
            <section aria-labelledby="feedback-title">
                <h2 id="feedback-title">{td_string!(l, review.feedback_title)}</h2>
                <ErrorSummary kit=kits.feedback />
                <ActionForm action=actions.feedback attr:class="form" attr:id=kits.feedback.id>
                    <input type="hidden" name="application_id" value=id />
                    <TextAreaField kit=kits.feedback name="feedback" label=label!(i18n, review.feedback)
                        help=label!(i18n, review.feedback_help) value=v.feedback.clone() max_chars=limits::COMMENT rows=4 />
                    <button type="submit" class="button button--secondary" data-testid="save-feedback">{td_string!(l, review.save_feedback)}</button>
                </ActionForm>
            </section>
            <History events=v.history.clone() />
        </article>
    }
}
