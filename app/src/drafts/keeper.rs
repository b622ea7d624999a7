//! Offline-tolerant drafts for long forms (issue #4). Put `<DraftKeeper …/>` inside a form:
//! once hydrated, every change is kept (debounced) on the device (localStorage, through
//! leptos-use) and, while online, on the server (`drafts::api`). A reload restores the newest
//! copy; if the record changed on the server since the draft began, the fields that collide are
//! shown side by side and the person chooses, field by field. Submitting needs the network: while
//! offline the submit buttons wait, and say why. Without JavaScript the form simply posts.
use crate::drafts::domain::DraftForm;
use crate::fields::Fields;
use crate::i18n::*;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the device keeps for one person, form and record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub fields: Fields,
    pub base: Fields,
    pub base_version: i64,
    pub saved_at: i64,
    /// Whether the server has this copy.
    pub synced: bool,
}

/// A field both sides changed, with the label the page gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictView {
    pub field: String,
    pub label: String,
    pub mine: String,
    pub theirs: String,
    /// The person picked one of the two.
    pub chosen: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftStatus {
    Idle,
    Restored,
    SavedHere,
    Saved,
    Offline,
}

#[component]
pub fn DraftKeeper(
    form: DraftForm,
    /// The record the form edits (an organisation id), or empty.
    #[prop(into)]
    record_key: String,
    /// Whose draft this is (drafts on a shared device stay apart).
    #[prop(into)]
    owner: String,
    /// The id of the form element.
    form_id: &'static str,
    /// The record's fields and version as the page rendered them.
    record: Fields,
    version: i64,
    /// Becomes true once the form was submitted successfully: the device copy is cleared.
    #[prop(into)]
    submitted: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(DraftStatus::Idle);
    let conflicts = RwSignal::new(Vec::<ConflictView>::new());
    let online = RwSignal::new(true);
    // When the device copy was last written (browser tests wait on it).
    let saved_at = RwSignal::new(0_i64);
    #[cfg(feature = "hydrate")]
    browser::start(browser::Setup {
        form,
        record_key,
        owner,
        form_id,
        record,
        version,
        submitted,
        status,
        conflicts,
        online,
        saved_at,
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (form, record_key, owner, form_id, record, submitted);
    let status_text = move || {
        let l = i18n.get_locale();
        match status.get() {
            DraftStatus::Idle => "",
            DraftStatus::Restored => td_string!(l, draft_restored),
            DraftStatus::SavedHere => td_string!(l, draft_saved_here),
            DraftStatus::Saved => td_string!(l, draft_saved),
            DraftStatus::Offline => td_string!(l, draft_offline),
        }
    };
    let choose = move |field: String, value: String| {
        #[cfg(feature = "hydrate")]
        browser::set_field(form_id, &field, &value, true);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&field, &value);
        conflicts.update(|list| {
            for c in list.iter_mut().filter(|c| c.field == field) {
                c.chosen = true;
            }
        });
    };
    // What the panel shows: unchanged by a choice, so the radio buttons stay as the person set them.
    let shown = Memo::new(move |_| {
        conflicts.with(|list| {
            list.iter()
                .map(|c| ConflictView {
                    chosen: false,
                    ..c.clone()
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <input type="hidden" name="version" value=version.to_string() />
        <p
            class="draft-status"
            role="status"
            data-testid="draft-status"
            data-saved-at=move || saved_at.get().to_string()
        >
            {status_text}
        </p>
        {move || {
            (!online.get())
                .then(|| {
                    view! {
                        <p class="notice" data-testid="offline-submit">
                            {t!(i18n, draft_submit_needs_network)}
                        </p>
                    }
                })
        }}
        {move || {
            let list = shown.get();
            (!list.is_empty())
                .then(|| {
                    view! {
                        <div class="conflicts" role="alert" data-testid="conflicts">
                            <h3>{t!(i18n, draft_conflicts_title)}</h3>
                            <p>{t!(i18n, draft_conflicts_intro)}</p>
                            {list
                                .into_iter()
                                .map(|c| {
                                    let (f1, f2) = (c.field.clone(), c.field.clone());
                                    let (mine, theirs) = (c.mine.clone(), c.theirs.clone());
                                    let name = format!("conflict-{}", c.field);
                                    view! {
                                        <fieldset class="conflict">
                                            <legend>{c.label.clone()}</legend>
                                            <label>
                                                <input
                                                    type="radio"
                                                    name=name.clone()
                                                    on:change=move |_| choose(f1.clone(), mine.clone())
                                                />
                                                {t!(i18n, draft_conflict_mine)} " " <q>{c.mine.clone()}</q>
                                            </label>
                                            <label>
                                                <input
                                                    type="radio"
                                                    name=name
                                                    on:change=move |_| choose(f2.clone(), theirs.clone())
                                                />
                                                {t!(i18n, draft_conflict_theirs)} " " <q>{c.theirs.clone()}</q>
                                            </label>
                                        </fieldset>
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                })
        }}
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{ConflictView, DraftStatus, LocalDraft};
    use crate::drafts::api::{load_draft, save_draft};
    use crate::drafts::domain::{DraftForm, merge};
    use crate::fields::Fields;
    use codee::string::JsonSerdeCodec;
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use leptos_use::storage::use_local_storage;
    use leptos_use::{use_debounce_fn, use_event_listener};
    use web_sys::wasm_bindgen::JsCast;

    pub struct Setup {
        pub form: DraftForm,
        pub record_key: String,
        pub owner: String,
        pub form_id: &'static str,
        pub record: Fields,
        pub version: i64,
        pub submitted: Signal<bool>,
        pub status: RwSignal<DraftStatus>,
        pub conflicts: RwSignal<Vec<ConflictView>>,
        pub online: RwSignal<bool>,
        pub saved_at: RwSignal<i64>,
    }

    fn now() -> i64 {
        web_sys::js_sys::Date::now() as i64
    }

    fn is_online() -> bool {
        window().navigator().on_line()
    }

    pub use crate::ui::dom::set_field;
    use crate::ui::dom::{form as form_element, label_of, read_fields};

    /// While offline (or while conflicts wait for a choice) the submit buttons wait.
    fn set_submit_enabled(form_id: &str, enabled: bool) {
        let Ok(buttons) = document().query_selector_all(&format!("#{form_id} button[type=submit]"))
        else {
            return;
        };
        for i in 0..buttons.length() {
            if let Some(b) = buttons
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::HtmlButtonElement>().ok())
            {
                b.set_disabled(!enabled);
            }
        }
    }

    pub fn start(s: Setup) {
        let Setup {
            form,
            record_key,
            owner,
            form_id,
            record,
            version,
            submitted,
            status,
            conflicts,
            online,
            saved_at,
        } = s;
        let key = format!("passerelle.draft.{}.{}.{}", form.code(), record_key, owner);
        let (stored, set_stored, remove) =
            use_local_storage::<Option<LocalDraft>, JsonSerdeCodec>(key);
        let record = StoredValue::new(record);
        let record_key = StoredValue::new(record_key);
        // The base a saved draft names: the record as rendered, or — while conflicts wait for the
        // person's choice — the draft's own base, so that a reload shows them again.
        let draft_base = StoredValue::new((record.get_value(), version));

        // Sends the device copy to the server; marks it synced. The page may re-render while
        // the call runs (its signals disposed): then the new keeper carries on, this one stops.
        let sync = move |after_restore: bool| {
            let Some(draft) = stored.try_get_untracked().flatten().filter(|d| !d.synced) else {
                return;
            };
            let Some(key) = record_key.try_get_value() else {
                return;
            };
            spawn_local(async move {
                let fields = serde_json::to_string(&draft.fields).unwrap_or_default();
                let base = serde_json::to_string(&draft.base).unwrap_or_default();
                match save_draft(
                    form.code().to_string(),
                    key,
                    fields,
                    base,
                    draft.base_version,
                )
                .await
                {
                    Ok(_) => {
                        if stored
                            .try_get_untracked()
                            .flatten()
                            .is_some_and(|d| d.saved_at == draft.saved_at)
                        {
                            set_stored.try_set(Some(LocalDraft {
                                synced: true,
                                ..draft
                            }));
                        }
                        status.try_set(DraftStatus::Saved);
                    }
                    // Right after a restore, "restored" stays the news; the next save retries.
                    Err(_) if after_restore => {}
                    Err(_) => {
                        status.try_set(if is_online() {
                            DraftStatus::SavedHere
                        } else {
                            DraftStatus::Offline
                        });
                    }
                }
            });
        };

        // Typed since the last save (flushed if the page goes away before the pause ends).
        let dirty = StoredValue::new(false);
        // Keeps what the form holds now: on the device, then on the server when online.
        let save_now = move || {
            dirty.try_update_value(|d| *d = false);
            let Some(el) = form_element(form_id) else {
                return;
            };
            let fields = read_fields(&el, false);
            let Some((base, base_version)) = draft_base.try_get_value() else {
                return;
            };
            let draft = LocalDraft {
                fields,
                base,
                base_version,
                saved_at: now(),
                synced: false,
            };
            saved_at.try_set(draft.saved_at);
            set_stored.try_set(Some(draft));
            if is_online() {
                sync(false);
            } else {
                status.try_set(DraftStatus::Offline);
            }
        };
        let keep = use_debounce_fn(save_now, 600.0);
        // Leaving the page before the pause ends: keep what was typed.
        let _ = use_event_listener(window(), leptos::ev::pagehide, move |_| {
            if dirty.try_get_value().unwrap_or(false) {
                save_now();
            }
        });

        let on_change = move |ev: web_sys::Event| {
            let in_form = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("form").ok().flatten())
                .is_some_and(|f| f.id() == form_id);
            if in_form {
                dirty.try_update_value(|d| *d = true);
                keep();
            }
        };
        let _ = use_event_listener(document(), leptos::ev::input, on_change.clone());
        let _ = use_event_listener(document(), leptos::ev::change, on_change);
        let _ = use_event_listener(window(), leptos::ev::online, move |_| {
            online.set(true);
            set_submit_enabled(form_id, conflicts.get_untracked().iter().all(|c| c.chosen));
            sync(false);
        });
        let _ = use_event_listener(window(), leptos::ev::offline, move |_| {
            online.set(false);
            status.set(DraftStatus::Offline);
            set_submit_enabled(form_id, false);
        });

        Effect::new(move |_| {
            if submitted.try_get().unwrap_or(false) {
                remove();
            }
        });

        // Once, after hydration: restore the newest copy (device or server).
        Effect::new(move |done: Option<()>| {
            if done.is_some() {
                return;
            }
            online.set(is_online());
            if !is_online() {
                set_submit_enabled(form_id, false);
            }
            let local = stored.get_untracked();
            let key = record_key.get_value();
            spawn_local(async move {
                let server = if is_online() {
                    load_draft(form.code().to_string(), key)
                        .await
                        .ok()
                        .and_then(|s| s.draft)
                        .map(|d| LocalDraft {
                            fields: d.fields,
                            base: d.base,
                            base_version: d.base_version,
                            saved_at: d.saved_at,
                            synced: true,
                        })
                } else {
                    None
                };
                let newest = match (local, server) {
                    (Some(l), Some(s)) => Some(if l.saved_at >= s.saved_at { l } else { s }),
                    (l, s) => l.or(s),
                };
                let Some(draft) = newest else { return };
                // Typed on this device and never sent (offline, then the page closed): the
                // server copy must get it now, not at the next keystroke.
                let unsent = !draft.synced;
                // The page may have re-rendered meanwhile: its new keeper restores instead.
                let Some(current) = record.try_get_value() else {
                    return;
                };
                let (values, found) = if draft.base_version == version {
                    (draft.fields.clone(), vec![])
                } else {
                    let m = merge(&draft.base, &draft.fields, &current);
                    (m.merged, m.conflicts)
                };
                for (name, value) in &values {
                    if current.get(name) != Some(value) || draft.base_version != version {
                        set_field(form_id, name, value, false);
                    }
                }
                conflicts.try_set(
                    found
                        .into_iter()
                        .map(|c| ConflictView {
                            label: label_of(form_id, &c.field),
                            field: c.field,
                            mine: c.mine,
                            theirs: c.theirs,
                            chosen: false,
                        })
                        .collect(),
                );
                if conflicts
                    .try_get_untracked()
                    .is_some_and(|c| c.iter().any(|x| !x.chosen))
                {
                    draft_base.try_update_value(|b| *b = (draft.base.clone(), draft.base_version));
                    set_submit_enabled(form_id, false);
                }
                status.try_set(DraftStatus::Restored);
                let waiting = conflicts
                    .try_get_untracked()
                    .is_some_and(|c| c.iter().any(|x| !x.chosen));
                if unsent && !waiting && is_online() {
                    sync(true);
                }
            });
        });

        // Conflicts resolved: the form may be submitted again (when online).
        Effect::new(move |_| {
            let none_left = conflicts
                .try_get()
                .is_none_or(|c| c.iter().all(|c| c.chosen));
            if none_left {
                draft_base.set_value((record.get_value(), version));
                if online.get_untracked() {
                    set_submit_enabled(form_id, true);
                }
            }
        });
    }
}
