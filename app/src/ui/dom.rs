//! Reading and filling forms in the browser (hydrated only): what the drafts keep and what the
//! live validation checks, read the way the server receives a post.
use crate::fields::Fields;
use leptos::prelude::*;
use web_sys::wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The form element with this id.
pub fn form(id: &str) -> Option<HtmlFormElement> {
    document().get_element_by_id(id)?.dyn_into().ok()
}

/// The form's fields as filled: a ticked checkbox is `on`, a group of checkboxes `name[]` is
/// one field `name` with the ticked values comma-separated, a radio group its checked value.
/// Buttons and files never. `all` (for checking the form): hidden fields, passwords and codes
/// too, as the server receives them; else (for drafts) never those.
pub fn read_fields(form: &HtmlFormElement, all: bool) -> Fields {
    let mut fields = Fields::new();
    let elements = form.elements();
    for i in 0..elements.length() {
        let Some(el) = elements.item(i) else { continue };
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            let raw_name = input.name();
            let kind = input.type_();
            if raw_name.is_empty()
                || (!all
                    && (crate::fields::is_secret(&raw_name)
                        || matches!(kind.as_str(), "password" | "hidden")))
                || matches!(kind.as_str(), "submit" | "button" | "file")
            {
                continue;
            }
            let name = raw_name.trim_end_matches("[]").to_string();
            match kind.as_str() {
                "checkbox" if raw_name.ends_with("[]") => {
                    let entry = fields.entry(name).or_default();
                    if input.checked() {
                        if !entry.is_empty() {
                            entry.push(',');
                        }
                        entry.push_str(&input.value());
                    }
                }
                "checkbox" => {
                    fields.insert(
                        name,
                        if input.checked() {
                            "on".into()
                        } else {
                            String::new()
                        },
                    );
                }
                "radio" => {
                    let entry = fields.entry(name).or_default();
                    if input.checked() {
                        *entry = input.value();
                    }
                }
                _ => {
                    fields.insert(name, input.value());
                }
            }
        } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
            let raw_name = select.name();
            if raw_name.is_empty() {
                continue;
            }
            if select.multiple() {
                // A list of several choices (`name[]`): the selected values, comma-separated.
                let options = select.options();
                let picked: Vec<String> = (0..options.length())
                    .filter_map(|i| options.item(i))
                    .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                    .filter(|o| o.selected())
                    .map(|o| o.value())
                    .collect();
                fields.insert(
                    raw_name.trim_end_matches("[]").to_string(),
                    picked.join(","),
                );
            } else {
                fields.insert(raw_name, select.value());
            }
        } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>()
            && !area.name().is_empty()
            && (all || !crate::fields::is_secret(&area.name()))
        {
            fields.insert(area.name(), area.value());
        }
    }
    fields
}

/// Puts a value into the form's field `name` (as `read_fields` gives it); `notify` makes it
/// count as a change (saved, checked).
pub fn set_field(form_id: &str, name: &str, value: &str, notify: bool) {
    let Some(form) = form(form_id) else { return };
    let elements = form.elements();
    let mut touched: Option<web_sys::Element> = None;
    let ticked: Vec<&str> = value.split(',').collect();
    for i in 0..elements.length() {
        let Some(el) = elements.item(i) else { continue };
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            let raw_name = input.name();
            if raw_name.trim_end_matches("[]") != name {
                continue;
            }
            match input.type_().as_str() {
                "checkbox" if raw_name.ends_with("[]") => {
                    input.set_checked(ticked.contains(&input.value().as_str()))
                }
                "checkbox" => input.set_checked(value == "on"),
                "radio" => input.set_checked(input.value() == value),
                "file" | "password" | "hidden" => continue,
                _ => input.set_value(value),
            }
        } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
            if select.name().trim_end_matches("[]") != name {
                continue;
            }
            if select.multiple() {
                let options = select.options();
                for o in (0..options.length())
                    .filter_map(|i| options.item(i))
                    .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                {
                    o.set_selected(ticked.contains(&o.value().as_str()));
                }
            } else {
                select.set_value(value);
            }
        } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            if area.name() != name {
                continue;
            }
            area.set_value(value);
        } else {
            continue;
        }
        touched.get_or_insert(el);
    }
    if let (true, Some(el)) = (notify, touched)
        && let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        })
    {
        let _ = el.dispatch_event(&event);
    }
}

/// The label a person sees for field `name` of the form (its label, or its group's legend).
pub fn label_of(form_id: &str, name: &str) -> String {
    let id = format!("{form_id}-{name}");
    document()
        .query_selector(&format!("label[for='{id}'], fieldset#{id} > legend"))
        .ok()
        .flatten()
        .and_then(|l| l.text_content())
        .map(|t| t.trim().trim_end_matches('*').trim().to_string())
        .unwrap_or_else(|| name.to_string())
}
