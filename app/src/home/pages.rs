//! The home page and the presentation page of each service.
use super::api::home_stats;
use crate::i18n::*;
use crate::ui::title::PageTitle;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text="" />
        <section class="hero">
            <h1>{t!(i18n, home_title)}</h1>
            <p class="hero__intro">{t!(i18n, home_intro)}</p>
        </section>
        <section aria-labelledby="services-heading">
            <h2 id="services-heading">{t!(i18n, home_services)}</h2>
            <ul class="card-grid">
                <ServiceCard href="/accreditation" icon="◆" kind=Service::Accreditation />
                <ServiceCard href="/partners" icon="●" kind=Service::Partners />
                <ServiceCard href="/extranet" icon="▲" kind=Service::Extranet />
                <ServiceCard href="/secretariat" icon="■" kind=Service::Secretariat />
            </ul>
        </section>
        <HomeFigures />
    }
}

#[component]
fn HomeFigures() -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| home_stats());
    view! {
        <section class="figures" aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t!(i18n, home_stats_title)}</h2>
            <Suspense fallback=move || view! { <p>{t!(i18n, home_stats_loading)}</p> }>
                {move || {
                    stats
                        .get()
                        .map(|r| match r {
                            Ok(s) => {
                                view! {
                                    <dl class="figures__list">
                                        <div>
                                            <dt>{t!(i18n, home_stats_orgs)}</dt>
                                            <dd data-figure="organisations">{s.organisations}</dd>
                                        </div>
                                        <div>
                                            <dt>{t!(i18n, home_stats_consultative)}</dt>
                                            <dd data-figure="consultative">{s.consultative}</dd>
                                        </div>
                                    </dl>
                                }
                                    .into_any()
                            }
                            Err(_) => view! { <p>{t!(i18n, home_stats_unavailable)}</p> }.into_any(),
                        })
                }}
            </Suspense>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Accreditation,
    Partners,
    Extranet,
    Secretariat,
}

fn service_title(i18n: leptos_i18n::I18nContext<Locale>, s: Service) -> impl IntoView {
    move || match s {
        Service::Accreditation => t!(i18n, svc_accreditation_title).into_any(),
        Service::Partners => t!(i18n, svc_partners_title).into_any(),
        Service::Extranet => t!(i18n, svc_extranet_title).into_any(),
        Service::Secretariat => t!(i18n, svc_secretariat_title).into_any(),
    }
}

fn service_title_string(l: Locale, s: Service) -> String {
    match s {
        Service::Accreditation => td_string!(l, svc_accreditation_title),
        Service::Partners => td_string!(l, svc_partners_title),
        Service::Extranet => td_string!(l, svc_extranet_title),
        Service::Secretariat => td_string!(l, svc_secretariat_title),
    }
    .to_string()
}

fn service_body(i18n: leptos_i18n::I18nContext<Locale>, s: Service) -> impl IntoView {
    move || match s {
        Service::Accreditation => t!(i18n, svc_accreditation_body).into_any(),
        Service::Partners => t!(i18n, svc_partners_body).into_any(),
        Service::Extranet => t!(i18n, svc_extranet_body).into_any(),
        Service::Secretariat => t!(i18n, svc_secretariat_body).into_any(),
    }
}

fn service_who(i18n: leptos_i18n::I18nContext<Locale>, s: Service) -> impl IntoView {
    move || match s {
        Service::Accreditation => t!(i18n, svc_accreditation_who).into_any(),
        Service::Partners => t!(i18n, svc_partners_who).into_any(),
        Service::Extranet => t!(i18n, svc_extranet_who).into_any(),
        Service::Secretariat => t!(i18n, svc_secretariat_who).into_any(),
    }
}

#[component]
fn ServiceCard(href: &'static str, icon: &'static str, kind: Service) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="card">
            <span class="card__icon" aria-hidden="true">{icon}</span>
            <h3 class="card__title">
                <A href=href>{service_title(i18n, kind)}</A>
            </h3>
            <p>{service_body(i18n, kind)}</p>
        </li>
    }
}

#[component]
fn ServicePage(kind: Service) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move |l| service_title_string(l, kind) />
        <section class="service">
            <h1>{service_title(i18n, kind)}</h1>
            <p class="hero__intro">{service_body(i18n, kind)}</p>
            <h2>{t!(i18n, svc_who)}</h2>
            <p>{service_who(i18n, kind)}</p>
            <p class="service__cta">
                <span>{t!(i18n, svc_sign_in_needed)}</span>
                " "
                <A href="/login" attr:class="button">{t!(i18n, sign_in)}</A>
            </p>
        </section>
    }
}

#[component]
pub fn AccreditationPage() -> impl IntoView {
    view! { <ServicePage kind=Service::Accreditation /> }
}

#[component]
pub fn PartnersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ServicePage kind=Service::Partners />
        <p class="service__more"><A href="/calls">{t!(i18n, svc_partners_calls)}</A></p>
    }
}

#[component]
pub fn ExtranetPage() -> impl IntoView {
    view! { <ServicePage kind=Service::Extranet /> }
}

#[component]
pub fn SecretariatPage() -> impl IntoView {
    view! { <ServicePage kind=Service::Secretariat /> }
}
