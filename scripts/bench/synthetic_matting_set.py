"""Builds a labelled set of synthetic book photos whose true soft alpha is known exactly, for measuring edge
refinement (issue 11, item 2) where no hand-labelled soft-alpha set can be had.

Usage: synthetic_matting_set.py OUTPUT_FOLDER COUNT SOURCE_IMAGE...

Each photo is one or two "books" — quadrilaterals in perspective, textured with a crop of one source image — over a
crop of another source image. The alpha is the books' exact pixel coverage (rendered at 8x and averaged down); a
third of the photos also have a defocused edge (the alpha blurred by a Gaussian of 1.5-3 px, as out-of-focus
edges are). The photo is alpha x book + (1 - alpha) x background, with sensor noise, saved as JPEG (quality 92):
OUTPUT/NNN.jpg beside its truth OUTPUT/NNN.alpha.png and its scene OUTPUT/NNN.json (the number of books, whether
the edge is defocused, and the folder and file names of the background and cover sources: a background cropped from
a photo in a `books` folder shows a book that the truth does not count). Deterministic: photo N is drawn from seed N.
"""
import json
import pathlib
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

SUPERSAMPLING = 8


def load_sources(paths):
    """The source images, each at most 1600 px on its longest side, as RGB."""
    sources = []
    for path in paths:
        image = ImageOps.exif_transpose(Image.open(path)).convert("RGB")
        image.thumbnail((1600, 1600), Image.Resampling.LANCZOS)
        sources.append(image)
    return sources


def random_crop(rng, image, width, height):
    """A crop of `image` with the aspect of width x height, scaled to that size."""
    aspect = width / height
    crop_width = min(image.width, int(image.height * aspect))
    crop_height = int(crop_width / aspect)
    scale = rng.uniform(0.6, 1.0)
    crop_width, crop_height = max(32, int(crop_width * scale)), max(32, int(crop_height * scale))
    left = rng.integers(0, image.width - crop_width + 1)
    top = rng.integers(0, image.height - crop_height + 1)
    return image.crop((left, top, left + crop_width, top + crop_height)).resize((width, height), Image.Resampling.BICUBIC)


def book_quad(rng, width, height, scale):
    """Four corners (clockwise from top left) of a book in perspective, about `scale` of the photo's width."""
    book_width = width * scale
    book_height = book_width * rng.uniform(1.2, 1.6)
    if book_height > height * 0.85:
        book_height = height * 0.85
        book_width = book_height / rng.uniform(1.2, 1.6)
    centre = np.array([width * rng.uniform(0.35, 0.65), height * rng.uniform(0.4, 0.6)])
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=float) * [book_width / 2, book_height / 2]
    corners += rng.normal(0, 0.05, size=(4, 2)) * [book_width, book_height]
    angle = np.radians(rng.uniform(-18, 18))
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return corners @ rotation.T + centre


def perspective_coefficients(target, source):
    """PIL's PERSPECTIVE coefficients mapping each output point of `target` to its point of `source`."""
    rows = []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return np.linalg.solve(np.array(rows, dtype=float), np.array(source, dtype=float).reshape(8))


def render_book(rng, texture, quad, width, height):
    """The book's colours over the whole photo (the texture reaching past its edge) and its exact coverage."""
    centre = quad.mean(axis=0)
    grown = centre + (quad - centre) * 1.04
    corners = [(0, 0), (texture.width, 0), (texture.width, texture.height), (0, texture.height)]
    colours = texture.transform(
        (width, height), Image.Transform.PERSPECTIVE, tuple(perspective_coefficients(grown, corners)),
        Image.Resampling.BICUBIC)
    mask = Image.new("L", (width * SUPERSAMPLING, height * SUPERSAMPLING), 0)
    ImageDraw.Draw(mask).polygon([(x * SUPERSAMPLING, y * SUPERSAMPLING) for x, y in quad], fill=255)
    coverage = np.asarray(mask, dtype=np.float32).reshape(height, SUPERSAMPLING, width, SUPERSAMPLING).mean(axis=(1, 3)) / 255
    return np.asarray(colours, dtype=np.float32), coverage


def make_photo(index, sources):
    """Photo `index`: its RGB bytes, its true alpha (both width x height) and its scene: the number of books,
    whether the edge is defocused, and the indices of the background and cover sources."""
    rng = np.random.default_rng(index)
    width, height = [(1200, 1600), (1600, 1200), (1024, 1024), (900, 1200)][index % 4]
    background_index, texture_index, second_index = rng.choice(len(sources), size=3, replace=False)
    background = random_crop(rng, sources[background_index], width, height)
    if rng.random() < 0.5:
        background = background.filter(ImageFilter.GaussianBlur(rng.uniform(1, 4)))
    photo = np.asarray(background, dtype=np.float32)
    alpha = np.zeros((height, width), dtype=np.float32)
    books = 2 if index % 5 == 4 else 1
    for book in range(books):
        scale = rng.uniform(0.45, 0.7) if books == 1 else rng.uniform(0.3, 0.4)
        quad = book_quad(rng, width, height, scale)
        if books == 2:
            quad[:, 0] += (-0.22 if book == 0 else 0.22) * width
        source = sources[texture_index if book == 0 else second_index]
        texture = random_crop(rng, source, 600, int(600 * rng.uniform(1.2, 1.6)))
        colours, coverage = render_book(rng, texture, quad, width, height)
        if index % 3 == 2:
            sigma = rng.uniform(1.5, 3.0)
            coverage = np.asarray(
                Image.fromarray((coverage * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(sigma)),
                dtype=np.float32) / 255
        photo = coverage[..., None] * colours + (1 - coverage[..., None]) * photo
        alpha = np.maximum(alpha, coverage)
    photo += rng.normal(0, 2.0, size=photo.shape)
    covers = [texture_index, second_index][:books]
    scene = {"books": books, "defocused": index % 3 == 2, "background": int(background_index),
             "covers": [int(cover) for cover in covers]}
    return np.clip(photo, 0, 255).astype(np.uint8), alpha, scene


def source_name(path):
    """A source's folder and file name, for example `books/Jobs_ladeado.jpg`."""
    path = pathlib.Path(path)
    return f"{path.parent.name}/{path.name}"


def main():
    output = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2])
    paths = sys.argv[3:]
    sources = load_sources(paths)
    output.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        photo, alpha, scene = make_photo(index, sources)
        Image.fromarray(photo).save(output / f"{index:03d}.jpg", quality=92)
        Image.fromarray(np.round(alpha * 255).astype(np.uint8)).save(output / f"{index:03d}.alpha.png")
        scene["background"] = source_name(paths[scene["background"]])
        scene["covers"] = [source_name(paths[cover]) for cover in scene["covers"]]
        (output / f"{index:03d}.json").write_text(json.dumps(scene) + "\n")


if __name__ == "__main__":
    main()
