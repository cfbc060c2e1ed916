"""Benchmarks `bookplate process` against rembg 2.0.86 side by side in one run, on the same machine, model file
and photos, and prints a Markdown report.

Measured per photo:
  * photo time: wall time of the work on one photo inside a warm process (session reused), from reading the file
    to the written PNG; bookplate's own report (read + total + write), rembg's driver around read, remove() and
    write; the median of BENCH_ROUNDS (default 3) rounds that alternate between the tools;
  * inference: time inside ONNX Runtime in that work;
  * peak RSS: of a separate process that handles only that photo (start, model load, one photo).
Then a folder of 20 photos through `bookplate process DIR` and `rembg p DIR`, whole-command wall time.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def run_measured(command, env=None):
    """Runs a command, returns (wall seconds, peak RSS in MiB, stdout)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    stdout_chunks = []
    while True:
        chunk = process.stdout.read(65536)
        if not chunk:
            break
        stdout_chunks.append(chunk)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"command failed ({process.returncode}): {' '.join(command)}\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024, b"".join(stdout_chunks).decode()


def main() -> None:
    bookplate, rembg_python, rembg_cli, model, *photos = sys.argv[1:]
    driver = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rembg_driver.py")
    models_dir = os.path.dirname(model)
    rembg_env = dict(os.environ, REMBG_HOME=models_dir)
    work = tempfile.mkdtemp(prefix="bookplate-bench-")
    ours_command = [bookplate, "process", "--model", "u2netp", "--models-dir", models_dir, "--jobs", "1", "--json"]

    # Warm batch runs: every photo in one process each side, session reused; the first photo is run twice and its
    # first (cold) run is dropped on both sides. Rounds alternate between the two tools so that a change in the
    # machine's load hits both alike; each photo's figure is its median over the rounds.
    warm = [photos[0]] + photos
    ours_rounds = {os.path.abspath(photo): [] for photo in photos}
    theirs_rounds = {os.path.abspath(photo): [] for photo in photos}
    for round_index in range(ROUNDS):
        ours_out = os.path.join(work, f"ours-{round_index}")
        theirs_out = os.path.join(work, f"rembg-{round_index}")
        os.makedirs(ours_out)
        os.makedirs(theirs_out)
        _, _, ours_lines = run_measured(ours_command + ["--output", ours_out] + warm)
        for report in [json.loads(line) for line in ours_lines.splitlines()][1:]:
            ours_rounds[os.path.abspath(report["input"])].append(report["timings"])
        _, _, theirs_lines = run_measured([rembg_python, driver, model, theirs_out] + warm, env=rembg_env)
        for report in [json.loads(line) for line in theirs_lines.splitlines()][1:]:
            theirs_rounds[os.path.abspath(report["photo"])].append(report)
    ours = {}
    for key, rounds in ours_rounds.items():
        timings = {name: statistics.median(round_timings[name] for round_timings in rounds) for name in rounds[0]}
        ours[key] = {"seconds": statistics.median((t["read"] + t["total"] + t["write"]) / 1000 for t in rounds),
                     "inference_seconds": timings["inference"] / 1000, "timings": timings}
    theirs = {key: {"seconds": statistics.median(report["seconds"] for report in rounds),
                    "inference_seconds": statistics.median(report["inference_seconds"] for report in rounds)}
              for key, rounds in theirs_rounds.items()}

    rows = []
    for photo in photos:
        key = os.path.abspath(photo)
        single_ours = os.path.join(work, "single-ours")
        single_theirs = os.path.join(work, "single-rembg")
        os.makedirs(single_ours, exist_ok=True)
        os.makedirs(single_theirs, exist_ok=True)
        ours_wall, ours_rss, _ = run_measured(ours_command + ["--output", single_ours, photo])
        theirs_wall, theirs_rss, _ = run_measured([rembg_python, driver, model, single_theirs, photo], env=rembg_env)
        rows.append({
            "photo": os.path.basename(photo),
            "ours": ours[key]["seconds"], "theirs": theirs[key]["seconds"],
            "ours_inference": ours[key]["inference_seconds"], "theirs_inference": theirs[key]["inference_seconds"],
            "ours_rss": ours_rss, "theirs_rss": theirs_rss, "ours_wall": ours_wall, "theirs_wall": theirs_wall,
            "timings": ours[key]["timings"],
        })

    print("| photo | bookplate s | rembg s | speed-up | bookplate inference s | rembg inference s | "
          "bookplate non-inference / inference | bookplate peak RSS MiB | rembg peak RSS MiB | RSS ratio | "
          "single-photo command s (bookplate / rembg) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        overhead = (row["ours"] - row["ours_inference"]) / row["ours_inference"]
        print(f"| {row['photo']} | {row['ours']:.3f} | {row['theirs']:.3f} | {row['theirs'] / row['ours']:.2f}× | "
              f"{row['ours_inference']:.3f} | {row['theirs_inference']:.3f} | {overhead * 100:.0f} % | "
              f"{row['ours_rss']:.0f} | {row['theirs_rss']:.0f} | {row['ours_rss'] / row['theirs_rss']:.2f} | "
              f"{row['ours_wall']:.2f} / {row['theirs_wall']:.2f} |")
    small = [row for row in rows if row["photo"] != "Jobs_ladeado.jpg"]
    print()
    print(f"Median speed-up on the small fixtures: "
          f"{statistics.median(row['theirs'] / row['ours'] for row in small):.2f}× (bound if bookplate did nothing "
          f"but inference: {statistics.median(row['theirs'] / row['ours_inference'] for row in small):.2f}×)")
    for row in rows:
        if row["photo"] == "Jobs_ladeado.jpg":
            stages = ", ".join(f"{name} {value:.0f} ms" for name, value in row["timings"].items() if value >= 1)
            print(f"12-megapixel photo: {row['theirs'] / row['ours']:.2f}× faster; bookplate stages: {stages}")
    print(f"Largest peak RSS ratio (bookplate / rembg): {max(row['ours_rss'] / row['theirs_rss'] for row in rows):.2f}")

    folder = os.path.join(work, "folder")
    os.makedirs(folder)
    for index in range(20):
        source = photos[index % len(photos)]
        shutil.copy(source, os.path.join(folder, f"{index:02d}-{os.path.basename(source)}"))
    ours_folder, ours_folder_rss, _ = run_measured(
        [bookplate, "process", folder, "--output", os.path.join(work, "folder-ours"), "--model", "u2netp",
         "--models-dir", models_dir])
    theirs_folder, theirs_folder_rss, _ = run_measured(
        [rembg_cli, "p", "-m", "u2net_custom", "-x", json.dumps({"model_path": model}), "-bgc", "255", "255", "255",
         "255", folder, os.path.join(work, "folder-rembg")], env=rembg_env)
    print()
    print(f"Folder of 20 photos: bookplate process {ours_folder:.2f} s ({20 / ours_folder * 60:.1f} photos/min, "
          f"peak RSS {ours_folder_rss:.0f} MiB), rembg p {theirs_folder:.2f} s ({20 / theirs_folder * 60:.1f} photos/min, "
          f"peak RSS {theirs_folder_rss:.0f} MiB): throughput ratio {theirs_folder / ours_folder:.2f}×")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
