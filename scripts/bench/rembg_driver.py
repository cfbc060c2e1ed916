"""Runs rembg 2.0.86 on photos with one reused session, as the benchmark's peer.

Usage: rembg_driver.py [--alpha-matting] MODEL_PATH OUTPUT_DIR PHOTO...

For each photo: read the bytes, rembg.remove() with a white background (the same output as
`bookplate process`: the cut-out composed on a background, PNG), write the PNG. With --alpha-matting, remove()
runs rembg's alpha matting with its default thresholds (foreground 240, background 10, erosion 10), as the old
service's image-processor handler called it. Prints one JSON line per photo with the wall time of that work and
the time spent inside ONNX Runtime; the session's load time goes to standard error as one JSON line.
"""
import json
import os
import sys
import time

from rembg import new_session, remove


def main() -> None:
    arguments = sys.argv[1:]
    alpha_matting = arguments[0] == "--alpha-matting"
    if alpha_matting:
        arguments = arguments[1:]
    model_path, output_dir, *photos = arguments
    load_start = time.perf_counter()
    session = new_session("u2net_custom", model_path=model_path)
    print(json.dumps({"session_seconds": time.perf_counter() - load_start}), file=sys.stderr, flush=True)
    inference = {"seconds": 0.0}
    run = session.inner_session.run

    def timed_run(*args, **kwargs):
        start = time.perf_counter()
        try:
            return run(*args, **kwargs)
        finally:
            inference["seconds"] += time.perf_counter() - start

    session.inner_session.run = timed_run
    for photo in photos:
        inference["seconds"] = 0.0
        start = time.perf_counter()
        with open(photo, "rb") as handle:
            data = handle.read()
        result = remove(data, session=session, bgcolor=(255, 255, 255, 255), alpha_matting=alpha_matting)
        stem = os.path.splitext(os.path.basename(photo))[0]
        with open(os.path.join(output_dir, stem + ".png"), "wb") as handle:
            handle.write(result)
        elapsed = time.perf_counter() - start
        print(json.dumps({"photo": photo, "seconds": elapsed, "inference_seconds": inference["seconds"]}), flush=True)


if __name__ == "__main__":
    main()
