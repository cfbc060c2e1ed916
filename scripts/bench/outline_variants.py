"""The book-outline step on Jobs_ladeado.jpg as other photographers might have taken it (issue 11, item 1): the
upright photo at full size, a third and half of it, turned a quarter and half round, mirrored, cropped tight round
the book, cropped so that the book's bottom right corner is cut off, recompressed at JPEG quality 50, darker and
brighter, and turned by 6 and -9 degrees with the corners cropped away (the book then runs off three sides of the
photo: one of its edges lies wholly outside it, two show in part, and only the right edge is nearly whole). For each model, bookplate's mask with the step against the book's polygon (annotated on the upright photo,
as in BookOutlineTests.jobsBook, moved with each variant and drawn clipped to the photo): IoU, the step's outcome
and, when the whole photo was kept, the check that kept it.

Usage (run by scripts/benchmark-book-photos, in the benchmark virtualenv):
    outline_variants.py BOOKPLATE MODELS_DIR SHARED_DIR WORK_FOLDER [MODEL ...]
Prints Markdown.
"""
import math
import pathlib
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageOps

from compare_refinement import run_bookplate

BOOK = [(211, 506), (2276, 108), (2535, 3860), (224, 3705)]


def variants(photo):
    """(name, picture, book polygon, JPEG quality) for each way of taking the photo."""
    upright = ImageOps.exif_transpose(Image.open(photo)).convert("RGB")
    width, height = upright.size
    half = upright.resize((width // 2, height // 2), Image.LANCZOS)
    half_book = [(x / 2, y / 2) for x, y in BOOK]
    yield "as taken", upright, BOOK, 92
    yield "a third of the size", upright.resize((width // 3, height // 3), Image.LANCZOS), [(x / 3, y / 3) for x, y in BOOK], 92
    yield "turned a quarter", upright.transpose(Image.ROTATE_270), [(height - 1 - y, x) for x, y in BOOK], 92
    yield "turned half round", upright.transpose(Image.ROTATE_180), [(width - 1 - x, height - 1 - y) for x, y in BOOK], 92
    yield "mirrored", upright.transpose(Image.FLIP_LEFT_RIGHT), [(width - 1 - x, y) for x, y in BOOK], 92
    xs, ys = [x for x, _ in BOOK], [y for _, y in BOOK]
    margin_x, margin_y = 0.06 * (max(xs) - min(xs)), 0.06 * (max(ys) - min(ys))
    box = (int(max(0, min(xs) - margin_x)), int(max(0, min(ys) - margin_y)),
           int(min(width, max(xs) + margin_x)), int(min(height, max(ys) + margin_y)))
    yield "cropped tight", upright.crop(box), [(x - box[0], y - box[1]) for x, y in BOOK], 92
    yield "its bottom right corner cut off", upright.crop((0, 0, width, 3780)), BOOK, 92
    yield "half size, JPEG quality 50", half, half_book, 50
    yield "half size, 60 % brightness", ImageEnhance.Brightness(half).enhance(0.6), half_book, 92
    yield "half size, 130 % brightness", ImageEnhance.Brightness(half).enhance(1.3), half_book, 92
    for degrees in (6, -9):
        angle = math.radians(degrees)
        centre_x, centre_y = half.size[0] / 2, half.size[1] / 2

        def turned(x, y):
            dx, dy = x - centre_x, y - centre_y
            return (centre_x + dx * math.cos(angle) + dy * math.sin(angle),
                    centre_y - dx * math.sin(angle) + dy * math.cos(angle))

        crop = (int(half.size[0] * 0.1), int(half.size[1] * 0.1), int(half.size[0] * 0.9), int(half.size[1] * 0.9))
        picture = half.rotate(degrees, resample=Image.BICUBIC).crop(crop)
        yield (f"half size, turned {degrees:+d}°, corners cropped", picture,
               [(x - crop[0], y - crop[1]) for x, y in (turned(*point) for point in half_book)], 92)


def main():
    binary, models, shared, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    chosen = sys.argv[5:] or ["u2net", "u2netp"]
    photos_folder = work / "variants"
    photos_folder.mkdir(parents=True, exist_ok=True)
    truths, names, photos = {}, {}, []
    for number, (name, picture, book, quality) in enumerate(variants(shared / "fixtures/books/Jobs_ladeado.jpg")):
        path = photos_folder / f"variant-{number:02d}.jpg"
        picture.save(path, quality=quality)
        truth = Image.new("L", picture.size)
        ImageDraw.Draw(truth).polygon(book, fill=255)
        truths[path.stem], names[path.stem] = np.array(truth) >= 128, name
        photos.append(path)
    results = {}
    for model in chosen:
        folder = work / model
        command = [binary, "process", "--model", model, "--models-dir", models, "--mask-only", "--json", "--jobs", "1",
                   "-o", str(folder)] + [str(p) for p in photos]
        reports, masks = run_bookplate(command, photos, folder)
        for stem in truths:
            kept, truth = masks[stem] >= 0.5, truths[stem]
            outline = reports[stem].get("bookOutline") or {}
            outcome = outline.get("outcome", "refused")
            if outline.get("wholePhotoCheck"):
                outcome += f" ({outline['wholePhotoCheck']})"
            results[(model, stem)] = ((kept & truth).sum() / max(1, (kept | truth).sum()), outcome)
    print("\nThe book-outline step on Jobs_ladeado.jpg taken other ways (IoU with the book; the step's outcome):\n")
    print("| variant | " + " | ".join(chosen) + " |")
    print("|---|" + "---|" * len(chosen))
    for stem in truths:
        cells = [f"{results[(m, stem)][0]:.3f} {results[(m, stem)][1]}" for m in chosen]
        print(f"| {names[stem]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
