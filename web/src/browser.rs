//! The few browser calls the page makes outside Yew: storage, the URL fragment, downloads and
//! reading picked files. Natively (unit tests) they report that there is no browser, so the
//! rest of the app stays plain Rust.

/// A file the user picked: its path inside a picked folder (or its name) and its bytes.
pub use playground::import::PickedFile;

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::{JsCast, JsValue};

    use super::PickedFile;

    fn window() -> Result<web_sys::Window, String> {
        web_sys::window().ok_or_else(|| "no window".to_string())
    }

    /// The browser's words for a failure (a `DOMException`'s name and message).
    fn words(e: JsValue) -> String {
        if let Some(err) = e.dyn_ref::<js_sys::Error>() {
            return format!("{}: {}", String::from(err.name()), String::from(err.message()));
        }
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    }

    fn storage(session: bool) -> Result<web_sys::Storage, String> {
        let w = window()?;
        let s = if session { w.session_storage() } else { w.local_storage() };
        s.map_err(words)?.ok_or_else(|| "storage is not available in this browser".to_string())
    }

    pub fn get(session: bool, key: &str) -> Result<Option<String>, String> {
        storage(session)?.get_item(key).map_err(words)
    }

    pub fn set(session: bool, key: &str, value: &str) -> Result<(), String> {
        storage(session)?.set_item(key, value).map_err(words)
    }

    pub fn remove(session: bool, key: &str) -> Result<(), String> {
        storage(session)?.remove_item(key).map_err(words)
    }

    pub fn keys(session: bool) -> Result<Vec<String>, String> {
        let s = storage(session)?;
        let n = s.length().map_err(words)?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }

    pub fn hash() -> String {
        window().and_then(|w| w.location().hash().map_err(words)).unwrap_or_default()
    }

    /// Sets the fragment without a navigation or a `hashchange` event.
    pub fn replace_hash(fragment: &str) -> Result<String, String> {
        let w = window()?;
        let loc = w.location();
        let base = loc.href().map_err(words)?;
        let base = base.split('#').next().unwrap_or("").to_string();
        let url = if fragment.is_empty() { base } else { format!("{base}#{fragment}") };
        w.history().map_err(words)?.replace_state_with_url(&JsValue::NULL, "", Some(&url)).map_err(words)?;
        Ok(url)
    }

    pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
        let array = js_sys::Uint8Array::from(bytes);
        let parts = js_sys::Array::of1(&array);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(words)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(words)?;
        let doc = window()?.document().ok_or("no document")?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(words)?.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
        web_sys::Url::revoke_object_url(&url).map_err(words)
    }

    /// The files of a file input, taken at once: resetting the input empties its list.
    pub fn picked(list: &web_sys::FileList) -> Vec<web_sys::File> {
        (0..list.length()).filter_map(|i| list.item(i)).collect()
    }

    /// Reads `files` and calls `done` with their names (paths inside a picked folder) and
    /// bytes. Callbacks, not futures: an async executor would cost the page its code.
    pub fn read(files: Vec<web_sys::File>, done: impl FnOnce(Result<Vec<PickedFile>, String>) + 'static) {
        use std::cell::RefCell;
        use std::rc::Rc;
        use wasm_bindgen::closure::Closure;
        let names: Vec<String> = files
            .iter()
            .map(|file| {
                let relative = js_sys::Reflect::get(file, &JsValue::from_str("webkitRelativePath")).ok().and_then(|v| v.as_string());
                relative.filter(|p| !p.is_empty()).unwrap_or_else(|| file.name())
            })
            .collect();
        let buffers = js_sys::Array::new();
        for file in &files {
            buffers.push(&file.array_buffer());
        }
        let done = Rc::new(RefCell::new(Some(done)));
        let on_error = done.clone();
        let resolve = Closure::<dyn FnMut(JsValue)>::new(move |all: JsValue| {
            let all: js_sys::Array = all.unchecked_into();
            let read =
                names.iter().zip(all.iter()).map(|(name, buffer)| (name.clone(), js_sys::Uint8Array::new(&buffer).to_vec())).collect();
            if let Some(done) = done.borrow_mut().take() {
                done(Ok(read));
            }
        });
        let reject = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            if let Some(done) = on_error.borrow_mut().take() {
                done(Err(words(e)));
            }
        });
        let _ = js_sys::Promise::all(&buffers).then2(&resolve, &reject);
        // Each runs at most once; a few bytes per import.
        resolve.forget();
        reject.forget();
    }

    /// The page's address without its fragment.
    pub fn base_url() -> String {
        let href = window().and_then(|w| w.location().href().map_err(words)).unwrap_or_default();
        href.split('#').next().unwrap_or("").to_string()
    }

    /// Calls `f` with the new fragment whenever the user changes it (a pasted link).
    pub fn on_hash_change(f: impl Fn(String) + 'static) {
        let Ok(w) = window() else { return };
        let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || f(hash()));
        let _ = w.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
        // Lives as long as the page.
        closure.forget();
    }

    /// Runs `f` when the browser is idle (after painting and input): saving never delays a
    /// frame. A `setTimeout(0)` would run before the next frame is painted.
    pub fn when_idle(f: impl FnOnce() + 'static) {
        let Ok(w) = window() else { return };
        let closure = wasm_bindgen::closure::Closure::once_into_js(f);
        // Within half a second even if the page never idles.
        let options = web_sys::IdleRequestOptions::new();
        options.set_timeout(500);
        if w.request_idle_callback_with_options(closure.unchecked_ref(), &options).is_err() {
            // Safari has no idle callbacks.
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), 50);
        }
    }

    /// Takes the keyboard focus off the focused element, to body. Before a re-render removes
    /// the element holding the focus: Chromium removing a focused element costs the click
    /// ~5 ms more than this (a confirmed downgrade: 10-12 -> 6 ms).
    pub fn drop_focus() {
        let focused = window().ok().and_then(|w| w.document()).and_then(|d| d.active_element());
        if let Some(el) = focused {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().blur();
        }
    }

    /// Calls `f` when the page is being left (reload, navigation, closing the tab).
    pub fn on_page_hide(f: impl Fn() + 'static) {
        let Ok(w) = window() else { return };
        let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
        let _ = w.add_event_listener_with_callback("pagehide", closure.as_ref().unchecked_ref());
        closure.forget();
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use super::PickedFile;

    const NONE: &str = "no browser";

    pub fn get(_: bool, _: &str) -> Result<Option<String>, String> {
        Err(NONE.into())
    }
    pub fn set(_: bool, _: &str, _: &str) -> Result<(), String> {
        Err(NONE.into())
    }
    pub fn remove(_: bool, _: &str) -> Result<(), String> {
        Err(NONE.into())
    }
    pub fn keys(_: bool) -> Result<Vec<String>, String> {
        Err(NONE.into())
    }
    pub fn hash() -> String {
        String::new()
    }
    pub fn replace_hash(_: &str) -> Result<String, String> {
        Err(NONE.into())
    }
    pub fn download(_: &str, _: &[u8], _: &str) -> Result<(), String> {
        Err(NONE.into())
    }
    pub fn picked(_: &web_sys::FileList) -> Vec<web_sys::File> {
        Vec::new()
    }
    pub fn read(_: Vec<web_sys::File>, done: impl FnOnce(Result<Vec<PickedFile>, String>) + 'static) {
        done(Err(NONE.into()))
    }
    pub fn base_url() -> String {
        String::new()
    }
    pub fn on_hash_change(_: impl Fn(String) + 'static) {}
    pub fn when_idle(_: impl FnOnce() + 'static) {}
    pub fn on_page_hide(_: impl Fn() + 'static) {}
    pub fn drop_focus() {}
}

pub use imp::*;
