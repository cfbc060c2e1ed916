"""Benchmarks a release build of the Bookplate service on this machine and prints a Markdown report.

1. API latency with wrk against `bookplate serve` (SQLite, no workers) seeded with 1,000 books:
   GET /books/{id} and GET /books?limit=50 at a fixed offered rate, then unpaced with growing connection
   counts to find the highest rate whose p99 stays under 50 ms.
2. Queue throughput (send → receive → acknowledge, a no-op job) with bookplate-queue-benchmark on a SQLite
   file and on the PostgreSQL server named by BOOKPLATE_TEST_POSTGRES_URL.
3. Photos per minute end to end: photos uploaded as primary through `bookplate serve` with workers, until
   every job has finished.
4. The first POST /v1/remove-background of a `bookplate serve` up for a few seconds, with the pipeline warmed at
   start-up and without (`pipeline.preload`), the official u2net.
5. Scaled out, on the moto of scripts/test-aws: queue throughput on SQS, and photos per minute through
   `bookplate serve --no-workers` with two `bookplate worker` processes on PostgreSQL, S3 and SQS.

Usage: service_benchmark.py BIN_DIR SHARED_DIR [PART...]   (parts: api, queue, photos, first, scaled; default all
five)
"""

import json
import os
import pathlib
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BIN = pathlib.Path(sys.argv[1])
SHARED = pathlib.Path(sys.argv[2])
LUA = pathlib.Path(__file__).with_name("wrk_report.lua")
KEY = "bp_" + secrets.token_hex(32)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(base, method, path, body=None, content_type="application/json"):
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + KEY)
    if data is not None:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req, timeout=60) as response:
        return json.loads(response.read() or b"null")


class Server:
    """`bookplate serve` in a fresh data folder, on a free loopback port."""

    def __init__(self, folder, workers, extra_env=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, BOOKPLATE_AUTH_BOOTSTRAP_ADMIN_KEY=KEY, BOOKPLATE_LOG_LEVEL="error",
                   BOOKPLATE_MODELS_DIR=str(SHARED / "models"), BOOKPLATE_PIPELINE_ATTEMPTS="u2netp")
        env.update(extra_env or {})
        arguments = [str(BIN / "bookplate"), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                     "--data-dir", str(folder)]
        if not workers:
            arguments.append("--no-workers")
        self.process = subprocess.Popen(arguments, env=env, stdout=subprocess.DEVNULL,
                                        stderr=open(pathlib.Path(folder).parent / "serve.log", "ab"))
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/health/ready", timeout=2).read()
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        raise RuntimeError("bookplate serve did not become ready")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)


def wrk(url, connections, seconds, delay_ms=0):
    env = dict(os.environ, BOOKPLATE_KEY=KEY, WRK_DELAY_MS=str(delay_ms))
    output = subprocess.run(
        ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s", "-s", str(LUA), url],
        env=env, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def api_latency(lines):
    with tempfile.TemporaryDirectory() as top:
        server = Server(pathlib.Path(top) / "data", workers=False)
        try:
            ids = [request(server.base, "POST", "/books", {"title": f"Book {n}", "author": "A. Writer",
                                                           "isbn": "9780306406157", "price_cents": 1200 + n,
                                                           "currency": "EUR"})["id"] for n in range(1000)]
            targets = {"GET /books/{id}": f"{server.base}/books/{ids[500]}",
                       "GET /books?limit=50": f"{server.base}/books?limit=50&offset=100"}
            lines.append("| endpoint | offered load | achieved req/s | p50 ms | p99 ms | non-2xx |")
            lines.append("|---|---|---|---|---|---|")
            sweeps = {}
            for name, url in targets.items():
                wrk(url, 4, 3)
                paced = wrk(url, 10, 20, delay_ms=20)
                lines.append(f"| {name} | 10 connections × 1 request / 20 ms (≈ 500 req/s) | {paced['rate']:.0f} | "
                             f"{paced['p50_us'] / 1000:.2f} | {paced['p99_us'] / 1000:.2f} | {paced['non_2xx']} |")
                sweeps[name] = [(c, wrk(url, c, 10)) for c in (1, 2, 4, 8, 16, 32, 64, 128)]
            lines.append("")
            lines.append("Unpaced (closed loop), 10 s per step; the highest rate whose p99 stays under 50 ms:")
            lines.append("")
            lines.append("| endpoint | connections | req/s | p50 ms | p99 ms |")
            lines.append("|---|---|---|---|---|")
            for name, runs in sweeps.items():
                for connections, run in runs:
                    lines.append(f"| {name} | {connections} | {run['rate']:.0f} | {run['p50_us'] / 1000:.2f} | "
                                 f"{run['p99_us'] / 1000:.2f} |")
            lines.append("")
            for name, runs in sweeps.items():
                good = [run for _, run in runs if run["p99_us"] < 50_000 and run["non_2xx"] == 0]
                best = max(good, key=lambda run: run["rate"]) if good else None
                lines.append(f"- **{name}**: highest rate with p99 < 50 ms: "
                             + (f"**{best['rate']:.0f} req/s** (p99 {best['p99_us'] / 1000:.1f} ms)" if best else "none"))
        finally:
            server.stop()


def queue_throughput(lines):
    lines.append("| engine | jobs | producers / consumers | batch (sent, claimed, acknowledged at once) | enqueue /s | "
                 "claim → complete /s | enqueue and claim → complete at once, /s |")
    lines.append("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as top:
        urls = [f"sqlite:{top}/queue.sqlite"]
        if os.environ.get("BOOKPLATE_TEST_POSTGRES_URL"):
            urls.append(os.environ["BOOKPLATE_TEST_POSTGRES_URL"])
        for url in urls:
            for batch in ("1", "10"):
                output = subprocess.run([str(BIN / "QueueBenchmark"), "--database-url", url, "--jobs", "20000",
                                         "--batch", batch], capture_output=True, text=True, check=True).stdout
                result = json.loads(output.strip().splitlines()[-1])
                lines.append(f"| {result['engine']} | {result['jobs']} | {result['producers']} / {result['consumers']} | "
                             f"{result['batch']} | {result['enqueue_per_second']} | "
                             f"{result['claim_complete_per_second']} | {result['end_to_end_per_second']} |")


def upload_and_wait(server, count):
    """Uploads `count` fixture photos as primary to as many books; returns (completed, finished, seconds)."""
    photos = sorted((SHARED / "fixtures" / "books").glob("*.jpg")) + sorted((SHARED / "fixtures" / "books").glob("*.png"))
    photos += sorted((SHARED / "fixtures" / "rembg" / "inputs").glob("*"))
    start = time.time()
    jobs = []
    for n in range(count):
        book = request(server.base, "POST", "/books", {"title": f"Photo book {n}"})["id"]
        photo = photos[n % len(photos)]
        request(server.base, "POST", f"/books/{book}/photos?is_primary=true&image_type=cover",
                photo.read_bytes(), content_type="application/octet-stream")
        jobs.append(book)
    finished = {}
    while len(finished) < count and time.time() - start < 1800:
        for book in jobs:
            if book in finished:
                continue
            items = request(server.base, "GET", f"/books/{book}/jobs")["items"]
            if items and items[0]["status"] in ("completed", "failed", "permanently_failed"):
                finished[book] = items[0]["status"]
        time.sleep(0.2)
    completed = sum(1 for status in finished.values() if status == "completed")
    return completed, len(finished), time.time() - start


def photos_per_minute(lines):
    """Photos per minute through one embedded `bookplate serve` (SQLite, local files, the database queue)."""
    count = 20
    concurrency = os.environ.get("BOOKPLATE_WORKER_CONCURRENCY", "2")
    with tempfile.TemporaryDirectory() as top:
        server = Server(pathlib.Path(top) / "data", workers=True,
                        extra_env={"BOOKPLATE_WORKER_CONCURRENCY": concurrency, "BOOKPLATE_PIPELINE_SHAPE_FLOOR": "0",
                                   "BOOKPLATE_PIPELINE_INTRA_OP_THREADS": "1"})
        try:
            completed, finished, elapsed = upload_and_wait(server, count)
        finally:
            server.stop()
    lines.append(f"{count} photos (the fixtures, cycled) uploaded as primary to {count} books through "
                 f"`bookplate serve` (SQLite, local files, the database queue; u2netp, worker concurrency {concurrency}, "
                 f"one inference thread per job): {completed} completed, {finished - completed} failed, in "
                 f"{elapsed:.1f} s = **{completed / elapsed * 60:.1f} photos/minute** (upload to last job finished).")


def timed_removal(server, photo):
    """Seconds one POST /v1/remove-background of `photo` takes, answered with the PNG."""
    req = urllib.request.Request(server.base + "/v1/remove-background", data=photo, method="POST")
    req.add_header("Authorization", "Bearer " + KEY)
    req.add_header("Content-Type", "image/jpeg")
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as response:
        response.read()
    return time.perf_counter() - start


def first_request(lines):
    """The first /v1/remove-background request of a `bookplate serve` up for 3 s, with the pipeline warmed at
    start-up (`pipeline.preload`, the default) and without, three rounds each, alternated; the second request of the
    same process as the warm reference. The official u2net and the default attempt list."""
    models = BIN.parent.parent / "bookplate-data" / "models"
    photo = (SHARED / "fixtures" / "books" / "book1.jpg").read_bytes()
    times = {"true": [], "false": []}
    for _ in range(3):
        for preload in ("true", "false"):
            with tempfile.TemporaryDirectory() as top:
                server = Server(pathlib.Path(top) / "data", workers=False,
                                extra_env={"BOOKPLATE_MODELS_DIR": str(models), "BOOKPLATE_PIPELINE_PRELOAD": preload,
                                           "BOOKPLATE_PIPELINE_ATTEMPTS": "u2net+refine,u2net+refine,isnet-general-use"})
                try:
                    time.sleep(3)
                    times[preload].append((timed_removal(server, photo), timed_removal(server, photo)))
                finally:
                    server.stop()
    lines.append("| `pipeline.preload` | first request s (each round) | median | second request s (median) |")
    lines.append("|---|---|---|---|")
    medians = {}
    for preload, runs in times.items():
        firsts = sorted(first for first, _ in runs)
        seconds = sorted(second for _, second in runs)
        medians[preload] = firsts[1]
        lines.append(f"| {preload} | {', '.join(f'{first:.2f}' for first, _ in runs)} | {firsts[1]:.2f} | "
                     f"{seconds[1]:.2f} |")
    lines.append("")
    lines.append(f"`book1.jpg` (449 × 605) with u2net, the model file in the page cache: the first request takes "
                 f"**{medians['false'] / medians['true']:.2f}×** as long without the warm-up as with it.")


def moto_resources(kind):
    """A new bucket (`bucket`) or queue URL (`queue`) on the moto of scripts/test-aws, made with its boto3."""
    script = (
        "import boto3, os, sys, uuid\n"
        "endpoint = os.environ['BOOKPLATE_TEST_MOTO_URL']\n"
        "name = 'bench-' + uuid.uuid4().hex[:12]\n"
        "if sys.argv[1] == 'bucket':\n"
        "    boto3.client('s3', endpoint_url=endpoint).create_bucket(Bucket=name); print(name)\n"
        "else:\n"
        "    print(boto3.client('sqs', endpoint_url=endpoint).create_queue(QueueName=name)['QueueUrl'])\n")
    python = BIN.parent.parent / ".venv-moto" / "bin" / "python"
    return subprocess.run([str(python), "-c", script, kind], capture_output=True, text=True, check=True).stdout.strip()


def scaled_out(lines):
    """Queue throughput on SQS (moto) and photos per minute with two workers on PostgreSQL, S3 and SQS."""
    lines.append("| queue | jobs | producers / consumers | batch | enqueue /s | claim → complete /s | both at once, /s |")
    lines.append("|---|---|---|---|---|---|---|")
    for batch in ("1", "10"):
        output = subprocess.run([str(BIN / "QueueBenchmark"), "--queue-url", moto_resources("queue"), "--jobs", "500",
                                 "--batch", batch], capture_output=True, text=True, check=True).stdout
        result = json.loads(output.strip().splitlines()[-1])
        lines.append(f"| SQS (moto, signature checks on) | {result['jobs']} | {result['producers']} / {result['consumers']} | "
                     f"{result['batch']} | {result['enqueue_per_second']} | "
                     f"{result['claim_complete_per_second']} | {result['end_to_end_per_second']} |")
    count = 20
    env = {"BOOKPLATE_DATABASE_URL": os.environ["BOOKPLATE_TEST_POSTGRES_URL"],
           "BOOKPLATE_STORAGE_URL": "s3://" + moto_resources("bucket"),
           "BOOKPLATE_STORAGE_ENDPOINT": os.environ["BOOKPLATE_TEST_MOTO_URL"], "BOOKPLATE_STORAGE_PATH_STYLE": "true",
           "BOOKPLATE_QUEUE_URL": moto_resources("queue"), "BOOKPLATE_QUEUE_WAIT_SECONDS": "1",
           "BOOKPLATE_PIPELINE_SHAPE_FLOOR": "0", "BOOKPLATE_PIPELINE_INTRA_OP_THREADS": "1"}
    with tempfile.TemporaryDirectory() as top:
        data = pathlib.Path(top) / "data"
        server = Server(data, workers=False, extra_env=env)
        worker_env = dict(os.environ, BOOKPLATE_LOG_LEVEL="error", BOOKPLATE_MODELS_DIR=str(SHARED / "models"),
                          BOOKPLATE_PIPELINE_ATTEMPTS="u2netp", **env)
        workers = [subprocess.Popen([str(BIN / "bookplate"), "worker", "--data-dir", str(data)], env=worker_env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
        try:
            completed, finished, elapsed = upload_and_wait(server, count)
        finally:
            server.stop()
            for worker in workers:
                worker.terminate()
                worker.wait(timeout=60)
    lines.append("")
    lines.append(f"{count} photos (the fixtures, cycled) uploaded as primary to {count} books through "
                 f"`bookplate serve --no-workers` with two `bookplate worker` processes (one job at a time each, "
                 f"u2netp, one inference thread per job) on PostgreSQL, S3 and SQS (moto): {completed} completed, {finished - completed} failed, in "
                 f"{elapsed:.1f} s = **{completed / elapsed * 60:.1f} photos/minute** (upload to last job finished).")
    lines.append("")
    lines.append(f"moto itself, one signed call at a time (boto3 `GetQueueAttributes`, median of 50): "
                 f"{moto_call_milliseconds():.1f} ms per call.")


def moto_call_milliseconds():
    """The median time moto takes to answer one signed SQS call, measured with its own boto3."""
    script = (
        "import boto3, os, statistics, time\n"
        "sqs = boto3.client('sqs', endpoint_url=os.environ['BOOKPLATE_TEST_MOTO_URL'])\n"
        "url = sqs.create_queue(QueueName='bench-latency')['QueueUrl']\n"
        "times = []\n"
        "for _ in range(50):\n"
        "    start = time.perf_counter(); sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['All'])\n"
        "    times.append(time.perf_counter() - start)\n"
        "print(statistics.median(times) * 1000)\n")
    python = BIN.parent.parent / ".venv-moto" / "bin" / "python"
    return float(subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=True).stdout)


def main():
    parts = sys.argv[3:] or ["api", "queue", "photos", "first", "scaled"]
    machine = subprocess.run(["uname", "-srm"], capture_output=True, text=True).stdout.strip()
    lines = [f"Machine: {os.cpu_count()} cores, {machine}; every client runs on the same machine as the server.", ""]
    if "api" in parts:
        lines += ["### API latency (wrk)", ""]
        api_latency(lines)
    if "queue" in parts:
        lines += ["", "### Queue throughput (bookplate-queue-benchmark)", ""]
        queue_throughput(lines)
    if "photos" in parts:
        lines += ["", "### Photos per minute through `bookplate serve`", ""]
        photos_per_minute(lines)
    if "first" in parts:
        lines += ["", "### The first request after start-up, with and without the pipeline's warm-up", ""]
        first_request(lines)
    if "scaled" in parts:
        lines += ["", "### Scaled out: SQS queue throughput, photos per minute on PostgreSQL, S3 and SQS", ""]
        scaled_out(lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
