"""Measures the book-outline step (issue 11, item 1) on a labelled set: IoU of bookplate's u2net mask against each
photo's true book region, without and with the step, the share of photos where the kept region holds the whole
book (IoU >= 0.9), and the largest loss on a photo the model alone got right.

Usage: compare_outline.py BOOKPLATE MODELS_DIR SET_FOLDER WORK_FOLDER (SET_FOLDER as for compare_refinement.py).
"""
import json
import pathlib
import subprocess
import sys

import numpy as np

from compare_refinement import read_alpha, scores


def masks(binary, models, photos, folder, outline):
    """bookplate's u2net masks with or without the outline step, and each photo's outline outcome."""
    command = [binary, "process", "--model", "u2net", "--models-dir", models, "--mask-only", "--json", "--jobs", "1",
               "-o", str(folder)] + ([] if outline else ["--no-book-outline"]) + [str(p) for p in photos]
    lines = subprocess.run(command, check=True, capture_output=True, text=True).stdout.splitlines()
    outcomes = {pathlib.Path(r["input"]).stem: (r.get("bookOutline") or {}).get("outcome", "off")
                for r in map(json.loads, (line for line in lines if line.startswith("{")))}
    return {p.stem: read_alpha(folder / f"{p.stem}.mask.png") for p in photos}, outcomes


def main():
    binary, models, set_folder, work = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3]), pathlib.Path(sys.argv[4])
    photos = sorted(set_folder.glob("*.jpg"))
    truths = {p.stem: read_alpha(set_folder / f"{p.stem}.alpha.png") for p in photos}
    alone, _ = masks(binary, models, photos, work / "outline-off", outline=False)
    stepped, outcomes = masks(binary, models, photos, work / "outline-on", outline=True)
    before = np.array([scores(alone[s], truths[s])[0] for s in sorted(truths)])
    after = np.array([scores(stepped[s], truths[s])[0] for s in sorted(truths)])
    right = before >= 0.9
    counts = {name: list(outcomes.values()).count(name) for name in ("not_needed", "applied", "not_found")}
    applied = np.array([outcomes[s] == "applied" for s in sorted(truths)])
    print(f"\nBook-outline step, {len(photos)} photos (outcomes: {counts}):\n")
    print("| | mean IoU | whole book (IoU >= 0.9) | applied: mean IoU | largest loss where the model alone was right |")
    print("|---|---|---|---|---|")
    loss = max(0.0, float((before[right] - after[right]).max())) if right.any() else 0.0
    print(f"| model alone | {before.mean():.4f} | {right.mean() * 100:.1f} % | {before[applied].mean():.4f} | |")
    print(f"| with the outline step | {after.mean():.4f} | {(after >= 0.9).mean() * 100:.1f} % | "
          f"{after[applied].mean():.4f} | {loss:.4f} |")


if __name__ == "__main__":
    main()
