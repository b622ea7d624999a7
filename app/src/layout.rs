//! The page frame: skip link, header with navigation, language switch and account area,
//! main content, footer.
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

pub use crate::locale::LOCALE_COOKIE;

/// Cookie options for the language cookie: whole site, one year, Lax.
pub fn locale_cookie_options() -> leptos_i18n::context::CookieOptions<Locale> {
    leptos_i18n::context::CookieOptions::<Locale>::default()
        .path("/")
        .same_site(leptos_use::SameSite::Lax)
        .max_age(365 * 24 * 3600 * 1000_i64)
}

/// The language of the app (the language cookie, then Accept-Language, then French) and
/// `<html lang>`. Our own provider rather than leptos_i18n's `I18nContextProvider`, which also
/// renders an empty `<script>` that carries no CSP nonce. On the server `lang` is a plain
/// string (see `ui::title`: leptos_meta reads it after the render's owner may be gone).
#[component]
pub fn LanguageProvider(children: Children) -> impl IntoView {
    #[allow(deprecated)]
    let i18n = leptos_i18n::context::provide_i18n_context_with_options::<Locale>(
        leptos_i18n::context::I18nContextOptions {
            cookie_options: locale_cookie_options(),
            ..Default::default()
        },
    );
    let children = children();
    #[cfg(not(feature = "hydrate"))]
    let lang = i18n.get_locale_untracked().as_str();
    #[cfg(feature = "hydrate")]
    let lang = move || i18n.get_locale().as_str();
    view! {
        {children}
        <leptos_meta::Html attr:lang=lang attr:dir="ltr" />
    }
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let (menu_open, set_menu_open) = signal(false);
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header__bar">
                <A href="/" attr:class="brand">
                    <span class="brand__mark" aria-hidden="true">"P"</span>
                    <span class="brand__name">{t!(i18n, app_name)}</span>
                </A>
                <button
                    type="button"
                    class="menu-toggle"
                    aria-controls="site-nav"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| set_menu_open.update(|open| *open = !*open)
                >
                    {t!(i18n, menu)}
                </button>
                <div class="site-header__tools" class:is-open=move || menu_open.get()>
                    <LanguageSwitch />
                    <AccountArea />
                </div>
            </div>
            <nav
                id="site-nav"
                class="site-nav"
                class:is-open=move || menu_open.get()
                aria-label=move || td_string!(i18n.get_locale(), nav_label)
            >
                <ul>
                    <li><A href="/" exact=true>{t!(i18n, nav_home)}</A></li>
                    <li><A href="/accreditation">{t!(i18n, nav_accreditation)}</A></li>
                    <li><A href="/partners">{t!(i18n, nav_partners)}</A></li>
                    <li><A href="/extranet">{t!(i18n, nav_extranet)}</A></li>
                    <li><A href="/secretariat">{t!(i18n, nav_secretariat)}</A></li>
                </ul>
                <AccountLinks />
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>{t!(i18n, footer_text)}</p>
            <p>{t!(i18n, footer_languages)}</p>
        </footer>
    }
}

/// Three buttons, one per language. Without JavaScript they post to `/locale`, which sets the
/// cookie and sends the person back; once hydrated they switch in place, without a reload.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let return_to = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), search)
        }
    };
    let buttons = Locale::get_all()
        .iter()
        .copied()
        .map(|l| {
            view! {
                <button
                    type="submit"
                    name="locale"
                    value=l.as_str()
                    lang=l.as_str()
                    class="lang-switch__button"
                    aria-pressed=move || (i18n.get_locale() == l).to_string()
                    on:click=move |ev| {
                        ev.prevent_default();
                        i18n.set_locale(l);
                    }
                >
                    {crate::ui::format::language_name(l)}
                </button>
            }
        })
        .collect_view();
    view! {
        <form class="lang-switch" method="post" action="/locale">
            <input type="hidden" name="return_to" value=return_to />
            <span id="lang-switch-label" class="visually-hidden">{t!(i18n, language)}</span>
            <div role="group" aria-labelledby="lang-switch-label" class="lang-switch__group">
                {buttons}
            </div>
        </form>
    }
}

/// The signed-in person's own pages and, for staff, their work queues: in the navigation row
/// (on its right), so that the header stays one band however many roles a person has.
#[component]
fn AccountLinks() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<crate::accounts::pages::Auth>();
    view! {
        <Transition fallback=|| ()>
            {move || auth.user.get().flatten().map(|user| {
                let staff = |role: &str| user.is_platform_admin || user.staff_roles.iter().any(|r| r == role);
                let registrations = staff("extranet_secretariat");
                let accreditation = staff("accreditation_officer");
                let admin = user.is_platform_admin;
                view! {
                    <ul class="site-nav__account">
                        <li><A href="/me">{t!(i18n, nav_me)}</A></li>
                        <li><A href="/organisations">{t!(i18n, nav_organisations)}</A></li>
                        {registrations.then(|| view! { <li><A href="/secretariat/registrations">{t!(i18n, nav_registrations)}</A></li> })}
                        {accreditation.then(|| view! {
                            <li><A href="/secretariat/designations">{t!(i18n, acc.nav_queue)}</A></li>
                            <li><A href="/secretariat/rooms">{t!(i18n, acc.nav_rooms)}</A></li>
                        })}
                        {admin.then(|| view! {
                            <li><A href="/admin/staff">{t!(i18n, nav_staff)}</A></li>
                            <li><A href="/admin/outbox">{t!(i18n, nav_outbox)}</A></li>
                        })}
                    </ul>
                }
            })}
        </Transition>
    }
}

/// Who is signed in, with the way out; or the way in.
#[component]
fn AccountArea() -> impl IntoView {
    let i18n = use_i18n();
    let auth = expect_context::<crate::accounts::pages::Auth>();
    let signed_out = move || {
        view! {
            <span class="account-area__state">{t!(i18n, not_signed_in)}</span>
            <A href="/sign-up">{t!(i18n, sign_up_link_short)}</A>
            <A href="/login" attr:class="button button--small">{t!(i18n, sign_in)}</A>
        }
    };
    view! {
        <div class="account-area">
            <Transition fallback=signed_out>
                {move || match auth.user.get().flatten() {
                    Some(user) => {
                        view! {
                            <span class="account-area__state">
                                {t!(i18n, signed_in_as)} " "
                                <strong data-testid="signed-in-name">{user.display_name}</strong>
                            </span>
                            <ActionForm action=auth.logout attr:class="inline-form">
                                <button type="submit" class="button button--small">{t!(i18n, sign_out)}</button>
                            </ActionForm>
                        }
                            .into_any()
                    }
                    None => signed_out().into_any(),
                }}
            </Transition>
        </div>
    }
}
