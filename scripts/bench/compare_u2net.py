"""Benchmarks the default attempt list with the official u2net against the old service's own processing and
against rembg with u2net alone, side by side in one run: same machine, model file and photos.

Contenders:
  * bookplate: `bookplate process` with the default attempt list (`u2net+refine`, … — the book-outline step on);
  * old service: rembg 2.0.86 `remove()` with the official u2net and alpha matting at rembg's default thresholds,
    as the old service's image-processor handler ran it;
  * rembg u2net: rembg 2.0.86 `remove()` with the official u2net alone.
Each composes on white and writes a PNG. Measured per photo:
  * photo time: wall time of the work on one photo in a warm process (session loaded before), median of
    BENCH_ROUNDS (default 3) rounds that alternate between the contenders; the inference inside it;
  * start-up and session load: a separate process that handles only that photo, its wall time minus the photo
    time (Python start and imports, model session creation; the same for bookplate);
  * peak RSS of that separate process.

Usage: compare_u2net.py BOOKPLATE MODELS_DIR REMBG_PYTHON PHOTO...
"""
import json
import os
import shutil
import statistics
import sys
import tempfile

from compare_process import run_measured

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
TWELVE_MEGAPIXELS = "Jobs_ladeado.jpg"


def main() -> None:
    bookplate, models_dir, rembg_python, *photos = sys.argv[1:]
    driver = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rembg_driver.py")
    model = os.path.join(models_dir, "u2net.onnx")
    work = tempfile.mkdtemp(prefix="bookplate-bench-u2net-")
    # rembg refuses a model path outside its models folder, so it is told that the folder is ours.
    environments = {"bookplate": dict(os.environ), "old service": dict(os.environ, REMBG_HOME=models_dir),
                    "rembg u2net": dict(os.environ, REMBG_HOME=models_dir)}
    contenders = {
        "bookplate": lambda output, files: [bookplate, "process", "--models-dir", models_dir, "--jobs", "1", "--json",
                                            "--output", output] + files,
        "old service": lambda output, files: [rembg_python, driver, "--alpha-matting", model, output] + files,
        "rembg u2net": lambda output, files: [rembg_python, driver, model, output] + files,
    }

    def photo_times(name, lines):
        """Per photo (absolute path): (seconds, inference seconds, stage timings or None)."""
        times = {}
        for line in lines.splitlines():
            if not line.startswith("{"):
                print(f"{name}: {line}", file=sys.stderr)
                continue
            report = json.loads(line)
            if name == "bookplate":
                timings = report["timings"]
                seconds = (timings["read"] + timings["total"] + timings["write"]) / 1000
                times[os.path.abspath(report["input"])] = (seconds, timings["inference"] / 1000, timings, report)
            else:
                times[os.path.abspath(report["photo"])] = (report["seconds"], report["inference_seconds"], None, None)
        return times

    # Warm runs: the first photo runs twice and its first (cold) run is dropped.
    warm = [photos[0]] + photos
    rounds = {name: {os.path.abspath(photo): [] for photo in photos} for name in contenders}
    for index in range(ROUNDS):
        for name, command in contenders.items():
            output = os.path.join(work, f"{name.replace(' ', '-')}-{index}")
            os.makedirs(output)
            _, _, lines = run_measured(command(output, warm), environments[name])
            first = lines.splitlines()[1:]
            for key, value in photo_times(name, "\n".join(first)).items():
                rounds[name][key].append(value)

    rows = []
    for photo in photos:
        key = os.path.abspath(photo)
        row = {"photo": os.path.basename(photo)}
        for name, command in contenders.items():
            values = rounds[name][key]
            seconds = statistics.median(value[0] for value in values)
            inference = statistics.median(value[1] for value in values)
            output = os.path.join(work, f"single-{name.replace(' ', '-')}")
            os.makedirs(output, exist_ok=True)
            wall, rss, _ = run_measured(command(output, [photo]), environments[name])
            row[name] = {"seconds": seconds, "inference": inference, "startup": wall - seconds, "rss": rss,
                         "timings": values[-1][2], "report": values[-1][3]}
        rows.append(row)

    print("| photo | bookplate s (inference) | old service s (inference) | rembg u2net s (inference) | "
          "vs old service | vs rembg u2net | bookplate outside inference / inference | start-up + session load s "
          "(bookplate / old / rembg) | peak RSS MiB (bookplate / old / rembg) | book outline |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        ours, old, plain = row["bookplate"], row["old service"], row["rembg u2net"]
        overhead = (ours["seconds"] - ours["inference"]) / ours["inference"]
        outline = ((ours["report"] or {}).get("bookOutline") or {}).get("outcome", "-")
        print(f"| {row['photo']} | {ours['seconds']:.3f} ({ours['inference']:.3f}) | "
              f"{old['seconds']:.3f} ({old['inference']:.3f}) | {plain['seconds']:.3f} ({plain['inference']:.3f}) | "
              f"{old['seconds'] / ours['seconds']:.1f}× | {plain['seconds'] / ours['seconds']:.2f}× | "
              f"{overhead * 100:.0f} % | {ours['startup']:.2f} / {old['startup']:.2f} / {plain['startup']:.2f} | "
              f"{ours['rss']:.0f} / {old['rss']:.0f} / {plain['rss']:.0f} | {outline} |")
    print()
    small = [row for row in rows if row["photo"] != TWELVE_MEGAPIXELS]
    if small:
        overheads = [(row["bookplate"]["seconds"] - row["bookplate"]["inference"]) / row["bookplate"]["inference"]
                     for row in small]
        print(f"Small fixtures: median {statistics.median(r['old service']['seconds'] / r['bookplate']['seconds'] for r in small):.1f}× "
              f"faster than the old service, {statistics.median(r['rembg u2net']['seconds'] / r['bookplate']['seconds'] for r in small):.2f}× "
              f"faster than rembg u2net; time outside inference: median {statistics.median(overheads) * 100:.0f} %, "
              f"largest {max(overheads) * 100:.0f} % of inference.")
    for row in rows:
        if row["photo"] == TWELVE_MEGAPIXELS:
            ours = row["bookplate"]
            stages = ", ".join(f"{name} {value:.0f} ms" for name, value in ours["timings"].items() if value >= 1)
            print(f"12-megapixel photo: {row['old service']['seconds'] / ours['seconds']:.1f}× faster than the old "
                  f"service, {row['rembg u2net']['seconds'] / ours['seconds']:.2f}× faster than rembg u2net; outside "
                  f"inference {(ours['seconds'] - ours['inference']) / ours['inference'] * 100:.0f} % of inference; "
                  f"bookplate stages: {stages}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
