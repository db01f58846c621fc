#!/usr/bin/env python3
"""Writes the fuzz target's seed corpus (Fuzz/corpus/) from the real Fashion-MNIST headers.

Each seed is one mode byte (see IDXFuzzTarget.swift) followed by a file. The seeds are the
installed data set's own headers and first items with the item count shrunk so that each
seed stays a few kB, gzip-compressed and plain, plus the whole (5 kB) real test-label file.
Run it once when the corpus needs rebuilding: python3 Fuzz/make-corpus.py
"""
import gzip
import os
import struct

SOURCE = "/usr/share/datasets/fashion-mnist"
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
LABELS, IMAGES, KEEP = 0, 1, 2  # mode bits: images, and "keep byte>>2 items"


def real(name):
    with gzip.open(os.path.join(SOURCE, name)) as f:
        return f.read()


def shrink(data, dimensions, count):
    """The real header with the item count set to `count`, and the first `count` items."""
    header = 4 + 4 * dimensions
    size = 1
    for k in range(1, dimensions):
        size *= struct.unpack(">I", data[4 + 4 * k:8 + 4 * k])[0]
    return data[:4] + struct.pack(">I", count) + data[8:header] + data[header:header + count * size]


def write(name, mode, payload):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(bytes([mode]) + payload)


os.makedirs(HERE, exist_ok=True)
labels = real("train-labels-idx1-ubyte.gz")
images = real("train-images-idx3-ubyte.gz")
small_labels = shrink(labels, 1, 16)
small_images = shrink(images, 3, 3)
write("labels-gz", LABELS, gzip.compress(small_labels, mtime=0))
write("labels-plain", LABELS, small_labels)
write("labels-gz-keep-4", LABELS | KEEP | (4 << 2), gzip.compress(small_labels, mtime=0))
write("images-gz", IMAGES, gzip.compress(small_images, mtime=0))
write("images-plain", IMAGES, small_images)
write("images-gz-keep-1", IMAGES | KEEP | (1 << 2), gzip.compress(small_images, mtime=0))
write("images-header-only", IMAGES, images[:16])
with open(os.path.join(SOURCE, "t10k-labels-idx1-ubyte.gz"), "rb") as f:
    write("t10k-labels-real-gz", LABELS, f.read())
with open(os.path.join(SOURCE, "train-images-idx3-ubyte.gz"), "rb") as f:
    write("train-images-real-gz-prefix", IMAGES | KEEP | (2 << 2), f.read(3000))
