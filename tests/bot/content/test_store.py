"""A broken edit never replaces the catalogue in service; a good edit is served at once."""

from __future__ import annotations

import threading

from bot.content.store import CatalogueStore


def test_good_edit_is_served_and_broken_edit_keeps_the_last_good(content_copy, tmp_path):
    status = tmp_path / "status.json"
    store = CatalogueStore(content_copy, check_interval=0, status_file=status)
    first = store.current()
    path = content_copy / "courses" / "cleaning.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("reviewed:", "summary: Ny tekst\nreviewed:", 1) if "summary:" not in text
                    else text.replace("summary:", "summary: Ny tekst. ", 1), encoding="utf-8")
    second = store.current()
    assert second.version != first.version
    path.write_text("id: [broken", encoding="utf-8")
    assert store.current() is second
    assert "invalid YAML" in status.read_text(encoding="utf-8")
    assert '"accepted": false' in status.read_text(encoding="utf-8")


def test_readers_never_see_a_half_loaded_catalogue(content_copy):
    store = CatalogueStore(content_copy, check_interval=0)
    store.current()
    seen = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            catalogue = store.current()
            seen.append(len(catalogue.courses))

    reader = threading.Thread(target=read)
    reader.start()
    for _ in range(5):
        store.reload()
    stop.set()
    reader.join()
    assert seen and set(seen) == {len(store.current().courses)}
