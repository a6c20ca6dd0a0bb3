#!/usr/bin/env python3
"""Where the page's wasm bytes are: function bodies by crate, and the largest functions.

Reads the wasm Cargo writes before wasm-bindgen and wasm-opt (it still has its name section):
target/wasm32-unknown-unknown/wasm-release/web.wasm after `trunk build --release`. Sizes are
raw code bytes before wasm-opt; they rank the crates, they do not add up to the gzip budget.

usage: tests/tools/wasm_sizes.py [WASM] [--top N]"""
import argparse
import collections
import pathlib
import re

REPO = pathlib.Path(__file__).resolve().parents[2]
CRATES = ("pylite|engine|sqlschema|playground|web|revision|share|archive|calendar|diagnostics|yew|serde|"
          "core|alloc|std|rusqlite|hashbrown|wasm_bindgen|js_sys|web_sys|gloo|bincode|miniz_oxide")


def leb(b: bytes, i: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def functions(data: bytes) -> list[tuple[int, str]]:
    """(body size, name) of every defined function."""
    i, imported, bodies, names = 8, 0, [], {}
    while i < len(data):
        section, i = data[i], i + 1
        size, i = leb(data, i)
        end = i + size
        if section == 2:  # imports: function imports come first in the index space
            n, j = leb(data, i)
            for _ in range(n):
                for _ in range(2):
                    length, j = leb(data, j)
                    j += length
                kind, j = data[j], j + 1
                if kind == 0:
                    _, j = leb(data, j)
                    imported += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 2:
                    flags, j = leb(data, j)
                    _, j = leb(data, j)
                    if flags & 1:
                        _, j = leb(data, j)
                elif kind == 3:
                    j += 2
        elif section == 10:  # code
            n, j = leb(data, i)
            for _ in range(n):
                length, j = leb(data, j)
                bodies.append(length)
                j += length
        elif section == 0:  # custom: the name section's function names
            length, j = leb(data, i)
            if data[j:j + length] == b"name":
                j += length
                while j < end:
                    sub, j = data[j], j + 1
                    sub_size, j = leb(data, j)
                    if sub == 1:
                        n, k = leb(data, j)
                        for _ in range(n):
                            index, k = leb(data, k)
                            length, k = leb(data, k)
                            names[index] = data[k:k + length].decode("utf-8", "replace")
                            k += length
                    j += sub_size
        i = end
    return [(size, names.get(n + imported, "?")) for n, size in enumerate(bodies)]


def crate_of(name: str) -> str:
    m = re.search(rf"(?:^|[^a-z_])({CRATES})[^a-z_]", name)
    if m:
        return m.group(1)
    return "C (SQLite, the allocator)" if "::" not in name and not name.startswith("_ZN") else "other"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("wasm", nargs="?", type=pathlib.Path,
                    default=REPO / "target" / "wasm32-unknown-unknown" / "wasm-release" / "web.wasm")
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    funcs = functions(args.wasm.read_bytes())
    by_crate = collections.Counter()
    for size, name in funcs:
        by_crate[crate_of(name)] += size
    print(f"{sum(s for s, _ in funcs):,} bytes of function bodies in {args.wasm}")
    for crate, size in by_crate.most_common():
        print(f"{size:>10,}  {crate}")
    print(f"\nlargest {args.top}:")
    for size, name in sorted(funcs, reverse=True)[:args.top]:
        print(f"{size:>10,}  {name[:140]}")


if __name__ == "__main__":
    main()
