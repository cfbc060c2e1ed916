"""Runs rembg 2.0.86 on photos with one reused session, as the benchmark's peer.

For each photo: read the bytes, rembg.remove() with a white background (the same output as
`bookplate process`: the cut-out composed on a background, PNG), write the PNG. Prints one JSON line per
photo with the wall time of that work and the time spent inside ONNX Runtime.
"""
import json
import os
import sys
import time

from rembg import new_session, remove


def main() -> None:
    model_path, output_dir, *photos = sys.argv[1:]
    session = new_session("u2net_custom", model_path=model_path)
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
        result = remove(data, session=session, bgcolor=(255, 255, 255, 255))
        stem = os.path.splitext(os.path.basename(photo))[0]
        with open(os.path.join(output_dir, stem + ".png"), "wb") as handle:
            handle.write(result)
        elapsed = time.perf_counter() - start
        print(json.dumps({"photo": photo, "seconds": elapsed, "inference_seconds": inference["seconds"]}), flush=True)


if __name__ == "__main__":
    main()
