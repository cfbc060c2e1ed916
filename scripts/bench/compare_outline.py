"""Measures the book-outline step (issue 11, item 1) on a labelled set: IoU of bookplate's mask (u2net, or the
model named) against each photo's true book region, without and with the step, the share of photos where the kept region holds the whole
book (IoU >= 0.9), and the largest loss on a photo the model alone got right; then the same shares by scene and
photo by photo. A set whose scenes are labelled (book_photo_set.py: "one book in a scene", "several books in a
scene", "the book fills the frame") is grouped by those labels; the synthetic set by two books in the photo, or a
cover or background cropped from a photo of a book — that book's own edges are then in the scene, inside or outside
the labelled book, and the truth does not count them.

Usage: compare_outline.py BOOKPLATE MODELS_DIR SET_FOLDER WORK_FOLDER [MODEL] (SET_FOLDER as for
compare_refinement.py; MODEL u2net by default). The masks without the step are read from WORK_FOLDER/MODEL
(`process --model MODEL --mask-only --no-book-outline`): for u2net, run compare_refinement.py first with the same
WORK_FOLDER, which writes them, so u2net does not run on the set twice; for another model they are made here.
"""
import json
import pathlib
import sys

import numpy as np

from compare_refinement import failures, read_alpha, run_bookplate, scores, set_photos


def masks_with_outline(binary, models, photos, folder, model, step=True):
    """bookplate's masks with `model` and the outline step (or without it), each photo's outline outcome and the
    photos it refused."""
    command = [binary, "process", "--model", model, "--models-dir", models, "--mask-only", "--json", "--jobs", "1",
               "--max-side", "8192", "-o", str(folder)] + ([] if step else ["--no-book-outline"]) + [str(p) for p in photos]
    reports, masks = run_bookplate(command, photos, folder)
    outcomes = {stem: (r.get("bookOutline") or {}).get("outcome", "refused" if r["status"] != "ok" else "off")
                for stem, r in reports.items()}
    return masks, outcomes, failures(reports)


def scene_groups(set_folder, stems):
    """The photos of each scene kind, as boolean arrays over `stems`."""
    scenes = [json.loads((set_folder / f"{stem}.json").read_text()) for stem in stems]
    if all("scene" in scene for scene in scenes):
        labels = sorted({scene["scene"] for scene in scenes})
        return {label: np.array([scene["scene"] == label for scene in scenes]) for label in labels}
    other_book = np.array([any(source.startswith("books/") for source in [scene["background"]] + scene["covers"])
                           for scene in scenes])
    two_books = np.array([scene["books"] == 2 for scene in scenes])
    return {
        "two books": two_books,
        "one book, its cover or background cropped from a book photo": ~two_books & other_book,
        "one book, neither": ~two_books & ~other_book,
    }


def main():
    binary, models, set_folder, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    model = sys.argv[5] if len(sys.argv) > 5 else "u2net"
    photos = set_photos(set_folder)
    stems = [p.stem for p in photos]
    truths = {stem: read_alpha(set_folder / f"{stem}.alpha.png") for stem in stems}
    if model != "u2net":
        masks_with_outline(binary, models, photos, work / model, model, step=False)
    alone = {stem: read_alpha(work / model / f"{stem}.mask.png") if (work / model / f"{stem}.mask.png").exists()
             else np.zeros_like(truths[stem]) for stem in stems}
    on = work / ("outline-on" if model == "u2net" else f"outline-on-{model}")
    stepped, outcomes, refused = masks_with_outline(binary, models, photos, on, model)
    before = np.array([scores(alone[s], truths[s])[0] for s in stems])
    after = np.array([scores(stepped[s], truths[s])[0] for s in stems])
    right = before >= 0.9
    counts = {name: list(outcomes.values()).count(name) for name in ("not_needed", "applied", "not_found")}
    applied = np.array([outcomes[s] == "applied" for s in stems])
    print(f"\nBook-outline step with {model}, {len(photos)} photos (outcomes: {counts}):\n")
    if refused:
        print(f"bookplate refused {', '.join(refused)}: counted as an empty mask\n")
    print("| | mean IoU | whole book (IoU >= 0.9) | applied: mean IoU | largest loss where the model alone was right |")
    print("|---|---|---|---|---|")
    loss = max(0.0, float((before[right] - after[right]).max())) if right.any() else 0.0
    print(f"| model alone | {before.mean():.4f} | {right.mean() * 100:.1f} % | {before[applied].mean():.4f} | |")
    print(f"| with the outline step | {after.mean():.4f} | {(after >= 0.9).mean() * 100:.1f} % | "
          f"{after[applied].mean():.4f} | {loss:.4f} |")
    worse = applied & (after < before)
    print(f"\nApplied on {applied.sum()} photos; lower IoU than the model alone on {worse.sum()} of them "
          f"(largest drop {max(0.0, float((before - after)[applied].max())) if applied.any() else 0.0:.4f}).\n")
    print("| scene | photos | whole book, model alone | whole book, with the step | mean IoU alone / with the step |")
    print("|---|---|---|---|---|")
    for name, members in scene_groups(set_folder, stems).items():
        if members.any():
            print(f"| {name} | {members.sum()} | {right[members].sum()} | {(after[members] >= 0.9).sum()} | "
                  f"{before[members].mean():.4f} / {after[members].mean():.4f} |")
    print("\n| photo | outcome | IoU, model alone | IoU, with the step |")
    print("|---|---|---|---|")
    for index, stem in enumerate(stems):
        print(f"| {stem} | {outcomes[stem]} | {before[index]:.3f} | {after[index]:.3f} |")


if __name__ == "__main__":
    main()
