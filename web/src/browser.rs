//! The few browser calls the page makes outside Yew: storage, the URL fragment, downloads,
//! reading picked files, events and timers. `gloo` does what it covers (events, timers,
//! blobs and object URLs, reading files); storage stays with `web-sys`, because gloo's
//! storage panics where the browser refuses storage (blocked cookies, some private modes) and
//! the page must keep working there. Natively (unit tests) these report that there is no
//! browser, so the rest of the app stays plain Rust.

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
        let blob = gloo_file::Blob::new_with_options(bytes, Some(mime));
        // Revoked when dropped, after the click has started the download.
        let url = gloo_file::ObjectUrl::from(blob);
        let doc = window()?.document().ok_or("no document")?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(words)?.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
        Ok(())
    }

    /// The files of a file input, taken at once: resetting the input empties its list.
    pub fn picked(list: &web_sys::FileList) -> Vec<web_sys::File> {
        (0..list.length()).filter_map(|i| list.item(i)).collect()
    }

    /// Reads `files` and calls `done` with their names (paths inside a picked folder) and
    /// bytes, or the first file's failure.
    pub fn read(files: Vec<web_sys::File>, done: impl FnOnce(Result<Vec<PickedFile>, String>) + 'static) {
        wasm_bindgen_futures::spawn_local(async move {
            let mut read = Vec::with_capacity(files.len());
            for file in files {
                // A folder pick names each file by its path inside the folder.
                let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath")).ok().and_then(|v| v.as_string());
                let name = relative.filter(|p| !p.is_empty()).unwrap_or_else(|| file.name());
                match gloo_file::futures::read_as_bytes(&gloo_file::File::from(file)).await {
                    Ok(bytes) => read.push((name, bytes)),
                    Err(e) => return done(Err(format!("{name}: {e}"))),
                }
            }
            done(Ok(read));
        });
    }

    /// The page's address without its fragment.
    pub fn base_url() -> String {
        let href = window().and_then(|w| w.location().href().map_err(words)).unwrap_or_default();
        href.split('#').next().unwrap_or("").to_string()
    }

    /// Calls `f` with the new fragment whenever the user changes it (a pasted link).
    pub fn on_hash_change(f: impl Fn(String) + 'static) {
        let Ok(w) = window() else { return };
        // Listens as long as the page lives.
        gloo_events::EventListener::new(&w, "hashchange", move |_| f(hash())).forget();
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
            let f: js_sys::Function = closure.unchecked_into();
            gloo_timers::callback::Timeout::new(50, move || {
                let _ = f.call0(&JsValue::NULL);
            })
            .forget();
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
        gloo_events::EventListener::new(&w, "pagehide", move |_| f()).forget();
    }

    thread_local! {
        /// What had the focus when a modal dialog opened: it gets it back when it closes.
        static BEFORE_MODAL: std::cell::RefCell<Option<web_sys::HtmlElement>> = const { std::cell::RefCell::new(None) };
    }

    /// Opens the `<dialog>` with this id as a modal once the render in progress has put it in
    /// the page (a timeout runs after Yew's render), unless it is open already.
    pub fn show_modal(id: &'static str) {
        gloo_timers::callback::Timeout::new(0, move || {
            let Some(doc) = window().ok().and_then(|w| w.document()) else { return };
            let Some(dialog) = doc.get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok()) else { return };
            if dialog.open() {
                return;
            }
            let focused = doc.active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            BEFORE_MODAL.with(|b| *b.borrow_mut() = focused);
            let _ = dialog.show_modal();
        })
        .forget();
    }

    /// A modal dialog is about to go away: the focus goes back to what had it before (taken
    /// out of the dialog first, which is also cheaper for the render that removes it).
    pub fn modal_closed(id: &str) {
        // Closed first: while it is modal, everything outside it is inert and refuses focus.
        let doc = window().ok().and_then(|w| w.document());
        let open = doc.and_then(|d| d.get_element_by_id(id));
        if let Some(dialog) = open.and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok()) {
            dialog.close();
        }
        drop_focus();
        if let Some(el) = BEFORE_MODAL.with(|b| b.borrow_mut().take()) {
            let _ = el.focus();
        }
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
    pub fn show_modal(_: &'static str) {}
    pub fn modal_closed(_: &str) {}
}

pub use imp::*;
