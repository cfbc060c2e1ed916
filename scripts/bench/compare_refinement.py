"""Measures edge refinement on a labelled set (issue 11, item 2): u2net alone, the old service's u2net + rembg alpha
matting, and bookplate's u2net+refine, against each photo's true alpha.

Usage (run by scripts/benchmark-refinement and scripts/benchmark-book-photos, in the benchmark virtualenv):
    compare_refinement.py BOOKPLATE MODELS_DIR SET_FOLDER WORK_FOLDER [LARGE_PHOTO]

SET_FOLDER holds NAME.jpg or NAME.png with its truth NAME.alpha.png and its scene NAME.json (see
synthetic_matting_set.py and book_photo_set.py). bookplate writes masks with `process --model u2net
--mask-only --no-book-outline` (with and without --refine); the old service's alpha is the alpha channel of rembg
2.0.86's `remove(alpha_matting=True)` with its default thresholds (240 / 10 / erosion 10) and the same u2net file.
bookplate runs with `--max-side 8192`: the development set holds two 16-megapixel phone photos (3,456 x 4,608),
over the 4,096 px a side the service refuses by default. Metrics per photo, averaged: IoU of the masks at 0.5,
mean absolute error of the soft alpha (0-1), and boundary F at 3 px (precision and recall of the 0.5-boundary pixels
within 3 px of the other's boundary). Then the pairs, photo by photo: u2net+refine against each of the others, the
mean difference with its standard error and on how many photos it is better or worse — the set is small and a few
photos with large errors weigh on the means. Then, when LARGE_PHOTO is given, the cost: bookplate's refine stage
against its inference on it (the 12-megapixel photo), median of three runs in one warm process. Prints Markdown.
"""
import contextlib
import io
import json
import os
import pathlib
import subprocess
import sys
import time

import numpy as np
from PIL import Image, ImageOps
from rembg import new_session, remove
from scipy import ndimage

TOLERANCE = 3


def boundary(mask):
    """The pixels of a binary mask that touch the outside (the mask minus its 3 x 3 erosion)."""
    return mask & ~ndimage.binary_erosion(mask, structure=np.ones((3, 3), bool), border_value=0)


def boundary_f(prediction, truth):
    """Boundary F at TOLERANCE px between two binary masks."""
    predicted, true = boundary(prediction), boundary(truth)
    if not predicted.any() or not true.any():
        return float(predicted.any() == true.any())
    near_true = ndimage.distance_transform_edt(~true) <= TOLERANCE
    near_predicted = ndimage.distance_transform_edt(~predicted) <= TOLERANCE
    precision = (predicted & near_true).sum() / predicted.sum()
    recall = (true & near_predicted).sum() / true.sum()
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def scores(alpha, truth):
    """IoU, MAE and boundary F of a soft alpha (0-1) against the truth."""
    predicted, true = alpha >= 0.5, truth >= 0.5
    union = (predicted | true).sum()
    iou = (predicted & true).sum() / union if union else 1.0
    return iou, float(np.abs(alpha - truth).mean()), boundary_f(predicted, true)


def set_photos(folder):
    """The photos of a labelled set: its JPEG and PNG files that are not truths."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".jpg", ".png") and not p.name.endswith(".alpha.png"))


def read_alpha(path):
    return np.asarray(Image.open(path).convert("L"), dtype=np.float32) / 255


def run_bookplate(command, photos, folder):
    """Runs a `bookplate process --mask-only --json` command; returns its reports by photo stem and the masks. A
    photo bookplate refused (its gate found no acceptable mask) counts as an empty mask, which is what a user gets."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = subprocess.run(command, capture_output=True, text=True).stdout.splitlines()
    reports = {pathlib.Path(r["input"]).stem: r for r in map(json.loads, (line for line in lines if line.startswith("{")))}
    missing = [p.name for p in photos if p.stem not in reports]
    if missing:
        sys.exit(f"bookplate gave no report for {', '.join(missing)}")
    masks = {}
    for photo in photos:
        if reports[photo.stem]["status"] == "ok":
            masks[photo.stem] = read_alpha(folder / f"{photo.stem}.mask.png")
        else:
            width, height = ImageOps.exif_transpose(Image.open(photo)).size
            masks[photo.stem] = np.zeros((height, width), dtype=np.float32)
    return reports, masks


def failures(reports):
    """The photos bookplate refused, with the reason, for the report."""
    return [f"{stem} ({r['error']['code']})" for stem, r in sorted(reports.items()) if r["status"] != "ok"]


def bookplate_masks(binary, models, photos, folder, refine):
    """Runs bookplate on every photo; returns {stem: alpha}, the median refine and inference milliseconds and the
    photos it refused."""
    command = [binary, "process", "--model", "u2net", "--models-dir", models, "--mask-only", "--no-book-outline",
               "--json", "--jobs", "1", "--max-side", "8192", "-o", str(folder)] + (["--refine"] if refine else []) \
        + [str(p) for p in photos]
    reports, masks = run_bookplate(command, photos, folder)
    done = [r for r in reports.values() if r["status"] == "ok"]
    refine_ms = [r["timings"]["refine"] for r in done]
    inference_ms = [r["timings"]["inference"] for r in done]
    return masks, float(np.median(refine_ms)), float(np.median(inference_ms)), failures(reports)


def old_service_masks(models, photos):
    """rembg with u2net and alpha matting, as the old service's image-processor handler ran it; returns the alphas
    and the median seconds of matting beyond plain removal. rembg refuses a model outside its models folder, so it
    is told that the folder is ours; pymatting's solver warnings on standard output are left out of the report."""
    os.environ["REMBG_HOME"] = str(pathlib.Path(models).resolve())
    session = new_session("u2net_custom", model_path=str(pathlib.Path(models).resolve() / "u2net.onnx"))
    masks, extra = {}, []
    for photo in photos:
        data = photo.read_bytes()
        started = time.perf_counter()
        remove(data, session=session)
        plain = time.perf_counter() - started
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            cutout = Image.open(io.BytesIO(remove(data, session=session, alpha_matting=True)))
        extra.append(time.perf_counter() - started - plain)
        masks[photo.stem] = np.asarray(cutout.convert("RGBA"), dtype=np.float32)[..., 3] / 255
    return masks, float(np.median(extra))


def large_photo_cost(binary, models, photo, folder):
    """Median refine and inference milliseconds of three runs of `photo` in one process."""
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for index in range(3):
        copy = folder / f"large-{index}{photo.suffix}"
        copy.write_bytes(photo.read_bytes())
        copies.append(str(copy))
    command = [binary, "process", "--model", "u2net", "--refine", "--models-dir", models, "--mask-only",
               "--no-book-outline", "--json", "--jobs", "1", "--max-side", "8192", "-o", str(folder / "masks")] \
        + copies
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    reports = [json.loads(line) for line in lines if line.startswith("{")]
    return (float(np.median([r["timings"]["refine"] for r in reports])),
            float(np.median([r["timings"]["inference"] for r in reports])), reports[0]["width"], reports[0]["height"])


def print_pairs(per_photo, ours, others):
    """u2net+refine against each other method, photo by photo: mean difference ± standard error, and the photos
    where it is better / worse (lower MAE, higher boundary F)."""
    print("\n| u2net+refine against | MAE difference (± s.e.) | better / worse on MAE | boundary F difference (± s.e.) "
          "| better / worse on boundary F |")
    print("|---|---|---|---|---|")
    for other in others:
        difference = per_photo[ours] - per_photo[other]
        error = difference.std(axis=0, ddof=1) / np.sqrt(len(difference))
        mae, boundary_f = difference[:, 1], difference[:, 2]
        print(f"| {other} | {mae.mean():+.4f} ± {error[1]:.4f} | {(mae < 0).sum()} / {(mae > 0).sum()} | "
              f"{boundary_f.mean():+.4f} ± {error[2]:.4f} | {(boundary_f > 0).sum()} / {(boundary_f < 0).sum()} |")


def main():
    binary, models, set_folder, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    large = pathlib.Path(sys.argv[5]) if len(sys.argv) > 5 else None
    photos = set_photos(set_folder)
    truths = {p.stem: read_alpha(set_folder / f"{p.stem}.alpha.png") for p in photos}
    plain, _, inference_ms, plain_failed = bookplate_masks(binary, models, photos, work / "u2net", refine=False)
    refined, refine_ms, _, refined_failed = bookplate_masks(binary, models, photos, work / "u2net-refine", refine=True)
    matted, matting_s = old_service_masks(models, photos)
    methods = [("u2net alone (bookplate)", plain), ("old service: u2net + rembg alpha matting", matted),
               ("bookplate u2net+refine", refined)]
    soft = [p.stem for p in photos if json.loads((set_folder / f"{p.stem}.json").read_text()).get("defocused")]
    print(f"{len(photos)} photos ({len(soft)} with a defocused edge); median inference {inference_ms:.0f} ms, "
          f"refine {refine_ms:.0f} ms; rembg alpha matting {matting_s * 1000:.0f} ms beyond plain removal")
    for name, failed in (("u2net alone", plain_failed), ("u2net+refine", refined_failed)):
        if failed:
            print(f"bookplate {name} refused {', '.join(failed)}: counted as an empty mask")
    print()
    print("| method | IoU | MAE | boundary F (3 px) | MAE, sharp edges | MAE, defocused edges |")
    print("|---|---|---|---|---|---|")
    per_photo = {}
    for name, masks in methods:
        rows = {stem: scores(masks[stem], truths[stem]) for stem in truths}
        per_photo[name] = np.array([rows[stem] for stem in sorted(rows)])
        mean = np.mean(list(rows.values()), axis=0)
        sharp = np.mean([rows[s][1] for s in rows if s not in soft])
        blurred = f"{np.mean([rows[s][1] for s in rows if s in soft]):.4f}" if soft else "—"
        print(f"| {name} | {mean[0]:.4f} | {mean[1]:.4f} | {mean[2]:.4f} | {sharp:.4f} | {blurred} |")
    print_pairs(per_photo, methods[-1][0], [name for name, _ in methods[:-1]])
    if large is None:
        return
    refine_ms, inference_ms, width, height = large_photo_cost(binary, models, large, work / "large")
    print(f"\n{large.name} ({width} x {height}): refine {refine_ms:.0f} ms against inference {inference_ms:.0f} ms, "
          f"{refine_ms / inference_ms * 100:.0f} % of inference (median of three runs in one process)")


if __name__ == "__main__":
    main()
